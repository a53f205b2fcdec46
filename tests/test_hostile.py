"""Hostile text in every field of a quiz and a checklist.

The corpus (tests/fixtures/hostile/) fills every text field, and the Markdown
inside them, with script tags, event-handler attributes, attribute
breakouts, links with dangerous schemes, entity tricks, control characters,
right-to-left overrides, zero-width characters, nested placement comments and
template syntax; this module adds a variant with 100,000-character fields.
Each input either builds and shows as inert text, or is refused with a
``path:line: message`` and no traceback. In Chromium, clicking through the
quiz, typing hostile drafts into the checklist and searching the site runs no
script (a trap the payloads call, and alert dialogs, are watched), leaves no
event-handler attribute or script link in the page, and makes no request to
another origin.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import Watch, serve
from helpers import ROOT, BuildResult, build, make_project
from guidekit.checklist.compile import normalise
from guidekit.core.yamlfile import load_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "hostile"

MKDOCS_YML = """\
site_name: Hostile input
site_url: {url}
docs_dir: docs
theme:
  name: material
  custom_dir: {overrides}
  font: false
  features: [navigation.instant]
plugins:
  - search
  - guidekit:
      inline_scripts: files  # Material's inline scripts in files, as the guide has them
      # the UI words a site may set: escaped like every other text
      words:
        exit_label: "\\" onclick=\\"__pwned('word exit')"
        quiz_back: "<img src=x onerror=__pwned('word back')> Back"
        quiz_restart: "</a><script>__pwned('word restart')</script>"
        quiz_result: "{{{{ 7*7 }}}} <svg onload=__pwned('word result')>"
        quiz_change_hint: "\\" onfocus=\\"__pwned('word hint')"
        checklist_found: "<b onmouseover=__pwned('word found')>Found</b>: {{found}}."
        checklist_copy: "'><script>__pwned('word copy')</script>"
        checklist_summary: "{{done}} </script><script>__pwned('word summary')</script> {{total}}"
        outline_question: "<iframe src=https://evil.example/></iframe> Question:"
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - def_list
  - tables
  - pymdownx.details
  - toc:
      permalink: true
"""

LONG = 100_000


def mkdocs_yml(url: str = "") -> str:
    """The site's own theme overrides and Markdown settings, with inline scripts moved into files."""
    return MKDOCS_YML.format(url=url, overrides=ROOT / "site_overrides")


def quote(text: str) -> str:
    """``text`` as a one-line double-quoted YAML scalar (any character)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def long(payload: str, size: int = LONG) -> str:
    return (payload * (size // len(payload) + 1))[:size]


PLAIN = "<script>__pwned('long')</script>\" onmouseover=\"__pwned('long')\" \u202e\u200b\x1b[31m{{ 7*7 }} "
MARKDOWN = "<img src=x onerror=__pwned('long md')> [home](../index.md) *<b>bold</b>*\n\n"
PHRASES = [f"{i:03d} " + long("<script>__pwned('phrase')</script> \u202e ", 196) for i in range(300)]


def long_quiz() -> str:
    return f"""\
title: {quote(long(PLAIN))}
intro: {quote(long(MARKDOWN))}
start: first
questions:
  first:
    text: {quote(long(PLAIN))}
    help: {quote(long(MARKDOWN))}
    options:
      - label: {quote(long(PLAIN))}
        next: end
      - label: Short
        next: end
outcomes:
  end:
    title: {quote(long(PLAIN))}
    body: {quote(long(MARKDOWN))}
"""


def long_checklist() -> str:
    phrases = "\n".join(f"        - {quote(p)}" for p in PHRASES)
    return f"""\
title: {quote(long(PLAIN))}
intro: {quote(long(MARKDOWN))}
checks:
  - id: long
    label: {quote(long(PLAIN))}
    why: {quote(long(MARKDOWN))}
    rule:
      kind: avoid
      phrases:
{phrases}
      message: {quote(long(PLAIN))}
      suggestion: {quote(long(PLAIN))}
