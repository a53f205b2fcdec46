"""The site under its own Content-Security-Policy, served by nginx with
deploy/guide-site.conf, in Chromium: no violation on any page in light and
dark, and Material's features and the guide's components still work."""

from __future__ import annotations

import contextlib
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from helpers import foreign_requests, material_ready
from nginx_fixtures import mapping_flags, page_paths

SCHEMES = ["light", "dark"]
SCHEME_ATTR = {"light": "default", "dark": "slate"}

# Runs before any script of every document; not page script, so CSP allows it.
REPORT_VIOLATIONS = """
window.__cspSeen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspSeen.push(e.effectiveDirective);
  window.__cspReport({directive: e.effectiveDirective, blocked: e.blockedURI,
                      source: e.sourceFile, line: e.lineNumber, sample: e.sample,
                      page: location.href});
}, true);
"""


class CspWatch:
    """Everything that went wrong in a page: CSP violations (from the
    securitypolicyviolation event and from console messages, the page's and
    its workers'), console errors, page errors, requests to other origins."""

    def __init__(self, context, page, origin: str):
        self.origin = origin
        self.violations: list[dict] = []
        self.console: list[tuple[str, str, str]] = []  # (type, text, url)
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.allowed_errors: list[re.Pattern] = []
        context.expose_function("__cspReport", lambda v: self.violations.append(v))
        context.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("worker", lambda w: w.on("console", self._on_console))

    def _on_console(self, message):
        self.console.append((message.type, message.text, message.location.get("url", "")))

    @property
    def csp_messages(self) -> list[str]:
        return [text for _type, text, _url in self.console
                if "Content Security Policy" in text or "Content-Security-Policy" in text]

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text, _url in self.console
                if kind == "error" and not any(p.search(text) for p in self.allowed_errors)]

    @property
    def foreign_requests(self) -> list[str]:
        return foreign_requests(self.requests, self.origin)

    def assert_clean(self):
        assert not self.violations, f"CSP violations: {self.violations}"
        assert not self.csp_messages, f"CSP messages in the console: {self.csp_messages}"
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.foreign_requests, f"requests to other origins: {self.foreign_requests}"


