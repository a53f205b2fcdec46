"""Large, deep and self-multiplying inputs through the real build path.

A 10 MB file, quizzes and checklists of 100,000 YAML nodes and more, 10,000
levels of nesting (and the most that fits under the size limit), and "billion
laughs" documents made of anchors and aliases: ``mkdocs build`` and ``python
-m guidekit check`` end each with a ``path:line: message`` error, or with a
result, and never with a traceback.

Every run is a subprocess with a cap on its address space (2 GB) and on
the CPU time it may use (60 s): they are guards, not measurements, so that
a regression fails here instead of hanging the suite or eating the machine.
CPU time, not the clock, bounds the work, so a busy machine does not fail
the test; the clock limit (10 minutes) only catches a process that waits
for ever. The tests are marked slow: `make test SLOW=1` and CI run them.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import make_project

MEMORY = 2 * 1024**3  # bytes of address space
CPU = 60  # seconds of CPU time
WAIT = 600  # seconds on the clock

pytestmark = pytest.mark.slow


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU, CPU + 5))


@dataclass
class Run:
    returncode: int
    output: str


def run(args: list[str], cwd: Path) -> Run:
    try:
        proc = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=WAIT,
                              preexec_fn=_limit, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args[:3])} did not end within {WAIT} s on the clock", pytrace=False)
    if proc.returncode == -signal.SIGXCPU:
        pytest.fail(f"{' '.join(args[:3])} used more than {CPU} s of CPU time", pytrace=False)
    return Run(proc.returncode, proc.stdout + proc.stderr)


def both_ways(project: Path) -> list[tuple[str, Run]]:
    return [("mkdocs build", run(["-m", "mkdocs", "build", "-d", str(project / "site")], project)),
            ("guidekit check", run(["-m", "guidekit", "check", str(project)], project))]


# ---------------------------------------------------------------------------
# The inputs


def question(i: int, target: str) -> str:
    return f"  q{i}: {{text: Question {i}, options: [{{label: Go on, next: {target}}}, {{label: Stop, next: end}}]}}\n"


def chain(n: int, last: str = "end", target=lambda i: f"q{i + 1}") -> str:
    """A quiz of ``n`` questions, each leading to the next (about 11 YAML nodes each)."""
    lines = ["title: Long\nstart: q0\nquestions:\n"]
    lines += [question(i, target(i) if i + 1 < n else last) for i in range(n)]
    lines.append("outcomes:\n  end: {title: End, body: Done.}\n")
    return "".join(lines)


def checklist(phrases: int) -> str:
    items = ", ".join(f"p{i}" for i in range(phrases))
    return f"title: Long\nchecks:\n  - id: many\n    label: Many\n    why: Many.\n    rule:\n      kind: avoid\n      phrases: [{items}]\n"


LOL = "title: Laughs\n" + "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]\n" for i in range(1, 10))
FLOW_LOL = "title: [&a [x, x, x, x, x, x, x, x], &b [" + ", ".join(["*a"] * 8) + "], &c [" + ", ".join(["*b"] * 8) + "]]\n"
MERGE = "base: &base {title: Base}\nquiz:\n  <<: *base\n"
BIG_ANCHOR = "big: &big [" + ", ".join(["word"] * 50_000) + "]\n" + "".join(f"copy{i}: *big\n" for i in range(10_000))

TEN_MB = "# " + "x" * 98 + "\n"

# (name, folder, file text, expected "line: message" start, or None for a build that succeeds)
CASES = [
    ("ten-megabytes", "quizzes", TEN_MB * 100_000, "1: the file is larger than 2 MB"),
    ("twenty-thousand-questions", "quizzes", chain(20_000), None),
    ("twenty-thousand-in-a-loop", "quizzes", chain(20_000, last="q0"), "20003: cycle: q0 → q1 → q2 → q3 → q4 → … (19991 more) …"),
    ("hundred-thousand-phrases", "checklists", checklist(100_000), "8: 'phrases' has 100000 items: keep it to 300 at most"),
    ("hundred-thousand-unknown-keys", "quizzes", "".join(f"key{i}: {i}\n" for i in range(100_000)),
     "1: unknown key 'key0'"),
    ("hundred-thousand-duplicate-keys", "quizzes", "title: A\n" * 100_000, "2: duplicate key 'title' (first on line 1)"),
    ("ten-thousand-brackets", "quizzes", "title: " + "[" * 10_000 + "]" * 10_000 + "\n", "1: YAML syntax error"),
    ("ten-thousand-braces", "quizzes", "title: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n", "1: YAML syntax error"),
    ("brackets-up-to-the-size-limit", "quizzes", "title: " + "[" * 1_990_000 + "\n", "1: YAML syntax error"),
    ("ten-thousand-dashes", "quizzes", "title:\n" + "- " * 10_000 + "x\n", "2: the data is nested more than 50 levels deep"),
    ("ten-thousand-indented-levels", "quizzes", "".join(" " * i + "a:\n" for i in range(10_000)),
     "1: the file is larger than 2 MB"),
    ("deepest-indentation-under-the-limit", "quizzes", "".join(" " * i + "a:\n" for i in range(1_990)),
     "52: the data is nested more than 50 levels deep"),
    ("billion-laughs", "quizzes", LOL, "3: anchors and aliases ('&name', '*name') are not supported"),
    ("billion-laughs-in-flow", "quizzes", FLOW_LOL, "1: anchors and aliases ('&name', '*name') are not supported"),
    ("merge-key", "quizzes", MERGE, "3: merge keys ('<<') are not supported"),
    ("many-aliases-of-a-big-list", "quizzes", BIG_ANCHOR, "2: anchors and aliases ('&name', '*name') are not supported"),
    ("twenty-thousand-missing-targets", "quizzes", chain(20_000, target=lambda i: f"x{i}", last="x"),
     "4: option 'Go on' of question 'q0' leads to 'x0', which is not a question or outcome of this quiz"),
]


@pytest.mark.parametrize("name, folder, text, expected", CASES, ids=[c[0] for c in CASES])
def test_large_input_ends_with_a_clear_error_or_a_result(tmp_path, name, folder, text, expected):
    kind = "quiz" if folder == "quizzes" else "checklist"
    project = make_project(tmp_path / "p", {"docs/index.md": f"# Home\n\n<!-- {kind} {name} -->\n"})
    (project / "docs" / folder).mkdir()
    (project / "docs" / folder / f"{name}.yml").write_text(text, encoding="utf-8")
    shown = f"docs/{folder}/{name}.yml:"
    for how, result in both_ways(project):
        output = result.output
        assert "Traceback" not in output and "MemoryError" not in output, f"{how}:\n{output[-3000:]}"
        if expected is None:
            assert result.returncode == 0, f"{how}:\n{output[-3000:]}"
            continue
        assert result.returncode == 1, f"{how}:\n{output[-3000:]}"
        # path:line: message, or path:line:column: message where the loader knows the column
        lines = [re.sub(r"^(\S+?:\d+):\d+: ", r"\1: ", line.strip()) for line in output.splitlines()]
        assert any(line.startswith(shown + expected) for line in lines), f"{how}: no '{shown}{expected}' in:\n{output[:3000]}"
    if expected is None:
        html = (project / "site" / "index.html").read_text("utf-8")
        assert html.count("data-quiz-node=") == 20_000
