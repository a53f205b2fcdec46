"""Every path of the readiness quiz gives the advice a reviewer wrote down
for it (tests/data/readiness-paths.md), and the advice the guide itself
gives: safety first, the gates, one definition of an unsafe ex."""

from __future__ import annotations

import re

import pytest

from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ
from guidekit.quiz.paths import Path, every_path, read_table, table_problems
from helpers import ROOT

TABLE = ROOT / "tests" / "data" / "readiness-paths.md"
CONTENT = ROOT / "content"
UNSAFE = ("someone who hurt you on purpose, threatened or frightened you, or tried to control you "
          "(for example by checking your phone, your money or who you see)")


def load(text: str):
    loaded = load_yaml(text, "readiness.yml")
    model = QUIZ.load(loaded, "readiness", loaded.problems)
    assert model is not None, [str(p) for p in loaded.problems.items]
    return model.quiz


QUIZ_TEXT = (CONTENT / "quizzes" / "readiness.yml").read_text("utf-8")
READINESS = load(QUIZ_TEXT)
PATHS = every_path(READINESS)


def one_line(text: str) -> str:
    return " ".join(text.split())


def outcome_of(**answers: str) -> set[str]:
    """The outcomes of the paths with these answers (question id, with "_" for "-": label)."""
    wanted = {q.replace("_", "-"): label for q, label in answers.items()}
    found = {p.outcome for p in PATHS if wanted.items() <= dict(p.answers).items()}
    assert found, f"no path with {wanted}"
    return found


def test_the_reviewed_table_matches_every_path():
    problems = table_problems(READINESS, TABLE.read_text("utf-8"))
    assert not problems, "\n".join(problems)
    assert len(read_table(TABLE.read_text("utf-8"))) == len(PATHS) == 51


def test_every_path_is_found_once():
    assert len(set(PATHS)) == len(PATHS)
    assert {p.outcome for p in PATHS} == set(READINESS.outcomes)
    # the walk is over the model: a path ends at an outcome, every step is an answer of its question
    for path in PATHS:
        node = READINESS.start
        for question, label in path.answers:
            assert question == node
            node = next(o.next for o in READINESS.questions[question].options if o.label == label)
        assert node == path.outcome


@pytest.mark.parametrize("change", ["outcome", "missing", "extra", "twice", "not-an-answer", "not-asked"])
def test_the_table_check_fails_on_each_kind_of_disagreement(change):
    text = TABLE.read_text("utf-8")
    lines = text.splitlines()
    rows = read_table(text)
    row = next(r for r in rows if r.outcome == "explain-anger")
    line = lines[row.line - 1]
    if change == "outcome":
        lines[row.line - 1] = line.replace("| explain-anger |", "| give-it-time |")
        expected = "the quiz gives 'explain-anger', the table says 'give-it-time'"
    elif change == "missing":
        del lines[row.line - 1]
        expected = "no row for the path"
    elif change == "extra":
        lines.insert(row.line, line.replace("Angry", "Furious"))
        expected = "'Furious' is not an answer to 'how-they-were'"
    elif change == "twice":
        lines.insert(row.line, line)
        expected = "the same path as line"
    elif change == "not-an-answer":
        lines[row.line - 1] = line.replace("| No |", "| Nope |", 1)
        expected = "'Nope' is not an answer to 'safety'"
    else:
        keep = next(r for r in rows if r.outcome == "keep-safe")
        lines[keep.line - 1] = lines[keep.line - 1].replace("| – | keep-safe |", "| Angry | keep-safe |")
        expected = "answers to questions this path does not ask"
    problems = table_problems(READINESS, "\n".join(lines))
    assert any(expected in p for p in problems), problems


def test_the_table_check_fails_when_the_quiz_changes():
    """A quiz that sends "Angry" back to "wait" (as it once did) fails against the reviewed table."""
    changed = QUIZ_TEXT.replace("      - label: Angry\n        next: explain-anger", "      - label: Angry\n        next: give-it-time")
    assert changed != QUIZ_TEXT
    problems = table_problems(load(changed), TABLE.read_text("utf-8"))
    assert len([p for p in problems if "the table says 'explain-anger'" in p]) == 4


