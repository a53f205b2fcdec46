"""guidekit added to real Material sites, as a site owner adds it.

Three public sites are kept as data beside the repository, in
``../shared/dropin-sites/`` (each with an ``ORIGIN.md``): the httpx docs (no
``plugins:`` key, English), Geotribu's contributor guide (French, twelve
plugins, among them ``exclude`` with a ``*.yml`` glob, ``macros`` and HTML
``minify``) and Geotribu's English blog (Material's blog, privacy, tags and
typeset plugins). Each test copies a site to a temporary folder and changes
the copy's ``mkdocs.yml`` with a YAML round trip that keeps every other
setting; the sites are never copied into the repository.

The plugins they use come from PyPI through the ``test`` extra, except four
that are dropped from the copies: ``rss`` (it reads the git history, which
the copies do not have, and its current release pulls in a fork of MkDocs)
and ``git-authors``, ``git-committers`` and ``git-revision-date-localized``
(switched off in the sites' own copies: no git history).

Without the sites (a clone without ``../shared``) the tests are skipped with
that reason; CI sets ``GUIDEKIT_REQUIRE_DROPIN=1``, which makes them fail
instead. The builds take some seconds each, so those tests are marked slow
(``make test SLOW=1`` and CI run them).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import serve
from helpers import ROOT, BuildResult, build_subprocess, material_ready

SITES = ROOT.parent / "shared" / "dropin-sites"
# plugins dropped from the copies (see the module's docstring)
DROPPED = {"rss", "git-authors", "git-committers", "git-revision-date-localized"}
# our two asset tags, as written by MkDocs or after an HTML minifier
_TAG = (r"""<link\b[^>]*\bhref=["']?[^"'\s>]*assets/guidekit/guidekit\.[0-9a-f]+\.css["']?[^>]*>"""
        r"""|<script\b[^>]*\bsrc=["']?[^"'\s>]*assets/guidekit/guidekit\.[0-9a-f]+\.js["']?[^>]*>\s*</script>""")
ASSET_TAG = re.compile(_TAG)
SPACE = re.compile(r"\s+")
# what differs between any two builds of a site: httpx's API pages show the
# reprs of default values, with memory addresses
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def without_assets(html: str) -> tuple[str, int]:
    """``html`` less our asset tags, and how many there were. Each run of
    white space is read as one space on both sides: Material's template
    loops over extra_css and extra_javascript and leaves the loop's white
    space around each tag (a line, or a space once minified)."""
    stripped, count = ASSET_TAG.subn("", html)
    return ADDRESS.sub(" at 0x", SPACE.sub(" ", stripped)), count


def _sites_or_skip() -> Path:
    if SITES.is_dir():
        return SITES
    reason = f"the real sites for the drop-in check are not beside the repository ({SITES})"
    if os.environ.get("GUIDEKIT_REQUIRE_DROPIN") == "1":
        pytest.fail(reason + ", and GUIDEKIT_REQUIRE_DROPIN=1 requires them", pytrace=False)
    pytest.skip(reason)


# name, docs_dir, the page that gets a quiz and a checklist, theme language
SITE_TABLE = {
    "httpx": ("docs", "quickstart.md", "en"),
    "geotribu-contribuer": ("content", "guides/icone_page.md", "fr"),
    "geotribu-english-blog": ("content", "about.md", "en"),
}


class _Tagged:
    """A YAML tag this test does not construct (MkDocs' ``!ENV``, ``!relative``): written back as it was read."""

    def __init__(self, node):
        self.node = node


class _Loader(yaml.Loader):  # the full loader, as MkDocs': the sites name Python functions (!!python/name)
    pass


class _Dumper(yaml.Dumper):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged(node))
_Dumper.add_representer(_Tagged, lambda dumper, value: value.node)


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def copy_site(name: str, dest: Path, *, guidekit: bool | str, language: str | None = None) -> Path:
    """A copy of the site ``name`` in ``dest``, its ``mkdocs.yml`` read and
    written back with its settings kept, less the dropped plugins. With
    ``guidekit`` the plugin is listed last (``"before:NAME"``: just before
    the plugin NAME). A site without ``plugins:`` gets ``search`` listed, as
    MkDocs adds it while the key is absent, so that both builds have it."""
    shutil.copytree(_sites_or_skip() / name, dest)
    for path in dest.rglob("*"):  # the shared copy may be read-only
        path.chmod(path.stat().st_mode | 0o200)
    config_file = dest / "mkdocs.yml"
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    plugins = [p for p in config.get("plugins", ["search"]) if plugin_name(p) not in DROPPED]
    if guidekit is True:
        plugins.append("guidekit")
    elif guidekit:
        before = guidekit.split(":", 1)[1]
        plugins.insert([plugin_name(p) for p in plugins].index(before), "guidekit")
    config["plugins"] = plugins
    if language:
        config["theme"]["language"] = language
    config_file.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def site_build(project: Path, out: Path, *, strict: bool = True) -> BuildResult:
    return build_subprocess(project, strict=strict, extra_args=("-d", str(out)))


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def has_words(language: str) -> bool:
    return (ROOT / "plugins" / "guidekit" / "words" / f"{language}.yml").exists()


