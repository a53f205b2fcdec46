"""The shared core: YAML with line numbers, problems, placements, UI words."""

from __future__ import annotations

import gc

import pytest
import yaml
from mkdocs.exceptions import PluginError

from guidekit.core.placement import find_placements
from guidekit.core.problems import Problems, did_you_mean
from guidekit.core.words import load_words
from guidekit.core.yamlfile import load_yaml


def messages(loaded):
    return [str(p) for p in loaded.problems.items]


def test_lines_are_remembered():
    loaded = load_yaml("a: 1\nb:\n  - x\n  - y: 2\n    z: text\n", "f.yml")
    assert loaded.data == {"a": 1, "b": ["x", {"y": 2, "z": "text"}]}
    assert loaded.line_of(("b", 1, "z")) == 5
    assert loaded.key_line(("b", 1, "y")) == 4
    assert loaded.line_of(("b", 7)) == 3  # a missing item: the line where its list starts


def test_duplicate_key_is_an_error_with_both_lines():
    loaded = load_yaml("title: A\nintro: x\ntitle: B\n", "q.yml")
    assert messages(loaded) == [
        "q.yml:3:1: duplicate key 'title' (first on line 1): YAML would silently keep only the last one; remove or rename one"
    ]


def test_a_duplicate_key_in_a_flow_mapping_is_shown_at_its_column():
    loaded = load_yaml("a:\n  b: {x: 1, y: [1, {z: 2}], x: 3}\n", "q.yml")
    assert [(p.line, p.column) for p in loaded.problems.items] == [(2, 29)]
    assert "a:\n  b: {x: 1, y: [1, {z: 2}], x: 3}".split("\n")[1][28] == "x"


def test_syntax_error_has_its_line_column_and_an_excerpt_with_a_caret():
    loaded = load_yaml("title: A\noptions: [a, b\nnext: c\n", "q.yml")
    assert loaded.data is None
    [message] = messages(loaded)
    first, excerpt, caret = message.split("\n")
    assert first.startswith("q.yml:2:10: YAML syntax error:")  # where the '[' is left open
    assert excerpt == "  2 | options: [a, b"
    assert caret == "    |          ^"
    assert caret.index("^") == excerpt.index("[")


def test_the_caret_counts_characters_not_bytes():
    [message] = messages(load_yaml("tïtlé: Wäit: then write\n", "q.yml"))
    first, excerpt, caret = message.split("\n")
    assert first.startswith("q.yml:1:12: ")
    assert excerpt[caret.index("^")] == ":" and excerpt[caret.index("^") - 4:caret.index("^")] == "Wäit"


# (text, line, the start of the plain message): common mistakes in YAML
YAML_MISTAKES = [
    ("title: T\nintro: a\x07b\n", 2,
     "YAML syntax error: the file holds a control character (U+0007) that YAML does not allow: remove it"),
    ("title: é\nintro: é\x00\n", 2, "YAML syntax error: the file holds a control character (U+0000)"),
    ("title: T\n\tstart: a\n", 2, "YAML syntax error: a line is indented with a tab, and YAML only allows spaces"),
    ("title: T\nlist:\n\t- a\n", 3, "YAML syntax error: a line is indented with a tab"),
    ("title: @home\n", 1, "YAML syntax error: a value starts with '@', which YAML keeps for itself: put the value in quotes"),
    ("title: Wait: then write\n", 1, "YAML syntax error: ': ' starts a new key, which is not allowed here"),
    ("title: T\nstart\nquestions: {}\n", 2, "YAML syntax error: a line has no ':' after its key"),
    ("a:\n  b: 1\n c: 2\n", 3, "YAML syntax error: this line is indented more or less than the keys beside it"),
    ('options:\n  - label: "Yes" please\n', 2, "YAML syntax error: this line is indented more or less"),
    ("options:\n  - a\n  b: c\n", 3, "YAML syntax error: a list item has no '- ' before it"),
    ("title: [a, b\nnext: c\n", 1, "YAML syntax error: a list in [ ] is not closed"),
    ("title: {a: 1\n", 1, "YAML syntax error: a mapping in { } is not closed"),
    ('title: T\nintro: "no end\nstart: a\n', 2, "YAML syntax error: a quote is opened here but never closed"),
    ("a: 1\n---\nb: 2\n", 2, "YAML syntax error: a '---' line starts a second document"),
]


