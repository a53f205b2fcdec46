"""How pages load their scripts: Material's bundle and the guide's components
are fetched while the page is read and run after it (defer), in order, so
that they never hold up the first drawing of the page on a slow phone.
The speed itself is measured in benchmarks/, not here."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


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
    checked = 0
    for page in pages(built_site):
        body = scripts(page).body
        names = [s["src"].rsplit("/", 1)[-1] for s in body]
        material = [i for i, n in enumerate(names) if n.startswith("bundle.") and n.endswith(".min.js")]
        guidekit = [i for i, n in enumerate(names) if n.startswith("guidekit.") and n.endswith(".js")]
        assert len(material) == 1 and len(guidekit) == 1, f"{page}: {names}"
        assert material[0] < guidekit[0], f"{page}: the components' script must run after Material's: {names}"
        for i in material + guidekit:
            assert "defer" in body[i], f"{page}: {names[i]} holds up the page (no defer)"
            assert "async" not in body[i], f"{page}: {names[i]} is async: the order would not be kept"
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
