"""The phrase compiler, Python side: normalisation, escaping, word edges.
(The same patterns are run in Chromium in test_checklist_browser.py, and
compared there with a phrase-by-phrase reading in test_checklist_matching.py.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from guidekit.checklist.compile import WORD, compile_phrases, escape, normalise

SYNTAX = set("\\^$.*+?()[]{}|/")


@pytest.mark.parametrize("text, expected", [
    ("I’m  Sorry", "i'm sorry"),
    ("I‘m\n\tsorry ", "i'm sorry"),
    ("It\u02bcs fine", "it's fine"),
    ("“Hello”", '"hello"'),
    ("E\u0301TE\u0301", "été"),  # decomposed accents are composed, then lower-cased
    ("ΟΔΟΣ", "οδος"),
    ("Ünïcödé\u00a0text", "ünïcödé text"),  # a no-break space is a space
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_every_syntax_character_is_escaped_and_nothing_else():
    assert escape("a*b?c") == r"a\*b\?c"
    assert escape(r"\^$.*+?()[]{}|/") == r"\\\^\$\.\*\+\?\(\)\[\]\{\}\|\/"
    # an escape the u flag does not allow (such as \- or \') is never written
    assert escape("well-being, isn't it: <3 & 100% \"yes\"") == "well-being, isn't it: <3 & 100% \"yes\""


W = WORD
END = rf"(?!{W})"  # not followed by a letter, mark or digit
START = rf"(?<!{W}\1)"  # the phrase just matched (\1) not preceded by one
END_IF = rf"(?!(?<={W}){W})"  # ... only where the phrase ends with one
START_IF = rf"(?<!{W}(?={W})\1)"  # ... only where the phrase starts with one


def test_word_edges_once_for_the_whole_list():
    assert WORD == r"[\p{L}\p{M}\p{N}]"
    assert compile_phrases(["sorry"]) == f"(sorry){END}{START}"
    assert compile_phrases(["любовь"]) == f"(любовь){END}{START}"
    assert compile_phrases(["3 times"]) == f"(3 times){END}{START}"
    assert compile_phrases(["a 🙂 b"]) == f"(a 🙂 b){END}{START}"
    # a list of marks needs no edge and no group
    assert compile_phrases(["!!"]) == "!!"
    assert compile_phrases(["?", "!"]) == r"!|\?"
    # the same edges for every phrase: one check, as for a single phrase
    assert compile_phrases(["really?", "right?"]) == rf"(really\?|right\?){START}"
    assert compile_phrases(["?!x", "?x"]) == rf"(?:\?!x|\?x){END}"


def test_mixed_edges_look_at_the_phrase_itself():
    assert compile_phrases(["?", "sorry"]) == rf"(sorry|\?){END_IF}{START_IF}"
    assert compile_phrases(["right?", "sorry"]) == rf"(right\?|sorry){END_IF}{START}"
    assert compile_phrases(["?!x", "x"]) == rf"(\?!x|x){END}{START_IF}"
    assert compile_phrases(["?!", "?x"]) == rf"(?:\?!|\?x){END_IF}"


def test_longest_first_and_duplicates_dropped():
    assert compile_phrases(["sorry", "so sorry", "SORRY", "So  sorry"]) == f"(so sorry|sorry){END}{START}"


def test_phrases_are_normalised_before_compiling():
    assert compile_phrases(["I’ve  Moved On"]) == f"(i've moved on){END}{START}"


def test_one_letter_class_per_edge_not_per_phrase():
    """Each letter class costs the browser about half a millisecond to build
    and as much to compile: a list has at most four, however many phrases."""
    phrases = [f"phrase {i}" for i in range(300)] + [f"{i}!" for i in range(50)] + ["?"]
    assert compile_phrases(phrases).count(W) == 4
    assert compile_phrases(phrases[:300]).count(W) == 2


def test_nothing_to_compile_is_refused():
    with pytest.raises(ValueError):
        compile_phrases([" ", ""])


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", r"\1", body, flags=re.S)


@given(st.text(min_size=1, max_size=40))
def test_any_phrase_is_literal(phrase):
    """Whatever an author writes, the escaped body reads back as the phrase
    itself, and no syntax character is left unescaped."""
    norm = normalise(phrase)
    if not norm:
        return
    body = escape(norm)
    assert _unescape(body) == norm
    unescaped = re.sub(r"\\.", "", body, flags=re.S)
    assert not SYNTAX & set(unescaped)
