"""The first-message checklist on labelled drafts (tests/data), and the same
results in Python and in Chromium.

- The corpus: at least 200 drafts, a third of them hard, labelled only with
  checks that exist.
- The targets of benchmarks/bench_accuracy.py: precision at least 0.95 for
  every automatic check, recall at least 0.85 over all.
- No finding at all on the guide's own example messages (writing.md and the
  site-owner page on checklists).
- guidekit.checklist.evaluate in the built page gives, for every draft of the
  corpus, exactly what guidekit.checklist.evaluate gives in Python; and a
  sample typed into the box with the keyboard ends in the same states.
"""

from __future__ import annotations

import re
import sys

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import ROOT
from guidekit.checklist.evaluate import evaluate
from guidekit.guide import checklist_rules as load

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_accuracy  # noqa: E402

CHECKLIST = ROOT / "content" / "checklists" / "first-message.yml"
ROOT_SEL = '[data-checklist="first-message"]'
RULES, CONF = load(CHECKLIST)
CORPUS = bench_accuracy.corpus()


def example_messages() -> list[str]:
    """The example messages the guide and its docs show: the quoted message
    under "An example" in writing.md, and the drafts marked as good in the
    site-owner page on checklists."""
    writing = (ROOT / "content" / "writing.md").read_text("utf-8")
    section = writing.split("{#example}", 1)[1].split("\n## ", 1)[0]
    quoted = [line[2:] for line in section.splitlines() if line.startswith("> ")]
    docs = (ROOT / "docs" / "checklists.md").read_text("utf-8")
    good = re.findall(r"<!-- good example -->\n\n```text\n(.*?)\n```", docs, re.S)
    return [" ".join(quoted)] + good


def findings(text: str) -> dict[str, list[str]]:
    return {r["id"]: r["found"] for r in evaluate(RULES, CONF, text) if r["state"] == "unmet"}


def test_the_corpus_is_big_varied_and_labelled_with_real_checks():
    ids = {ident for ident, _ in RULES}
    assert len(CORPUS) >= 200 and sum(1 for d in CORPUS if not d["held_out"]) >= 200
    assert sum(1 for d in CORPUS if d.get("hard")) * 3 >= len(CORPUS)
    assert all(set(d["expect"]) <= ids for d in CORPUS)
    assert len({d["text"] for d in CORPUS}) == len(CORPUS), "a draft is there twice"
    # every automatic check is expected somewhere, and most drafts expect nothing
    assert set().union(*(d["expect"] for d in CORPUS)) == ids
    assert sum(1 for d in CORPUS if not d["expect"]) >= len(CORPUS) / 3


