"""What a component (quiz, checklist) provides to the build.

A component lives in a folder of its own holding its model and checks
(``model.py``, ``checks.py``), its template (``<kind>.html``), its script
(``<kind>.js``) and its styles (``<kind>.css``). The build finds its data
files in ``docs_dir/<folder>/*.yml``, loads and checks them once per build,
and renders the template wherever a page places one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Protocol

from jinja2 import Environment
from markupsafe import Markup

from .problems import Problems
from .yamlfile import Loaded


@dataclass
class RenderContext:
    """What a component's ``context()`` may use while rendering for one page."""

    markdown: Callable[[str, int], Markup]  # (text, line in the YAML file) -> HTML
    words: dict[str, str]
    dom_id: str  # unique on the page ("quiz--readiness"): the prefix of element ids, joined with "--"
    templates: Environment | None = None  # the build's templates, with the site's overrides (views render with them)


class Vars(SimpleNamespace):
    """A group of template variables. Jinja reads ``q.text`` from it directly
    (from a dict it first tries an attribute and fails, which costs time on
    big quizzes); ``q["text"]`` works too, for templates written either way."""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


class Component(Protocol):
    kind: str  # the word in the page comment: <!-- quiz readiness -->
    plural: str  # "quizzes": the default content folder and the word in messages
    folder: Path  # the package folder with the template, script and styles

    def load(self, loaded: Loaded, ident: str, problems: Problems) -> Any | None:
        """Validate the loaded YAML; return the model, or None after adding problems."""

    def context(self, model: Any, ctx: RenderContext) -> dict[str, Any]:
        """The variables the component's template receives (besides ``words``)."""


class View(Protocol):
    """Another way to show a component's data on a page, placed the same way
    (``<!-- quiz-outline readiness -->`` shows the outline of the quiz
    ``readiness``). A view is static HTML: it adds no script and no Exit this
    page control."""

    kind: str  # the word in the page comment: "quiz-outline"
    of: str  # the kind of component whose files it shows: "quiz"

    def render(self, model: Any, ctx: RenderContext) -> Markup:
        """The HTML that replaces the comment (every text escaped)."""


def component_files(component: Component) -> tuple[Path, Path, str]:
    return (component.folder / f"{component.kind}.js",
            component.folder / f"{component.kind}.css",
            f"{component.kind}.html")


def render(component: Component, model: Any, ctx: RenderContext, templates: Environment, words: dict[str, str]) -> str:
    """The component's HTML for one placement: its template with its context."""
    variables = component.context(model, ctx)
    return templates.get_template(component_files(component)[2]).render(words=words, **variables)
