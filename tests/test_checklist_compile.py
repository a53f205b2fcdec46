"""The phrase compiler, Python side: normalisation, tokens, standard forms,
the phrase language and the shape of the patterns. (The same patterns run in
Chromium in test_checklist_matching.py, against a token-by-token reading of
the rule, and whole checklists are compared in test_checklist_accuracy.py.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from guidekit.checklist.compile import (FORMS, PhraseError, compile_phrase, compile_phrases, escape, is_cjk,
                                        normalise, prepare, standard, tokens)

SYNTAX = set("\\^$.*+?()[]{}|/")


@pytest.mark.parametrize("text, expected", [
    ("I’m  Sorry", "i'm sorry"),
    ("I‘m\n\tsorry ", "i'm sorry"),
    ("It\u02bcs fine", "it's fine"),
    ("“Hello”", '"hello"'),
    ("E\u0301TE\u0301", "été"),  # decomposed accents are composed, then lower-cased
    ("ΟΔΟΣ", "οδος"),
    ("你好！你好吗？好。", "你好!你好吗?好."),  # full-width "!", "?" and the ideographic full stop
    ("Ünïcödé\u00a0text", "ünïcödé text"),  # a no-break space is a space
])
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I don't know.", ["i", "don't", "know", "."]),
    ("well-being?!", ["well", "-", "being", "?", "!"]),
    ("cousins' house", ["cousins", "'", "house"]),
    ("'quoted' text", ["'", "quoted", "'", "text"]),
    ("été à Malmö", ["été", "à", "malmö"]),
    ("hi 🙂🙂 you", ["hi", "🙂", "🙂", "you"]),
    ("line\nbreak", ["line", "\n", "break"]),
    ("a\u202ab", ["a", "\u202a", "b"]),  # a format character is a token of its own, not a space
    # scripts written without spaces: each letter is a token, so phrases
    # match inside a sentence; their marks are tokens too
    ("我很对不起你。", ["我", "很", "对", "不", "起", "你", "."]),
    ("Tom是我的朋友？", ["tom", "是", "我", "的", "朋", "友", "?"]),
    ("ラーメン、食べたい！", ["ラ", "ー", "メ", "ン", "、", "食", "べ", "た", "い", "!"]),
    ("人々「𠮷野家」", ["人", "々", "「", "𠮷", "野", "家", "」"]),
    ("don't我", ["don't", "我"]),
    ("그래요 спасибо", ["그래요", "спасибо"]),  # Hangul and Cyrillic are written with spaces: one word each
])
def test_tokens(text, expected):
    assert [t for t, _, _ in tokens(prepare(text))] == expected


def test_standard_forms_are_single_words_in_and_plain_words_out():
    for word, form in FORMS.items():
        assert [t for t, _, _ in tokens(word)] == [word], word
        assert all(w not in FORMS for w in form.split(" ")), (word, form)
    assert standard(["you've", "never", "\n", "u", "cant", "apologize"]) == [
        "you", "have", "never", "you", "can", "not", "apologise"]


def test_every_syntax_character_is_escaped_and_nothing_else():
    assert escape("a*b?c") == r"a\*b\?c"
    assert escape(r"\^$.*+?()[]{}|/") == r"\\\^\$\.\*\+\?\(\)\[\]\{\}\|\/"
    assert escape("isn't-<3&%\"") == "isn't-<3&%\""


def test_a_list_is_one_group_with_a_space_before_each_word_and_a_look_ahead():
    assert compile_phrases(["sorry"]) == "(?: sorry)(?= )"
    assert compile_phrases(["?", "!"]) == r"(?: !| \?)(?= )"
    assert compile_phrases(["so sorry", "sorry", "SORRY", "So  sorry"]) == "(?: so sorry| sorry)(?= )"
    assert compile_phrases(["I’ve  Moved On"]) == "(?: i have moved on)(?= )"
    assert compile_phrases(["a.b"]) == r"(?: a \. b)(?= )"


def test_phrases_that_start_with_the_same_word_share_it():
    """Each first word is tried once at a place of the text, not each
    phrase; longer phrases still come first, and a phrase only joins the
    group of its first word when nothing between could start at the same
    place: a phrase starting with a choice that holds the word, or one that
    may start anywhere (a starting choice that may be empty)."""
    assert compile_phrases(["I am sorry", "I will wait", "you hurt me"]) == \
        "(?: i(?: will wait| am sorry)| you hurt me)(?= )"
    assert compile_phrases(["(you|I) never", "you always", "I"]) == "(?:(?: you| i) never| you always| i)(?= )"
    assert compile_phrases(["(we|they) are sorry", "I am very sad", "you were", "I am"]) == \
        "(?:(?: we| they) are sorry| i(?: am very sad| am)| you were)(?= )"
    assert compile_phrases(["I am very sad", "(so|) sorry", "I am"]) == "(?: i am very sad|(?: so|) sorry| i am)(?= )"


def test_a_chinese_or_japanese_phrase_is_one_token_a_character():
    assert compile_phrases(["对不起"]) == "(?: 对 不 起)(?= )"
    assert compile_phrase("你 ... 错")[0] == r" 你(?: [^ \.!\?…]+){0,3} 错"
    assert compile_phrases(["ごめん(なさい|)"]) == "(?: ご め ん(?: な さ い|))(?= )"
    assert compile_phrases(["？"]) == r"(?: \?)(?= )"


def test_the_ranges_are_the_scripts_written_without_spaces():
    """Han, Hiragana and Katakana letters are in CJK_RANGES; Latin, Hangul,
    Thai and the ideographic space are not."""
    assert all(is_cjk(c) for c in "漢字汉字ひらがなカタカナー々〆〇𠮷𪚲")
    assert not any(is_cjk(c) for c in "aé한글ไทย\u3000🙂")


def test_no_look_behind_and_no_unicode_class_in_any_pattern():
    pattern = compile_phrases(["you ... hurt me", "(really|truly|) sorry", "été", "любовь", "?", "🙂", "对不起"])
    assert "(?<" not in pattern and "\\p" not in pattern and "\\1" not in pattern


@pytest.mark.parametrize("phrase, pattern, form", [
    ("you ... hurt me", r" you(?: [^ \.!\?…]+){0,3} hurt me", "you ... hurt me"),
    ("(really|truly) sorry", "(?: really| truly) sorry", "(really|truly) sorry"),
    ("I'm (so|) sorry", " i am(?: so|) sorry", "i am (so|) sorry"),
    ("(I am|I'm) here", "(?: i am| i am) here", "(i am|i am) here"),
    ("(get back|) to me", "(?: get back|) to me", "(get back|) to me"),
    ("(no brackets)", r" \( no brackets \)", "( no brackets )"),
    ("a | b", r" a \| b", "a | b"),
    ("wait...", r" wait \. \. \.", "wait . . ."),
])
def test_the_phrase_language(phrase, pattern, form):
    assert compile_phrase(phrase) == (pattern, form)


def test_the_gap_can_be_set():
    assert compile_phrase("you ... me", gap=1)[0] == r" you(?: [^ \.!\?…]+){0,1} me"


@pytest.mark.parametrize("phrase, message", [
    ("... hurt me", "'...' stands for words between two others"),
    ("hurt me ...", "'...' stands for words between two others"),
    ("(a|) (b|)", "not optional"),
    ("you (... |x) me", "cannot be inside brackets"),
    ("you (made me (laugh|smile)|knew)", "cannot be inside other brackets"),
])
def test_phrases_that_cannot_match_are_refused(phrase, message):
    with pytest.raises(PhraseError, match=re.escape(message)):
        compile_phrase(phrase)


def test_nothing_to_compile_is_refused():
    with pytest.raises(ValueError):
        compile_phrases([" ", ""])


@given(st.text(min_size=1, max_size=40).filter(lambda p: "|" not in p and "..." not in p))
def test_any_phrase_without_syntax_is_literal(phrase):
    """Whatever an author writes without '(a|b)' or '...', the pattern reads
    back as the phrase's own tokens, and no syntax character is left
    unescaped."""
    words = standard([t for t, _, _ in tokens(prepare(phrase))])
    if not words:
        return
    pattern, _ = compile_phrase(phrase)
    assert re.sub(r"\\(.)", r"\1", pattern, flags=re.S) == "".join(" " + w for w in words)
    assert not SYNTAX & set(re.sub(r"\\.", "", pattern, flags=re.S))