NO_WORDS = re.compile(r"no UI words for theme language")


def only_no_words(output: str) -> bool:
    """The build's warnings are all about UI words missing for the theme's language."""
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    return bool(warnings) and all(NO_WORDS.search(line) for line in warnings)


@pytest.mark.slow
def test_the_copies_keep_every_other_setting(tmp_path):
    """The round trip changes ``plugins`` only: the Python names, anchors
    and every other key read back the same."""
    for name in SITE_TABLE:
        original = yaml.load((_sites_or_skip() / name / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
        copied = yaml.load(copy_site(name, tmp_path / name, guidekit=True).joinpath("mkdocs.yml").read_text(encoding="utf-8"),
                           Loader=_Loader)
        assert copied.pop("plugins")[-1] == "guidekit"
        original.pop("plugins", None)
        assert yaml.dump(copied, Dumper=_Dumper) == yaml.dump(original, Dumper=_Dumper), name


# --- listed, and a component on one page: the other pages do not change ------------

@pytest.mark.slow
@pytest.mark.parametrize("name", list(SITE_TABLE))
def test_the_plugin_changes_no_page_without_a_component_but_for_its_two_asset_tags(tmp_path, name):
    """The site built as it is, and with guidekit listed and a quiz and a
    checklist placed on one page (guidekit listed before ``exclude``, as the
    build asks when that plugin hides the data): with --strict it builds,
    every other page is the same but for the two asset tags, and the only
    new files are the two of the bundle (the data files are not published)."""
    language = SITE_TABLE[name][2]
    without = site_build(copy_site(name, tmp_path / "without", guidekit=False), tmp_path / "site-without")
    assert without.returncode == 0, without.output
    project, address = with_components(name, tmp_path / "with", language,
                                       guidekit="before:exclude" if name == "geotribu-contribuer" else True)
    listed = site_build(project, tmp_path / "site-with")
    if listed.returncode and not has_words(language):
        # no UI words for this language in this version: the one warning
        # --strict stops on; built again without --strict to compare
        assert only_no_words(listed.output), listed.output
        listed = site_build(project, tmp_path / "site-with", strict=False)
    assert listed.returncode == 0, listed.output
    before, after = pages(tmp_path / "site-without"), pages(tmp_path / "site-with")
    placed = after.pop(address + "index.html")
    assert len(re.findall(r"""data-quiz=["']?dropin\b""", placed)) == 1  # quoted or not (the minify plugin)
    assert len(re.findall(r"""data-checklist=["']?dropin\b""", placed)) == 1
    assert without_assets(placed)[0] != without_assets(before.pop(address + "index.html"))[0]
    assert before.keys() == after.keys()
    assert len(before) > 10, f"{name}: only {len(before)} pages built"
    tagged = 0
    for path, text in after.items():
        stripped, count = without_assets(text)
        assert stripped == without_assets(before[path])[0], f"{name}: {path} differs beyond the asset tags"
        if "__config" in text:  # a page of Material's (not a redirect stub, nor an HTML file copied as it is)
            assert count == 2, f"{name}: {path} has {count} asset tags"
            tagged += 1
    assert tagged > 10
    others = {p.relative_to(tmp_path / "site-with").as_posix() for p in (tmp_path / "site-with").rglob("*") if p.is_file()}
    bundle = {p for p in others if p.startswith("assets/guidekit/")}
    assert len(bundle) == 2
    assert others - bundle == {p.relative_to(tmp_path / "site-without").as_posix()
                               for p in (tmp_path / "site-without").rglob("*") if p.is_file()}


# --- a quiz and a checklist placed on one page of each site ---------------------

QUIZ = {
    "en": """\
        title: Is this site a good fit?
        start: first
        questions:
          first:
            text: Have you read the quick start?
            options:
              - label: "Yes, all of it"
                next: ready
              - label: Not yet
                next: later
        outcomes:
          ready:
            title: You are ready
            body: Go on to the next page.
          later:
            title: Start with the basics
            body: Read the first page, then come back.
        """,
    "fr": """\
        title: Ce guide est-il pour vous ?
        start: premiere
        questions:
          premiere:
            text: Avez-vous déjà écrit un article ?
            options:
              - label: Oui, plusieurs
                next: pret
              - label: Pas encore
                next: debut
        outcomes:
          pret:
            title: Vous êtes prêt à contribuer
            body: Proposez votre article quand vous voulez.
          debut:
            title: Commencez par les bases
            body: Lisez le guide de démarrage, puis revenez ici.
        """,
    "zh": """\
        title: 这个网站适合你吗？
        start: first
        questions:
          first:
            text: 你读过快速入门吗？
            options:
              - label: 读过了
                next: ready
              - label: 还没有
                next: later
        outcomes:
          ready:
            title: 你已经准备好了
            body: 请继续阅读下一页。
          later:
            title: 先从基础开始
            body: 先读第一页，然后再回来。
        """,
}
CHECKLIST = {
    "en": """\
        title: Check your note
        checks:
          - id: polite
            label: No orders
            why: A request reads better than an order.
            rule:
              kind: avoid
              phrases: [right now]
              message: This may read as an order.
          - id: short
            label: Short enough
            why: A few lines are enough.
            rule:
              kind: length
              max: 40
        """,
    "fr": """\
        title: Relisez votre message
        checks:
          - id: polite
            label: Pas d'ordre
            why: Une demande se lit mieux qu'un ordre.
            rule:
              kind: avoid
              phrases: [tout de suite]
              message: Ces mots peuvent sonner comme un ordre.
          - id: short
            label: Assez court
            why: Quelques lignes suffisent.
            rule:
              kind: length
              max: 40
        """,
    "zh": """\
        title: 检查你的留言
        checks:
          - id: short
            label: 足够简短
            why: 几行就够了。
            rule:
              kind: length
              max: 40
          - id: calm
            label: 我现在很平静
            why: 平静时写的话更清楚。
            manual: true
        """,
}
# the answer to click, the outcome it leads to, a draft, and the states it gives
READER = {
    "en": ("Not yet", "later", "Could you send me the file right now? Thanks.", {"polite": "unmet", "short": "met"}),
    "fr": ("Pas encore", "debut", "Pouvez-vous m'envoyer le fichier tout de suite ? Merci.", {"polite": "unmet", "short": "met"}),
    "zh": ("还没有", "later", "你好，我想问一下文件的事。谢谢！", {"short": "met"}),
}
PLACEMENTS = "\n\n<!-- quiz dropin -->\n\n<!-- checklist dropin -->\n"


def with_components(name: str, dest: Path, language: str, *, guidekit: bool | str = True) -> tuple[Path, str]:
    """A copy of the site with a quiz and a checklist (in ``language``)
    placed at the end of its page; the page's address in the built site."""
    docs, page, _ = SITE_TABLE[name]
    project = copy_site(name, dest, guidekit=guidekit, language=language if language != SITE_TABLE[name][2] else None)
    for kind, texts in (("quizzes", QUIZ), ("checklists", CHECKLIST)):
        (project / docs / kind).mkdir()
        (project / docs / kind / "dropin.yml").write_text(textwrap.dedent(texts[language]), encoding="utf-8")
    with (project / docs / page).open("a", encoding="utf-8") as f:
        f.write(PLACEMENTS)
    return project, page.removesuffix(".md") + "/"


def exit_label(language: str) -> str:
    """The label Exit this page shows: the language's own, or English while it has no words table."""
    table = ROOT / "plugins" / "guidekit" / "words" / f"{language if has_words(language) else 'en'}.yml"
    return yaml.safe_load(table.read_text(encoding="utf-8"))["exit_label"]


# Exit this page is in view and is what a tap at its middle hits
ON_TOP = """() => {
    const link = document.querySelector("[data-guidekit-exit]");
    const r = link.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && !!hit && hit.closest("[data-guidekit-exit]") === link;
}"""


def ours(text: str, where: str) -> bool:
    return "guidekit" in text or "assets/guidekit/" in where


CASES = {  # id: site, language of its theme (and of the page)
    "httpx": ("httpx", "en"),
    "geotribu-contribuer-fr": ("geotribu-contribuer", "fr"),
    "geotribu-english-blog": ("geotribu-english-blog", "en"),
    "httpx-zh": ("httpx", "zh"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_quiz_and_a_checklist_work_on_the_site(tmp_path, browser, case):
    """Placed by following the docs on one page, in the site's language:
    the build is --strict (where this version of guidekit has no words
    table for the language and warns of it: without --strict, that being
    the one warning, and English words shown), the quiz answers to an outcome, the checklist checks a
    draft, and our scripts log no error. Exit this page leaves in the same
    tab under the privacy plugin's ``target: _blank``, and stays on top of
    the French site's cookie consent. The French site lists guidekit before
    its ``exclude`` plugin, as the build's message for it says."""
    name, language = CASES[case]
    project, address = with_components(name, tmp_path / "site", language,
                                       guidekit="before:exclude" if name == "geotribu-contribuer" else True)
    out = tmp_path / "out"
    result = site_build(project, out)
    if result.returncode and not has_words(language):
        assert only_no_words(result.output), result.output
        result = site_build(project, out, strict=False)
    assert result.returncode == 0, result.output
    server, url = serve(out)
    context = browser.new_context()
    try:
        # the sites' own scripts and embeds from other sites are not fetched (no network here)
        context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and ours(m.text, m.location.get("url", "")) and errors.append(m.text))
        page.on("pageerror", lambda e: ours(str(e), e.stack or "") and errors.append(str(e)))
        page.goto(url + address)
        quiz, checklist = page.locator('[data-quiz="dropin"]'), page.locator('[data-checklist="dropin"]')
        page.wait_for_selector('[data-quiz="dropin"][data-guidekit-started]', state="attached")
        page.wait_for_selector('[data-checklist="dropin"][data-guidekit-started]', state="attached")
        if "consent" in (project / "mkdocs.yml").read_text(encoding="utf-8"):  # Material's cookie consent: the reader answers first
            material_ready(page)
            overlay = page.locator(".md-consent__overlay")
            expect(overlay).to_be_visible()
            assert page.evaluate(ON_TOP), "the cookie consent covers Exit this page"
            page.locator(".md-consent__controls button[type=reset]").click()  # refuse the cookies
            expect(overlay).to_be_hidden()
        answer, outcome, draft, states = READER[language]
        quiz.locator("[data-quiz-option]", has_text=answer).click()
        expect(quiz.locator(f'[data-quiz-outcome="{outcome}"]')).to_be_visible()
        assert quiz.locator("[data-quiz-node]:visible, [data-quiz-outcome]:visible").count() == 1
        checklist.locator("textarea").fill(draft)
        for check, state in states.items():
            expect(checklist.locator(f'[data-check="{check}"][data-state]')).to_have_attribute("data-state", state)
        exit_link = page.locator("[data-guidekit-exit]").first
        expect(exit_link).to_contain_text(exit_label(language))
        assert exit_link.get_attribute("target") is None  # same tab, also under the privacy plugin's target=_blank
        assert page.evaluate("document.documentElement.lang") == language
        assert not errors, errors
    finally:
        context.close()
        server.shutdown()


@pytest.mark.slow
def test_the_line_and_the_excluded_file_on_a_page_a_macro_changed(tmp_path):
    """Geotribu's contributor guide with guidekit listed last: its ``macros``
    plugin has filled in the page before guidekit reads it, and its
    ``exclude`` plugin (``*.yml``) has taken the data files away. The
    placement is still reported at the line an editor shows (the page has
    21 lines of front matter), and the message names the excluded file and
    what to change."""
    project, _ = with_components("geotribu-contribuer", tmp_path / "site", "fr")
    page = project / "content" / SITE_TABLE["geotribu-contribuer"][1]
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "{{" in text  # front matter, and a macro before the placement
    line = text.split("\n").index("<!-- quiz dropin -->") + 1
    result = site_build(project, tmp_path / "out")
    assert result.returncode == 1, result.output
    assert (f"content/guides/icone_page.md:{line}:1: no quiz named 'dropin' was read, although content/quizzes/dropin.yml "
            "exists: another plugin listed before guidekit (such as 'exclude') took it out of the site's files") in result.output, \
        result.output


# --- the styles touch the components only ----------------------------------------

STYLES = {"checklist": ("gk-checklist",), "quiz": ("gk-quiz", "guidekit-outline"), "exit": ("guidekit-exit",)}


@pytest.mark.parametrize("component", list(STYLES))
def test_every_style_rule_is_scoped_to_its_component(component):
    """The bundle's CSS is on every page of the site: a rule that does not
    name its component's class would change the site's own pages (as a
    ``[data-state]`` selector once did for any element with that attribute)."""
    css = (ROOT / "plugins" / "guidekit" / component / f"{component}.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [sel.strip() for rule in re.finditer(r"([^{}]+)\{[^{}]*\}", css) for sel in rule.group(1).split(",")]
    assert len(selectors) > 10
    loose = [sel for sel in selectors if not any(name in sel for name in STYLES[component])]
    assert not loose, f"{component}.css: rules that apply outside the {component}: {loose}"


# --- search: the components' words, not their controls -----------------------------

def test_the_search_index_holds_the_components_words_not_their_controls(tmp_path):
    """Material's search gives a page's first indexed words as its snippet:
    on a page with a component those were the component's controls. The
    controls carry ``data-search-exclude``; the author's own words (title,
    questions, answers, outcomes, checks) stay searchable."""
    from helpers import build

    project = tmp_path / "minimal"
    shutil.copytree(ROOT / "examples" / "minimal", project)
    result = build(project)
    assert result.returncode == 0, result.output
    index = json.loads((result.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = html.unescape(" ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].split("#")[0] == ""))
    words = yaml.safe_load((ROOT / "plugins" / "guidekit" / "words" / "en.yml").read_text(encoding="utf-8"))
    for key in ("exit_label", "quiz_back", "quiz_restart", "quiz_result", "quiz_result_link", "quiz_why",
                "checklist_draft_label", "checklist_privacy", "checklist_needs_js", "checklist_copy", "checklist_keep",
                "checklist_keep_shared", "checklist_auto_heading", "checklist_manual_heading", "checklist_why",
                "checklist_dismiss"):
        assert words[key] not in text, f"{key}: {words[key]!r} is in the search index"
    for own in ("Is now a good time to write?", "How do you feel right now?", "Upset or angry", "Go ahead and draft it",
                "Check your draft", "No blame", "Blame starts an argument.", "I would be all right if no reply comes"):
        assert own in text, f"{own!r} is missing from the search index"


@pytest.mark.slow
def test_a_component_above_more_shows_on_the_post_only(tmp_path):
    """What the manual says of Material's blog: a component placed above
    ``<!-- more -->`` shows on the post's own page, and not in the excerpt on
    the blog's index (Material renders excerpts itself)."""
    project, _ = with_components("geotribu-english-blog", tmp_path / "site", "en")
    post = sorted((project / "content" / "posts").glob("*.md"))[0]
    text = post.read_text(encoding="utf-8")
    assert text.count("\n<!-- more -->\n") == 1
    post.write_text(text.replace("\n<!-- more -->\n", "\n<!-- quiz dropin -->\n\n<!-- more -->\n"), encoding="utf-8")
    result = site_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    built = pages(tmp_path / "out")
    shown = [path for path, html_text in built.items() if 'data-quiz="dropin"' in html_text and path != "about/index.html"]
    assert len(shown) == 1 and re.match(r"\d{4}/\d\d/\d\d/[^/]+/index\.html$", shown[0]), shown  # the post's own page
    address = shown[0].removesuffix("index.html")
    listings = [path for path, html_text in built.items() if path != shown[0] and "md-post--excerpt" in html_text
                and address in html_text]
    assert "index.html" in listings or any(path.startswith("page/") for path in listings), listings
    assert len(listings) >= 2, listings  # the index and the archive, at least
