"""The checklist in Chromium: the matchers in the browser's own JavaScript
engine, the reader's view, privacy, accessibility, instant navigation and the
page without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import axe_violations, build, make_project, material_ready
from conftest import Watch, serve

ROOT_SEL = '[data-checklist="first-message"]'
AUTOMATIC = ["why-you-are-writing", "short", "short-sentences", "open-ended", "no-blame", "mixed-messages",
             "tone", "no-shouting", "loose-ends", "no-pressure", "no-deadline", "no-visit", "no-neediness",
             "no-watching", "no-guilt", "sorry"]
MANUAL = ["time-passed", "say-how-you-feel", "channel", "ready-for-silence", "clean-slate", "calm"]
IDLE_SUMMARY = "Checks that look at your words as you type: 16. They start once you write something."
NOTE = "A message can pass every check and still not be right to send."
NONE_FOUND = "The checks found nothing that needs a look. " + NOTE


def states(page, root: str = ROOT_SEL) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"{root} [data-state]", "els => Object.fromEntries(els.map(e => [e.dataset.check, e.dataset.state]))")


def settle(page, expected: dict, root: str = ROOT_SEL, timeout: float = 3.0) -> dict:
    """The states once the checks have run on the draft: waits until the
    checks' ``data-state`` attributes are ``expected`` (the checklist sets
    them after its pause) and returns them, or what they are when
    ``timeout`` seconds have gone by without it."""
    try:
        page.wait_for_function(
            """([root, expected]) => {
                const els = [...document.querySelectorAll(root + " [data-state]")];
                return els.length === Object.keys(expected).length
                    && els.every(e => expected[e.dataset.check] === e.dataset.state);
            }""", arg=[root, expected], timeout=timeout * 1000)
    except PlaywrightTimeout:
        pass
    return states(page, root)


def settled(page) -> None:
    """Wait until the page has rendered two frames: whatever the last action
    set off in the same or the next task (a handler, a request) has run."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))")


def expect(unmet=(), state="met") -> dict:
    unknown = set(unmet) - set(AUTOMATIC)
    assert not unknown, unknown
    return {c: ("unmet" if c in unmet else state) for c in AUTOMATIC}


def open_writing(page, site_url):
    page.goto(site_url + "writing/")
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    return page.locator(f"{ROOT_SEL} textarea")


LONG = ("I wanted to say hello. " + "It has been a long time and I have thought about a lot of things since then. " * 8
        + "I keep going over the day we met and the trip to the coast and the flat and the dog and all the friends "
          "we shared and how it all ended so fast that I never had time to take it in. How are you?")

DRAFTS = [
    ("kind and open", "Hi Sam. I know it's been a while. I wanted to say hello, and that I don't hold any hard "
                      "feelings. How have you been?\nTake care,\nAlex", expect()),
    ("blaming", "I wanted to write because you always put yourself first. It was your fault we broke up. "
                "How are you?", expect({"no-blame"})),
    ("mixed", "I'm writing to say I've moved on. But I miss you. How have you been?", expect({"mixed-messages"})),
    # a poor reason is still a reason, and a demand still asks for a reply
    ("pushy", "I need answers! Reply now! You have to tell me why you left! I'm waiting.",
     expect({"tone", "loose-ends", "no-pressure"})),
    ("guilt", "I wanted to say that I can't sleep and I'm falling apart. How are you?", expect({"no-guilt"})),
    ("over-apologising", "I'm sorry. I'm so sorry. Sorry for this. Sorry again. How are you?", expect({"sorry"})),
    ("no reason", "Hi Sam. The weather has been lovely here. How are you?", expect({"why-you-are-writing"})),
    ("very long", LONG, expect({"short", "short-sentences"})),
    ("curly apostrophes", "I’m writing to say hello. I’ve moved on, but I can’t stop thinking about you. How are you?",
     expect({"mixed-messages"})),
    ("accented letters", "Salut Zoë. I wanted to say hello from Malmö. Ça va, José?", expect()),
    ("emoji", "Hi! 🙂 I wanted to say hello. How have you been? 🙂🙂", expect()),
    ("empty", "", expect(state="idle")),
    ("only spaces", "   \n\t  ", expect(state="idle")),
]


