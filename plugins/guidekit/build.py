"""One MkDocs build of a guide: the state the plugin's hooks delegate to.

The components themselves are the core's (``guide.py``), shared with the
Markdown extension for Zensical. This module adds what only MkDocs offers:
its file list (data files left out of the site, data in ``data_dirs``),
the hashed asset bundle, anchor checks across pages once every page is
rendered, live reload of data folders, and warnings that ``--strict``
turns into failures. A new ``GuideBuild`` is made for every build
(``mkdocs serve`` rebuilds included), so nothing leaks from one build into
the next.
"""

from __future__ import annotations

import os
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import PLUGIN_OPTIONS, plugin_options
from .core.markdown import MarkdownRenderer
from .core.models import ID
from .core.placement import SourceComment, first_line, source_comments
from .core.problems import GuideError, Problems, log
from .extension import ASSET_PATHS, EXTENSION_NAMES
from .guide import Entry, Guide, bundle


def take_over_extension(config: MkDocsConfig, options: Any) -> Any:
    """The plugin's options, with those of the guidekit Markdown extension
    when mkdocs.yml lists it (for Zensical). The extension does not run
    under MkDocs: the plugin's hooks do its work, with checks across pages.
    An option set in both places must be set once."""
    names = [e for e in config.markdown_extensions if isinstance(e, str) and e in EXTENSION_NAMES]
    given: dict = {}
    for name in names:
        config.markdown_extensions.remove(name)
        given.update(config.mdx_configs.pop(name, None) or {})
    given.pop("docs_dir", None)  # MkDocs has its own docs_dir
    if not given:
        return options
    # what the plugin's entry sets: the values that are not the defaults
    defaults = plugin_options({})
    own = {k: options[k] for k in PLUGIN_OPTIONS if options[k] != defaults[k]}
    twice = sorted(k for k in given if k in own and own[k] != given[k])
    if twice:
        raise PluginError(f"mkdocs.yml: {', '.join(twice)} set both under plugins > guidekit and under "
                          "markdown_extensions > guidekit: set each option in one place (the extension's is read by Zensical too)")
    try:
        return plugin_options({**own, **given}, config_file=config.config_file_path)
    except GuideError as e:
        raise PluginError(f"mkdocs.yml: {e}") from None


@dataclass
class GuideBuild:
    config: MkDocsConfig
    options: Any  # GuidekitConfig

    def __post_init__(self) -> None:
        self.base = os.path.dirname(self.config.config_file_path or "") or os.getcwd()
        config_file = self.shown(self.config.config_file_path) if self.config.config_file_path else "mkdocs.yml"
        self.guide = Guide(self.options, self.config.theme.get("language") or "en", self.config.theme.custom_dir,
                           config_file=config_file, left_out=self._left_out)
        self.guide.problems.raise_or_warn()
        self._note_missing_search()
        self.guide.problems = Problems()
        self.comments: dict[str, list[SourceComment]] = {}  # per page, from on_page_markdown to on_page_content
        self.bundle = bundle()
        self.markdown: MarkdownRenderer | None = None

    # what the core holds, under the names tools and tests use
    @property
    def problems(self) -> Problems:
        return self.guide.problems

    @problems.setter
    def problems(self, value: Problems) -> None:
        self.guide.problems = value

    @property
    def entries(self) -> dict[tuple[str, str], Entry]:
        return self.guide.entries

    @property
    def words(self) -> dict[str, str]:
        return self.guide.words

    @property
    def templates(self):
        return self.guide.templates

    @property
    def folders(self) -> dict[str, str]:
        return self.guide.folders

    @property
    def components(self):
        return self.guide.components

    @property
    def views(self):
        return self.guide.views

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
        """The hashed bundle in place of the fixed-name files that
        ``python -m guidekit assets`` writes for other hosts (Zensical):
        a site that lists those for Zensical loads the bundle once here."""
        self.config.extra_css[:] = [p for p in self.config.extra_css if str(p) not in ASSET_PATHS]
        self.config.extra_javascript[:] = [p for p in self.config.extra_javascript if str(p) not in ASSET_PATHS]
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
        for file in list(files) + self._outside_data():
            if file.src_uri in ASSET_PATHS and files.get_file_from_path(file.src_uri) is file:
                files.remove(file)  # written for other hosts; the bundle replaces it
                continue
            kind = self.guide.kind_of(file.src_uri)
            if kind is None:
                continue
            if files.get_file_from_path(file.src_uri) is file:
                # data, not a page or an asset of the site: MkDocs keeps it
                # out of the built site (and out of `mkdocs serve`)
                file.inclusion = InclusionLevel.EXCLUDED
            try:
                data: str | bytes = file.content_string
            except UnicodeDecodeError:
                data = file.content_bytes
            self.guide.load_file(kind, file.src_uri, data, self.shown(file.abs_src_path))
        self.problems.raise_or_warn()
        self.problems = Problems()
        self.markdown = MarkdownRenderer(self.config, files, self.problems)
        return files

    # on_page_markdown
    def find_placements(self, markdown: str, page: Page) -> str:
        """Note the comments of the page's source, with the lines an editor
        shows (front matter included); the placements themselves are found
        in the HTML the parser makes of the page (``render_placements``)."""
        path = self.shown(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
        self.guide.read_page(page, path)
        try:
            source = page.file.content_string
        except (OSError, UnicodeDecodeError, TypeError):
            source = None
        self.comments[page.file.src_uri] = source_comments(markdown, first_line(source, markdown))
        return markdown

    # on_page_content
    def render_placements(self, html: str, page: Page) -> str:
        comments = self.comments.pop(page.file.src_uri, [])
        path = self.shown(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
        markdown = self.markdown
        assert markdown is not None

        def render_markdown(entry: Entry, text: str, line: int):
            return markdown.render(text, source=entry.src_uri, shown=entry.path, line=line, page_file=page.file)

        return self.guide.place(html, comments, path, page.file.src_uri, render_markdown)

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

    # on_env
    def finish_checks(self) -> None:
        if self.markdown:
            self.markdown.check_anchors()
        self.guide.finish_checks()
        self.problems.raise_or_warn()

    # on_post_page
    def finish_page(self, output: str) -> str:
        return self.guide.finish_page(output)

    # on_post_build
    def write_assets(self) -> None:
        self.bundle.write(self.config.site_dir)
