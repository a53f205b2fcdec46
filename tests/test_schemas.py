"""The JSON Schemas for editors agree with the build.

* The schemas shipped in the package are exactly what ``guidekit.schema``
  generates from the models now, so they cannot drift from the build.
* Every fixture under ``fixtures/schema/<kind>/valid`` and ``.../invalid`` goes
  through both the JSON Schema (the ``jsonschema`` library) and the build's own
  loading and checks (the component's ``load``, as the build calls it); both
  must accept a valid file and both must reject an invalid one. The shipped
  quiz and checklist, and those of the example projects, are valid fixtures
  too. An invalid fixture names, in its header, the build's message and the
  schema keyword that fail, so each fails for the reason it was written for.
* Fixtures under ``.../build-only`` hold problems that link several values
  (quiz steps that lead nowhere or in circles, duplicate check ids, 'min'
  above 'max', ...). JSON Schema cannot express these: they are outside the
  agreement set. The test pins that boundary: the schema accepts them and the
  build rejects them.
* The shipped quiz and checklist files name their schema in a
  ``yaml-language-server`` modeline that resolves to the shipped file.

Both sides read the same YAML text the same way: as YAML 1.2, where an
unquoted ``Yes``, ``No``, ``On`` or ``Off`` is text (a valid fixture holds
them). Known cases where an editor and the build may still differ, none of
them in the fixtures: a whole number written as a decimal (``max: 3.0``;
JSON Schema counts it as an integer, the build does not), and spaces around
a check id (the build trims them).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from guidekit.checklist.component import CHECKLIST
from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ
from guidekit.schema import MODELS, SHIPPED, generate
from helpers import ROOT, make_project

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
COMPONENTS = {"quiz": QUIZ, "checklist": CHECKLIST}
SHIPPED_DATA = {"quiz": ROOT / "content" / "quizzes", "checklist": ROOT / "content" / "checklists"}
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def schema(kind: str) -> dict:
    return json.loads((SHIPPED / f"{kind}.schema.json").read_text(encoding="utf-8"))


def schema_errors(kind: str, data) -> list[jsonschema.ValidationError]:
    return list(jsonschema.Draft7Validator(schema(kind)).iter_errors(data))


def _off_target(branch: list[jsonschema.ValidationError]) -> bool:
    """A branch of anyOf/oneOf written for something else: another rule kind,
    or the 'null' of an optional key."""
    return any((e.validator == "const" and list(e.relative_path) == ["kind"])
               or (e.validator == "type" and e.validator_value == "null") for e in branch)


def keywords(errors) -> set[str]:
    """The failing keywords, also inside the anyOf/oneOf branches that were
    meant for the data (the rule of the kind given, the non-null value)."""
    found = set()
    for error in errors:
        found.add(error.validator)
        branches: dict[int, list] = {}
        for sub in error.context or ():
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = [b for b in branches.values() if not _off_target(b)] or list(branches.values())
        found |= keywords([sub for branch in meant for sub in branch])
    return found


def build_problems(kind: str, path: Path):
    """Load ``path`` as the build does: the loader, then the component's
    ``load`` (its model and its checks) when the loader found no error."""
    loaded = load_yaml(path.read_text(encoding="utf-8"), path.name)
    problems = loaded.problems
    if loaded.data is not None and not problems.errors:
        COMPONENTS[kind].load(loaded, path.stem, problems)
    return loaded, problems


def header(path: Path, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.+)$", path.read_text(encoding="utf-8"), re.M)


def fixtures(group: str) -> list:
    return [pytest.param(kind, path, id=f"{kind}/{path.stem}")
            for kind in COMPONENTS for path in sorted((FIXTURES / kind / group).glob("*.yml"))]


def shipped() -> list:
    return [pytest.param(kind, path, id=f"shipped/{path.name}")
            for kind, folder in SHIPPED_DATA.items() for path in sorted(folder.glob("*.yml"))]


def examples() -> list:
    """The example projects' data files (the site-owner pages include them)."""
    return [pytest.param(kind, path, id=f"examples/{path.relative_to(ROOT / 'examples')}")
            for kind, plural in (("quiz", "quizzes"), ("checklist", "checklists"))
            for path in sorted((ROOT / "examples").glob(f"*/docs/{plural}/*.yml"))]


# --- the schema files ----------------------------------------------------------

