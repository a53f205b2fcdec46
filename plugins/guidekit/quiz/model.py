"""The format of a quiz file (``content/quizzes/<id>.yml``).

A quiz is a decision tree: a first question (``start``), questions whose
options each point to the next question or to an outcome, and outcomes.
These models are the single source of truth for the format; the graph checks
(links, cycles, reachability) are in ``checks.py``.
"""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from ..core.models import ID_PATTERN, ID_RULE, NOT_BLANK, Strict, id_schema

ID_RULE = f"{ID_RULE} (e.g. 'how-long')"

# json_schema_extra only shapes the JSON Schema for editors (../schema.py)
ID_SCHEMA = id_schema(ID_RULE)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Field(json_schema_extra=NOT_BLANK)]
_ids = {"propertyNames": ID_SCHEMA}


class Option(Strict):
    """One answer the reader can choose."""

    label: Text = Field(description="The answer as the reader sees it (plain text).")
    next: Text = Field(description="The id of the question or outcome this answer leads to.")


class Question(Strict):
    """One step of the quiz: a question and its answers."""

    text: Text = Field(description="The question (plain text), shown as the step's heading.")
    help: Optional[Text] = Field(default=None, description="Optional help under the question (Markdown).")
    options: list[Option] = Field(
        min_length=2, description="Two or more answers, shown in this order. Each has a 'label' and a 'next'.",
    )


class Outcome(Strict):
    """Where a path through the quiz ends."""

    title: Text = Field(description="The result's heading (plain text).")
    why: Optional[Text] = Field(
        default=None,
        description="Optional: why the reader got this outcome, in a sentence or two (Markdown), shown under its heading.",
    )
    body: Text = Field(description="What this means and what to do next (Markdown; link to guide pages).")


class Quiz(Strict):
    """A quiz: one per file; its id is the file name without '.yml'."""

    title: Text = Field(description="The quiz's heading (plain text).")
    intro: Optional[Text] = Field(default=None, description="Optional text above the first question (Markdown).")
    start: Text = Field(description="The id of the first question (a key under 'questions').")
    questions: dict[str, Question] = Field(
        min_length=1, json_schema_extra=_ids,
        description="The questions, by id (lowercase letters, digits, hyphens).",
    )
    outcomes: dict[str, Outcome] = Field(
        min_length=1, json_schema_extra=_ids,
        description="The outcomes, by id (lowercase letters, digits, hyphens); ids are shared with questions and must differ.",
    )