"""


def fixture_files() -> dict[str, str]:
    files = {str(p.relative_to(FIXTURE)): p.read_text("utf-8") for p in FIXTURE.rglob("*") if p.is_file()}
    files["docs/quizzes/long.yml"] = long_quiz()
    files["docs/checklists/long.yml"] = long_checklist()
    files["docs/long.md"] = "# Long\n\n<!-- quiz long -->\n\n<!-- checklist long -->\n"
    files["docs/index.md"] = "# Home\n\nSee [the hostile page](hostile.md) and [the long page](long.md).\n"
    return files


def write_project(root: Path, files: dict[str, str], mkdocs_yml: str) -> Path:
    """Like helpers.make_project, without dedenting (the data is exact)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The corpus built with --strict for the address it is served at."""
    root = tmp_path_factory.mktemp("hostile")
    out = root / "site"
    out.mkdir()
    server, url = serve(out)
    project = write_project(root / "project", fixture_files(), mkdocs_yml(url))
    result = build(project, extra_args=("-d", str(out)))
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    yield out, url
    server.shutdown()


def data(kind: str, ident: str):
    """The loaded YAML of a corpus file (to compare what the page shows)."""
    if ident == "long":
        text = long_quiz() if kind == "quizzes" else long_checklist()
    else:
        text = (FIXTURE / "docs" / kind / f"{ident}.yml").read_text("utf-8")
    loaded = load_yaml(text, f"{kind}/{ident}.yml")
    assert not loaded.problems.errors, [str(p) for p in loaded.problems.items]
    return loaded.data


# ---------------------------------------------------------------------------
# The built HTML, read statically

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "ping", "poster", "background", "data",
                  "xlink:href", "cite", "longdesc", "lowsrc", "manifest", "icon", "codebase"}
LOADED_ATTRIBUTES = URL_ATTRIBUTES - {"href", "action", "formaction", "cite", "longdesc"}  # fetched on load
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch", "preconnect"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)


def browser_url(value: str) -> str:
    """A URL as a browser reads it: no leading or trailing controls or
    spaces, no tabs or line breaks anywhere."""
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


class Scan(HTMLParser):
    """Every finding that would let a page run or load something it should not."""

    def __init__(self, site: Path, page: Path, url: str):
        super().__init__(convert_charrefs=True)
        self.site, self.page, self.origin = site, page, urlsplit(url).netloc
        self.findings: list[str] = []
        self.script: dict | None = None
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(browser_url(value)):
                self.findings.append(f"<{tag} {name}={value[:80]!r}>")
            loading_link = tag == "link" and name == "href" and attrs_d.get("rel") in LOADING_RELS
            if name in LOADED_ATTRIBUTES or loading_link:
                for url in (value.split(",") if name == "srcset" else [value]):
                    parts = urlsplit(browser_url(url).split(" ")[0])
                    if (parts.scheme or parts.netloc) and parts.netloc != self.origin:
                        self.findings.append(f"<{tag} {name}={value[:80]!r}> loads from another address")
        if tag == "script":
            self.script = {"attrs": attrs_d, "text": ""}
            self.scripts.append(self.script)
        if tag in ("iframe", "frame", "object", "embed", "base") or tag == "meta" and "http-equiv" in attrs_d:
            self.findings.append(f"<{tag}>")

    def handle_data(self, text):
        if self.script is not None:
            self.script["text"] += text

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None

    def check_scripts(self) -> None:
        for script in self.scripts:
            src, kind = script["attrs"].get("src"), script["attrs"].get("type")
            if src:
                parts = urlsplit(src)
                base = self.site if parts.path.startswith("/") else self.page.parent
                target = (base / parts.path.lstrip("/")).resolve()
                if parts.scheme or parts.netloc or not target.is_file() or self.site not in target.parents:
                    self.findings.append(f"<script src={src!r}> is not a file of the site")
                if script["text"].strip():
                    self.findings.append(f"<script src={src!r}> has inline text too")
            elif kind == "application/json":  # a data block (Material's configuration), never run
                if "pwned" in script["text"]:
                    self.findings.append("data from the guide inside a JSON script block")
            else:
                self.findings.append(f"inline script: {script['text'][:80]!r}")


def test_the_corpus_builds_and_the_html_is_inert(hostile_site):
    site, url = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert {p.relative_to(site).as_posix() for p in pages} >= {"index.html", "hostile/index.html", "long/index.html"}
    assert not list(site.rglob("*.yml")), "the data files are not published"
    findings = {}
    for page in pages:
        scan = Scan(site.resolve(), page.resolve(), url)
        scan.feed(page.read_text("utf-8"))
        scan.close()
        scan.check_scripts()
        if scan.findings:
            findings[page.relative_to(site).as_posix()] = scan.findings
    assert not findings, findings


HOSTILE_WORDS = {
    "exit_label": "\" onclick=\"__pwned('word exit')", "quiz_back": "<img src=x onerror=__pwned('word back')> Back",
    "quiz_restart": "</a><script>__pwned('word restart')</script>", "quiz_result": "{{ 7*7 }} <svg onload=__pwned('word result')>",
    "quiz_change_hint": "\" onfocus=\"__pwned('word hint')",
    "outline_question": "<iframe src=https://evil.example/></iframe> Question:",
}


def test_hostile_ui_words_are_shown_as_text(hostile_site):
    """The words of mkdocs.yml (plugins > guidekit > words) reach the page as
    text: the browser reads each back exactly as written, no element or
    attribute of theirs is in the page."""
    site, _url = hostile_site
    html = (site / "hostile" / "index.html").read_text("utf-8")
    assert "__pwned(&#39;word" in html  # they are on the page...
    for raw in ["<script>__pwned('word", "<img src=x onerror=__pwned('word", "<svg onload=__pwned('word",
                "onclick=\"__pwned('word", "onfocus=\"__pwned('word", "<iframe src=https://evil"]:
        assert raw not in html, raw  # ...never as markup
    assert "{{ 7*7 }} &lt;svg onload=__pwned(&#39;word result&#39;)&gt;" in html  # and no template runs them


def test_hostile_ui_words_read_back_as_written(trapped):
    page = trapped.page
    page.goto(f"{trapped.url}hostile/")
    page.wait_for_selector("[data-quiz='hostile'][data-guidekit-started]", state="attached")
    shown = page.evaluate("""() => ({
        exit_label: document.querySelector('[data-guidekit-exit]').textContent.trim().replace(/^Emergency\\s+/, ''),
        quiz_back: document.querySelector("[data-quiz='hostile'] [data-quiz-back]").textContent,
        quiz_restart: document.querySelector("[data-quiz='hostile'] [data-quiz-restart]").textContent,
        quiz_change_hint: document.querySelector("[data-quiz='hostile']").dataset.quizChangeHint,
    })""")
    assert shown == {key: HOSTILE_WORDS[key] for key in shown}
    page.locator("[data-quiz='hostile'] [data-quiz-node='first'] [data-quiz-option]").first.click()
    page.click("[data-quiz='hostile'] [data-quiz-back]")
    trapped.assert_clean()


def test_each_component_is_rendered_once_where_it_is_placed(hostile_site):
    site, _url = hostile_site
    html = (site / "hostile" / "index.html").read_text("utf-8")
    # nested placement comments in the data stay text: each component once
    assert html.count('data-quiz="hostile"') == 1 and html.count('data-checklist="hostile"') == 1
    assert html.count('data-quiz-outline="hostile"') == 1
    assert html.index('data-quiz="hostile"') < html.index('data-checklist="hostile"')
    assert "&lt;!-- checklist hostile --&gt;" in html and "&lt;!-- quiz hostile --&gt;" in html
    # the placement inside a code block in the page stays a code sample
    assert "<code>&lt;!-- quiz hostile --&gt;" in html
    # template syntax is shown, not run
    assert "{{ 7*7 }}" in html and "{% if 1 %}jinja{% endif %}" in html
    assert html.count("data-guidekit-exit>") == 1


# ---------------------------------------------------------------------------
# Inputs the build refuses: all reported at once, each with its file and line


def small_quiz(intro: str = "Hello.", **fields) -> str:
    values = {"title": "A quiz", "intro": intro, "text": "Ready?", "help": "Some help.", "label": "Yes",
              "next": "done", "start": "first", "otitle": "Done", "body": "All done."}
    values.update(fields)
    q = {k: quote(v) for k, v in values.items()}
    return (f"title: {q['title']}\nintro: {q['intro']}\nstart: {q['start']}\nquestions:\n  first:\n"
            f"    text: {q['text']}\n    help: {q['help']}\n    options:\n      - label: {q['label']}\n"
            f"        next: {q['next']}\n      - label: Not yet\n        next: done\noutcomes:\n  done:\n"
            f"    title: {q['otitle']}\n    body: {q['body']}\n")


# lines in small_quiz
TITLE, INTRO, START, TEXT, HELP, NEXT, BODY = 1, 2, 3, 6, 7, 10, 16


def small_checklist(why: str = "Why.", phrases: list[str] | None = None, kind: str = "avoid") -> str:
    items = "\n".join(f"        - {quote(p)}" for p in (phrases or ["blame"]))
    return (f"title: A checklist\nchecks:\n  - id: one\n    label: A check\n    why: {quote(why)}\n"
            f"    rule:\n      kind: {quote(kind)}\n      phrases:\n{items}\n")


# checklist lines
WHY, KIND, PHRASE1 = 5, 7, 9

LINK_ONLY = "only http, https, mailto and tel links are allowed"
ATTRIBUTE = "is not allowed in guide data"
PICTURE = "pictures must be files of this site"

# (name, Markdown put in a quiz's intro, or (field, value), the message expected at that line)
MARKDOWN_REFUSED = [
    ("javascript-link", "[x](javascript:__pwned('link'))", LINK_ONLY),
    ("mixed-case-scheme", "[x](JaVaScRiPt:__pwned('case'))", LINK_ONLY),
    ("entity-scheme", "[x](&#106;avascript:__pwned('entity'))", LINK_ONLY),
    ("hex-entity-colon", "[x](javascript&#x3a;__pwned('hex'))", LINK_ONLY),
    ("named-entity-colon", "[x](javascript&colon;__pwned('colon'))", LINK_ONLY),
    ("tab-in-scheme", "[x](java&Tab;script:__pwned('tab'))", LINK_ONLY),
    ("space-before-scheme", "[x]( javascript:__pwned('space'))", LINK_ONLY),
    ("angle-link", "[x](<javascript:__pwned('angle')>)", LINK_ONLY),
    ("vbscript", "[x](vbscript:msgbox(1))", LINK_ONLY),
    ("data-link", "[x](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCk8L3NjcmlwdD4=)", LINK_ONLY),
    ("reference-link", "[x][r]\n\n[r]: javascript:__pwned('ref')", LINK_ONLY),
    ("protocol-relative", "[x](//evil.example/)", LINK_ONLY),
    ("file-link", "[x](file:///etc/passwd)", LINK_ONLY),
    ("absolute-path", "[x](/etc/passwd)", "write links to guide pages relative to this file"),
    ("up-and-out", "[x](../../../../../etc/passwd)", "which is not a file of the site"),
    ("foreign-picture", "![x](https://evil.example/pixel.png)", PICTURE),
    ("data-picture", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9X19wd25lZCgpPjwvc3ZnPg==)", PICTURE),
    ("reference-picture", "![x][p]\n\n[p]: https://evil.example/pixel.png", PICTURE),
    ("attr-onclick-paragraph", "Text\n{: onclick=\"__pwned('p')\" }", "attribute 'onclick' " + ATTRIBUTE),
    ("attr-onmouseover-link", "[x](../index.md){: onmouseover=\"__pwned('a')\" }", "attribute 'onmouseover' " + ATTRIBUTE),
    ("attr-mixed-case", "# Heading {: OnFocus=\"__pwned('h')\" tabindex=0 }", "attribute 'OnFocus' " + ATTRIBUTE),
    ("attr-style", "Text\n{: style=\"background:url(https://evil.example/bg)\" }", "attribute 'style' " + ATTRIBUTE),
    ("attr-srcset", "![x](../index.md){: srcset=\"https://evil.example/x.png 2x\" }", "attribute 'srcset' " + ATTRIBUTE),
    ("attr-ping", "[x](../index.md){: ping=\"https://evil.example/ping\" }", "attribute 'ping' " + ATTRIBUTE),
    ("attr-href-on-paragraph", "Text\n{: href=\"javascript:__pwned('p href')\" }", LINK_ONLY),
    ("attr-href-override", "[x](../index.md){: href=\"javascript:__pwned('override')\" }", LINK_ONLY),
    ("attr-src-on-paragraph", "Text\n{: src=\"https://evil.example/x.js\" }", PICTURE),
    ("attr-component-hook", "Text\n{: data-quiz-option=\"done\" }", "attribute 'data-quiz-option' " + ATTRIBUTE),
    ("attr-formaction", "Text\n{: formaction=\"javascript:__pwned()\" }", "attribute 'formaction' " + ATTRIBUTE),
    ("attr-in-help", ("help", "Help\n{: onclick=\"__pwned('help')\" }"), "attribute 'onclick' " + ATTRIBUTE),
    ("link-in-body", ("body", "[x](javascript:__pwned('body'))"), LINK_ONLY),
]
FIELD_LINES = {"intro": INTRO, "help": HELP, "body": BODY}

# (name, checklist text, line, message)
CHECKLIST_REFUSED = [
    ("why-javascript", small_checklist(why="[x](javascript:__pwned('why'))"), WHY, LINK_ONLY),
    ("why-attr", small_checklist(why="Why\n{: onclick=\"__pwned('why')\" }"), WHY, "attribute 'onclick' " + ATTRIBUTE),
    ("why-picture", small_checklist(why="![x](https://evil.example/p.png)"), WHY, PICTURE),
]


def test_hostile_markdown_is_refused_with_file_and_line(tmp_path):
    files = {}
    expected = []
    for name, value, message in MARKDOWN_REFUSED:
        field, text = value if isinstance(value, tuple) else ("intro", value)
        files[f"docs/quizzes/{name}.yml"] = small_quiz(**{field: text})
        expected.append((f"docs/quizzes/{name}.yml:{FIELD_LINES[field]}: ", message))
    for name, text, line, message in CHECKLIST_REFUSED:
        files[f"docs/checklists/{name}.yml"] = text
        expected.append((f"docs/checklists/{name}.yml:{line}: ", message))
    files["docs/all.md"] = "# All\n\n" + "".join(f"<!-- quiz {n} -->\n\n" for n, _, _ in MARKDOWN_REFUSED) + "".join(
        f"<!-- checklist {n} -->\n\n" for n, *_ in CHECKLIST_REFUSED)
    project = write_project(tmp_path / "p", files | {"docs/index.md": "# Home\n"}, mkdocs_yml())
    for how, output in (("mkdocs build", build(project)), ("guidekit check", check(project))):
        assert output.returncode != 0, how
        text = output.output
        assert "Traceback" not in text, (how, text)
        lines = [line.strip() for line in text.splitlines()]
        for prefix, message in expected:
            hits = [line for line in lines if line.startswith(prefix) and message in line]
            assert hits, f"{how}: no '{prefix}... {message}' in:\n{text}"


def test_an_automatic_mail_link_is_not_mistaken_for_a_broken_link(tmp_path):
    files = {"docs/quizzes/mail.yml": small_quiz(intro="Write to <someone@example.org>."),
             "docs/quiz.md": "# Quiz\n\n<!-- quiz mail -->\n"}
    result = build(make_project(tmp_path / "p", files))
    assert result.returncode == 0, result.output
    assert 'href="mailto:someone@example.org"' in result.page("quiz/index.html")


def test_table_alignment_becomes_an_attribute_not_a_style(tmp_path):
    files = {"docs/quizzes/table.yml": small_quiz(intro="| a | b |\n|:--|--:|\n| 1 | 2 |"),
             "docs/quiz.md": "# Quiz\n\n<!-- quiz table -->\n"}
    result = build(make_project(tmp_path / "p", files, mkdocs_yml()))
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    section = html[html.index('data-quiz="table"'):html.index("data-quiz-answers")]
    assert '<th align="left">a</th>' in section and '<td align="right">2</td>' in section
    assert "style=" not in section


def check(project: Path) -> BuildResult:
    """``python -m guidekit check`` on ``project``, as an author would run it."""
    proc = subprocess.run([sys.executable, "-m", "guidekit", "check", str(project)], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "site")


# (name, file text, line, message) for the load stage (before any page)
LOAD_REFUSED = [
    ("hostile-id", small_quiz().replace("  first:\n", "  \"x\\\" onclick=\\\"__pwned()\":\n").replace(
        "start: \"first\"", "start: \"x\\\" onclick=\\\"__pwned()\""), 5, "ids use lowercase letters"),
    ("script-start", small_quiz(start="<script>__pwned()</script>"), START, "which is not a question of this quiz"),
    ("javascript-next", small_quiz(next="javascript:__pwned()"), NEXT,
     "leads to 'javascript:__pwned()', which is not a question or outcome"),
    ("blank-title", small_quiz(title="\u2028\u3000\t \u00a0"), TITLE, "'title' must not be empty"),
    ("python-tag", small_quiz().replace("title: \"A quiz\"", "title: !!python/object/apply:os.system [\"touch pwned-by-yaml\"]"),
     TITLE, "a value starts with '!!python/object/apply:os.system', which YAML reads as a type"),
    ("unknown-handler-key", small_quiz() + "onclick: \"__pwned()\"\n", 17, "unknown key 'onclick'"),
    ("escape-in-key", small_quiz() + "\"\\e[31mred\": 1\n", 17, "unknown key '\\x1b[31mred'"),
]
CHECKLIST_LOAD_REFUSED = [
    ("script-kind", small_checklist(kind="<script>"), KIND, "unknown kind '<script>'"),
    ("hostile-check-id", small_checklist().replace("id: one", "id: \"<img src=x onerror=__pwned()>\""), 3,
     "check id '<img src=x onerror=__pwned()>': ids use lowercase letters"),
    ("long-phrase", small_checklist(phrases=["<script>" * 26]), PHRASE1, "item 1 of 'phrases' is 208 characters long: keep it to 200 at most"),
    ("many-phrases", small_checklist(phrases=[f"p{i}" for i in range(301)]), PHRASE1, "'phrases' has 301 items: keep it to 300 at most"),
    ("blank-phrase", small_checklist(phrases=["ok", "\u2028 \u3000"]), PHRASE1 + 1, "must not be empty"),
]


def test_hostile_data_is_refused_when_loaded(tmp_path):
    cases = [("quizzes", *case) for case in LOAD_REFUSED] + [("checklists", *case) for case in CHECKLIST_LOAD_REFUSED]
    files = {f"docs/{folder}/{name}.yml": text for folder, name, text, _, _ in cases}
    files["docs/index.md"] = "# Home\n"
    project = write_project(tmp_path / "p", files, mkdocs_yml())
    for how, output in (("mkdocs build", build(project)), ("guidekit check", check(project))):
        text = output.output
        assert output.returncode != 0 and "Traceback" not in text, (how, text)
        assert "\x1b" not in text, "a control character from the data reached the terminal"
        lines = [line.strip() for line in text.splitlines()]
        for folder, name, _, line, message in cases:
            prefix = re.compile(rf"docs/{folder}/{name}\.yml:{line}(:\d+)?: ")  # a column where the loader knows it
            assert [x for x in lines if prefix.match(x) and message in x], f"{how}: no '{prefix.pattern}... {message}' in:\n{text}"
    assert not list(tmp_path.rglob("pwned-by-yaml"))


def test_files_that_are_not_utf8_text_are_refused(tmp_path):
    project = write_project(tmp_path / "p", {"docs/index.md": "# Home\n"}, mkdocs_yml())
    (project / "docs" / "quizzes").mkdir()
    (project / "docs" / "quizzes" / "latin1.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    (project / "docs" / "quizzes" / "utf16.yml").write_bytes(small_quiz().encode("utf-16"))
    # a byte of another encoding far down the file: its own line and column
    late = small_quiz().replace("Ready?", "Ready, caf\xe9?").encode("latin-1")
    (project / "docs" / "quizzes" / "late.yml").write_bytes(late)
    line = late[:late.index(b"\xe9")].count(b"\n") + 1
    assert line > 1
    for how, output in (("mkdocs build", build(project)), ("guidekit check", check(project))):
        text = output.output
        assert output.returncode != 0 and "Traceback" not in text, (how, text)
        assert "docs/quizzes/latin1.yml:1:11: the file is not UTF-8 text" in text, text
        assert "docs/quizzes/utf16.yml:1:1: the file is not UTF-8 text" in text, text
        assert f"docs/quizzes/late.yml:{line}:" in text, text
        excerpt = text[text.index(f"docs/quizzes/late.yml:{line}:"):].splitlines()[1:3]
        assert excerpt[0].strip().startswith(f"{line} |") and excerpt[0].endswith("Ready, caf\ufffd?\"")
        assert excerpt[0].index("\ufffd") == excerpt[1].index("^"), excerpt


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\ufffe"], ids=["NUL", "ESC", "BEL", "U+FFFE"])
def test_a_raw_control_character_is_reported_at_its_line(char):
    """YAML does not allow these characters written as themselves (escapes
    such as "\\x1b" are fine): the message names the line it is on, and is one
    line without the parser's internals."""
    text = small_quiz().replace("Ready?", f"Ready{char}?")
    loaded = load_yaml(text, "q.yml")
    assert loaded.data is None
    [problem] = loaded.problems.errors
    assert problem.line == TEXT, str(problem)
    assert "<unicode string>" not in problem.message and "\n" not in problem.message, str(problem)