@pytest.mark.parametrize("name, draft, expected", DRAFTS, ids=[d[0] for d in DRAFTS])
def test_sample_drafts(page, site_url, name, draft, expected):
    box = open_writing(page, site_url)
    assert states(page) == expect(state="idle")  # before typing: neutral, not failed
    if len(draft) > 200:
        box.fill(draft)
    else:
        box.press_sequentially(draft)
    assert settle(page, expected) == expected
    page.watch.assert_clean()


COUNT_BUILT = """(() => {
  const Native = RegExp;
  window.__built = [];
  window.RegExp = new Proxy(Native, { construct(target, args) {
    window.__built.push(String(args[0]));
    return new target(...args);
  } });
})();"""
PATTERNS = f"""() => [...document.querySelectorAll('{ROOT_SEL} [data-rule]')]
  .flatMap(el => JSON.parse(el.dataset.rule).m || []).flatMap(c => [c.p, c.u]).filter(Boolean)"""


def test_matchers_are_built_when_first_needed(page, site_url):
    """An empty draft needs no matcher, so starting the checklist builds none
    (building them is what costs time); once the reader is in the box they
    are built, and the checks run as usual."""
    page.add_init_script(COUNT_BUILT)
    box = open_writing(page, site_url)
    patterns = page.evaluate(PATTERNS)
    assert len(patterns) >= 2  # the page carries its phrase rules
    page.wait_for_load_state("load")
    assert not set(patterns) & set(page.evaluate("window.__built")), "matchers built at start"
    box.focus()
    page.wait_for_function("ps => ps.every(p => window.__built.includes(p))", arg=patterns)
    box.press_sequentially("I wanted to say you always put yourself first. How are you?")
    assert settle(page, expect({"no-blame"})) == expect({"no-blame"})
    assert sorted(page.evaluate("window.__built.filter(p => p.includes('you always'))")) == [
        p for p in patterns if "you always" in p], "a matcher was built twice"
    page.watch.assert_clean()


def test_findings_name_the_words_and_say_may(page, site_url):
    box = open_writing(page, site_url)
    box.press_sequentially("I wanted to say hello. You always DID this. It was Your  fault. How are you?")
    check = page.locator(f'{ROOT_SEL} [data-check="no-blame"]')
    settle(page, expect({"no-blame"}))
    message = check.locator("[data-checklist-message]").inner_text()
    assert "may" in message
    assert "“you always”" in message and "“your fault”" in message
    assert check.locator("[data-checklist-state]").inner_text() == "May need a look"
    assert page.locator(f'{ROOT_SEL} [data-check="tone"] [data-checklist-finding]').is_hidden()


def test_dismissing_holds_until_the_matched_words_change(page, site_url):
    box = open_writing(page, site_url)
    box.press_sequentially("I wanted to say you always put yourself first. How are you?")
    settle(page, expect({"no-blame"}))
    summary = page.locator(f"{ROOT_SEL} [data-checklist-summary]")
    assert summary.inner_text() == "Things that may need a look: 1. " + NOTE
    check = page.locator(f'{ROOT_SEL} [data-check="no-blame"]')
    check.locator("[data-checklist-dismiss]").click()
    assert check.get_attribute("data-dismissed") is not None
    assert check.locator("[data-checklist-finding]").is_hidden()
    assert check.locator("[data-checklist-state]").inner_text() == "You said this is fine"
    assert summary.inner_text() == NONE_FOUND
    # more words, same match: still fine (the new words set off another
    # check, which shows that the checks have run again)
    box.press_sequentially(" Take care!!!")
    assert settle(page, expect({"no-blame", "tone"})) == expect({"no-blame", "tone"})
    assert check.get_attribute("data-dismissed") is not None
    assert check.locator("[data-checklist-state]").inner_text() == "You said this is fine"
    # a new match: the finding is back
    box.press_sequentially(" You never wrote.")
    page.wait_for_function("el => !el.hasAttribute('data-dismissed')", arg=check.element_handle(), timeout=3000)
    assert "“you never”" in check.locator("[data-checklist-message]").inner_text()
    # Clear forgets everything
    check.locator("[data-checklist-dismiss]").click()
    page.locator(f"{ROOT_SEL} [data-checklist-clear]").click()
    assert box.input_value() == ""
    assert states(page) == expect(state="idle")
    assert check.get_attribute("data-dismissed") is None
    box.press_sequentially("You always put yourself first.")
    settle(page, expect({"no-blame", "why-you-are-writing", "open-ended"}))
    assert check.get_attribute("data-dismissed") is None


