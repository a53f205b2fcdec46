"""Placements as the Markdown parser sees them, reported at the line and
column an editor shows (front matter included), by the build and by
``python -m guidekit check`` alike."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from guidekit.core.placement import find_in_html, first_line, source_comments
from helpers import ROOT, BuildResult, build, make_project

MINIMAL = ROOT / "examples" / "minimal"
KINDS = {"quiz", "checklist", "quiz-outline"}


def check(project: Path, *, strict: bool = True) -> BuildResult:
    """``python -m guidekit check`` as an author runs it."""
    cmd = [sys.executable, "-m", "guidekit", "check", str(project)] + (["--strict"] if strict else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "site")


def both(project: Path) -> list[tuple[str, BuildResult]]:
    return [("mkdocs build", build(project)), ("guidekit check", check(project))]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The line (from 1, as an editor counts) of the nth line holding ``needle``."""
    return [i for i, line in enumerate(text.split("\n"), 1) if needle in line][nth]


def minimal(tmp_path: Path, page: str) -> Path:
    """The minimal example with ``page`` as its index.md."""
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    (project / "docs" / "index.md").write_text(page, encoding="utf-8")
    return project


INDEX = (MINIMAL / "docs" / "index.md").read_text(encoding="utf-8")
BODY = INDEX.split("---\n", 2)[2]
HEADS = {
    "front-matter": INDEX.split("# Before", 1)[0],  # the example's own four lines, and a blank one
    "no-front-matter": "",
    "front-matter-then-blank-lines": "---\ntitle: A page\n---\n\n\n\n",
    "multimarkdown-meta": "Title: A page\nSummary: Meta data the MultiMarkdown way\n\n",
}


@pytest.mark.parametrize("head", HEADS, ids=str)
def test_a_page_mistake_is_reported_at_the_line_an_editor_shows(tmp_path, head):
    text = HEADS[head] + BODY.lstrip("\n").replace("<!-- quiz feelings -->", "<!-- quiz feelngs -->")
    project = minimal(tmp_path, text)
    line = line_of(text, "<!-- quiz feelngs -->")
    for how, result in both(project):
        assert result.returncode == 1 and "Traceback" not in result.output, (how, result.output)
        assert f"docs/index.md:{line}:1: no quiz named 'feelngs' (did you mean 'feelings'?); known quizzes: feelings" \
            in result.output, (how, result.output)


def test_the_example_builds_with_its_front_matter(tmp_path):
    project = minimal(tmp_path, INDEX)
    for how, result in both(project):
        assert result.returncode == 0, (how, result.output)
    html = (project / "site" / "index.html").read_text("utf-8")
    assert html.count('data-quiz="feelings"') == 1 and html.count('data-checklist="draft"') == 1


def test_the_guide_reports_a_misspelt_checklist_at_its_own_line(tmp_path):
    """content/writing.md has front matter: its placement is on the line an
    editor shows, not that line less the front matter."""
    content = tmp_path / "guide" / "content"
    shutil.copytree(ROOT / "content", content)
    writing = content / "writing.md"
    text = writing.read_text("utf-8")
    assert text.startswith("---\n")
    line = line_of(text, "<!-- checklist first-message -->")
    writing.write_text(text.replace("<!-- checklist first-message -->", "<!-- checklist first-mesage -->"), "utf-8")
    project = make_project(tmp_path / "guide", {}, """\
        site_name: Guide
        docs_dir: content
        theme: {name: material, font: false}
        plugins: [guidekit]
        markdown_extensions: [admonition, attr_list, md_in_html, def_list, tables, pymdownx.details, pymdownx.superfences,
                              {toc: {permalink: true}}]
        """)
    result = check(project, strict=False)
    assert result.returncode == 1, result.output
    assert f"content/writing.md:{line}:1: no checklist named 'first-mesage' (did you mean 'first-message'?)" in result.output


MISTAKES = """\
---
title: Mistakes
---

# Mistakes

<!-- quizz feelings -->

<!-- Checklist draft -->

<!-- checklist Check your draft -->

<!-- quiz -->

Some text <!-- quiz feelings --> in a line.

<!-- a note about the quiz below

<!-- quiz feelings -->

<!-- quiz-outline feelings -->
"""


