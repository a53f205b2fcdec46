"""What ``make test`` needs besides Python, checked before any test runs:

- a Chromium for the browser tests: the system one (Debian's ``chromium``)
  where present, else Playwright's own download where that works;
- nginx, which serves the site to the tests with deploy/guide-site.conf.

Prints what it found. When something is missing, it says what, and how to
install it on Debian or Ubuntu, in one message, and exits with 1 (so a fresh
machine learns everything it lacks in one run, not one failing test at a time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def system_chromium() -> str | None:
    for path in (os.environ.get("CHROMIUM_PATH"), *SYSTEM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if path and os.path.exists(path):
            return path
    return None


def playwright_chromium() -> bool:
    """Playwright's own Chromium, downloaded now if it is not there yet."""
    print("no system Chromium: trying Playwright's own download")
    return subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"]).returncode == 0


def nginx() -> str | None:
    sys.path.insert(0, str(DEPLOY))
    try:
        from local_nginx import NginxError, nginx_binary
    finally:
        sys.path.remove(str(DEPLOY))
    try:
        return nginx_binary()
    except NginxError:
        return None


def missing_message(missing: list[str]) -> str:
    packages = " ".join(missing)
    text = (f"make test needs {' and '.join(missing)}, which this machine lacks. "
            f"On Debian or Ubuntu run: sudo apt-get install -y {packages}")
    if "chromium" in missing:
        text += " (on Ubuntu the package is chromium-browser)"
    if "chromium" in missing:
        text += "; elsewhere, '.venv/bin/python -m playwright install chromium' gives the tests a Chromium of their own"
    if "nginx" in missing:
        text += "; nginx can also be named with NGINX=/path/to/nginx"
    return text


def main() -> int:
    missing = []
    browser = system_chromium()
    if browser:
        print(f"browser for tests: {browser}")
    elif not playwright_chromium():
        missing.append("chromium")
    server = nginx()
    if server:
        print(f"nginx for tests: {server}")
    else:
        missing.append("nginx")
    if missing:
        print(missing_message(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
