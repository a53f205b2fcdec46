"""Property-based tests of the quiz and checklist formats.

Random YAML documents (random structures with keys near the real ones,
random scalars with odd Unicode, real files with mutations, broken text):
loading and checking always ends in a model or in problems with the file and
a line of it, never in another exception; a model, once returned, renders.

Random quiz graphs (DAGs, cycles, unreachable steps, dangling targets, a
wrong start) are checked against an independent reading of the same graph,
and random checklists against the rules of the format. The patterns compiled
from random phrases run in Chromium's own engine, and normalise text the
same way there as at build time.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from helpers import ROOT, examples, make_project
from guidekit.build import GuideBuild
from guidekit.check import plugin_options
from guidekit.checklist.compile import compile_phrases, normalise
from guidekit.checklist.evaluate import config, read
from guidekit.checklist.component import CHECKLIST
from guidekit.core.component import RenderContext, render
from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ

SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = "docs/x/file.yml"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a new line


# ---------------------------------------------------------------------------
# Rendering a model outside a build: the build's own renderer and templates


class Renderer:
    def __init__(self, root: Path):
        project = make_project(root, {
            "docs/index.md": "# Home\n\n## Tone\n",
            "docs/writing.md": "# Writing\n\n## Tone\n",
        })
        config = load_config(str(project / "mkdocs.yml"))
        self.guide = GuideBuild(config, plugin_options(config))
        files = self.guide.load_data(get_files(config))
        self.page = Page(None, files.get_file_from_path("index.md"), config)

    def render(self, component, model, src_uri: str):
        """The component's HTML, and the problems its Markdown raised."""
        guide, problems = self.guide, self.guide.problems
        before = len(problems.items)

        def markdown(text: str, line: int):
            return guide.markdown.render(text, source=src_uri, shown=PATH, line=line, page_file=self.page.file)

        ctx = RenderContext(markdown=markdown, words=guide.words, dom_id=f"{component.kind}-file")
        html = render(component, model, ctx, guide.templates, guide.words)
        found = problems.items[before:]
        del problems.items[before:]
        return html, found


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    return Renderer(tmp_path_factory.mktemp("fuzz") / "p")


def load(component, text: str):
    """What the build does with one data file, up to the model."""
    loaded = load_yaml(text, PATH)
    problems = loaded.problems
    model = None
    if loaded.data is not None and not problems.errors:
        model = component.load(loaded, "file", problems)
    return model, problems


def assert_located(problems, text: str) -> None:
    lines = len(LINE_BREAK.split(text))
    for problem in problems:
        assert problem.path == PATH, problem
        assert 1 <= problem.line <= lines, f"line {problem.line} of {lines}: {problem}"
        assert problem.message.strip() and "\n" not in problem.message, repr(str(problem))
        assert str(problem).count("\n") == ((2 if problem.column else 1) if problem.excerpt else 0), repr(str(problem))  # the excerpt, its caret


def assert_model_or_problems(component, text: str, renderer: Renderer):
    model, problems = load(component, text)
    assert_located(problems.items, text)
    if model is None:
        assert problems.errors, "no model and no error"
        with pytest.raises(PluginError):  # as the build reports them
            problems.raise_or_warn()
        return None
    assert not problems.errors
    src = f"{component.plural}/file.yml"
    html, found = renderer.render(component, model, src)
    assert_located(found, text)
    assert "<script" not in html
    return model


# ---------------------------------------------------------------------------
# Random documents

