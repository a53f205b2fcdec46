"""Render the Markdown found inside YAML data with the site's own settings.

One ``markdown.Markdown`` instance serves the whole build (reset between
texts). Raw HTML is shown as text, not passed through, so data files cannot
inject markup. Relative links are written relative to the YAML file, as in
any page (``../writing.md#tone``), checked against the site's files and
rewritten for the page that shows them; anchors are checked once every page
has been rendered.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree as etree

import markdown
from markupsafe import Markup, escape
from mkdocs import utils
from mkdocs.structure.files import File, Files

from .problems import Problems, did_you_mean

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
NO_DATA_EXTENSIONS = {"pymdownx.snippets"}
# Text with none of these characters renders to a plain paragraph.
_MARKUP = re.compile(r"[\\`*_{}\[\]<>()#+\-!|~=:&^\d]|^\s|\n\s*\n|\s$", re.M)


@dataclass
class AnchorLink:
    shown: str
    line: int
    url: str
    target: File
    anchor: str


@dataclass
class _Context:
    source: str = ""  # the YAML file's path in docs_dir: links are relative to it
    shown: str = ""  # the same file as messages name it
    line: int = 0
    page_file: File | None = None


class _Links(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, owner: "MarkdownRenderer"):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key and element.get(key) is not None:
                element.set(key, self.owner.resolve(element.get(key)))


class MarkdownRenderer:
    def __init__(self, config, files: Files, problems: Problems):
        self.files = files
        self.problems = problems
        self.use_directory_urls = config.use_directory_urls
        self.anchor_links: list[AnchorLink] = []
        self.ctx = _Context()
        # data files include no other files, and hold no raw HTML (below)
        extensions = [e for e in config.markdown_extensions if e not in NO_DATA_EXTENSIONS]
        self.md = markdown.Markdown(
            extensions=extensions,
            extension_configs={k: v for k, v in config.mdx_configs.items() if k in extensions},
        )
        for name in ("html_block",):
            if name in self.md.preprocessors:
                self.md.preprocessors.deregister(name)
        for name in ("html",):
            if name in self.md.inlinePatterns:
                self.md.inlinePatterns.deregister(name)
        self.md.treeprocessors.register(_Links(self.md, self), "guidekit_links", 1)
        self._doc_uris = sorted(f.src_uri for f in files.documentation_pages())

    def render(self, text: str, *, source: str, shown: str, line: int, page_file: File) -> Markup:
        """Block Markdown to HTML, links resolved for ``page_file``."""
        if not text:
            return Markup("")
        if not _MARKUP.search(text):
            return Markup(f"<p>{escape(text.strip())}</p>")
        self.ctx = _Context(source, shown, line, page_file)
        self.md.reset()
        return Markup(self.md.convert(text))

    def resolve(self, url: str) -> str:
        ctx = self.ctx
        scheme, netloc, path, query, anchor = urlsplit(url.strip())
        if scheme or netloc:
            if scheme.lower() not in SAFE_SCHEMES:
                self.problems.error(ctx.line, f"link '{url}': only http, https, mailto and tel links are allowed", ctx.shown)
                return "#"
            return url
        if not path:
            return url
        if path.startswith("/"):
            self.problems.error(ctx.line, f"link '{url}': write links to guide pages relative to this file, e.g. '../writing.md'", ctx.shown)
            return url
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.source), unquote(path)))
        target = self.files.get_file_from_path(target_uri)
        if target is None or not target.is_documentation_page() and not target_uri.endswith((".png", ".jpg", ".svg", ".pdf")):
            suggestion = ""
            close = did_you_mean(target_uri, self._doc_uris)
            if close:
                wanted = close.split("'")[1]
                suggestion = f" (did you mean '{posixpath.relpath(wanted, posixpath.dirname(ctx.source) or '.')}'?)"
            self.problems.error(
                ctx.line,
                f"link '{url}' points to '{target_uri}', which is not a file of the site{suggestion}",
                ctx.shown,
            )
            return url
        if anchor and target.is_documentation_page():
            self.anchor_links.append(AnchorLink(ctx.shown, ctx.line, url, target, anchor))
        assert ctx.page_file is not None
        return urlunsplit(("", "", utils.get_relative_url(target.url, ctx.page_file.url), query, anchor))

    def check_anchors(self) -> None:
        """Run once every page is rendered: each ``page.md#anchor`` must exist."""
        seen = set()
        for link in self.anchor_links:
            if (link.shown, link.line, link.url) in seen:
                continue
            seen.add((link.shown, link.line, link.url))
            page = link.target.page
            ids = getattr(page, "present_anchor_ids", None)
            if ids is None or link.anchor in ids:
                continue
            self.problems.error(
                link.line,
                f"link '{link.url}': '{link.target.src_uri}' has no heading or anchor "
                f"'#{link.anchor}'{did_you_mean(link.anchor, ids)}",
                link.shown,
            )
