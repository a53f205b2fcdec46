"""One autoescaped Jinja environment for the component templates.

A site overrides a template by putting a file of the same name in
``<custom_dir>/guidekit/`` (``site_overrides/guidekit/quiz.html``).
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def make_environment(custom_dir: str | None, folders: list[Path]) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if custom_dir:
        loaders.append(jinja2.FileSystemLoader(str(Path(custom_dir) / "guidekit")))
    loaders.append(jinja2.FileSystemLoader([str(f) for f in folders]))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