ODD = st.sampled_from([
    "", " ", "\t", "\u2028", "\u2029", "\x85", "\u202e", "\u200b", "\ufeff", "\u00a0", "\u3000", "é", "e\u0301",
    "İ", "ß", "Σ", "😀", "👩‍👩‍👧", "<script>alert(1)</script>", "javascript:alert(1)", "{{ 7*7 }}", "{% x %}",
    "[x](../writing.md#tone)", "[x](../writing.md#nope)", "[x](../nowhere.md)", "[x](javascript:alert(1))",
    "![x](https://example.org/x.png)", "<https://example.org>", "<a@b.example>", "text\n{: onclick=x }",
    "*", "**", "#", "# h", "- a", "> q", "`", "```", "\\", "'", '"', "yes", "no", "on", "null", "~", "1e3",
    "0x1F", "0o17", ".inf", "2024-01-01", "&amp;", "&#106;", "%", "@", "!", "?", "|", "a: b", "- - -",
])
TEXT = st.one_of(st.text(max_size=25), ODD, st.lists(ODD, max_size=4).map("".join))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(), TEXT)

QUIZ_KEYS = ["title", "intro", "start", "questions", "outcomes", "text", "help", "options", "label", "next",
             "body", "titel", "optons", "Title", "nxt", "lable", "first", "done", "a", "b", "q-1", "Bad Id", "x--y"]
CHECKLIST_KEYS = ["title", "intro", "checks", "id", "label", "why", "rule", "manual", "kind", "phrases", "min",
                  "max", "within", "per", "one", "other", "message", "suggestion", "avoid", "require", "count",
                  "length", "conflict", "repeat", "last-sentence", "sentence", "message ", "phrase", "chekcs"]


def documents(keys: list[str]):
    key = st.one_of(st.sampled_from(keys), st.text(max_size=6))
    value = st.recursive(
        st.one_of(SCALAR, st.sampled_from(keys)),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(key, kids, max_size=5),
        max_leaves=30,
    )
    return st.one_of(st.dictionaries(key, value, max_size=6), value)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(documents(QUIZ_KEYS))
def test_random_quiz_documents(renderer, data):
    assert_model_or_problems(QUIZ, dump(data), renderer)


@SETTINGS
@given(documents(CHECKLIST_KEYS))
def test_random_checklist_documents(renderer, data):
    assert_model_or_problems(CHECKLIST, dump(data), renderer)


# mutations of real files: most stay close to valid, so models get rendered too

REAL = {
    "quiz": (ROOT / "content" / "quizzes" / "readiness.yml").read_text("utf-8"),
    "checklist": (ROOT / "content" / "checklists" / "first-message.yml").read_text("utf-8"),
}
SNIPPETS = st.one_of(ODD, st.sampled_from([
    "\n", ": ", "- ", "  ", "\t", "&a ", "*a ", "!!str ", "!!python/object/apply:os.system ", "<<: ", "{", "}",
    "[", "]", "#", "'", '"', "|", ">-", "---\n", "...\n", "%YAML 1.1\n", "? ", "\n  - x\n",
]), st.text(max_size=5))


@st.composite
def mutated_text(draw, text: str):
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swap-value", "indent"]))
        line = lines[i]
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(SNIPPETS) + line[at:]
        elif action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "swap-value" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + dump(draw(SCALAR)).strip().replace("\n...", "") + "\n"
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "    ", ""])) + line.lstrip(" ")
    return "".join(lines)


@SETTINGS
@given(st.data())
def test_mutated_real_files(renderer, data):
    kind = data.draw(st.sampled_from(["quiz", "checklist"]))
    text = data.draw(mutated_text(REAL[kind]))
    assert_model_or_problems(QUIZ if kind == "quiz" else CHECKLIST, text, renderer)


# ---------------------------------------------------------------------------
# Quiz graphs, checked against an independent reading of the graph


@st.composite
def quiz_graphs(draw):
    n = draw(st.integers(1, 10))
    m = draw(st.integers(1, 4))
    questions = [f"q{i}" for i in range(n)]
    outcomes = [f"o{i}" for i in range(m)]
    shape = draw(st.sampled_from(["dag", "dag", "any", "dangling"]))
    options = {}
    for i, q in enumerate(questions):
        later = questions[i + 1:] if shape == "dag" else questions
        pool = later + outcomes + (["nowhere", "q99"] if shape == "dangling" else [])
        options[q] = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=4))
    start = draw(st.sampled_from(["q0"] * 4 + ["o0", "missing"] + questions))
    return {"questions": questions, "outcomes": outcomes, "options": options, "start": start}


