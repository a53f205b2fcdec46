"""Serve a built site with nginx on this machine, using this folder's
configuration, to try it before putting it on a host:

    make build && python3 deploy/local_nginx.py site --port 8080

``guide-site.conf`` is included unchanged inside a small server block that
adds only what differs per machine: a loopback port and the built site as
its root. The pid file, logs and nginx's temporary folders go to a temporary
folder, and nginx runs as one process without dropping privileges, so it
works as root or as a normal user alike. Stop it with Ctrl+C.

The tests (tests/nginx_fixtures.py) and the benchmarks use the same code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SITE_CONF = DEPLOY / "guide-site.conf"
EXAMPLE_CONF = DEPLOY / "nginx.conf"

MAIN_CONF = """\
daemon off;
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


class NginxError(RuntimeError):
    """nginx is missing, or did not start; the message says what to do."""


def nginx_binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx",
                      "/usr/local/sbin/nginx", "/usr/local/bin/nginx", "/opt/homebrew/bin/nginx"):
        if candidate and os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise NginxError("nginx was not found. Install it: on Debian or Ubuntu "
                     "'sudo apt-get install -y nginx' (or set NGINX=/path/to/nginx).")


def main_conf(tmp: Path, body: str) -> Path:
    """A main configuration holding ``body`` (server blocks or includes),
    with every file nginx writes inside ``tmp``."""
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(MAIN_CONF.format(tmp=tmp, body=body), encoding="utf-8")
    return conf


def check_config(conf: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a configuration; the caller looks at the result."""
    return subprocess.run([nginx_binary(), "-t", "-p", f"{conf.parent}/", "-c", str(conf)],
                          capture_output=True, text=True, timeout=30)


def page_paths(site: Path) -> list[str]:
    """The URL path of every page of a built site."""
    paths = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LocalNginx:
    """``with LocalNginx(site, tmp) as server:`` serves ``site`` at
    ``server.url`` (``http://127.0.0.1:<port>``, no slash at the end)."""

    root: Path
    tmp: Path
    port: int = 0  # 0: a free port (tried three times: another program may take it first)
    url: str = field(init=False, default="")
    process: subprocess.Popen | None = field(init=False, default=None)

    def __enter__(self) -> "LocalNginx":
        binary = nginx_binary()
        problems = []
        for _attempt in range(1 if self.port else 3):
            port = self.port or free_port()
            conf = main_conf(self.tmp, SERVER.format(port=port, root=self.root, site_conf=SITE_CONF))
            proc = subprocess.Popen([binary, "-p", f"{self.tmp}/", "-c", str(conf)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    self.port, self.url, self.process = port, f"http://127.0.0.1:{port}", proc
                    return self
                except OSError:
                    time.sleep(0.05)
            _stop(proc)
            out, err = proc.communicate(timeout=10)
            problems.append(f"exit {proc.returncode}: {err.strip() or out.strip()}")
        raise NginxError(f"nginx did not start with {SITE_CONF.name}:\n" + "\n".join(problems))

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def error_log(self) -> str:
        log = self.tmp / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def _stop(proc: subprocess.Popen) -> None:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site with nginx and deploy/guide-site.conf.")
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--port", type=int, default=8080, help="loopback port (default: 8080)")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"local_nginx: {site} holds no built site: run 'make build' first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="guide-nginx-") as tmp:
        try:
            with LocalNginx(site, Path(tmp), args.port) as server:
                print(f"Serving {site} at {server.url}/ with {SITE_CONF} (Ctrl+C stops)")
                server.process.wait()
        except NginxError as e:
            print(f"local_nginx: {e}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
