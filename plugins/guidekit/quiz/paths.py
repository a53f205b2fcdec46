"""Every path through a quiz, and a reviewed table of paths to test it against.

A person who reviews a quiz's advice writes down, for every path of answers,
the outcome it should give: a Markdown table with one column per question
(headed by the question's id; one column may serve several questions, as
``reason-early / reason``), a last column ``outcome``, and one row per path.
A cell is the answer's label as the reader sees it, or empty (or ``–``) where
the path does not ask that question. Text outside the tables (headings, the
reason for a group of rows) is for people and is skipped.

``table_problems(quiz, text)`` walks each row through the quiz and lists
every disagreement: a row whose answers the quiz does not have, a row whose
outcome differs, a path of the quiz that no row covers, a path covered twice.
A test asserts that the list is empty (``tests/test_quiz_paths.py``;
docs/quizzes.md shows how to do the same for another quiz).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Quiz

EMPTY = {"", "-", "–", "—"}


@dataclass(frozen=True)
class Path:
    answers: tuple[tuple[str, str], ...]  # (question id, answer label), in order
    outcome: str


@dataclass
class Row:
    line: int  # 1-based line in the table's text
    cells: dict[str, str]  # question id -> label (non-empty cells only; a shared column gives each of its ids)
    columns: dict[str, str]  # column header -> label (non-empty cells only)
    outcome: str


def every_path(quiz: Quiz) -> list[Path]:
    """Every path from the first question to an outcome, in the author's order
    of options (no recursion; the quiz's checks rule out cycles)."""
    done: list[Path] = []
    stack: list[tuple[str, tuple]] = [(quiz.start, ())]
    while stack:
        node, answers = stack.pop()
        if node not in quiz.questions:
            done.append(Path(answers, node))
            continue
        for option in reversed(quiz.questions[node].options):
            stack.append((option.next, answers + ((node, option.label),)))
    return done


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_table(text: str) -> list[Row]:
    """The rows of every table in ``text`` whose last column is ``outcome``."""
    rows: list[Row] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = cells if cells and cells[-1].strip("`") == "outcome" else []
            continue
        if not header or all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        columns = {h: c for h, c in zip(header[:-1], cells[:-1]) if c not in EMPTY}
        by_id = {}
        for h, c in columns.items():
            for ident in h.replace("`", "").split("/"):
                by_id[ident.strip()] = c
        rows.append(Row(number, by_id, columns, cells[-1].strip("`") if len(cells) == len(header) else ""))
    return rows


def table_problems(quiz: Quiz, text: str) -> list[str]:
    """Every way the table in ``text`` and the quiz disagree (empty: none)."""
    problems: list[str] = []
    covered: dict[Path, int] = {}
    for row in read_table(text):
        node, answers = quiz.start, []
        while node in quiz.questions:
            label = row.cells.get(node)
            if label is None:
                problems.append(f"line {row.line}: no answer to '{node}' ({quiz.questions[node].text})")
                break
            option = next((o for o in quiz.questions[node].options if o.label == label), None)
            if option is None:
                problems.append(f"line {row.line}: '{label}' is not an answer to '{node}'")
                break
            answers.append((node, label))
            node = option.next
        else:
            extra = [f"{h}: {c}" for h, c in row.columns.items()
                     if not any(ident.strip() in dict(answers) for ident in h.replace("`", "").split("/"))]
            if extra:
                problems.append(f"line {row.line}: answers to questions this path does not ask ({', '.join(extra)})")
            if node != row.outcome:
                problems.append(f"line {row.line}: the quiz gives '{node}', the table says '{row.outcome}'")
            path = Path(tuple(answers), node)
            if path in covered:
                problems.append(f"line {row.line}: the same path as line {covered[path]}")
            covered.setdefault(path, row.line)
    for path in every_path(quiz):
        if path not in covered:
            shown = " → ".join(label for _, label in path.answers)
            problems.append(f"no row for the path {shown} (→ {path.outcome})")
    return problems