def test_the_summary_is_not_a_score(page, site_url):
    """Before typing it says what the checks are; after, how many things may
    need a look, and that passing them all does not make a message right.
    Ticking the self-checks does not turn it into a score."""
    box = open_writing(page, site_url)
    summary = page.locator(f"{ROOT_SEL} [data-checklist-summary]")
    assert summary.inner_text() == IDLE_SUMMARY
    for ident in MANUAL:
        page.locator(f'{ROOT_SEL} [data-check="{ident}"] input[type=checkbox]').check()
    assert summary.inner_text() == IDLE_SUMMARY
    box.press_sequentially("Hope you're happy now. You never cared!!! Answer by Friday.")
    settle(page, expect({"why-you-are-writing", "open-ended", "no-blame", "tone", "no-pressure", "no-deadline",
                         "no-guilt"}))
    assert summary.inner_text() == "Things that may need a look: 7. " + NOTE
    assert " of " not in summary.inner_text()


def test_manual_checks_come_first_and_keep_warns_about_shared_devices(page, site_url):
    open_writing(page, site_url)
    order = page.eval_on_selector_all(f"{ROOT_SEL} [data-check]", "els => els.map(e => e.dataset.check)")
    assert order == MANUAL + AUTOMATIC
    first_tick = page.locator(f"{ROOT_SEL} [data-checklist-tick]").first
    assert first_tick.evaluate("(el, box) => !!(el.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING)",
                               page.locator(f"{ROOT_SEL} textarea").element_handle())
    keep = page.locator(f"{ROOT_SEL} [data-checklist-keep]")
    note = page.locator(f"#{keep.get_attribute('aria-describedby')}")
    assert note.is_visible()
    assert "shared phone or computer" in note.inner_text()


NO_UNICODE_CLASSES = """(() => {
  const Native = RegExp;
  window.RegExp = new Proxy(Native, { construct(target, args) {
    if (String(args[0]).includes("\\p{")) throw new SyntaxError("Invalid regular expression");
    return new target(...args);
  } });
})();"""


def test_an_older_browser_keeps_the_note_and_the_self_checks(page, site_url):
    """Where the script's Unicode patterns can't be built (browsers before
    2020), it stops before changing anything: the note that the checks need
    JavaScript stays, and the self-checks work."""
    page.add_init_script(NO_UNICODE_CLASSES)
    page.goto(site_url + "writing/")
    page.wait_for_load_state("load")
    root = page.locator(ROOT_SEL)
    assert root.locator("[data-checklist-nojs]").is_visible()
    assert root.locator("[data-checklist-tools]").is_hidden()
    tick = root.locator("[data-checklist-tick]").first
    tick.check()
    assert tick.is_checked()
    page.watch.assert_clean()


def test_the_summary_is_announced_politely_and_not_on_every_key(page, site_url):
    box = open_writing(page, site_url)
    summary = page.locator(f"{ROOT_SEL} [data-checklist-summary]")
    assert summary.get_attribute("aria-live") == "polite"
    page.evaluate("""el => { window.__changes = 0;
        new MutationObserver(() => window.__changes++).observe(el, {childList: true, characterData: true, subtree: true}); }""",
                  summary.element_handle())
    # one input event per character, all faster than the pause the
    # checklist waits for (typed with the keyboard on a loaded machine, a
    # stall between two keys could look like a pause)
    page.evaluate("""el => { for (const ch of "I wanted to say hello, how are you?") {
        el.value += ch;
        el.dispatchEvent(new InputEvent("input", {bubbles: true, data: ch, inputType: "insertText"}));
    } }""", box.element_handle())
    # every check met: they ran on the whole draft ("?" came last)
    assert settle(page, expect()) == expect()
    settled(page)
    assert summary.inner_text() == NONE_FOUND
    assert page.evaluate("window.__changes") == 1