# ---------------------------------------------------------------------------
# In Chromium

TRAP = """
window.__pwned = function (what) { window.__pwnedReport(String(what)); };
"""

DOM_CHECK = """() => {
  const bad = [];
  const forbidden = new Set(["SCRIPT", "STYLE", "IFRAME", "FRAME", "OBJECT", "EMBED", "IMG", "SVG", "LINK", "META",
                             "BASE", "FORM", "VIDEO", "AUDIO", "SOURCE", "TEMPLATE", "MATH", "SELECT"]);
  const ours = (el) => el.closest("[data-quiz],[data-checklist]");
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(el.tagName + " has " + a.name);
      if (["href", "src", "action", "formaction", "xlink:href", "srcset", "ping"].includes(a.name)
          && /^(javascript|vbscript|data):/i.test(a.value.replace(/[\\u0000-\\u0020]/g, ""))) {
        bad.push(el.tagName + " " + a.name + "=" + a.value.slice(0, 60));
      }
    }
    if (ours(el) && forbidden.has(el.tagName.toUpperCase())) bad.push(el.tagName + " inside a component");
    if (ours(el) && el.hasAttribute("style")) bad.push(el.tagName + " with a style attribute inside a component");
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const protocol = new URL(a.href).protocol;
    if (!["http:", "https:", "mailto:", "tel:"].includes(protocol)) bad.push("link " + a.href.slice(0, 60));
  }
  return bad;
}"""


