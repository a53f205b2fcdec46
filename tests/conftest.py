"""Fixtures: the built default site, a loopback HTTP server, and Chromium.

Browser: a system Chromium (Debian's ``chromium`` at /usr/bin/chromium)
where present, else Playwright's own download. Without either, browser tests
fail (never skip) with a message saying how to install one.

``pytest --server nginx`` serves the site to the browser tests with a real
nginx and the repository's configuration instead (Content-Security-Policy
and all), at the site's own address http://guide.test/ that the browser
maps to nginx's loopback port. ``make test`` runs the quiz and checklist
browser tests both ways.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest

from helpers import ROOT, build, foreign_requests
from nginx_fixtures import SITE_URL as NGINX_SITE_URL
from nginx_fixtures import mapping_flags
from nginx_fixtures import nginx, nginx_site  # noqa: F401 (fixtures, shared by every test module)
from manual_fixtures import manual_page, manual_site, manual_url, _served_manual  # noqa: F401 (the manual's site)

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a browser that closes a connection mid-file (a page left before
        # its last image arrived) is no error of the site's
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pytest_addoption(parser):
    parser.addoption("--server", choices=("python", "nginx"), default="python",
                     help="what serves the site to the browser tests: Python's http.server (default), "
                          "or nginx with deploy/guide-site.conf and its Content-Security-Policy")


def pytest_configure(config):
    """A run that leaves out the slow tests draws fewer examples in the
    property tests (helpers.examples)."""
    import helpers

    helpers.FAST_RUN = bool(re.fullmatch(r"\s*not\s+slow\s*", config.getoption("markexpr") or ""))


def _nginx_mode(request) -> bool:
    return request.config.getoption("server") == "nginx"


@pytest.fixture(scope="session")
def _served_site(tmp_path_factory, request):
    """The repository's own site, built once with --strict for the address
    it is served at (Material's instant navigation needs ``site_url``)."""
    if _nginx_mode(request):
        request.getfixturevalue("nginx")
        yield request.getfixturevalue("nginx_site"), NGINX_SITE_URL
        return
    out = tmp_path_factory.mktemp("site")
    server, url = serve(out)
    result = build(ROOT, extra_args=("-d", str(out)), env={"SITE_URL": url})
    assert result.returncode == 0, result.output
    yield out, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(_served_site) -> Path:
    return _served_site[0]


@pytest.fixture(scope="session")
def site_url(_served_site) -> str:
    return _served_site[1]


def _system_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _flags(request) -> list[str]:
    if not _nginx_mode(request):
        return CHROMIUM_FLAGS
    return CHROMIUM_FLAGS + mapping_flags(request.getfixturevalue("nginx").port)


@pytest.fixture(scope="session")
def browser(request):
    from playwright.sync_api import Error, sync_playwright

    flags = _flags(request)
    with sync_playwright() as p:
        path = _system_chromium()
        try:
            b = p.chromium.launch(executable_path=path, args=flags) if path else p.chromium.launch(args=flags)
        except Error as e:
            pytest.fail(
                "No browser for the browser tests. Install Chromium: on Debian or Ubuntu "
                "'sudo apt-get install -y chromium', or elsewhere 'python -m playwright install chromium'.\n"
                f"({e})",
                pytrace=False,
            )
        yield b
        b.close()


class Watch:
    """What a page did: console errors, page errors and every request made."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    @property
    def foreign_requests(self) -> list[str]:
        return foreign_requests(self.requests, self.origin)

    def assert_clean(self):
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.foreign_requests, f"requests to other origins: {self.foreign_requests}"


@pytest.fixture
def context(browser, request):
    """A fresh browser context; ``color_scheme`` via indirect parametrisation."""
    scheme = getattr(request, "param", "light")
    ctx = browser.new_context(color_scheme=scheme, java_script_enabled=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site_url):
    p = context.new_page()
    p.watch = Watch(p, site_url)
    yield p
    p.close()
