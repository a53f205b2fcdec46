"""Phrases → the patterns the browser runs (and ``evaluate.py`` runs in Python).

Authors write phrases, never regular expressions. A phrase is words and
marks, with three additions (docs/checklists.md, "The phrase
language"):

- ``...`` standing as a word of its own: up to ``gap`` words (3 unless the
  rule says otherwise) in that place, never past the end of a sentence:
  ``you ... hurt me`` matches "you really hurt me";
- ``(a|b)``: one of the alternatives, each one or more words; an empty one
  makes the part optional: ``(really|truly|) hurt``. Brackets without ``|``
  in them are just brackets;
- common forms are the same word: ``you've`` and ``you have``, ``u`` and
  ``you``, ``can't``, ``cant`` and ``cannot``, ``apologize`` and
  ``apologise`` (``FORMS`` below). Phrase and draft are both put in that
  form, so one phrase covers every spelling in the table.

Drafts and phrases are read the same way (``normalise``, then ``tokens``):
Unicode NFC, lower case, curly apostrophes and quotes made straight, "。",
"！" and "？" read as ".", "!" and "?", then cut into tokens: a word is a run
of letters, marks and digits, with apostrophes inside it (``don't``); in the
scripts written without spaces (Chinese and Japanese, ``CJK_RANGES``) each
character is a word of its own, so that a phrase in them matches inside a
sentence; every other character that is not a space is a token of its own
(``?``, ``"``, an emoji). A word in ``FORMS`` becomes its standard
form. The tokens, each with one space before and after, make the text that
the patterns run on: `` i am sorry , you never cared ! ``. With spaces as the
only word edges, a phrase is the pattern `` i am sorry`` followed by a
look-ahead for a space: whole words only, for every script, with no
look-behind (which Safari before 16.4 cannot compile) and no Unicode
classes in the patterns at all. The same pattern text runs in JavaScript
(flag ``g``) and in Python's ``re``: it uses only ``(?:``, ``(?=``,
``[^...]``, ``{0,n}`` and escaped literals, which the two read alike.

Every pattern is a choice of literal words, with at most ``gap`` bounded
steps per gap: the work at each place of the text is bounded by the size of
the pattern, so matching takes time in proportion to the text (no
catastrophic backtracking).
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
# the ideographic full stop and the full-width "!" and "?" are read as ".",
# "!" and "?", so that sentence ends and questions work alike in Chinese and
# Japanese drafts
WIDE = {"\u3002": ".", "\uff01": "!", "\uff1f": "?"}
_TABLE = str.maketrans({**WIDE, **{c: "'" for c in APOSTROPHES}, **{c: '"' for c in DOUBLE_QUOTES}})
# Scripts written without spaces between words: Han (Chinese characters,
# kanji), Hiragana and Katakana. Each of their characters is a token of its
# own, so a phrase in them matches inside a sentence, and a sentence of them
# counts five characters as three words (evaluate.py). checklist.js has the
# same ranges, written as in JavaScript (CJK_JS; a test compares them).
CJK_RANGES = ((0x3005, 0x30FF), (0x3400, 0x9FFF), (0x20000, 0x3FFFF))
CJK_JS = "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" if a > 0xFFFF else f"\\u{a:04x}-\\u{b:04x}" for a, b in CJK_RANGES)
# JavaScript's \s, which is not Python's: Python counts \x1c-\x1f and \x85 as
# space and not U+FEFF, JavaScript the other way round
SPACES = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPACE = re.compile(f"[{SPACES}]+")
# characters with a meaning in a pattern; every other character is written
# as itself
_SYNTAX = re.compile(r"[\\^$.*+?()\[\]{}|/]")
ENDS = ".!?\u2026"  # the marks that end a sentence (as does a line break)
GAP = 3  # words a '...' stands for, unless the rule says otherwise
MAX_GAP = 10
_GROUP = re.compile(r"\(([^()]*\|[^()]*)\)")
_ELLIPSIS = re.compile(r"(?:(?<=\s)|^)\.\.\.(?=\s|$)")

# Common forms of a word, as one standard form. Keys are single words as the
# tokens have them (lower case, straight apostrophe); values are one or more
# words. Kept small and unambiguous: "its", "ill", "were" and "id" are words
# in their own right and are not listed.
_NOT = {"do": "do", "does": "does", "did": "did", "is": "is", "are": "are", "was": "was", "were": "were",
        "have": "have", "has": "has", "had": "had", "would": "would", "should": "should", "could": "could",
        "must": "must", "need": "need"}
FORMS: dict[str, str] = {}
for _w in _NOT:
    FORMS[f"{_w}n't"] = f"{_w} not"
    FORMS[f"{_w}nt"] = f"{_w} not"
FORMS.update({
    "isnt": "is not", "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not",
    "wont": "will not", "ain't": "is not",
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "youre": "you are", "you've": "you have", "youve": "you have", "you'll": "you will",
    "youll": "you will", "you'd": "you would", "we're": "we are", "we've": "we have", "we'll": "we will",
    "we'd": "we would", "they're": "they are", "theyre": "they are", "they've": "they have",
    "they'll": "they will", "they'd": "they would", "it's": "it is", "that's": "that is", "thats": "that is",
    "there's": "there is", "theres": "there is", "what's": "what is", "whats": "what is", "who's": "who is",
    "he's": "he is", "she's": "she is", "how's": "how is", "where's": "where is", "let's": "let us",
    "u": "you", "ya": "you", "yu": "you", "ur": "your", "r": "are", "ppl": "people", "pls": "please",
    "plz": "please", "tho": "though", "thru": "through", "cuz": "because", "coz": "because", "cos": "because",
    "bc": "because", "b4": "before", "rn": "right now", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "2moro": "tomorrow", "tonite": "tonight", "2nite": "tonight", "luv": "love",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "dunno": "do not know", "msg": "message",
    "txt": "text", "ok": "okay", "k": "okay", "ty": "thank you", "thx": "thanks", "srry": "sorry",
    "sry": "sorry", "soz": "sorry", "n": "and", "abt": "about", "wat": "what", "wot": "what",
    "ex's": "ex is",
})
for _us, _uk in (("apologiz", "apologis"), ("realiz", "realis"), ("recogniz", "recognis"),
                 ("criticiz", "criticis"), ("prioritiz", "prioritis"), ("emphasiz", "emphasis"),
                 ("sympathiz", "sympathis"), ("organiz", "organis"), ("minimiz", "minimis")):
    for _end in ("e", "ed", "es", "ing"):
        FORMS[_us + _end] = _uk + _end
for _us, _uk in (("color", "colour"), ("behavior", "behaviour"), ("honor", "honour"), ("favor", "favour"),
                 ("neighbor", "neighbour"), ("judgment", "judgement"), ("analyze", "analyse"),
                 ("paralyzed", "paralysed"), ("traveled", "travelled"), ("traveling", "travelling"),
                 ("canceled", "cancelled"), ("counseling", "counselling"), ("counselor", "counsellor"),
                 ("fulfill", "fulfil"), ("mom", "mum"), ("gray", "grey")):
    FORMS[_us] = _uk


def prepare(text: str) -> str:
    """NFC, lower case, straight apostrophes and double quotes, "。", "！"
    and "？" as ".", "!" and "?"; spaces kept (one character for one, so
    positions stay the same)."""
    return unicodedata.normalize("NFC", text).lower().translate(_TABLE)


def normalise(text: str) -> str:
    """The form in which phrases and drafts are compared, as one line."""
    return _SPACE.sub(" ", prepare(text)).strip(" ")


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def is_cjk(char: str) -> bool:
    """A character of a script written without spaces (CJK_RANGES)."""
    c = ord(char)
    return any(a <= c <= b for a, b in CJK_RANGES)


def _in_word(char: str) -> bool:
    return is_word_char(char) and not is_cjk(char)


def tokens(low: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of prepared text: each character of CJK_RANGES,
    words (letters, marks and digits of other scripts, with apostrophes
    inside), line breaks ("\\n"), and each other character that is not a
    space. checklist.js does the same with one pattern."""
    out, i, n = [], 0, len(low)
    while i < n:
        c = low[i]
        if c == "\n":
            out.append(("\n", i, i + 1))
            i += 1
        elif c in SPACES:
            i += 1
        elif _in_word(c):
            j = i + 1
            while j < n:
                if _in_word(low[j]):
                    j += 1
                elif low[j] == "'" and j + 1 < n and _in_word(low[j + 1]):
                    j += 2
                else:
                    break
            out.append((low[i:j], i, j))
            i = j
        else:
            out.append((c, i, i + 1))
            i += 1
    return out


