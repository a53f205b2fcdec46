"""Messages to the standard of good compilers: author text clipped, the root
cause without the errors that only follow from it, no validator's words, and
YAML's own signs explained in an author's terms."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

from guidekit.checklist.component import CHECKLIST
from guidekit.core.problems import MAX_MESSAGE, Problem, clip
from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ
from helpers import make_project

LONG = "x" * 30_000
WORDS = "Sorry for everything. " * 100  # prose pasted where a quiz should be


def problems(kind: str, text: str) -> list[Problem]:
    loaded = load_yaml(textwrap.dedent(text), f"{kind}.yml")
    found = loaded.problems
    if loaded.data is not None and not found.errors:
        {"quiz": QUIZ, "checklist": CHECKLIST}[kind].load(loaded, "x", found)
    return found.items


def quiz(**parts: str) -> str:
    values = {"start": "time", "first": "time", "next": "wait", "label": "'Yes'", "label2": "'No'", "key": "outcomes"}
    values.update(parts)
    return (f"title: Is now a good time?\nstart: {values['start']}\nquestions:\n  {values['first']}:\n"
            f"    text: Is it late?\n    options:\n      - {{label: {values['label']}, next: {values['next']}}}\n"
            f"      - {{label: {values['label2']}, next: write}}\n"
            f"{values['key']}:\n  wait: {{title: Wait, body: Give it a day.}}\n  write: {{title: Go, body: Write.}}\n")


LONG_CASES = [
    ("quiz", quiz(label=LONG, label2=LONG)),  # two options with the same label
    ("quiz", quiz(start=LONG)),
    ("quiz", quiz(next=LONG)),
    ("quiz", quiz(first=LONG, start=LONG)),
    ("quiz", quiz() + f"{LONG}: 1\n"),
    ("quiz", WORDS),
    ("quiz", f"title: T\nintro: {LONG}: x\n"),
    ("checklist", f"title: T\nchecks:\n  - {{id: '{LONG.upper()}', label: L, why: W, manual: true}}\n"),
    ("checklist", f"title: T\nchecks:\n  - {{id: a, label: L, why: W, rule: {{kind: '{LONG}', phrases: [x]}}}}\n"),
    ("checklist", f"title: T\nchecks:\n  - {{id: a, label: L, why: W, rule: {{kind: avoid, phrases: ['{LONG}', '{LONG}']}}}}\n"),
    ("checklist", f"title: T\nchecks:\n  - {{id: a, label: L, why: W, rule: {{kind: avoid, within: '{LONG}', phrases: [x]}}}}\n"),
    ("checklist", f"title: T\nchecks:\n  - {{id: a, label: L, why: W, manual: '{LONG}'}}\n"),
]


@pytest.mark.parametrize("kind, text", LONG_CASES, ids=range(len(LONG_CASES)))
def test_author_text_is_clipped_in_every_message(kind, text):
    found = problems(kind, text)
    assert found
    for problem in found:
        for line in str(problem).splitlines():
            assert len(line) <= MAX_MESSAGE + 20, line[:200]


def test_clip():
    assert clip("short") == "short"
    assert clip("x" * 100) == "x" * 59 + "…"
    assert clip("one\ntwo") == "one two"


def test_prose_pasted_as_a_quiz_gives_one_short_line_in_build_and_check(tmp_path):
    project = make_project(tmp_path, {"docs/quizzes/pasted.yml": WORDS, "docs/checklists/long.yml":
                                      f"title: T\nchecks:\n  - {{id: a, label: '{LONG}', why: W, manual: true}}\n"
                                      f"  - {{id: b, label: '{LONG}', why: W, manual: tru}}\n"})
    for command in (["mkdocs", "build", "--strict", "-d", str(tmp_path / "site"), "-f"], ["guidekit", "check"]):
        proc = subprocess.run([sys.executable, "-m", *command, str(project / "mkdocs.yml") if "-f" in command else str(project)],
                              capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        output = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "Traceback" not in output, output[:2000]
        assert "docs/quizzes/pasted.yml:1: the file should hold keys and values (such as 'title: ...'), but it is the " \
               "single value 'Sorry for everything. Sorry for everything. Sorry for every…'" in output
        assert re.search(r"docs/checklists/long.yml:4:\d+: 'manual' should be true or false, not 'tru'", output), output[:3000]
        assert max(len(line) for line in output.splitlines()) < 300, max(output.splitlines(), key=len)[:300]


# --- the root cause first, without what follows from it ------------------------

def test_a_misspelt_outcomes_key_gives_one_error_not_one_per_answer():
    found = problems("quiz", quiz(key="outcome"))
    assert [str(p) for p in found] == ["quiz.yml:9:1: unknown key 'outcome' (did you mean 'outcomes'?)"]


def test_a_missing_outcomes_key_gives_one_error():
    text = quiz().split("outcomes:")[0]
    found = problems("quiz", text)
    assert [str(p) for p in found] == ["quiz.yml:1: missing required key 'outcomes'"]


def test_a_wrong_target_is_still_reported_when_the_outcomes_are_there():
    found = problems("quiz", quiz(next="wiat"))
    assert [p.message for p in found] == [
        "option 'Yes' of question 'time' leads to 'wiat', which is not a question or outcome of this quiz (did you mean 'wait'?)"]


# --- no validator's words ---------------------------------------------------------

CHECK = "title: T\nchecks:\n  - id: tone\n    label: L\n    why: W\n"


@pytest.mark.parametrize("rule, message", [
    ("{kind: count, phrases: ['!'], min: -1}", "'min' should be 0 or more, not the number -1"),
    ("{kind: length, max: 1000000}", "'max' should be at most 100000, not the number 1000000"),
    ("{kind: repeat, phrases: [sorry], max: 0}", "'max' should be 1 or more, not the number 0"),
    ("{kind: length, max: 2.5}", "'max' should be a whole number, not the number 2.5"),
    ("{kind: [count, require], phrases: ['?'], max: 1}",
     "'kind' should be one of: avoid, require, count, length, conflict, repeat, shout, not a list"),
    ("{kind: avoid, phrases: [a, " + "b" * 250 + "]}", "item 2 of 'phrases' is 250 characters long: keep it to 200 at most"),
])
def test_limits_are_said_in_plain_words(rule, message):
    found = problems("checklist", CHECK + f"    rule: {rule}\n")
    assert [p.message for p in found] == [message]
    assert not any(word in message for word in ("input should", "Input should", "[", "too long"))


# --- YAML's own signs -----------------------------------------------------------

@pytest.mark.parametrize("phrases, line, column, start", [
    ('["sorry", "\\d+ times"]', 1, 21, "YAML syntax error: in double quotes a backslash starts a special character "
                                       "(such as \\n, a new line), and '\\d' is not one: put the text in single quotes"),
    ('[*, "?"]', 1, 11, "YAML syntax error: a value starts with '*', which YAML reads as a reference"),
    ('[&, "?"]', 1, 11, "YAML syntax error: a value starts with '&', which YAML reads as a name for the value after it"),
    ('[!, "?"]', 1, 11, "a value starts with '!', which YAML reads as a type for the value after it: put the value in quotes, as in '!'"),
    ('[!!, "?"]', 1, 11, "YAML syntax error: a value starts with '!', which YAML reads as a type"),
    ("\n  - !\n  - '?'", 2, 5, "a value starts with '!', which YAML reads as a type"),
])
def test_yaml_signs_in_a_list_of_phrases_are_explained(phrases, line, column, start):
    found = load_yaml(f"phrases: {phrases}\n", "c.yml").problems.items
    assert len(found) == 1, [str(p) for p in found]
    assert (found[0].line, found[0].column) == (line, column)
    assert found[0].message.startswith(start), found[0].message
    assert "did not find" not in found[0].message and "must not be empty" not in found[0].message


def test_single_quotes_keep_a_backslash_as_it_is():
    loaded = load_yaml("phrases: ['sorry', '\\d+ times']\n", "c.yml")
    assert not loaded.problems and loaded.data["phrases"] == ["sorry", "\\d+ times"]


# --- line:column for the format's problems ------------------------------------

COLUMNS = """\
title: 5
start: time
questions:
  time:
    text: [a, b]
    optons: x
    options:
      - {label: true, next: wait}
      - label: 7
        next: write
outcomes:
  wait: {title: Wait, body: Give it a day., extra: 1}
  write:
    title: Go
    body: Write.
"""


def test_the_format_s_problems_point_at_the_key_or_the_value():
    found = problems("quiz", COLUMNS)
    lines = COLUMNS.split("\n")
    # what stands at each line:column: the value a type problem is about, the key an unknown-key problem names
    at = sorted((p.message.split(" should")[0].split(" (")[0], lines[p.line - 1][p.column - 1:]) for p in found)
    assert at == [("'label'", "7"), ("'label'", "true, next: wait}"), ("'text'", "[a, b]"), ("'title'", "5"),
                  ("unknown key 'extra'", "extra: 1}"), ("unknown key 'optons'", "optons: x")], [str(p) for p in found]


def test_a_value_below_its_key_or_in_a_flow_list_has_no_column():
    found = problems("checklist", "title: T\nchecks:\n  - id: a\n    label: L\n    why: W\n"
                                  "    rule: {kind: avoid, phrases: [a, " + "b" * 201 + "]}\n")
    assert [(p.line, p.column) for p in found] == [(6, 0)]
    assert str(found[0]).startswith("checklist.yml:6: item 2 of 'phrases'")
