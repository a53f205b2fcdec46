"""What the benchmarks need to serve a built site with nginx and the
repository's configuration: the code is deploy/local_nginx.py, which the
tests and site owners use too."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

from local_nginx import LocalNginx as Nginx  # noqa: E402
from local_nginx import NginxError, free_port, page_paths  # noqa: E402

__all__ = ["ROOT", "Nginx", "NginxError", "free_port", "page_paths"]