def site_host(built_site) -> str | None:
    """The host name of site_url, as the built sitemap.xml lists it."""
    found = re.search(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    return urlsplit(found.group(1)).hostname if found else None


@pytest.fixture(scope="session")
def site_origin(nginx_site) -> str:
    return f"http://{site_host(nginx_site) or 'guide.test'}"


@pytest.fixture(scope="session")
def mapped_browser(browser, nginx):
    """A Chromium that reaches nginx at the site's own address."""
    from conftest import CHROMIUM_FLAGS, _system_chromium

    args = CHROMIUM_FLAGS + mapping_flags(nginx.port)
    path = _system_chromium()
    b = browser.browser_type.launch(executable_path=path, args=args) if path else browser.browser_type.launch(args=args)
    yield b
    b.close()


@pytest.fixture
def csp_context(mapped_browser, request):
    """A fresh context; colour scheme "light" or "dark" by indirect parametrisation."""
    ctx = mapped_browser.new_context(color_scheme=getattr(request, "param", "light"))
    yield ctx
    ctx.close()


@pytest.fixture
def csp_page(csp_context, site_origin):
    page = csp_context.new_page()
    page.set_default_timeout(15_000)
    page.watch = CspWatch(csp_context, page, site_origin + "/")
    yield page
    page.close()


def url(origin: str, path: str) -> str:
    return origin + path


def open_page(page, address: str):
    response = page.goto(address, wait_until="load")
    material_ready(page)  # and the files Material's bundle fetches at start-up
    return response


def instant_go(page, link_selector: str):
    """Follow a link with Material's instant navigation (no full page load):
    wait until Material's document$ announces the new page."""
    assert page.evaluate("typeof document$ === 'object'"), "Material's instant navigation is not set up"
    page.evaluate("""() => {
        window.__sameDocument = true;
        if (!window.__pages) { window.__pages = 0; document$.subscribe(() => { window.__pages += 1; }); }
    }""")
    before = page.evaluate("[location.href, window.__pages]")
    page.click(link_selector)
    page.wait_for_function("([u, n]) => location.href !== u && window.__pages > n", arg=before)
    assert page.evaluate("window.__sameDocument === true"), ("the link reloaded the page instead of instant navigation "
                                                          "(which needs site_url in mkdocs.yml)")


# --- the built pages hold no inline code ----------------------------------------

class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.problems.append(f"{line}: inline <script>")
        if tag == "style":
            self.problems.append(f"{line}: <style> element")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"{line}: style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{line}: event handler attribute {name} on <{tag}>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"{line}: javascript: URL on <{tag}>")


def test_built_pages_hold_no_inline_code(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 9  # the guide's pages and 404.html
    problems = []
    for html_file in pages:
        finder = _InlineFinder()
        finder.feed(html_file.read_text(encoding="utf-8"))
        problems += [f"{html_file.relative_to(built_site)}:{p}" for p in finder.problems]
    assert not problems, "\n".join(problems)


# --- the policy is in force, and a violation would be caught --------------------

def test_policy_blocks_inline_code_and_the_test_notices(csp_page, site_origin):
    page = csp_page
    open_page(page, url(site_origin, "/"))
    page.watch.assert_clean()
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__inlineRan = true";
        document.body.append(s);
        document.body.setAttribute("style", "outline: 1px solid red");
        const img = document.createElement("img");
        img.src = "https://example.invalid/pixel.png";
        document.body.append(img);
        setTimeout("window.__evalRan = true", 0);  // a string is eval
    }""")
    # violation events are dispatched asynchronously: wait for the four
    page.wait_for_function("""() => ["script-src-elem", "style-src-attr", "img-src", "script-src"]
        .every(d => window.__cspSeen.includes(d))""")
    assert page.evaluate("window.__inlineRan") is None, "an inline script ran"
    assert page.evaluate("window.__evalRan") is None, "eval ran"
    directives = {v["directive"] for v in page.watch.violations}
    assert {"script-src-elem", "style-src-attr", "img-src", "script-src"} <= directives, page.watch.violations
    assert page.watch.csp_messages, "Chromium logged no CSP message"


# --- every page, light and dark -------------------------------------------------

@pytest.mark.parametrize("csp_context", SCHEMES, indirect=True)
def test_every_page_works_under_the_policy(csp_page, site_origin, built_site, csp_context, request):
    scheme = request.node.callspec.params["csp_context"]
    paths = page_paths(built_site) + ["/no-such-page/"]
    page = csp_page
    # The browser itself logs the 404 status of the missing page.
    page.watch.allowed_errors.append(re.compile(r"status of 404"))
    for path in paths:
        response = open_page(page, url(site_origin, path))
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        state = page.evaluate("""() => ({
            helpers: typeof __md_get === "function" && typeof __md_set === "function",
            scope: window.__md_scope && __md_scope.pathname,
            scheme: document.body.getAttribute("data-md-color-scheme"),
            runtime: typeof window.guidekit === "object" && typeof guidekit.start === "function",
        })""")
        assert state == {"helpers": True, "scope": "/", "scheme": SCHEME_ATTR[scheme], "runtime": True}, (path, state)
        page.watch.assert_clean()


# --- Material's features -----------------------------------------------------------

@pytest.mark.parametrize("csp_context", SCHEMES, indirect=True)
def test_palette_toggle_works_and_is_remembered(csp_page, site_origin, csp_context, request):
    scheme = request.node.callspec.params["csp_context"]
    other = {"default": "slate", "slate": "default"}[SCHEME_ATTR[scheme]]
    page = csp_page
    open_page(page, url(site_origin, "/writing/"))
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEME_ATTR[scheme]
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=other)
    # Material stores the choice under the site's scope ("/"), and its palette
    # script, moved into a file, restores it before the next full load is drawn.
    stored = page.evaluate("JSON.parse(localStorage.getItem('/.__palette'))")
    assert stored["color"]["scheme"] == other
    open_page(page, url(site_origin, "/about/"))
    assert page.get_attribute("body", "data-md-color-scheme") == other
    instant_go(page, "a.md-nav__link[href$='/writing/']")
    assert page.get_attribute("body", "data-md-color-scheme") == other
    page.watch.assert_clean()


def test_search_works_under_the_policy(csp_page, site_origin):
    page = csp_page
    open_page(page, url(site_origin, "/"))
    page.keyboard.press("/")  # Material's shortcut: open search
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    search.press_sequentially("message", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert results.count() >= 1
    assert "message" in results.first.inner_text().lower()
    workers = [w.url for w in page.workers]
    assert any("/assets/javascripts/workers/search." in w for w in workers), workers
    page.watch.assert_clean()


def test_instant_navigation_works_under_the_policy(csp_page, site_origin, built_site):
    assert site_host(built_site), ("sitemap.xml lists no pages, so Material's instant navigation never takes "
                                   "over a link: set site_url in mkdocs.yml")
    page = csp_page
    open_page(page, url(site_origin, "/"))
    instant_go(page, "a.md-nav__link[href$='/writing/']")
    assert urlsplit(page.url).path == "/writing/"
    expected = re.search(r"<title>(.*?)</title>", (built_site / "writing" / "index.html").read_text(encoding="utf-8"))
    assert page.title() == html.unescape(expected.group(1))
    # Material re-creates the scripts of its content area after the page
    # change, with their attributes: the moved ones keep loading from files.
    moved = page.evaluate("""() => [...document.querySelectorAll("[data-md-component=container] script")]
        .map(s => s.getAttribute("src") || "inline")""")
    assert moved and all(re.search(r"/assets/javascripts/inline\.[0-9a-f]{16}\.js$", src) for src in moved), moved
    instant_go(page, "a.md-nav__link[href$='/about/']")
    page.go_back()
    page.wait_for_function("() => location.pathname === '/writing/'")
    assert page.evaluate("window.__sameDocument === true"), "Back reloaded the page"
    instant_go(page, "a.md-nav__link[href$='/readiness-quiz/']")
    assert urlsplit(page.url).path == "/readiness-quiz/"
    # The guide's scripts start the quiz after the page change as well.
    quiz = page.locator("[data-quiz]").first
    before = quiz.inner_text()
    quiz.locator("[data-quiz-option]:visible").first.click()
    page.wait_for_function("(t) => document.querySelector('[data-quiz]').innerText !== t", arg=before)
    page.watch.assert_clean()


# --- the guide's components under the policy ---------------------------------------

def test_quiz_works_under_the_policy(csp_page, site_origin):
    page = csp_page
    open_page(page, url(site_origin, "/readiness-quiz/"))
    quiz = page.locator("[data-quiz]").first
    quiz.wait_for(state="visible")
    before = quiz.inner_text()
    option = quiz.locator("[data-quiz-option]:visible").first
    option.click()
    page.wait_for_function("(t) => document.querySelector('[data-quiz]').innerText !== t", arg=before)
    assert quiz.inner_text() != before, "choosing an option showed nothing new"
    page.watch.assert_clean()


def test_checklist_works_under_the_policy(csp_page, site_origin):
    page = csp_page
    open_page(page, url(site_origin, "/writing/"))
    checklist = page.locator("[data-checklist]").first
    checklist.wait_for(state="visible")
    states = checklist.locator("[data-check][data-state]")
    assert states.count() >= 1
    assert set(states.evaluate_all("els => els.map(e => e.dataset.state)")) == {"idle"}
    checklist.locator("textarea").first.press_sequentially(
        "Hi Sam. I have been thinking about how things ended, and I am sorry for my part. "
        "No pressure to reply.", delay=5)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-checklist] [data-check][data-state]')]"
        ".some(e => e.dataset.state !== 'idle')")
    page.watch.assert_clean()


# --- a plain Material site: only the plugin, with and without inline_scripts ----
#
# No template of ours: the plugin's inline_scripts option alone must let
# Material run under deploy/guide-site.conf's policy; without it, the policy
# blocks Material's inline scripts (which shows that this test can fail).

PLAIN_MKDOCS = """\
site_name: Plain Material
site_url: {url}
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.instant, content.tabs.link]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
plugins:
  - search
  - guidekit{options}
