"""The quiz component: a decision tree from ``content/quizzes/<id>.yml``.

``load`` validates a file with the models (``model.py``) and the graph checks
(``checks.py``); ``context`` turns a quiz into the variables of ``quiz.html``,
rendering its Markdown with the site's settings for the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.component import RenderContext, Vars
from ..core.models import validate_and_check
from ..core.problems import Problems
from ..core.yamlfile import Loaded
from .checks import check_quiz
from .model import Quiz


@dataclass
class LoadedQuiz:
    ident: str
    quiz: Quiz
    lines: dict[tuple, int]  # line in the YAML file of each Markdown text


def _markdown_lines(loaded: Loaded, quiz: Quiz) -> dict[tuple, int]:
    lines = {("intro",): loaded.line_of(("intro",))}
    for q, question in quiz.questions.items():
        if question.help:
            lines[("questions", q, "help")] = loaded.line_of(("questions", q, "help"))
    for o, outcome in quiz.outcomes.items():
        lines[("outcomes", o, "body")] = loaded.line_of(("outcomes", o, "body"))
        if outcome.why:
            lines[("outcomes", o, "why")] = loaded.line_of(("outcomes", o, "why"))
    return lines


class QuizComponent:
    kind = "quiz"
    plural = "quizzes"
    folder = Path(__file__).parent

    def load(self, loaded: Loaded, ident: str, problems: Problems) -> LoadedQuiz | None:
        quiz = validate_and_check(Quiz, check_quiz, loaded, problems)
        if quiz is None:
            return None
        return LoadedQuiz(ident, quiz, _markdown_lines(loaded, quiz))

    def context(self, model: LoadedQuiz, ctx: RenderContext) -> dict[str, Any]:
        quiz, lines, dom = model.quiz, model.lines, ctx.dom_id
        render_markdown = ctx.markdown
        prefix = f"{dom}--"  # a step's element id is the prefix and its address
        link = "#" + prefix

        def markdown(text: str | None, where: tuple):
            return render_markdown(text, lines[where]) if text else ""

        # the start first, then the other questions in the author's order
        by_id = quiz.questions
        order = [quiz.start] + [q for q in by_id if q != quiz.start]
        # The address names a step by a neutral number ("step-4"), never by
        # its id, which could tell someone glancing at the address bar or the
        # history what the reader answered ("keep-safe").
        address = {step: f"step-{n}" for n, step in enumerate(order + list(quiz.outcomes), 1)}
        questions = []
        for q in order:
            question = by_id[q]
            questions.append(Vars(
                id=q,
                dom_id=prefix + address[q],
                text=question.text,
                help=render_markdown(question.help, lines[("questions", q, "help")]) if question.help else "",
                options=[Vars(label=o.label, next=o.next, href=link + address[o.next]) for o in question.options],
            ))
        outcomes = [
            Vars(id=o, dom_id=prefix + address[o], title=out.title,
                 why=markdown(out.why, ("outcomes", o, "why")),
                 body=markdown(out.body, ("outcomes", o, "body")))
            for o, out in quiz.outcomes.items()
        ]
        return {
            "quiz": Vars(
                id=model.ident,
                dom_id=dom,
                title=quiz.title,
                intro=markdown(quiz.intro, ("intro",)),
                start=quiz.start,
                start_href=link + address[quiz.start],
                questions=questions,
                outcomes=outcomes,
            )
        }


QUIZ = QuizComponent()
