"""Helpers shared by the tests: building fixture projects, axe checks."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import textwrap
import traceback
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


# Whether this run leaves out the tests marked slow (``-m "not slow"``, as
# ``make test`` runs): set by conftest.py before the test modules are read.
FAST_RUN = False


def examples(n: int) -> int:
    """How many examples a property test draws: ``n``, or a fifth of it (at
    least 20) in a run that leaves out the slow tests, as ``make test`` does;
    ``make test SLOW=1`` and CI draw all ``n``."""
    return max(20, n // 5) if FAST_RUN else n


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    def page(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


def build(project: Path, *, strict: bool = True, extra_args: tuple[str, ...] = (), env: dict | None = None,
          overrides: dict | None = None) -> BuildResult:
    """Build ``project`` as ``mkdocs build`` does, with the site in ``-d DIR``
    (``project/site`` without it) and ``--strict`` unless ``strict=False``;
    ``env`` adds environment variables (``!ENV`` in mkdocs.yml reads them);
    ``overrides`` replaces settings of mkdocs.yml (in this process only).

    The build runs in this process, as MkDocs' own tests do: the same calls
    as the command line (``load_config``, the plugins' start-up and shutdown
    events, ``mkdocs.commands.build.build``), with MkDocs' log records as the
    output (never with ``-q``: it silences warnings, and ``--strict`` then
    has none to count) and the command's exit status. An exception that is
    not one of MkDocs' own ends the same way as on the command line: its
    traceback in the output and status 1. Other arguments, or
    ``GUIDEKIT_TEST_SUBPROCESS=1`` in the environment, run the command in a
    subprocess instead (tests/test_site_build.py compares the two)."""
    extra = list(extra_args)
    site = project / "site"
    if "-d" in extra:
        at = extra.index("-d")
        site = Path(extra[at + 1])
        del extra[at:at + 2]
    if not overrides and (extra or os.environ.get("GUIDEKIT_TEST_SUBPROCESS") == "1"):
        return build_subprocess(project, strict=strict, extra_args=extra_args, env=env)
    if extra:
        raise ValueError(f"build: {extra} cannot be combined with overrides")
    return _build_in_process(project, site, strict, {"NO_MKDOCS_2_WARNING": "1", **(env or {})}, overrides or {})


def build_subprocess(project: Path, *, strict: bool = True, extra_args: tuple[str, ...] = (), env: dict | None = None) -> BuildResult:
    """Run ``mkdocs build`` in a subprocess, as an author would."""
    site = Path(extra_args[extra_args.index("-d") + 1]) if "-d" in extra_args else project / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", *([] if "-d" in extra_args else ["-d", str(site)]), "-f", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    proc = subprocess.run(cmd + list(extra_args), cwd=project, capture_output=True, text=True, env=env, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


class _LogLines(logging.Formatter):
    """MkDocs' command-line log format, without colours or wrapping."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _build_in_process(project: Path, site: Path, strict: bool, env: dict[str, str], overrides: dict) -> BuildResult:
    import click
    from mkdocs import utils
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(_LogLines())
    logger = logging.getLogger("mkdocs")
    saved_logger = (logger.level, logger.propagate)
    duplicates = utils.DuplicateFilter()  # as the command line sets up
    saved_env = {name: os.environ.get(name) for name in env}
    saved_cwd = os.getcwd()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    mkdocs_build.log.addFilter(duplicates)
    os.environ.update(env)
    os.chdir(project)
    status = 0
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True if strict else None,
                             **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except click.ClickException as e:  # MkDocs' Abort among them: a message, no traceback
        out.write(("\n" if e.__class__.__name__ == "Abort" else "Error: ") + e.format_message() + "\n")
        status = e.exit_code
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    except Exception:
        out.write(traceback.format_exc())
        status = 1
    finally:
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        mkdocs_build.log.removeFilter(duplicates)
        logger.removeHandler(handler)
        logger.setLevel(saved_logger[0])
        logger.propagate = saved_logger[1]
    return BuildResult(status, out.getvalue(), site)


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
    readable line per violation (empty when there is none). Transitions
    still running (a focus or hover colour fading in) are waited out first:
    axe would measure the contrast of a colour half-way."""
    from axe_playwright_python.sync_playwright import Axe

    # two frames first: a hover or focus that has just changed starts its
    # transition at the next style update
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== "running" || a.effect.getComputedTiming().endTime === Infinity)""")

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
    results = Axe().run(page, context=context, options=options)
    out = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:5])
        out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return out


def material_ready(page) -> None:
    """Wait until Material's bundle has started on the page: ``document$``
    exists, and the files it fetches at start-up have arrived: the sitemap,
    which instant navigation needs before it takes over a link (with the
    navigation.instant feature), and the search index (with the search)."""
    page.wait_for_function("""() => {
        if (typeof window.document$ !== "object") return false;
        const config = JSON.parse(document.getElementById("__config").textContent);
        const files = [];
        if (config.features.includes("navigation.instant")) files.push("sitemap.xml");
        if (document.querySelector("[data-md-component=search]")) files.push("search_index.json");
        const loaded = performance.getEntriesByType("resource").filter(e => e.responseEnd > 0).map(e => e.name);
        return files.every(name => loaded.some(url => url.endsWith("/" + name)));
    }""")