class Trapped:
    """A page of the hostile site with every way a payload could show itself watched."""

    def __init__(self, context, url: str):
        self.calls: list[str] = []
        self.dialogs: list[str] = []
        context.expose_function("__pwnedReport", lambda what: self.calls.append(what))
        context.add_init_script(TRAP)
        self.page = context.new_page()
        self.page.watch = Watch(self.page, url)
        self.page.on("dialog", self._dialog)
        self.url = url

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self):
        # a payload set off by the last action gets its turn: two frames rendered
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))")
        assert self.page.evaluate("typeof window.__pwned") == "function", "the trap was replaced"
        assert not self.calls, f"hostile script ran: {self.calls}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"
        assert self.page.evaluate(DOM_CHECK) == []
        self.page.watch.assert_clean()


@pytest.fixture
def trapped(context, hostile_site):
    _site, url = hostile_site
    return Trapped(context, url)


def text_of(page, selector: str) -> str:
    return page.locator(selector).evaluate("el => el.textContent")


def as_shown(value: str) -> str:
    """What a browser keeps of a text node: NUL dropped, CR LF as LF; and
    the leading and trailing white space the model strips."""
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


def visible_step(page, root: str) -> str:
    return page.locator(f"{root} [data-quiz-node], {root} [data-quiz-outcome]").evaluate_all(
        "els => els.filter(e => !e.hidden).map(e => e.getAttribute('data-quiz-node') || e.getAttribute('data-quiz-outcome')).join()")


