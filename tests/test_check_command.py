"""``python -m guidekit check``: run from any folder, it checks the project as
if started in the project's folder; a project it cannot read gives exit
status 2 and a clear line, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, make_project

SNIPPETS_MKDOCS = """\
site_name: T
docs_dir: docs
theme: {name: material}
plugins:
  - guidekit
markdown_extensions:
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
"""


def check(path: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "guidekit", "check", str(path), *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_the_repository_checks_from_another_folder(tmp_path):
    """Its pages include files with paths relative to the project folder."""
    result = check(ROOT, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{ROOT}: guide data OK" in result.stdout
    assert "Traceback" not in result.stderr


def test_paths_in_settings_are_relative_to_mkdocs_yml(tmp_path):
    project = make_project(tmp_path / "project", {
        "docs/index.md": '# Home\n\n```text\n--8<-- "notes/part.txt"\n```\n',
        "notes/part.txt": "included\n",
    }, SNIPPETS_MKDOCS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in (project, project / "docs", project / "mkdocs.yml"):
        result = check(path, elsewhere)
        assert result.returncode == 0, result.stderr


def test_the_check_gives_the_working_folder_back(tmp_path, monkeypatch):
    """Called from Python (as the tests of the error messages do), the
    check changes folder only while it runs."""
    from guidekit.check import run_check

    project = make_project(tmp_path / "project", {
        "docs/index.md": '# Home\n\n--8<-- "notes/part.txt"\n',
        "notes/part.txt": "included\n",
    }, SNIPPETS_MKDOCS)
    monkeypatch.chdir(tmp_path)
    run_check(Path("project/mkdocs.yml"))  # a relative path, as a caller may give
    assert Path.cwd() == tmp_path


def test_a_page_that_fails_to_render_is_one_line_and_exit_2(tmp_path):
    project = make_project(tmp_path / "project", {
        "docs/index.md": "# Home\n",
        "docs/broken.md": '# Broken\n\n--8<-- "notes/missing.txt"\n',
    }, SNIPPETS_MKDOCS)
    result = check(project, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "docs/broken.md: the page can't be rendered: SnippetMissingError: "
        "Snippet at path 'notes/missing.txt' could not be found"]


def test_a_bad_option_value_is_exit_2_with_its_message_once(tmp_path):
    project = make_project(tmp_path / "project", {}, """\
        site_name: T
        docs_dir: docs
        theme: {name: material}
        plugins:
          - guidekit:
              exit_url: ''
        """)
    result = check(project, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"{project / 'mkdocs.yml'}: Config value 'plugins': Plugin 'guidekit' option 'exit_url': "
        "should be a full web address starting with https:// (such as https://www.bbc.co.uk/weather), not ''"]


def test_an_unknown_option_still_only_warns(tmp_path):
    project = make_project(tmp_path / "project", {}, """\
        site_name: T
        docs_dir: docs
        theme: {name: material}
        plugins:
          - guidekit:
              colour: blue
        """)
    relaxed = check(project, tmp_path)
    assert relaxed.returncode == 0 and "Unrecognised configuration name: colour" in relaxed.stderr
    strict = check(project, tmp_path, "--strict")
    assert strict.returncode == 1 and "1 warning(s), and --strict is on" in strict.stderr


# --- a path that is not a project: exit 2 and a clear line, never "OK" -------

def test_a_path_that_does_not_exist_is_exit_2_not_ok(tmp_path):
    """A typing mistake in the path must not look like a guide without problems."""
    result = check("nosuchdir/", ROOT)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == ["nosuchdir/: no such file or folder"]


def test_a_quiz_or_checklist_file_asks_for_the_project_folder(tmp_path):
    for path, kind in (("content/quizzes/readiness.yml", "quiz"), ("content/checklists/first-message.yml", "checklist")):
        result = check(path, ROOT)
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            f"{path}: this is a {kind} file; give the project folder (the one with mkdocs.yml) "
            "to check every quiz and checklist, and the pages that place them"]


def test_another_file_asks_for_the_project_folder(tmp_path):
    result = check("README.md", ROOT)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "README.md: not a folder or mkdocs.yml; give the project folder (the one with mkdocs.yml)"]


def test_a_config_file_of_another_name_is_still_a_project(tmp_path):
    """MkDocs takes any file name with -f; a YAML file with site_name is one."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples" / "minimal", project)
    (project / "mkdocs.yml").rename(project / "guide.yml")
    result = check(project / "guide.yml", tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{project}: guide data OK" in result.stdout
