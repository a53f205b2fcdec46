"""Material's extension contract holds on the guide's site, in Chromium:
a site owner's own script listed under extra_javascript can use Material's
document$ on every page, on a full load and after each instant page change
(and DOMContentLoaded fires once); a reader's first click on a link in the
navigation is an instant navigation, not a full page load."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import Watch, serve
from helpers import ROOT, build, material_ready

# A script as Material's own guides write them (MathJax, tablesort): run on
# every page through document$.
PROBE = """\
document.addEventListener("DOMContentLoaded", function () {
  window.__loaded = (window.__loaded || 0) + 1;
});
document$.subscribe(function () {
  window.__probe = (window.__probe || 0) + 1;
  document.body.setAttribute("data-probe", location.pathname);
});
"""


@pytest.fixture(scope="module")
def probed_site(tmp_path_factory):
    """The guide's site with one more script under extra_javascript."""
    out = tmp_path_factory.mktemp("probed")
    server, url = serve(out)
    result = build(ROOT, extra_args=("-d", str(out)), env={"SITE_URL": url},
                   overrides={"extra_javascript": ["assets/javascripts/probe.js"]})
    assert result.returncode == 0, result.output
    (out / "assets" / "javascripts" / "probe.js").write_text(PROBE, encoding="utf-8")
    yield out, url
    server.shutdown()


def page_paths(site) -> list[str]:
    found = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["/" if p == "." else f"/{p}/" for p in found if not p.startswith("assets")]


@pytest.fixture
def probe_page(context, probed_site):
    page = context.new_page()
    page.watch = Watch(page, probed_site[1])
    yield page
    page.close()


def test_document_subscribe_works_on_every_page(probed_site, probe_page):
    site, url = probed_site
    page = probe_page
    paths = page_paths(site)
    assert len(paths) == len(list((ROOT / "content").glob("*.md"))), paths  # every page of the guide
    for path in paths:
        page.goto(url.rstrip("/") + path)
        page.wait_for_function("(p) => document.body.getAttribute('data-probe') === p", arg=path)
        assert page.evaluate("[window.__probe, window.__loaded]") == [1, 1], path
    page.watch.assert_clean()


def test_document_subscribe_runs_after_each_instant_page_change(probed_site, probe_page):
    site, url = probed_site
    page = probe_page
    paths = page_paths(site)
    page.goto(url)
    material_ready(page)
    page.evaluate("window.__sameDocument = true")
    for count, path in enumerate([p for p in paths if p != "/"] + ["/"], start=2):
        # a link anywhere in the page, as in the text of a page
        page.evaluate("""(p) => {
            const a = document.createElement("a");
            a.href = p; a.id = "probe-link"; a.textContent = "next";
            document.querySelector(".md-content").prepend(a);
        }""", path)
        page.click("#probe-link")
        page.wait_for_function("([p, n]) => document.body.getAttribute('data-probe') === p && window.__probe === n",
                               arg=[path, count])
    assert page.evaluate("[window.__sameDocument, window.__loaded]") == [True, 1], "a page change reloaded the page"
    page.watch.assert_clean()


def test_a_first_click_on_a_nav_link_is_an_instant_navigation(site_url, page):
    documents: list[str] = []
    page.on("request", lambda r: r.resource_type == "document" and documents.append(r.url))
    page.goto(site_url)
    material_ready(page)  # Material takes over links once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    link = page.locator("nav.md-nav--primary a.md-nav__link[href$='why-time-matters/']").first
    link.click()  # the reader's first action on the page
    page.wait_for_function("() => location.pathname.endsWith('/why-time-matters/')")
    page.locator("h1", has_text="time").first.wait_for()
    assert page.evaluate("window.__sameDocument === true"), "the first click loaded a whole new page"
    assert [urlsplit(u).path for u in documents] == ["/"], f"documents loaded: {documents}"
    page.watch.assert_clean()
