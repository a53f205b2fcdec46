"""A real nginx serving a built site with the repository's configuration,
for the benchmarks (the tests use the same set-up, in tests/nginx_fixtures.py).

``deploy/guide-site.conf`` is included unchanged inside a small server block
that only adds what differs per machine: a loopback port and the built site
as root. Pid file, logs and temporary folders go to a temporary folder, so it
runs as root or as a normal user alike.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "guide-site.conf"

MAIN_CONF = """\
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site_conf};
    }}
}}
"""


class NginxMissing(RuntimeError):
    pass


def nginx_binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx",
                      "/usr/local/sbin/nginx", "/usr/local/bin/nginx", "/opt/homebrew/bin/nginx"):
        if candidate and os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise NginxMissing("nginx was not found: on Debian or Ubuntu 'sudo apt-get install -y nginx' "
                       "(or set NGINX=/path/to/nginx)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_paths(site: Path) -> list[str]:
    """URL path of every page of the built site."""
    paths = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


class Nginx:
    """``with Nginx(site, tmp, port) as server:`` serves ``site`` at ``server.url``."""

    def __init__(self, root: Path, tmp: Path, port: int):
        self.root, self.tmp, self.port = root, tmp, port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Nginx":
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.tmp / sub).mkdir(parents=True, exist_ok=True)
        conf = self.tmp / "nginx.conf"
        conf.write_text(MAIN_CONF.format(tmp=self.tmp, port=self.port, root=self.root, site_conf=SITE_CONF),
                        encoding="utf-8")
        self.process = subprocess.Popen([nginx_binary(), "-p", f"{self.tmp}/", "-c", str(conf)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not start on port {self.port} with {SITE_CONF}")

    def __exit__(self, *exc) -> None:
        proc = self.process
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGQUIT)  # graceful shutdown
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
        self.process = None