@pytest.mark.parametrize("marker, message", [
    ("<!-- quizz feelings -->", "'<!-- quizz feelings -->' looks like a placement, but 'quizz' is not one of checklist, "
                                "quiz, quiz-outline (did you mean '<!-- quiz feelings -->'?)"),
    ("<!-- Checklist draft -->", "'<!-- Checklist draft -->' looks like a placement, but 'Checklist' is not one of "
                                 "checklist, quiz, quiz-outline (did you mean '<!-- checklist draft -->'?)"),
    ("<!-- checklist Check your draft -->", "'<!-- checklist Check your draft -->' names a checklist with several words: "
                                            "write the checklist's id, its file name without '.yml', not its title "
                                            "(did you mean '<!-- checklist draft -->'?)"),
    ("<!-- quiz -->", "'<!-- quiz -->' names no quiz: write '<!-- quiz ID -->'"),
    ("Some text <!-- quiz", "'<!-- quiz feelings -->' must stand alone on its own line"),
    ("\n<!-- quiz feelings -->", "'<!-- quiz feelings -->' did not reach the page's HTML, so nothing is shown there"),
])
def test_a_placement_that_would_show_nothing_is_an_error(tmp_path_factory, mistakes_project, marker, message):
    line = line_of(MISTAKES, marker.strip()) if not marker.startswith("\n") else line_of(MISTAKES, marker.strip(), 1)
    column = 11 if marker.startswith("Some text") else 1
    for how, result in mistakes_project:
        assert result.returncode == 1 and "Traceback" not in result.output, (how, result.output)
        assert f"docs/index.md:{line}:{column}: {message}" in result.output, (how, result.output)


@pytest.fixture(scope="module")
def mistakes_project(tmp_path_factory):
    project = minimal(tmp_path_factory.mktemp("mistakes"), MISTAKES)
    results = both(project)
    # the outline placed after the mistakes is fine: six problems, no more
    for how, result in results:
        assert re.search(r"\b6 problems in guide data", result.output), (how, result.output)
    return results


SHOWN = """\
# Showing the syntax

Put this line on a page:

```markdown
<!-- quiz feelings -->
```

~~~
<!-- checklist draft -->
~~~

Or as an indented block:

    <!-- quiz feelings -->

Inline, as `<!-- quiz feelings -->`, is shown too.

- In a list:

    <!-- quiz feelings -->

## Wait for a calm moment {#calm-moment}

## Check your draft {#check-your-draft}

!!! note

    <!-- checklist draft -->
"""