def test_safety_is_asked_first_and_ends_the_quiz():
    assert READINESS.start == "safety"
    assert [p for p in PATHS if len(p.answers) == 1] == [
        Path((("safety", "Yes"),), "keep-safe"), Path((("safety", "I'm not sure"),), "keep-safe")]
    # the question asks about the ex's behaviour, with the one definition word for word
    question = READINESS.questions["safety"]
    assert "ex" in question.text and "keep yourself safe" not in question.text
    assert UNSAFE in one_line(question.help)
    body = one_line(READINESS.outcomes["keep-safe"].body)
    assert UNSAFE in body
    assert "helpline" in body and "not sure" in body and "children" in body


def test_the_home_page_names_an_unsafe_ex_with_the_same_words():
    assert UNSAFE in one_line((CONTENT / "index.md").read_text("utf-8"))


def test_the_three_gates():
    assert outcome_of(their_wish="Yes, they asked me not to") == {"respect-their-wish"}
    assert outcome_of(their_wish="Yes, they blocked me") == {"respect-their-wish"}
    assert outcome_of(wrote="Yes, and they haven't replied") == {"no-reply"}
    assert outcome_of(reason="I want answers, or closure") == {"loose-ends"}
    assert outcome_of(reason_early="I want answers, or closure") == {"loose-ends"}
    assert "after-you-send.md#silence" in READINESS.outcomes["no-reply"].body
    assert "after-you-send.md#loose-ends" in READINESS.outcomes["loose-ends"].body
    # "miss me" is a reason for writing now, not for the silence
    labels = [o.label for q in READINESS.questions.values() for o in q.options]
    assert "I hope they'll miss me and come back" not in labels


def test_the_paths_that_gave_the_wrong_advice():
    # "Angry" (about the past) is no longer a dead end
    assert outcome_of(how_they_were="Angry") == {"explain-anger"}
    anger = READINESS.outcomes["explain-anger"].body
    assert "after-you-send.md#anger" in anger and "first question" in anger
    # a reader who can accept silence but not yet start fresh hears about old fights
    assert outcome_of(clean_slate="Not yet") == outcome_of(clean_slate="I'm not sure") == {"old-fights"}
    fights = READINESS.outcomes["old-fights"].body
    for anchor in ("before-you-reach-out.md#clean-slate", "writing.md#no-blame", "before-you-reach-out.md#heat-of-the-moment"):
        assert anchor in fights
    # "give it time" (which speaks of the first weeks) only after less than a month
    assert {p.answers[3][1] for p in PATHS if p.outcome == "give-it-time"} == {"Less than a month"}


def test_outcome_links():
    outcomes = READINESS.outcomes
    for ident in ("give-it-time", "get-clear", "work-on-yourself", "loose-ends"):
        assert "before-you-reach-out.md#step-back" in outcomes[ident].body, ident
    for ident in ("get-clear", "first-message"):
        assert "before-you-reach-out.md#ready-for-silence" in outcomes[ident].body, ident
    for ident in ("explain", "explain-anger", "first-message"):  # the whole of the writing advice
        assert "(../writing.md)" in outcomes[ident].body, ident


def test_every_outcome_says_why():
    for ident, outcome in READINESS.outcomes.items():
        assert outcome.why and outcome.why.startswith("You said"), ident


def test_step_addresses_are_neutral(tmp_path):
    """The address names a step by number, never by its id."""
    html = (ROOT / "plugins" / "guidekit" / "quiz" / "quiz.html").read_text("utf-8")
    assert "q.dom_id" in html
    from guidekit.core.component import RenderContext
    ctx = RenderContext(markdown=lambda text, line: text, words={}, dom_id="quiz--readiness")
    model = QUIZ.load(load_yaml(QUIZ_TEXT, "r.yml"), "readiness", load_yaml(QUIZ_TEXT, "r.yml").problems)
    variables = QUIZ.context(model, ctx)["quiz"]
    ids = [s.dom_id for s in variables.questions + variables.outcomes]
    assert len(set(ids)) == len(ids) == len(READINESS.questions) + len(READINESS.outcomes)
    assert all(re.fullmatch(r"quiz--readiness--step-\d+", i) for i in ids)
    assert variables.questions[0].dom_id == "quiz--readiness--step-1"
    hrefs = {o.href for q in variables.questions for o in q.options}
    assert hrefs <= {"#" + i for i in ids}
