"""Exit this page in a real Chromium, each behaviour of GOV.UK Frontend's
component: in view while scrolling and typing on a phone, Shift 3 times
leaves, Shift held for another key does not count, 5 s between presses
(Playwright's clock, no waiting), each press announced in the status region,
an alert overlay while leaving, a fresh count when the page comes back from
the back-forward cache, the same tab (with JavaScript and without, under
Material's privacy plugin), above Material's cookie consent, after instant
navigation, and no axe violations in light and dark."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import Watch, _flags, _system_chromium, serve
from helpers import ROOT, axe_violations, build, material_ready

EXIT_HOST = re.compile(r"^https://www\.bbc\.co\.uk/")
LINK = "[data-guidekit-exit]"
STATUS = "[data-guidekit-exit-status]"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
READER_PAGES = ["", "safety/", "why-time-matters/", "before-you-reach-out/", "readiness-quiz/", "writing/",
                "after-you-send/", "about/"]


def stub_exit(page) -> list[str]:
    """Answer the neutral site here (no request leaves the machine)."""
    visited: list[str] = []

    def fulfil(route):
        visited.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather")

    page.route(EXIT_HOST, fulfil)
    return visited


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-guidekit-exit-wrap][data-guidekit-started]", state="attached")


def status(page) -> str:
    return page.locator(STATUS).text_content()


def in_view_and_on_top(page) -> bool:
    """The link is inside the viewport and is what a tap at its middle hits."""
    return page.evaluate("""(sel) => {
        const link = document.querySelector(sel);
        const r = link.getBoundingClientRect();
        if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth || !r.width) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && hit.closest(sel) === link;
    }""", LINK)


# --- where it is ---------------------------------------------------------------

def test_on_every_reader_page_and_not_in_the_manual(built_site, manual_site):
    for path in READER_PAGES:
        assert (built_site / path / "index.html").read_text("utf-8").count("data-guidekit-exit>") == 1, path
    manual = list(manual_site.rglob("index.html"))
    assert manual
    for page in manual:
        assert "data-guidekit-exit>" not in page.read_text("utf-8"), page


def test_in_view_after_scrolling_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for path in ("safety/", "why-time-matters/", "readiness-quiz/"):
        open_page(page, site_url + path)
        assert in_view_and_on_top(page), path
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => scrollY > 0")
        assert in_view_and_on_top(page), f"{path} scrolled to the end"
    context.close()


def test_in_view_while_typing_a_draft_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_page(page, site_url + "writing/")
    draft = page.locator("[data-checklist] textarea")
    draft.scroll_into_view_if_needed()
    draft.tap()
    page.keyboard.type("I have been thinking about you. I hope work is going well.\n\nHow are you?")
    expect(draft).to_be_focused()
    assert page.evaluate("() => scrollY") > 500  # well down the page
    assert in_view_and_on_top(page)
    context.close()


def test_the_link_is_named_emergency_exit_this_page_and_shows_exit_this_page(page, site_url):
    open_page(page, site_url + "safety/")
    link = page.get_by_role("link", name="Emergency Exit this page")
    expect(link).to_be_visible()
    # "Emergency" is for screen readers only: it takes no room on the screen
    hidden = link.locator(".guidekit-exit__hidden")
    assert hidden.inner_text() == "Emergency"
    box = hidden.bounding_box()
    assert box and box["width"] <= 1 and box["height"] <= 1
    expect(page.get_by_role("status")).to_have_count(1)


# --- leaving ---------------------------------------------------------------------

def test_the_link_leaves_in_the_same_tab_and_replaces_the_page_in_history(page, site_url):
    visited = stub_exit(page)
    page.goto(site_url)
    open_page(page, site_url + "why-time-matters/")
    page.locator(LINK).click()
    page.wait_for_url(EXIT_HOST)
    assert len(page.context.pages) == 1 and visited
    page.go_back()
    page.wait_for_url(site_url)  # the page before: the one left is no longer in the history
    assert not page.watch.console_errors
    assert set(page.watch.foreign_requests) <= set(visited)  # the one request to another site: the stub


def test_three_shifts_leave_and_each_press_is_announced(page, site_url):
    visited = stub_exit(page)
    open_page(page, site_url + "safety/")
    assert status(page) == ""
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 1 more time to exit."
    assert page.get_by_role("status").count() == 1
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_HOST)
    assert visited and len(page.context.pages) == 1


def test_three_shifts_leave_while_typing_in_the_draft(page, site_url):
    stub_exit(page)
    open_page(page, site_url + "writing/")
    page.locator("[data-checklist] textarea").click()
    page.keyboard.type("Hi. I hope you are well. ")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_HOST)


def test_shift_held_for_another_key_does_not_count(page, site_url):
    stub_exit(page)
    open_page(page, site_url + "writing/")
    page.locator("[data-checklist] textarea").click()
    for key in ("Shift+KeyA", "Shift+KeyB", "Shift+KeyC", "Shift+Tab", "Shift+Tab"):
        page.keyboard.press(key)
    assert EXIT_HOST.match(page.url) is None
    assert status(page) == ""
    # a press of another key between two Shifts starts the count again
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("KeyX")
    assert status(page) == "Exit this page expired."
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    assert EXIT_HOST.match(page.url) is None


def test_presses_more_than_5_seconds_apart_start_again(page, site_url):
    page.clock.install()
    stub_exit(page)
    open_page(page, site_url + "safety/")
    page.clock.pause_at("2030-01-01T10:00:00")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5001)
    assert status(page) == "Exit this page expired."
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    page.clock.run_for(4900)
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 1 more time to exit."
    page.clock.run_for(4900)  # each press may come up to 5 s after the one before
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_HOST)


def test_the_expired_message_clears_after_5_seconds(page, site_url):
    page.clock.install()
    open_page(page, site_url + "safety/")
    page.clock.pause_at("2030-01-01T10:00:00")
    page.keyboard.press("Shift")
    page.clock.run_for(5001)
    assert status(page) == "Exit this page expired."
    page.clock.run_for(5001)
    assert status(page) == ""


def test_while_leaving_the_page_is_hidden_and_an_alert_says_loading(page, site_url):
    stub_exit(page)
    open_page(page, site_url + "safety/")
    # the page as it is right after the click, before the neutral site arrives
    seen = page.evaluate("""() => {
        const shown = el => !!el && el.checkVisibility();
        document.querySelector('[data-guidekit-exit]').click();
        return {
            alerts: [...document.querySelectorAll('[role=alert]')].map(o => [o.textContent, shown(o)]),
            main: shown(document.querySelector('main')),
            header: shown(document.querySelector('header')),
            link: shown(document.querySelector('[data-guidekit-exit]')),
            status: document.querySelector('[data-guidekit-exit-status]').textContent,
        };
    }""")
    assert seen == {"alerts": [["Loading.", True]], "main": False, "header": False, "link": False, "status": ""}
    page.wait_for_url(EXIT_HOST)


@pytest.fixture(scope="module")
def bfcache_browser(browser, request):
    """Chromium with the back-forward cache on (Playwright turns it off)."""
    path = _system_chromium()
    kwargs = dict(args=_flags(request), ignore_default_args=["--disable-back-forward-cache"])
    b = browser.browser_type.launch(**(dict(executable_path=path) if path else {}), **kwargs)
    yield b
    b.close()


def test_the_count_starts_again_when_the_page_comes_back_from_the_cache(bfcache_browser, site_url):
    page = bfcache_browser.new_page()
    page.add_init_script("addEventListener('pageshow', e => { window.__shown = (window.__shown || []).concat(e.persisted); })")
    stub_exit(page)
    open_page(page, site_url + "safety/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 1 more time to exit."
    page.goto(site_url + "about/")
    page.go_back(wait_until="commit")
    page.wait_for_function("() => (window.__shown || []).length === 2")
    assert page.evaluate("window.__shown") == [False, True], "not restored from the back-forward cache"
    assert status(page) == ""
    page.keyboard.press("Shift")  # with the old count this would be the third press
    assert status(page) == "Shift, press 2 more times to exit."
    assert EXIT_HOST.match(page.url) is None
    page.close()


def test_the_overlay_is_gone_when_the_page_comes_back_from_the_cache(bfcache_browser, site_url):
    page = bfcache_browser.new_page()
    page.add_init_script("addEventListener('pageshow', e => { window.__shown = (window.__shown || []).concat(e.persisted); })")
    stub_exit(page)
    open_page(page, site_url + "safety/")
    # the state leaving leaves behind, as a page kept in the cache would have it
    page.evaluate("""() => {
        document.body.classList.add('guidekit-exit-leaving');
        const o = document.createElement('div');
        o.className = 'guidekit-exit-overlay'; o.setAttribute('role', 'alert');
        o.setAttribute('data-guidekit-exit-overlay', ''); o.textContent = 'Loading.';
        document.body.appendChild(o);
    }""")
    expect(page.locator("main")).to_be_hidden()
    page.goto(site_url + "about/")
    page.go_back(wait_until="commit")
    page.wait_for_function("() => (window.__shown || []).length === 2")
    assert page.evaluate("window.__shown") == [False, True]
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("main")).to_be_visible()
    page.close()


def test_keyboard_only(page, site_url):
    stub_exit(page)
    open_page(page, site_url + "safety/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-guidekit-exit]')"):
            break
    else:
        raise AssertionError("Tab never reached Exit this page")
    assert in_view_and_on_top(page)
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_HOST)


def test_after_instant_navigation(page, site_url):
    visited = stub_exit(page)
    page.goto(site_url)
    material_ready(page)
    page.keyboard.press("Shift")  # a first Shift press, on the home page
    page.evaluate("""() => {
        window.__same_document = true;
        document.querySelector('[data-guidekit-exit-wrap]').setAttribute('data-test-old', '');
    }""")
    page.locator("nav.md-nav--primary a[href$='safety/']").first.click()
    page.wait_for_url("**/safety/")
    page.wait_for_selector("[data-guidekit-exit-wrap][data-guidekit-started]:not([data-test-old])", state="attached")
    assert page.locator("[data-guidekit-exit-wrap]").count() == 1
    assert page.evaluate("window.__same_document === true"), "loaded in full, not by instant navigation"
    assert status(page) == ""  # the first page's Shift press does not carry over
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_HOST)
    assert visited


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_no_axe_violations_with_the_control(page, site_url, context):
    open_page(page, site_url + "safety/")
    page.keyboard.press("Shift")  # the press indicator showing too
    expect(page.locator(".guidekit-exit__lights--on")).to_be_visible()
    assert axe_violations(page) == []
    page.locator(LINK).focus()
    assert axe_violations(page, context="[data-guidekit-exit-wrap]") == []
    page.evaluate("window.scrollTo(0, 2000)")
    assert axe_violations(page) == []


# --- another site: Material's privacy plugin and cookie consent --------------------

CONSENT_SITE = """\
site_name: A small guide
site_url: {url}
theme:
  name: material
  font: false
