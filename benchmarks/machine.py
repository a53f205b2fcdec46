"""Print what the figures were measured on: date, CPU, cores, load, Python,
MkDocs, Material, Chromium, nginx and Node.js versions."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
from importlib.metadata import version


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def output(*cmd: str) -> str:
    if not shutil.which(cmd[0]):
        return "not found"
    result = subprocess.run(cmd, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0]


def main() -> None:
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"date      {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine   {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"load      {load} (1, 5, 15 minutes)")
    print(f"Python    {platform.python_version()}, MkDocs {version('mkdocs')}, "
          f"Material {version('mkdocs-material')}")
    print(f"Chromium  {output(chromium, '--version') if chromium else 'not found'}")
    print(f"nginx     {output('nginx', '-v')}")
    print(f"Node.js   {output('node', '--version')}")


if __name__ == "__main__":
    main()
