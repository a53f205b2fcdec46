"""A real nginx serving the built site with the repository's configuration.

``deploy/guide-site.conf`` is included unchanged inside a small server block
that only adds what differs per machine: a free loopback port and the built
site as root. Pid file, logs and temporary folders go to a temporary folder,
so the test runs as root (CI) or as a normal user alike (deploy/local_nginx.py,
which the benchmarks use too). Without nginx the tests fail with a message
saying how to install it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "deploy"))
from local_nginx import (  # noqa: E402
    EXAMPLE_CONF, SITE_CONF, LocalNginx, NginxError, check_config, main_conf, page_paths,
)

__all__ = ["EXAMPLE_CONF", "SITE_CONF", "check_config", "main_conf", "page_paths", "mapping_flags"]


SITE_URL = "http://guide.test/"


def mapping_flags(port: int) -> list[str]:
    """Chromium flags to reach nginx under the site's own host name, on the
    default port: Material's instant navigation only takes over links whose
    host and port match the pages listed in sitemap.xml (built from site_url),
    so a random loopback port would turn every click into a full page load."""
    origin = SITE_URL.rstrip("/")
    return [
        f"--host-resolver-rules=MAP {origin.split('//')[1]} 127.0.0.1:{port}",
        # The live site is served over HTTPS; let this http origin count as
        # secure too, so that headers such as Cross-Origin-Opener-Policy apply.
        f"--unsafely-treat-insecure-origin-as-secure={origin}",
    ]


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory) -> Path:
    """The site built for the address the browser reaches nginx at (see
    test_csp.mapped_browser): instant navigation needs site_url to match."""
    from helpers import ROOT, build

    out = tmp_path_factory.mktemp("nginx-site")
    result = build(ROOT, extra_args=("-d", str(out)), env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.output
    return out


@pytest.fixture(scope="session")
def nginx(nginx_site, tmp_path_factory):
    """nginx serving the built site with deploy/guide-site.conf."""
    try:
        with LocalNginx(nginx_site, tmp_path_factory.mktemp("nginx")) as server:
            yield server
    except NginxError as e:
        pytest.fail(str(e), pytrace=False)
