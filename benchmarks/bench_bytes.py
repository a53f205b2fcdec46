"""The bytes the plugin adds, and what a page without a component pays for them.

1. Each source file of the plugin (the shared runtime, "Exit this page",
   each component's script and styles): raw, minified the way the build does
   it, and gzipped (level 9).
2. The bundle as shipped (assets/guidekit/guidekit.<hash>.js and .css, one
   of each for the whole site): raw, gzipped, and as nginx sends it with
   deploy/guide-site.conf (its own gzip level), with its Cache-Control.
3. A page without a component: the HTML bytes the plugin adds to it (against
   the same site built without the plugin), the files it loads because of
   the plugin and their bytes over the wire in Chromium on a first visit,
   and again on the next page (served from the browser's cache), plus the
   main-thread time the plugin's script takes there.

Goal: a page without a component pays at most one small cached file per
component (small: 4,096 bytes gzipped or less per component; cached: a
content-hashed name with a long, immutable Cache-Control).

    .venv/bin/python benchmarks/bench_bytes.py
"""

from __future__ import annotations

import collections
import gzip
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import rcssmin
import rjsmin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import copy_project, placement_kinds, strip_placements, without_plugin  # noqa: E402
from nginx_server import ROOT, Nginx, free_port  # noqa: E402

SMALL = 4096  # bytes gzipped per component


def gz(data: bytes, level: int = 9) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def source_files() -> list[tuple[str, Path]]:
    """The plugin's own script and style files, in bundle order."""
    from guidekit import exit as exit_control
    from guidekit.guide import components
    from guidekit.core.component import component_files

    core = Path(exit_control.FOLDER).parent / "core"
    files = [("runtime", core / "runtime.js"), ("exit", exit_control.FOLDER / "exit.js"),
             ("exit", exit_control.FOLDER / "exit.css")]
    for c in components():
        js, css = component_files(c)[:2]
        files += [(c.kind, js), (c.kind, css)]
    return files


def sources() -> None:
    print("1. source files: raw -> minified -> gzipped (bytes)")
    per_kind: dict[str, int] = collections.defaultdict(int)
    for kind, path in source_files():
        text = path.read_text("utf-8")
        small = (rjsmin.jsmin(text) if path.suffix == ".js" else rcssmin.cssmin(text)).encode()
        per_kind[kind] += gz(small)
        print(f"   {kind:10} {path.name:14} {len(text.encode()):7,} -> {len(small):7,} -> {gz(small):6,}")
    print("   gzipped, script and styles together: " + ", ".join(f"{k} {v:,}" for k, v in per_kind.items()))
    for kind in (k for k in per_kind if k not in ("runtime", "exit")):
        print(f"   {kind}: {per_kind[kind]:,} B, budget {SMALL:,} B: {'within' if per_kind[kind] <= SMALL else 'OVER'}")


