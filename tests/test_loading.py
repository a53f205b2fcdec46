"""How pages load their scripts: Material's bundle exactly as Material's own
template writes it, then extra_javascript (the guide's components among
them); before the content, only Material's small inline scripts, moved into
files for the Content-Security-Policy by the plugin's ``inline_scripts:
files`` (plugins/guidekit/inline_scripts.py). Nothing under site_overrides/ changes
when or how the bundle loads. The browser side of this contract (document$
on every page, instant navigation from the first click) is in
tests/test_material_contract.py; the speed is measured in benchmarks/."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from helpers import ROOT

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"


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


def name(script: dict) -> str:
    return script["src"].rsplit("/", 1)[-1]


def test_no_override_touches_how_the_bundle_loads():
    """The templates that place Material's bundle (base.html's scripts
    block) are Material's own: site_overrides/ neither replaces them nor
    overrides the block, and mentions no bundle file."""
    overrides = ROOT / "site_overrides"
    assert not (overrides / "base.html").exists()
    main = overrides / "main.html"
    assert not main.exists() or "block scripts" not in main.read_text("utf-8")
    for template in overrides.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"{%-?\s*block\s+scripts\b", text), f"{template}: overrides the scripts block"
        assert "bundle." not in text and "__config" not in text, f"{template}: handles Material's bundle"
    for script in overrides.rglob("*.js"):
        assert "bundle." not in script.read_text(encoding="utf-8"), f"{script}: handles Material's bundle"


def test_bundle_loads_as_material_writes_it(built_site: Path):
    """On every page, Material's bundle is the element its base.html writes
    (a plain src, run in order at the end of the page), and the guide's
    components come after it, as extra_javascript does."""
    shipped = re.search(r"<script src=\"{{ '(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)' \| url }}\"></script>",
                        (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"))
    assert shipped, "Material's base.html no longer writes its bundle as expected"
    bundle_name = shipped.group(1).rsplit("/", 1)[-1]
    checked = 0
    for page in pages(built_site):
        body = scripts(page).body
        names = [name(s) for s in body]
        material = [i for i, n in enumerate(names) if n == bundle_name]
        guidekit = [i for i, n in enumerate(names) if n.startswith("guidekit.") and n.endswith(".js")]
        assert len(material) == 1 and len(guidekit) == 1, f"{page}: {names}"
        assert set(body[material[0]]) == {"src"}, f"{page}: the bundle is not loaded as Material does: {body[material[0]]}"
        assert material[0] < guidekit[0], f"{page}: the components come before Material's bundle: {names}"
        assert (built_site / "assets" / "javascripts" / bundle_name).is_file()
        checked += 1
    assert checked >= 9


def test_scripts_before_the_content_are_small(built_site: Path):
    """The scripts that run before the page's content is read are Material's
    small inline scripts, moved into files named by their content (each
    under 2 KB): its helpers in the head, its palette at the start of the body."""
    moved = re.compile(r"inline\.[0-9a-f]{16}\.js")
    for page in pages(built_site):
        found = scripts(page)
        head = [name(s) for s in found.head if moved.fullmatch(name(s))]
        body = [name(s) for s in found.body if moved.fullmatch(name(s))]
        assert len(head) == 1 and len(body) >= 1, f"{page}: head {head}, body {body}"
        helpers = (built_site / "assets" / "javascripts" / head[0]).read_text(encoding="utf-8")
        assert "__md_get" in helpers, f"{page}: the head script is not Material's helpers: {helpers[:200]}"
        for script in head + body:
            size = (built_site / "assets" / "javascripts" / script).stat().st_size
            assert size < 2048, f"{script}: {size} bytes hold up every page"