def quiz_text(graph) -> tuple[str, dict, dict]:
    """The graph as a quiz file, with the line of each question key and of
    each option's 'next'."""
    lines = ["title: A quiz", f"start: {graph['start']}", "questions:"]
    key_line, next_line = {}, {}
    for q in graph["questions"]:
        lines.append(f"  {q}:")
        key_line[q] = len(lines)
        lines += [f"    text: Question {q}?", "    options:"]
        for i, target in enumerate(graph["options"][q]):
            lines.append(f"      - label: Answer {i}")
            lines.append(f"        next: {target}")
            next_line[(q, i)] = len(lines)
    lines.append("outcomes:")
    for o in graph["outcomes"]:
        lines.append(f"  {o}:")
        key_line[o] = len(lines)
        lines += [f"    title: Outcome {o}", "    body: See [the guide](../writing.md#tone)."]
    return "\n".join(lines) + "\n", key_line, next_line


def reaches(edges: dict, source: str) -> set:
    """Every node reachable from ``source`` by one or more edges."""
    seen, todo = set(), list(edges.get(source, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


def expected_findings(graph):
    questions, outcomes = set(graph["questions"]), set(graph["outcomes"])
    q_edges = {q: [t for t in graph["options"][q] if t in questions] for q in questions}
    dangling = [(q, i, t) for q in graph["questions"] for i, t in enumerate(graph["options"][q])
                if t not in questions and t not in outcomes]
    # cycles: Kahn's algorithm leaves exactly the questions on or after a cycle
    indegree = {q: 0 for q in questions}
    for q in questions:
        for t in q_edges[q]:
            indegree[t] += 1
    free = [q for q in questions if indegree[q] == 0]
    removed = 0
    while free:
        q = free.pop()
        removed += 1
        for t in q_edges[q]:
            indegree[t] -= 1
            if indegree[t] == 0:
                free.append(t)
    has_cycle = removed < len(questions)
    # dead ends: questions that reach no outcome, and no option in error
    good = {q for q in questions if any(t not in questions for t in graph["options"][q])}
    changed = True
    while changed:
        changed = False
        for q in questions - good:
            if any(t in good for t in q_edges[q]):
                good.add(q)
                changed = True
    dead = questions - good
    start = graph["start"]
    reached = {start} | reaches({q: graph["options"][q] for q in questions}, start) if start in questions else None
    return q_edges, dangling, has_cycle, dead, reached


@SETTINGS
@given(quiz_graphs())
def test_quiz_graph_checks_are_right(renderer, graph):
    text, key_line, next_line = quiz_text(graph)
    model = assert_model_or_problems(QUIZ, text, renderer)
    _, problems = load(QUIZ, text)
    q_edges, dangling, has_cycle, dead, reached = expected_findings(graph)
    errors = [(p.line, p.message) for p in problems.errors]
    warnings = [(p.line, p.message) for p in problems.warnings]

    cycles = [(line, msg) for line, msg in errors if msg.startswith("cycle: ")]
    assert bool(cycles) == has_cycle, errors
    on_a_cycle = {next_line[(q, i)] for q in graph["questions"] for i, t in enumerate(graph["options"][q])
                  if t in q_edges and q in reaches(q_edges, t)}
    for line, msg in cycles:
        assert line in on_a_cycle, (line, msg)
        loop = msg[len("cycle: "):msg.index(": a reader")].split(" → ")
        if "…" not in msg:
            assert loop[0] == loop[-1] and all(b in q_edges[a] for a, b in zip(loop, loop[1:])), msg

    for q, i, t in dangling:
        assert any(line == next_line[(q, i)] and f"leads to '{t}', which is not a question or outcome" in msg
                   for line, msg in errors), (q, i, t, errors)
    found_dead = {msg.split("'")[1] for _, msg in errors if msg.startswith("no outcome can be reached")}
    assert found_dead == dead, errors
    for q in dead:
        assert (key_line[q], f"no outcome can be reached from question '{q}': every path from it goes round in a "
                             "loop or to an id that does not exist") in errors

    start = graph["start"]
    if start in graph["outcomes"]:
        assert (2, f"'start' should name the first question, but '{start}' is an outcome") in errors
    elif start not in graph["questions"]:
        assert any(line == 2 and f"'start' names '{start}'" in msg for line, msg in errors), errors
    else:
        unreached = {x for x in graph["questions"] + graph["outcomes"] if x not in reached}
        said = {msg.split("'")[1] for _, msg in warnings if "can't be reached from the first question" in msg}
        # while a link is broken, what it was meant to reach is not reported as well
        assert said == (set() if dangling else unreached), warnings
    well_formed = start in graph["questions"] and not has_cycle and not dangling and not dead
    assert (model is not None) == well_formed, errors


# ---------------------------------------------------------------------------
# Checklists, checked against the rules of the format

POOL = ["sorry", "Sorry", "so  sorry", "I’m sad", "I'm sad", "?", "!!", "you always", "miss you", "moved on",
        "<script>", "(a+)+$", "é", "e\u0301"]


@st.composite
def checklist_shapes(draw):
    checks = []
    for i in range(draw(st.integers(1, 6))):
        ident = draw(st.sampled_from([f"c{i}", f"c{i}", "same", "Bad Id", "x--y", "no-blame"]))
        form = draw(st.sampled_from(["rule", "rule", "rule", "manual", "both", "neither", "manual-false"]))
        kind = draw(st.sampled_from(["avoid", "require", "count", "length", "conflict", "repeat"]))
        rule = {"kind": kind}
        if kind in ("count", "length"):
            for key in ("min", "max"):
                value = draw(st.none() | st.integers(0, 4))
                if value is not None:
                    rule[key] = value
        if kind == "repeat":
            rule["max"] = draw(st.integers(1, 3))
        if kind == "conflict":
            rule["one"] = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3))
            rule["other"] = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3))
        elif kind != "length":
            rule["phrases"] = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4))
        check = {"id": ident, "label": f"Check {i}", "why": "See [the guide](../writing.md#tone)."}
        if form in ("rule", "both"):
            check["rule"] = rule
        if form in ("manual", "both"):
            check["manual"] = True
        if form == "manual-false":
            check["manual"] = False
        checks.append(check)
    return {"title": "A checklist", "checks": checks}


