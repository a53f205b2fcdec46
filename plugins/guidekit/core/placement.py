"""Find where pages place components: one HTML comment on a line of its own.

    <!-- quiz readiness -->
    <!-- checklist first-message -->

A comment is invisible in any Markdown viewer, so a page stays readable
without the plugin. A kind may hold hyphens: ``<!-- quiz-outline readiness -->``.

Placements are found in what the Markdown parser made of the page, not in
its source: a comment the parser kept as a comment (an HTML comment in the
page's HTML) is a placement; one it showed as text (in a fenced or indented
code block, or in inline code) is shown as written. The source is read only
to give each comment its line and column, as an editor shows them, and to
notice a placement that did not reach the HTML at all. Both steps take
text and return data, so that a Python-Markdown extension can run them on
its own output as the MkDocs hooks do.
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field

from mkdocs.utils import meta

from .models import ID
from .problems import clip

# --- what the page's source holds ------------------------------------------

_COMMENT = re.compile(r"<!--(?P<body>.*?)-->")
_LIVE = re.compile(r"<!--(?P<body>.*?)-->", re.S)
_TAG = re.compile(r"<[^>]*>")
# markers for comments the parser kept, while the rest of the HTML is read as text
_OPEN, _CLOSE = "\x02", "\x03"
_MARKED = re.compile(_OPEN + r"(?P<index>\d+)" + _CLOSE + r"|<!--(?P<body>.*?)-->", re.S)


def _words(body: str) -> str:
    return " ".join(body.split())


@dataclass(frozen=True)
class SourceComment:
    """An HTML comment written in the page's source, on one line."""

    body: str  # its words, joined by single spaces
    line: int  # in the file as an editor shows it (front matter included)
    column: int
    alone: bool  # nothing else on its line
    text: str  # the line, for messages


def source_comments(markdown: str, first_line: int = 1) -> list[SourceComment]:
    """Every one-line comment in ``markdown`` (code or not), in order.
    ``first_line`` is the line of the file where ``markdown`` starts (after
    front matter)."""
    found: list[SourceComment] = []
    if "<!--" not in markdown:
        return found
    for number, text in enumerate(markdown.split("\n"), start=first_line):
        if "<!--" not in text:
            continue
        for match in _COMMENT.finditer(text):
            alone = not text[:match.start()].strip() and not text[match.end():].strip()
            found.append(SourceComment(_words(match["body"]), number, match.start() + 1, alone, text))
    return found


def first_line(source: str | None, markdown: str) -> int:
    """The line of ``source`` (the page's file) where ``markdown`` (its text
    without front matter) starts. When another plugin changed the text first
    (a macro filled in), the line after the source's own front matter: right
    as long as that plugin kept the number of lines. 1 without a source."""
    if not source or not markdown:
        return 1
    if len(markdown) > len(source) or not source.endswith(markdown):
        markdown, _ = meta.get_data(source)  # the source less its front matter, as MkDocs reads it
        if not markdown or not source.endswith(markdown):
            return 1
    return source.count("\n", 0, len(source) - len(markdown)) + 1


# --- what the parser made of it ----------------------------------------------

@dataclass(frozen=True)
class Placement:
    kind: str
    id: str
    line: int  # 0 when the comment is not in the page's own source (an included file)
    column: int
    start: int  # the span of HTML it replaces: the comment, and a <p> around it
    end: int

    @property
    def marker(self) -> str:
        return f"<!-- {self.kind} {self.id} -->"


@dataclass(frozen=True)
class Mistake:
    line: int
    column: int
    message: str


@dataclass
class Found:
    placements: list[Placement] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)


def _standalone(html: str, start: int, end: int) -> tuple[int, int] | None:
    """The span to replace when the comment at ``start:end`` stands alone on
    its line of HTML (maybe in a paragraph of its own), else None."""
    line_start = html.rfind("\n", 0, start) + 1
    line_end = html.find("\n", end)
    line_end = len(html) if line_end < 0 else line_end
    before, after = html[line_start:start], html[end:line_end]
    wrapped = before.strip() == "<p>" and after.strip() == "</p>"
    if wrapped:
        return line_start + before.index("<p>"), end + after.index("</p>") + 4
    if before.strip() or after.strip():
        return None
    return start, end


def _kind_like(word: str, kinds: set[str]) -> str | None:
    """The kind ``word`` was probably meant to be (another case, a typing slip)."""
    lower = word.lower()
    for cut in range(4):  # another case, or a plural: Quiz, quizzes, checklists
        if len(lower) - cut >= 4 and lower[:len(lower) - cut] in kinds:
            return lower[:len(lower) - cut]
    close = difflib.get_close_matches(lower, sorted(kinds), n=1, cutoff=0.85)
    return close[0] if close else None


