"""Render the Markdown found inside YAML data with the site's own settings.

One ``markdown.Markdown`` instance serves the whole build (reset between
texts). Raw HTML is shown as text, not passed through, so data files cannot
inject markup; attributes written with attr_list (``{: onclick=...}``) are
limited to a short safe list, and every ``href`` and ``src`` is checked as a
link: only http(s), mailto and tel links leave the site, and pictures must be
files of the site (a picture from elsewhere would tell another site who reads
the guide). Relative links are written relative to the YAML file, as in
any page (``../writing.md#tone``), checked against the site's files and
rewritten for the page that shows them; anchors are checked once every page
has been rendered.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup, escape
from mkdocs import utils
from mkdocs.structure.files import File, Files

from .problems import Problems, clip, did_you_mean

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# The attributes Markdown in data files may carry: those the usual extensions
# write, plus ids, classes, titles and aria-*; href and src are checked as
# links. Any other (event handlers, style, srcset, ping, data-* that the
# components' scripts would read...) can only come from attr_list, and is an error.
SAFE_ATTRIBUTES = frozenset({
    "id", "class", "title", "alt", "lang", "dir", "role", "align", "colspan", "rowspan",
    "start", "reversed", "type", "value", "open", "name", "for", "checked", "disabled",
    "width", "height", "loading", "rel", "rev",
    "data-tabs",  # pymdownx.tabbed and blocks.tab: read by no script of the components
})
LINK_ATTRIBUTES = ("href", "src")
# The elements Markdown in data files may give: what Markdown and the
# extensions Material documents write (abbr, footnotes, tables, admonition,
# details, tabbed, tasklist, emoji and icons as inline SVG, keys, critic,
# arithmatex in its generic form...). Any other, such as a script, a style,
# a <base> or a frame written with pymdownx.blocks.html, is an error.
SAFE_ELEMENTS = frozenset({
    "p", "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code", "kbd",
    "samp", "var", "pre", "blockquote", "q", "cite", "abbr", "dfn", "br", "hr", "wbr", "span", "div",
    "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "img", "figure", "figcaption", "details", "summary", "input", "label", "time", "bdi", "bdo", "ruby", "rt", "rp",
    # icons and emoji as inline SVG: shapes only (no script, foreignObject, use or animation)
    "svg", "path", "g", "circle", "ellipse", "line", "polyline", "polygon", "rect",
})
_STASHED_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9:_-]*)([^>]*)>")
_STASHED_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# What extensions write as ready-made HTML (code, icons, critic marks) may
# carry these besides the safe attributes: the shapes of an inline SVG icon.
# A link there may only lead within the page (code line anchors).
SVG_ATTRIBUTES = frozenset({
    "xmlns", "viewbox", "d", "fill", "fill-rule", "clip-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "transform", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "points",
    "version", "focusable", "opacity", "fill-opacity",
})
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")  # the tables extension's cell style
_MAIL_ENTITY = re.compile(re.escape(AMP_SUBSTITUTE) + r"(#\d+;)")  # how automail links hide the address
# Data files include no other files (snippets), and their headings get no
# automatic ids (toc): two outcomes with the same heading, or one that
# repeats a heading of the page, would give the page duplicate ids.
# Nor do they place components (guidekit itself).
NO_DATA_EXTENSIONS = {"pymdownx.snippets", "toc", "markdown.extensions.toc", "guidekit", "guidekit.extension"}


def _clip(text: str) -> str:
    """A URL short enough to quote in a message."""
    return clip(text, 100)


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
        for element in list(root.iter()):
            tag = element.tag
            if not isinstance(tag, str) or tag.lower() not in SAFE_ELEMENTS:
                if element is not root:
                    self.owner.refuse_element(tag if isinstance(tag, str) else "!--")
                    element.clear()
                    element.tag = "span"
                continue
            for name, value in list(element.attrib.items()):
                lower = name.lower()
                align = _TABLE_ALIGN.fullmatch(value) if lower == "style" and element.tag in ("th", "td") else None
                if align:  # an attribute, not a style the site's CSP would block
                    del element.attrib[name]
                    element.set("align", align.group(1))
                elif lower in LINK_ATTRIBUTES:
                    element.set(name, self.owner.resolve(value, picture=lower == "src"))
                elif lower not in SAFE_ATTRIBUTES and not lower.startswith("aria-"):
                    del element.attrib[name]
                    self.owner.refuse_attribute(name)


def _stashed_refusal(tag: str, attributes: str) -> tuple[str, str] | None:
    """("element", name) or ("attribute", name) for a tag of ready-made HTML
    that Markdown in data may not give; None when it may."""
    if tag.lower() not in SAFE_ELEMENTS:
        return "element", tag
    for found in _STASHED_ATTRIBUTE.finditer(attributes):
        name = found[1].lower()
        value = (found[2] or "").strip("\"'")
        if name in SAFE_ATTRIBUTES or name in SVG_ATTRIBUTES or name.startswith("aria-"):
            continue
        if name == "href" and value.startswith("#"):
            continue
        return "attribute", found[1]
    return None


class MarkdownRenderer:
    def __init__(self, config, files: Files, problems: Problems, *, source_links: bool = False):
        """``source_links``: write links to the site's files as paths from the
        page's source file (``../writing.md#tone``), for a host that turns
        them into addresses itself (Zensical); else as addresses, as MkDocs
        needs them once the page is rendered."""
        self.source_links = source_links
        self.files = files
        self.problems = problems
        self.use_directory_urls = config.use_directory_urls
        self.anchor_links: list[AnchorLink] = []
        # links already resolved without a problem, by (url, picture, YAML file, page):
        # the same few guide pages are linked from many texts
        self._resolved: dict[tuple, tuple[str, File | None, str, str]] = {}
        self.ctx = _Context()
        # data files hold no raw HTML (below)
        extensions = [e for e in config.markdown_extensions if not isinstance(e, str) or e not in NO_DATA_EXTENSIONS]
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
        self.ctx = _Context(source, shown, line, page_file)
        self.md.reset()
        html = self.md.convert(text)
        # what extensions stashed as ready-made HTML (icons, code, critic marks): the same elements only
        for block in self.md.htmlStash.rawHtmlBlocks:
            for match in _STASHED_TAG.finditer(str(block)):
                refused = _stashed_refusal(match[1], match[2])
                if refused:
                    if refused[0] == "element":
                        self.refuse_element(refused[1])
                    else:
                        self.refuse_attribute(refused[1])
                    return Markup(f"<p>{escape(text)}</p>")
        return Markup(html)

    def refuse_element(self, tag: str) -> None:
        self.problems.error(
            self.ctx.line,
            f"element '<{clip(tag, 30)}>' is not allowed in guide data: Markdown here may give text, links, "
            "lists, tables, code, pictures and icons, not scripts, styles, frames, forms or other parts of a page",
            self.ctx.shown,
        )

    def refuse_attribute(self, name: str) -> None:
        self.problems.error(
            self.ctx.line,
            f"attribute '{clip(name, 30)}' is not allowed in guide data: Markdown here may set ids, classes, "
            "titles and aria- attributes only",
            self.ctx.shown,
        )

    def resolve(self, url: str, picture: bool = False) -> str:
        """The address to write for ``url`` (an href, or a src when ``picture``)."""
        ctx = self.ctx
        key = (url, picture, ctx.source, ctx.page_file.url if ctx.page_file else None)
        known = self._resolved.get(key)
        if known is None:
            before = len(self.problems.items)
            known = self._resolve(url, picture)
            if len(self.problems.items) > before:  # not kept: each use is reported at its own line
                return known[0]
            self._resolved[key] = known
        address, target, anchor, decoded = known
        if target is not None:  # checked once every page has been rendered, at this line
            self.anchor_links.append(AnchorLink(ctx.shown, ctx.line, decoded, target, anchor))
        return address

    def _resolve(self, url: str, picture: bool) -> tuple[str, File | None, str, str]:
        """The address to write; the guide page and anchor whose heading must
        exist (None when there is none to check); the link as the browser reads it."""
        ctx = self.ctx
        # checked as the browser reads it: entities decoded (&#106;avascript:)
        url = html.unescape(_MAIL_ENTITY.sub(r"&\1", url))
        quoted = _clip(url)
        scheme, netloc, path, query, anchor = urlsplit(url.strip())
        if (scheme or netloc) and picture:
            self.problems.error(
                ctx.line,
                f"picture '{quoted}': pictures must be files of this site; one from another address "
                "would tell that site who reads this page",
                ctx.shown,
            )
            return "", None, "", url
        if scheme or netloc:
            if scheme.lower() not in SAFE_SCHEMES:
                self.problems.error(ctx.line, f"link '{quoted}': only http, https, mailto and tel links are allowed", ctx.shown)
                return "#", None, "", url
            return url, None, "", url
        if not path:
            return url, None, "", url
        if path.startswith("/"):
            self.problems.error(ctx.line, f"link '{quoted}': write links to guide pages relative to this file, e.g. '../writing.md'", ctx.shown)
            return url, None, "", url
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.source), unquote(path)))
        target = self.files.get_file_from_path(target_uri)
        if target is None or not target.is_documentation_page() and not target_uri.endswith((".png", ".jpg", ".svg", ".pdf")):
            suggestion = ""
            wanted = self._meant_page(target_uri, unquote(path))
            if wanted:
                fixed = posixpath.relpath(wanted, posixpath.dirname(ctx.source) or ".")
                fixed += (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
                suggestion = f" (did you mean '{_clip(fixed)}'?)"
            self.problems.error(
                ctx.line,
                f"link '{quoted}' points to '{_clip(target_uri)}', which is not a file of the site{suggestion}",
                ctx.shown,
            )
            return url, None, "", url
        assert ctx.page_file is not None
        if self.source_links:
            relative = posixpath.relpath(target.src_uri, posixpath.dirname(ctx.page_file.src_uri) or ".")
        else:
            relative = utils.get_relative_url(target.url, ctx.page_file.url)
        address = urlunsplit(("", "", relative, query, anchor))
        return address, (target if anchor and target.is_documentation_page() else None), anchor, url

    def _meant_page(self, target_uri: str, written: str) -> str:
        """The page a broken link probably meant: one with the same path
        written relative to another folder (the nearest), else a close name."""
        written = posixpath.normpath(written).lstrip("./")
        same = [uri for uri in self._doc_uris if uri == written or uri.endswith("/" + written)]
        if not same:
            same = [uri for uri in self._doc_uris if posixpath.basename(uri) == posixpath.basename(written)]
        if len(same) == 1 or same and written in same:
            return written if written in same else same[0]
        close = difflib.get_close_matches(target_uri, self._doc_uris, n=1, cutoff=0.6)
        return close[0] if close else ""

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
                f"link '{_clip(link.url)}': '{link.target.src_uri}' has no heading or anchor "
                f"'#{clip(link.anchor)}'{did_you_mean(link.anchor, ids)}",
                link.shown,
            )
