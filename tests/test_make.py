"""The Makefile as a newcomer meets it: ``make serve`` on a busy port says
so in one line, takes another port with ``PORT=``, and follows
site_overrides/ too; ``make build`` without SITE_URL says what that means;
a missing Python venv module or a missing nginx or Chromium is named with
the package to install. Make runs with this environment's Python and
MkDocs (``BIN=``), and never reinstalls them (``-o``)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.request import urlopen

import pytest

from helpers import ROOT
from processes import Background

BIN = str(Path(sys.executable).parent)


def make_args(*args: str) -> list[str]:
    return ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed", f"BIN={BIN}", *args]


def environ(**extra: str) -> dict[str, str]:
    """This environment as a newcomer's shell has it: not inside another make
    (CI runs the tests from ``make test``, whose MAKELEVEL would turn make's
    closing line into 'make[1]: ***'), and without SITE_URL."""
    outer = ("SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
    return dict({k: v for k, v in os.environ.items() if k not in outer}, **extra)


def make(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(make_args(*args), capture_output=True, text=True, timeout=timeout,
                          env=environ(**(env or {})))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ours(stderr: str) -> list[str]:
    """stderr without make's own closing line ('make: *** [Makefile:..] Error 1')."""
    return [line for line in stderr.strip().splitlines() if not line.startswith("make: ***")]


# --- make serve ---------------------------------------------------------------

def test_serve_on_a_busy_port_says_so_in_one_line():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = make("serve", f"PORT={port}", timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Building documentation" not in result.stderr
    assert ours(result.stderr) == [
        f"make serve: port {port} is taken (Address already in use), maybe by another make serve: "
        f"stop that, or choose another port: make serve PORT={port + 1}"]


def test_serve_with_a_port_that_is_not_a_number():
    result = make("serve", "PORT=eighty", timeout=60)
    assert result.returncode != 0
    assert ours(result.stderr) == ["make serve: PORT=eighty is not a port number: choose one such as make serve PORT=8001"]


def test_serve_takes_the_port_given_and_reloads_on_site_overrides():
    """The folder the site-owner docs send customisers to is watched: a new
    file there starts a new build, as a changed page does."""
    port = free_port()
    marker = ROOT / "site_overrides" / f".make-serve-test-{uuid.uuid4().hex}.txt"
    # a rebuild that does not end shows where it is: the stacks of its threads
    with Background(make_args("serve", f"PORT={port}"), env=environ(PYTHONFAULTHANDLER="1")) as server:
        try:
            server.wait_for(f"Serving on http://127.0.0.1:{port}/", timeout=180)
            watching = re.search(r"Watching paths for changes: (.*)", server.output)
            assert watching and "'site_overrides'" in watching.group(1), server.output
            with urlopen(f"http://127.0.0.1:{port}/writing/", timeout=30) as page:
                assert page.status == 200 and b"first-message" in page.read()
            # each finished rebuild says "Reloading browsers" (mkdocs drops a
            # "Documentation built in 0.47 seconds" that repeats an earlier
            # line word for word, so that line cannot be counted on)
            built = server.output.count("Reloading browsers")
            marker.write_text("a change in site_overrides\n", encoding="utf-8")
            server.wait_for("Detected file changes", timeout=60)
            try:
                server.wait_for("Reloading browsers", timeout=120, count=built + 1)
            except AssertionError as e:
                raise AssertionError(f"{e}\nwhere mkdocs was:\n{server.python_stacks('mkdocs')}") from None
        finally:
            marker.unlink(missing_ok=True)
            server.stop(timeout=30)


# --- make build ---------------------------------------------------------------

SITE_URL_LINE = ("make build: SITE_URL is not set, so the sitemap lists no pages, pages have no canonical link "
                 "and instant navigation is off; for the live site: SITE_URL=https://guide.example.org/ make build")


def test_build_without_site_url_says_what_that_means(tmp_path):
    site = tmp_path / "site"
    result = make("build", f"SITE_DIR={site}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == SITE_URL_LINE
    # and what it says is so
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["environment", "make variable"])
def test_build_with_site_url_says_nothing_of_it(tmp_path, how):
    site = tmp_path / "site"
    url = "https://guide.example.org/"
    if how == "environment":
        result = make("build", f"SITE_DIR={site}", env={"SITE_URL": url})
    else:
        result = make("build", f"SITE_DIR={site}", f"SITE_URL={url}")
    assert result.returncode == 0, result.stderr
    assert "SITE_URL is not set" not in result.stdout + result.stderr
    assert f"<loc>{url}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


# --- what the machine lacks -----------------------------------------------------

def test_a_missing_venv_module_is_named_with_its_package(tmp_path):
    """Debian and Ubuntu ship Python's venv module apart (python3-venv);
    here a module of that name that fails to import stands in for it."""
    shadow = tmp_path / "shadow" / "venv"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('venv is not installed')\n", encoding="utf-8")
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), f"VENV={venv}", f"BIN={venv}/bin",
                             f"PYTHON={sys.executable}", f"{venv}/bin/python"],
                            capture_output=True, text=True, timeout=60,
                            env=environ(PYTHONPATH=str(shadow.parent)))
    assert result.returncode != 0
    assert ours(result.stderr) == [
        "make: Python's venv module is missing: on Debian or Ubuntu run 'sudo apt-get install -y python3-venv'"]
    assert not venv.exists()


def test_a_missing_python_is_named_with_its_package(tmp_path):
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), f"VENV={venv}", f"BIN={venv}/bin",
                             "PYTHON=no-such-python3", f"{venv}/bin/python"],
                            capture_output=True, text=True, timeout=60, env=environ())
    assert result.returncode != 0
    assert ours(result.stderr) == [
        "make: no-such-python3 was not found: on Debian or Ubuntu run 'sudo apt-get install -y python3 python3-venv'"]


def test_make_test_names_what_the_machine_lacks(monkeypatch, capsys):
    """tests/find_browser.py, which make test runs first: everything missing,
    in one message, with the packages to install."""
    import find_browser

    monkeypatch.setattr(find_browser, "system_chromium", lambda: None)
    monkeypatch.setattr(find_browser, "playwright_chromium", lambda: False)
    monkeypatch.setattr(find_browser, "nginx", lambda: None)
    assert find_browser.main() == 1
    err = capsys.readouterr().err
    assert "make test needs chromium and nginx, which this machine lacks." in err
    assert "sudo apt-get install -y chromium nginx" in err


def test_make_test_finds_this_machines_browser_and_nginx():
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "find_browser.py")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "browser for tests: " in result.stdout and "nginx for tests: " in result.stdout
