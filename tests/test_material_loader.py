"""Material's bundle waits for the reader (site_overrides/main.html and
assets/javascripts/material-loader.js), in a real Chromium: nothing of it is
fetched while the reader only reads; their first key, click, scroll or focus
loads it once; Material then starts as it would have at load (search,
instant navigation), and the guide's components, already working, are
neither started twice nor reset."""

from __future__ import annotations

import re

import pytest

from helpers import wake_material

MATERIAL = re.compile(r"/assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|workers/search\.)|/search/search_index\.json"
                      r"|/sitemap\.xml")


def material_requests(page) -> list[str]:
    return [u for u in page.watch.requests if MATERIAL.search(u)]


def ready(page) -> None:
    page.wait_for_function("() => document.documentElement.getAttribute('data-md-bundle') === 'ready'")


def search_finds(page, word: str) -> int:
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(word, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    return page.locator(".md-search-result__item").count()


def test_nothing_of_material_loads_while_the_reader_reads(page, site_url):
    page.goto(site_url + "writing/", wait_until="networkidle")
    page.wait_for_timeout(800)
    assert material_requests(page) == []
    assert page.evaluate("typeof document$") == "undefined"
    assert page.get_attribute("html", "data-md-bundle") is None
    # The guide's own script has started the checklist all the same.
    assert page.locator("[data-checklist][data-guidekit-started]").count() == 1
    page.watch.assert_clean()


TRIGGERS = {
    "key": lambda page: page.keyboard.press("Shift"),
    "tab": lambda page: page.keyboard.press("Tab"),
    "click": lambda page: page.mouse.click(600, 400),
    "wheel": lambda page: page.mouse.wheel(0, 300),
    "scroll": lambda page: page.evaluate("window.scrollBy(0, 200)"),
}


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_the_first_action_loads_it_once(page, site_url, trigger):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "why-time-matters/", wait_until="networkidle")
    assert material_requests(page) == []
    TRIGGERS[trigger](page)
    ready(page)
    for again in TRIGGERS.values():  # later actions load nothing more
        again(page)
    page.wait_for_load_state("networkidle")
    bundles = [u for u in material_requests(page) if "/bundle." in u]
    assert len(bundles) == 1, bundles
    # Material started as at load: its search works.
    assert search_finds(page, "message") >= 1
    page.watch.assert_clean()


def test_the_quiz_keeps_its_place_when_the_bundle_arrives(page, site_url):
    """The reader's first click is on the quiz: the click is answered by the
    quiz at once, and the bundle that it loads neither restarts the quiz nor
    undoes the step."""
    page.goto(site_url + "readiness-quiz/", wait_until="networkidle")
    quiz = page.locator("[data-quiz]").first
    visible = "els => els.filter(e => e.checkVisibility()).map(e => e.id)"
    first = quiz.locator("[data-quiz-node], [data-quiz-outcome]").evaluate_all(visible)
    quiz.locator(".gk-quiz__step:visible [data-quiz-option]").last.click()
    ready(page)
    page.wait_for_load_state("networkidle")
    after = quiz.locator("[data-quiz-node], [data-quiz-outcome]").evaluate_all(visible)
    assert len(after) == 1 and after != first, (first, after)
    page.wait_for_timeout(300)
    assert quiz.locator("[data-quiz-node], [data-quiz-outcome]").evaluate_all(visible) == after
    assert page.evaluate("document.querySelectorAll('[data-guidekit-started]').length") == \
        page.evaluate("document.querySelectorAll('[data-quiz], [data-checklist], [data-guidekit-exit-wrap]').length")
    page.watch.assert_clean()


def test_components_start_after_instant_navigation(page, site_url):
    """Once the bundle is there, its page changes start the components of
    the new page (the guide's script follows Material's document$ from then on)."""
    page.goto(site_url + "about/", wait_until="networkidle")
    wake_material(page)
    page.evaluate("window.__sameDocument = true")
    page.click("a.md-nav__link[href$='/readiness-quiz/']")
    page.wait_for_url(re.compile(r".*/readiness-quiz/$"))
    page.wait_for_selector("[data-quiz][data-guidekit-started]", state="attached")
    assert page.evaluate("window.__sameDocument === true"), "the link reloaded the page"
    quiz = page.locator("[data-quiz]").first
    before = quiz.inner_text()
    quiz.locator(".gk-quiz__step:visible [data-quiz-option]").first.click()
    page.wait_for_function("(t) => document.querySelector('[data-quiz]').innerText !== t", arg=before)
    page.watch.assert_clean()


def test_the_palette_toggle_works_before_the_bundle(page, site_url):
    """The toggle is the guide's own script: the reader's first click on it
    switches the scheme, and the bundle it loads keeps that choice."""
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "about/", wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    ready(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.watch.assert_clean()


def test_keyboard_focus_shows_before_the_bundle(page, site_url):
    """Material hides the focus outline of header controls unless its
    focus-visible helper (in the bundle) marks them; until the bundle is
    there, guide.css shows it. Here the bundle never arrives."""
    page.route(re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "about/", wait_until="networkidle")
    outlines = {}
    for _ in range(12):
        page.keyboard.press("Tab")
        found = page.evaluate("""() => {
            const el = document.activeElement;
            const shown = el.matches('.md-option') ? el.nextElementSibling : el;
            if (!el.matches('.md-header__button, .md-option')) return null;
            return [el.className + ' ' + (el.getAttribute('aria-label') || ''), getComputedStyle(shown).outlineStyle];
        }""")
        if found:
            outlines[found[0]] = found[1]
    assert page.evaluate("typeof document$") == "undefined"
    assert any("md-option" in k for k in outlines) and any("md-header__button" in k for k in outlines), outlines
    assert all(style not in ("none", "") for style in outlines.values()), outlines


def test_a_first_shortcut_key_still_works(page, site_url):
    """'/' opens the search in Material: pressed first, it loads the bundle
    and is passed on to it once it has started."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "about/", wait_until="networkidle")
    page.keyboard.press("/")
    ready(page)
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("message", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    # A key typed into a field is the reader's text, never a shortcut.
    page.goto(site_url + "writing/", wait_until="networkidle")
    box = page.locator("[data-checklist] textarea")
    box.focus()
    ready(page)
    box.press("s")
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA" and box.input_value() == "s"
    page.watch.assert_clean()