def standard(words: list[str]) -> list[str]:
    """The tokens in their standard form (FORMS), line breaks dropped."""
    out = []
    for w in words:
        if w != "\n":
            out.extend(FORMS.get(w, w).split(" "))
    return out


def escape(token: str) -> str:
    return _SYNTAX.sub(lambda m: "\\" + m.group(0), token)


class PhraseError(ValueError):
    """A phrase that cannot be compiled; the message says why."""


def _words(text: str) -> list[str]:
    return standard([t for t, _, _ in tokens(prepare(text))])


def _literal(text: str, gap: int) -> tuple[str, int, list[str]]:
    """Pattern, number of required tokens and standard words of a stretch of
    phrase without alternatives (gaps allowed)."""
    pattern, required, words = "", 0, []
    parts = _ELLIPSIS.split(text)
    for k, part in enumerate(parts):
        if k:
            pattern += f"(?: [^ {escape(ENDS)}]+){{0,{gap}}}"
            words.append("...")
        ws = _words(part)
        pattern += "".join(" " + escape(w) for w in ws)
        required += len(ws)
        words += ws
    return pattern, required, words


def compile_phrase(phrase: str, gap: int = GAP) -> tuple[str, str]:
    """(pattern, standard form) of one phrase; PhraseError when it cannot match."""
    pattern, form, _ = _compile(phrase, gap)
    return pattern, form


