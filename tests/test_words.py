"""The UI words in every shipped language: complete tables, the same
placeholders as English, how Material's language codes pick a table, a
French site built with --strict, a language without a table (an info note,
once, naming the real config file), and right-to-left pages (Arabic and
Hebrew) laid out right to left in Chromium, with no axe violations.

Screenshots of the right-to-left pages go to ``test-artifacts/`` (not in git)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from html import unescape

import pytest
import yaml

from conftest import Watch, serve
from helpers import ROOT, axe_violations, build, make_project, material_ready

WORDS = ROOT / "plugins" / "guidekit" / "words"
ENGLISH = yaml.safe_load((WORDS / "en.yml").read_text("utf-8"))
LANGUAGES = ["de", "es", "fr", "it", "nl", "pl", "pt", "pt-BR", "ru", "uk", "tr", "zh", "ja", "ko", "ar", "he"]
ARTIFACTS = ROOT / "test-artifacts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def table(code: str) -> dict:
    return yaml.safe_load((WORDS / f"{code}.yml").read_text("utf-8"))


def test_the_languages_material_readers_use_most_are_shipped():
    shipped = sorted(p.stem for p in WORDS.glob("*.yml"))
    assert sorted(LANGUAGES + ["en"]) == shipped


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_table_has_every_word_and_no_other(code):
    words = table(code)
    assert isinstance(words, dict)
    assert sorted(set(ENGLISH) - set(words)) == [], f"{code}.yml lacks these words"
    assert sorted(set(words) - set(ENGLISH)) == [], f"{code}.yml has words English does not"


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_table_keeps_the_placeholders_and_leaves_nothing_empty(code):
    words = table(code)
    for key, english in ENGLISH.items():
        value = words[key]
        assert isinstance(value, str) and value.strip(), f"{code}.yml: {key} is empty"
        assert value == value.strip(), f"{code}.yml: {key} has spaces around it"
        assert sorted(PLACEHOLDER.findall(value)) == sorted(PLACEHOLDER.findall(english)), f"{code}.yml: {key}: {value!r}"
    # translated, not copied: a word may be the same in both languages ("Question" in French), not many
    same = [key for key in ENGLISH if words[key] == ENGLISH[key]]
    assert len(same) <= 2, f"{code}.yml: still English: {same}"


@pytest.mark.parametrize("code", LANGUAGES + ["en"])
def test_words_that_name_other_words_name_them_as_shown(code):
    """The privacy note quotes the label of the box to tick, and the note
    under Back names the button: both as the page shows them."""
    words = table(code)
    assert words["checklist_keep"] in words["checklist_privacy"]
    assert words["quiz_back"] in words["quiz_back_note"]


@pytest.mark.parametrize("language, code", [
    ("fr", "fr"), ("pt-BR", "pt-BR"), ("pt_BR", "pt-BR"), ("pt", "pt"), ("pt-PT", "pt"),
    ("de-CH", "de"), ("zh", "zh"), ("zh-Hant", "zh"), ("zh-TW", "zh"), ("HE", "he"),
    ("eo", None), ("ku-IQ", None), ("../en", None), ("words/en", None), ("", None),
])
def test_the_table_for_a_theme_language(language, code):
    from guidekit.core.words import table_for

    found, words = table_for(language)
    assert found == code
    assert (words is None) == (code is None)


def _messages(caplog) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("mkdocs.plugins.guidekit")]


def test_a_variant_without_its_own_table_uses_the_main_language_with_a_note(caplog):
    from guidekit.core.problems import Problems
    from guidekit.core.words import load_words

    problems = Problems()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.guidekit"):
        words = load_words("zh-TW", {}, problems, "site.yml")
    assert words["quiz_back"] == table("zh")["quiz_back"]
    assert not problems
    notes = _messages(caplog)
    assert len(notes) == 1 and notes[0][0] == logging.INFO, notes
    assert notes[0][1].startswith("guidekit: site.yml: no UI words for theme language 'zh-TW': using the 'zh' words")

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.guidekit"):
        assert load_words("pt-BR", {}, Problems())["quiz_back"] == "Voltar"
        assert load_words("en-GB", {}, Problems())["quiz_back"] == "Back"
    assert _messages(caplog) == []


QUIZ_AND_CHECKLIST = {
    "docs/index.md": "# Accueil\n\n<!-- quiz q -->\n\n<!-- checklist c -->\n",
    "docs/quizzes/q.yml": "title: T\nstart: a\nquestions:\n  a:\n    text: Q\n    options:\n"
                          "      - {label: Oui, next: fin}\n      - {label: Non, next: fin}\n"
                          "outcomes:\n  fin: {title: Fin, body: Merci.}\n",
    "docs/checklists/c.yml": "title: Brouillon\nchecks:\n  - id: court\n    label: Court\n    why: Court.\n"
                             "    rule: {kind: length, max: 50}\n",
}


def _site(language: str, extra: str = "") -> str:
    return (f"site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  language: {language}\n"
            f"plugins:\n  - search\n  - guidekit{extra}\n")


def test_a_french_site_builds_strictly_in_french(tmp_path):
    result = build(make_project(tmp_path, QUIZ_AND_CHECKLIST, _site("fr")))
    assert result.returncode == 0, result.output
    assert "no UI words" not in result.output
    html = result.page("index.html")
    french = table("fr")
    for key in ("exit_label", "exit_note", "quiz_restart", "quiz_back", "checklist_copy", "checklist_keep",
                "checklist_draft_label", "checklist_auto_heading"):
        assert french[key] in html, key
    # the words the scripts say come from the same table
    said = {}
    for attribute, prefix in (("data-guidekit-exit-words", "exit_"), ("data-checklist-words", "checklist_")):
        found = re.search(attribute + r"='([^']*)'", html)
        assert found, attribute
        said.update({prefix + key: value for key, value in json.loads(unescape(found.group(1))).items()})
    assert len(said) > 20 and said == {key: french[key] for key in said}
    for key in ("exit_label", "quiz_restart", "checklist_copy", "checklist_keep"):
        assert f">{ENGLISH[key]}<" not in html and f"> {ENGLISH[key]}<" not in html, key


def test_a_language_without_a_table_builds_strictly_with_one_info_note(tmp_path):
    """Esperanto (Material has it, the plugin does not): the build passes
    --strict, in English, and says so once, at info level, naming the
    config file the build was given."""
    project = make_project(tmp_path, QUIZ_AND_CHECKLIST, _site("eo"))
    (project / "mkdocs.yml").rename(project / "guide-eo.yml")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "guide-eo.yml", "-d", "out"],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    notes = [line for line in output.splitlines() if "no UI words" in line]
    assert len(notes) == 1, output
    assert notes[0].startswith("INFO") and "guidekit: guide-eo.yml: no UI words for theme language 'eo'" in notes[0], notes
    assert f"{len(ENGLISH)} word(s) stay in English" in notes[0] and "'words' option in guide-eo.yml" in notes[0]
    assert "mkdocs.yml" not in notes[0]
    assert "WARNING" not in output
    assert ENGLISH["exit_label"] in (project / "out" / "index.html").read_text("utf-8")


def test_a_site_that_gives_every_word_gets_no_note(tmp_path):
    words = "".join(f"\n        {key}: 'EO {key}'" for key in ENGLISH)
    result = build(make_project(tmp_path, QUIZ_AND_CHECKLIST, _site("eo", ":\n      words:" + words)))
    assert result.returncode == 0, result.output
    assert "no UI words" not in result.output
    assert "EO exit_label" in result.page("index.html")


# --- right to left, in Chromium ------------------------------------------------

DARK_AND_LIGHT = """\
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: amber # its links and header text have enough contrast in Material's dark scheme
      toggle: {icon: material/brightness-4, name: Light}