def build(project: Path, out: Path, site_url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"bench_bytes: the site did not build:\n{result.stdout}{result.stderr}")


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def page_urls(content: Path) -> tuple[list[str], list[str]]:
    """URL paths of the pages with and without a placement."""
    from guidekit.core.placement import find_placements

    kinds = placement_kinds()
    with_, without = [], []
    for md in sorted(content.rglob("*.md")):
        rel = md.relative_to(content).with_suffix("").as_posix()
        url = "/" + ("" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/"))
        (with_ if find_placements(md.read_text("utf-8"), kinds) else without).append(url)
    return with_, without


def html_of(site: Path, url: str) -> bytes:
    return (site / url.strip("/") / "index.html").read_bytes()


def chromium_visit(base: str, first: str, then: list[str]) -> list[tuple[str, list[tuple[str, int]], float]]:
    """Visit pages in one browser context with full page loads; for each page,
    the plugin's files it loaded (path, bytes over the wire) and the
    main-thread time of the plugin's script."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        exe = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        seen: dict[str, dict] = {}  # request id -> url, bytes received (0 when the browser's cache served it)
        cdp.on("Network.requestWillBeSent", lambda e: seen.setdefault(e["requestId"], {}).update(url=e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: seen.setdefault(e["requestId"], {}).update(bytes=e["encodedDataLength"]))
        for url in [first, *then]:
            seen.clear()
            browser.start_tracing(page=page, categories=["devtools.timeline"])
            page.goto(base + url, wait_until="load")
            page.wait_for_timeout(300)
            events = json.loads(browser.stop_tracing())["traceEvents"]
            ms = sum(e.get("tdur", e.get("dur", 0)) for e in events if e.get("ph") == "X"
                     and e.get("name") in ("EvaluateScript", "FunctionCall")
                     and "/assets/guidekit/" in (e.get("args", {}).get("data", {}).get("url") or "")) / 1000
            files = [(re.sub(r"^https?://[^/]+", "", r["url"]), r.get("bytes", 0))
                     for r in seen.values() if "/assets/guidekit/" in r.get("url", "")]
            out.append((url, sorted(files), ms))
        browser.close()
    return out


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    sources()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        port = free_port()
        site_url = f"http://127.0.0.1:{port}/"
        build(ROOT, tmp / "site", site_url)
        bare = copy_project(tmp / "bare")
        strip_placements(bare.parent / "content")
        without_plugin(bare)
        build(bare.parent, tmp / "bare-site", site_url)
        site = tmp / "site"
        bundle = sorted((site / "assets" / "guidekit").iterdir())
        from guidekit.guide import components

        n_components = len(components())

        with Nginx(site, tmp / "nginx", port) as server:
            print("\n2. the bundle as shipped (one of each for the whole site)")
            print(f"   {'file':28} {'raw':>7} {'gzip -9':>8} {'nginx sends':>12}  Cache-Control")
            shipped = 0
            cache_ok = True
            for f in bundle:
                raw = f.read_bytes()
                status, headers, body = fetch(port, "/" + f.relative_to(site).as_posix())
                sent = len(body) if headers.get("content-encoding") == "gzip" else len(raw)
                shipped += sent
                cache = headers.get("cache-control", "(none)")
                cache_ok &= status == 200 and "immutable" in cache and "max-age=31536000" in cache
                print(f"   {f.name:28} {len(raw):7,} {gz(raw):8,} {sent:12,}  {cache}")
            print(f"   together as nginx sends them: {shipped:,} B for {n_components} components "
                  f"(and the shared runtime and Exit this page)")

            with_, without = page_urls(ROOT / "content")
            print(f"\n3. pages without a component ({len(without)} of {len(with_) + len(without)}): "
                  "HTML the plugin adds (against the site built without the plugin)")
            added = []
            for url in without:
                a, b = html_of(site, url), html_of(tmp / "bare-site", url)
                added.append((url, len(a) - len(b), gz(a, 6) - gz(b, 6)))
            raw_add = sorted(x[1] for x in added)
            gz_add = sorted(x[2] for x in added)
            print(f"   {raw_add[0]:,} to {raw_add[-1]:,} B raw, {gz_add[0]:,} to {gz_add[-1]:,} B gzipped per page "
                  "(the <link> and <script> of the bundle)")

            visits = chromium_visit(server.url, without[0], [without[1], with_[0]])
            print("   in Chromium, full page loads one after another in the same browser:")
            files_first = visits[0][1]
            for url, files, ms in visits:
                kind = "with a component" if url in with_ else "without a component"
                listed = ", ".join(f"{Path(p).name} {b:,} B{'' if b else ' (browser cache)'}" for p, b in files) or "none"
                print(f"   {url:28} ({kind}): {len(files)} plugin files, {sum(b for _, b in files):,} B over the wire "
                      f"(response headers included); plugin script {ms:.1f} ms of main-thread CPU")
                print(f"   {'':28}   {listed}")

        first_bytes = sum(b for _, b in files_first)
        later_bytes = sum(b for _, b in visits[1][1])
        ok = (len(files_first) <= n_components and cache_ok and shipped <= SMALL * n_components
              and later_bytes == 0)
        print(f"\n   goal: a page without a component pays at most one small cached file per component "
              f"({n_components} components: at most {n_components} files, {SMALL * n_components:,} B as sent, "
              f"cached as immutable, nothing on the next page): {'met' if ok else 'MISSED'} "
              f"({len(files_first)} files, {shipped:,} B as sent, {first_bytes:,} B with headers on the first page, "
              f"{later_bytes:,} B on the next)")


if __name__ == "__main__":
    main()
