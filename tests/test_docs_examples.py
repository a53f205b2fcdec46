"""The site-owner docs show real files, and the examples among them build.

- ``examples/minimal/`` is a whole guide: it builds with ``--strict`` on its
  own, and has its quiz and checklist in the result.
- ``examples/customised/`` goes on top of it: each change it makes shows.
- The docs include files with ``--8<-- "path"`` (pymdownx.snippets) instead of
  copies: every example file is included somewhere, and every included file
  is in the built page line for line.
- The rule fragments written out on the checklist page are valid rules.
- The table of template variables on the customising page is what the
  templates really get; translating every word under ``words:`` builds
  strictly, and a missing word warns.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import Watch, serve
from helpers import ROOT, axe_violations, build, make_project
from test_site_build import output_path

EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "docs"  # the manual
SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$', re.M)


def copy_example(tmp_path: Path, *names: str) -> Path:
    """The named example folders copied over each other into one project."""
    project = tmp_path / "project"
    for name in names:
        shutil.copytree(EXAMPLES / name, project, dirs_exist_ok=True)
    return project


# --- the examples build -----------------------------------------------------

def test_the_minimal_example_builds_on_its_own(tmp_path):
    project = copy_example(tmp_path, "minimal")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert 'data-quiz="feelings"' in page
    assert 'data-checklist="draft"' in page
    assert "data-guidekit-exit" in page
    assert list((result.site_dir / "assets" / "guidekit").glob("guidekit.*.js"))
    assert not list(result.site_dir.rglob("*.yml")), "the data files were published"


def test_the_customised_example_changes_what_it_shows(tmp_path):
    project = copy_example(tmp_path, "minimal", "customised")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    exit_link = re.search(r"<a [^>]*data-guidekit-exit[^>]*>(.*?)</a>", page)
    assert exit_link and re.sub(r"<[^>]+>[^<]*</[^>]+>\s*", "", exit_link.group(1)) == "Leave this page"
    assert 'href="https://www.wikipedia.org/"' in exit_link.group(0)
    assert "call your local emergency number" in page  # the template override
    assert ">Try again<" in page
    assert 'data-md-color-scheme="slate"' in page and 'data-md-color-primary="indigo"' in page
    # and the plain example says none of this
    plain = build(copy_example(tmp_path / "plain", "minimal")).page("index.html")
    assert "Leave this page" not in plain and "emergency number" not in plain


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory):
    """The minimal example, built as it is and served on loopback."""
    result = build(copy_example(tmp_path_factory.mktemp("minimal"), "minimal"))
    assert result.returncode == 0, result.output
    server, url = serve(result.site_dir)
    yield url
    server.shutdown()


def test_the_minimal_example_has_no_axe_violations(browser, minimal_url):
    """On a plain Material site (none of this repository's own stylesheet),
    with the quiz at an outcome and text in the checklist. Light only: the
    example sets no palette, so Material ships it no dark scheme. Left out:
    two parts of Material itself that fail axe on any stock Material site
    (the search dialog has no name; the "Made with Material" line is too
    faint); this repository's own site fixes them in site_overrides/."""
    page = browser.new_page()
    watch = Watch(page, minimal_url)
    try:
        page.goto(minimal_url)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        page.get_by_role("link", name="Upset or angry").click()
        page.wait_for_selector('[data-quiz-outcome="wait"]:not([hidden])')
        page.locator("[data-checklist-draft]").press_sequentially("You never listen. This is your fault")
        page.wait_for_selector('[data-check="no-blame"][data-state="unmet"]')
        page.locator('[data-check="ready-for-silence"] summary').click()
        # links in the outcome's body and in an opened "why": what axe looks at
        assert page.locator('[data-quiz-outcome="wait"] .gk-quiz__body a').is_visible()
        assert page.locator('[data-check="ready-for-silence"] .gk-checklist__why a').is_visible()
        assert axe_violations(page, {"exclude": [[".md-search"], [".md-copyright"]]}) == []
        # axe lets a link pass on colour contrast alone; readers should not need to tell colours apart
        decorations = page.eval_on_selector_all(
            ":is(.gk-quiz__intro, .gk-quiz__help, .gk-quiz__body, .gk-checklist__intro, .gk-checklist__why) a",
            "links => links.map(a => getComputedStyle(a).textDecorationLine)")
        assert len(decorations) >= 4 and set(decorations) == {"underline"}, decorations
        watch.assert_clean()
    finally:
        page.close()


# --- the docs show the real files ------------------------------------------

def included_files() -> dict[Path, list[str]]:
    """Each page in content/ -> the files it includes with --8<--."""
    return {page: SNIPPET.findall(page.read_text(encoding="utf-8")) for page in sorted(CONTENT.rglob("*.md"))
            if SNIPPET.search(page.read_text(encoding="utf-8"))}


def test_every_example_file_is_shown_in_the_docs():
    shown = {name for names in included_files().values() for name in names}
    example_files = {str(p.relative_to(ROOT)) for p in EXAMPLES.rglob("*") if p.is_file()}
    assert example_files, "no example files"
    assert not example_files - shown, f"example files no page shows: {sorted(example_files - shown)}"


def test_the_docs_include_the_files_they_describe():
    """The pages include the real files rather than copies of them."""
    pages = {page.relative_to(CONTENT).as_posix(): names for page, names in included_files().items()}
    assert "examples/minimal/docs/quizzes/feelings.yml" in pages["quizzes.md"]
    assert "examples/minimal/docs/checklists/draft.yml" in pages["checklists.md"]
    assert "examples/minimal/mkdocs.yml" in pages["index.md"]
    assert "plugins/guidekit/words/en.yml" in pages["customising.md"]
    assert {"deploy/nginx.conf", "deploy/guide-site.conf"} <= set(pages["hosting.md"])


def _text(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def test_every_included_file_is_in_the_built_page_line_for_line(manual_site):
    built_site = manual_site
    checked = 0
    for page, names in included_files().items():
        built = built_site / output_path(page.relative_to(CONTENT).as_posix())
        text = _text(built.read_text(encoding="utf-8"))
        assert "--8<--" not in text, f"{page.name}: a snippet line was not replaced"
        for name in names:
            for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    assert line.strip() in text, f"{built.relative_to(built_site)} lacks this line of {name}: {line.strip()!r}"
                    checked += 1
    assert checked > 100


# --- the hand-written fragments are valid ------------------------------------

def _yaml_blocks(page: Path) -> list[str]:
    blocks = re.findall(r"^( *)```yaml\n(.*?)^\1```", page.read_text(encoding="utf-8"), re.S | re.M)
    return [re.sub(rf"^{indent}", "", body, flags=re.M) for indent, body in blocks]


def test_the_rule_examples_on_the_checklist_page_are_valid():
    from guidekit.checklist.component import CHECKLIST
    from guidekit.core.yamlfile import load_yaml

    rules = [b for b in _yaml_blocks(CONTENT / "checklists.md") if b.startswith("rule:")]
    assert len(rules) >= 6
    kinds = set()
    for block in rules:
        check = "title: T\nchecks:\n  - id: a\n    label: L\n    why: W\n" + "".join(f"    {line}\n" for line in block.splitlines())
        loaded = load_yaml(check, "example")
        model = CHECKLIST.load(loaded, "example", loaded.problems)
        assert model is not None and not loaded.problems, f"{block}: {[str(p) for p in loaded.problems.items]}"
        kinds.add(model.checklist.checks[0].rule.kind)
    assert kinds == {"avoid", "require", "count", "length", "conflict", "repeat", "shout"}


# --- the customising page -----------------------------------------------------

def _flat(value, prefix: str = ""):
    """Variable names as the page writes them: quiz.questions[].text."""
    if isinstance(value, SimpleNamespace):
        value = vars(value)
    if isinstance(value, dict) and prefix.rsplit(".", 1)[-1] not in ("data", "words"):
        for key, item in value.items():
            yield from _flat(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list) and value and isinstance(value[0], (dict, SimpleNamespace)):
        for item in value:
            yield from _flat(item, prefix + "[]")
    else:
        yield prefix


def _context_names(component, example: str) -> set[str]:
    from markupsafe import Markup

    from guidekit.core.component import RenderContext
    from guidekit.core.problems import Problems
    from guidekit.core.words import load_words
    from guidekit.core.yamlfile import load_yaml

    loaded = load_yaml((EXAMPLES / example).read_text(encoding="utf-8"), example)
    model = component.load(loaded, "x", loaded.problems)
    words = load_words("en", {}, Problems())
    ctx = RenderContext(markdown=lambda text, line: Markup(text), words=words, dom_id=f"{component.kind}-x")
    return set(_flat(component.context(model, ctx)))


def _exit_names() -> set[str]:
    """The keywords exit/__init__.py renders exit.html with (besides words)."""
    tree = ast.parse((ROOT / "plugins" / "guidekit" / "exit" / "__init__.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "render"
                and "exit.html" in ast.unparse(node.func.value)):
            return {k.arg for k in node.keywords} - {"words"}
    raise AssertionError("exit/__init__.py no longer renders exit.html")


def _documented(section: str) -> set[str]:
    page = (CONTENT / "customising.md").read_text(encoding="utf-8")
    match = re.search(rf"^#### {re.escape(section)} .*?$(.*?)(?=^#)", page + "\n#", re.S | re.M)
    assert match, f"no section '#### {section}' on the customising page"
    names = set()
    for row in re.findall(r"^\| (.*?) \|", match.group(1), re.M):
        names |= set(re.findall(r"`([^`]+)`", row))
    return names


def _outline_names() -> set[str]:
    """The variables quiz-outline.html gets, for a quiz with a step spelled
    out twice and one nobody reaches (every kind of item)."""
    from guidekit.core.problems import Problems
    from guidekit.core.words import load_words
    from guidekit.guide import load_data_file
    from guidekit.quiz.outline import make_outline, outline_context

    entry, problems = load_data_file(EXAMPLES / "minimal/docs/quizzes/feelings.yml", "quiz")
    assert entry is not None, problems.errors
    outline = make_outline(entry.model.quiz, "feelings")
    outline.unreached_outcomes.append(("spare", "Spare"))
    return set(_flat(outline_context(outline, load_words("en", {}, Problems()), "quiz-outline--feelings")))


@pytest.mark.parametrize("template", ["quiz.html", "checklist.html", "exit.html", "quiz-outline.html"])
def test_the_template_variables_on_the_page_are_what_templates_get(template):
    from guidekit.checklist.component import CHECKLIST
    from guidekit.quiz.component import QUIZ

    actual = {
        "quiz.html": lambda: _context_names(QUIZ, "minimal/docs/quizzes/feelings.yml"),
        "checklist.html": lambda: _context_names(CHECKLIST, "minimal/docs/checklists/draft.yml"),
        "exit.html": _exit_names,
        "quiz-outline.html": _outline_names,
    }[template]()
    documented = _documented(template)
    lists = {name[: name.rindex("[]") + 2] for name in actual if "[]" in name}
    lists |= {name[: name.index("[]") + 2] for name in actual if "[]" in name}
    assert actual - documented == set(), f"{template}: not on the page: {sorted(actual - documented)}"
    assert documented - actual - lists == set(), f"{template}: on the page but not given: {sorted(documented - actual - lists)}"


TRANSLATED_PAGE = {"docs/index.md": "# Accueil\n\n<!-- quiz q -->\n",
                   "docs/quizzes/q.yml": "title: T\nstart: a\nquestions:\n  a:\n    text: Q\n    options:\n"
                                         "      - {label: Oui, next: fin}\n      - {label: Non, next: fin}\n"
                                         "outcomes:\n  fin: {title: Fin, body: Merci.}\n"}


def _translated(words: dict, language: str = "eo") -> str:
    """mkdocs.yml of a site in ``language`` giving ``words`` (each marked "EO ") under the plugin's option."""
    lines = "".join(f"        {key}: {json.dumps('EO ' + value, ensure_ascii=False)}\n" for key, value in words.items())
    return (f"site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  language: {language}\n"
            "plugins:\n  - guidekit:\n      words:\n" + lines)


def test_translating_every_word_builds_strictly(tmp_path):
    """A language the plugin has no table for (Esperanto): every word given
    under 'words' builds with no note; a word left out stays in English,
    with a note at info level that --strict lets through."""
    english = yaml.safe_load((ROOT / "plugins" / "guidekit" / "words" / "en.yml").read_text(encoding="utf-8"))
    result = build(make_project(tmp_path / "all", TRANSLATED_PAGE, _translated(english)))
    assert result.returncode == 0, result.output
    assert "EO " + english["exit_label"] in result.page("index.html")
    assert "no UI words" not in result.output

    missing = dict(english)
    del missing["quiz_back"]
    result = build(make_project(tmp_path / "some", TRANSLATED_PAGE, _translated(missing)))
    assert result.returncode == 0, result.output
    note = [line for line in result.output.splitlines() if "no UI words for theme language 'eo'" in line]
    assert len(note) == 1 and note[0].startswith("INFO") and "'quiz_back'" in note[0], result.output
    assert f">{english['quiz_back']}<" in result.page("index.html")

    # a shipped language fills in what the site leaves out: no note
    result = build(make_project(tmp_path / "fr", TRANSLATED_PAGE, _translated(missing, "fr")))
    assert result.returncode == 0 and "no UI words" not in result.output, result.output
    assert ">Retour<" in result.page("index.html")


# --- search stays on --------------------------------------------------------

def _plugin_lists() -> list[tuple[str, list]]:
    """Every ``plugins:`` list that names guidekit in the manual's YAML blocks and the examples' mkdocs.yml."""
    found = []
    for page in sorted(CONTENT.glob("*.md")):
        for n, block in enumerate(_yaml_blocks(page)):
            if re.search(r"^plugins:", block, re.M):
                found.append((f"{page.name} block {n + 1}", yaml.safe_load(block)["plugins"]))
    for config in sorted(EXAMPLES.rglob("mkdocs.yml")):
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.Loader)
        if "plugins" in data:
            found.append((str(config.relative_to(ROOT)), data["plugins"]))
    return found


def test_every_example_lists_search_before_guidekit():
    """MkDocs turns on search by itself only while ``plugins:`` is absent, so
    an example that lists guidekit alone would switch a site's search off."""
    lists = _plugin_lists()
    assert len(lists) >= 6, lists
    for where, plugins in lists:
        names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
        assert "guidekit" in names, where
        assert "search" in names and names.index("search") < names.index("guidekit"), f"{where}: {names}"


@pytest.mark.parametrize("plugins, noted", [("[guidekit]", True), ("[search, guidekit]", False)])
def test_a_material_site_without_search_gets_a_note(tmp_path, plugins, noted):
    project = make_project(tmp_path / "p", {"docs/index.md": "# Home\n"},
                           f"site_name: S\ntheme:\n  name: material\n  font: false\nplugins: {plugins}\n")
    result = build(project)
    assert result.returncode == 0, result.output
    note = ("INFO    -  guidekit: mkdocs.yml lists no search plugin, so the site has no search box: MkDocs adds 'search' "
            "by itself only while 'plugins:' is absent. To keep it, list '- search' before '- guidekit' under plugins")
    assert (note in result.output) == noted, result.output
    assert (result.site_dir / "search" / "search_index.json").exists() != noted