def _meant_id(words: list[str], known: list[str]) -> str:
    """The id a title or a misspelt id was probably meant to be, or ""."""
    tries = ["-".join(w.lower() for w in words)] + [w.lower() for w in words if len(w) > 3]
    for word in tries:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        if close:
            return close[0]
    return ""


def find_in_html(html: str, comments: list[SourceComment], kinds: set[str],
                 known: dict[str, list[str]] | None = None) -> Found:
    """The placements in ``html`` (a page as the Markdown parser wrote it),
    with their lines taken from ``comments`` (its source). Comments that
    look like a placement but are not one, placements that share a line
    with other text, and placements of the source that are neither in the
    HTML as a comment nor shown as text are mistakes. ``known`` (the ids
    each kind can show) lets a title written in place of an id get a
    suggestion."""
    found = Found()
    if "<!--" not in html and not comments:
        return found
    live = list(_LIVE.finditer(html))
    # the page as text: kept comments as markers, every tag removed, entities
    # decoded; comments shown as text (in code) then read like the source
    numbers = iter(range(len(live)))
    marked = _LIVE.sub(lambda m: f"{_OPEN}{next(numbers)}{_CLOSE}", html)
    text = htmllib.unescape(_TAG.sub("", marked))
    waiting: dict[str, deque[SourceComment]] = defaultdict(deque)
    for comment in comments:
        waiting[comment.body].append(comment)
    where: dict[int, SourceComment | None] = {}
    for match in _MARKED.finditer(text):
        if match["index"] is not None:
            index = int(match["index"])
            queue = waiting.get(_words(live[index]["body"]))
            where[index] = queue.popleft() if queue else None
        else:  # shown as text
            queue = waiting.get(_words(match["body"]))
            if queue:
                queue.popleft()
    for index, match in enumerate(live):
        body = _words(match["body"])
        words = body.split(" ")
        source = where.get(index)
        line, column = (source.line, source.column) if source else (0, 0)
        shown = clip(f"<!-- {body} -->")
        kind = words[0]
        if kind not in kinds:
            meant = _kind_like(kind, kinds) if 2 <= len(words) <= 6 and not kind.startswith("!") else None
            if meant:
                fixed = f"<!-- {meant} {' '.join(words[1:])} -->"
                found.mistakes.append(Mistake(line, column, f"'{shown}' looks like a placement, but '{clip(kind, 30)}' is "
                                                            f"not one of {', '.join(sorted(kinds))} (did you mean '{clip(fixed)}'?)"))
            continue
        if len(words) == 1:
            found.mistakes.append(Mistake(line, column, f"'{shown}' names no {kind}: write '<!-- {kind} ID -->', "
                                                        "with the file name of the data without '.yml'"))
            continue
        if len(words) > 2:
            meant = _meant_id(words[1:], (known or {}).get(kind, []))
            hint = f" (did you mean '<!-- {kind} {meant} -->'?)" if meant else ""
            found.mistakes.append(Mistake(line, column, f"'{shown}' names a {kind} with several words: write the {kind}'s id, "
                                                        f"its file name without '.yml', not its title{hint}"))
            continue
        span = _standalone(html, match.start(), match.end())
        if span is None or (source is not None and not source.alone):
            found.mistakes.append(Mistake(line, column, f"'{shown}' must stand alone on its own line, with blank lines around it"))
            continue
        found.placements.append(Placement(kind, words[1], line, column, *span))
    for queue in waiting.values():
        for comment in queue:
            words = comment.body.split(" ")
            if comment.alone and len(words) == 2 and words[0] in kinds and ID.match(words[1]):
                found.mistakes.append(Mistake(comment.line, comment.column, f"'{clip(comment.text.strip())}' did not reach the page's HTML, "
                                                                            "so nothing is shown there: check the lines around it "
                                                                            "(an HTML block or an extension may have swallowed it)"))
    found.mistakes.sort(key=lambda m: (m.line, m.column))
    return found


# --- a quick look at a source, for tools ---------------------------------------

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_ANY = re.compile(r"<!--\s*(?P<kind>[a-z]+(?:-[a-z]+)*)\s+(?P<id>[^\s>]+)\s*-->")
_LINE = re.compile(r"^\s*<!--\s*(?P<kind>[a-z]+(?:-[a-z]+)*)\s+(?P<id>[^\s>]+)\s*-->\s*$")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class SourcePlacement:
    kind: str
    id: str
    line: int
    ok_position: bool

    @property
    def marker(self) -> str:
        return f"<!-- {self.kind} {self.id} -->"


def find_placements(markdown: str, kinds: set[str]) -> list[SourcePlacement]:
    """Placements in a page's source, outside fenced code and code spans: a
    quick look for tools that do not render the page (benchmarks). The build
    finds them in the rendered page instead (:func:`find_in_html`)."""
    found: list[SourcePlacement] = []
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
                found.append(SourcePlacement(match["kind"], match["id"], number, bool(_LINE.match(text))))
    return found
