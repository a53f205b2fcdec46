"""Problems found in an author's files, reported as ``path:line: message``.

Every check collects problems instead of stopping at the first one, so an
author sees all of them at once. Errors stop the build with a
:class:`mkdocs.exceptions.PluginError` (no traceback); warnings go through a
logger under ``mkdocs.plugins.`` so that ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("guidekit")


MAX_MESSAGE = 400  # characters: a message quotes the author's text clipped, this is a last guard


def clip(text: object, limit: int = 60) -> str:
    """Author text short enough to quote in a message, on one line."""
    text = " ".join(str(text).split()) if "\n" in str(text) or "\r" in str(text) else str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False
    column: int = 0  # 1 for the first character of the line; 0 when not known
    excerpt: str = ""  # the line of the file, shown under the message with a caret at the column

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column)

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[:MAX_MESSAGE - 1] + "…"
        text = _visible(f"{where}: {message}")
        if self.excerpt and self.line:
            text += "\n" + _excerpt(self.line, self.column, self.excerpt)
        return text


def _excerpt(line: int, column: int, source: str) -> str:
    """The line with its number, and a caret under the column::

          3 | title: Wait: then write
            |            ^
    """
    number = str(line)
    start = max(0, column - 40) if column > 70 else 0  # a long line: the part around the column
    shown = source[start:start + 80]
    prefix = "…" if start else ""
    suffix = "…" if len(source) > start + 80 else ""
    text = f"  {number} | {prefix}{_visible(shown)}{suffix}"
    if column:
        pad = len(prefix) + len(_visible(source[start:column - 1]))
        text += f"\n  {' ' * len(number)} | {' ' * pad}^"
    return text


@dataclass
class Problems:
    """A list of problems for one file (or one build)."""

    path: str = ""
    items: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str, path: str | None = None, *, column: int = 0, excerpt: str = "") -> None:
        self.items.append(Problem(path or self.path, line, message, False, column, excerpt))

    def warn(self, line: int, message: str, path: str | None = None, *, column: int = 0, excerpt: str = "") -> None:
        self.items.append(Problem(path or self.path, line, message, True, column, excerpt))

    def extend(self, other: "Problems | Iterable[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if not p.warning), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.warning), key=Problem.sort_key)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_or_warn(self) -> None:
        """Log the warnings, then stop the build if there is any error."""
        for problem in self.warnings:
            log.warning(str(problem))
        errors = self.errors
        if errors:
            count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
            raise PluginError(f"{count} in guide data:\n" + "\n".join("  " + str(p).replace("\n", "\n  ") for p in errors))


# Control characters and bidirectional overrides quoted from a file would act
# on the terminal (colours, cursor moves) or reorder the line: show them as codes.
_INVISIBLE = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7f, 0xa0)]}
_INVISIBLE.update({c: f"\\u{c:04x}" for c in [*range(0x202a, 0x202f), *range(0x2066, 0x206a), 0x2028, 0x2029]})


def _visible(text: str) -> str:
    return text.translate(_INVISIBLE)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else ``""``."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{clip(match[0])}'?)" if match else ""


class GuideDataError(Exception):
    """Raised by loaders and checks when a file has errors; carries them all."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems.errors))


class GuideError(Exception):
    """Mistakes in a guide's data, pages or settings, outside MkDocs (the
    Markdown extension, for Zensical): the message is one ``file:line: what
    is wrong`` line for each, and the host stops the build with it."""
