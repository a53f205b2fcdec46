"""One build of a guide: the state the plugin's hooks delegate to.

A new ``GuideBuild`` is made for every build (``mkdocs serve`` rebuilds
included), so nothing leaks from one build into the next.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import exit as exit_control
from .core import assets
from .core.component import Component, RenderContext, View, component_files
from .core.component import render as render_component
from .core.markdown import MarkdownRenderer
from .core.models import ID, ID_RULE
from .core.placement import SourceComment, find_in_html, first_line, source_comments
from .core.problems import Problems, clip, did_you_mean, log
from .core.templates import make_environment
from .core.words import load_words
from .core.yamlfile import load_yaml


def components() -> list[Component]:
    from .checklist.component import CHECKLIST
    from .quiz.component import QUIZ

    return [QUIZ, CHECKLIST]


def views() -> list[View]:
    from .quiz.outline import QUIZ_OUTLINE

    return [QUIZ_OUTLINE]


def _undecodable(data: bytes, start: int) -> tuple[int, int, str]:
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
    src_uri: str  # relative to docs_dir, e.g. quizzes/readiness.yml
    model: Any


@dataclass
class GuideBuild:
    config: MkDocsConfig
    options: Any  # GuidekitConfig
    components: list[Component] = field(default_factory=components)
    views: list[View] = field(default_factory=views)

    def __post_init__(self) -> None:
        self.problems = Problems()
        self.entries: dict[tuple[str, str], Entry] = {}
        self.comments: dict[str, list[SourceComment]] = {}  # per page, from on_page_markdown to on_page_content
        self.folders = {c.kind: getattr(self.options, c.plural).strip("/") for c in self.components}
        # the word in a page comment -> the kind of data file it shows
        self.shows = {c.kind: c.kind for c in self.components} | {v.kind: v.of for v in self.views}
        self.base = os.path.dirname(self.config.config_file_path or "") or os.getcwd()
        config_file = self.shown(self.config.config_file_path) if self.config.config_file_path else "mkdocs.yml"
        self.words = load_words(self.config.theme.get("language") or "en", self.options.words, self.problems, config_file)
        self.problems.raise_or_warn()
        self._note_missing_search()
        self.templates = make_environment(
            self.config.theme.custom_dir,
            [c.folder for c in self.components] + [exit_control.FOLDER],
        )
        scripts = [Path(__file__).parent / "core" / "runtime.js", exit_control.FOLDER / "exit.js"] + [component_files(c)[0] for c in self.components]
        styles = [exit_control.FOLDER / "exit.css"] + [component_files(c)[1] for c in self.components]
        self.bundle = assets.bundle(scripts, styles)
        self.markdown: MarkdownRenderer | None = None
        self.exit = exit_control.ExitControl(self.options, self.templates, self.words)

    def _note_missing_search(self) -> None:
        """MkDocs adds its search plugin only while ``plugins:`` is absent, so
        a Material site that lists guidekit alone has lost its search."""
        if self.config.theme.name != "material":
            return
        if any(name == "search" or name.endswith("/search") for name in self.config.plugins):
            return
        name = os.path.basename(self.config.config_file_path or "mkdocs.yml")
        log.info(f"{name} lists no search plugin, so the site has no search box: MkDocs adds 'search' by itself only while "
                 "'plugins:' is absent. To keep it, list '- search' before '- guidekit' under plugins")

    # on_config
    def add_assets(self) -> MkDocsConfig:
        self.config.extra_css.append(self.bundle.css_path)
        self.config.extra_javascript.append(ExtraScriptValue(self.bundle.js_path))
        return self.config

    def watch_data_dirs(self) -> None:
        """``mkdocs serve`` rebuilds when a data file outside docs_dir changes."""
        self.config.watch.extend(d for d in self.options.data_dirs if d not in self.config.watch)

    def _outside_data(self) -> list[File]:
        """The YAML files in the quiz and checklist folders of ``data_dirs``
        (read as if they were in docs_dir, never published)."""
        found = []
        for folder in self.options.data_dirs:
            for sub in self.folders.values():
                for path in sorted((Path(folder) / sub).rglob("*")):
                    if path.suffix in (".yml", ".yaml") and path.is_file():
                        found.append(File(path.relative_to(folder).as_posix(), folder, self.config.site_dir,
                                          self.config.use_directory_urls))
        return found

    def shown(self, abs_path: str) -> str:
        return os.path.relpath(abs_path, self.base).replace(os.sep, "/")

    # on_files
    def load_data(self, files: Files) -> Files:
        by_kind = {c.kind: c for c in self.components}
        for file in list(files) + self._outside_data():
            kind = self._kind_of(file)
            if kind is None:
                continue
            if files.get_file_from_path(file.src_uri) is file:
                files.remove(file)  # data, not a page or an asset of the site
            component = by_kind[kind]
            ident = posixpath.splitext(posixpath.basename(file.src_uri))[0]
            path = self.shown(file.abs_src_path)
            if not ID.match(ident):
                self.problems.error(1, f"the file name '{clip(ident)}' cannot name a {kind}: file names {ID_RULE} (e.g. 'first-message.yml')", path)
                continue
            if (kind, ident) in self.entries:
                other = self.entries[(kind, ident)].path
                self.problems.error(1, f"a {kind} named '{clip(ident)}' is already defined in {other}: file names must be unique", path)
                continue
            try:
                text = file.content_string
            except UnicodeDecodeError as e:
                line, column, excerpt = _undecodable(file.content_bytes, e.start)
                self.problems.error(line, f"the file is not UTF-8 text ({e.reason}): save it as UTF-8 in your editor",
                                    path, column=column, excerpt=excerpt)
                continue
            loaded = load_yaml(text, path)
            problems = loaded.problems
            model = None
            if loaded.data is not None and not problems.errors:
                model = component.load(loaded, ident, problems)
            self.problems.extend(problems)
            if model is not None:
                self.entries[(kind, ident)] = Entry(component, ident, path, file.src_uri, model)
        self.problems.raise_or_warn()
        self.problems = Problems()
        self.markdown = MarkdownRenderer(self.config, files, self.problems)
        return files

    def _kind_of(self, file: File) -> str | None:
        if not file.src_uri.endswith((".yml", ".yaml")):
            return None
        for kind, folder in self.folders.items():
            if file.src_uri.startswith(folder + "/"):
                return kind
        return None

    # on_page_markdown
    def find_placements(self, markdown: str, page: Page) -> str:
        """Note the comments of the page's source, with the lines an editor
        shows (front matter included); the placements themselves are found
        in the HTML the parser makes of the page (``render_placements``)."""
        path = self.shown(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
        self.exit.read_page(page, path, self.problems)
        try:
            source = page.file.content_string
        except (OSError, UnicodeDecodeError, TypeError):
            source = None
        self.comments[page.file.src_uri] = source_comments(markdown, first_line(source, markdown))
        return markdown

    # on_page_content
    def render_placements(self, html: str, page: Page) -> str:
        kept = self._placements_in(html, page)
        if kept:
            assert self.markdown is not None
            parts, end = [], len(html)
            for place in reversed(kept):
                entry = self.entries[(self.shows[place.kind], place.id)]
                parts.append(html[place.end:end])
                parts.append(self._render(entry, page, place.kind))
                end = place.start
            html = html[:end] + "".join(reversed(parts))
        # a view (the quiz outline) is not a component: it needs no Exit this page
        has_component = any(place.kind in self.folders for place in kept)
        return self.exit.add(html, page.file.src_uri, has_component)

    def _placements_in(self, html: str, page: Page) -> list:
        """The page's placements as the parser wrote them, each checked; the
        mistakes among them reported at the line an editor shows."""
        comments = self.comments.pop(page.file.src_uri, [])
        if "<!--" not in html and not comments:
            return []
        path = self.shown(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
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
            if (kind, place.id) not in self.entries and (hidden := self._left_out(kind, place.id)):
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

    def _left_out(self, kind: str, ident: str) -> str:
        """The data file for ``ident`` as shown in messages, when it is in
        docs_dir although the build did not read it (another plugin removed
        it from the site's files first), else ""."""
        if not ID.match(ident):
            return ""
        for suffix in (".yml", ".yaml"):
            path = Path(self.config.docs_dir, self.folders[kind], ident + suffix)
            if path.is_file():
                return self.shown(str(path))
        return ""

    def _render(self, entry: Entry, page: Page, kind: str) -> str:
        markdown = self.markdown
        assert markdown is not None

        def render_markdown(text: str, line: int):
            return markdown.render(text, source=entry.src_uri, shown=entry.path, line=line, page_file=page.file)

        # "--" joins the parts of an element id (kind, file, step): ids hold
        # single hyphens only, so two joins never give the same id
        dom_id = f"{kind}--{entry.ident}"
        ctx = RenderContext(markdown=render_markdown, words=self.words, dom_id=dom_id)
        view = next((v for v in self.views if v.kind == kind), None)
        if view is not None:
            return view.render(entry.model, ctx)
        return render_component(entry.component, entry.model, ctx, self.templates, self.words)

    # on_env
    def finish_checks(self) -> None:
        if self.markdown:
            self.markdown.check_anchors()
        self.exit.check_patterns(self.problems)
        self.problems.raise_or_warn()

    # on_post_page
    def finish_page(self, output: str) -> str:
        return self.exit.same_tab(output)

    # on_post_build
    def write_assets(self) -> None:
        self.bundle.write(self.config.site_dir)

