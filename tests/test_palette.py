"""The light/dark toggle, run by the guide's own script
(site_overrides/assets/javascripts/material-palette.js) instead of Material's
palette component, and the start-up changes in material-base.js, in a real
Chromium: the reader's scheme and the toggle are there before Material's
bundle runs, the toggle works by mouse and keyboard, the choice is kept and
survives instant navigation, and Material does not mount a second palette."""

from __future__ import annotations

import re

import pytest

from helpers import wake_material

SCHEME = {"light": "default", "dark": "slate"}
COLOR_SCHEME = {"default": "light", "slate": "dark"}
OTHER = {"default": "slate", "slate": "default"}

STATE = """() => ({
    scheme: document.body.getAttribute("data-md-color-scheme"),
    label: [...document.querySelectorAll("form[data-palette] label")]
        .filter(l => !l.hidden).map(l => l.getAttribute("title")),
    colorScheme: [...document.querySelectorAll("meta[name=color-scheme]")].map(m => m.content),
    themeColor: [...document.querySelectorAll("meta[name=theme-color]")].map(m => m.content),
    header: getComputedStyle(document.querySelector("header.md-header")).backgroundColor,
    html: document.documentElement.className,
})"""


def hex_of(rgb: str) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in re.findall(r"\d+", rgb)[:3])


def state(page) -> dict:
    return page.evaluate(STATE)


def settled(page, address: str):
    page.goto(address, wait_until="networkidle")
    wake_material(page)  # Material's bundle waits for the reader's first key


def check_consistent(s: dict, scheme: str):
    """One of each tag, matching the scheme shown; the toggle offers the other scheme."""
    assert s["scheme"] == scheme
    assert s["colorScheme"] == [COLOR_SCHEME[scheme]]
    assert s["themeColor"] == [hex_of(s["header"])]
    want = "Switch to light mode" if scheme == "slate" else "Switch to dark mode"
    assert s["label"] == [want]


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_scheme_and_toggle_are_there_before_materials_bundle(page, site_url, context):
    """Before the reader does anything, Material's bundle is not loaded
    (site_overrides/main.html), yet the page has the reader's scheme, both
    tags and the right toggle, and the class the bundle would set (so the
    search shows)."""
    bundles = []
    page.on("request", lambda r: bundles.append(r.url) if "/assets/javascripts/bundle." in r.url else None)
    page.goto(site_url + "about/", wait_until="networkidle")
    assert page.evaluate("typeof document$") == "undefined" and not bundles, "the bundle ran after all"
    expected = SCHEME["dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"]
    s = state(page)
    check_consistent(s, expected)
    assert "js" in s["html"].split() and "no-js" not in s["html"].split()
    # Material's CSS hides the search under "no-js"; now it is shown.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-search')).display") != "none"
    # The style sheets already have absolute addresses, which the bundle leaves alone.
    hrefs = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href'))")
    assert hrefs and all(h.startswith(site_url) for h in hrefs), hrefs
    # Nothing was stored: the reader has not chosen.
    assert page.evaluate("localStorage.getItem('/.__palette')") is None
    page.watch.assert_clean()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_toggle_by_mouse_and_keyboard_is_remembered(page, site_url, context):
    settled(page, site_url + "about/")
    first = state(page)["scheme"]
    check_consistent(state(page), first)  # Material added no second pair of tags

    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=OTHER[first])
    check_consistent(state(page), OTHER[first])
    stored = page.evaluate("JSON.parse(localStorage.getItem('/.__palette'))")
    assert stored["color"]["scheme"] == OTHER[first] and isinstance(stored["index"], int)
    # Colour transitions are held back only while switching.
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")

    # Keyboard: the radio that was just chosen has focus; Enter switches back.
    page.keyboard.press("Enter")
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=first)
    check_consistent(state(page), first)
    assert page.evaluate("document.activeElement.matches('form[data-palette] input')")

    # Enter again, then a full reload keeps the choice.
    page.keyboard.press("Enter")
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=OTHER[first])
    settled(page, site_url + "about/")
    check_consistent(state(page), OTHER[first])
    page.watch.assert_clean()


def test_choice_survives_instant_navigation(page, site_url):
    settled(page, site_url + "about/")
    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.evaluate("window.__sameDocument = true")
    page.click("a.md-nav__link[href$='/why-time-matters/']")
    page.wait_for_url(re.compile(r".*/why-time-matters/$"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument === true"), "the link reloaded the page"
    check_consistent(state(page), "slate")
    # The toggle still works on the new page.
    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    check_consistent(state(page), "default")
    page.watch.assert_clean()


def test_follows_the_system_until_the_reader_chooses(page, site_url):
    page.emulate_media(color_scheme="light")
    settled(page, site_url + "about/")
    check_consistent(state(page), "default")
    page.emulate_media(color_scheme="dark")
    settled(page, site_url + "about/")
    check_consistent(state(page), "slate")
    # Once the reader has chosen, the system's setting no longer decides.
    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    settled(page, site_url + "about/")
    check_consistent(state(page), "default")
    page.emulate_media(color_scheme="light")
    page.locator("form[data-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    settled(page, site_url + "about/")
    check_consistent(state(page), "slate")
    page.watch.assert_clean()


def test_style_sheets_are_applied_once(page, site_url):
    """material-base.js loads the style sheets again under their absolute
    addresses: each is applied once, none is lost."""
    settled(page, site_url + "writing/")
    sheets = page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .map(l => ({href: l.getAttribute('href'), sheet: !!l.sheet && l.sheet.cssRules.length > 0}))""")
    assert sheets and all(s["href"].startswith(site_url) and s["sheet"] for s in sheets), sheets
    assert page.evaluate("document.styleSheets.length") == len(sheets)
    page.watch.assert_clean()