# --- each rule kind, on a small fixture checklist ---------------------------------

KINDS_YML = """\
title: Every kind
checks:
  - id: avoid
    label: Avoid
    why: Test.
    rule:
      kind: avoid
      phrases: [art, "*", "a.b", c'est, été, любовь, "right?", "hi 🙂 you"]
  - id: require
    label: Require
    why: Test.
    rule: {kind: require, phrases: ["?", hello]}
  - id: last
    label: Last sentence asks
    why: Test.
    rule: {kind: count, phrases: ["?"], within: last-sentence, min: 1}
  - id: bangs
    label: Few exclamation marks
    why: Test.
    rule: {kind: count, phrases: ["!"], max: 2}
  - id: words
    label: Three to ten words
    why: Test.
    rule: {kind: length, min: 3, max: 10}
  - id: sentence
    label: Short sentences
    why: Test.
    rule: {kind: length, per: sentence, max: 8}
  - id: conflict
    label: No mixed message
    why: Test.
    rule: {kind: conflict, one: [moved on], other: [miss you]}
  - id: repeat
    label: Sorry at most twice
    why: Test.
    rule: {kind: repeat, phrases: [sorry, so sorry], max: 2}
  - id: any
    label: Calm
    why: Test.
    rule:
      kind: avoid
      phrases: [furious]
      unless: [not]
      any:
        - phrases: ["!"]
          max: 2
        - phrases: [bye]
          within: last-sentence
  - id: tick
    label: A self-check
    why: Test.
    manual: true
"""
KINDS = ["avoid", "require", "last", "bangs", "words", "sentence", "conflict", "repeat", "any"]


@pytest.fixture(scope="module")
def kinds_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds")
    project = make_project(root, {
        "docs/checklists/kinds.yml": KINDS_YML,
        "docs/index.md": "# Home\n\n[The checklist](kinds.md)\n",
        "docs/kinds.md": "# Kinds\n\n<!-- checklist kinds -->\n",
    })
    result = build(project)
    assert result.returncode == 0, result.output
    server, url = serve(result.site_dir)
    yield url
    server.shutdown()


def k(**unmet) -> dict:
    """All kinds met except those given as name=False."""
    return {name: ("unmet" if unmet.get(name) is False else "met") for name in KINDS}


# each: a draft and the checks it should leave unmet
KIND_CASES = [
    ("Hello there, how are you?", k()),
    # avoid: whole words only, also for accented and non-Latin letters
    ("My heart is art? Yes?", k(avoid=False)),
    ("My heart is a smart start, hello?", k()),
    ("Un été à Malmö, hello?", k(avoid=False)),
    ("L'été est là, hello?", k()),  # an apostrophe inside a word is part of it: "l'été" is one word
    ("Un étéa ne compte pas, hello?", k()),
    ("Моя любовь, hello?", k(avoid=False)),
    ("Моя любовью, hello?", k()),
    ("C’EST la vie, hello?", k(avoid=False)),  # curly apostrophe and capitals in the draft
    ("Is * a star, hello?", k(avoid=False)),  # a literal star, not "any characters"
    ("I like abb, hello?", k()),  # "a.b" is literal: the dot matches only a dot
    ("See a.b for it, hello?", k(avoid=False)),
    ("Right? Hello friend?", k(avoid=False)),  # a phrase that ends with a mark
    ("Alright? Hello friend?", k()),  # ... still starts at a word edge
    ("Is that right?? Hello?", k(avoid=False)),
    ("Oh hi 🙂 you, hello?", k(avoid=False)),  # an emoji is one character to the word edge check
    ("Chi 🙂 you, hello?", k()),
    # require: a mark is enough
    ("Are we fine then?", k()),
    ("We are fine then.", k(require=False, last=False)),
    # count over the last sentence; a short sign-off line is passed over
    ("Hello, how are you?\nTake care,\nAlex", k()),
    ("How are you? I hope you are well.", k(last=False)),
    ("Hello, how are you? 🙂🙂", k()),
    # count over the whole message
    ("Hello! Hi! How are you?", k()),
    ("Hello! Hi! Hey! How are you?", k(bangs=False, any=False)),
    ("Hello!!! Are you fine?", k(bangs=False, any=False)),
    # length of the message and of each sentence
    ("Hello, you?", k(words=False)),
    ("Hello you there. Me here. Fine? Good? Yes? Ok? Sure? Now?", k(words=False)),
    ("Hello, I wanted to write a few more words here?", k(sentence=False)),
    ("Hello 🙂 🙂 🙂 🙂 you?", k(words=False)),  # emoji are not words
    # conflict: both groups together
    ("I moved on. Hello?", k()),
    ("I moved on. I miss you. Hello?", k(conflict=False)),
    # repeat: more than twice
    ("Sorry. Sorry. Hello?", k()),
    ("Sorry, sorry, sorry. Hello?", k(repeat=False)),
    ("So sorry. Sorry. Sorry. Hello?", k()),  # each phrase counted on its own
    # avoid with conditions of its own: a phrase, a third "!", "bye" at the end
    ("I am furious, hello?", k(any=False)),
    ("I am not furious, hello?", k()),
    ("Bye for now. Hello?", k()),
    ("Hello there? Bye now.", k(any=False, last=False)),
]


