"""The phrase compiler, Python side: normalisation, escaping, word edges.
(The same patterns are run in Chromium in test_checklist_browser.py.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from guidekit.checklist.compile import AFTER, before, compile_phrases, escape, normalise, phrase_pattern

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


def test_word_edges_only_where_the_phrase_has_a_letter_or_digit():
    assert AFTER == r"(?![\p{L}\p{M}\p{N}])"
    assert before(5) == r"(?<![\p{L}\p{M}\p{N}].{5})"
    assert phrase_pattern("sorry") == "sorry" + AFTER + before(5)
    assert phrase_pattern("?") == r"\?"
    assert phrase_pattern("really?") == r"really\?" + before(7)
    assert phrase_pattern("?!x") == r"\?!x" + AFTER
    assert compile_phrases(["!!"]) == "!!"
    assert compile_phrases(["?", "sorry"]) == f"sorry{AFTER}{before(5)}|\\?"
    assert compile_phrases(["любовь"]) == f"любовь{AFTER}{before(6)}"
    assert compile_phrases(["3 times"]) == f"3 times{AFTER}{before(7)}"


def test_the_look_behind_counts_code_points():
    # an emoji outside the Basic Multilingual Plane is one '.' with the u flag
    assert phrase_pattern("a 🙂 b") == "a 🙂 b" + AFTER + before(5)


def test_longest_first_and_duplicates_dropped():
    assert compile_phrases(["sorry", "so sorry", "SORRY", "So  sorry"]) == (
        f"so sorry{AFTER}{before(8)}|sorry{AFTER}{before(5)}")


def test_phrases_are_normalised_before_compiling():
    assert compile_phrases(["I’ve  Moved On"]) == f"i've moved on{AFTER}{before(13)}"


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
