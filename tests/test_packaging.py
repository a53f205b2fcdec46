"""The plugin works in a project of its own: a fresh virtual environment that
installs only our package (built as a wheel, not the editable checkout), a
fresh MkDocs project that names it under ``plugins:``, one quiz and one
checklist, a ``--strict`` build, and both components in the output."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow  # a fresh virtual environment: `make test SLOW=1` and CI run it


def run(cmd, **kw):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert result.returncode == 0, f"{' '.join(map(str, cmd))}\n{result.stdout}\n{result.stderr}"
    return result


def test_plugin_in_a_fresh_project(tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # a copy of the source tree, so no build artefacts land in the checkout
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "site", "*.egg-info", "__pycache__", "build", "tests", "benchmarks"))
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(src / "constraints.txt"), str(src)])

    project = tmp_path / "project"
    (project / "docs" / "quizzes").mkdir(parents=True)
    (project / "docs" / "checklists").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "quizzes" / "readiness.yml", project / "docs" / "quizzes" / "mood.yml")
    shutil.copy(ROOT / "content" / "checklists" / "first-message.yml", project / "docs" / "checklists" / "note.yml")
    # the shipped data links to guide pages: this project has those pages too
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, project / "docs" / page.name)
    for page in project.glob("docs/*.md"):
        text = page.read_text(encoding="utf-8")
        text = text.replace("<!-- quiz readiness -->", "<!-- quiz mood -->").replace("<!-- checklist first-message -->", "<!-- checklist note -->")
        page.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Another guide\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - guidekit\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    run([python, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env)
    site = project / "site"
    quiz_page = (site / "readiness-quiz" / "index.html").read_text(encoding="utf-8")
    writing = (site / "writing" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz="mood"' in quiz_page
    assert 'data-checklist="note"' in writing
    assert list((site / "assets" / "guidekit").glob("guidekit.*.js"))
    assert list((site / "assets" / "guidekit").glob("guidekit.*.css"))
    assert not list(site.rglob("*.yml"))
    # the installed package is the wheel's copy, not the checkout
    where = run([python, "-c", "import guidekit; print(guidekit.__file__)"], env=env).stdout
    assert str(env_dir) in where
    # the licence travels with the package: its SPDX name and the file itself
    meta = run([python, "-c", "from importlib.metadata import metadata, files\n"
                "m = metadata('guidekit'); print(m['License-Expression']); "
                "print(*[f.name for f in files('guidekit') if 'licen' in str(f).lower()])"], env=env).stdout.split()
    assert meta[0] == "MIT" and "LICENSE" in meta[1:], meta
    # one version, written once (guidekit.__version__), in the package's metadata too
    versions = run([python, "-c", "import guidekit; from importlib.metadata import version; "
                    "print(guidekit.__version__, version('guidekit'))"], env=env).stdout.split()
    assert len(versions) == 2 and versions[0] == versions[1], versions
