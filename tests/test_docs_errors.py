"""Every message the plugin can give is explained on the site-owner page
docs/errors.md (the manual), and every message shown there is real.

The messages are read from the plugin's source with ``ast``: the text passed
to ``.error(...)`` and ``.warn(...)`` (how every check reports a problem), to
``Mistake(...)`` (a page's placement mistakes), ``PluginError(...)`` and ``ProjectError(...)``, and printed to stderr by the
commands, and the plain words the YAML loader gives for PyYAML's problems. Each becomes a
pattern (its fixed words, with anything in between where the code fills in a
value). The page lists messages as definition-list terms, one code span
each, written out in full with example values. Each message must match a
term on the page (a warning a term marked as a warning), and each term must
match a message, so a new or reworded message without docs fails here, and
so does a term for a message that is gone.

The messages that come from MkDocs itself (bad plugin options) are checked by
building projects with those options. Sample files check that the example
terms on the page are what the loader really says.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from guidekit.core import yamlfile
from helpers import DEFAULT_MKDOCS, ROOT, build, make_project

PLUGIN = ROOT / "plugins" / "guidekit"
PAGE = ROOT / "docs" / "errors.md"
HOLE = None  # a value the code fills in


@dataclass(frozen=True)
class Template:
    where: str  # file:line in the plugin
    parts: tuple  # literal strings and HOLEs
    warning: bool

    def pattern(self) -> re.Pattern:
        return re.compile("".join(".*?" if p is HOLE else re.escape(p) for p in self.parts), re.S)

    def matches(self, text: str) -> bool:
        return bool(self.pattern().fullmatch(text))

    def __str__(self) -> str:
        return f"{self.where}: " + "".join("{…}" if p is HOLE else p for p in self.parts)


def _parts(node: ast.AST, scope: list[ast.AST]) -> list[tuple] | None:
    """The possible texts of ``node`` as tuples of literals and HOLEs, or None
    when it is not text that can be read from the source."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value,)]
    if isinstance(node, ast.JoinedStr):
        out: list = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                out.append(value.value)
            elif not out or out[-1] is not HOLE:
                out.append(HOLE)
        return [tuple(out)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left, scope), _parts(node.right, scope)
        left = left or [(HOLE,)]
        right = right or [(HOLE,)]
        return [a + b for a in left for b in right]
    if isinstance(node, ast.Name):
        # every assignment to that name in the enclosing function, or the module
        found = []
        for body in scope:
            for sub in ast.walk(body):
                if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in sub.targets):
                    found.extend(_parts(sub.value, scope) or [])
            if found:
                return found
        return None
    return None


def _clean(parts: tuple) -> tuple:
    """Merge neighbours; keep the first line only (a PluginError lists the
    problems after its first line)."""
    out: list = []
    for part in parts:
        if part is not HOLE and "\n" in part:
            out.append(part.split("\n", 1)[0])
            break
        if part is HOLE and out and out[-1] is HOLE:
            continue
        if part is not HOLE and out and out[-1] is not HOLE:
            out[-1] += part
        else:
            out.append(part)
    return tuple(p for p in out if p != "")


def message_templates() -> list[Template]:
    templates, unreadable = [], []
    for path in sorted(PLUGIN.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("error", "warn") and isinstance(func, ast.Attribute) and len(node.args) >= 2:
                message, warning = node.args[1], name == "warn"
                if isinstance(message, ast.Attribute) and message.attr == "message":
                    continue  # a Mistake's message (below), passed on as it is
            elif name == "Mistake" and len(node.args) >= 3:  # a page's mistake, found by core/placement.py
                message, warning = node.args[2], False
            elif name in ("PluginError", "ProjectError") and node.args:
                message, warning = node.args[0], False
            elif name == "print" and node.args and any(
                    k.arg == "file" and ast.unparse(k.value) == "sys.stderr" for k in node.keywords):
                message, warning = node.args[0], False
                if isinstance(message, ast.Call) or isinstance(message, ast.Name) and message.id in ("problem", "e"):
                    continue  # a message from elsewhere, passed on as it is
            else:
                continue
            enclosing = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)]
            scope = sorted(enclosing, key=lambda f: f.lineno, reverse=True) + [tree]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found = _parts(message, scope)
            if not found:
                unreadable.append(where)
                continue
            for parts in found:
                parts = _clean(parts)
                if all(p is HOLE for p in parts):
                    continue  # a message made elsewhere, passed on as it is
                templates.append(Template(where, parts, warning))
    assert not unreadable, f"messages the test can't read from the source (use a string or f-string): {unreadable}"
    return templates


@dataclass(frozen=True)
class Term:
    line: int
    text: str
    warning: bool


