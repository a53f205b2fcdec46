"""How pages load their scripts: the guide's components are fetched while the
page is read and run after it (defer), so that they never hold up the first
drawing of the page on a slow phone; Material's bundle waits for the
reader's first touch, click, key or scroll (the browser test is in
tests/test_material_loader.py).
The speed itself is measured in benchmarks/, not here."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_body = False
        self.head: list[dict] = []
        self.body: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag == "script" and dict(attrs).get("src"):
            (self.body if self.in_body else self.head).append(dict(attrs))


def scripts(page: Path) -> _Scripts:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("index.html")) + [site / "404.html"]
    return [p for p in found if "assets" not in p.relative_to(site).parts]


def test_bundles_are_deferred_and_in_order(built_site: Path):
    """The guide's components are deferred. Material's bundle is held back
    (type text/plain: not fetched, not run) for material-loader.js, which
    is deferred and loads it when the reader first does something."""
    checked = 0
    for page in pages(built_site):
        body = scripts(page).body
        names = [s["src"].rsplit("/", 1)[-1] for s in body]
        material = [i for i, n in enumerate(names) if n.startswith("bundle.") and n.endswith(".min.js")]
        guidekit = [i for i, n in enumerate(names) if n.startswith("guidekit.") and n.endswith(".js")]
        loader = [i for i, n in enumerate(names) if n == "material-loader.js"]
        assert len(material) == 1 and len(guidekit) == 1 and len(loader) == 1, f"{page}: {names}"
        held = body[material[0]]
        assert held.get("type") == "text/plain" and "data-md-bundle" in held, f"{page}: the bundle runs at load: {held}"
        assert (built_site / "assets" / "javascripts" / names[material[0]]).is_file()
        for i in guidekit + loader:
            assert "defer" in body[i], f"{page}: {names[i]} holds up the page (no defer)"
            assert "async" not in body[i], f"{page}: {names[i]} is async: the order would not be kept"
        assert guidekit[0] < loader[0], f"{page}: the components must not wait for the loader: {names}"
        checked += 1
    assert checked >= 9


def test_only_small_helpers_hold_up_the_page(built_site: Path):
    """The scripts that run while the page is read are Material's small
    helpers (they set the reader's colour scheme before the first drawing)."""
    for page in pages(built_site):
        found = scripts(page)
        blocking = [s["src"].rsplit("/", 1)[-1] for s in found.head + found.body
                    if "defer" not in s and "async" not in s and s.get("type") != "module"]
        assert blocking, f"{page}: no colour-scheme helper found"
        assert all(n.startswith("material-") and n.endswith(".js") for n in blocking), f"{page}: {blocking}"
        for name in blocking:
            size = (built_site / "assets" / "javascripts" / name).stat().st_size
            assert size < 2048, f"{name}: {size} bytes hold up every page"


def test_the_bundle_can_load_with_the_page(tmp_path: Path):
    """extra.material_bundle: at-load (here through MATERIAL_BUNDLE) gives
    Material's own way: the bundle runs with the page, no loader."""
    env = dict(os.environ, MATERIAL_BUNDLE="at-load", NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for page in pages(tmp_path / "site"):
        body = scripts(page).body
        names = [s["src"].rsplit("/", 1)[-1] for s in body]
        bundle = [s for s, n in zip(body, names) if n.startswith("bundle.") and n.endswith(".min.js")]
        assert len(bundle) == 1 and "type" not in bundle[0] and "data-md-bundle" not in bundle[0], f"{page}: {bundle}"
        assert "defer" in bundle[0] and "material-loader.js" not in names, f"{page}: {names}"
