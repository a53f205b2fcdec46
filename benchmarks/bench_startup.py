"""Main-thread time in Chromium when a page loads, and when the reader first
does something on it (which is when the site loads Material's bundle:
site_overrides/main.html), page by page.

For a page without a component, the longest page without one, the first
page with a quiz and the first page with a checklist, each loaded in turn
(fresh browser context each time, no cache), two traces of the page's main
thread:
- at load: the longest task, all tasks together, and the guide's script
  (the components start while it runs);
- at the reader's first key press: the task that runs Material's bundle,
  and the part of it where Material starts its components (the
  DOMContentLoaded event that material-loader.js fires again for it).

Lighthouse's mobile run slows the CPU down 4 times: a task of more than
12.5 ms here becomes a "long task" there, and everything it takes beyond
50 ms (simulated) counts towards Total Blocking Time. Goal, so that the
components never make a long task of their own: their start-up stays under
12.5 ms. Material's cost is shown, not judged: it comes after the reader's
first action, where Lighthouse does not look, and the figure says what that
first action costs a slow phone.

    .venv/bin/python benchmarks/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nginx_server import ROOT, Nginx, free_port  # noqa: E402

SLOWDOWN = 4
LONG = 50 / SLOWDOWN  # ms of CPU here that make a long task in Lighthouse's mobile run


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"bench_startup: the site did not build:\n{result.stdout}{result.stderr}")


def pages() -> dict[str, str]:
    """A page without a placement, the longest such page, and the first page
    placing each component."""
    from guidekit.build import components, views
    from guidekit.core.placement import find_placements

    kinds = {c.kind for c in components()} | {v.kind for v in views()}
    chosen: dict[str, str] = {}
    longest = (0, "")
    content = ROOT / "content"
    for md in sorted(content.rglob("*.md")):
        rel = md.relative_to(content).with_suffix("").as_posix()
        url = "/" + ("" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/"))
        found = {p.kind for p in find_placements(md.read_text("utf-8"), kinds) if p.ok_position}
        if not found and url != "/":
            chosen.setdefault("no component", url)
            longest = max(longest, (len(md.read_bytes()), url))
        for c in components():
            if c.kind in found:
                chosen.setdefault(c.kind, url)
    if longest[1] and longest[1] != chosen.get("no component"):
        chosen = {"no component": chosen["no component"], "longest page": longest[1],
                  **{k: v for k, v in chosen.items() if k != "no component"}}
    return chosen


def _trace(browser, page, action) -> list[dict]:
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
    action()
    page.wait_for_timeout(500)
    return json.loads(browser.stop_tracing())["traceEvents"]


def _url(event) -> str:
    return (event.get("args", {}).get("data", {}) or {}).get("url") or ""


def _main_thread(events, anchor) -> list[dict]:
    return [e for e in events if e.get("pid") == anchor["pid"] and e.get("tid") == anchor["tid"] and e.get("ph") == "X"]


def _cpu(event) -> float:
    return event.get("tdur", event["dur"]) / 1000


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)  # Lighthouse's mobile screen
    page = context.new_page()
    loading = _trace(browser, page, lambda: page.goto(url, wait_until="load"))
    waking = _trace(browser, page, lambda: (page.keyboard.press("Shift"), page.wait_for_function(
        "() => document.documentElement.getAttribute('data-md-bundle') === 'ready'")))
    context.close()

    ours = next(e for e in loading if e.get("name") == "EvaluateScript" and "/guidekit." in _url(e))
    tasks = [e for e in _main_thread(loading, ours) if e["name"] == "RunTask"]
    bundle = next(e for e in waking if e.get("name") == "EvaluateScript" and "/bundle." in _url(e))
    main = _main_thread(waking, bundle)
    woken = [e for e in main if e["name"] == "RunTask"]

    def task_holding(event, among):
        return next(t for t in among if t["ts"] <= event["ts"] <= t["ts"] + t["dur"])

    dcl = next(e for e in main if e["name"] == "EventDispatch"
               and (e.get("args", {}).get("data", {}) or {}).get("type") == "DOMContentLoaded")
    return {
        "longest task": max(_cpu(t) for t in tasks),
        "all tasks": sum(_cpu(t) for t in tasks),
        "guide's script": _cpu(ours),
        "bundle task": _cpu(task_holding(bundle, woken)),
        "Material starts": _cpu(dcl),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chosen = pages()
    results: dict[str, dict[str, list[float]]] = {k: collections.defaultdict(list) for k in chosen}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_site(tmp / "site")
        with Nginx(tmp / "site", tmp / "nginx", free_port()) as server, sync_playwright() as p:
            exe = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
            for i in range(args.runs):
                order = list(chosen.items()) if i % 2 == 0 else list(chosen.items())[::-1]
                for label, path in order:
                    for key, value in measure(browser, server.url + path).items():
                        results[label][key].append(value)
            version = browser.version
            browser.close()

    med = {label: {k: statistics.median(v) for k, v in r.items()} for label, r in results.items()}
    print(f"Chromium {version}, main-thread CPU time in ms, median of {args.runs} loads of each page")
    print(f"   {'':40} {'--------- at load ---------':>39}   {'----- first key press -----':>31}")
    print(f"   {'page':40} {'longest task':>12} {'all tasks':>10} {'guide script':>13}   "
          f"{'bundle task':>12} {'of which starting':>17}")
    for label, path in chosen.items():
        m = med[label]
        script = m["guide's script"]
        print(f"   {path + ' (' + label + ')':40} {m['longest task']:12.1f} {m['all tasks']:10.1f} "
              f"{script:13.1f}   {m['bundle task']:12.1f} {m['Material starts']:17.1f}")
    longest = max(m["longest task"] for m in med.values())
    print(f"   At load, the longest task on any of these pages: {longest:.1f} ms, {longest * SLOWDOWN:.0f} ms at "
          f"Lighthouse's {SLOWDOWN}x slowdown.")
    first = max(m["bundle task"] for m in med.values())
    print(f"   The reader's first action is followed by one task of up to {first:.1f} ms here ({first * SLOWDOWN:.0f} ms "
          f"at {SLOWDOWN}x): Material's bundle runs and starts.")
    for label in chosen:
        if label in ("no component", "longest page"):
            continue
        extra = med[label]["guide's script"] - med["no component"]["guide's script"]
        print(f"   start of the {label} on {chosen[label]}: {extra:.1f} ms ({extra * SLOWDOWN:.0f} ms at {SLOWDOWN}x) "
              f"more than on a page without it; goal under {LONG:.1f} ms: {'met' if extra < LONG else 'MISSED'}")


if __name__ == "__main__":
    main()