def checklist_findings(shape) -> tuple[list[tuple[int, str]], list[int]]:
    """(index of the check, what is wrong) for each error; indexes with warnings."""
    errors, warned, seen = [], [], set()
    for i, check in enumerate(shape["checks"]):
        if not ID.match(check["id"]):
            errors.append((i, "id"))
        if check["id"] in seen:
            errors.append((i, "duplicate"))
        seen.add(check["id"])
        rule, manual = check.get("rule"), check.get("manual")
        if rule and manual:
            errors.append((i, "both"))
        if not rule and not manual:
            errors.append((i, "neither"))
        if not rule:
            continue
        low, high = rule.get("min"), rule.get("max")
        if rule["kind"] in ("count", "length"):
            if low is None and high is None:
                errors.append((i, "min or max"))
            if low is not None and high is not None and low > high:
                errors.append((i, "min above max"))
            if rule["kind"] == "length" and high == 0:
                errors.append((i, "max 0"))
        lists = [rule[k] for k in ("phrases", "one", "other") if k in rule]
        if any(len({normalise(p) for p in phrases}) < len(phrases) for phrases in lists):
            warned.append(i)
        if rule["kind"] == "conflict" and {normalise(p) for p in rule["one"]} & {normalise(p) for p in rule["other"]}:
            errors.append((i, "both groups"))
    return errors, warned


