"""The repository's own site builds with --strict and has every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import DEFAULT_MKDOCS, ROOT, build, build_subprocess, make_project


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    yield value

    return list(walk(config["nav"]))


def output_path(src: str) -> str:
    if src == "index.md" or src.endswith("/index.md"):
        return src[:-3] + ".html"
    return src[:-3] + "/index.html"


def test_every_markdown_page_is_in_the_nav():
    on_disk = sorted(str(p.relative_to(ROOT / "content")) for p in (ROOT / "content").rglob("*.md"))
    assert sorted(nav_pages()) == on_disk


def test_every_page_is_built(built_site: Path):
    for src in nav_pages():
        html = (built_site / output_path(src)).read_text(encoding="utf-8")
        assert "<h1" in html, src
    assert (built_site / "404.html").exists()


def test_every_page_has_a_description(built_site: Path):
    seen = set()
    for src in nav_pages():
        html = (built_site / output_path(src)).read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, f"{src} has no description"
        assert 50 <= len(match.group(1)) <= 160, f"{src}: description of {len(match.group(1))} characters"
        seen.add(match.group(1))
    assert len(seen) == len(nav_pages()), "descriptions repeat between pages"


def test_no_reference_to_another_origin(built_site: Path):
    """Nothing in the built pages or styles loads from another origin (fonts, CDNs, analytics)."""
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r'<(?:script|link|img|iframe|source)[^>]*?(?:src|href)="(?:https?:)?//[^"]*"', text):
            tag = match.group(0)
            assert 'rel="alternate"' in tag or 'rel="canonical"' in tag, f"{path.relative_to(built_site)}: {tag}"
        assert not re.search(r'url\(["\']?(?:https?:)?//', text), f"{path.relative_to(built_site)} loads a remote url()"


def test_data_files_are_not_published(built_site: Path):
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))


# --- `mkdocs build` itself, and the in-process build the tests use ---------------

FIXTURES = Path(__file__).parent / "fixtures" / "schema" / "quiz"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _messages(output: str) -> list[str]:
    """The warnings and errors of a build's output, and its closing verdict."""
    lines = [ANSI.sub("", line).strip() for line in output.splitlines()]
    return sorted(line for line in lines if line.startswith(("WARNING", "ERROR", "Aborted", "Error:")) or ".yml:" in line)


def _case(tmp_path: Path, name: str) -> Path:
    quiz = (FIXTURES / "valid" / "minimal.yml").read_text(encoding="utf-8")
    mkdocs_yml = DEFAULT_MKDOCS
    pages = {"docs/index.md": "# Home\n\n<!-- quiz pick -->\n", "docs/quizzes/pick.yml": quiz}
    if name == "broken quiz":
        pages["docs/quizzes/pick.yml"] = (FIXTURES / "invalid" / "empty-title.yml").read_text(encoding="utf-8")
    if name == "warning":
        pages["docs/index.md"] += "\n[a link](missing.md)\n"
    if name == "bad setting":
        mkdocs_yml = mkdocs_yml.replace("  - guidekit\n", "  - guidekit:\n      no_such_option: 1\n")
    return make_project(tmp_path / name.replace(" ", "-"), pages, mkdocs_yml)


@pytest.mark.parametrize("name, status", [("good", 0), ("broken quiz", 1), ("warning", 1), ("bad setting", 1)])
def test_the_command_and_the_in_process_build_agree(tmp_path, name, status):
    """Smoke test of the real command: its exit status, a `file:line:
    message` and never a traceback; the in-process build that the other
    tests use ends with the same status and the same messages."""
    project = _case(tmp_path, name)
    command = build_subprocess(project)
    assert command.returncode == status, command.output
    assert "Traceback" not in command.output, command.output
    if name == "broken quiz":
        assert "docs/quizzes/pick.yml:" in command.output and "'title' must not be empty" in command.output, command.output
    in_process = build(project)
    assert in_process.returncode == status, in_process.output
    assert _messages(in_process.output) == _messages(command.output)
    assert _messages(command.output) or status == 0


def test_an_unexpected_exception_is_reported_as_the_command_would(tmp_path, monkeypatch):
    """The in-process build turns an exception MkDocs does not handle into
    its traceback and status 1, as the command line does: a test looking
    for "no traceback" still sees one."""
    from guidekit.plugin import GuidekitPlugin

    def explode(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(GuidekitPlugin, "on_files", explode)
    result = build(_case(tmp_path, "good"))
    assert result.returncode == 1
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output