def quiz_paths(quiz: dict) -> list[list[tuple[str, int, str]]]:
    done, stack = [], [(quiz["start"], [])]
    while stack:
        node, path = stack.pop()
        if node in quiz["outcomes"]:
            done.append(path)
            continue
        for i, option in enumerate(quiz["questions"][node]["options"]):
            stack.append((option["next"], path + [(node, i, option["next"])]))
    return sorted(done)


@pytest.mark.parametrize("ident", ["hostile", "long"])
def test_clicking_through_the_hostile_quiz_runs_nothing(trapped, ident):
    page = trapped.page
    root = f"[data-quiz='{ident}']"
    quiz = data("quizzes", ident)
    page.goto(f"{trapped.url}{ident}/")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    trapped.assert_clean()
    assert text_of(page, f"{root} .gk-quiz__title") == as_shown(quiz["title"])
    paths = quiz_paths(quiz)
    assert len(paths) >= 2
    for path in paths:
        assert visible_step(page, root) == quiz["start"]
        for node, index, target in path:
            step = page.locator(f"{root} [data-quiz-node='{node}']")
            assert text_of(page, f"{root} [data-quiz-node='{node}'] h3 [data-quiz-text]") == as_shown(quiz["questions"][node]["text"])
            option = step.locator("[data-quiz-option]").nth(index)
            assert option.evaluate("el => el.textContent") == as_shown(quiz["questions"][node]["options"][index]["label"])
            option.click()
            assert visible_step(page, root) == target
        outcome = quiz["outcomes"][path[-1][2]]
        shown = text_of(page, f"{root} [data-quiz-outcome='{path[-1][2]}'] h3")
        assert shown.endswith(as_shown(outcome["title"]))
        # the summary the script writes: the questions and answers, as text
        answers = page.locator(f"{root} [data-quiz-answers] li").evaluate_all(
            "els => els.map(li => [li.children[0].textContent, li.children[1].textContent])")
        assert answers == [[as_shown(quiz["questions"][n]["text"]), as_shown(quiz["questions"][n]["options"][i]["label"])]
                           for n, i, _ in path]
        page.click(f"{root} [data-quiz-outcome='{path[-1][2]}'] [data-quiz-permalink]")
        page.locator(f"{root} [data-quiz-change]").first.click()
        assert visible_step(page, root) == quiz["start"]
        node, index, target = path[0]
        page.locator(f"{root} [data-quiz-node='{node}'] [data-quiz-option]").nth(index).click()
        assert visible_step(page, root) == path[-1][2]  # the same answer: back to the result
        page.click(f"{root} [data-quiz-restart]")
        assert visible_step(page, root) == quiz["start"]
        trapped.assert_clean()
    # away to another page and back again (the page may come back from the
    # back-forward cache, which fires no load event: wait for the quiz
    # instead; one history step only, taken from a page that has loaded)
    page.goto(trapped.url)
    page.wait_for_selector(f"{root}", state="detached")
    page.go_back(wait_until="commit")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    trapped.assert_clean()


