"""The same guide built with Zensical: the guidekit Markdown extension.

Zensical reads mkdocs.yml, runs the extensions under ``markdown_extensions``
and skips MkDocs plugins it does not know. These tests build the repository's
own guide with it (``python -m guidekit assets content`` first, as
docs/zensical.md says), answer the readiness quiz and type a draft into the
checklist in Chromium, and check each claim of docs/zensical.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Watch, serve
from helpers import ROOT, axe_violations, build, make_project

ZENSICAL = [sys.executable, "-m", "zensical"]
QUIZ_ROOT = "[data-quiz='readiness']"
CHECKLIST_ROOT = "[data-checklist='first-message']"


def copy_guide(to: Path) -> Path:
    """The repository's guide (its pages, data, settings and overrides) in ``to``."""
    to.mkdir(parents=True)
    for name in ("content", "site_overrides", "hooks"):
        shutil.copytree(ROOT / name, to / name, ignore=shutil.ignore_patterns("assets", "__pycache__")
                        if name == "hooks" else shutil.ignore_patterns("guidekit"))
    shutil.copy(ROOT / "mkdocs.yml", to / "mkdocs.yml")
    return to


def assets(project: Path, docs: str = "content") -> None:
    result = subprocess.run([sys.executable, "-m", "guidekit", "assets", docs], cwd=project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def zensical(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``zensical build`` in ``project``, as an author runs it."""
    return subprocess.run(ZENSICAL + ["build", "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})), timeout=300)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = copy_guide(tmp_path_factory.mktemp("zensical") / "guide")
    assets(project)
    (project / "site").mkdir()
    server, url = serve(project / "site")
    result = zensical(project, {"SITE_URL": url})
    assert result.returncode == 0, result.stdout + result.stderr
    yield project, url
    server.shutdown()


@pytest.fixture
def zpage(browser, zensical_site):
    context = browser.new_context()
    page = context.new_page()
    page.watch = Watch(page, zensical_site[1])
    yield page
    context.close()


def readiness_path_to_an_outcome():
    """The labels of a path through the readiness quiz, and its outcome."""
    from guidekit.guide import Guide
    from guidekit.config import plugin_options

    guide = Guide(plugin_options({}))
    entry = guide.load_file("quiz", "quizzes/readiness.yml", (ROOT / "content/quizzes/readiness.yml").read_bytes(),
                            "content/quizzes/readiness.yml")
    assert entry is not None, guide.problems.errors
    quiz = entry.model.quiz
    node, labels = quiz.start, []
    while node in quiz.questions:  # the last answer of each question: a path that is not the safety exit
        option = quiz.questions[node].options[-1]
        labels.append(option.label)
        node = option.next
    return labels, node


def test_the_quiz_answered_to_an_outcome_in_chromium(zpage, zensical_site):
    labels, outcome = readiness_path_to_an_outcome()
    zpage.goto(zensical_site[1] + "readiness-quiz/")
    zpage.wait_for_selector(f"{QUIZ_ROOT}.gk-quiz--js")
    for label in labels:
        option = zpage.locator(f"{QUIZ_ROOT} .gk-quiz__step:visible [data-quiz-option]").filter(
            has_text=re.compile("^" + re.escape(label) + r"( \(your answer\))?$"))
        option.click()
    zpage.wait_for_selector(f"{QUIZ_ROOT} [data-quiz-outcome='{outcome}']", state="visible")
    assert zpage.locator(f"{QUIZ_ROOT} [data-quiz-outcome]:visible").count() == 1
    zpage.watch.assert_clean()


def test_a_draft_typed_into_the_checklist_gets_a_finding(zpage, zensical_site):
    zpage.goto(zensical_site[1] + "writing/")
    zpage.wait_for_selector(f"{CHECKLIST_ROOT}[data-guidekit-started]", state="attached")
    check = f'{CHECKLIST_ROOT} [data-check="no-blame"]'
    assert zpage.get_attribute(check, "data-state") != "unmet"
    zpage.locator(f"{CHECKLIST_ROOT} textarea").press_sequentially("I wanted to say hello. It was your fault. How are you?")
    zpage.wait_for_selector(f'{check}[data-state="unmet"]')
    assert "your fault" in zpage.locator(f"{check} [data-checklist-message]").inner_text()
    zpage.watch.assert_clean()


def zensical_ready(page) -> None:
    """Wait until the theme's bundle has started (document$) and fetched
    the sitemap, which instant navigation needs before it takes over a link,
    and the search index (Zensical names it search.json)."""
    page.wait_for_function("""() => {
        if (typeof window.document$ !== "object") return false;
        const loaded = performance.getEntriesByType("resource").filter(e => e.responseEnd > 0).map(e => e.name);
        return ["sitemap.xml", "search.json"].every(name => loaded.some(url => url.endsWith("/" + name)));
    }""")


def test_instant_navigation_starts_the_checklist(zpage, zensical_site):
    """Zensical's theme loads the next page in place (navigation.instant),
    and tells the page through document$ as Material does."""
    zpage.goto(zensical_site[1])
    zensical_ready(zpage)
    zpage.evaluate("window.__same_document = true")
    zpage.locator("nav.md-nav--primary a[href$='writing/']").first.click()
    zpage.wait_for_selector(f"{CHECKLIST_ROOT}[data-guidekit-started]", state="attached")
    assert zpage.evaluate("window.__same_document === true"), "the page was loaded in full, not in place"
    check = f'{CHECKLIST_ROOT} [data-check="no-blame"]'
    zpage.locator(f"{CHECKLIST_ROOT} textarea").press_sequentially("It was your fault. How are you?")
    zpage.wait_for_selector(f'{check}[data-state="unmet"]')
    zpage.watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_component_pages(browser, zensical_site, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(zensical_site[1] + "writing/")
        page.wait_for_selector(f"{CHECKLIST_ROOT}[data-guidekit-started]", state="attached")
        assert axe_violations(page) == [], "writing page"
        page.goto(zensical_site[1] + "readiness-quiz/")
        page.wait_for_selector(f"{QUIZ_ROOT}.gk-quiz--js")
        assert axe_violations(page) == [], "quiz page"
    finally:
        context.close()


def test_the_pages_load_the_assets_written_by_the_assets_command(zensical_site):
    project, _ = zensical_site
    page = (project / "site" / "writing" / "index.html").read_text("utf-8")
    assert '<script src="../assets/guidekit/guidekit.js"' in page
    assert 'href="../assets/guidekit/guidekit.css"' in page
    assert (project / "site/assets/guidekit/guidekit.js").read_text("utf-8") == (project / "content/assets/guidekit/guidekit.js").read_text("utf-8")


def test_exit_this_page_follows_the_extensions_options(zensical_site):
    """exit_on: every-page is set on the extension in mkdocs.yml."""
    site = zensical_site[0] / "site"
    for page in ("index.html", "about/index.html", "writing/index.html"):
        assert (site / page).read_text("utf-8").count("data-guidekit-exit") >= 1, page


def test_the_data_files_are_not_published(zensical_site):
    site = zensical_site[0] / "site"
    assert not (site / "quizzes").exists() and not (site / "checklists").exists()


def test_mkdocs_loads_its_own_hashed_bundle_instead(tmp_path):
    """The plugin drops the fixed-name files listed for Zensical, and the files themselves."""
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n")
    assets(project, "docs")
    (project / "mkdocs.yml").write_text(SMALL + "plugins: [guidekit]\nextra_javascript: [assets/guidekit/guidekit.js]\n"
                                        "extra_css: [assets/guidekit/guidekit.css]\n", "utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("quiz/index.html")
    scripts = re.findall(r'<script src="([^"]*guidekit[^"]*)"', page)
    styles = re.findall(r'<link [^>]*href="([^"]*guidekit[^"]*)"', page)
    assert len(scripts) == 1 and re.search(r"guidekit\.[0-9a-f]{10}\.js$", scripts[0]), scripts
    assert len(styles) == 1 and re.search(r"guidekit\.[0-9a-f]{10}\.css$", styles[0]), styles
    assert not (result.site_dir / "assets/guidekit/guidekit.js").exists()
    assert not (result.site_dir / "assets/guidekit/guidekit.css").exists()


def test_a_bad_quiz_fails_the_build_with_its_line(tmp_path):
    project = copy_guide(tmp_path / "guide")
    quiz = project / "content/quizzes/readiness.yml"
    lines = quiz.read_text("utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.strip().startswith("next:"))
    lines[number] = re.sub(r"next: \S+", "next: nowhere", lines[number])
    quiz.write_text("\n".join(lines), "utf-8")
    result = zensical(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"content/quizzes/readiness.yml:{number + 1}: option " in output
    assert "leads to 'nowhere'" in output


SMALL = """\
site_name: Small
docs_dir: docs
theme:
  name: material
  font: false
watch: [docs/quizzes]
markdown_extensions:
  - guidekit
"""

QUIZ = """\
title: Small quiz
start: ready
questions:
  ready:
    text: Are you ready?
    options:
      - label: Yes
        next: go
      - label: No
        next: wait
outcomes:
  go:
    title: Go ahead
    body: Read [the page](../index.md).
  wait:
    title: Wait
    body: Take your time.
"""


def small(tmp_path: Path, page: str, quiz: str = QUIZ) -> Path:
    return make_project(tmp_path / "small", {"docs/index.md": "# Home\n", "docs/quiz.md": page,
                                             "docs/quizzes/ready.yml": quiz}, SMALL)


def test_an_indented_code_sample_of_a_placement_is_shown_not_expanded(tmp_path):
    project = small(tmp_path, "# Quiz\n\nWrite this:\n\n    <!-- quiz ready -->\n\nThe quiz:\n\n<!-- quiz ready -->\n")
    result = zensical(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/quiz/index.html").read_text("utf-8")
    assert "&lt;!-- quiz ready --&gt;" in html
    assert html.count('data-quiz="ready"') == 1
    assert "Yes" in html and "Go ahead" in html  # unquoted Yes is text


def test_links_in_data_lead_to_the_pages_they_name(tmp_path):
    """Written relative to the data file, as under MkDocs; Zensical makes
    the addresses of the page that shows them."""
    quiz = QUIZ.replace("(../index.md)", "(../index.md#home)").replace("body: Take your time.", "body: See [it](../sub/deep.md).")
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n", quiz)
    (project / "docs/sub").mkdir()
    (project / "docs/sub/deep.md").write_text("# Deep\n\n<!-- quiz ready -->\n", "utf-8")
    result = zensical(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site/quiz/index.html").read_text("utf-8")
    assert '<a href="../#home">the page</a>' in page and '<a href="../sub/deep/">it</a>' in page
    deep = (project / "site/sub/deep/index.html").read_text("utf-8")
    assert '<a href="../../#home">the page</a>' in deep and '<a href="../deep/">it</a>' in deep


def test_a_placement_mistake_is_reported_at_the_line_an_editor_shows(tmp_path):
    project = small(tmp_path, "---\ntitle: Quiz\n---\n\n# Quiz\n\n<!-- quiz raedy -->\n")
    result = zensical(project)
    assert result.returncode == 1
    assert "docs/quiz.md:7:1: no quiz named 'raedy' (did you mean 'ready'?)" in result.stdout + result.stderr


def test_a_changed_quiz_is_shown_by_the_next_build(tmp_path):
    """Zensical keeps rendered pages between builds; the data folder in
    ``watch`` makes it render the pages again when a data file changes."""
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n")
    assert zensical(project).returncode == 0
    quiz = project / "docs/quizzes/ready.yml"
    quiz.write_text(QUIZ.replace("Small quiz", "Renamed quiz"), "utf-8")
    stamp = quiz.stat().st_mtime + 5  # Zensical compares whole seconds
    os.utime(quiz, (stamp, stamp))
    result = zensical(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Renamed quiz" in (project / "site/quiz/index.html").read_text("utf-8")


def test_options_set_both_on_the_plugin_and_the_extension_stop_mkdocs(tmp_path):
    project = make_project(tmp_path / "p", {"docs/index.md": "# Home\n"}, """\
        site_name: Twice
        theme: {name: material, font: false}
        plugins:
          - guidekit:
              exit_on: front-matter
        markdown_extensions:
          - guidekit:
              exit_on: every-page
        """)
    result = build(project)
    assert result.returncode == 1
    assert "exit_on set both under plugins > guidekit and under markdown_extensions > guidekit" in result.output


def test_mkdocs_reads_the_extensions_options(tmp_path):
    project = make_project(tmp_path / "p", {"docs/index.md": "# Home\n"}, """\
        site_name: Once
        theme: {name: material, font: false}
        plugins: [guidekit]
        markdown_extensions:
          - guidekit:
              exit_on: every-page
        """)
    result = build(project)
    assert result.returncode == 0, result.output
    assert "data-guidekit-exit" in result.page("index.html")


def test_without_watch_an_edited_quiz_stays_old_until_the_page_changes(tmp_path):
    """Why docs/zensical.md asks for ``watch``: Zensical's own cache."""
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n")
    (project / "mkdocs.yml").write_text(SMALL.replace("watch: [docs/quizzes]\n", ""), "utf-8")
    assert zensical(project).returncode == 0
    quiz = project / "docs/quizzes/ready.yml"
    quiz.write_text(QUIZ.replace("Small quiz", "Renamed quiz"), "utf-8")
    stamp = quiz.stat().st_mtime + 5
    os.utime(quiz, (stamp, stamp))
    assert zensical(project).returncode == 0
    assert "Small quiz" in (project / "site/quiz/index.html").read_text("utf-8")


def test_links_to_a_missing_heading_are_checked_by_mkdocs_only(tmp_path):
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n", QUIZ.replace("(../index.md)", "(../index.md#nowhere)"))
    assert zensical(project).returncode == 0
    (project / "mkdocs.yml").write_text(SMALL + "plugins: [guidekit]\n", "utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "docs/quizzes/ready.yml:14: link '../index.md#nowhere'" in result.output


def test_a_link_to_a_missing_page_fails_the_zensical_build(tmp_path):
    project = small(tmp_path, "# Quiz\n\n<!-- quiz ready -->\n", QUIZ.replace("(../index.md)", "(../indx.md)"))
    result = zensical(project)
    assert result.returncode == 1
    assert "docs/quizzes/ready.yml:14: link '../indx.md' points to 'indx.md', which is not a file of the site" in result.stdout + result.stderr


def test_the_sites_template_overrides_apply(zensical_site):
    """site_overrides/main.html (the correction contact on the About page)."""
    about = (zensical_site[0] / "site" / "about" / "index.html").read_text("utf-8")
    assert 'class="gk-corrections"' in about and "<!-- corrections-contact -->" not in about


def test_the_assets_command_writes_the_bundle_and_names_a_missing_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    assets(tmp_path, "docs")
    script = (tmp_path / "docs/assets/guidekit/guidekit.js").read_text("utf-8")
    assert "guidekit.start" in script and "data-guidekit-exit" in script
    assert ".gk-quiz" in (tmp_path / "docs/assets/guidekit/guidekit.css").read_text("utf-8")
    result = subprocess.run([sys.executable, "-m", "guidekit", "assets", "nosuchfolder"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == "nosuchfolder: no such folder; give the docs folder of the site (docs_dir in mkdocs.yml)"
    assert not (tmp_path / "nosuchfolder").exists()


def test_mkdocs_hooks_do_not_run(zensical_site):
    """hooks/site_links.py makes the About page's link to the manual under
    MkDocs only (docs/zensical.md says so)."""
    about = (zensical_site[0] / "site" / "about" / "index.html").read_text("utf-8")
    assert '<a href="manual:">guidekit</a>' in about