@pytest.mark.parametrize("text, line, message", YAML_MISTAKES, ids=lambda v: repr(v)[:30] if isinstance(v, str) else None)
def test_yaml_mistakes_are_explained_in_plain_words(text, line, message):
    [problem] = load_yaml(text, "q.yml").problems.items
    assert (problem.line, problem.message[:len(message)]) == (line, message)
    assert problem.column >= 1 and problem.excerpt
    assert "\n" not in problem.message and "<" not in problem.message and "position" not in problem.message


@pytest.mark.parametrize("text, line, message", YAML_MISTAKES, ids=lambda v: repr(v)[:30] if isinstance(v, str) else None)
def test_pure_python_pyyaml_words_get_the_same_plain_words(text, line, message):
    """Without libyaml, PyYAML words its problems differently: the table
    knows both (its own loader, with PyYAML's marks, gives the same line)."""

    from guidekit.core import yamlfile

    try:
        yaml.SafeLoader(text).get_single_node()
        raise AssertionError("PyYAML read the text")
    except yaml.reader.ReaderError as e:
        got = yamlfile._reader_error(e, text)
    except yaml.MarkedYAMLError as e:
        got = yamlfile._syntax_error(e, text)
    assert f"{got[0]}: YAML syntax error: {got[1]}".startswith(f"{line}: {message}")
    assert got[2] == load_yaml(text, "q.yml").problems.items[0].column  # the same column from both readers


@pytest.mark.parametrize("text", ["a: &x [1, 2]\nb: *x\n", "a: &x 1\nb: *x\n"])
def test_aliases_are_refused(text):
    loaded = load_yaml(text, "q.yml")
    [message] = messages(loaded)
    assert "anchors and aliases" in message
    assert message.startswith("q.yml:")


def test_billion_laughs_ends_at_once():
    lol = "a: &a [lol, lol]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    loaded = load_yaml(lol, "q.yml")
    assert loaded.problems.errors and len(str(loaded.data)) < 10_000


def test_only_json_types_come_out():
    loaded = load_yaml("d: 2024-01-01\nn: ~\nb: true\ny: yes\nq: 'yes'\nf: 1.5\n", "q.yml")
    assert loaded.data == {"d": "2024-01-01", "n": None, "b": True, "y": "yes", "q": "yes", "f": 1.5}


# Plain words as YAML 1.2's core schema reads them (and editors with it):
# only true/false are booleans, so the commonest answers stay text.
CORE = {
    **dict.fromkeys("true True TRUE".split(), True), **dict.fromkeys("false False FALSE".split(), False),
    **dict.fromkeys("null Null NULL ~".split(), None), "": None,
    "0": 0, "12": 12, "-3": -3, "+4": 4, "0o17": 15, "0x1F": 31, "1.5": 1.5, "-.5": -0.5, "1e3": 1000.0,
    "6.02E23": 6.02e23, ".inf": float("inf"), "-.Inf": float("-inf"),
}
TEXT = ("yes Yes YES yEs no No NO nO on On ON oN off Off OFF y n Y N tRUE nULL ~~ yess none None nil O Oh "
        "Never Tuesday off-site null0 Yes! 1_000 0b101 1:20 0777x 2024-01-01 12:30 1.2.3 +.5e 0x 0o8 .5.").split()


@pytest.mark.parametrize("word", list(CORE) + TEXT, ids=repr)
def test_plain_words_are_read_as_yaml_1_2_reads_them(word):
    got = load_yaml(f"v: {word}\n", "q.yml").data["v"]
    expected = CORE.get(word, word)
    assert (got, type(got)) == (expected, type(expected))


