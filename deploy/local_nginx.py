"""Serve a built site with nginx on this machine, using this folder's
configuration, to try it before putting it on a host:

    make build && python3 deploy/local_nginx.py site --port 8080

``guide-site.conf`` is included unchanged inside a small server block that
adds only what differs per machine: a loopback port and the built site as
its root. The pid file, logs and nginx's temporary folders go to a temporary
folder, and nginx runs as one process without dropping privileges, so it
works as root or as a normal user alike. Ctrl+C, SIGTERM or SIGHUP (the
terminal closing) stops nginx and removes the temporary folder.

The port is checked before nginx starts, so a port another program holds is
reported as such (never "Serving ..." with the other program answering);
when nginx itself fails, its own message is shown.

Exit status: 0 after serving until stopped, 1 when nginx is missing, the port
is taken or nginx does not start, 2 for a wrong command line or no built site.

The tests (tests/nginx_fixtures.py) and the benchmarks use the same code.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
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
pid {pid};
error_log {error_log} warn;
events {{ worker_connections 256; }}
http {{
    access_log {access_log};
    client_body_temp_path {client_body};
    proxy_temp_path {proxy};
    fastcgi_temp_path {fastcgi};
    uwsgi_temp_path {uwsgi};
    scgi_temp_path {scgi};
{body}
}}
"""
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")

SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site_conf};
    }}"""

# nginx's own log prefix ("2026/12/04 17:44:43 [emerg] 7497#7497: "): the
# date and process ids say nothing to the reader.
_LOG_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (\[\w+\]) \d+#\d+: ", re.M)


class NginxError(RuntimeError):
    """nginx is missing, or did not start; the message says what to do."""


class PortTaken(NginxError):
    """Another program already listens on the port asked for."""


def nginx_binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx",
                      "/usr/local/sbin/nginx", "/usr/local/bin/nginx", "/opt/homebrew/bin/nginx"):
        if candidate and os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise NginxError("nginx was not found. Install it: on Debian or Ubuntu "
                     "'sudo apt-get install -y nginx' (or set NGINX=/path/to/nginx).")


def quoted(path: Path) -> str:
    """A path as one nginx argument, whatever spaces or ';' it holds."""
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def main_conf(tmp: Path, body: str) -> Path:
    """A main configuration holding ``body`` (server blocks or includes),
    with every file nginx writes inside ``tmp``."""
    for sub in TEMP_FOLDERS:
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    paths = {sub: quoted(tmp / sub) for sub in TEMP_FOLDERS}
    conf = tmp / "nginx.conf"
    conf.write_text(MAIN_CONF.format(pid=quoted(tmp / "nginx.pid"), error_log=quoted(tmp / "error.log"),
                                     access_log=quoted(tmp / "access.log"), body=body, **paths), encoding="utf-8")
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


def check_port(port: int) -> None:
    """Raise PortTaken when another program listens on ``port`` (bound the
    way nginx binds it, so a port nginx could use is never refused)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except PermissionError:
            raise NginxError(f"port {port} needs root on this machine: "
                             "choose a port above 1023, such as --port 8080") from None
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise PortTaken(f"port {port} is already in use by another program: "
                                f"stop that program, or choose another port, such as --port {port + 1 if port < 65535 else 8080}") from None
            raise NginxError(f"port {port} can't be used: {e.strerror}") from None


def nginx_reason(text: str) -> str:
    """nginx's messages without the date and process ids of each line."""
    return _LOG_PREFIX.sub(r"\1 ", text.strip())


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
        if self.port:
            check_port(self.port)
        problems = []
        pid_file = self.tmp / "nginx.pid"
        for _attempt in range(1 if self.port else 3):
            port = self.port or free_port()
            conf = main_conf(self.tmp, SERVER.format(port=port, root=quoted(self.root), site_conf=quoted(SITE_CONF)))
            pid_file.unlink(missing_ok=True)
            proc = subprocess.Popen([binary, "-p", f"{self.tmp}/", "-c", str(conf)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                if self._wait_ready(proc, port, pid_file, deadline=time.monotonic() + 10):
                    self.port, self.url, self.process = port, f"http://127.0.0.1:{port}", proc
                    return self
            except BaseException:  # Ctrl+C or SIGTERM while nginx starts: stop it too
                _stop(proc)
                raise
            answered = proc.poll() is None
            out, err = _stop(proc)
            reason = nginx_reason(err or out or self.error_log())
            if answered:
                reason = f"it did not answer on port {port} within 10 s" + (f": {reason}" if reason else "")
            problems.append(reason or f"nginx stopped with exit status {proc.returncode} and gave no reason")
        raise NginxError(f"nginx did not start with {SITE_CONF.name}:\n" + "\n".join(problems))

    @staticmethod
    def _wait_ready(proc: subprocess.Popen, port: int, pid_file: Path, deadline: float) -> bool:
        """nginx writes its pid file once it holds its port: until then an
        answer on the port may come from another program."""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if pid_file.read_text(encoding="ascii").strip() == str(proc.pid):
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    return proc.poll() is None
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def error_log(self) -> str:
        log = self.tmp / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def _stop(proc: subprocess.Popen) -> tuple[str, str]:
    """Stop nginx (gracefully, then for good after 10 s); its stdout and stderr."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)  # graceful shutdown
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate(timeout=10)
    return out or "", err or ""


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop serving, as on Ctrl+C."""


def _on_signal(signum, frame) -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):  # once is enough: let the clean-up finish
        signal.signal(sig, signal.SIG_IGN)
    raise Stopped(signal.Signals(signum).name)


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number: use one from 1 to 65535, such as 8080")
    return port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="local_nginx.py",
        description="Serve a built site with nginx and deploy/guide-site.conf, until Ctrl+C. "
                    "Exit status: 0 after serving, 1 when nginx can't serve it, 2 for a wrong command line "
                    "or a folder without a built site.")
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--port", type=port_number, default=8080, help="loopback port (default: 8080)")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"local_nginx: {site} holds no built site: run 'make build' first", file=sys.stderr)
        return 2
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    with tempfile.TemporaryDirectory(prefix="guide-nginx-") as tmp:
        try:
            with LocalNginx(site, Path(tmp), args.port) as server:
                print(f"Serving {site} at {server.url}/ with {SITE_CONF} (Ctrl+C stops)", flush=True)
                server.process.wait()
                print(f"local_nginx: nginx stopped on its own (exit status {server.process.returncode}): "
                      f"{nginx_reason(server.error_log()) or 'no reason given'}", file=sys.stderr)
                return 1
        except NginxError as e:
            print(f"local_nginx: {e}", file=sys.stderr)
            return 1
        except (KeyboardInterrupt, Stopped):
            pass
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