def test_the_shipped_schemas_are_what_the_models_generate():
    generated = generate()
    assert sorted(p.name for p in SHIPPED.glob("*.json")) == sorted(generated) == ["checklist.schema.json", "quiz.schema.json"]
    for name, text in generated.items():
        assert (SHIPPED / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run python -m guidekit schema --out plugins/guidekit/schemas")


@pytest.mark.parametrize("kind", COMPONENTS)
def test_a_schema_is_valid_draft_07_with_no_2020_12_keywords(kind):
    data = schema(kind)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(data)
    text = json.dumps(data)
    for newer in ("$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "$dynamicRef", "discriminator"):
        assert f'"{newer}"' not in text, newer
    # draft-07 ignores keywords beside a $ref: there must be none
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def test_the_schemas_describe_every_key_and_forbid_unknown_ones():
    for kind in COMPONENTS:
        data = schema(kind)
        objects = [data, *data["definitions"].values()]
        for obj in objects:
            assert obj["additionalProperties"] is False, obj["title"]
            assert obj.get("description"), obj["title"]
            for key, prop in obj["properties"].items():
                assert prop.get("description"), f"{kind}: {obj['title']}.{key} has no description"
    quiz = schema("quiz")
    assert quiz["required"] == ["title", "start", "questions", "outcomes"]
    assert quiz["definitions"]["Question"]["properties"]["options"]["minItems"] == 2
    assert quiz["properties"]["title"]["minLength"] == 1
    checklist = schema("checklist")
    kinds = [checklist["definitions"][ref["$ref"].rsplit("/", 1)[1]]["properties"]["kind"]["const"]
             for ref in checklist["definitions"]["Check"]["properties"]["rule"]["anyOf"][0]["oneOf"]]
    assert kinds == ["avoid", "require", "count", "length", "conflict", "repeat", "shout"]


def test_the_schema_command_writes_the_shipped_files(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "guidekit", "schema"]
    out = tmp_path / "editor" / "schemas"
    result = subprocess.run(cmd + ["--out", str(out)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in MODELS:
        assert (out / name).read_bytes() == (SHIPPED / name).read_bytes()
        assert f"wrote {out / name}" in result.stdout

    fresh = subprocess.run(cmd + ["--out", str(out), "--check"], capture_output=True, text=True, env=env)
    assert fresh.returncode == 0, fresh.stderr
    (out / "quiz.schema.json").write_text("{}", encoding="utf-8")
    stale = subprocess.run(cmd + ["--out", str(out), "--check"], capture_output=True, text=True, env=env)
    assert stale.returncode == 1 and f"{out / 'quiz.schema.json'}: missing or out of date" in stale.stderr
    assert "checklist.schema.json" not in stale.stderr
    assert (out / "quiz.schema.json").read_text(encoding="utf-8") == "{}"  # --check writes nothing

    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    usage = subprocess.run(cmd + ["--out", str(a_file)], capture_output=True, text=True, env=env)
    assert usage.returncode == 2 and f"{a_file}: not a folder" in usage.stderr
    assert "Traceback" not in usage.stderr
    wrong = subprocess.run(cmd + ["--outt", "x"], capture_output=True, text=True, env=env)
    assert wrong.returncode == 2 and "unrecognized arguments: --outt" in wrong.stderr


def test_the_check_command_still_works_beside_schema(tmp_path):
    quiz = (FIXTURES / "quiz" / "valid" / "minimal.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path, {"docs/index.md": "# Home\n\n<!-- quiz pick -->\n", "docs/quizzes/pick.yml": quiz})
    cmd = [sys.executable, "-m", "guidekit", "check", str(project)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    good = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
    assert good.returncode == 0 and "guide data OK" in good.stdout, good.stdout + good.stderr
    (project / "docs" / "quizzes" / "pick.yml").write_text(quiz.replace("title: Pick a path", 'title: ""'), encoding="utf-8")
    bad = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
    assert bad.returncode == 1 and "quizzes/pick.yml:" in bad.stderr and "'title' must not be empty" in bad.stderr
    assert "Traceback" not in bad.stderr


# --- the schema and the build agree -------------------------------------------

def test_there_are_enough_fixtures():
    for kind in COMPONENTS:
        assert len(list((FIXTURES / kind / "valid").glob("*.yml"))) >= 3
        assert len(list((FIXTURES / kind / "invalid").glob("*.yml"))) >= 8
        assert list((FIXTURES / kind / "build-only").glob("*.yml"))


@pytest.mark.parametrize("kind, path", fixtures("valid") + shipped() + examples())
def test_valid_files_pass_both_the_schema_and_the_build(kind, path):
    loaded, problems = build_problems(kind, path)
    assert problems.errors == [], [str(p) for p in problems.errors]
    assert [e.message for e in schema_errors(kind, loaded.data)] == []
    # a valid file may still earn a warning (suspicious but valid): the named one
    for expected in header(path, "warning"):
        assert any(expected in p.message for p in problems.warnings), [str(p) for p in problems.warnings]


@pytest.mark.parametrize("kind, path", fixtures("invalid"))
def test_invalid_files_fail_both_the_schema_and_the_build(kind, path):
    loaded, problems = build_problems(kind, path)
    assert loaded.data is not None, "the fixture should be readable YAML; its problem is the format"
    build_says, schema_says = header(path, "build"), header(path, "schema")
    assert build_says and schema_says, "the fixture's header names the expected build message and schema keyword"
    messages = [p.message for p in problems.errors]
    for expected in build_says:
        assert any(expected in m for m in messages), messages
    errors = schema_errors(kind, loaded.data)
    assert errors, "the schema accepts a file the build rejects"
    for expected in schema_says:
        assert expected in keywords(errors), [f"{list(e.absolute_path)}: {e.validator}: {e.message}" for e in errors]


@pytest.mark.parametrize("kind, path", fixtures("build-only"))
def test_build_only_problems_pass_the_schema_and_fail_the_build(kind, path):
    # outside the agreement set: JSON Schema cannot relate one value to another
    loaded, problems = build_problems(kind, path)
    messages = [p.message for p in problems.errors]
    for expected in header(path, "build"):
        assert any(expected in m for m in messages), messages
    assert messages
    assert [e.message for e in schema_errors(kind, loaded.data)] == []


# --- modelines ----------------------------------------------------------------

@pytest.mark.parametrize("kind, path", shipped())
def test_a_shipped_file_names_its_schema_on_its_first_line(kind, path):
    first = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    match = MODELINE.fullmatch(first)
    assert match, f"{path.name}: the first line should be '# yaml-language-server: $schema=<path>'"
    target = (path.parent / match.group(1)).resolve()
    assert target == (SHIPPED / f"{kind}.schema.json").resolve()
    assert target.is_file()