"""


@pytest.fixture(scope="module", params=["ar", "he"])
def rtl_site(request, tmp_path_factory):
    """The small complete guide of examples/minimal, with theme language ar or he."""
    language = request.param
    project = tmp_path_factory.mktemp(f"rtl-{language}")
    shutil.copytree(ROOT / "examples" / "minimal", project, dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "  name: material\n" in config
    config = config.replace("  name: material\n", f"  name: material\n  language: {language}\n" + DARK_AND_LIGHT)
    (project / "mkdocs.yml").write_text(config, "utf-8")
    site = project / "site"
    site.mkdir()
    server, url = serve(site)
    result = build(project)
    assert result.returncode == 0, result.output
    assert "no UI words" not in result.output
    yield language, url
    server.shutdown()


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("e => { const r = e.getBoundingClientRect(); "
                                                 "return {left: r.left, right: r.right, width: r.width}; }")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_right_to_left_pages_lay_out_right_to_left(browser, rtl_site, scheme):
    language, url = rtl_site
    words = table(language)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = Watch(page, url)
    page.goto(url)
    page.wait_for_selector(".gk-quiz.gk-quiz--js", state="attached")
    page.wait_for_selector("[data-checklist][data-guidekit-started]", state="attached")
    page.wait_for_selector("[data-guidekit-exit-wrap][data-guidekit-started]", state="attached")
    material_ready(page)
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.body.dir") == "rtl"
    expected_scheme = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected_scheme}'")

    # every component runs right to left, in the language's words
    for selector in (".gk-quiz", ".gk-checklist", ".guidekit-exit"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).direction") == "rtl", selector
    assert words["exit_label"] in page.locator("[data-guidekit-exit]").text_content()
    assert page.locator("[data-checklist-copy]").text_content().strip() == words["checklist_copy"]

    # Exit this page sits at the end of the line: on the left
    exit_box, content = _box(page, ".guidekit-exit"), _box(page, ".md-content__inner")
    assert exit_box["left"] - content["left"] < content["right"] - exit_box["right"], (exit_box, content)

    # the checklist's marks are at the start of each line: on the right
    sides = page.locator(".gk-checklist__checks > li").first.evaluate(
        "e => [parseFloat(getComputedStyle(e).borderRightWidth), parseFloat(getComputedStyle(e).borderLeftWidth),"
        " parseFloat(getComputedStyle(e).paddingRight), parseFloat(getComputedStyle(e).paddingLeft)]")
    assert sides[0] > 0 and sides[1] == 0 and sides[2] > sides[3], sides

    # the quiz: an answer's words start on the right; Back comes first, so on the right of Start again
    option = page.locator("[data-quiz-option]").first
    text_right, box_right = option.evaluate("""e => {
        const range = document.createRange(); range.selectNodeContents(e);
        return [range.getBoundingClientRect().right, e.getBoundingClientRect().right]; }""")
    assert box_right - text_right < 30, (text_right, box_right)
    option.click()
    back = page.locator("[data-quiz-back]")
    back.wait_for(state="visible")
    assert back.text_content().strip() == words["quiz_back"]
    restart = page.locator("[data-quiz-restart]")
    assert _box(page, "[data-quiz-back]")["left"] > _box(page, "[data-quiz-restart]")["right"] - 1
    assert restart.text_content().strip() == words["quiz_restart"]

    # a finding in the checklist, in the language's words
    page.locator("[data-checklist-draft]").fill("you always " * 70)
    page.wait_for_function("(text) => document.querySelector('[data-checklist]').textContent.includes(text)",
                           arg=words["checklist_state_unmet"])

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"words-rtl-{language}-{scheme}.png"), full_page=True)
    # left out, as for the example in English (tests/test_docs_examples.py): two parts of Material
    # itself that fail axe on any stock Material site (the search dialog's name, the faint
    # "Made with Material" line); this repository's own site fixes them in site_overrides/
    assert axe_violations(page, {"exclude": [[".md-search"], [".md-copyright"]]}) == []
    page.watch.assert_clean()
    context.close()
