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


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _visible(f"{where}: {self.message}")


@dataclass
class Problems:
    """A list of problems for one file (or one build)."""

    path: str = ""
    items: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str, path: str | None = None) -> None:
        self.items.append(Problem(path or self.path, line, message))

    def warn(self, line: int, message: str, path: str | None = None) -> None:
        self.items.append(Problem(path or self.path, line, message, warning=True))

    def extend(self, other: "Problems | Iterable[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.warning)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_or_warn(self) -> None:
        """Log the warnings, then stop the build if there is any error."""
        for problem in self.warnings:
            log.warning(str(problem))
        errors = self.errors
        if errors:
            count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
            raise PluginError(f"{count} in guide data:\n" + "\n".join(f"  {p}" for p in errors))


# Control characters and bidirectional overrides quoted from a file would act
# on the terminal (colours, cursor moves) or reorder the line: show them as codes.
_INVISIBLE = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7f, 0xa0)]}
_INVISIBLE.update({c: f"\\u{c:04x}" for c in [*range(0x202a, 0x202f), *range(0x2066, 0x206a), 0x2028, 0x2029]})


def _visible(text: str) -> str:
    return text.translate(_INVISIBLE)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else ``""``."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class GuideDataError(Exception):
    """Raised by loaders and checks when a file has errors; carries them all."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems.errors))