markdown_extensions:
  - attr_list
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""

PLAIN_PAGES = {
    "docs/index.md": """\
        # Garden notes

        Notes on [watering](watering.md) a small garden in a dry summer.
        """,
    "docs/watering.md": """\
        # Watering

        Water the beds early in the morning, when the soil is cool.

        === "Clay soil"

            Water less often, and deeply.

        === "Sandy soil"

            Water more often, a little at a time.
        """,
    "docs/tools/hoses.md": """\
        # Hoses

        A soaker hose saves water on long beds.
        """,
}


@pytest.fixture(scope="module")
def plain_sites(tmp_path_factory):
    """The same plain Material site built with ``inline_scripts: files`` and
    without the option, each served by nginx with deploy/guide-site.conf."""
    from helpers import build, make_project
    from local_nginx import LocalNginx, NginxError, free_port

    served = {}
    with contextlib.ExitStack() as stack:
        for name, options in (("files", ":\n      inline_scripts: files"), ("kept", "")):
            port = free_port()  # site_url must name it, for instant navigation
            root = tmp_path_factory.mktemp(f"plain-{name}")
            project = make_project(root / "project", PLAIN_PAGES,
                                   PLAIN_MKDOCS.format(url=f"http://127.0.0.1:{port}/", options=options))
            result = build(project)
            assert result.returncode == 0, result.output
            try:
                server = stack.enter_context(LocalNginx(result.site_dir, root / "nginx", port=port))
            except NginxError as e:
                pytest.fail(str(e), pytrace=False)
            served[name] = (result.site_dir, server.url)
        yield served


