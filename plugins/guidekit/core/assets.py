"""The script and styles of the components, bundled into two cacheable files.

Each component keeps its own ``.js`` and ``.css``. The build minifies them
into ``assets/guidekit/guidekit.<hash>.js`` and ``.css``: one file of each
kind for the whole site, named by content so that a static host can cache it
for ever. Nothing is inlined into pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

FOLDER = "assets/guidekit"


@dataclass(frozen=True)
class Bundle:
    js: str
    css: str
    js_path: str
    css_path: str

    def write(self, site_dir: str) -> None:
        out = Path(site_dir, FOLDER)
        out.mkdir(parents=True, exist_ok=True)
        for rel, text in ((self.js_path, self.js), (self.css_path, self.css)):
            Path(site_dir, rel).write_text(text, encoding="utf-8")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def bundle(scripts: list[Path], styles: list[Path]) -> Bundle:
    js = "\n".join(rjsmin.jsmin(p.read_text("utf-8")).strip() for p in scripts) + "\n"
    css = "\n".join(rcssmin.cssmin(p.read_text("utf-8")).strip() for p in styles) + "\n"
    return Bundle(js, css, f"{FOLDER}/guidekit.{_digest(js)}.js", f"{FOLDER}/guidekit.{_digest(css)}.css")
