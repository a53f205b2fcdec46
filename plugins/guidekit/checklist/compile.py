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

The check before a phrase is written after it, as a look-behind over the
phrase's own length (``sorry(?![…])(?<![…].{5})``): it then runs only where
the phrase was found, not at every position of the text, which V8 does about
ten times faster than a look-behind in front of the alternation. The text is
matched with its white space collapsed, so ``.`` never meets a line break.
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
AFTER = rf"(?!{WORD})"


def before(length: int) -> str:
    """Not preceded by a letter, mark or digit, checked from the end of a
    match ``length`` code points long."""
    return rf"(?<!{WORD}.{{{length}}})"


def normalise(text: str) -> str:
    """The form in which phrases and drafts are compared."""
    text = unicodedata.normalize("NFC", text).lower().translate(_TABLE)
    return _SPACE.sub(" ", text).strip(" ")


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def escape(phrase: str) -> str:
    return _SYNTAX.sub(lambda m: "\\" + m.group(0), phrase)


def phrase_pattern(phrase: str) -> str:
    """One normalised phrase as a pattern, with a word boundary at each end
    that is a letter, mark or digit."""
    pattern = escape(phrase)
    if is_word_char(phrase[-1]):
        pattern += AFTER
    if is_word_char(phrase[0]):
        pattern += before(len(phrase))  # len: code points, as '.' counts them with the u flag
    return pattern


def compile_phrases(phrases: list[str]) -> str:
    """One pattern for a list of phrases (normalised, duplicates dropped).

    Longer phrases come first, so the longest phrase at a position is the one
    named ("so sorry" rather than "sorry").
    """
    unique = sorted({p for p in (normalise(p) for p in phrases) if p}, key=lambda p: (-len(p), p))
    if not unique:
        raise ValueError("no phrases to compile")
    return "|".join(phrase_pattern(p) for p in unique)
