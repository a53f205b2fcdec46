"""guidekit as a Python-Markdown extension, for hosts other than MkDocs'
plugin: Zensical, or any tool that runs ``markdown_extensions``::

    markdown_extensions:
      - guidekit:
          docs_dir: content      # where quizzes/ and checklists/ are (Zensical: its docs_dir)
          exit_on: every-page    # and the plugin's other options

It reads and checks the data files (through the same core as the plugin,
``guide.py``), finds the placements in the HTML the parser made of each
page, renders the components there, and raises :class:`GuideError`, whose
message is the ``file:line: what is wrong`` lines, when anything is wrong:
the host stops the build with it. The script and styles reach the page
through ``extra_javascript`` and ``extra_css``: ``python -m guidekit assets
DOCS_DIR`` writes them as :data:`ASSET_PATHS` in the docs folder.

Under MkDocs with the guidekit plugin, the plugin takes this extension's
place (and its options): it adds what only MkDocs offers.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .core.placement import SourceComment, first_line, source_comments
from .config import plugin_options
from .core.problems import GuideError, Problems

# the names a site lists the extension by (the entry point, and the module)
EXTENSION_NAMES = ("guidekit", "guidekit.extension")
# where ``python -m guidekit assets DOCS_DIR`` writes the bundle, in the docs folder
ASSET_FOLDER = "assets/guidekit"
ASSET_PATHS = (f"{ASSET_FOLDER}/guidekit.js", f"{ASSET_FOLDER}/guidekit.css")


def _raise(problems: Problems) -> None:
    """Stop on errors, with every error in the message; warnings go to the log."""
    try:
        problems.raise_or_warn()
    except Exception as e:  # mkdocs' PluginError: the same text, for any host
        raise GuideError(str(e)) from None


@dataclass(frozen=True)
class Site:
    """What the extension knows of the site being built."""

    root: Path  # the folder of the configuration: paths in messages are relative to it
    docs_dir: Path
    use_directory_urls: bool
    language: str
    custom_dir: str | None
    markdown_extensions: tuple = field(hash=False, compare=False)
    mdx_configs: Any = field(hash=False, compare=False)
    zensical: bool = False  # built by Zensical


def _zensical_config() -> dict | None:
    """Zensical's settings, when Zensical is building."""
    module = sys.modules.get("zensical.config")
    if module is None:
        return None
    try:
        config = module.get_config()
    except Exception:
        return None
    return config if isinstance(config, dict) else None


def _site(docs_dir: str) -> Site:
    config = _zensical_config()
    if config is not None:
        root = Path(config.get("root_dir") or ".").resolve()
        theme = config.get("theme") or {}
        custom = theme.get("custom_dir")
        return Site(root, (root / (docs_dir or config.get("docs_dir") or "docs")).resolve(),
                    bool(config.get("use_directory_urls", True)), theme.get("language") or "en",
                    str(root / custom) if custom else None,
                    tuple(config.get("markdown_extensions") or ()), config.get("mdx_configs") or {}, True)
    root = Path.cwd()
    return Site(root, (root / (docs_dir or "docs")).resolve(), True, "en", None, (), {})


class _Loaded:
    """The data of one site, loaded once and kept while its files are unchanged."""

    def __init__(self, site: Site, options: Any):
        from mkdocs.structure.files import File, Files

        from .guide import Guide
        from .core.markdown import MarkdownRenderer

        self.site = site
        self.guide = Guide(options, site.language, site.custom_dir)
        _raise(self.guide.problems)
        self.guide.problems = Problems()
        site_dir = str(site.root / "site")
        self.File = lambda uri, folder=str(site.docs_dir): File(uri, folder, site_dir, site.use_directory_urls)
        pages = []
        for path in sorted(site.docs_dir.rglob("*")):
            if not path.is_file():
                continue
            uri = path.relative_to(site.docs_dir).as_posix()
            kind = self.guide.kind_of(uri)
            if kind is None:
                pages.append(self.File(uri))
            else:
                self._load(kind, uri, path)
        for folder in options.data_dirs:
            for sub in self.guide.folders.values():
                for path in sorted((site.root / folder / sub).rglob("*")):
                    if path.suffix in (".yml", ".yaml") and path.is_file():
                        uri = path.relative_to(site.root / folder).as_posix()
                        self._load(self.guide.kind_of(uri) or "", uri, path)
        _raise(self.guide.problems)
        self.files = Files(pages)
        settings = SimpleNamespace(
            use_directory_urls=site.use_directory_urls,
            markdown_extensions=[e for e in site.markdown_extensions if _not_ours(e)],
            mdx_configs=site.mdx_configs)
        # Zensical turns every relative link of a page into an address itself
        self.markdown = MarkdownRenderer(settings, self.files, self.guide.problems, source_links=site.zensical)
        self.lock = threading.Lock()

    def _load(self, kind: str, uri: str, path: Path) -> None:
        if kind:
            self.guide.load_file(kind, uri, path.read_bytes(), self.shown(path))

    def shown(self, path: Path) -> str:
        return os.path.relpath(path, self.site.root).replace(os.sep, "/")


