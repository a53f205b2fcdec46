"""What the compiled patterns match, in Chromium's own engine and in Python's
``re``, compared with a token-by-token reading of the rule.

The rule (docs/checklists.md, "How matching works"): draft
and phrases are cut into tokens (words in their standard form, and marks);
the draft's tokens are read from left to right; at each token the phrases
are tried longest first, and the first that fits there wins: a word must be
that word, ``(a|b)`` tries its choices in order, ``...`` takes as many
tokens as it may (up to the gap, none that ends a sentence) and gives them
back one at a time if the rest does not fit; after a match the reading goes
on at the token after it. ``reading`` below does that in Python, without
patterns. The patterns the build ships must find exactly the same matches,
in the browser and in Python, on the shipped checklist and on random
phrases and drafts.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, examples
from guidekit.checklist.compile import ENDS, GAP, compile_phrase, compile_phrases, prepare, standard, tokens

GROUP = re.compile(r"\(([^()]*\|[^()]*)\)")
ELLIPSIS = re.compile(r"(?:(?<=\s)|^)\.\.\.(?=\s|$)")


def words(text: str) -> list[str]:
    return standard([t for t, _, _ in tokens(prepare(text))])


def parse(phrase: str, gap: int) -> list[tuple]:
    """The phrase as elements: ("w", word), ("alt", [words, ...]), ("gap", n)."""
    out: list[tuple] = []
    at = 0
    for m in list(GROUP.finditer(phrase)) + [None]:
        text = phrase[at:m.start() if m else len(phrase)]
        for k, part in enumerate(ELLIPSIS.split(text)):
            if k:
                out.append(("gap", gap))
            out += [("w", w) for w in words(part)]
        if m:
            out.append(("alt", [words(o) for o in m.group(1).split("|")]))
            at = m.end()
    return out


def match_at(elems: list[tuple], toks: list[str], i: int) -> int | None:
    """The end (exclusive) of the first way the elements fit from token i."""
    def go(k: int, j: int) -> int | None:
        if k == len(elems):
            return j
        kind, value = elems[k]
        if kind == "w":
            return go(k + 1, j + 1) if j < len(toks) and toks[j] == value else None
        if kind == "alt":
            for option in value:
                if toks[j:j + len(option)] == option:
                    end = go(k + 1, j + len(option))
                    if end is not None:
                        return end
            return None
        most = 0
        while most < value and j + most < len(toks) and not set(toks[j + most]) & set(ENDS):
            most += 1
        for n in range(most, -1, -1):
            end = go(k + 1, j + n)
            if end is not None:
                return end
        return None
    return go(0, i)


def ordered(phrases: list[str], gap: int) -> list[str]:
    """Longest first (by the phrase's standard form), duplicates dropped, as documented."""
    forms = {}
    for p in phrases:
        if prepare(p).strip():
            pattern, form = compile_phrase(p, gap)
            forms.setdefault(pattern, (form, p))
    return [p for pattern, (form, p) in sorted(forms.items(), key=lambda kv: (-len(kv[1][0]), kv[0]))]


@functools.lru_cache(maxsize=64)
def _parsed(phrases: tuple[str, ...], gap: int) -> list[list[tuple]]:
    return [parse(p, gap) for p in ordered(list(phrases), gap)]


def reading(phrases: list[str], toks: list[str], gap: int = GAP) -> list[list[int]]:
    parsed = _parsed(tuple(phrases), gap)
    found, i = [], 0
    while i < len(toks):
        for elems in parsed:
            end = match_at(elems, toks, i)
            if end is not None and end > i:
                found.append([i, end - 1])
                i = end
                break
        else:
            i += 1
    return found


def spaced(toks: list[str]) -> str:
    return " " + "".join(t + " " for t in toks)


def python_spans(pattern: str, toks: list[str]) -> list[list[int]]:
    text = spaced(toks)
    starts = {len(spaced(toks[:k])): k for k in range(len(toks) + 1)}  # position of token k
    return [[starts[m.start() + 1], starts[m.end() + 1] - 1] for m in re.finditer(pattern, text)]


RUN = """([patterns, texts]) => patterns.map(p => {
  const re = new RegExp(p, "g");  // as checklist.js builds them
  return texts.map(t => {
    const starts = new Map(); let pos = 1;
    t.forEach((w, k) => { starts.set(pos, k); pos += w.length + 1; });
    starts.set(pos, t.length);
    const text = " " + t.map(w => w + " ").join("");
    return [...text.matchAll(re)].map(m => [starts.get(m.index + 1), starts.get(m.index + m[0].length + 1) - 1]);
  });
})"""


@pytest.fixture(scope="module")
def engine(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>x</title>")
    yield page
    page.close()


def compare(engine, lists: list[tuple[list[str], int]], drafts: list[str]) -> None:
    texts = [words(d) for d in drafts]
    patterns = [compile_phrases(ph, gap) for ph, gap in lists]
    in_browser = engine.evaluate(RUN, [patterns, texts])
    for (ph, gap), pattern, got in zip(lists, patterns, in_browser):
        for toks, g in zip(texts, got):
            expected = reading(ph, toks, gap)
            assert python_spans(pattern, toks) == expected, (pattern, toks)
            assert g == expected, (pattern, toks)


def shipped_lists() -> list[tuple[list[str], int]]:
    data = yaml.safe_load((ROOT / "content" / "checklists" / "first-message.yml").read_text("utf-8"))
    lists = [(data["signoffs"], GAP)]
    for check in data["checks"]:
        rule = check.get("rule") or {}
        for part in [rule] + rule.get("any", []):
            lists += [(part[key], part.get("gap", rule.get("gap", GAP)))
                      for key in ("phrases", "one", "other", "unless") if key in part]
    return lists


def corpus() -> list[str]:
    return [d["text"] for path in sorted((ROOT / "tests" / "data").glob("first-messages-*.yml"))
            for d in yaml.safe_load(path.read_text("utf-8"))]


SHIPPED_DRAFTS = [
    "Hi Sam. I know it’s been a while. I wanted to say hello. How have you been?\nTake care,\nAlex",
    "You really, truly hurt me. you've never... U NEVER? younever you neverland unyou always you always2",
    "I’m sorry. I'm so sorry!! Sorry. sorry sorry—sorry, Sorry? unsorry sorrys 'sorry' I apologize.",
    "I've moved on but I miss you; I’ve moved on, I miss youuu, I'm over it, come back to me, comeback",
    "Reply now! ASAP!!! asap. by tonight? answer me by Friday. bytomorrow last chance. if i dont hear back by sunday",
    "it wasn't your fault. not your fault. It was your fault. you . . . hurt me. you, of all people, hurt me",
    "Été à Malmö, 🙂 I wanted to say… 🙂🙂 to ask🙂to explain to say\u00e9 to say\u0301",
]


def test_every_character_used_is_classed_alike_here_and_in_the_browser(engine):
    """Else a difference between this Python's Unicode tables and the
    browser's could pass for a difference in matching."""
    text = "".join(SHIPPED_DRAFTS) + "".join(corpus()) + "".join(sum((ph for ph, _ in shipped_lists()), []))
    chars = sorted(set(text + prepare(text)))
    classes = engine.evaluate("chars => chars.map(c => /^[\\p{L}\\p{M}\\p{N}]$/u.test(c))", chars)
    assert [c for c, letter in zip(chars, classes) if letter != (unicodedata.category(c)[0] in "LMN")] == []


def test_the_shipped_checklist_matches_token_by_token(engine):
    compare(engine, shipped_lists(), SHIPPED_DRAFTS + corpus())


# phrases built from a few words, marks, a gap and choices, so that phrases
# often overlap, share beginnings and meet sentence ends
WORDS = ["you", "you've", "u", "never", "hurt", "me", "so", "sorry", "not", "?", "!", ".", ",", "été", "🙂", "can't"]
CHOICE = st.lists(st.lists(st.sampled_from(WORDS), max_size=2).map(" ".join), min_size=2, max_size=3).map(
    lambda options: "(" + "|".join(options) + ")")
PART = st.sampled_from(WORDS) | CHOICE | st.just("...")
PHRASE = st.lists(PART, min_size=1, max_size=5).map(" ".join).filter(
    lambda p: not p.startswith("...") and not p.endswith("...") and "... ..." not in p)
DRAFT = st.lists(st.sampled_from(WORDS + ["hello", "i", "am", "\n", "x"]), max_size=25).map(" ".join)


def compilable(phrase: str) -> bool:
    try:
        compile_phrase(phrase)
        return True
    except ValueError:
        return False


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(st.lists(PHRASE.filter(compilable), min_size=1, max_size=5), min_size=1, max_size=3),
       st.lists(DRAFT, min_size=1, max_size=4), st.integers(1, 4))
def test_random_phrases_match_token_by_token(engine, lists, drafts, gap):
    compare(engine, [(ph, gap) for ph in lists], drafts + [" ".join(ph) for ph in lists])


@pytest.mark.parametrize("phrases, draft, expected", [
    (["sorry", "so sorry"], "so sorry, sorry", [[0, 1], [3, 3]]),
    (["you ... hurt me"], "you really did hurt me", [[0, 4]]),
    (["you ... hurt me"], "you. it hurt me", []),  # a gap never passes the end of a sentence
    (["you ... hurt me"], "you a b c d hurt me", []),  # more than three words
    (["(really|truly|) sorry"], "truly sorry sorry", [[0, 1], [2, 2]]),
    (["you've never"], "You’ve never. u have never", [[0, 2], [4, 6]]),
    (["i can't"], "I cannot, I can not, i cant", [[0, 2], [4, 6], [8, 10]]),
    (["art"], "heart art", [[1, 1]]),
])
def test_known_cases(engine, phrases, draft, expected):
    """A few cases worked out by hand, so the reading itself is checked."""
    toks = [t for t in words(draft)]
    assert reading(phrases, toks) == expected
    compare(engine, [(phrases, GAP)], [draft])


def test_the_patterns_have_no_nested_repetition():
    """Linear time by construction: the only repetition in a pattern is the
    gap, a bounded repeat of one token with no choice inside; everything
    else is literal words and choices of literal words."""
    gap = re.escape(r"(?: [^ \.!\?…]+){0,") + r"\d+\}"
    for phrases, g in shipped_lists():
        rest = re.sub(gap, "", compile_phrases(phrases, g))
        assert not re.search(r"(?<!\\)[*+]|(?<!\\)\{\d", rest), rest


def test_a_long_draft_is_checked_in_time_proportional_to_its_length(engine):
    """The shipped patterns on a draft made to tempt backtracking (many
    starts of phrases that never finish), at 20,000 and 80,000 tokens: the
    fastest of five runs of each, in turns (a busy machine only ever adds time)."""
    patterns = [compile_phrases(ph, g) for ph, g in shipped_lists()]
    timings = engine.evaluate("""([patterns, n]) => {
      const texts = n.map(size => " " + "you you have i can not i am so i never ".repeat(size / 10));
      const res = patterns.map(p => new RegExp(p, "g"));
      const best = n.map(() => Infinity);
      for (let run = 0; run < 5; run++) {
        texts.forEach((text, i) => {
          const start = performance.now();
          for (const re of res) text.match(re);
          best[i] = Math.min(best[i], performance.now() - start);
        });
      }
      return best;
    }""", [patterns, [20_000, 80_000]])
    assert timings[1] < 2_000, timings
    assert timings[1] < 8 * max(timings[0], 5), timings  # about four times the text, not sixteen