@pytest.fixture
def plain_page(browser, request):
    """A page in a fresh context; colour scheme by indirect parametrisation."""
    context = browser.new_context(color_scheme=getattr(request, "param", "light"))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.context_ = context
    yield page
    context.close()


def watch(page, origin: str) -> CspWatch:
    page.watch = CspWatch(page.context_, page, origin + "/")
    page.watch.allowed_errors.append(re.compile(r"status of 404"))
    return page.watch


def test_plain_site_pages_have_their_inline_scripts_in_files(plain_sites):
    site, _url = plain_sites["files"]
    pages = sorted(site.rglob("*.html"))
    assert {p.relative_to(site).as_posix() for p in pages} >= {"index.html", "watering/index.html", "404.html"}
    problems = []
    for html_file in pages:
        finder = _InlineFinder()
        finder.feed(html_file.read_text(encoding="utf-8"))
        problems += [f"{html_file.relative_to(site)}:{p}" for p in finder.problems]
    assert not problems, "\n".join(problems)
    kept_site, _ = plain_sites["kept"]
    inline = [p for p in inline_problems(kept_site / "watering" / "index.html") if "inline <script>" in p]
    assert len(inline) >= 3, f"without the option Material writes inline scripts: {inline}"


def inline_problems(path) -> list[str]:
    finder = _InlineFinder()
    finder.feed(path.read_text(encoding="utf-8"))
    return finder.problems


@pytest.mark.parametrize("plain_page", SCHEMES, indirect=True)
def test_plain_site_with_the_option_works_under_the_policy(plain_sites, plain_page, request):
    scheme = request.node.callspec.params["plain_page"]
    site, origin = plain_sites["files"]
    page = plain_page
    watch(page, origin)
    for path in page_paths(site) + ["/no-such-page/"]:
        response = open_page(page, origin + path)
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        state = page.evaluate("""() => ({
            helpers: typeof __md_get === "function" && typeof __md_set === "function",
            scheme: document.body.getAttribute("data-md-color-scheme"),
        })""")
        assert state == {"helpers": True, "scheme": SCHEME_ATTR[scheme]}, (path, state)
    page.watch.assert_clean()


