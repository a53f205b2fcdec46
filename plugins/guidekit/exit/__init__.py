"""The "Exit this page" control: which pages show it, its HTML, and keeping
its link in the same tab.

Which pages show it is the plugin's ``exit_on`` option: ``every-page``,
``components`` (pages with a quiz or a checklist, the default) or
``front-matter`` (pages that ask for it). ``exit_except`` leaves out pages
by path, and a page's front matter ``exit_this_page: true`` or ``false``
decides for that page whatever the options say.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

import jinja2

FOLDER = Path(__file__).parent
FRONT_MATTER_KEY = "exit_this_page"
MODES = ("every-page", "components", "front-matter")

# the words exit.js needs (the template uses the others directly)
SCRIPT_WORDS = ("press_two", "press_one", "timed_out", "leaving")

# the opening tag of the control's link, as the template writes it
_LINK = re.compile(r"<a\b[^>]*\bdata-guidekit-exit(?:[\s=>/])[^>]*>", re.I)
_TARGET = re.compile(r"""\s+target\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


class ExitControl:
    """One build's Exit this page: the options, the page decisions and the HTML."""

    def __init__(self, options: Any, templates: jinja2.Environment, words: dict[str, str]):
        self.mode: str = options.exit_on
        self.url: str = options.exit_url
        self.patterns: list[str] = [p.strip().lstrip("/") for p in options.exit_except]
        self.used_patterns: set[str] = set()
        self.templates = templates
        self.words = words
        self.asked: dict[str, bool] = {}  # page src_uri -> its front matter's choice
        self._html: str | None = None

    # on_page_markdown: the page's front matter, checked
    def read_page(self, page: Any, path: str, problems: Any) -> None:
        meta = page.meta or {}
        if FRONT_MATTER_KEY not in meta:
            return
        value = meta[FRONT_MATTER_KEY]
        if isinstance(value, bool):
            self.asked[page.file.src_uri] = value
            return
        line = _front_matter_line(page.file.content_string, FRONT_MATTER_KEY)
        problems.error(line, f"{FRONT_MATTER_KEY}: should be true or false, not {value!r}", path)

    def excluded(self, src_uri: str) -> bool:
        hits = [p for p in self.patterns if fnmatch.fnmatchcase(src_uri, p)]
        self.used_patterns.update(hits)
        return bool(hits)

    def wanted(self, src_uri: str, has_component: bool) -> bool:
        """Whether the page at ``src_uri`` shows the control."""
        excluded = self.excluded(src_uri)  # counted for every page, so unused patterns can be reported
        if src_uri in self.asked:
            return self.asked[src_uri]
        if excluded:
            return False
        if self.mode == "every-page":
            return True
        if self.mode == "components":
            return has_component
        return False  # front-matter: only pages that ask

    # on_page_content
    def add(self, html: str, src_uri: str, has_component: bool) -> str:
        if not self.wanted(src_uri, has_component):
            return html
        if self._html is None:  # the same on every page of a build
            script_words = {key: self.words[f"exit_{key}"] for key in SCRIPT_WORDS}
            self._html = self.templates.get_template("exit.html").render(
                exit_url=self.url, exit_script_words=script_words, words=self.words)
        return self._html + html

    # on_post_page, after every other plugin: Material's privacy plugin may
    # have given every link to another site target="_blank", and without a
    # script the guide would then stay open in the old tab.
    def same_tab(self, output: str) -> str:
        if "data-guidekit-exit" not in output:
            return output
        return _LINK.sub(lambda m: _TARGET.sub("", m.group(0)), output)

    # on_env: patterns in exit_except that left out no page
    def check_patterns(self, problems: Any) -> None:
        for pattern in self.patterns:
            if pattern not in self.used_patterns:
                problems.warn(0, f"plugins > guidekit > exit_except: '{pattern}' matches no page; "
                                 "patterns are paths in the docs folder, such as 'site-owners/*'", "mkdocs.yml")


def _front_matter_line(text: str, key: str) -> int:
    """The line of ``key:`` in a page's front matter (1 when not found)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1