def documented_terms() -> list[Term]:
    """Definition terms of the page that are one code span: `message`.
    Several terms may share the definition under them."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    terms = []
    for i, line in enumerate(lines):
        match = re.fullmatch(r"`([^`]+)`", line)
        if not match:
            continue
        j = i + 1
        while j < len(lines) and re.fullmatch(r"`([^`]+)`", lines[j]):
            j += 1
        if j < len(lines) and lines[j].startswith(":   "):
            terms.append(Term(i + 1, match.group(1), lines[j].startswith(":   **Warning")))
    return terms


MKDOCS_PREFIX = "Config value 'plugins': Plugin 'guidekit' option "
TEMPLATES = message_templates()
TERMS = documented_terms()


def test_the_source_has_messages_and_the_page_has_terms():
    """The readers above really read something (a broken reader would pass
    everything below)."""
    assert len(TEMPLATES) >= 40
    assert any("cycle: " in str(t) for t in TEMPLATES)
    assert len(TERMS) >= 40


@pytest.mark.parametrize("template", TEMPLATES, ids=str)
def test_every_message_is_explained(template: Template):
    matching = [t for t in TERMS if template.matches(t.text)]
    assert matching, f"not on {PAGE.relative_to(ROOT)}: {template}"
    kind = "a warning" if template.warning else "an error"
    assert any(t.warning == template.warning for t in matching), (
        f"{template} is {kind}; mark its entry on the page so (':   **Warning.**' starts a warning's entry)")


@pytest.mark.parametrize("term", [t for t in TERMS if not t.text.startswith(MKDOCS_PREFIX)], ids=lambda t: t.text[:60])
def test_every_explained_message_exists(term: Term):
    assert any(t.matches(term.text) for t in TEMPLATES), (
        f"{PAGE.name}:{term.line}: no message of the plugin reads like `{term.text}`")


# --- the example terms are what the plugin really says --------------------

def _problems(kind: str, text: str) -> list[str]:
    from guidekit.checklist.component import CHECKLIST
    from guidekit.core.yamlfile import load_yaml
    from guidekit.quiz.component import QUIZ

    loaded = load_yaml(textwrap.dedent(text), "x.yml")
    problems = loaded.problems
    if loaded.data is not None and not problems.errors:
        {"quiz": QUIZ, "checklist": CHECKLIST}[kind].load(loaded, "x", problems)
    return [p.message for p in problems.items]


QUIZ = """\
title: Is now a good time?
start: time
questions:
  time:
    text: Is it late at night?
    options:
      - {label: "Yes", next: wait}
      - {label: "No", next: write}
outcomes:
  wait: {title: Wait a little, body: Give it a day.}
  write: {title: Go ahead, body: Start a draft.}
