"""The checklist file format: every kind of error, with its message and line,
warnings, and the build's handling of a checklist and its placements."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

from guidekit.checklist.component import CHECKLIST, rule_attributes
from guidekit.checklist.model import RULE_KINDS, Checklist
from guidekit.core.problems import Problems
from guidekit.core.yamlfile import load_yaml
from helpers import ROOT, build, make_project

GOOD = """\
title: Check your draft
intro: Type your message.
checks:
  - id: no-blame
    label: No blame
    why: See [blame](../page.md#blame).
    rule:
      kind: avoid
      phrases: [you always, your fault]
      message: This may read as blame.
      suggestion: Say how you feel.
  - id: asks
    label: Asks something
    why: Easy to answer.
    rule: {kind: count, phrases: ["?"], within: last-sentence, min: 1}
  - id: calm
    label: Calm
    why: Calm.
    manual: true
"""


def load(text: str):
    loaded = load_yaml(textwrap.dedent(text), "c.yml")
    problems = loaded.problems
    model = CHECKLIST.load(loaded, "c", problems) if loaded.data is not None else None
    return model, [without_column(p) for p in problems.errors], [without_column(p) for p in problems.warnings]


def without_column(problem) -> str:
    """``path:line: message``: the columns are tested in test_messages.py."""
    return re.sub(r"^(\S+?:\d+):\d+: ", r"\1: ", str(problem))


def check_yaml(rule: str, extra: str = "") -> str:
    """A file with one check whose rule is ``rule`` (YAML lines, indented by 6)."""
    return "title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n" + extra + "    rule:\n" + textwrap.indent(textwrap.dedent(rule), "      ")


def test_a_good_file_loads():
    model, errors, warnings = load(GOOD)
    assert errors == [] and warnings == []
    assert [c.id for c in model.checklist.checks] == ["no-blame", "asks", "calm"]
    assert model.checklist.checks[2].manual and model.checklist.checks[2].rule is None
    assert model.lines[("checks", 0, "why")] == 6
    assert model.lines[("intro",)] == 2


def test_every_rule_kind_loads():
    rules = {
        "avoid": "kind: avoid\nphrases: [x]\n",
        "require": "kind: require\nphrases: [x]\n",
        "count": "kind: count\nphrases: ['!']\nmax: 2\n",
        "length": "kind: length\nper: sentence\nmin: 1\nmax: 20\n",
        "conflict": "kind: conflict\none: [a]\nother: [b]\n",
        "repeat": "kind: repeat\nphrases: [sorry]\nmax: 2\n",
        "shout": "kind: shout\nshare: 0.7\nletters: 10\n",
    }
    assert set(rules) == set(RULE_KINDS)
    for kind, rule in rules.items():
        model, errors, _ = load(check_yaml(rule))
        assert errors == [], kind
        assert model.checklist.checks[0].rule.kind == kind


@pytest.mark.parametrize("text, expected", [
    (check_yaml("kind: length\nmax: 3\nwithin: message\n"),
     ["c.yml:9: unknown key 'within' for this kind of rule"]),
    (check_yaml("kind: avoid\nphrases: [x]\nmin: 1\n"),
     ["c.yml:9: unknown key 'min' for this kind of rule"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    rule: [x]\n",
     ["c.yml:6: 'rule' should be a mapping of keys to values, not a list"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    rule: []\n",
     ["c.yml:6: 'rule' should be a mapping of keys to values, not a list"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    rule: {}\n",
     ["c.yml:6: missing required key 'kind'"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    phrases: [x]\n    manual: true\n",
     ["c.yml:6: unknown key 'phrases' in checks > 0: it belongs in another part of the file"]),
    (check_yaml("kind: aviod\nphrases: [x]\n"),
     ["c.yml:7: unknown kind 'aviod' (did you mean 'avoid'?); expected one of: avoid, require, count, length, conflict, repeat, shout"]),
    (check_yaml("kind: avoid\nphrase: [x]\n"),
     ["c.yml:8: unknown key 'phrase' (did you mean 'phrases'?)"]),
    (check_yaml("kind: avoid\nphrases: []\n"),
     ["c.yml:8: 'phrases' needs at least 1 item(s)"]),
    (check_yaml("kind: avoid\nphrases: ['  ', x]\n"),
     ["c.yml:8: 'phrases' must not be empty"]),
    (check_yaml("kind: conflict\none: [a]\nother: []\n"),
     ["c.yml:9: 'other' needs at least 1 item(s)"]),
    (check_yaml("kind: count\nphrases: ['!']\nmin: 5\nmax: 2\n"),
     ["c.yml:10: check 'a': 'min' (5) is greater than 'max' (2): no draft could pass; swap or fix them"]),
    (check_yaml("kind: length\nmin: 50\nmax: 10\n"),
     ["c.yml:9: check 'a': 'min' (50) is greater than 'max' (10): no draft could pass; swap or fix them"]),
    (check_yaml("kind: length\n"),
     ["c.yml:7: check 'a': a length rule needs 'min', 'max' or both"]),
    (check_yaml("kind: count\nphrases: ['?']\nwithin: first-sentence\nmin: 1\n"),
     ["c.yml:9: 'within' must be 'message' or 'last-sentence', not 'first-sentence'"]),
    (check_yaml("kind: require\nwithin: message\n"),
     ["c.yml:7: check 'a': a require rule needs 'phrases', 'any' or both"]),
    (check_yaml("kind: avoid\nphrases: ['... hurt me']\n"),
     ["c.yml:8: check 'a': phrase '... hurt me': '...' stands for words between two others: put it between words"]),
    (check_yaml("kind: avoid\nphrases: ['(really|) (truly|)']\n"),
     ["c.yml:8: check 'a': phrase '(really|) (truly|)': it needs at least one word or mark that is not optional"]),
    (check_yaml("kind: avoid\nphrases: [x]\nunless: ['you (made me (laugh|smile)|knew)']\n"),
     ["c.yml:9: check 'a': phrase 'you (made me (laugh|smile)|knew)': brackets with '|' cannot be inside other brackets: write two phrases instead"]),
    (check_yaml("kind: avoid\nphrases: ['you (... |) hurt']\n"),
     ["c.yml:8: check 'a': phrase 'you (... |) hurt': '...' cannot be inside brackets"]),
    (check_yaml("kind: require\nany:\n  - phrases: ['... ok']\n"),
     ["c.yml:9: check 'a': phrase '... ok': '...' stands for words between two others: put it between words"]),
    (check_yaml("kind: shout\nshare: 0\n"),
     ["c.yml:8: 'share' should be more than 0.0, not the number 0"]),
    ("title: T\nsignoffs: ['... take care']\nchecks:\n  - id: a\n    label: A\n    why: W\n    manual: true\n",
     ["c.yml:2: signoffs: phrase '... take care': '...' stands for words between two others: put it between words"]),
    (check_yaml("kind: repeat\nphrases: [sorry]\nmax: 0\n"),
     ["c.yml:9: 'max' should be 1 or more, not the number 0"]),
    (check_yaml("kind: repeat\nphrases: [sorry]\n"),
     ["c.yml:7: missing required key 'max' in checks > 0 > rule > repeat"]),
    (check_yaml("kind: length\nmax: '30'\n"),
     ["c.yml:8: 'max' should be a whole number, not '30'"]),
    (check_yaml("kind: conflict\none: [I miss you]\nother: [I  MISS  You, b]\n"),
     ["c.yml:9: check 'a': 'I  MISS  You' is in both 'one' and 'other' (line 8): it would always conflict with itself; remove one"]),
    (check_yaml("kind: avoid\nphrases: [x]\n", extra="    manual: true\n"),
     ["c.yml:6: check 'a' has both a rule and 'manual: true': keep one"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n",
     ["c.yml:3: check 'a' needs a 'rule' (checked as the reader types) or 'manual: true' (the reader ticks it)"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    manual: true\n  - id: a\n    label: B\n    why: W\n    manual: true\n",
     ["c.yml:7: duplicate check id 'a' (first on line 3): ids must be unique within a checklist"]),
    ("title: T\nchecks:\n  - id: No Blame\n    label: A\n    why: W\n    manual: true\n",
     ["c.yml:3: check id 'No Blame': ids use lowercase letters, digits and single hyphens, starting and ending with a letter or digit (e.g. 'no-blame')"]),
    ("title: T\nchecks:\n  - id: a\n    lable: A\n    why: W\n    manual: true\n",
     ["c.yml:4: unknown key 'lable' (did you mean 'label'?)"]),
    ("title: T\nchecks: []\n", ["c.yml:2: 'checks' needs at least 1 item(s)"]),
    ("title: T\nchecks:\n  - id: a\n    label: A\n    why: W\n    manual: yes please\n",
     ["c.yml:6: 'manual' should be true or false, not 'yes please'"]),
])
def test_errors_have_message_and_line(text, expected):
    model, errors, _ = load(text)
    assert model is None
    assert errors == expected


def test_all_problems_of_a_file_at_once():
    text = (
        "title: T\n"
        "checks:\n"
        "  - id: a\n"           # 3
        "    label: A\n"
        "    why: W\n"
        "    rule: {kind: length, min: 9, max: 3}\n"  # 6
        "  - id: a\n"           # 7
        "    label: B\n"
        "    why: W\n"
        "    rule: {kind: avoid, phrases: []}\n"  # 10
        "  - id: c\n"
        "    label: C\n"
        "    why: W\n"
        "    rule: {kind: nope}\n"  # 14
    )
    model, errors, _ = load(text)
    assert model is None
    assert errors == [  # in line order
        "c.yml:6: check 'a': 'min' (9) is greater than 'max' (3): no draft could pass; swap or fix them",
        "c.yml:7: duplicate check id 'a' (first on line 3): ids must be unique within a checklist",
        "c.yml:10: 'phrases' needs at least 1 item(s)",
        "c.yml:14: unknown kind 'nope'; expected one of: avoid, require, count, length, conflict, repeat, shout",
    ]


def test_phrases_that_normalise_alike_warn():
    model, errors, warnings = load(check_yaml("kind: avoid\nphrases:\n  - I’m sorry\n  - i'm   SORRY\n  - sorry\n"))
    assert errors == [] and model is not None
    assert warnings == [
        "c.yml:10: check 'a': 'i'm   SORRY' is the same as 'I’m sorry' once case, apostrophes and spaces "
        "are set aside (line 9); remove one"
    ]


def test_phrases_that_differ_only_in_forms_of_words_warn():
    model, errors, warnings = load(check_yaml("kind: avoid\nphrases:\n  - I've moved on\n  - I have  moved on\n  - u never\n  - you never\n"))
    assert errors == [] and model is not None
    assert warnings == [
        "c.yml:10: check 'a': 'I have  moved on' is the same as 'I've moved on' once the forms of words are set "
        "aside ('you've' is 'you have'; line 9); remove one",
        "c.yml:12: check 'a': 'you never' is the same as 'u never' once the forms of words are set "
        "aside ('you've' is 'you have'; line 11); remove one",
    ]


def test_rule_attributes_hold_compiled_patterns():
    model, _, _ = load(GOOD)
    avoid, count = (c.rule for c in model.checklist.checks[:2])
    assert rule_attributes(avoid) == {
        "kind": "avoid",
        "rule": '{"kind":"avoid","m":[{"p":"(?: you always| your fault)(?= )"}]}',
        "message": "This may read as blame.",
        "suggestion": "Say how you feel.",
    }
    assert rule_attributes(count) == {
        "kind": "count", "rule": r'{"kind":"count","m":[{"p":"(?: \\?)(?= )","in":"last-sentence","n":1}],"min":1}'}


def test_rule_attributes_of_the_new_keys():
    model, errors, _ = load(check_yaml(
        "kind: require\nany:\n  - {phrases: ['?'], within: last-sentence, last: 2}\n"
        "  - {phrases: [no rush], unless: [not], window: 2, quotes: ignore}\n"))
    assert errors == []
    assert json.loads(rule_attributes(model.checklist.checks[0].rule)["rule"]) == {"kind": "require", "m": [
        {"p": "(?: \\?)(?= )", "in": "last-sentence", "n": 2},
        {"p": "(?: no rush)(?= )", "u": "(?: not)(?= )", "w": 2, "q": 1},
    ]}


def test_the_model_documents_every_key():
    schema = Checklist.model_json_schema()
    for name, definition in schema["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description") or key == "kind", f"{name}.{key} has no description"


# --- whole builds -----------------------------------------------------------

PAGE = "# Writing\n\n## Check {#check}\n\nText.\n\n<!-- checklist first -->\n"


def project(tmp_path, checklist: str, page: str = PAGE):
    return make_project(tmp_path, {
        "docs/checklists/first.yml": checklist,
        "docs/page.md": "# Page\n\n## Blame {#blame}\n\nText.\n",
        "docs/writing.md": page,
    })


def test_a_build_renders_the_checklist_and_hides_the_data(tmp_path):
    result = build(project(tmp_path, GOOD))
    assert result.returncode == 0, result.output
    html = result.page("writing/index.html")
    assert 'data-checklist="first"' in html
    assert 'data-check="no-blame" data-kind="avoid"' in html  # no state until the script has checked the draft
    assert 'href="../page/#blame"' in html  # the why's link, resolved for this page
    assert "<script" not in html.split('data-checklist="first"')[1].split("</section>")[0]
    assert not (result.site_dir / "checklists" / "first.yml").exists()


def test_a_build_reports_problems_without_traceback(tmp_path):
    bad = check_yaml("kind: count\nphrases: ['!']\nmin: 3\nmax: 1\n").replace("title: T\n", "title: T\nextra: 1\n")
    result = build(project(tmp_path, bad))
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "docs/checklists/first.yml:2:1: unknown key 'extra'" in result.output
    assert "docs/checklists/first.yml:11: check 'a': 'min' (3) is greater than 'max' (1)" in result.output


def test_an_unknown_checklist_in_a_page_is_an_error(tmp_path):
    page = PAGE.replace("checklist first", "checklist frist")
    result = build(project(tmp_path, GOOD, page))
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "docs/writing.md:7:1: no checklist named 'frist' (did you mean 'first'?); known checklists: first" in result.output


def test_a_broken_link_in_a_why_is_reported(tmp_path):
    result = build(project(tmp_path, GOOD.replace("#blame", "#blaem")))
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "checklists/first.yml:6: link '../page.md#blaem': 'page.md' has no heading or anchor '#blaem'" in result.output


def test_a_warning_fails_a_strict_build(tmp_path):
    text = check_yaml("kind: avoid\nphrases: [sorry, Sorry]\n")
    result = build(project(tmp_path, text))
    assert result.returncode != 0
    assert "'Sorry' is the same as 'sorry'" in result.output
    assert build(tmp_path, strict=False).returncode == 0


# --- the shipped checklist -----------------------------------------------------

def test_the_first_message_checklist_links_to_existing_sections():
    path = ROOT / "content" / "checklists" / "first-message.yml"
    model, errors, warnings = load(path.read_text(encoding="utf-8"))
    assert errors == [] and warnings == []
    checks = model.checklist.checks
    assert {c.rule.kind for c in checks if c.rule} >= {"avoid", "require", "count", "length", "conflict", "shout"}
    assert sum(1 for c in checks if c.manual) == 6
    anchors = {
        "writing.md": {"misread", "why-you-are-writing", "mixed-messages", "no-blame", "tone", "short", "channel",
                       "open-ended", "how-you-feel", "old-fights", "no-guilt", "check-your-draft"},
        "before-you-reach-out.md": {"step-back", "clean-slate", "ready-for-silence", "heat-of-the-moment"},
        "why-time-matters.md": {"seeing-clearly"},
    }
    import re
    for check in checks:
        links = re.findall(r"\]\(\.\./([\w-]+\.md)#([\w-]+)\)", check.why)
        assert links, f"{check.id}: its why links to no section of the guide"
        for page, anchor in links:
            assert anchor in anchors[page], f"{check.id}: {page}#{anchor}"
            text = (ROOT / "content" / page).read_text(encoding="utf-8")
            assert "{#" + anchor + "}" in text, f"{page} has no section #{anchor}"


def test_the_data_file_stays_among_the_site_files_marked_excluded(tmp_path):
    """The build keeps a data file in MkDocs' list of files, marked as
    excluded (so a plugin after guidekit still sees it, and MkDocs neither
    publishes nor serves it) rather than taking it out of the list."""
    root = project(tmp_path, GOOD)
    (root / "seen.py").write_text(
        "import json, pathlib\n"
        "def on_env(env, config, files):\n"
        "    f = files.get_file_from_path('checklists/first.yml')\n"
        "    pathlib.Path(config.config_file_path).with_name('seen.json').write_text(\n"
        "        json.dumps(None if f is None else str(f.inclusion)))\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - seen.py\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    assert json.loads((root / "seen.json").read_text(encoding="utf-8")) == "InclusionLevel.EXCLUDED"
    assert not (result.site_dir / "checklists" / "first.yml").exists()