def step_prefix(site: Path) -> str:
    """What the ids of the hostile quiz's steps start with (as in its addresses)."""
    html = (site / "hostile" / "index.html").read_text("utf-8")
    return re.search(r'id="([^"]*--)step-\d+" data-quiz-node="first"', html).group(1)


def step_address(site: Path, step: str) -> str:
    """The element id (and address) of one step of the hostile quiz."""
    html = (site / "hostile" / "index.html").read_text("utf-8")
    return re.search(rf'id="([^"]*)" data-quiz-(?:node|outcome)="{step}"', html).group(1)


# {p}: the prefix of the quiz's step ids; {end}: the address of the step 'end-two'
# (a step is addressed by number: its id after the prefix leads nowhere)
HOSTILE_HASHES = ["#<img src=x onerror=__pwned('hash')>", "#javascript:__pwned('hash')", "#{p}__proto__",
                  "#{p}constructor", "#{p}hasOwnProperty", "#{p}first%22%20onmouseover=%22__pwned()",
                  "#%3Cscript%3E__pwned('hash')%3C/script%3E", "#{p}end-two", "#{end}"]


@pytest.mark.parametrize("hash", HOSTILE_HASHES)
def test_a_hostile_address_does_not_break_the_quiz(trapped, hostile_site, hash):
    page = trapped.page
    root = "[data-quiz='hostile']"
    page.goto(f"{trapped.url}hostile/{hash.format(p=step_prefix(hostile_site[0]), end=step_address(hostile_site[0], 'end-two'))}")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    expected = "end-two" if hash == "#{end}" else "first"
    assert visible_step(page, root) == expected
    if expected != "first":
        page.click(f"{root} [data-quiz-restart]")
    page.locator(f"{root} [data-quiz-node='first'] [data-quiz-option]").first.click()
    assert visible_step(page, root) == "second"
    trapped.assert_clean()