MESSAGES = {
    "id": "ids use lowercase letters", "duplicate": "duplicate check id", "both": "has both a rule and 'manual: true'",
    "neither": "needs a 'rule'", "min or max": "needs 'min', 'max' or both", "min above max": "is greater than 'max'",
    "max 0": "'max' of 0 words", "both groups": "is in both 'one' and 'other'",
}


@SETTINGS
@given(checklist_shapes())
def test_checklist_checks_are_right(renderer, shape):
    text = dump(shape)
    model = assert_model_or_problems(CHECKLIST, text, renderer)
    _, problems = load(CHECKLIST, text)
    expected, warned = checklist_findings(shape)
    messages = [p.message for p in problems.errors]
    for _, what in expected:
        assert any(MESSAGES[what] in m for m in messages), (what, messages)
    for message in messages:
        assert any(text in message for text in MESSAGES.values()), f"unexpected error: {message}"
    if warned:
        assert any("is the same as" in p.message for p in problems.warnings)
    else:
        assert not problems.warnings, [str(p) for p in problems.warnings]
    assert (model is not None) == (not expected)


# ---------------------------------------------------------------------------
# Compiled phrases in Chromium's JavaScript engine

SCRIPTS = [ROOT / "plugins" / "guidekit" / "core" / "runtime.js",
           ROOT / "plugins" / "guidekit" / "checklist" / "checklist.js"]


@pytest.fixture(scope="module")
def js(browser):
    """A blank page with the checklist's script (its normalise and evaluate)."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>x</title>")
    for script in SCRIPTS:
        page.add_script_tag(path=str(script))
    yield page
    page.close()


def known(char: str) -> bool:
    """Characters this Python's Unicode tables know (a newer browser may
    case or compose characters added since; those are not compared)."""
    return unicodedata.category(char) != "Cn"


PHRASE = st.text(st.characters(exclude_categories=["Cs", "Cn"]), min_size=1, max_size=20) | ODD
DRAFT = st.text(st.characters(exclude_categories=["Cs", "Cn"]), max_size=40)


@SETTINGS
@given(st.lists(DRAFT | PHRASE, min_size=1, max_size=6))
def test_text_is_normalised_alike_in_python_and_in_the_browser(js, texts):
    texts = [t for t in texts if all(known(c) for c in t)]
    in_browser = js.evaluate(
        "texts => texts.map(t => guidekit.checklist.normalise(t).replace(/\\s+/g, ' ').trim())", texts)
    assert in_browser == [normalise(t) for t in texts]


@SETTINGS
@given(st.lists(PHRASE, min_size=1, max_size=8))
def test_compiled_phrases_run_in_the_browser_and_find_each_phrase(js, phrases):
    # as the model has them: stripped, not empty, and written without the
    # phrase language's '(a|b)' and '...' (their errors are tested elsewhere)
    phrases = [p.strip() for p in phrases if normalise(p.strip()) and all(known(c) for c in p)
               and "|" not in p and "..." not in p]
    if not phrases:
        return
    pattern = compile_phrases(phrases)
    conf = config(None)
    drafts = [read(f"x {p} y", conf).text for p in phrases]
    result = js.evaluate("""([pattern, singles, drafts]) => drafts.map((d, i) => {
        const all = new RegExp(pattern, "g"), alone = new RegExp(singles[i], "g");
        return [all.test(d), d.match(alone) || []];
      })""", [pattern, [compile_phrases([p]) for p in phrases], drafts])
    for phrase, draft, (any_match, alone) in zip(phrases, drafts, result):
        assert any_match, (phrase, pattern)
        assert alone and draft.startswith(" x" + alone[0] + " "), (phrase, draft, alone)