plugins:
  - search
  - privacy:
      assets: false
      links_attr_map:
        target: _blank
  - guidekit:
      exit_on: every-page
extra:
  consent:
    title: Cookie consent
    description: We would like to use cookies.
    actions: [accept, reject, manage]
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
"""


@pytest.fixture(scope="module")
def consent_url(tmp_path_factory):
    project = tmp_path_factory.mktemp("consent")
    shutil.copytree(ROOT / "examples" / "minimal", project, dirs_exist_ok=True)
    site = project / "site"
    site.mkdir()
    server, url = serve(site)
    (project / "mkdocs.yml").write_text(CONSENT_SITE.format(url=url), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    yield url
    server.shutdown()


def test_above_the_cookie_consent_and_clickable(browser, consent_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.watch = Watch(page, consent_url)
    visited = stub_exit(page)
    open_page(page, consent_url)
    expect(page.locator(".md-consent__overlay")).to_be_visible()  # the reader has not answered yet
    assert in_view_and_on_top(page)
    page.locator(LINK).click()  # Playwright clicks only what is on top at that point
    page.wait_for_url(EXIT_HOST)
    assert visited and len(context.pages) == 1
    context.close()


def test_without_javascript_the_link_leaves_in_the_same_tab(browser, consent_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    stub_exit(page)
    page.goto(consent_url)
    # the privacy plugin gave Material's own links to other sites a new tab
    assert page.locator("a[href^='https://'][target='_blank']").count() > 0
    link = page.locator(LINK)
    assert link.get_attribute("target") is None
    with page.expect_navigation(url=EXIT_HOST):
        link.click()
    assert len(context.pages) == 1
    context.close()


def test_focus_is_never_hidden_under_the_bar_on_a_phone(browser, site_url):
    """Tabbing forward and back, the focused link or button is never wholly
    under the header and the Exit this page bar (WCAG 2.2: focus not obscured)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_page(page, site_url + "safety/")
    hidden = []
    for key in ["Tab"] * 30 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        where = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body || el.closest('[data-guidekit-exit-wrap]')) return null;
            const r = el.getBoundingClientRect();
            if (!r.width || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return null;  // off screen
            // some part of it shows: a point of it is what the screen shows there
            const xs = [r.left + 2, r.left + r.width / 2, r.right - 2], ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
            const hits = xs.flatMap(x => ys.map(y => document.elementFromPoint(x, y)));
            const seen = hits.some(hit => hit && (el.contains(hit) || hit.contains(el)));
            // covered by the bar, not by Material's own collapsed search field
            const byBar = hits.some(hit => hit && hit.closest('[data-guidekit-exit-wrap]'));
            return {covered: !seen && byBar, what: el.outerHTML.slice(0, 80)};
        }""")
        if where and where["covered"]:
            hidden.append(where["what"])
    assert not hidden, hidden
    context.close()


OLD_OVERRIDE = """\
<div class="guidekit-exit" data-guidekit-exit-wrap>
  <a class="guidekit-exit__button" href="{{ exit_url }}" rel="nofollow noreferrer" data-guidekit-exit>{{ words.exit_label }}</a>
  <p class="guidekit-exit__note">{{ words.exit_note }}</p>
