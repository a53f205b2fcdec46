"""Make sure the browser tests have a Chromium: the system one (Debian's
``chromium``) where present, else Playwright's own download where that
works. Exits non-zero with what to install when neither is available."""

import os
import shutil
import subprocess
import sys

SYSTEM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def main() -> int:
    for path in (os.environ.get("CHROMIUM_PATH"), *SYSTEM, shutil.which("chromium")):
        if path and os.path.exists(path):
            print(f"browser for tests: {path}")
            return 0
    print("no system Chromium: trying Playwright's own download")
    if subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"]).returncode == 0:
        return 0
    print("No browser for the browser tests. Install Chromium: on Debian or Ubuntu run "
          "'sudo apt-get install -y chromium'; elsewhere 'python -m playwright install chromium'.",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
