"""Every page in a real Chromium, light and dark: no console error, no
request to another origin, zero axe-core violations."""

from __future__ import annotations

import pytest

from helpers import axe_violations
from test_site_build import nav_pages, output_path

PAGES = [output_path(src).removesuffix("index.html") for src in nav_pages()] + ["404.html"]


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_page(page, site_url, path, context):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.ok or path == "404.html"
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    expected = "slate" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert scheme == expected
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    page.watch.assert_clean()


def test_scheme_toggle_changes_scheme(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
    assert axe_violations(page) == []


def test_search_dialog_is_accessible(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("silence")
    page.wait_for_selector(".md-search-result__item")
    assert axe_violations(page) == []
    page.watch.assert_clean()