@pytest.mark.parametrize("hash", ["#%", "#{p}%E0%A4%A", "#%ZZ"])
def test_a_malformed_address_does_not_break_the_quiz(trapped, hostile_site, hash):
    """A '%' that starts no valid escape in the address (a mistyped or
    hostile link) leaves the quiz working from its first question."""
    page = trapped.page
    root = "[data-quiz='hostile']"
    page.goto(f"{trapped.url}hostile/{hash.format(p=step_prefix(hostile_site[0]))}")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    assert visible_step(page, root) == "first"
    page.locator(f"{root} [data-quiz-node='first'] [data-quiz-option]").first.click()
    assert visible_step(page, root) == "second"
    trapped.assert_clean()


def states(page, root: str) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"{root} [data-kind]", "els => Object.fromEntries(els.map(e => [e.dataset.check, e.dataset.state]))")


def settle(page, root: str, check: str, state: str) -> None:
    page.wait_for_function(
        "([root, check, state]) => document.querySelector(root + ` [data-check='${check}']`).dataset.state === state",
        arg=[root, check, state], polling=100, timeout=10_000)


CHECKLIST_DRAFTS = [
    # (draft, the check it should set off, text the finding shows as text)
    ("Hi. <script>__pwned('typed')</script> How are you?", "tags", "“<script>”"),
    ("<img src=x onerror=__pwned('phrase')>", "tags", "“<img src=x onerror=__pwned('phrase')>”"),
    ("x\" onmouseover=\"__pwned('phrase breakout')", "tags", "“\" onmouseover=\"__pwned('phrase breakout')”"),
    ("'><svg onload=__pwned('phrase svg')>", "tags", "“'><svg onload=__pwned('phrase svg')>”"),
    ("see javascript:__pwned('phrase link')", "tags", "javascript:__pwned('phrase link')"),
    ("{{ 7*7 }}", "tags", "{{ 7*7 }}"),
    ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! (a+)+$", "regex-syntax", "“(a+)+$”"),
    ("back\\slash", "regex-syntax", "“\\”"),
    ("I’ve \u202emoved on but I miss\nyou", "invisible", "miss you"),
    ("<br> and <br>", "repeats", "“<br>” 2 times"),
    ("Look: \" ' < & \" '", "marks", "Found 6 times."),
]


