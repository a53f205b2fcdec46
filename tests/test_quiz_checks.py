"""Quiz files: the loader, the model and the graph checks, message by message."""

from __future__ import annotations

import re
import textwrap

import pytest

from guidekit.core.problems import Problems
from guidekit.core.yamlfile import LineDict, LineList, Loaded, load_yaml
from guidekit.quiz.component import QUIZ, LoadedQuiz
from guidekit.quiz.checks import check_quiz

GOOD = """\
title: A quiz
intro: Some *help* first.
start: first
questions:
  first:
    text: Pick one
    help: See [tone](../writing.md#tone).
    options:
      - label: "Yes"
        next: second
      - label: "No"
        next: done
  second:
    text: And now?
    options:
      - label: Left
        next: done
      - label: Right
        next: other
outcomes:
  done:
    title: Done
    body: You are done.
  other:
    title: Other
    body: Another end.
"""


def load(text: str):
    loaded = load_yaml(textwrap.dedent(text), "q.yml")
    problems = loaded.problems
    # as the build does: the component sees only files the loader could read
    model = QUIZ.load(loaded, "q", problems) if loaded.data is not None and not problems.errors else None
    return model, problems


def without_column(problem) -> str:
    """``path:line: message``: the columns are tested in test_messages.py."""
    return re.sub(r"^(\S+?:\d+):\d+: ", r"\1: ", str(problem))


def errors(text: str) -> list[str]:
    return [without_column(p) for p in load(text)[1].errors]


def warnings(text: str) -> list[str]:
    return [without_column(p) for p in load(text)[1].warnings]


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_a_good_quiz_loads_with_no_problem():
    model, problems = load(GOOD)
    assert not problems.items
    assert isinstance(model, LoadedQuiz)
    assert model.ident == "q"
    assert list(model.quiz.questions) == ["first", "second"]
    assert [o.next for o in model.quiz.questions["first"].options] == ["second", "done"]
    assert model.lines[("questions", "first", "help")] == 7
    assert model.lines[("outcomes", "other", "body")] == 26


def test_yaml_syntax_error():
    assert errors("title: A\nstart: [x\nquestions: {}\n")[0].startswith("q.yml:2: YAML syntax error")  # the open [


def test_duplicate_keys_come_from_the_loader():
    text = edit("  second:\n", "  first:\n")
    assert "q.yml:13: duplicate key 'first' (first on line 5)" in errors(text)[0]


def test_missing_required_fields():
    text = edit("start: first\n", "")
    assert errors(text) == ["q.yml:1: missing required key 'start'"]
    text = edit("    title: Other\n", "")
    assert errors(text) == ["q.yml:25: missing required key 'title' in outcomes > other"]


def test_unknown_key_with_did_you_mean():
    text = edit("    options:\n      - label: Left", "    optons:\n      - label: Left")
    assert errors(text) == ["q.yml:15: unknown key 'optons' (did you mean 'options'?)"]


def test_a_key_of_another_part_is_out_of_place_not_misspelt():
    text = edit("    text: And now?\n", "    text: And now?\n    body: More.\n")
    assert errors(text) == ["q.yml:15: unknown key 'body' in questions > second: it belongs in another part of the file"]
    text = edit("title: A quiz\n", "title: A quiz\nnext: done\n")
    assert errors(text) == ["q.yml:2: unknown key 'next' at the top of the file: it belongs in another part of the file"]


def test_wrong_types():
    text = edit("    text: And now?", "    text: [a, b]")
    text = edit("title: A quiz", "title: 12", text)
    assert errors(text) == ["q.yml:1: 'title' should be text, not the number 12", "q.yml:14: 'text' should be text, not a list"]


def test_yes_without_quotes_is_a_label():
    """YAML 1.2, as editors read it: an unquoted yes is text."""
    assert errors(edit('label: "Yes"', "label: yes")) == []


def test_true_without_quotes_is_explained():
    text = edit('label: "Yes"', "label: true")
    [message] = errors(text)
    assert message.startswith("q.yml:9: 'label' should be text, not true (YAML reads an unquoted true or false")


def test_empty_texts():
    text = edit("    text: Pick one", "    text: ''")
    text = edit("    body: Another end.", "    body: '   '", text)
    assert errors(text) == ["q.yml:6: 'text' must not be empty", "q.yml:26: 'body' must not be empty"]


def test_fewer_than_two_options():
    text = edit("      - label: Right\n        next: other\n", "")
    assert errors(text) == ["q.yml:16: 'options' needs at least 2 item(s)"]


@pytest.mark.parametrize("bad", ["Second", "second_q", "-second", "sec--ond", "é"])
def test_ids_are_validated(bad):
    text = edit("  second:\n", f"  {bad}:\n")
    text = text.replace("next: second", f"next: {bad}")
    message = [m for m in errors(text) if "ids use" in m]
    assert message == [f"q.yml:13: question id '{bad}': ids use lowercase letters, digits and single hyphens, "
                       "starting and ending with a letter or digit (e.g. 'how-long')"]


