"""What the compiled patterns match, in Chromium's own engine, compared with
a phrase-by-phrase reading of the rule.

The rule (docs/checklists.md, "How matching works"): the text
is read from left to right; at each place the longest phrase found there
wins, provided that a phrase starting with a letter, mark or digit is not
preceded by one and a phrase ending with one is not followed by one; after a
match the reading goes on after it. ``reading`` below does that in Python,
one phrase at a time; ``per_phrase`` writes the same rule as a pattern with
the edge checks on each phrase. The pattern the build ships
(compile_phrases, with the edges checked once for the whole list) must find
exactly the same matches at the same places as both, on the shipped
checklist and on random phrases and drafts made to meet at word edges.
"""

from __future__ import annotations

import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT
from guidekit.checklist.compile import compile_phrases, escape, normalise

LETTER = r"[\p{L}\p{M}\p{N}]"


def is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def unique(phrases: list[str]) -> list[str]:
    return sorted({p for p in (normalise(p) for p in phrases) if p}, key=lambda p: (-len(p), p))


def reading(phrases: list[str], text: str) -> list[list]:
    """[code point index, phrase] of each match in normalised ``text``."""
    found, i = [], 0
    while i < len(text):
        for p in unique(phrases):
            j = i + len(p)
            if (text.startswith(p, i)
                    and not (is_letter(p[0]) and i > 0 and is_letter(text[i - 1]))
                    and not (is_letter(p[-1]) and j < len(text) and is_letter(text[j]))):
                found.append([i, p])
                i = j
                break
        else:
            i += 1
    return found


def per_phrase(phrases: list[str]) -> str:
    """The rule as one pattern with each phrase's own edge checks."""
    def one(p: str) -> str:
        return ((f"(?<!{LETTER})" if is_letter(p[0]) else "") + escape(p)
                + (f"(?!{LETTER})" if is_letter(p[-1]) else ""))
    return "|".join(one(p) for p in unique(phrases))


RUN = """([patterns, texts]) => patterns.map(p => {
  const re = new RegExp(p, "gu");  // as checklist.js builds them
  return texts.map(t => [...t.matchAll(re)].map(m => [[...t.slice(0, m.index)].length, m[0]]));
})"""

# letters, marks and digits of several scripts, punctuation, apostrophes,
# spaces and emoji
ALPHABET = ("abesoy éàöøßçñ" "\u0301\u0308" "ΑΣσς" "лбвья" "שלום" "مرحبا" "नमस्ते" "日本" "한"
            "0123" "٣" "²" "Ⅻ" "?!.,'\"*-:()" "’“" " \u00a0\t\n" "🙂👍🏽" "\u200d" "_")
PIECES = ["so", "sorry", "art", "heart", "été", "любовь", "you", "3", "?", "!", "!!", "'s", "a.b", "*",
          "🙂", "é", "e\u0301", "ς", "日本", "²"]


@pytest.fixture(scope="module")
def engine(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>x</title>")
    yield page
    page.close()


def compare(engine, lists: list[list[str]], texts: list[str]) -> None:
    texts = [normalise(t) for t in texts]
    lists = [ph for ph in lists if unique(ph)]
    shipped = engine.evaluate(RUN, [[compile_phrases(ph) for ph in lists], texts])
    reference = engine.evaluate(RUN, [[per_phrase(ph) for ph in lists], texts])
    for ph, got, ref in zip(lists, shipped, reference):
        for text, g, r in zip(texts, got, ref):
            expected = reading(ph, text)
            assert r == expected, ("the per-phrase pattern and the reading differ", ph, text)
            assert g == expected, (compile_phrases(ph), text)


def shipped_lists() -> list[list[str]]:
    data = yaml.safe_load((ROOT / "content" / "checklists" / "first-message.yml").read_text("utf-8"))
    lists = []
    for check in data["checks"]:
        rule = check.get("rule") or {}
        lists += [rule[key] for key in ("phrases", "one", "other") if key in rule]
    return lists


SHIPPED_DRAFTS = [
    "Hi Sam. I know it’s been a while. I wanted to say hello. How have you been?\nTake care,\nAlex",
    "I wanted to write because you always put yourself first. It was your fault we broke up!",
    "Because-of-you, you never... YOU NEVER? younever you neverland unyou always you always2 ²you always",
    "I’m sorry. I'm so sorry!! Sorry. sorry sorry—sorry, Sorry? unsorry sorrys 'sorry' I apologise I apologize.",
    "I've moved on but I miss you; I’ve moved on, I miss youuu, I'm over it, I'm over you, come back, comeback",
    "Reply now! ASAP!!! asap. by tonight? by tomorrow? bytomorrow last chance lastchance this is your last chance",
    "we need to talk about it. closure! closures. get my things back give back my stuff",
    "Été à Malmö, 🙂 I wanted to say… 🙂🙂 to ask🙂to explain to say\u00e9 to say\u0301",
]


def test_every_character_used_is_classed_alike_here_and_in_the_browser(engine):
    """Else a difference between this Python's Unicode tables and the
    browser's could pass for a difference in matching."""
    text = ALPHABET + "".join(PIECES) + "".join(SHIPPED_DRAFTS) + "".join(sum(shipped_lists(), []))
    chars = sorted(set(text + normalise(text)))
    classes = engine.evaluate("chars => chars.map(c => /^[\\p{L}\\p{M}\\p{N}]$/u.test(c))", chars)
    assert [c for c, letter in zip(chars, classes) if letter != is_letter(c)] == []


def test_the_shipped_checklist_matches_phrase_by_phrase(engine):
    compare(engine, shipped_lists(), SHIPPED_DRAFTS + [" ".join(SHIPPED_DRAFTS) * 20])


# phrases made of pieces, with marks at either end, so that lists mix phrases
# with and without word edges and one phrase is often the start of another
PHRASE = st.lists(st.sampled_from(PIECES) | st.text(ALPHABET, min_size=1, max_size=3), min_size=1, max_size=3).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))
# drafts made of the same pieces, glued or apart, with random characters
DRAFT = st.lists(st.sampled_from(PIECES) | st.text(ALPHABET, max_size=4), max_size=14).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(PHRASE, min_size=1, max_size=6), min_size=1, max_size=3),
       st.lists(DRAFT, min_size=1, max_size=5))
def test_random_phrases_match_phrase_by_phrase(engine, lists, drafts):
    # drafts that hold the phrases themselves, touching letters or not
    drafts = drafts + [" x ".join(ph) + "x" + "".join(ph) for ph in lists]
    compare(engine, lists, drafts)


@pytest.mark.parametrize("phrases, text, expected", [
    (["sorry", "sorry!!"], "sorry!! sorry! sorry", [[0, "sorry!!"], [8, "sorry"], [15, "sorry"]]),
    (["!sorry", "sorry"], "!sorry x!sorry xsorry", [[0, "!sorry"], [8, "!sorry"]]),
    (["so sorry", "sorry", "?"], "so sorry? also sorry?", [[0, "so sorry"], [8, "?"], [15, "sorry"], [20, "?"]]),
    (["art", "?"], "heart? art?art", [[5, "?"], [7, "art"], [10, "?"], [11, "art"]]),
    (["été"], "l'été étéa", [[2, "été"]]),
    (["a 🙂 b"], "a 🙂 b ca 🙂 b", [[0, "a 🙂 b"]]),
])
def test_known_cases(engine, phrases, text, expected):
    """A few cases worked out by hand, so the reading itself is checked."""
    assert reading(phrases, text) == expected
    compare(engine, [phrases], [text])
