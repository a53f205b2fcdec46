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

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from ..core.component import RenderContext
from ..core.problems import Problems
from .model import Quiz


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


def to_html(outline: Outline, words: dict[str, str], dom_id: str) -> Markup:
    """The outline as nested lists; every text is escaped."""

    def anchor(ident: str) -> str:
        return f"{dom_id}--{ident}"

    def target(kind_word: str, title: str, ident: str) -> Markup:
        return Markup('<span class="guidekit-outline__kind">{}</span> {} <code>{}</code>').format(kind_word, title, ident)

    out: list[Markup] = [
        Markup('<div class="guidekit-outline" data-quiz-outline="{}">').format(outline.ident),
        Markup('<ul class="guidekit-outline__tree">'),
        Markup('<li id="{}">').format(anchor(outline.root.id)),
        target(words["outline_question"], outline.root.text, outline.root.id),
    ]
    for event, answer, _ in _events(outline.root):
        if event == "open":
            out.append(Markup("<ul>"))
        elif event == "close":
            out.append(Markup("</ul></li>"))
        elif event == "end":
            out.append(Markup("</li>"))
        else:
            assert answer is not None
            first = answer.step is not None
            out.append(Markup('<li id="{}">').format(anchor(answer.target)) if first else Markup("<li>"))
            kind = words["outline_outcome"] if answer.is_outcome else words["outline_question"]
            out.append(Markup("“{}” → ").format(answer.label) + target(kind, answer.title, answer.target))
            if answer.again:
                out.append(Markup(' (<a href="#{}">{}</a>)').format(anchor(answer.target), words["outline_see_above"]))
    out.append(Markup("</ul>"))
    if outline.unreached_questions or outline.unreached_outcomes:
        out.append(Markup('<p class="guidekit-outline__unreached">{}</p><ul>').format(words["outline_unreached"]))
        for step in outline.unreached_questions:
            out.append(Markup("<li>") + target(words["outline_question"], step.text, step.id) + Markup("</li>"))
        for ident, title in outline.unreached_outcomes:
            out.append(Markup("<li>") + target(words["outline_outcome"], title, ident) + Markup("</li>"))
        out.append(Markup("</ul>"))
    out.append(Markup("</div>"))
    return Markup("\n").join(out)


class QuizOutlineView:
    """``<!-- quiz-outline <quiz id> -->``: the outline of a quiz on a page."""

    kind = "quiz-outline"
    of = "quiz"

    def render(self, model, ctx: RenderContext) -> Markup:  # model: quiz.component.LoadedQuiz
        return to_html(make_outline(model.quiz, model.ident), ctx.words, ctx.dom_id)


QUIZ_OUTLINE = QuizOutlineView()


def add_command(sub) -> None:
    """``python -m guidekit outline FILE...``"""
    parser = sub.add_parser(
        "outline", help="print the outline of quiz files (for reviewers)",
        description="Print each quiz as an outline: every question, each answer, and where it leads. "
        "The same outline shows on a page with <!-- quiz-outline ID -->. "
        "Exit status: 0 when every file is printed; 1 when a quiz has errors (they are shown instead); "
        "2 when a file can't be read or is not a quiz.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="quiz files (.yml)")
    parser.set_defaults(run=run)


def run(args) -> int:
    """Print the outline of each file; a file with errors gets its messages
    (as the build gives them, read by the build's own loader) instead, and
    the exit status is 1; a file that can't be read, or is not a quiz,
    makes it 2."""
    from ..check import data_kind
    from ..core.guide import Guide
    from ..extension import plugin_options

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