def _not_ours(extension: Any) -> bool:
    return not (extension in EXTENSION_NAMES or isinstance(extension, GuidekitExtension))


_CACHE: dict[tuple, _Loaded] = {}


def _state(site: Site, options: Any, key_options: tuple) -> _Loaded:
    """The loaded data for ``site``: loaded again when a file of its docs
    folder (or of ``data_dirs``) has changed, was added or removed."""
    folders = [site.docs_dir] + [site.root / d for d in options.data_dirs]
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for f in folders for p in sorted(f.rglob("*")) if p.is_file())
    key = (site, key_options, stamp)
    loaded = _CACHE.get(key)
    if loaded is None:
        _CACHE.clear()
        loaded = _CACHE[key] = _Loaded(site, options)
    return loaded


class _Comments(Preprocessor):
    """Keeps the page's source as written, for the lines of its comments."""

    def __init__(self, md, owner: "GuidekitExtension"):
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        self.owner.source = "\n".join(lines)
        return lines


class _TreeDone(Treeprocessor):
    """Marks the end of the tree's processing: the postprocessors run on the
    whole page from then on (toc runs them on each heading before)."""

    def __init__(self, md, owner: "GuidekitExtension"):
        super().__init__(md)
        self.owner = owner

    def run(self, root) -> None:
        self.owner.tree_done = True


class _Place(Postprocessor):
    def __init__(self, md, owner: "GuidekitExtension"):
        super().__init__(md)
        self.owner = owner

    def run(self, text: str) -> str:
        if not self.owner.tree_done:
            return text  # a heading's text, for the table of contents
        self.owner.tree_done = False
        try:
            return self.owner.place(self.md, text)
        except GuideError as e:  # the host shows the message: our own frames would only hide it
            raise e.with_traceback(None) from None


class GuidekitExtension(markdown.Extension):
    def __init__(self, **kwargs: Any):
        self.config = {
            "docs_dir": ["", "the folder with quizzes/ and checklists/ (default: Zensical's docs_dir, else 'docs')"],
            "quizzes": ["quizzes", "folder in docs_dir with one YAML file per quiz"],
            "checklists": ["checklists", "folder in docs_dir with one YAML file per checklist"],
            "data_dirs": [[], "other folders whose quizzes/ and checklists/ are read too"],
            "exit_on": ["components", "every-page | components | front-matter"],
            "exit_except": [[], "pages left out of Exit this page (paths in docs_dir)"],
            "exit_url": ["https://www.bbc.co.uk/weather", "where Exit this page leads"],
            "words": [{}, "single UI words to override"],
        }
        self.given = dict(kwargs)  # unknown options are reported by plugin_options, with the others
        super().__init__(**{k: v for k, v in kwargs.items() if k in self.config})
        self.source = ""
        self.tree_done = False

    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_Comments(md, self), "guidekit_comments", 40)  # before whitespace is normalised (30)
        md.treeprocessors.register(_TreeDone(md, self), "guidekit_tree_done", -1000)  # after every other
        md.postprocessors.register(_Place(md, self), "guidekit", 5)  # after raw HTML is put back (30)

    def reset(self) -> None:
        self.source = ""
        self.tree_done = False

    def place(self, md, html: str) -> str:
        values = {k: v for k, v in self.given.items() if k != "docs_dir"}
        options = plugin_options(values)
        site = _site(str(self.getConfig("docs_dir") or ""))
        state = _state(site, options, tuple(sorted((k, repr(v)) for k, v in values.items())))
        page = _page_of(md)
        uri = page.path if page is not None else ""
        path = site.docs_dir / uri if uri else None
        shown = state.shown(path) if path else "(page)"
        source = None
        if path is not None and path.is_file():
            try:
                source = path.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                source = None
        comments: list[SourceComment] = source_comments(self.source, first_line(source, self.source))
        page_file = state.File(uri or "index.md")
        with state.lock:
            problems = state.guide.problems = state.markdown.problems = Problems()
            if page is not None:
                state.guide.read_page(SimpleNamespace(meta=page.meta, file=page_file), shown)

            def render_markdown(entry, text: str, line: int):
                return state.markdown.render(text, source=entry.src_uri, shown=entry.path, line=line, page_file=page_file)

            html = state.guide.place(html, comments, shown, uri, render_markdown)
            _raise(problems)
        return html


def _page_of(md) -> Any:
    """The page being rendered, as Zensical describes it (``path`` in the
    docs folder, ``meta``), or None under another host."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if page is not None and isinstance(getattr(page, "path", None), str):
            return page
    return None


def makeExtension(**kwargs: Any) -> GuidekitExtension:
    return GuidekitExtension(**kwargs)