def test_each_rule_kind_in_python(tmp_path):
    """The same cases through guidekit.checklist.evaluate in Python."""
    from guidekit.checklist.evaluate import evaluate
    from guidekit.guide import checklist_rules

    path = tmp_path / "kinds.yml"
    path.write_text(KINDS_YML, "utf-8")
    rules, conf = checklist_rules(path)
    failures = []
    for draft, expected in KIND_CASES:
        got = {r["id"]: r["state"] for r in evaluate(rules, conf, draft)}
        if got != expected:
            failures.append(f"{draft!r}: expected {expected}, got {got}")
    assert not failures, "\n".join(failures)


def test_each_rule_kind_in_the_browser_engine(browser, kinds_url):
    """guidekit.checklist.evaluate runs the compiled matchers in Chromium's
    own engine, without typing; one case is also typed below."""
    page = browser.new_page()
    try:
        page.goto(kinds_url + "kinds/")
        page.wait_for_selector("[data-checklist][data-guidekit-started]", state="attached")
        failures = []
        for draft, expected in KIND_CASES:
            results = page.evaluate(
                "t => guidekit.checklist.evaluate(document.querySelector('[data-checklist]'), t)", draft)
            got = {r["id"]: r["state"] for r in results}
            if got != expected:
                failures.append(f"{draft!r}: expected {expected}, got {got}")
        assert not failures, "\n".join(failures)
    finally:
        page.close()


def test_each_rule_kind_typed(browser, kinds_url):
    page = browser.new_page()
    try:
        page.goto(kinds_url + "kinds/")
        box = page.locator("[data-checklist] textarea")
        box.press_sequentially("Sorry, sorry, sorry! I moved on! I miss you! Is art here")
        expected = k(avoid=False, require=False, last=False, bangs=False, words=False, conflict=False, repeat=False,
                     any=False)
        assert settle(page, expected, root="[data-checklist]") == expected
        message = page.locator('[data-check="repeat"] [data-checklist-message]').inner_text()
        assert message == "This may need a look. Found: “sorry” 3 times."
        assert "Your draft has 12 words." in page.locator('[data-check="words"] [data-checklist-message]').inner_text()
    finally:
        page.close()


# --- privacy ---------------------------------------------------------------------

def storage(page) -> dict:
    return page.evaluate("""() => ({
        local: Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])),
        session: Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])) })""")