@pytest.mark.parametrize("word", ["Yes", "No", "On", "Off", "true", "12"])
def test_quoted_words_are_always_text(word):
    assert load_yaml(f"a: '{word}'\nb: \"{word}\"\nc: |\n  {word}\n", "q.yml").data == {"a": word, "b": word, "c": word + "\n"}


def test_an_unquoted_yes_is_a_label():
    from guidekit.quiz.component import QUIZ

    text = ("title: T\nstart: q\nquestions:\n  q:\n    text: Ready?\n    options:\n      - {label: Yes, next: a}\n"
            "      - {label: No, next: b}\noutcomes:\n  a: {title: A, body: A.}\n  b: {title: B, body: B.}\n")
    loaded = load_yaml(text, "q.yml")
    model = QUIZ.load(loaded, "q", loaded.problems)
    assert not loaded.problems and [o.label for o in model.quiz.questions["q"].options] == ["Yes", "No"]


def test_empty_file_and_deep_nesting():
    assert messages(load_yaml("", "e.yml")) == ["e.yml:1: the file is empty"]
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 80))
    assert "nested" in " ".join(messages(load_yaml("[" * 200 + "]" * 200, "d.yml")) + messages(load_yaml(deep, "d.yml")))


def test_loaded_mappings_and_lists_hold_no_instance_dictionary():
    # a large file holds tens of thousands of them: a dictionary each would be
    # one more object for the garbage collector to walk
    data = load_yaml("a:\n  - {b: 1}\n", "f.yml").data
    for node in (data, data["a"], data["a"][0]):
        assert not hasattr(node, "__dict__")
    assert (data.line, data["a"].line, data["a"].item_lines, data["a"][0].value_lines) == (1, 2, [2], {"b": 2})


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_yaml("a: 1\n", "f.yml")
        load_yaml("a: [\n", "f.yml")  # a syntax error on the way
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_problems_raise_all_errors_together_and_log_warnings(caplog):
    problems = Problems("x.yml")
    problems.error(3, "first")
    problems.warn(1, "just a warning")
    problems.error(9, "second")
    with pytest.raises(PluginError) as info:
        problems.raise_or_warn()
    assert str(info.value).splitlines() == ["2 problems in guide data:", "  x.yml:3: first", "  x.yml:9: second"]
    assert [r.getMessage() for r in caplog.records] == ["guidekit: x.yml:1: just a warning"]
    assert caplog.records[0].name.startswith("mkdocs.plugins.")


def test_did_you_mean():
    assert did_you_mean("optons", ["options", "text", "help"]) == " (did you mean 'options'?)"
    assert did_you_mean("zzz", ["options"]) == ""


def test_placements_are_found_outside_code_only():
    markdown = "\n".join([
        "# Page",
        "<!-- quiz readiness -->",
        "```",
        "<!-- quiz in-code -->",
        "```",
        "Text <!-- checklist inline --> more",
        "<!-- a normal comment -->",
        "  <!--checklist first-message-->",
    ])
    found = [(p.kind, p.id, p.line, p.ok_position) for p in find_placements(markdown, {"quiz", "checklist"})]
    assert found == [("quiz", "readiness", 2, True), ("checklist", "inline", 6, False), ("checklist", "first-message", 8, True)]


def test_words_fall_back_to_english_and_take_overrides():
    problems = Problems()
    words = load_words("en", {"exit_label": "Leave now"}, problems)
    assert words["exit_label"] == "Leave now" and not problems
    words = load_words("xx", {}, problems)
    assert words["exit_label"] == "Exit this page"
    assert not problems  # a language without words is a note at info level, not a problem (tests/test_words.py)
    assert load_words("fr", {}, problems)["exit_label"] == "Quitter cette page" and not problems


def test_unknown_word_override_is_an_error_with_a_suggestion():
    problems = Problems()
    load_words("en", {"exit_lable": "Leave"}, problems)
    assert [str(p) for p in problems.errors] == [
        "mkdocs.yml: plugins > guidekit > words: unknown word 'exit_lable' (did you mean 'exit_label'?)"
    ]