def test_the_accuracy_targets_are_met_on_the_development_set():
    counts, errors = bench_accuracy.measure([d for d in CORPUS if not d["held_out"]])
    for ident, c in counts.items():
        assert c["tp"] / max(1, c["tp"] + c["fp"]) >= 0.95, (ident, c, [e for e in errors if e[1] == ident])
    tp = sum(c["tp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    assert tp / (tp + fn) >= 0.85


def test_the_guide_s_own_examples_raise_nothing():
    examples = example_messages()
    assert len(examples) >= 3 and examples[0].startswith("Hi Sam.")
    for text in examples:
        assert findings(text) == {}, text


@pytest.mark.parametrize("text, raised", [
    # the kind uses of words that often go with blame, guilt and pressure
    ("It wasn't your fault. I wanted to say that. How are you?", {}),
    ("I wanted to say I'm sorry I said you never cared. How are you?", {}),
    ("I wanted to say you never know until you ask. How are you?", {}),
    ("I'm writing to say take all the time you need to reply.", {}),
    # and the harmful ones without the listed words
    ("I wanted to say hope you're happy now. How are you?", {"no-guilt"}),
    ("I wanted to say u never listened. How r u?", {"no-blame"}),
    ("I wanted to say hi. I'll come round to your flat later. OK?", {"no-visit"}),
    ("I WANTED TO SAY THAT I MISS YOU SO MUCH. How are you?", {"no-shouting"}),
])
def test_meaning_not_keywords(text, raised):
    assert set(findings(text)) == set(raised)


def test_sign_offs_are_set_aside_and_a_question_before_them_counts():
    ask = "Hi Sam. I wanted to say hello. How have you been?"
    for ending in ["\nTake care.", "\nBest wishes, Sam x", " Take care, Alex", "\nAlex", "\nLove,\nJo xx"]:
        assert "open-ended" not in findings(ask + ending), ending
    # a last line that is a sentence of its own is not a sign-off
    assert "open-ended" in findings("Hi Sam. How have you been? I wanted to say hello.\nI went to the coast last week and it rained.")


# --- Python and Chromium ----------------------------------------------------------------

def _python(text: str) -> list[dict]:
    out = []
    for r in evaluate(RULES, CONF, text):
        out.append({k: r[k] for k in ("id", "state", "found", "key")} | {"other": r.get("other"), "count": r.get("count")})
    return out


BROWSER = """(texts) => { const root = document.querySelector('[data-checklist="first-message"]');
  return texts.map(t => guidekit.checklist.evaluate(root, t).map(r =>
    ({id: r.id, state: r.state, found: r.found, key: r.key, other: r.other ?? null, count: r.count ?? null}))); }"""


def open_writing(page, site_url):
    page.goto(site_url + "writing/")
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    return page.locator(f"{ROOT_SEL} textarea")


EXTRA = [
    "", "   ", "🙂", "?", "Hi\n\n\nthere", "“You never” — that’s what I said. Sorry.\n\n\nSam x",
    "I'm sorry I said \"you never cared\". Sorry. Sorry! sorry?", "İSTANBUL ÇOK GÜZEL BİR ŞEHİR DEĞİL Mİ?",
    "constructor __proto__ toString hasOwnProperty valueOf", "you you you you you you hurt me",
]


def test_the_browser_evaluates_every_draft_as_python_does(page, site_url):
    open_writing(page, site_url)
    texts = [d["text"] for d in CORPUS] + EXTRA + bench_accuracy_long()
    got = page.evaluate(BROWSER, texts)
    for text, g in zip(texts, got):
        assert g == _python(text), text


def bench_accuracy_long() -> list[str]:
    """Long drafts: the whole corpus as one message, and with its lines joined."""
    joined = "\n".join(d["text"] for d in CORPUS)
    return [joined, joined.replace("\n", " ")]


def test_the_guide_s_examples_raise_nothing_in_the_browser(page, site_url):
    open_writing(page, site_url)
    for g in page.evaluate(BROWSER, example_messages()):
        assert [r["id"] for r in g if r["state"] != "met"] == []


@pytest.mark.parametrize("step", [40, pytest.param(8, marks=pytest.mark.slow)])
def test_a_sample_typed_in_chromium_ends_as_python_says(page, site_url, step):
    """Every fortieth draft of the corpus (every eighth in the slow run),
    typed key by key into the box; test_the_browser_evaluates_every_draft_as_python_does
    checks every draft in the browser's engine without typing."""
    box = open_writing(page, site_url)
    for d in CORPUS[::step]:
        box.fill("")
        box.press_sequentially(d["text"], delay=0)
        expected = {r["id"]: r["state"] for r in evaluate(RULES, CONF, d["text"])}
        try:  # the states the checklist sets once it has checked the draft
            page.wait_for_function(
                """([root, expected]) => {
                    const els = [...document.querySelectorAll(root + " [data-state]")];
                    return els.length === Object.keys(expected).length
                        && els.every(e => expected[e.dataset.check] === e.dataset.state);
                }""", arg=[ROOT_SEL, expected], timeout=3000)
        except PlaywrightTimeout:
            pass
        got = page.eval_on_selector_all(
            f"{ROOT_SEL} [data-state]", "els => Object.fromEntries(els.map(e => [e.dataset.check, e.dataset.state]))")
        assert got == expected, d["text"]
    page.watch.assert_clean()
