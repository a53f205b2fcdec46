"""The repository's own site builds with --strict and has every page."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helpers import ROOT


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    yield value

    return list(walk(config["nav"]))


def output_path(src: str) -> str:
    if src == "index.md" or src.endswith("/index.md"):
        return src[:-3] + ".html"
    return src[:-3] + "/index.html"


def test_every_markdown_page_is_in_the_nav():
    on_disk = sorted(str(p.relative_to(ROOT / "content")) for p in (ROOT / "content").rglob("*.md"))
    assert sorted(nav_pages()) == on_disk


def test_every_page_is_built(built_site: Path):
    for src in nav_pages():
        html = (built_site / output_path(src)).read_text(encoding="utf-8")
        assert "<h1" in html, src
    assert (built_site / "404.html").exists()


def test_every_page_has_a_description(built_site: Path):
    seen = set()
    for src in nav_pages():
        html = (built_site / output_path(src)).read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, f"{src} has no description"
        assert 50 <= len(match.group(1)) <= 160, f"{src}: description of {len(match.group(1))} characters"
        seen.add(match.group(1))
    assert len(seen) == len(nav_pages()), "descriptions repeat between pages"


def test_no_reference_to_another_origin(built_site: Path):
    """Nothing in the built pages or styles loads from another origin (fonts, CDNs, analytics)."""
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r'<(?:script|link|img|iframe|source)[^>]*?(?:src|href)="(?:https?:)?//[^"]*"', text):
            tag = match.group(0)
            assert 'rel="alternate"' in tag or 'rel="canonical"' in tag, f"{path.relative_to(built_site)}: {tag}"
        assert not re.search(r'url\(["\']?(?:https?:)?//', text), f"{path.relative_to(built_site)} loads a remote url()"


def test_data_files_are_not_published(built_site: Path):
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))
