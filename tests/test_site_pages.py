"""Every page in a real Chromium, light and dark: no console error, no
request to another origin, zero axe-core violations."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, axe_violations, build, material_ready
from test_site_build import nav_pages, output_path

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
