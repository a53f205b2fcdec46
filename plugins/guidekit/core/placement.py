"""Find where pages place components: one HTML comment on a line of its own.

    <!-- quiz readiness -->
    <!-- checklist first-message -->

A comment is invisible in any Markdown viewer, so a page stays readable
without the plugin. Comments inside fenced code blocks and inline code
(``<!-- quiz readiness -->`` written to show the syntax) are ignored. A kind
may hold hyphens: ``<!-- quiz-outline readiness -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_ANY = re.compile(r"<!--\s*(?P<kind>[a-z]+(?:-[a-z]+)*)\s+(?P<id>[^\s>]+)\s*-->")
_LINE = re.compile(r"^\s*<!--\s*(?P<kind>[a-z]+(?:-[a-z]+)*)\s+(?P<id>[^\s>]+)\s*-->\s*$")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Placement:
    kind: str
    id: str
    line: int
    ok_position: bool

    @property
    def marker(self) -> str:
        return f"<!-- {self.kind} {self.id} -->"


def find_placements(markdown: str, kinds: set[str]) -> list[Placement]:
    found: list[Placement] = []
    fence: str | None = None
    for number, text in enumerate(markdown.splitlines(), start=1):
        opened = _FENCE.match(text)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        for match in _ANY.finditer(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)):
            if match["kind"] in kinds:
                found.append(Placement(match["kind"], match["id"], number, bool(_LINE.match(text))))
    return found


def html_pattern(kind: str, id: str) -> re.Pattern:
    """The comment as Python-Markdown writes it into the page's HTML."""
    return re.compile(r"(?:<p>\s*)?<!--\s*" + re.escape(kind) + r"\s+" + re.escape(id) + r"\s*-->(?:\s*</p>)?")
