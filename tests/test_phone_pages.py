"""Every page of the guide on a phone (390 x 844, Chromium): a screenshot of
each page for people to look at, and what a reader on a phone needs: no
sideways scrolling, the page's title in view when it opens, the site's name
in the header whole (not cut to "..."), and on the quiz page the first
answer without scrolling.

The screenshots go to test-artifacts/phone-pages/ in the repository (kept
out of git; GUIDEKIT_ARTIFACTS names another folder), and the folder is
printed at the end of the run, so CI can keep it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import ROOT, material_ready
from test_site_build import nav_pages, output_path

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PAGES = [output_path(src).removesuffix("index.html") for src in nav_pages()]


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "index"


@pytest.fixture(scope="module")
def shots(request: pytest.FixtureRequest) -> Path:
    folder = Path(os.environ.get("GUIDEKIT_ARTIFACTS") or ROOT / "test-artifacts") / "phone-pages"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:  # said after the run, where output is not captured
        request.config.add_cleanup(
            lambda: reporter.write_line(f"phone screenshots ({len(list(folder.glob('*.png')))}): {folder}"))
    return folder


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


# What the page looks like to a reader who has just opened it, measured in
# CSS pixels. The header's title is the site's name (Material swaps in the
# page's title only after scrolling).
MEASURE = """() => {
    const root = document.documentElement;
    const h1 = document.querySelector("article h1, .md-content h1");
    const box = h1 ? h1.getBoundingClientRect() : null;
    const title = document.querySelector(".md-header__topic .md-ellipsis");
    const wide = [...document.querySelectorAll("article *")]
        .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
        .filter(el => !el.closest("pre, .md-typeset__scrollwrap, table"))
        .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
    return {
        pageWidth: root.scrollWidth, viewWidth: root.clientWidth, viewHeight: root.clientHeight,
        h1: box && {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
                    visible: h1.checkVisibility({visibilityProperty: true, opacityProperty: true}),
                    text: h1.textContent.trim()},
        title: title && {text: title.textContent.trim(), scrollWidth: title.scrollWidth,
                         clientWidth: title.clientWidth},
        wide: wide.slice(0, 5),
    };
}"""


@pytest.mark.parametrize("path", PAGES)
def test_page_on_a_phone(phone, site_url, shots, path):
    response = phone.goto(site_url + path)
    assert response is not None and response.ok
    material_ready(phone)
    phone.screenshot(path=str(shots / f"{_name(path)}.png"), full_page=True)
    m = phone.evaluate(MEASURE)
    # nothing makes the page scroll sideways
    assert m["pageWidth"] <= m["viewWidth"] == 390, f"{path}: page is {m['pageWidth']}px wide; wider parts: {m['wide']}"
    assert not m["wide"], f"{path}: parts wider than the screen: {m['wide']}"
    # the page's title is shown whole, on the first screen
    h1 = m["h1"]
    assert h1 and h1["visible"] and h1["text"], f"{path}: no visible h1"
    assert 0 <= h1["top"] and h1["bottom"] <= m["viewHeight"] / 2, f"{path}: h1 at {h1['top']}-{h1['bottom']}px"
    assert 0 <= h1["left"] and h1["right"] <= m["viewWidth"], f"{path}: h1 spans {h1['left']}-{h1['right']}px"
    # the site's name fits the header, not cut to "..."
    title = m["title"]
    assert title and title["text"], f"{path}: no site name in the header"
    assert title["clientWidth"] > 0 and title["scrollWidth"] <= title["clientWidth"], (
        f"{path}: the header cuts the site's name {title['text']!r} "
        f"({title['scrollWidth']}px of text in {title['clientWidth']}px)")


def test_the_quiz_starts_on_the_first_screen(phone, site_url):
    """The quiz page opens with its first question's answers in view, not
    below a repeated title and introduction."""
    phone.goto(site_url + "readiness-quiz/")
    material_ready(phone)
    first = phone.locator("[data-quiz-node]:visible .gk-quiz__option").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    # the quiz's own title stays for screen readers only: one title shown
    shown = phone.evaluate("""() => [...document.querySelectorAll("article :is(h1, h2, h3)")]
        .filter(h => h.getBoundingClientRect().width > 1 && h.checkVisibility())
        .map(h => h.textContent.trim().replace(/\\s*¶$/, ""))""")
    assert shown.count(shown[0]) == 1, shown
    assert "javascript" not in phone.locator("article").inner_text().lower()
