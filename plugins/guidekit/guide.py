"""The core of guidekit, shared by every way of building a guide and by
the tools: the one entrance for data files.

A :class:`Guide` holds one build's components and views, UI words and
templates, the data files it has loaded and checked (:meth:`Guide.load_file`,
the one entrance for a quiz or checklist file), and puts the components in
place in a page's HTML (:meth:`Guide.place`). It needs no MkDocs build:
the MkDocs plugin (``build.py``) and the Python-Markdown extension
(``extension.py``, for Zensical or any other host) feed it files and pages,
and give it a function that renders the Markdown inside data for one page.
Problems are collected in ``guide.problems``; the caller decides when they
stop the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup

from . import exit as exit_control
from .core import assets
from .config import plugin_options
from .core.component import Component, RenderContext, View, component_files
from .core.component import render as render_component
from .core.models import ID, ID_RULE
from .core.placement import SourceComment, find_in_html
from .core.problems import Problems, clip, did_you_mean
from .core.templates import make_environment
from .core.words import load_words
from .core.yamlfile import load_yaml
from .checklist.component import CHECKLIST
from .checklist.evaluate import compiled, config
from .quiz.component import QUIZ
from .quiz.outline import QUIZ_OUTLINE

# (text, line in the YAML file, the entry it comes from) -> HTML for the page being rendered
MarkdownFor = Callable[["Entry", str, int], Markup]


def components() -> list[Component]:
    return [QUIZ, CHECKLIST]


def views() -> list[View]:
    return [QUIZ_OUTLINE]


def undecodable(data: bytes, start: int) -> tuple[int, int, str]:
    """The line and column of the first byte that is not UTF-8, and its line."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", start)
    text = data[line_start:len(data) if line_end < 0 else line_end].decode("utf-8", "replace").rstrip("\r")
    column = len(data[line_start:start].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, start) + 1, column, text


@dataclass
class Entry:
    """One loaded data file."""

    component: Component
    ident: str
    path: str  # as shown in messages, e.g. content/quizzes/readiness.yml
    src_uri: str  # relative to the docs folder, e.g. quizzes/readiness.yml
    model: Any


def bundle() -> assets.Bundle:
    """The script and styles of every component, in one file of each."""
    found = components()
    scripts = [Path(__file__).parent / "core" / "runtime.js", exit_control.FOLDER / "exit.js"] + [component_files(c)[0] for c in found]
    styles = [exit_control.FOLDER / "exit.css"] + [component_files(c)[1] for c in found]
    return assets.bundle(scripts, styles)


