"""``python -m guidekit <command>``: tools for the authors of a guide.

``assets`` writes the components' script and styles into a docs folder,
for hosts that load them through ``extra_javascript`` and ``extra_css``
(Zensical); ``check`` checks the quizzes, checklists and the pages that place them without
building the site (``check.py``); ``schema`` writes the JSON Schemas of quiz
and checklist files for editors (``schema.py``); ``outline`` prints each quiz
as an outline for reviewers (``quiz/outline.py``). The help the commands
print is plain text (``DESCRIPTION`` here and in each module), and states
the same exit statuses as the code: 0 when all is well, 1 when a check
fails, 2 when the command line or the project is wrong.
"""

from __future__ import annotations

import argparse
import sys

from . import check, schema
from .quiz import outline

DESCRIPTION = """\
Tools for the authors of a guide. "python -m guidekit COMMAND --help" says
more about each command.

Exit status: 0 when all is well, 1 when a check finds a problem, 2 when the
command line is wrong (such as a path that does not exist) or the project
can't be read.
"""


ASSETS_DESCRIPTION = """\
Write the script and styles of the quizzes, checklists and Exit this page
into DOCS_DIR/assets/guidekit/ (guidekit.js and guidekit.css), for a site
built by a host other than MkDocs' plugin, such as Zensical, which loads
them through extra_javascript and extra_css:

  extra_javascript: [assets/guidekit/guidekit.js]
  extra_css: [assets/guidekit/guidekit.css]

The MkDocs plugin writes its own copy (with a hashed name) and skips these.
Run it again after upgrading guidekit.
"""


def add_assets_command(sub) -> None:
    command = sub.add_parser("assets", help="write the components' script and styles into a docs folder",
                             description=ASSETS_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("docs_dir", metavar="DOCS_DIR", help="the docs folder of the site (docs_dir in mkdocs.yml)")
    command.set_defaults(run=run_assets)


def run_assets(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .core.guide import bundle
    from .extension import ASSET_PATHS

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{check,schema,outline,assets}")
    check.add_command(sub)
    schema.add_command(sub)
    outline.add_command(sub)
    add_assets_command(sub)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
