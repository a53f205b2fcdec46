"""A quiz as an outline, for the people who review its wording and advice.

The tree is walked from the first question. Each question lists its answers
in the author's order, and each answer shows where it leads: the next
question, with that question's own answers nested under it, or the title of
an outcome. A question that more than one answer leads to is spelled out the
first time only; later it says "see above" and links back there. Questions
and outcomes that no answer leads to are listed at the end.

A page shows an outline with ``<!-- quiz-outline readiness -->`` (the build
renders it from the same file as the quiz); ``python -m guidekit outline
content/quizzes/readiness.yml`` prints it as text. The walk uses no
recursion, so a very deep quiz is fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from markupsafe import Markup

from ..core.component import RenderContext, Vars
from ..core.templates import make_environment
from .model import Quiz

FOLDER = Path(__file__).parent
TEMPLATE = "quiz-outline.html"  # a site overrides it as <custom_dir>/guidekit/quiz-outline.html


@dataclass
class Answer:
    label: str
    target: str  # the id it leads to
    is_outcome: bool
    title: str  # the question's text or the outcome's title
    step: "Step | None" = None  # the question, when it is spelled out here
    again: bool = False  # a question spelled out earlier in the outline


@dataclass
class Step:
    id: str
    text: str
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Outline:
    ident: str
    title: str
    root: Step
    unreached_questions: list[Step]  # (text only; their answers are not walked)
    unreached_outcomes: list[tuple[str, str]]  # (id, title)


def make_outline(quiz: Quiz, ident: str) -> Outline:
    questions, outcomes = quiz.questions, quiz.outcomes
    root = Step(quiz.start, questions[quiz.start].text)
    shown = {quiz.start}
    reached_outcomes: set[str] = set()
    stack: list[tuple[Step, Iterator]] = [(root, iter(questions[quiz.start].options))]
    while stack:
        step, options = stack[-1]
        option = next(options, None)
        if option is None:
            stack.pop()
            continue
        target = option.next
        if target in questions:
            answer = Answer(option.label, target, False, questions[target].text, again=target in shown)
            step.answers.append(answer)
            if not answer.again:
                shown.add(target)
                answer.step = Step(target, questions[target].text)
                stack.append((answer.step, iter(questions[target].options)))
        else:  # the model's checks make sure it is an outcome
            reached_outcomes.add(target)
            step.answers.append(Answer(option.label, target, True, outcomes[target].title))
    return Outline(
        ident,
        quiz.title,
        root,
        [Step(q, question.text) for q, question in questions.items() if q not in shown],
        [(o, outcome.title) for o, outcome in outcomes.items() if o not in reached_outcomes],
    )


def _events(step: Step) -> Iterator[tuple[str, Answer | None, int]]:
    """The answers under ``step`` in reading order: ("answer", answer, depth),
    with ("open", None, depth) and ("close", None, depth) around each nested
    list."""
    yield ("open", None, 1)
    stack: list[tuple[Iterator[Answer], int]] = [(iter(step.answers), 1)]
    while stack:
        answers, depth = stack[-1]
        answer = next(answers, None)
        if answer is None:
            stack.pop()
            yield ("close", None, depth)
            continue
        yield ("answer", answer, depth)
        if answer.step is not None:
            yield ("open", None, depth + 1)
            stack.append((iter(answer.step.answers), depth + 1))
        else:
            yield ("end", answer, depth)


def to_text(outline: Outline, words: dict[str, str]) -> str:
    """The outline as indented plain text (one answer per line)."""
    lines = [f"{outline.title} ({outline.ident})",
             f"{words['outline_question']} {outline.root.text} [{outline.root.id}]"]
    for event, answer, depth in _events(outline.root):
        if event != "answer" or answer is None:
            continue
        kind = words["outline_outcome"] if answer.is_outcome else words["outline_question"]
        line = f"{'    ' * depth}- “{answer.label}” → {kind} {answer.title} [{answer.target}]"
        if answer.again:
            line += f" ({words['outline_see_above']})"
        lines.append(line)
    if outline.unreached_questions or outline.unreached_outcomes:
        lines.append(words["outline_unreached"])
        for step in outline.unreached_questions:
            lines.append(f"    - {words['outline_question']} {step.text} [{step.id}]")
        for ident, title in outline.unreached_outcomes:
            lines.append(f"    - {words['outline_outcome']} {title} [{ident}]")
    return "\n".join(lines) + "\n"


def outline_context(outline: Outline, words: dict[str, str], dom_id: str) -> dict[str, Any]:
    """The variables of ``quiz-outline.html`` (besides ``words``)."""

    def anchor(ident: str) -> str:
        return f"{dom_id}--{ident}"

    items: list[Vars] = []
    for event, answer, _ in _events(outline.root):
        if event != "answer":
            items.append(Vars(type=event))
            continue
        assert answer is not None
        items.append(Vars(
            type="answer", label=answer.label, target=answer.target, title=answer.title,
            kind=words["outline_outcome"] if answer.is_outcome else words["outline_question"],
            anchor=anchor(answer.target) if answer.step is not None else "",
            again=anchor(answer.target) if answer.again else "",
        ))
    unreached = [Vars(kind=words["outline_question"], title=step.text, id=step.id) for step in outline.unreached_questions]
    unreached += [Vars(kind=words["outline_outcome"], title=title, id=ident) for ident, title in outline.unreached_outcomes]
    root = Vars(id=outline.root.id, text=outline.root.text, anchor=anchor(outline.root.id))
    return {"outline": Vars(ident=outline.ident, root=root), "items": items, "unreached": unreached}


def to_html(outline: Outline, words: dict[str, str], dom_id: str, templates: Any = None) -> Markup:
    """The outline as nested lists, from the template ``quiz-outline.html``
    (``templates``: the build's Jinja environment, where a site may override
    it; the package's own template without one). Every text is escaped."""
    if templates is None:
        templates = make_environment(None, [FOLDER])
    return Markup(templates.get_template(TEMPLATE).render(words=words, **outline_context(outline, words, dom_id)))


class QuizOutlineView:
    """``<!-- quiz-outline <quiz id> -->``: the outline of a quiz on a page."""

    kind = "quiz-outline"
    of = "quiz"

    def render(self, model, ctx: RenderContext) -> Markup:  # model: quiz.component.LoadedQuiz
        return to_html(make_outline(model.quiz, model.ident), ctx.words, ctx.dom_id, ctx.templates)


QUIZ_OUTLINE = QuizOutlineView()
