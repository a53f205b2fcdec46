"""Checks of a quiz as a graph: ids, links between steps, cycles, dead ends,
steps nobody can reach.

They work on the loaded YAML itself (not on the validated model), skipping
whatever has the wrong type, so that an author sees these problems together
with the format problems found by the model. Every check is linear in the
size of the quiz and uses no recursion, so very large quizzes are fine.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from ..core.problems import Problems, clip, did_you_mean
from ..core.yamlfile import Loaded
from .model import ID_PATTERN, ID_RULE

MAX_CYCLES = 10  # reported per file; one fix often breaks several
# Did-you-mean compares a word with every id: suggested for the first few
# unknown targets only, so that a file with thousands of them stays fast.
MAX_SUGGESTIONS = 20

_ID = re.compile(ID_PATTERN)


def _mapping(data: Any, key: str) -> dict:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _key_line(loaded: Loaded, section: str, key: str) -> int:
    return loaded.key_line((section, key))


def check_quiz(loaded: Loaded, problems: Problems) -> None:
    """Add every graph problem of ``loaded`` (a quiz file) to ``problems``."""
    data = loaded.data
    questions = _mapping(data, "questions")
    outcomes = _mapping(data, "outcomes")
    # without its outcomes (a misspelt or mis-indented key, which the model
    # reports), every link to an outcome would look broken: say nothing of them
    has_outcomes = isinstance(data, dict) and isinstance(data.get("outcomes"), dict)

    for section, kind, mapping in (("questions", "question", questions), ("outcomes", "outcome", outcomes)):
        for key in mapping:
            if not _ID.match(key):
                problems.error(_key_line(loaded, section, key), f"{kind} id '{clip(key)}': ids {ID_RULE}")

    for key in outcomes:
        if key in questions:
            problems.error(
                _key_line(loaded, "outcomes", key),
                f"'{clip(key)}' is both a question (line {_key_line(loaded, 'questions', key)}) and an outcome: "
                "ids must be unique within a quiz; rename one",
            )

    # edges[q]: (target, line of its 'next') for targets that are questions
    edges: dict[str, list[tuple[str, int]]] = {q: [] for q in questions}
    ends: set[str] = set()  # questions with an option leading to an outcome
    unsure: set[str] = set()  # questions with options in error: no dead-end report through them
    reached_outcomes: dict[str, list[str]] = {}  # the outcomes a question's options lead to
    missing = 0  # options leading to ids that do not exist
    known: list[str] | None = None  # every id, for did-you-mean (made at the first unknown target)

    for q, question in questions.items():
        options = question.get("options") if isinstance(question, dict) else None
        if not isinstance(options, list):
            unsure.add(q)
            continue
        targets = edges[q]
        outs: list[str] = []
        labels: dict[str, int] = {}
        for i, option in enumerate(options):
            if not isinstance(option, dict):
                unsure.add(q)
                continue
            label = option.get("label")
            label = label.strip() if isinstance(label, str) else ""
            if label and labels.setdefault(label, i) != i:
                problems.warn(
                    loaded.line_of(("questions", q, "options", i, "label")),
                    f"question '{clip(q)}' has two options labelled '{clip(label)}': readers can't tell them apart",
                )
            target = option.get("next")
            if not isinstance(target, str) or not (target := target.strip()):
                unsure.add(q)
                continue  # the model reports the type or the empty text
            if target in outcomes and target not in questions:
                outs.append(target)
                continue
            lines = getattr(option, "value_lines", None)  # the loader's mappings know their lines
            line = lines["next"] if lines else loaded.line_of(("questions", q, "options", i, "next"))
            if target in questions:
                targets.append((target, line))
            else:
                unsure.add(q)
                if not has_outcomes:
                    continue
                missing += 1
                what = f"option '{clip(label)}'" if label else f"option {i + 1}"
                if missing <= MAX_SUGGESTIONS and known is None:
                    known = list(questions) + [k for k in outcomes if k not in questions]
                hint = did_you_mean(target, known) if missing <= MAX_SUGGESTIONS else ""
                problems.error(
                    line,
                    f"{what} of question '{clip(q)}' leads to '{clip(target)}', which is not a question or outcome "
                    f"of this quiz{hint}",
                )
        if outs:
            ends.add(q)
            reached_outcomes[q] = outs

    start = data.get("start") if isinstance(data, dict) else None
    start_ok = False
    if isinstance(start, str) and start.strip():
        start = start.strip()
        line = loaded.line_of(("start",))
        if start in questions:
            start_ok = True
        elif start in outcomes:
            problems.error(line, f"'start' should name the first question, but '{clip(start)}' is an outcome")
        elif questions:
            problems.error(line, f"'start' names '{clip(start)}', which is not a question of this quiz{did_you_mean(start, list(questions))}")

    _check_cycles(loaded, questions, edges, problems)
    _check_dead_ends(loaded, questions, edges, ends | unsure, problems)
    if start_ok and not missing:  # with a broken link, what it should reach would be reported too
        _check_reachable(loaded, start, questions, outcomes, edges, reached_outcomes, problems)


def _check_cycles(loaded: Loaded, questions: dict, edges: dict, problems: Problems) -> None:
    """Iterative depth-first search; a link back to a question on the current
    path closes a cycle, reported with its path (a → b → a)."""
    on_path: set[str] = set()  # the questions of the current path
    done: set[str] = set()  # the questions whose every path has been followed
    found = 0
    closing: set[tuple[str, str]] = set()
    for root in questions:
        if root in done:
            continue
        path: list[str] = [root]
        todo = [iter(edges[root])]  # the edges still to follow, per question on the path
        on_path.add(root)
        while todo:
            for target, line in todo[-1]:
                if target in on_path:
                    node = path[-1]
                    if (node, target) not in closing:
                        closing.add((node, target))  # two options may close the same loop
                        found += 1
                        if found <= MAX_CYCLES:
                            loop = path[path.index(target):] + [target]
                            problems.error(
                                line,
                                f"cycle: {_show(loop)}: a reader could go round "
                                "in circles; point one option in this loop at a later question or an outcome",
                            )
                elif target not in done:
                    on_path.add(target)
                    path.append(target)
                    todo.append(iter(edges[target]))
                    break
            else:
                node = path.pop()
                on_path.discard(node)
                done.add(node)
                todo.pop()
    if found > MAX_CYCLES:
        problems.error(loaded.line_of(("questions",)), f"{found - MAX_CYCLES} more cycle(s) not listed")


def _show(loop: list[str]) -> str:
    loop = [clip(step, 40) for step in loop]
    if len(loop) > 12:
        return " → ".join(loop[:5] + [f"… ({len(loop) - 10} more) …"] + loop[-5:])
    return " → ".join(loop)


def _check_dead_ends(loaded: Loaded, questions: dict, edges: dict, ends: set, problems: Problems) -> None:
    """Questions from which no outcome can be reached (walking the links backwards from the outcomes)."""
    back: dict[str, list[str]] = {q: [] for q in questions}
    for q, targets in edges.items():
        for target, _ in targets:
            back[target].append(q)
    good = set(ends)
    queue = deque(ends)
    while queue:
        node = queue.popleft()
        for parent in back[node]:
            if parent not in good:
                good.add(parent)
                queue.append(parent)
    for q in questions:
        if q not in good:
            problems.error(
                _key_line(loaded, "questions", q),
                f"no outcome can be reached from question '{clip(q)}': every path from it goes round in a loop "
                "or to an id that does not exist",
            )


def _check_reachable(loaded, start, questions, outcomes, edges, reached_outcomes, problems) -> None:
    seen = {start}
    queue = deque([start])
    while queue:
        for target, _ in edges[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    seen_outcomes = {o for q, outs in reached_outcomes.items() if q in seen for o in outs}
    for q in questions:
        if q not in seen:
            problems.warn(
                _key_line(loaded, "questions", q),
                f"question '{clip(q)}' can't be reached from the first question '{clip(start)}': "
                "no path of answers leads to it; point an option at it or remove it",
            )
    for o in outcomes:
        if o not in seen_outcomes and o not in questions:
            problems.warn(
                _key_line(loaded, "outcomes", o),
                f"outcome '{clip(o)}' can't be reached from the first question '{clip(start)}': "
                "no path of answers leads to it; point an option at it or remove it",
            )
