"""Phrases → the matchers the browser runs.

Authors write plain phrases; nothing they write is regular-expression syntax
(``*`` or ``?`` is just that character). At build time each list becomes one
JavaScript pattern, used with the ``gu`` flags on text that the script has
normalised the same way as the phrases here (``normalise`` below and
``norm`` in checklist.js must stay in step):

- Unicode NFC, then lower case (so no ``i`` flag, which is much slower);
- curly and other apostrophes → ``'``, curly double quotes → ``"``;
- any run of white space (as JavaScript's ``\\s`` has it) → one space.

A phrase that starts with a letter or digit only matches where the text does
not have a letter, mark or digit just before it, and likewise at its end, so
``art`` does not match inside ``heart`` and the rule holds for accented and
non-Latin letters too (JavaScript's ``\\b`` knows only ASCII). A phrase that
starts or ends with punctuation (``?``, ``!!``) has no boundary on that side.

The word edges are written once for the whole list, not once per phrase:
each ``[\\p{L}\\p{M}\\p{N}]`` costs Chromium about half a millisecond to
build and as much again to compile, so one per phrase end would cost a tenth
of a second for the shipped checklist (checklist.js also builds the patterns
only when first needed, not as the page starts). The phrases are one
group, longest first; after it, a look-ahead checks the end and a
look-behind over the group's own match (``\\1``) checks the start:
``(so sorry|sorry)(?![…])(?<![…]\\1)``. Placed after the group, the
look-behind runs only where a phrase was found, not at every position of the
text (which V8 runs about ten times slower). When the phrase fails its edge
checks, the engine goes back into the group and tries the next, shorter
phrase at the same place, exactly as if each phrase carried its own checks.
Where some phrases of the list start (or end) with a letter and others with
punctuation, the check looks at the phrase's own first (or last) character:
``(?<![…](?=[…])\\1)`` and ``(?!(?<=[…])[…])``. The text is matched with
its white space collapsed.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_TABLE = str.maketrans({**{c: "'" for c in APOSTROPHES}, **{c: '"' for c in DOUBLE_QUOTES}})
# JavaScript's \s, which is not Python's: Python counts \x1c-\x1f and \x85 as
# space and not U+FEFF, JavaScript the other way round
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# characters with a meaning in a JavaScript pattern with the u flag; every
# other character is written as itself (an unneeded escape is an error there)
_SYNTAX = re.compile(r"[\\^$.*+?()\[\]{}|/]")
WORD = r"[\p{L}\p{M}\p{N}]"
# the edge checks, by whether the phrases of a list start (end) with a letter,
# mark or digit: all of them, none, or some; \1 is the phrase just matched
_BEFORE = {(True,): rf"(?<!{WORD}\1)", (False,): "", (False, True): rf"(?<!{WORD}(?={WORD})\1)"}
_AFTER = {(True,): rf"(?!{WORD})", (False,): "", (False, True): rf"(?!(?<={WORD}){WORD})"}


def normalise(text: str) -> str:
    """The form in which phrases and drafts are compared."""
    text = unicodedata.normalize("NFC", text).lower().translate(_TABLE)
    return _SPACE.sub(" ", text).strip(" ")


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def escape(phrase: str) -> str:
    return _SYNTAX.sub(lambda m: "\\" + m.group(0), phrase)


def compile_phrases(phrases: list[str]) -> str:
    """One pattern for a list of phrases (normalised, duplicates dropped).

    Longer phrases come first, so the longest phrase at a position is the one
    named ("so sorry" rather than "sorry").
    """
    unique = sorted({p for p in (normalise(p) for p in phrases) if p}, key=lambda p: (-len(p), p))
    if not unique:
        raise ValueError("no phrases to compile")
    before = _BEFORE[tuple(sorted({is_word_char(p[0]) for p in unique}))]
    after = _AFTER[tuple(sorted({is_word_char(p[-1]) for p in unique}))]
    body = "|".join(escape(p) for p in unique)
    if before:
        return f"({body}){after}{before}"
    return f"(?:{body}){after}" if after else body
