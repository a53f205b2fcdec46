"""What a component (quiz, checklist) provides to the build.

A component lives in a folder of its own holding its model and checks
(``model.py``, ``checks.py``), its template (``<kind>.html``), its script
(``<kind>.js``) and its styles (``<kind>.css``). The build finds its data
files in ``docs_dir/<folder>/*.yml``, loads and checks them once per build,
and renders the template wherever a page places one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from markupsafe import Markup

from .problems import Problems
from .yamlfile import Loaded


@dataclass
class RenderContext:
    """What a component's ``context()`` may use while rendering for one page."""

    markdown: Callable[[str, int], Markup]  # (text, line in the YAML file) -> HTML
    words: dict[str, str]
    dom_id: str  # unique on the page: prefix for element ids


class Component(Protocol):
    kind: str  # the word in the page comment: <!-- quiz readiness -->
    plural: str  # "quizzes": the default content folder and the word in messages
    folder: Path  # the package folder with the template, script and styles

    def load(self, loaded: Loaded, ident: str, problems: Problems) -> Any | None:
        """Validate the loaded YAML; return the model, or None after adding problems."""

    def context(self, model: Any, ctx: RenderContext) -> dict[str, Any]:
        """The variables the component's template receives (besides ``words``)."""


def component_files(component: Component) -> tuple[Path, Path, str]:
    return (component.folder / f"{component.kind}.js",
            component.folder / f"{component.kind}.css",
            f"{component.kind}.html")
