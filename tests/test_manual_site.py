"""Two sites from one repository: the guide for readers (mkdocs.yml,
content/) and the manual for site owners (mkdocs-manual.yml, docs/).

- The manual builds with --strict as a site of its own; every page of it is
  checked in Chromium, light and dark: no console error, no request to
  another origin, zero axe-core violations. Its text is in our own words.
- The guide holds nothing for site owners: no page, search entry, sitemap
  entry or link, except one credit line on About, linked to the manual's
  address when ``extra.manual_url`` is set and plain text when it is not.
- Links between the sites (``[text](manual:path)``, ``[text](guide:path)``)
  become the other site's address (hooks/site_links.py).
- The plugin's ``data_dirs`` option, with which the manual shows the guide's
  readiness quiz as an outline, reads quizzes from outside docs_dir.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from helpers import ROOT, axe_violations, build, make_project, material_ready
from manual_fixtures import MANUAL_CONFIG
from test_site_build import nav_pages as guide_nav_pages
from test_site_build import output_path

DOCS = ROOT / "docs"
CONTENT = ROOT / "content"
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality"
MANUAL_ADDRESS = "https://manual.example.org/"


def manual_nav_pages() -> list[str]:
    config = yaml.load(MANUAL_CONFIG.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(config["nav"]))


MANUAL_PAGES = [output_path(src).removesuffix("index.html") for src in manual_nav_pages()] + ["404.html"]


def _load_hook():
    spec = importlib.util.spec_from_file_location("site_links", ROOT / "hooks" / "site_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site_links = _load_hook()


class _Links(HTMLParser):
    """Every href and src in a page, with the text of each link."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text) of <a>
        self.refs: list[str] = []  # every href and src
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.refs.append(attrs[name])
        if tag == "a":
            self._open.append([attrs.get("href") or "", ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join(text.split())))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- the manual as a site -------------------------------------------------------

def test_every_manual_page_is_in_its_nav_and_none_is_in_the_guide():
    on_disk = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert sorted(manual_nav_pages()) == on_disk
    assert len(on_disk) >= 8
    assert not list(CONTENT.rglob("*/*.md")), "the guide's pages are all at the top of content/"
    assert not {Path(p).name for p in guide_nav_pages()} & {Path(p).name for p in on_disk} - {"index.md"}


def test_every_manual_page_is_built_with_a_description(manual_site: Path):
    seen = set()
    for src in manual_nav_pages():
        html = (manual_site / output_path(src)).read_text(encoding="utf-8")
        assert "<h1" in html, src
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, f"{src} has no description"
        assert 50 <= len(match.group(1)) <= 160, f"{src}: description of {len(match.group(1))} characters"
        seen.add(match.group(1))
    assert len(seen) == len(manual_nav_pages()), "descriptions repeat between pages"
    assert (manual_site / "404.html").exists()


def test_the_manual_loads_nothing_from_another_origin(manual_site: Path):
    """As the guide (test_site_build): no fonts, CDNs or analytics."""
    pages = list(manual_site.rglob("*.html"))
    assert len(pages) >= len(MANUAL_PAGES)
    for path in pages + list(manual_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r'<(?:script|link|img|iframe|source)[^>]*?(?:src|href)="(?:https?:)?//[^"]*"', text):
            tag = match.group(0)
            assert 'rel="alternate"' in tag or 'rel="canonical"' in tag, f"{path.relative_to(manual_site)}: {tag}"
        assert not re.search(r'url\(["\']?(?:https?:)?//', text), f"{path.relative_to(manual_site)} loads a remote url()"


def test_the_manual_publishes_no_data_file(manual_site: Path):
    assert not list(manual_site.rglob("*.yml")) and not list(manual_site.rglob("*.yaml"))


def test_the_manual_shows_the_guides_readiness_quiz_as_an_outline(manual_site: Path):
    page = (manual_site / "quiz-outline" / "index.html").read_text(encoding="utf-8")
    readiness = yaml.safe_load((CONTENT / "quizzes" / "readiness.yml").read_text(encoding="utf-8"))
    assert 'data-quiz-outline="readiness"' in page
    for ident in list(readiness["questions"]) + list(readiness["outcomes"]):
        assert f"<code>{ident}</code>" in page, ident