def test_typing_sends_and_stores_nothing(page, site_url):
    box = open_writing(page, site_url)
    # Material's bundle fetches the sitemap and the search index from the
    # site itself; let that happen first, so that what follows is all that
    # typing, ticking and opening do.
    material_ready(page)
    url, before, requests = page.url, storage(page), len(page.watch.requests)
    secret = "I wanted to say hello, Sam. How are you?"
    box.press_sequentially(secret)
    assert settle(page, expect()) == expect()
    for ident in MANUAL:
        page.locator(f'{ROOT_SEL} [data-check="{ident}"] input[type=checkbox]').check()
    page.locator(f'{ROOT_SEL} [data-check="no-blame"] summary').click()
    settled(page)
    assert page.watch.requests[requests:] == []  # no request at all, to any origin
    assert page.url == url
    after = storage(page)
    assert after == before
    assert "Sam" not in str(after)
    page.watch.assert_clean()


def test_kept_draft_survives_a_reload_until_deleted(page, site_url):
    box = open_writing(page, site_url)
    keep = page.locator(f"{ROOT_SEL} [data-checklist-keep]")
    delete = page.locator(f"{ROOT_SEL} [data-checklist-delete]")
    assert delete.is_hidden()
    box.press_sequentially("I wanted to say hello.")
    keep.check()
    assert delete.is_visible()
    assert page.evaluate("localStorage.getItem('guidekit-checklist:first-message')") == "I wanted to say hello."
    box.press_sequentially(" How are you?")
    # kept once the checks have run on the whole draft
    page.wait_for_function("() => localStorage.getItem('guidekit-checklist:first-message') === 'I wanted to say hello. How are you?'")
    page.reload()
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    assert box.input_value() == "I wanted to say hello. How are you?"
    assert keep.is_checked()
    assert states(page) == expect()  # checked at once, without typing
    delete.click()
    assert page.evaluate("localStorage.getItem('guidekit-checklist:first-message')") is None
    assert not keep.is_checked() and delete.is_hidden()
    page.wait_for_function("el => el.textContent === 'Saved draft deleted'",
                           arg=page.locator(f"{ROOT_SEL} [data-checklist-announce]").element_handle())
    page.reload()
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    assert box.input_value() == ""
    assert storage(page)["local"].get("guidekit-checklist:first-message") is None


def test_unticking_keep_deletes_the_draft(page, site_url):
    box = open_writing(page, site_url)
    keep = page.locator(f"{ROOT_SEL} [data-checklist-keep]")
    keep.check()
    box.press_sequentially("Hello there.")
    page.wait_for_function("() => localStorage.getItem('guidekit-checklist:first-message') === 'Hello there.'")
    keep.uncheck()
    assert page.evaluate("localStorage.getItem('guidekit-checklist:first-message')") is None
    box.press_sequentially(" How are you?")
    # the checks ran on the new words (and would have kept them by now)
    assert settle(page, expect({"why-you-are-writing"})) == expect({"why-you-are-writing"})
    assert page.evaluate("localStorage.getItem('guidekit-checklist:first-message')") is None


def test_copy_puts_the_draft_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        box = open_writing(page, site_url)
        box.press_sequentially("I wanted to say hello.")
        page.locator(f"{ROOT_SEL} [data-checklist-copy]").click()
        status = page.locator(f"{ROOT_SEL} [data-checklist-announce]")
        page.wait_for_function("el => el.textContent === 'Copied'", arg=status.element_handle())
        assert status.get_attribute("role") == "status"
        assert page.evaluate("navigator.clipboard.readText()") == "I wanted to say hello."
    finally:
        context.close()


# --- accessibility, keyboard, navigation, no JavaScript ----------------------------

@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_no_axe_violations(page, site_url, context):
    box = open_writing(page, site_url)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if context_scheme(page) == "dark" else "default")
    assert axe_violations(page, ROOT_SEL) == [], "empty draft"
    box.press_sequentially("I need answers! Reply now! You always do this! I've moved on but I miss you!")
    page.wait_for_selector(f'{ROOT_SEL} [data-check="no-blame"][data-state="unmet"]')
    for detail in page.locator(f"{ROOT_SEL} details").all()[:3]:
        detail.locator("summary").click()
    assert axe_violations(page, ROOT_SEL) == [], "with findings"
    page.locator(f'{ROOT_SEL} [data-check="no-blame"] [data-checklist-dismiss]').click()
    assert axe_violations(page, ROOT_SEL) == [], "with a dismissed finding"


def context_scheme(page) -> str:
    return "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"