def test_a_question_and_an_outcome_with_the_same_id():
    text = edit("  other:\n    title: Other", "  second:\n    title: Other")
    text = text.replace("next: other", "next: done")
    assert errors(text) == [
        "q.yml:24: 'second' is both a question (line 13) and an outcome: ids must be unique within a quiz; rename one"
    ]


def test_an_option_to_nowhere_with_did_you_mean():
    text = edit("next: other", "next: othr")
    assert errors(text) == [
        "q.yml:19: option 'Right' of question 'second' leads to 'othr', which is not a question or outcome "
        "of this quiz (did you mean 'other'?)"
    ]


def test_start_must_name_a_question():
    assert errors(edit("start: first", "start: frist")) == [
        "q.yml:3: 'start' names 'frist', which is not a question of this quiz (did you mean 'first'?)"]
    assert errors(edit("start: first", "start: done")) == [
        "q.yml:3: 'start' should name the first question, but 'done' is an outcome"]


def test_a_cycle_is_reported_with_its_path():
    text = edit("next: done\n      - label: Right", "next: first\n      - label: Right")
    assert errors(text) == [
        "q.yml:17: cycle: first → second → first: a reader could go round in circles; "
        "point one option in this loop at a later question or an outcome"
    ]


def test_a_loop_with_no_way_out():
    text = edit("        next: done\n  second:", "        next: second\n  second:")
    text = edit("next: done\n      - label: Right\n        next: other", "next: first\n      - label: Right\n        next: second", text)
    found = errors(text)
    assert "q.yml:5: no outcome can be reached from question 'first': every path from it goes round in a loop or to an id that does not exist" in found
    assert "q.yml:13: no outcome can be reached from question 'second': every path from it goes round in a loop or to an id that does not exist" in found
    assert any(m.startswith("q.yml:19: cycle: second → second") for m in found)
    assert any(" cycle: first → second → first" in m for m in found)


def test_unreachable_question_and_outcome_are_warnings():
    text = GOOD + "  lost:\n    title: Lost\n    body: Nobody comes here.\n"
    text = edit("  second:\n", "  island:\n    text: Alone\n    options:\n      - {label: a, next: done}\n      - {label: b, next: done}\n  second:\n", text)
    model, problems = load(text)
    assert model is not None and not problems.errors
    assert [str(p) for p in problems.warnings] == [
        "q.yml:13: question 'island' can't be reached from the first question 'first': no path of answers leads to it; point an option at it or remove it",
        "q.yml:32: outcome 'lost' can't be reached from the first question 'first': no path of answers leads to it; point an option at it or remove it",
    ]


def test_two_options_with_the_same_label_warn():
    assert warnings(edit("label: Right", "label: Left")) == [
        "q.yml:18: question 'second' has two options labelled 'Left': readers can't tell them apart"]


def test_all_problems_of_a_file_together():
    text = edit("title: A quiz", "title: ''")
    text = edit("next: other", "next: nowhere", text)
    text = edit("    body: You are done.", "    bdy: You are done.", text)  # (no "missing 'body'" beside it)
    found = errors(text)
    assert [m.split(":")[1] for m in found] == ["1", "19", "23"], found


def _chain(n: int) -> Loaded:
    """A quiz of ``n`` questions in a chain, built in memory (a YAML file this
    big would pass the loader's size limit)."""
    def mapping(items, line):
        d = LineDict(items)
        d.line, d.key_lines, d.value_lines = line, {k: line for k in items}, {k: line for k in items}
        return d

    def options(*pairs):
        out = LineList(mapping({"label": label, "next": nxt}, 1) for label, nxt in pairs)
        out.line, out.item_lines = 1, [1] * len(out)
        return out

    questions = mapping({f"q{i}": mapping({"text": f"Q{i}", "options": options(("on", f"q{i + 1}" if i + 1 < n else "end"), ("stop", "end"))}, i)
                         for i in range(n)}, 1)
    data = mapping({"title": "Big", "start": "q0", "questions": questions,
                    "outcomes": mapping({"end": mapping({"title": "End", "body": "Done"}, 1)}, 1)}, 1)
    return Loaded(data, Problems("big.yml"))


@pytest.mark.parametrize("n", [
    5_000,  # five times Python's default recursion limit
    pytest.param(100_000, marks=pytest.mark.slow),
])
def test_long_chains_of_questions_are_checked_without_recursion(n):
    loaded = _chain(n)
    model = QUIZ.load(loaded, "big", loaded.problems)
    assert model is not None and not loaded.problems.items
    last = loaded.data["questions"][f"q{n - 1}"]["options"]
    last[0]["next"] = last[1]["next"] = "q0"  # both options close the same loop
    problems = Problems("big.yml")
    check_quiz(loaded, problems)
    assert [p.message for p in problems.items] == [
        f"cycle: q0 → q1 → q2 → q3 → q4 → … ({n - 9} more) … → q{n - 4} → q{n - 3} → q{n - 2} → q{n - 1} → q0: "
        "a reader could go round in circles; point one option in this loop at a later question or an outcome"
    ]