class Guide:
    """The components of one build: settings, words, templates, loaded data."""

    def __init__(self, options: Any, language: str = "en", custom_dir: str | None = None, *,
                 config_file: str = "mkdocs.yml", left_out: Callable[[str, str], str] | None = None):
        """``options`` has the plugin's settings (``config.GuidekitConfig``);
        ``config_file`` is the site's config file as messages name it;
        ``left_out(kind, id)`` names a data file that exists although the
        build did not read it (another plugin took it out), else returns ""."""
        self.options = options
        self.components = components()
        self.views = views()
        self.problems = Problems()
        self.entries: dict[tuple[str, str], Entry] = {}
        self.folders = {c.kind: getattr(options, c.plural).strip("/") for c in self.components}
        # the word in a page comment -> the kind of data file it shows
        self.shows = {c.kind: c.kind for c in self.components} | {v.kind: v.of for v in self.views}
        self.words = load_words(language or "en", options.words, self.problems, config_file)
        self.left_out = left_out
        self.templates = make_environment(custom_dir, [c.folder for c in self.components] + [exit_control.FOLDER])
        self.exit = exit_control.ExitControl(options, self.templates, self.words)

    def kind_of(self, src_uri: str) -> str | None:
        """The kind of data file at ``src_uri`` (relative to the docs folder), or None."""
        if not src_uri.endswith((".yml", ".yaml")):
            return None
        for kind, folder in self.folders.items():
            if src_uri.startswith(folder + "/"):
                return kind
        return None

    def load_file(self, kind: str, src_uri: str, data: bytes | str, path: str) -> Entry | None:
        """Read and check one data file of ``kind``: its id (the file name),
        its text (UTF-8), its YAML and its model. ``path`` is the file as
        messages name it. Problems go to ``self.problems``; the entry is kept
        for placements and returned, or None when the file has errors."""
        component = next(c for c in self.components if c.kind == kind)
        ident = posixpath.splitext(posixpath.basename(src_uri))[0]
        if not ID.match(ident):
            self.problems.error(1, f"the file name '{clip(ident)}' cannot name a {kind}: file names {ID_RULE} (e.g. 'first-message.yml')", path)
            return None
        if (kind, ident) in self.entries:
            other = self.entries[(kind, ident)].path
            self.problems.error(1, f"a {kind} named '{clip(ident)}' is already defined in {other}: file names must be unique", path)
            return None
        if isinstance(data, bytes):
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                line, column, excerpt = undecodable(data, e.start)
                self.problems.error(line, f"the file is not UTF-8 text ({e.reason}): save it as UTF-8 in your editor",
                                    path, column=column, excerpt=excerpt)
                return None
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # as a file read as text
        else:
            text = data
        loaded = load_yaml(text, path)
        problems = loaded.problems
        model = None
        if loaded.data is not None and not problems.errors:
            model = component.load(loaded, ident, problems)
        self.problems.extend(problems)
        if model is None:
            return None
        entry = Entry(component, ident, path, src_uri, model)
        self.entries[(kind, ident)] = entry
        return entry

    # Exit this page, like every part a page may get, through the guide
    def read_page(self, page: Any, path: str) -> None:
        """Note what a page's front matter asks for (``page.meta``,
        ``page.file``); ``path`` is the page as messages name it."""
        self.exit.read_page(page, path, self.problems)

    def finish_page(self, output: str) -> str:
        """The whole page once the theme has made it (links kept in the tab)."""
        return self.exit.same_tab(output)

    def finish_checks(self) -> None:
        """Checks that need every page: patterns that matched none."""
        self.exit.check_patterns(self.problems)

    def place(self, html: str, comments: list[SourceComment], path: str, page_uri: str, markdown: MarkdownFor) -> str:
        """The page's HTML with each placement replaced by its component, and
        Exit this page added where it is wanted. ``comments`` are the
        page's source comments (for lines), ``path`` the page as messages
        name it, ``page_uri`` its path in the docs folder."""
        kept = self._placements_in(html, comments, path)
        if kept:
            parts, end = [], len(html)
            for place in reversed(kept):
                entry = self.entries[(self.shows[place.kind], place.id)]
                parts.append(html[place.end:end])
                parts.append(self.render(entry, place.kind, markdown))
                end = place.start
            html = html[:end] + "".join(reversed(parts))
        # a view (the quiz outline) is not a component: it needs no Exit this page
        has_component = any(place.kind in self.folders for place in kept)
        return self.exit.add(html, page_uri, has_component)

    def _placements_in(self, html: str, comments: list[SourceComment], path: str) -> list:
        """The page's placements as the parser wrote them, each checked; the
        mistakes among them reported at the line an editor shows."""
        if "<!--" not in html and not comments:
            return []
        known: dict[str, list[str]] = {}
        for kind, ident in self.entries:
            known.setdefault(kind, []).append(ident)
        found = find_in_html(html, comments, set(self.shows), {word: known.get(kind, []) for word, kind in self.shows.items()})
        for mistake in found.mistakes:
            self.problems.error(mistake.line, mistake.message, path, column=mistake.column)
        seen: set[tuple[str, str]] = set()
        kept = []
        for place in found.placements:
            kind = self.shows[place.kind]
            if (kind, place.id) not in self.entries and self.left_out and (hidden := self.left_out(kind, place.id)):
                self.problems.error(place.line, f"no {kind} named '{clip(place.id)}' was read, although {hidden} exists: "
                                                "another plugin listed before guidekit (such as 'exclude') took it out of "
                                                "the site's files; in mkdocs.yml list '- guidekit' before that plugin, or "
                                                "change that plugin's patterns so that they leave out "
                                                f"{self.folders[kind]}/", path, column=place.column)
            elif (kind, place.id) not in self.entries:
                names = sorted(i for (k, i) in self.entries if k == kind)
                plural = next(c.plural for c in self.components if c.kind == kind)
                listing = ", ".join(names) if names else f"none (add one as {self.folders[kind]}/{place.id}.yml)"
                self.problems.error(place.line, f"no {kind} named '{clip(place.id)}'{did_you_mean(place.id, names)}; "
                                                f"known {plural}: {clip(listing, 200)}", path, column=place.column)
            elif (place.kind, place.id) in seen:
                self.problems.error(place.line, f"the {place.kind} '{clip(place.id)}' is already placed on this page", path,
                                    column=place.column)
            else:
                seen.add((place.kind, place.id))
                kept.append(place)
        return kept

    def render(self, entry: Entry, kind: str, markdown: MarkdownFor) -> str:
        """The HTML of one placement of ``entry`` shown as ``kind`` (a
        component, or a view of one such as ``quiz-outline``)."""
        # "--" joins the parts of an element id (kind, file, step): ids hold
        # single hyphens only, so two joins never give the same id
        dom_id = f"{kind}--{entry.ident}"
        ctx = RenderContext(markdown=lambda text, line: markdown(entry, text, line), words=self.words, dom_id=dom_id,
                            templates=self.templates)
        view = next((v for v in self.views if v.kind == kind), None)
        if view is not None:
            return view.render(entry.model, ctx)
        return render_component(entry.component, entry.model, ctx, self.templates, self.words)


def load_data_file(path: str | Path, kind: str) -> tuple[Entry | None, Problems]:
    """One quiz or checklist file read and checked as the build reads it,
    outside a build (tools, tests and benchmarks): the entry (None when the
    file has errors) and the problems found."""
    guide = Guide(plugin_options({}))
    path = Path(path)
    entry = guide.load_file(kind, path.name, path.read_bytes(), str(path))
    return entry, guide.problems


def checklist_rules(path: str | Path) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    """The compiled automatic rules and the config of a checklist file, for
    tests and benchmarks: ``evaluate(*checklist_rules(path), text)``."""
    entry, problems = load_data_file(path, "checklist")
    if entry is None:
        raise ValueError("\n".join(str(p) for p in problems.errors))
    checklist = entry.model.checklist
    rules = [(c.id, compiled(c.rule)) for c in checklist.checks if c.rule]
    return rules, config(checklist.signoffs, checklist.signoff_words)