def test_the_manual_is_in_our_own_words():
    """The originality tool finds no run of 8+ words shared with the article
    in the manual either."""
    if not ORIGINALITY.exists():
        pytest.fail(f"the originality tool is missing at {ORIGINALITY}")
    result = subprocess.run([sys.executable, str(ORIGINALITY), str(DOCS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_manual_reading_level(page: Path):
    """Measured as the guide's pages are (test_guide_text), with the same limit."""
    import textstat

    from test_guide_text import prose

    grade = textstat.flesch_kincaid_grade(prose(page.read_text(encoding="utf-8")))
    assert grade <= 8.0, f"{page.name}: Flesch-Kincaid grade {grade}"


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("path", MANUAL_PAGES)
def test_manual_page(manual_page, manual_url, path, context):
    page = manual_page
    response = page.goto(manual_url + path)
    material_ready(page)
    assert response is not None and (response.ok or path == "404.html")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    expected = "slate" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert scheme == expected
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    page.watch.assert_clean()


def test_the_manuals_search_finds_its_pages_and_is_accessible(manual_page, manual_url):
    page = manual_page
    page.goto(manual_url)
    material_ready(page)
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("nginx")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item a[href*='hosting/']").count() >= 1
    assert axe_violations(page) == []
    page.watch.assert_clean()


# --- the guide holds nothing for site owners --------------------------------------

# reader pages are the Markdown files at the top of content/
GUIDE_PAGE_URLS = {output_path(p.name).removesuffix("index.html") for p in CONTENT.glob("*.md")}
# words that only a site owner's page would use
OWNER_WORDS = re.compile(r"\b(mkdocs|yaml|nginx|make serve|make test|plugin|site owners?|guidekit)\b", re.I)


def test_the_guides_nav_holds_reader_pages_only():
    assert guide_nav_pages(), "no pages in mkdocs.yml's nav"
    for src in guide_nav_pages():
        assert (CONTENT / src).is_file() and "/" not in src, src


def test_the_guides_search_index_holds_reader_pages_only(built_site: Path):
    entries = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(entries) >= 30
    owner_words = []
    for entry in entries:
        page = entry["location"].split("#", 1)[0]
        assert page in GUIDE_PAGE_URLS, f"search entry for a page that is not the guide's: {entry['location']}"
        found = OWNER_WORDS.findall(entry["title"] + " " + entry["text"])
        if found:
            owner_words.append((entry["location"], sorted({w.lower() for w in found})))
    # the one credit line on About ("This site is made with guidekit")
    assert len(owner_words) == 1 and owner_words[0][0].startswith("about/") and owner_words[0][1] == ["guidekit"], owner_words


def test_the_guides_sitemap_holds_reader_pages_only(built_site: Path, site_url: str):
    locations = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(loc.removeprefix(site_url) for loc in locations) == sorted(GUIDE_PAGE_URLS)


def _guide_links(site: Path, site_url: str) -> list[tuple[str, str, str]]:
    """(page, absolute href, text) of every link in every built page of the guide."""
    out = []
    for path in sorted(site.rglob("*.html")):
        page_url = urljoin(site_url, path.relative_to(site).as_posix())
        for href, text in parse(path).links:
            out.append((path.relative_to(site).as_posix(), urljoin(page_url, href), text))
    return out


def test_the_guide_links_to_reader_pages_only(built_site: Path, site_url: str):
    """Every link inside the guide leads to a reader page (or an asset, or a
    section of one); the About credit is plain text when no manual address
    is set."""
    links = _guide_links(built_site, site_url)
    assert len(links) > 200
    for page, href, _ in links:
        if not href.startswith(site_url):
            assert "manual" not in href and "site-owners" not in href, f"{page}: {href}"
            continue
        path = urlsplit(href).path.removeprefix(urlsplit(site_url).path).removesuffix("index.html")
        assert path in GUIDE_PAGE_URLS or path.startswith("assets/") or path == "404.html", f"{page} links to {href}"
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"This site is made with\s+guidekit\.", about), "the About credit is missing"
    assert not [link for link in parse(built_site / "about" / "index.html").links if link[1] == "guidekit"]


def test_the_about_credit_links_to_the_manual_when_its_address_is_set(tmp_path):
    out = tmp_path / "guide"
    result = build(ROOT, extra_args=("-d", str(out)), env={"SITE_URL": "http://127.0.0.1:9/", "MANUAL_URL": MANUAL_ADDRESS})
    assert result.returncode == 0, result.output
    to_manual = [(page, href, text) for page, href, text in _guide_links(out, "http://127.0.0.1:9/")
                 if href.startswith(MANUAL_ADDRESS)]
    assert to_manual == [("about/index.html", MANUAL_ADDRESS, "guidekit")]


# --- links between the two sites (hooks/site_links.py) -------------------------------

def _config(**extra) -> SimpleNamespace:
    return SimpleNamespace(extra=extra)


@pytest.mark.parametrize("markdown, extra, expected", [
    ("made with [guidekit](manual:).", {"manual_url": "https://m.example.org/"}, "made with [guidekit](https://m.example.org/)."),
    ("see [hosting](manual:hosting/#csp)", {"manual_url": "https://m.example.org/docs"},
     "see [hosting](https://m.example.org/docs/hosting/#csp)"),
    ("see [tone](guide:/writing/#tone)", {"guide_url": "https://g.example.org/"}, "see [tone](https://g.example.org/writing/#tone)"),
    ("made with [guidekit](manual:).", {"manual_url": ""}, "made with guidekit."),
    ("made with [guidekit](manual:).", {}, "made with guidekit."),
    ("[a](guide:) and [b](manual:x/)", {"manual_url": "https://m.example.org/"}, "a and [b](https://m.example.org/x/)"),
    ("[plain](writing.md) stays", {"manual_url": "https://m.example.org/"}, "[plain](writing.md) stays"),
    ("`[text](manual:x/)` and ``[a](guide:) ` `` shown", {"manual_url": "https://m.example.org/", "guide_url": "https://g.example.org/"},
     "`[text](manual:x/)` and ``[a](guide:) ` `` shown"),
    ("```md\n[text](manual:x/)\n```\n[b](manual:y/)", {"manual_url": "https://m.example.org/"},
     "```md\n[text](manual:x/)\n```\n[b](https://m.example.org/y/)"),
    ("  ~~~\n  [t](manual:)\n  ~~~\n`a` [t](manual:) `b`", {"manual_url": "https://m.example.org/"},
     "  ~~~\n  [t](manual:)\n  ~~~\n`a` [t](https://m.example.org/) `b`"),
])
def test_links_to_the_other_site(markdown, extra, expected):
    assert site_links.rewrite(markdown, _config(**extra)) == expected


# --- the data_dirs option: quizzes from outside docs_dir -----------------------------

OUTLINE_MKDOCS = """\
    site_name: Manual
    docs_dir: docs
    theme: {name: material, font: false}
    plugins:
      - guidekit:
          data_dirs: [%s]
    """
SMALL_QUIZ = """\
    title: Small
    start: ready
    questions:
      ready:
        text: Are you ready?
        options:
          - {label: "Yes", next: go}
          - {label: "No", next: wait}
    outcomes:
      go: {title: Go ahead, body: "Read [how to write](../writing.md)."}
      wait: {title: Wait, body: Take your time.}
    """


def test_a_quiz_from_another_folder_shows_as_an_outline(tmp_path):
    project = make_project(tmp_path / "p", {
        "docs/index.md": "# Home\n\n<!-- quiz-outline small -->\n",
        "guide/quizzes/small.yml": SMALL_QUIZ,
    }, OUTLINE_MKDOCS % "guide")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert 'data-quiz-outline="small"' in page and "<code>go</code>" in page and "<code>wait</code>" in page
    assert not list(result.site_dir.rglob("*.yml")), "a data file was published"


def test_a_quiz_from_another_folder_is_checked_with_its_own_path(tmp_path):
    project = make_project(tmp_path / "p", {
        "docs/index.md": "# Home\n\n<!-- quiz-outline small -->\n",
        "guide/quizzes/small.yml": SMALL_QUIZ.replace("next: wait", "next: wiat"),
    }, OUTLINE_MKDOCS % "guide")
    result = build(project)
    assert result.returncode != 0
    assert "guide/quizzes/small.yml:" in result.output and "'wiat'" in result.output
    assert "Traceback" not in result.output


def test_a_quiz_in_both_folders_is_refused(tmp_path):
    project = make_project(tmp_path / "p", {
        "docs/index.md": "# Home\n\n<!-- quiz-outline small -->\n",
        "docs/quizzes/small.yml": SMALL_QUIZ,
        "guide/quizzes/small.yml": SMALL_QUIZ,
    }, OUTLINE_MKDOCS % "guide")
    result = build(project)
    assert result.returncode != 0
    assert "guide/quizzes/small.yml:1: a quiz named 'small' is already defined in docs/quizzes/small.yml" in result.output


def test_a_missing_data_folder_is_refused_as_the_error_page_says(tmp_path):
    project = make_project(tmp_path / "p", {"docs/index.md": "# Home\n"}, OUTLINE_MKDOCS % "nowhere")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    said = f"Config value 'plugins': Plugin 'guidekit' option 'data_dirs': The path '{project / 'nowhere'}' isn't an existing directory."
    assert said in result.output, result.output
    documented = "Config value 'plugins': Plugin 'guidekit' option 'data_dirs': The path '/home/sam/guide/quizes' isn't an existing directory."
    assert f"`{documented}`" in (DOCS / "errors.md").read_text(encoding="utf-8")
