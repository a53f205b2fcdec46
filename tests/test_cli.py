"""``python -m guidekit`` as a newcomer meets it: plain help that states the
exit statuses the commands really give, no files written unasked, and a
clear line (exit status 2) for a file of the wrong kind."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from helpers import ROOT


def guidekit(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "guidekit", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("command", [[], ["check"], ["schema"], ["outline"]], ids=lambda c: " ".join(c) or "guidekit")
def test_help_is_plain_text_with_the_exit_statuses(command):
    result = guidekit(*command, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "``" not in text and not re.search(r":\w+:`", text), f"reStructuredText in the help:\n{text}"
    assert not re.search(r"\b[\w/]+\.py\b", text), f"a source file named in the help:\n{text}"
    flat = re.sub(r"\s+", " ", text)  # argparse wraps the lines
    assert "Exit status:" in flat, text
    statuses = flat.split("Exit status:", 1)[1]
    assert all(f"{n} when" in statuses for n in (0, 1, 2)), text


def test_schema_without_out_writes_nothing_and_says_what_to_give(tmp_path):
    result = guidekit("schema", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "schema: say where to write the schemas, as in: python -m guidekit schema --out schemas"
    assert list(tmp_path.iterdir()) == [], "the command wrote into the current folder"


def test_outline_of_a_checklist_says_it_is_a_checklist(tmp_path):
    path = "content/checklists/first-message.yml"
    result = guidekit("outline", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"{path}: this is a checklist, not a quiz: the outline is for quizzes only"]


def test_outline_of_a_missing_file_is_a_usage_error(tmp_path):
    """As the help says: a file that can't be read is 2; a quiz with errors is 1."""
    missing = tmp_path / "readyness.yml"
    result = guidekit("outline", "content/quizzes/readiness.yml", str(missing))
    assert result.returncode == 2
    assert result.stdout.startswith("Are you ready to reach out? (readiness)\n")  # the readable file is still printed
    assert result.stderr.strip() == f"{missing}: the file can't be read (No such file or directory)"
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / "content/quizzes/readiness.yml").read_text(encoding="utf-8").replace("start:", "begin:"),
                      encoding="utf-8")
    assert guidekit("outline", str(broken)).returncode == 1


# --- the commands as the docs write them ------------------------------------------

README = ROOT / "README.md"
SITE_OWNERS = ROOT / "docs" / "index.md"


def test_the_readme_keeps_two_set_up_commands():
    section = README.read_text(encoding="utf-8").split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    commands = [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()]
    assert [c for c in commands if c] == ["make serve", "make test"]


@pytest.mark.parametrize("doc", [README, SITE_OWNERS], ids=lambda p: p.name)
def test_guidekit_commands_are_written_to_work_as_they_stand(doc):
    """Outside an activated venv, 'python -m guidekit' finds no guidekit:
    the docs name the project's own Python."""
    text = doc.read_text(encoding="utf-8")
    uses = re.findall(r"(\S*)python3? -m guidekit", text)
    assert uses and all(use.endswith(".venv/bin/") for use in uses), uses


def test_the_readme_commands_run_as_written():
    commands = re.findall(r"`\.venv/bin/python -m guidekit ([^`]+)`", README.read_text(encoding="utf-8"))
    runnable = [c for c in commands if "DIR" not in c]
    assert len(runnable) >= 3, commands
    for command in runnable:
        result = guidekit(*command.split())
        assert result.returncode == 0, f"{command}: {result.stderr}"


def test_the_customised_example_is_checked_over_a_copy_of_the_minimal_one(tmp_path):
    """As the site-owner page says: not a guide on its own, a complete one
    copied over examples/minimal."""
    import shutil

    alone = guidekit("check", "examples/customised")
    assert alone.returncode == 2 and "Traceback" not in alone.stderr
    assert "Config value 'docs_dir'" in alone.stderr and "isn't an existing directory" in alone.stderr
    guide = tmp_path / "my-guide"
    shutil.copytree(ROOT / "examples" / "minimal", guide)
    shutil.copytree(ROOT / "examples" / "customised", guide, dirs_exist_ok=True)
    result = guidekit("check", str(guide))
    assert result.returncode == 0, result.stderr
    assert "Not a guide on its own" in (ROOT / "examples" / "customised" / "mkdocs.yml").read_text(encoding="utf-8")