"""
NO = '{label: "No", next: write}'


def _question(ident: str, *targets: str) -> str:
    options = "".join(f"      - {{label: Go {i}, next: {t}}}\n" for i, t in enumerate(targets))
    return f"  {ident}:\n    text: Q\n    options:\n{options}"


def _with(*questions: str) -> str:
    return QUIZ.replace("outcomes:", "".join(questions) + "outcomes:")


CHECK = "  - id: {id}\n    label: L\n    why: W\n"

SAMPLES = [
    ("quiz", "title: [unclosed\n"),
    ("quiz", "title: {unclosed: 1\n"),
    ("quiz", "title: T\nstart\n"),
    ("quiz", "a: 1\n---\nb: 2\n"),
    ("quiz", "title: T\nintro: a\x07b\n"),
    ("quiz", "title: T\nnext: time\n"),
    ("quiz", QUIZ.replace("    text: Is it late at night?\n", "    text: Is it late at night?\n    body: B\n")),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: length, max: 3, within: message}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: [x]\n"),
    ("quiz", "title: T\n\tstart: a\n"),
    ("quiz", "title: Wait: then write\n"),
    ("quiz", 'options:\n  - label: "Yes" please\n'),
    ("quiz", "options:\n  - a\n  b: c\n"),
    ("quiz", 'title: "unclosed\n'),
    ("quiz", "title: @home\n"),
    ("quiz", "%YAML 2.0\n---\na: 1\n"),
    ("quiz", "title: T\ntitle: U\n"),
    ("quiz", "title: &t T\nintro: *t\n"),
    ("quiz", "a: {x: 1}\nb:\n  <<: {y: 2}\n"),
    ("quiz", "[a, b]: text\n"),
    ("quiz", "a: " + "[" * 60 + "]" * 60 + "\n"),
    ("quiz", "- a\n- b\n"),
    ("quiz", "# only a comment\n"),
    ("quiz", "x" * 2_000_001),
    ("quiz", QUIZ.replace("title: Is", "titel: Is")),
    ("quiz", QUIZ.replace("    text: Is it late at night?\n", "")),
    ("quiz", QUIZ.replace('"Yes"', "true")),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    manual: yes\n"),
    ("quiz", QUIZ.replace("title: Is now a good time?", "title: 5")),
    ("quiz", QUIZ.replace("text: Is it late at night?", "text: ' '")),
    ("quiz", QUIZ.replace("      - " + NO + "\n", "")),
    ("quiz", QUIZ.replace("next: wait", "next: wiat")),
    ("quiz", QUIZ.replace("start: time", "start: tiem")),
    ("quiz", QUIZ.replace("start: time", "start: wait")),
    ("quiz", QUIZ.replace("  time:", "  How_Long:").replace("start: time", "start: How_Long")),
    ("quiz", QUIZ + "  time: {title: T, body: B}\n"),
    ("quiz", QUIZ.replace(NO, NO.replace('"No"', '"Yes"'))),
    ("quiz", QUIZ + "  spare: {title: T, body: B}\n"),
    ("quiz", _with(_question("spare", "wait", "write"))),
    ("quiz", _with(_question("later", "time", "time")).replace("next: wait", "next: later")),
    ("quiz", _with(_question("loop", "loop", "loop")).replace("next: wait", "next: loop")),
    ("quiz", _with(*[_question(f"q{i}", f"q{i}", "wait") for i in range(14)])),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: aviod, phrases: [x]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {phrases: [x]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: avoid, phrases: []}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: avoid, phrases: [" + ", ".join(f"w{i}" for i in range(301)) + "]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: length, max: '5'}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: length, max: 1000000}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: count, phrases: ['?'], within: end, min: 1}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="short") + "    rule: {kind: length}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="short") + "    rule: {kind: length, max: 0}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: count, phrases: ['!'], min: 5, max: 2}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="No blame")),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    manual: true\n" + CHECK.format(id="tone") + "    manual: true\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    manual: true\n    rule: {kind: avoid, phrases: [x]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone")),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="mixed") + "    rule: {kind: conflict, one: [I miss you], other: [i miss you]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule:\n      kind: avoid\n      phrases:\n        - you never\n        - You  never\n"),
    # YAML's own signs, in the author's words
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + '    rule: {kind: repeat, max: 1, phrases: ["sorry", "\\d+ times"]}\n'),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + '    rule: {kind: count, max: 1, phrases: [*, "?"]}\n'),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + '    rule: {kind: count, max: 1, phrases: [&, "?"]}\n'),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + '    rule: {kind: count, max: 1, phrases: [!!, "?"]}\n'),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + '    rule: {kind: count, max: 1, phrases: [!, "?"]}\n'),
    ("quiz", QUIZ.replace('"Yes"', "!note this")),
    # the format's limits, without a validator's words
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: [count, require], phrases: ['?'], max: 1}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: avoid, phrases: [a, b, " + "x" * 250 + "]}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: count, phrases: ['!'], min: -1}\n"),
    ("checklist", "title: T\nchecks:\n" + CHECK.format(id="tone") + "    rule: {kind: repeat, phrases: [sorry], max: 0}\n"),
]


@pytest.mark.parametrize("kind, text", SAMPLES, ids=lambda v: v[:40] if isinstance(v, str) else v)
def test_sample_problems_are_on_the_page_word_for_word(kind, text):
    """Each sample file gives a problem that the page shows word for word."""
    messages = _problems(kind, text)
    terms = {t.text for t in TERMS}
    assert any(m in terms for m in messages), f"none of these is on the page word for word: {messages}"


def _check_messages(project: Path) -> list[str]:
    from mkdocs.exceptions import PluginError

    from guidekit.check import run_check

    with pytest.raises(PluginError) as caught:
        run_check(project / "mkdocs.yml")
    lines = str(caught.value).splitlines()
    assert lines[0] in {t.text for t in TERMS} | {"1 problem in guide data:"} or re.fullmatch(r"\d+ problems in guide data:", lines[0])
    # a message, maybe followed by an excerpt of the file: "    4 | text" and "      |   ^"
    return [line.split(": ", 1)[1] for line in lines[1:] if not re.match(r"\s+\d* \| ", line)]


def test_file_problems_are_on_the_page_word_for_word(tmp_path):
    project = make_project(tmp_path, {
        "docs/quizzes/readiness.yml": QUIZ,
        "docs/quizzes/readiness.yaml": QUIZ,
        "docs/quizzes/Readiness Quiz.yml": QUIZ,
    })
    (project / "docs" / "checklists").mkdir()
    (project / "docs" / "checklists" / "old.yml").write_bytes("title: caf\u00e9\n".encode("latin-1"))
    messages = _check_messages(project)
    terms = {t.text for t in TERMS}
    assert "a quiz named 'readiness' is already defined in docs/quizzes/readiness.yaml: file names must be unique" in messages
    missing = [m for m in messages if m not in terms and "already defined" not in m]
    assert not missing, f"not on the page word for word: {missing}"


def test_page_problems_are_on_the_page_word_for_word(tmp_path):
    """Problems found in pages and in the Markdown inside data files."""
    project = make_project(tmp_path, {
        "docs/index.md": """\
            # Home

            <!-- quiz readyness -->

            <!-- checklist draft -->

            Some text <!-- checklist first-message --> in a line.

            <!-- quiz readiness -->

            <!-- quiz readiness -->

            <!-- quizz readiness -->

            <!-- Checklist first-message -->

            <!-- quiz -->

            <!-- a note on the quiz below

            <!-- quiz readiness -->
            """,
        "docs/writing.md": "# Writing\n\n## Tone {#tone}\n",
        "docs/quizzes/readiness.yml": QUIZ.replace(
            "body: Give it a day.}",
            "body: 'See [tone](../writing.md#tonne), [this](javascript:alert(1)), [that](../writng.md), "
            "[home](/writing/), ![cat](https://example.org/cat.png) and [x](../writing.md){ onclick=\"go()\" }.'}"),
        "docs/checklists/first-message.yml": "title: T\nchecks:\n  - {id: a, label: L, why: W, manual: true}\n",
    })
    messages = _check_messages(project)
    terms = {t.text for t in TERMS}
    missing = [m for m in messages if m not in terms]
    assert len(messages) >= 14 and not missing, f"not on the page word for word: {missing}"


def test_more_page_problems_are_on_the_page_word_for_word(tmp_path):
    """A title in place of an id, a link from the wrong folder, and an
    element no Markdown in data may give (with pymdownx.blocks.html on)."""
    project = make_project(tmp_path, {
        "docs/index.md": "# Home\n\n## Calm {#calm-moment}\n\n<!-- checklist Check your draft -->\n",
        "docs/draft.md": "# Draft\n\n<!-- checklist draft -->\n",
        "docs/checklists/draft.yml": "title: T\nchecks:\n  - {id: a, label: L, why: '[x](index.md#calm-moment)', manual: true}\n"
                                     "  - {id: b, label: L, why: \"/// html | script\\nalert(1)\\n///\", manual: true}\n",
    }, DEFAULT_MKDOCS + "  - pymdownx.blocks.html\n")
    messages = _check_messages(project)
    terms = {t.text for t in TERMS}
    missing = [m for m in messages if m not in terms]
    assert len(messages) == 3 and not missing, f"not on the page word for word: {missing}"


MKDOCS_OPTIONS = {
    "quizzes: 5": "'quizzes': Expected type: <class 'str'> but received: <class 'int'>",
    "exit_url: www.bbc.co.uk": "'exit_url': should be a full web address starting with https:// "
                               "(such as https://www.bbc.co.uk/weather), not 'www.bbc.co.uk'",
    "exit_url: ''": "'exit_url': should be a full web address starting with https:// "
                    "(such as https://www.bbc.co.uk/weather), not ''",
    "exit_on: everywhere": "'exit_on': Expected one of: ('every-page', 'components', 'front-matter') "
                           "but received: 'everywhere'",
    "words: Leave now": "'words': Expected type: <class 'dict'> but received: <class 'str'>",
    "colour: blue": "'colour': Unrecognised configuration name: colour",
}


@pytest.mark.parametrize("plain", [plain for _, plain, _ in yamlfile._PLAIN])
def test_every_plain_yaml_message_is_on_the_page(plain):
    """The loader's plain words for PyYAML's problems (a table, not calls
    the reader above can see), each as a 'YAML syntax error: ...' term."""
    template = Template("yamlfile.py", ("YAML syntax error: ", *[HOLE if p == "{char}" else p for p in re.split(r"({char})", plain) if p]), False)
    assert any(template.matches(t.text) for t in TERMS), f"not on {PAGE.name}: YAML syntax error: {plain}"


@pytest.mark.parametrize("option", MKDOCS_OPTIONS)
def test_option_messages_from_mkdocs_are_on_the_page(tmp_path, option):
    term = MKDOCS_PREFIX + MKDOCS_OPTIONS[option]
    assert term in {t.text for t in TERMS}, f"not on the page: `{term}`"
    project = make_project(tmp_path, {}, f"""\
        site_name: T
        docs_dir: docs
        theme: {{name: material}}
        plugins:
          - guidekit:
              {option}
        """)
    result = build(project)
    assert result.returncode != 0
    assert term in result.output
