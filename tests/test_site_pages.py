"""Every page in a real Chromium, light and dark: no console error, no
request to another origin, zero axe-core violations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from helpers import ROOT, axe_violations, build, material_ready
from test_site_build import nav_pages, output_path

if TYPE_CHECKING:
    from pathlib import Path

PAGES = [output_path(src).removesuffix("index.html") for src in nav_pages()] + ["404.html"]


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_page(page, site_url, path, context):
    response = page.goto(site_url + path)
    material_ready(page)
    assert response is not None and response.ok or path == "404.html"
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    expected = "slate" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert scheme == expected
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    page.watch.assert_clean()


def test_scheme_toggle_changes_scheme(page, site_url):
    page.goto(site_url)
    material_ready(page)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
    assert axe_violations(page) == []


def test_search_dialog_is_accessible(page, site_url):
    page.goto(site_url)
    material_ready(page)
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("silence")
    page.wait_for_selector(".md-search-result__item")
    assert axe_violations(page) == []
    page.watch.assert_clean()


@pytest.mark.parametrize("contact, href", [
    ("corrections@guide.example.org", "mailto:corrections@guide.example.org"),
    ("https://guide.example.org/suggest", "https://guide.example.org/suggest"),
    ("", None),
])
def test_about_shows_the_correction_contact_the_site_owner_sets(tmp_path, contact, href):
    """extra.corrections in mkdocs.yml (GUIDE_CORRECTIONS when building) is
    the way readers suggest a correction, shown in the About page's section."""
    result = build(ROOT, extra_args=("-d", str(tmp_path / "site")), env={"GUIDE_CORRECTIONS": contact})
    assert result.returncode == 0, result.output
    html = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="corrections"', 1)[1]
    assert "corrections-contact" not in html
    line = re.search(r'<p class="gk-corrections">(.*?)</p>', section).group(1)
    if href:
        assert f'<a href="{href}">{contact}</a>' in line
    else:
        assert "contact details" in line and "<a" not in line
    # only the About page has it
    assert "gk-corrections" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# --- the reader's path: where each page's "Next" leads ---------------------------

# The page a reader is sent on to at the foot of each page (Material's footer,
# from the order of the nav), or None where the page hides its footer: the
# home page says "Next" in its text (after the safety warning), the safety
# page leads back to the start, the quiz's outcomes each say what to read,
# and About ends the guide.
NEXT = {
    "index.html": None,
    "safety/index.html": None,
    "why-time-matters/index.html": "before-you-reach-out/",
    "before-you-reach-out/index.html": "readiness-quiz/",
    "readiness-quiz/index.html": None,
    "writing/index.html": "after-you-send/",
    "after-you-send/index.html": "about/",
    "about/index.html": None,
}


def footer_links(html: str) -> dict[str, str]:
    """The footer's links a reader sees ({"prev": href, "next": href}): none when the footer is hidden."""
    nav = re.search(r'<nav class="md-footer__inner[^"]*"([^>]*)>(.*?)</nav>', html, re.S)
    if not nav or re.search(r"\bhidden\b", nav.group(1)):
        return {}
    return {m.group(2): m.group(1) for m in
            re.finditer(r'<a href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)"', nav.group(2))}


def article(html: str) -> str:
    return html.split('<article', 1)[1].split("</article>", 1)[0]


def test_each_page_leads_on_where_its_reader_should_go(built_site: Path):
    assert sorted(NEXT) == sorted(output_path(src) for src in nav_pages()), "a page was added or removed: say where it leads"
    for page, expected in NEXT.items():
        html = (built_site / page).read_text(encoding="utf-8")
        nxt = footer_links(html).get("next")
        assert (nxt and nxt.removeprefix("../")) == expected, f"{page}: the footer leads to {nxt}, not {expected}"
    # the home page's own "Next" is the first page of the guide, after the safety warning
    home = article((built_site / "index.html").read_text(encoding="utf-8"))
    assert re.search(r'<strong>Next:</strong> <a href="why-time-matters/">', home), "the home page says no Next"
    assert home.index('href="safety/"') < home.index("<strong>Next:</strong>")
    # the safety page offers the way back to the start, and nothing onward
    safety = (built_site / "safety" / "index.html").read_text(encoding="utf-8")
    assert footer_links(safety) == {}
    last = article(safety).rsplit("<h2", 1)[1]
    assert 'href="../"' in last and "start" in last
    assert not re.search(r"Next\b", article(safety))
    # About ends the guide: nothing after it but the way back to the start
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "next" not in footer_links(about)
    assert 'href="../"' in article(about).rsplit("<h2", 1)[1]
    # the quiz's footer does not send every outcome to the writing page
    quiz = (built_site / "readiness-quiz" / "index.html").read_text(encoding="utf-8")
    assert footer_links(quiz) == {}
