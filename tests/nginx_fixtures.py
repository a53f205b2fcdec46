"""A real nginx serving the built site with the repository's configuration.

``deploy/guide-site.conf`` is included unchanged inside a small server block
that only adds what differs per machine: a free loopback port and the built
site as root. Pid file, logs and temporary folders go to a temporary folder,
so the test runs as root (CI) or as a normal user alike. Without nginx the
tests fail with a message saying how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT

SITE_CONF = ROOT / "deploy" / "guide-site.conf"
EXAMPLE_CONF = ROOT / "deploy" / "nginx.conf"

MAIN_CONF = """\
daemon off;
# One process and no privilege drop: reads the built site wherever the test
# put it, whether the test runs as root or not.
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{body}
}}
"""

SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site_conf};
    }}"""


def nginx_binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx",
                      "/usr/local/sbin/nginx", "/usr/local/bin/nginx", "/opt/homebrew/bin/nginx"):
        if candidate and os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "nginx is needed for the hosting tests and was not found. Install it: on Debian or "
        "Ubuntu 'sudo apt-get install -y nginx' (or set NGINX=/path/to/nginx).",
        pytrace=False,
    )


def main_conf(tmp: Path, body: str) -> Path:
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(MAIN_CONF.format(tmp=tmp, body=body), encoding="utf-8")
    return conf


def check_config(conf: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a configuration; the caller asserts on the result."""
    return subprocess.run([nginx_binary(), "-t", "-p", f"{conf.parent}/", "-c", str(conf)],
                          capture_output=True, text=True, timeout=30)


def page_paths(site: Path) -> list[str]:
    """URL path of every page of the built site."""
    paths = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Nginx:
    url: str
    port: int
    root: Path
    tmp: Path
    process: subprocess.Popen

    def error_log(self) -> str:
        log = self.tmp / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def start_nginx(root: Path, tmp: Path) -> Nginx:
    binary = nginx_binary()
    problems = []
    for _attempt in range(3):  # another program may take the free port first
        port = _free_port()
        conf = main_conf(tmp, SERVER.format(port=port, root=root, site_conf=SITE_CONF))
        proc = subprocess.Popen([binary, "-p", f"{tmp}/", "-c", str(conf)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return Nginx(f"http://127.0.0.1:{port}/", port, root, tmp, proc)
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            stop_nginx(proc)
        out, err = proc.communicate(timeout=10)
        problems.append(f"exit {proc.returncode}: {err.strip() or out.strip()}")
    pytest.fail("nginx did not start with deploy/guide-site.conf:\n" + "\n".join(problems), pytrace=False)


def stop_nginx(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)  # graceful shutdown
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


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
    server = start_nginx(nginx_site, tmp_path_factory.mktemp("nginx"))
    yield server
    stop_nginx(server.process)