def test_typing_hostile_drafts_into_the_checklist_runs_nothing(trapped):
    page = trapped.page
    root = "[data-checklist='hostile']"
    checklist = data("checklists", "hostile")
    page.goto(f"{trapped.url}hostile/")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    trapped.assert_clean()
    assert text_of(page, f"{root} .gk-checklist__title") == as_shown(checklist["title"])
    labels = page.locator(f"{root} .gk-checklist__label").evaluate_all("els => els.map(e => e.textContent)")
    # the self-checks come first
    ordered = [c for c in checklist["checks"] if c.get("manual")] + [c for c in checklist["checks"] if not c.get("manual")]
    assert labels == [as_shown(c["label"]) for c in ordered]
    elements = page.locator(f"{root} *").count()
    box = page.locator(f"{root} textarea")
    for draft, check, shown in CHECKLIST_DRAFTS:
        box.fill("")
        settle(page, root, check, "idle")
        box.fill(draft)
        settle(page, root, check, "unmet")
        message = text_of(page, f"{root} [data-check='{check}'] [data-checklist-message]")
        assert shown in message, (draft, message)
        rule = next(c["rule"] for c in checklist["checks"] if c["id"] == check)
        if rule.get("message"):
            assert message.startswith(as_shown(rule["message"]))
        assert page.locator(f"{root} *").count() == elements, "the checklist gained elements"
        trapped.assert_clean()
    # typed key by key too, with the keyboard
    box.fill("")
    box.press_sequentially("<svg onload=__pwned('keys')> </textarea><script>__pwned('keys')</script>")
    settle(page, root, "need", "met")
    # kept on the device, then read back after a reload: still only text
    page.locator(f"{root} [data-checklist-keep]").check()
    page.wait_for_function("() => Object.keys(localStorage).length === 1")
    page.reload()
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    assert box.input_value() == "<svg onload=__pwned('keys')> </textarea><script>__pwned('keys')</script>"
    settle(page, root, "tags", "unmet")
    page.locator(f"{root} [data-checklist-dismiss]").first.click()
    page.locator(f"{root} [data-checklist-tick]").check()
    page.locator(f"{root} [data-checklist-clear]").click()
    trapped.assert_clean()


def test_a_long_hostile_draft_against_the_longest_patterns(trapped):
    page = trapped.page
    root = "[data-checklist='long']"
    checklist = data("checklists", "long")
    page.goto(f"{trapped.url}long/")
    page.wait_for_selector(f"{root}[data-guidekit-started]", state="attached")
    assert len(text_of(page, f"{root} .gk-checklist__title")) == len(as_shown(checklist["title"]))
    box = page.locator(f"{root} textarea")
    box.fill(long(PLAIN) + " " + PHRASES[123] + " " + PHRASES[7])
    settle(page, root, "long", "unmet")
    message = text_of(page, f"{root} [data-check='long'] [data-checklist-message]")
    assert normalise(PHRASES[123]) in message and normalise(PHRASES[7]) in message
    box.fill(long(PLAIN))
    settle(page, root, "long", "met")
    trapped.assert_clean()


def test_searching_the_hostile_site_runs_nothing(trapped):
    """The search index holds the components' text, and the results show it."""
    page = trapped.page
    page.goto(f"{trapped.url}hostile/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("onerror")
    # the results for the whole word (those for its first letters may come first)
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__item')]
        .some(e => e.textContent.includes("check label"))""", timeout=10_000)
    results = page.locator(".md-search-result").evaluate("el => el.textContent")
    assert "<img src=x onerror=__pwned('check label')>" in results  # shown as text
    page.locator(".md-search-result__more summary").first.click()
    search.fill("")
    search.press_sequentially("onmouseover")
    # the results for the new words are shown
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__item')]
        .some(e => e.textContent.toLowerCase().includes('onmouseover'))""", timeout=10_000)
    trapped.assert_clean()
