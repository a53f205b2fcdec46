"""``python -m guidekit check [PATH]``: check a guide without building it.

Loads every quiz and checklist file, reads every page that places one, renders
the Markdown inside the data (so links are checked) and reports the same
``path:line: message`` lines as ``mkdocs build``. Exit status 0 when all is
well, 1 when there is an error (or, with ``--strict``, a warning), 2 when the
path does not exist or is a file other than mkdocs.yml (a typing mistake must
never read as "OK"), or the project itself cannot be read (its mkdocs.yml, or
a page that fails to render). ``DESCRIPTION`` is the same in plain words, for
``--help``. Nothing is written. The check runs in the folder of mkdocs.yml, as
if started there, so settings with paths relative to it (such as the
``base_path`` of pymdownx.snippets) work from anywhere.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from .build import GuideBuild, take_over_extension
from .config import GuidekitConfig



class ProjectError(Exception):
    """The project itself cannot be read: its mkdocs.yml, or one of its pages."""


class _ConfigErrors(logging.Filter):
    """Keeps MkDocs' own log lines of configuration errors, to report them
    once and as ours (MkDocs only logs them, then aborts)."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record):
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())
            return False
        return True


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


def top_keys(path: Path) -> set[str]:
    """The keys at the top of a YAML file, read as text (a file with
    mistakes in it has them too)."""
    try:
        return set(_TOP_KEY.findall(path.read_text(encoding="utf-8", errors="replace")[:200_000]))
    except OSError:
        return set()


def is_mkdocs_config(path: Path) -> bool:
    return path.name in ("mkdocs.yml", "mkdocs.yaml") or (
        path.suffix in (".yml", ".yaml") and "site_name" in top_keys(path))


def data_kind(path: Path) -> str | None:
    """``"quiz"`` or ``"checklist"`` when ``path`` looks like one of those files."""
    if path.suffix not in (".yml", ".yaml"):
        return None
    keys = top_keys(path)
    if keys & {"questions", "outcomes", "start"}:
        return "quiz"
    if "checks" in keys:
        return "checklist"
    return None


def path_problem(shown: str) -> str | None:
    """Why the path ``shown`` (as given) can't be checked, or None: it does
    not exist, or it is a file other than mkdocs.yml."""
    path = Path(shown)
    if not path.exists():
        return f"{shown}: no such file or folder"
    if path.is_dir() or is_mkdocs_config(path):
        return None
    kind = data_kind(path)
    if kind:
        return (f"{shown}: this is a {kind} file; give the project folder (the one with mkdocs.yml) "
                f"to check every quiz and checklist, and the pages that place them")
    return f"{shown}: not a folder or mkdocs.yml; give the project folder (the one with mkdocs.yml)"


def find_config(path: Path) -> Path | None:
    """``mkdocs.yml`` at ``path`` (a file), in it (a folder) or above it."""
    path = path.resolve()
    if path.is_file():
        return path
    for folder in (path, *path.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


def plugin_options(config) -> GuidekitConfig:
    plugin = config.plugins.get("guidekit")
    if plugin is not None:
        return plugin.config
    options = GuidekitConfig()
    options.load_dict({})
    options.validate()
    return options


def load_project_config(config_file: Path):
    """MkDocs' configuration; ProjectError lists its errors (ConfigurationError
    when the file is not YAML at all)."""
    errors = _ConfigErrors()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(errors)
    try:
        return load_config(str(config_file))
    except Abort as e:
        what = f"\n{config_file}: ".join(errors.messages) or str(e)  # one line per error
        raise ProjectError(f"{config_file}: {what}") from None
    finally:
        logger.removeFilter(errors)


def run_check(config_file: Path) -> None:
    """Raise PluginError on errors in the guide data, ProjectError when the
    project cannot be read; warnings go to the ``mkdocs`` loggers."""
    config_file = Path(config_file).resolve()
    with contextlib.chdir(config_file.parent):
        config = load_project_config(config_file)
        guide = GuideBuild(config, take_over_extension(config, plugin_options(config)))
        files = guide.load_data(get_files(config))
        for file in files.documentation_pages():
            page = Page(None, file, config)
            try:
                page.read_source(config)
                guide.find_placements(page.markdown or "", page)
                page.render(config, files)
                page.content = guide.render_placements(page.content or "", page)
            except PluginError:
                raise
            except Exception as e:  # an extension or a file the page includes
                raise ProjectError(f"{guide.shown(file.abs_src_path)}: the page can't be rendered: "
                                   f"{type(e).__name__}: {_one_line(e)}") from None
        guide.finish_checks()
