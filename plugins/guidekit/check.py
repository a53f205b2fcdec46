"""``python -m guidekit check [PATH]``: check a guide without building it.

Loads every quiz and checklist file, reads every page that places one, renders
the Markdown inside the data (so links are checked) and reports the same
``path:line: message`` lines as ``mkdocs build``. Exit status 0 when all is
well, 1 when there is an error (or, with ``--strict``, a warning), 2 when the
project itself cannot be read (its mkdocs.yml, or a page that fails to
render). Nothing is written. The check runs in the folder of mkdocs.yml, as
if started there, so settings with paths relative to it (such as the
``base_path`` of pymdownx.snippets) work from anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from .build import GuideBuild
from .config import GuidekitConfig


class _Count(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []

    def emit(self, record):
        self.warnings.append(record.getMessage())


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
        guide = GuideBuild(config, plugin_options(config))
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


def add_command(sub) -> None:
    check = sub.add_parser("check", help="check quizzes, checklists and the pages that place them",
                           description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("path", nargs="?", default=".", help="the docs folder, the project folder or mkdocs.yml (default: .)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=run)


def main(argv: list[str] | None = None) -> int:
    """The whole ``python -m guidekit`` command line (``check`` and the others)."""
    from .__main__ import main as cli

    return cli(argv)


def run(args: argparse.Namespace) -> int:
    config_file = find_config(Path(args.path))
    if config_file is None:
        print(f"{args.path}: no mkdocs.yml here or in a folder above", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    counter = _Count()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        run_check(config_file)
    except ConfigurationError as e:
        print(f"{config_file}: {e}", file=sys.stderr)
        return 2
    except ProjectError as e:
        print(str(e), file=sys.stderr)
        return 2
    except PluginError as e:
        print(str(e), file=sys.stderr)
        return 1
    finally:
        logger.removeHandler(counter)
    if counter.warnings and args.strict:
        print(f"{len(counter.warnings)} warning(s), and --strict is on", file=sys.stderr)
        return 1
    print(f"{config_file.parent}: guide data OK" + (f" ({len(counter.warnings)} warning(s))" if counter.warnings else ""))
    return 0