def _compile(phrase: str, gap: int) -> tuple[str, str, tuple[str, ...] | None]:
    """Pattern, standard form and first tokens of one phrase: the tokens a
    match can start with (escaped, each with its space), or None when it
    can start with any token (a starting group with an empty choice)."""
    pattern, required = "", 0
    words: list[str] = []
    heads: tuple[str, ...] | None = None
    started = False
    pieces = []
    at = 0
    for m in _GROUP.finditer(phrase):
        pieces.append(("text", phrase[at:m.start()]))
        pieces.append(("group", m.group(1)))
        at = m.end()
    pieces.append(("text", phrase[at:]))
    for kind, text in pieces:
        if kind == "text":
            if "|" in text and ("(" in text or ")" in text):
                raise PhraseError("brackets with '|' cannot be inside other brackets: write two phrases instead")
            p, r, w = _literal(text, gap)
            if not started and r:
                started, heads = True, (" " + escape(w[0]),)
            pattern, required, words = pattern + p, required + r, words + w
            continue
        options = [_literal(o, gap) for o in text.split("|")]
        if any("..." in w for _, _, w in options):
            raise PhraseError("'...' cannot be inside brackets")
        if not started:
            started = True
            if all(r for _, r, _ in options):
                heads = tuple(dict.fromkeys(" " + escape(w[0]) for _, _, w in options))
        pattern += "(?:" + "|".join(p for p, _, _ in options) + ")"
        required += min(r for _, r, _ in options)
        words.append("(" + "|".join(" ".join(w) for _, _, w in options) + ")")
    if not required:
        raise PhraseError("it needs at least one word or mark that is not optional")
    if words[0] == "..." or words[-1] == "...":
        raise PhraseError("'...' stands for words between two others: put it between words")
    return pattern, " ".join(words), heads


def compile_phrases(phrases: list[str], gap: int = GAP) -> str:
    """One pattern for a list of phrases (duplicates dropped), to run on the
    spaced tokens of a draft with the ``g`` flag. Longer phrases come first,
    so the longest phrase at a place is the one found.

    Phrases that start with the same word share it: `` i(?: will wait| am
    sorry)`` rather than `` i will wait| i am sorry``, so that the engine
    tries each first word once at each place of the text instead of each
    phrase. The matches are the same, because two phrases that could match
    at the same place keep their order: a phrase joins the last group of its
    first word only when nothing after that group could start where it does
    (a phrase starting with a choice that holds that word, or one that may
    start with any word, ``(so|) sorry``); otherwise it starts a new group."""
    compiled: dict[str, tuple[str, tuple[str, ...] | None]] = {}
    for phrase in phrases:
        if normalise(phrase):
            pattern, form, heads = _compile(phrase, gap)
            compiled[pattern] = (form, heads)
    if not compiled:
        raise ValueError("no phrases to compile")
    ordered = sorted(compiled, key=lambda p: (-len(compiled[p][0]), p))
    # each part: (the first tokens it can start with, None for any; its head
    # when it is a shared group; its patterns, or what follows the head)
    parts: list[tuple[tuple[str, ...] | None, str | None, list[str]]] = []
    for pattern in ordered:
        heads = compiled[pattern][1]
        if heads is None or len(heads) > 1 or not pattern.startswith(heads[0]):
            parts.append((heads, None, [pattern]))
            continue
        head = heads[0]
        last = next((part for part in reversed(parts) if part[0] is None or head in part[0]), None)
        if last is not None and last[1] == head:
            last[2].append(pattern[len(head):])
        else:
            parts.append(((head,), head, [pattern[len(head):]]))
    out = []
    for _, shared, patterns in parts:
        if shared is None:
            out.append(patterns[0])
        else:
            out.append(shared + patterns[0] if len(patterns) == 1 else shared + "(?:" + "|".join(patterns) + ")")
    return "(?:" + "|".join(out) + ")(?= )"
