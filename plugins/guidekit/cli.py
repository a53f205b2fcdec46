"""The command line, ``python -m guidekit <command>``: tools for the
authors of a guide, all in this module. The work itself is done elsewhere.

``check`` checks the quizzes, checklists and the pages that place them
without building the site (``check.py``); ``schema`` writes the JSON Schemas
of quiz and checklist files for editors (``schema.py``); ``outline`` prints
each quiz as an outline for reviewers (``quiz/outline.py``); ``assets``
writes the components' script and styles into a docs folder, for hosts that
load them through ``extra_javascript`` and ``extra_css`` (Zensical). The
help the commands print is plain text, and states the same exit statuses as
the code: 0 when all is well, 1 when a check fails, 2 when the command line
or the project is wrong.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import ConfigurationError, PluginError

from .check import ProjectError, data_kind, find_config, path_problem, run_check
from .guide import Guide, bundle
from .core.problems import Problems
from .config import plugin_options
from .extension import ASSET_PATHS
from .quiz.outline import make_outline, to_text
from .schema import generate

DESCRIPTION = """\
Tools for the authors of a guide. "python -m guidekit COMMAND --help" says
more about each command.

Exit status: 0 when all is well, 1 when a check finds a problem, 2 when the
command line is wrong (such as a path that does not exist) or the project
can't be read.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{check,schema,outline,assets}")
    add_check(sub)
    add_schema(sub)
    add_outline(sub)
    add_assets(sub)
    args = parser.parse_args(argv)
    return args.run(args)


# --- check ------------------------------------------------------------

CHECK_DESCRIPTION = """\
Check a guide without building it: every quiz and checklist, and every page
that places one. Problems are shown as the build shows them, one per line,
as "file:line: what is wrong". Nothing is written.

PATH is the project folder (the one with mkdocs.yml), a folder inside it,
or mkdocs.yml itself. The check reads paths as if it were started in the
folder of mkdocs.yml, wherever it is started from.

Exit status: 0 when all is well; 1 when there is an error (or, with
--strict, a warning); 2 when PATH does not exist or is not a project, or
the project can't be read (a wrong setting in mkdocs.yml, or a page that
fails to render).
"""


class _Count(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []

    def emit(self, record):
        self.warnings.append(record.getMessage())


def add_check(sub) -> None:
    check = sub.add_parser("check", help="check quizzes, checklists and the pages that place them",
                           description=CHECK_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("path", nargs="?", default=".", metavar="PATH",
                       help="the project folder, a folder inside it, or mkdocs.yml (default: the current folder)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=run_check_command)


def run_check_command(args: argparse.Namespace) -> int:
    problem = path_problem(args.path)
    if problem:
        print(problem, file=sys.stderr)
        return 2
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


# --- schema -----------------------------------------------------------

def add_schema(sub) -> None:
    parser = sub.add_parser(
        "schema", help="write the JSON Schemas of quiz and checklist files (for editors)",
        usage="python -m guidekit schema --out DIR [--check]",
        description="Write quiz.schema.json and checklist.schema.json, the JSON Schemas (draft-07) "
        "of quiz and checklist files, for editors that check YAML against a schema. "
        "Exit status: 0 when they are written (or, with --check, up to date); 1 when --check finds "
        "one missing or out of date; 2 when --out is missing or DIR is not a folder you can write to.",
    )
    parser.add_argument("--out", metavar="DIR",
                        help="the folder to write them to; created if missing (required)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the files in DIR are missing or out of date")
    parser.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    if args.out is None:
        print("schema: say where to write the schemas, as in: python -m guidekit schema --out schemas",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"{out}: not a folder", file=sys.stderr)
        return 2
    schemas = generate()
    if args.check:
        stale = [name for name, text in schemas.items()
                 if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{out / name}: missing or out of date; run: python -m guidekit schema --out {out}", file=sys.stderr)
        if not stale:
            print(f"{out}: schemas up to date")
        return 1 if stale else 0
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in schemas.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"{e.filename or out}: cannot write the schemas: {e.strerror or e}", file=sys.stderr)
        return 2
    for name in schemas:
        print(f"wrote {out / name}")
    return 0


# --- outline ----------------------------------------------------------

def add_outline(sub) -> None:
    """``python -m guidekit outline FILE...``"""
    parser = sub.add_parser(
        "outline", help="print the outline of quiz files (for reviewers)",
        description="Print each quiz as an outline: every question, each answer, and where it leads. "
        "The same outline shows on a page with <!-- quiz-outline ID -->. "
        "Exit status: 0 when every file is printed; 1 when a quiz has errors (they are shown instead); "
        "2 when a file can't be read or is not a quiz.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="quiz files (.yml)")
    parser.set_defaults(run=run_outline)


def run_outline(args) -> int:
    """Print the outline of each file; a file with errors gets its messages
    (as the build gives them, read by the build's own loader) instead, and
    the exit status is 1; a file that can't be read, or is not a quiz,
    makes it 2."""
    guide = Guide(plugin_options({}))
    status = 0
    for number, path in enumerate(args.files):
        guide.problems, guide.entries = Problems(str(path)), {}
        entry, unusable = None, False
        try:
            data = path.read_bytes()
        except OSError as e:
            guide.problems.error(0, f"the file can't be read ({e.strerror})")
            unusable = True  # a wrong command line rather than a quiz with errors
        else:
            if data_kind(path) == "checklist":
                print(f"{path}: this is a checklist, not a quiz: the outline is for quizzes only", file=sys.stderr)
                status = 2
                continue
            entry = guide.load_file("quiz", path.name, data, str(path))
        for problem in guide.problems.items:
            print(("warning: " if problem.warning else "") + str(problem), file=sys.stderr)
        if entry is None:
            status = max(status, 2 if unusable else 1)
            continue
        print(("\n" if number else "") + to_text(make_outline(entry.model.quiz, entry.model.ident), guide.words), end="")
    return status


# --- assets -----------------------------------------------------------

ASSETS_DESCRIPTION = """\
Write the script and styles of the quizzes, checklists and Exit this page
into DOCS_DIR/assets/guidekit/ (guidekit.js and guidekit.css), for a site
built by a host other than MkDocs' plugin, such as Zensical, which loads
them through extra_javascript and extra_css:

  extra_javascript: [assets/guidekit/guidekit.js]
  extra_css: [assets/guidekit/guidekit.css]

The MkDocs plugin writes its own copy (with a hashed name) and skips these.
Run it again after upgrading guidekit.

Exit status: 0 when the files are written (or already up to date); 2 when
DOCS_DIR is not a folder.
"""


def add_assets(sub) -> None:
    command = sub.add_parser("assets", help="write the components' script and styles into a docs folder",
                             description=ASSETS_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("docs_dir", metavar="DOCS_DIR", help="the docs folder of the site (docs_dir in mkdocs.yml)")
    command.set_defaults(run=run_assets)


def run_assets(args: argparse.Namespace) -> int:
    folder = Path(args.docs_dir)
    if not folder.is_dir():
        print(f"{args.docs_dir}: no such folder; give the docs folder of the site (docs_dir in mkdocs.yml)", file=sys.stderr)
        return 2
    made = bundle()
    for rel, text in zip(ASSET_PATHS, (made.js, made.css)):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text("utf-8") != text:
            target.write_text(text, encoding="utf-8")
        print(target.as_posix())
    return 0