def test_keyboard_only(page, site_url):
    open_writing(page, site_url)
    box = page.locator(f"{ROOT_SEL} textarea")
    page.locator(f"{ROOT_SEL} .gk-checklist__title").click()  # a starting point above the self-checks and the box
    for _ in range(40):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    assert box.evaluate("el => el === document.activeElement"), "Tab never reached the draft"
    page.keyboard.type("I wanted to say that you always put yourself first. How are you?")
    settle(page, expect({"no-blame"}))
    # Tab on to the first "This is fine" button and press it
    dismiss = page.locator(f'{ROOT_SEL} [data-check="no-blame"] [data-checklist-dismiss]')
    for _ in range(30):
        page.keyboard.press("Tab")
        if dismiss.evaluate("el => el === document.activeElement"):
            break
    assert dismiss.evaluate("el => el === document.activeElement"), "Tab never reached the dismiss button"
    page.keyboard.press("Enter")
    state = page.locator(f'{ROOT_SEL} [data-check="no-blame"] [data-checklist-state]')
    assert state.evaluate("el => el === document.activeElement"), "focus should move to the check's new state"
    assert page.locator(f'{ROOT_SEL} [data-check="no-blame"]').get_attribute("data-dismissed") is not None
    assert page.locator(f"{ROOT_SEL} [data-checklist-summary]").inner_text() == NONE_FOUND
    # back to the first self-check, above the box; Space ticks it
    tick = page.locator(f'{ROOT_SEL} [data-check="{MANUAL[0]}"] input[type=checkbox]')
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        if tick.evaluate("el => el === document.activeElement"):
            break
    assert tick.evaluate("el => el === document.activeElement"), "Shift+Tab never reached the self-checks"
    page.keyboard.press("Space")
    assert tick.is_checked()
    # a "Why this matters" opens with Enter
    why = page.locator(f'{ROOT_SEL} [data-check="{MANUAL[0]}"] details')
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert why.evaluate("el => el.open")


@pytest.fixture
def instant_url(site_url):
    """The shared site is built with site_url set to the address it is served
    at, so Material's instant navigation takes over links between its pages."""
    return site_url


def test_instant_navigation_into_the_writing_page(browser, instant_url):
    page = browser.new_page()
    page.watch = Watch(page, instant_url)
    page.goto(instant_url)
    material_ready(page)
    page.evaluate("window.__same_document = true")
    page.locator("nav.md-nav--primary a[href$='writing/']").first.click()
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    assert page.evaluate("window.__same_document === true"), "the page was loaded in full, not by instant navigation"
    page.locator(f"{ROOT_SEL} textarea").press_sequentially("You always say that. Take care.")
    expected = expect({"no-blame", "why-you-are-writing", "open-ended"})
    assert settle(page, expected) == expected
    assert page.locator(f"{ROOT_SEL} [data-checklist-nojs]").is_hidden()
    # away and back again: started once, still working
    page.locator("nav.md-nav--primary a[href$='after-you-send/']").first.click()
    page.wait_for_url("**/after-you-send/")
    page.go_back()
    page.wait_for_selector(f"{ROOT_SEL}[data-guidekit-started]", state="attached")
    page.locator(f"{ROOT_SEL} textarea").press_sequentially("I wanted to say hello. How are you?")
    assert settle(page, expect()) == expect()
    page.watch.assert_clean()
    page.close()


def test_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "writing/")
        root = page.locator(ROOT_SEL)
        assert root.locator("[data-checklist-nojs]").is_visible()
        assert "need JavaScript" in root.locator("[data-checklist-nojs]").inner_text()
        assert root.locator("[data-checklist-tools]").is_hidden()  # buttons that could not work
        for ident in MANUAL:
            tick = root.locator(f'[data-check="{ident}"] input[type=checkbox]')
            tick.check()
            assert tick.is_checked()
        assert root.locator("details").count() == len(AUTOMATIC) + len(MANUAL)
        root.locator('[data-check="no-blame"] summary').click()
        assert "blame" in root.locator('[data-check="no-blame"] details').inner_text().lower()
        assert "not sent anywhere" in root.inner_text()
    finally:
        context.close()
