"""The site owner's manual (mkdocs-manual.yml, pages in docs/), built once
with --strict and served on loopback, as the guide is in conftest.py.

``manual_site`` is the built folder, ``manual_url`` its address; the
``manual_page`` fixture is a page of a fresh browser context (light or dark
by indirect parametrisation of ``context``) that watches for console errors
and requests to other origins.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

MANUAL_CONFIG = ROOT / "mkdocs-manual.yml"


def build_manual(out: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -f mkdocs-manual.yml`` from the repository's
    root, as ``make manual`` runs it (never ``-q``: it hides warnings)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(MANUAL_CONFIG), "-d", str(out)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env))


@pytest.fixture(scope="session")
def _served_manual(tmp_path_factory):
    from conftest import serve

    out = tmp_path_factory.mktemp("manual")
    server, url = serve(out)
    result = build_manual(out, {"MANUAL_URL": url, "SITE_URL": "https://guide.example.org/"})
    assert result.returncode == 0, result.stdout + result.stderr
    yield out, url
    server.shutdown()


@pytest.fixture(scope="session")
def manual_site(_served_manual) -> Path:
    return _served_manual[0]


@pytest.fixture(scope="session")
def manual_url(_served_manual) -> str:
    return _served_manual[1]


@pytest.fixture
def manual_page(context, manual_url):
    from conftest import Watch

    p = context.new_page()
    p.watch = Watch(p, manual_url)
    yield p
    p.close()