def test_a_placement_shown_in_code_is_shown_not_expanded(tmp_path):
    project = minimal(tmp_path, SHOWN)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace("markdown_extensions:", "markdown_extensions:\n  - admonition\n"
                                                  "  - pymdownx.highlight\n  - pymdownx.superfences"), "utf-8")
    for how, result in both(project):
        assert result.returncode == 0, (how, result.output)
    html = (project / "site" / "index.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert text.count("&lt;!-- quiz feelings --&gt;") == 3  # fenced, indented, inline
    assert text.count("&lt;!-- checklist draft --&gt;") == 1  # the tilde fence
    # the list item and the note are Markdown, not code: placed there
    assert html.count('data-quiz="feelings"') == 1 and html.count('data-checklist="draft"') == 1
    assert "<!-- quiz feelings -->" not in html and "<!-- checklist draft -->" not in html


# --- the two steps on their own, with Python-Markdown's output ----------------

CONFIGS = {
    "fenced-code": (["fenced_code"], {}),
    "pygments": (["pymdownx.highlight", "pymdownx.superfences"], {}),
    "line-numbers": (["pymdownx.highlight", "pymdownx.superfences"], {"pymdownx.highlight": {"linenums": True}}),
    "no-pygments": (["pymdownx.highlight", "pymdownx.superfences"], {"pymdownx.highlight": {"use_pygments": False}}),
    "tabs-and-details": (["pymdownx.superfences", "pymdownx.tabbed", "pymdownx.details", "admonition", "md_in_html"], {}),
}
SOURCE = """\
# Page

<!-- quiz readiness -->

```html
<!-- quiz readiness -->
<p>text</p>
```

```markdown
Some text, then <!-- checklist first-message --> in code.
```

    <!-- checklist first-message -->

<!-- just a comment -->

<!-- checklist first-message -->
"""


@pytest.mark.parametrize("config", CONFIGS, ids=str)
def test_placements_are_what_the_parser_kept_as_comments(config):
    extensions, configs = CONFIGS[config]
    html = markdown.markdown(SOURCE, extensions=extensions, extension_configs=configs)
    found = find_in_html(html, source_comments(SOURCE), KINDS)
    assert not found.mistakes, found.mistakes
    assert [(p.kind, p.id, p.line, p.column) for p in found.placements] == [
        ("quiz", "readiness", 3, 1), ("checklist", "first-message", 18, 1)]
    for place in found.placements:
        assert "<!--" in html[place.start:place.end] and "&lt;" not in html[place.start:place.end]


def test_a_placement_in_a_paragraph_of_its_own_is_replaced_with_its_paragraph():
    html = "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p><!-- quiz readiness --></p>\n</div>"
    [place] = find_in_html(html, source_comments("!!! note\n    <!-- quiz readiness -->\n"), KINDS).placements
    assert html[place.start:place.end] == "<p><!-- quiz readiness --></p>" and place.line == 2


def test_a_comment_the_source_does_not_hold_is_placed_without_a_line():
    """Text another extension put in (an included file) has no line in this page."""
    [place] = find_in_html("<!-- quiz readiness -->\n", [], KINDS).placements
    assert (place.line, place.column) == (0, 0)


@pytest.mark.parametrize("comment", ["<!-- TODO: check this -->", "<!-- markdownlint-disable MD033 -->",
                                     "<!-- quick note -->", "<!-- checks pass -->", "<!--! licence -->",
                                     "<!-- the quiz below is new -->"])
def test_ordinary_comments_are_left_alone(comment):
    html = markdown.markdown(f"# Page\n\n{comment}\n")
    found = find_in_html(html, source_comments(f"# Page\n\n{comment}\n"), KINDS)
    assert not found.placements and not found.mistakes


@pytest.mark.parametrize("source, markdown_text, expected", [
    ("---\na: 1\n---\n\n# T\n", "# T\n", 5),
    ("# T\n", "# T\n", 1),
    # changed by another plugin (a macro filled in): counted from the end of the source's front matter
    ("---\na: 1\n---\n# T\n", "# Changed by another plugin\n", 4),
    ("---\na: 1\n---\n\n\n# T {{ x }}\n", "# T 1\n", 6),
    ("# T {{ x }}\n", "# T 1\n", 1),
    (None, "# T\n", 1),
])
def test_first_line(source, markdown_text, expected):
    assert first_line(source, markdown_text) == expected


EXCLUDING = {
    "the exclude plugin": "  - exclude:\n      glob: ['*.yml']\n  - guidekit\n",
    "exclude_docs": "  - guidekit\nexclude_docs: '*.yml'\n",
    "the exclude plugin, listed after guidekit": "  - guidekit\n  - exclude:\n      glob: ['*.yml']\n",
}


@pytest.mark.parametrize("how", EXCLUDING, ids=str)
def test_a_data_file_another_plugin_excluded(tmp_path, how):
    """A site that keeps YAML out of its pages, with MkDocs' exclude_docs
    (guidekit still reads its data) or the exclude plugin: listed before
    guidekit, it takes the data away first, and the build says so, with
    what to change, instead of "no quiz named"."""
    mkdocs_yml = (MINIMAL / "mkdocs.yml").read_text(encoding="utf-8").replace("  - guidekit\n", EXCLUDING[how])
    project = minimal(tmp_path, INDEX)
    (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    result = build(project)
    if how == "the exclude plugin":
        line = line_of(INDEX, "<!-- quiz feelings -->")
        assert result.returncode == 1, result.output
        assert (f"docs/index.md:{line}:1: no quiz named 'feelings' was read, although docs/quizzes/feelings.yml exists: "
                "another plugin listed before guidekit (such as 'exclude') took it out of the site's files; in mkdocs.yml "
                "list '- guidekit' before that plugin") in result.output, result.output
        assert "known quizzes" not in result.output
    else:
        assert result.returncode == 0, result.output
        html = (project / "site" / "index.html").read_text("utf-8")
        assert html.count('data-quiz="feelings"') == 1 and html.count('data-checklist="draft"') == 1
        assert not (project / "site" / "quizzes").exists()
