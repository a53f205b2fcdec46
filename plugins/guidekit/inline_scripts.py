"""Inline scripts of built pages moved into files, for a strict
Content-Security-Policy (``script-src 'self'``, no ``'unsafe-inline'``).

With the plugin option ``inline_scripts: files``, every ``<script>`` that the
browser would run from the page itself (no ``src``; no ``type``, an empty
one, a JavaScript type or ``module``) is replaced, in the same place, by a
``<script src="...">`` that loads the same code from
``assets/javascripts/inline.<hash>.js``. The file is named by the hash of the
code and written once however many pages hold it. The element keeps its
other attributes; ``async`` and ``defer`` are dropped, since a browser ignores
them on an inline script: the file runs at the same point, in the same
order, before the rest of the page is read, as the inline script did.
Material's instant navigation re-creates the scripts of its content area
after a page change, with their attributes, so they run again there too.

Data blocks (``type="application/json"``, such as Material's ``__config``,
and any other type that is not JavaScript) are left as they are: the
browser never runs them. Code that cannot live in a file is reported as a
warning, so that ``mkdocs build --strict`` stops on it: event handler
attributes (``onclick="..."``), ``javascript:`` addresses, and import maps
or speculation rules written into the page.

Nothing here depends on the text of Material's scripts: any inline script,
from the theme, a template override or another plugin, is moved.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from .core.problems import Problems, clip

MODES = ("keep", "files")  # the values of the option; "keep" leaves pages as they are
FOLDER = "assets/javascripts"

# The type values a browser runs as JavaScript (HTML's "JavaScript MIME type
# essence match"), and "module".
_JS_TYPES = {
    "", "module",
    "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
    "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
}
# Run by the browser from the page's text, and never loaded from a file.
_UNMOVABLE = {"importmap", "speculationrules"}
# Ignored on an inline script; on a file they would change when it runs.
_DROPPED = {"async", "defer"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


@dataclass
class _Script:
    start: int  # offset of "<script"
    content_start: int  # just after the start tag's ">"
    attrs: list[tuple[str, str | None]]
    line: int
    content_end: int = -1  # offset of "</script"
    end: int = -1  # just after the end tag's ">"


class _Scanner(HTMLParser):
    """The page's inline scripts and the code it holds in attributes, with
    offsets in the page's text (HTMLParser gives lines and columns)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.scripts: list[_Script] = []
        self.open: _Script | None = None
        self.inline_code: list[tuple[int, str]] = []  # (line, what)

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on") and len(name) > 2:
                self.inline_code.append((line, f"the event handler attribute {name}=\"{clip(value or '', 40)}\" on <{tag}>"))
            elif name in _URL_ATTRIBUTES and value and value.strip().lower().startswith("javascript:"):
                self.inline_code.append((line, f"the javascript: address in {name}=\"{clip(value, 40)}\" on <{tag}>"))
        if tag == "script":
            start = self.position()
            raw = self.get_starttag_text() or ""
            self.open = _Script(start, start + len(raw), attrs, line)

    def handle_startendtag(self, tag, attrs):
        # "<script/>" still opens a script element in HTML; other tags are plain
        self.handle_starttag(tag, attrs)
        if tag != "script":
            return
        # HTMLParser does not read the script's text after "<script/>": find its end
        script, self.open = self.open, None
        assert script is not None
        end = self.text.lower().find("</script", script.content_start)
        if end >= 0:
            script.content_end = end
            close = self.text.find(">", end)
            script.end = len(self.text) if close < 0 else close + 1
            self.scripts.append(script)

    def handle_endtag(self, tag):
        if tag == "script" and self.open is not None:
            script, self.open = self.open, None
            script.content_end = self.position()
            close = self.text.find(">", script.content_end)
            script.end = len(self.text) if close < 0 else close + 1
            self.scripts.append(script)


def _kind(attrs: list[tuple[str, str | None]]) -> str:
    """"move", "data" (never run), "unmovable" or "external"."""
    names = dict(attrs)
    if "src" in names:
        return "external"
    kind = (names.get("type") or "").strip().lower()
    if kind in _JS_TYPES:
        return "move"
    return "unmovable" if kind in _UNMOVABLE else "data"


def _tag(src: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [f'src="{escape(src)}"']
    for name, value in attrs:
        if name in _DROPPED:
            continue
        parts.append(name if value is None else f'{name}="{escape(value)}"')
    return f"<script {' '.join(parts)}></script>"


@dataclass
class InlineScripts:
    """One build's moved scripts: the files written, and the problems found."""

    site_dir: str
    site_url: str
    enabled: bool
    written: set[str] = field(default_factory=set)  # paths under site_dir

    def page(self, output: str, page_url: str, dest_uri: str, src_uri: str) -> str:
        """A built page: its address (``page.url``), the file it is written
        to and the file it is built from (both named in messages)."""
        if not self.enabled:
            return output
        return self._move(output, dest_uri, lambda path: get_relative_url(path, page_url), f" (built from {src_uri})")

    def template(self, output: str, name: str) -> str:
        """A page made from a theme template alone, such as 404.html."""
        if not self.enabled or not name.endswith(".html"):
            return output
        if name == "404.html" or name.startswith("404."):
            # MkDocs writes absolute addresses into error pages
            root = urlsplit(self.site_url or "/").path.rstrip("/") + "/"
            return self._move(output, name, lambda path: root + path)
        return self._move(output, name, lambda path: get_relative_url(path, name))

    def _move(self, output: str, shown: str, address, source: str = "") -> str:
        scanner = _Scanner(output)
        scanner.feed(output)
        scanner.close()
        problems = Problems(shown)
        for line, what in scanner.inline_code:
            problems.warn(line, f"{what}{source} is code in the page that no file can hold, and a "
                                "Content-Security-Policy without 'unsafe-inline' blocks it: run it from a script "
                                "file (addEventListener), or leave out inline_scripts: files if your policy "
                                "allows inline code")
        parts, at = [], 0
        for script in scanner.scripts:
            kind = _kind(script.attrs)
            if kind == "unmovable":
                problems.warn(script.line, f"<script type=\"{clip(dict(script.attrs).get('type') or '', 30)}\">"
                                           f"{source} runs from the page's own text and cannot be loaded from a file: a "
                                           "Content-Security-Policy must allow it by its hash ('sha256-...') "
                                           "in script-src")
            if kind != "move":
                continue
            code = output[script.content_start:script.content_end]
            if not code:
                continue  # an empty script runs nothing, and no policy blocks it
            path = self._write(code)
            parts += [output[at:script.start], _tag(address(path), script.attrs)]
            at = script.end
        problems.raise_or_warn()
        if not parts:
            return output
        parts.append(output[at:])
        return "".join(parts)

    def _write(self, code: str) -> str:
        digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]
        path = posixpath.join(FOLDER, f"inline.{digest}.js")
        if path not in self.written:
            target = Path(self.site_dir, *path.split("/"))
            os.makedirs(target.parent, exist_ok=True)
            target.write_text(code, encoding="utf-8", newline="")
            self.written.add(path)
        return path