</div>
"""


def test_a_template_copied_from_an_earlier_version_still_works(browser, tmp_path):
    """A site's own exit.html made before the Shift shortcut (no status
    region, no words for the script) still leaves on three Shifts, and the
    presses are still announced."""
    project = tmp_path / "old"
    shutil.copytree(ROOT / "examples" / "minimal", project)
    (project / "overrides" / "guidekit").mkdir(parents=True)
    (project / "overrides" / "guidekit" / "exit.html").write_text(OLD_OVERRIDE, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text("utf-8").replace("  font: false", "  font: false\n  custom_dir: overrides", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    server, url = serve(result.site_dir)
    try:
        page = browser.new_page()
        stub_exit(page)
        open_page(page, url)
        page.keyboard.press("Shift")
        expect(page.locator(STATUS)).to_have_text("Shift, press 2 more times to exit.")
        expect(page.locator(STATUS)).to_have_attribute("role", "status")
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.wait_for_url(EXIT_HOST)
        page.close()
    finally:
        server.shutdown()


def test_the_open_menu_on_a_phone_is_not_covered(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_page(page, site_url + "safety/")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator(".md-sidebar--primary")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    covered = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary > .md-nav__title, .md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link')]
        .filter(el => { const r = el.getBoundingClientRect(); return r.width && r.top >= 0 && r.bottom <= innerHeight; })
        .filter(el => { const r = el.getBoundingClientRect();
                        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                        return !(hit && (el.contains(hit) || hit.contains(el))); })
        .map(el => el.textContent.trim())""")
    assert drawer.is_visible() and covered == []
    assert page.evaluate("document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item').length") > 5
    context.close()
