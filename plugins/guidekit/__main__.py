"""``python -m guidekit <command>``: tools for the authors of a guide.

``check`` checks the quizzes, checklists and the pages that place them without
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{check,schema,outline}")
    check.add_command(sub)
    schema.add_command(sub)
    outline.add_command(sub)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
