"""Helpers shared by the tests: building fixture projects, axe checks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MKDOCS = """\
site_name: Test guide
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - guidekit
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    def page(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


def build(project: Path, *, strict: bool = True, extra_args: tuple[str, ...] = (), env: dict | None = None) -> BuildResult:
    """Run ``mkdocs build`` in a subprocess, as an author would (never with
    ``-q``: it silences warnings, and ``--strict`` then has none to count)."""
    site = Path(extra_args[extra_args.index("-d") + 1]) if "-d" in extra_args else project / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", *([] if "-d" in extra_args else ["-d", str(site)]), "-f", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    proc = subprocess.run(cmd + list(extra_args), cwd=project, capture_output=True, text=True, env=env, timeout=120)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def make_project(root: Path, files: dict[str, str], mkdocs_yml: str = DEFAULT_MKDOCS) -> Path:
    """Write a small MkDocs project: ``files`` maps paths (under the project) to text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(mkdocs_yml), encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    if not any(rel.endswith("index.md") for rel in files):
        (root / "docs" / "index.md").parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    return root


def foreign_requests(urls: list[str], origin: str) -> list[str]:
    """The URLs among ``urls`` that go to a network origin other than ``origin``."""
    from urllib.parse import urlsplit

    own = urlsplit(origin)
    return [u for u in urls
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and (urlsplit(u).hostname, urlsplit(u).port) != (own.hostname, own.port)]


def axe_violations(page, context: str | None = None) -> list[str]:
    """Run axe-core (bundled by axe-playwright-python) in the page; return a
    readable line per violation (empty when there is none)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
    results = Axe().run(page, context=context, options=options)
    out = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:5])
        out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return out


def wake_material(page) -> None:
    """The guide's site loads Material's bundle when the reader first does
    something (site_overrides/main.html): press a key that does nothing
    else, and wait until the bundle has started."""
    page.keyboard.press("Shift")
    page.wait_for_function("() => document.documentElement.getAttribute('data-md-bundle') === 'ready'")