def test_plain_site_palette_switch_and_search_work_under_the_policy(plain_sites, plain_page):
    site, origin = plain_sites["files"]
    page = plain_page
    watch(page, origin)
    open_page(page, origin + "/")
    page.keyboard.press("/")  # Material's shortcut: open search
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    search.press_sequentially("soaker", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert "soaker" in results.first.inner_text().lower()
    open_page(page, origin + "/watering/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # a full page load: the moved palette script restores the choice before drawing
    open_page(page, origin + "/tools/hoses/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    # instant navigation: Material re-creates the moved content-area script
    # with its src, and the new page works as after a full load
    instant_go(page, "a.md-nav__link[href$='/watering/']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    moved = page.evaluate("""() => [...document.querySelectorAll("[data-md-component=container] script")]
        .map(s => s.getAttribute("src") || "inline")""")
    assert moved and all(re.search(r"/assets/javascripts/inline\.[0-9a-f]{16}\.js$", src) for src in moved), moved
    page.locator(".tabbed-labels label").nth(1).click()
    page.wait_for_function("() => JSON.stringify(__md_get('__tabs')) === JSON.stringify(['Sandy soil'])")
    page.watch.assert_clean()


def test_plain_site_without_the_option_breaks_under_the_policy(plain_sites, plain_page):
    """The same site, the option left out: the policy blocks Material's
    inline scripts, its bundle then fails, and the light/dark switch is gone."""
    _site, origin = plain_sites["kept"]
    page = plain_page
    watch(page, origin)
    page.goto(origin + "/watering/", wait_until="load")
    page.wait_for_function("() => window.__cspSeen.includes('script-src-elem')")
    assert any(v["directive"] == "script-src-elem" and v["blocked"] == "inline" for v in page.watch.violations), \
        page.watch.violations
    assert page.evaluate("typeof __md_get") == "undefined"
    # Material's bundle stops on the missing helpers: the switch stays hidden
    assert any("__md_get is not defined" in e for e in page.watch.page_errors), page.watch.page_errors
    palette = page.locator("form[data-md-component=palette] label")
    assert palette.count() == 2 and page.locator("form[data-md-component=palette] label:visible").count() == 0


# --- how inline scripts are moved (plugins/guidekit/inline_scripts.py) ------------

def mover(tmp_path, site_url=""):
    from guidekit.inline_scripts import InlineScripts

    return InlineScripts(str(tmp_path), site_url, True)


def moved_file(tmp_path, src: str) -> str:
    name = src.rsplit("/", 1)[-1]
    assert re.fullmatch(r"inline\.[0-9a-f]{16}\.js", name), src
    return (tmp_path / "assets" / "javascripts" / name).read_text(encoding="utf-8")


def srcs(text: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', text)


def test_scripts_move_in_place_and_order_and_data_stays(tmp_path):
    page = ('<html><head><script>var a = "</b>" + 1;</script>\n'
            '<script id="__config" type="application/json">{"x": 1}</script>\n'
            '<script type="text/template"><p>{{ x }}</p></script>\n'
            '<script src="../assets/javascripts/bundle.js"></script>\n'
            '<!-- <script>commented();</script> -->\n'
            '</head><body><p>text</p><SCRIPT type="module" async>import "./x.js";</SCRIPT>'
            '<script defer data-x="a&quot;b">second();</script><script></script></body></html>')
    out = mover(tmp_path).page(page, "guide/", "guide/index.html", "guide.md")
    found = srcs(out)
    assert found[0].startswith("../assets/javascripts/inline.") and found[1] == "../assets/javascripts/bundle.js"
    assert moved_file(tmp_path, found[0]) == 'var a = "</b>" + 1;'
    assert moved_file(tmp_path, found[2]) == 'import "./x.js";'
    assert moved_file(tmp_path, found[3]) == "second();"
    # the same place, the other attributes kept, async and defer dropped
    assert f'<script src="{found[2]}" type="module"></script>' in out
    assert f'<script src="{found[3]}" data-x="a&quot;b"></script>' in out
    assert out.index(found[0]) < out.index("__config") < out.index("<p>text</p>") < out.index(found[2]) < out.index(found[3])
    # data blocks, comments and an empty script are left exactly as they were
    for kept in ('<script id="__config" type="application/json">{"x": 1}</script>',
                 '<script type="text/template"><p>{{ x }}</p></script>',
                 "<!-- <script>commented();</script> -->", "<script></script>"):
        assert kept in out
    # nothing else in the page changes
    rest = re.sub(r'<script src="[^"]*inline\.[^"]*"[^>]*></script>', "", out)
    assert rest == re.sub(r'<script(?: (?:async|defer))*>var a.*?</script>|<SCRIPT type="module" async>.*?</SCRIPT>'
                          r'|<script defer data-x="a&quot;b">second\(\);</script>', "", page)


def test_one_file_per_distinct_script_and_addresses_from_each_page(tmp_path):
    scripts = mover(tmp_path, "https://guide.example.org/docs/")
    page = "<script>same();</script><p>x</p><script>same();</script>"
    top = scripts.page(page, "", "index.html", "index.md")
    deep = scripts.page(page, "a/b/", "a/b/index.html", "a/b.md")
    flat = scripts.page(page, "a/b.html", "a/b.html", "a/b.md")
    error = scripts.template(page, "404.html")
    name = srcs(top)[0]
    assert srcs(top) == [name, name]
    assert srcs(deep) == ["../../" + name] * 2
    assert srcs(flat) == ["../" + name] * 2
    assert srcs(error) == ["/docs/" + name] * 2  # MkDocs writes absolute addresses into error pages
    assert [p.name for p in (tmp_path / "assets" / "javascripts").iterdir()] == [name.rsplit("/", 1)[-1]]
    assert scripts.template("<script>x()</script>", "sitemap.xml") == "<script>x()</script>"


def test_option_off_leaves_pages_alone(tmp_path):
    from guidekit.inline_scripts import InlineScripts

    page = "<script>x();</script><a onclick='y()'>z</a>"
    scripts = InlineScripts(str(tmp_path), "", False)
    assert scripts.page(page, "", "index.html", "index.md") == page
    assert not (tmp_path / "assets").exists()


def test_code_that_cannot_move_is_reported_with_its_line(tmp_path, caplog):
    page = ('<p>one</p>\n<button type="button" onclick="go()">Go</button>\n'
            '<a href=" javascript:void(0)">x</a>\n<script type="importmap">{"imports": {}}</script>\n')
    with caplog.at_level("WARNING"):
        out = mover(tmp_path).page(page, "tips/", "tips/index.html", "tips.md")
    assert out == page
    messages = [r.getMessage() for r in caplog.records]
    assert any("tips/index.html:2: the event handler attribute onclick=\"go()\" on <button> (built from tips.md)" in m
               and "addEventListener" in m for m in messages), messages
    assert any("tips/index.html:3: the javascript: address" in m for m in messages), messages
    assert any("tips/index.html:4: <script type=\"importmap\">" in m and "sha256" in m for m in messages), messages


def test_strict_build_stops_on_an_event_handler_in_a_page(tmp_path):
    from helpers import build, make_project

    project = make_project(tmp_path / "p", {
        "docs/index.md": "# Home\n\nText.\n\n[Print](#){onclick=\"print()\"}\n",
    }, PLAIN_MKDOCS.format(url="", options=":\n      inline_scripts: files"))
    result = build(project)
    assert result.returncode == 1, result.output
    assert re.search(r"index\.html:\d+: the event handler attribute onclick=\"print\(\)\" on <a> \(built from index\.md\)",
                     result.output), result.output
    assert "Traceback" not in result.output
