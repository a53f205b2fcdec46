"""Main-thread time when a page loads, in Chromium: what Material's bundle
costs and what starting the guide's components costs, page by page.

For a page without a component, the first page with a quiz and the first
page with a checklist, loaded in turn (fresh browser context each time, no
cache), from a trace of the page's main thread: the CPU time of the task that
runs Material's bundle, of the DOMContentLoaded task (where Material and the
components start), and of all tasks together. The components' start-up cost
is the DOMContentLoaded task of their page less that of the page without a
component.

Lighthouse's mobile run slows the CPU down 4 times: a task of more than
12.5 ms here becomes a "long task" there, and everything it takes beyond
50 ms (simulated) counts towards Total Blocking Time. Goal, so that the
components never make a long task of their own: their start-up stays under
12.5 ms.

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
    """A page without a placement, and the first page placing each component."""
    from guidekit.build import components, views
    from guidekit.core.placement import find_placements

    kinds = {c.kind for c in components()} | {v.kind for v in views()}
    chosen: dict[str, str] = {}
    content = ROOT / "content"
    for md in sorted(content.rglob("*.md")):
        rel = md.relative_to(content).with_suffix("").as_posix()
        url = "/" + ("" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/"))
        found = {p.kind for p in find_placements(md.read_text("utf-8"), kinds) if p.ok_position}
        if not found and url != "/":
            chosen.setdefault("no component", url)
        for c in components():
            if c.kind in found:
                chosen.setdefault(c.kind, url)
    return chosen


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)  # Lighthouse's mobile screen
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()

    def url_of(e):
        return (e.get("args", {}).get("data", {}) or {}).get("url") or ""

    bundle = next(e for e in events if e.get("name") == "EvaluateScript" and "/bundle." in url_of(e))
    main = [e for e in events if e.get("pid") == bundle["pid"] and e.get("tid") == bundle["tid"] and e.get("ph") == "X"]
    tasks = [e for e in main if e["name"] == "RunTask"]

    def cpu_of_task_holding(event) -> float:
        task = next(t for t in tasks if t["ts"] <= event["ts"] <= t["ts"] + t["dur"])
        return task.get("tdur", task["dur"]) / 1000

    dcl = next(e for e in main if e["name"] == "EventDispatch"
               and (e.get("args", {}).get("data", {}) or {}).get("type") == "DOMContentLoaded")
    return {
        "bundle task": cpu_of_task_holding(bundle),
        "DOMContentLoaded task": cpu_of_task_holding(dcl),
        "all tasks": sum(t.get("tdur", t["dur"]) for t in tasks) / 1000,
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
    print(f"   {'page':34} {'bundle task':>12} {'DOMContentLoaded':>17} {'all tasks':>10}")
    for label, path in chosen.items():
        m = med[label]
        print(f"   {path + ' (' + label + ')':34} {m['bundle task']:12.1f} {m['DOMContentLoaded task']:17.1f} "
              f"{m['all tasks']:10.1f}")
    base = med["no component"]["DOMContentLoaded task"]
    bundle = med["no component"]["bundle task"]
    print(f"   Material's bundle: {bundle:.1f} ms in one task, {bundle * SLOWDOWN:.0f} ms at Lighthouse's "
          f"{SLOWDOWN}x slowdown ({max(0.0, bundle * SLOWDOWN - 50):.0f} ms of blocking time when it runs "
          "after the first paint)")
    for label in chosen:
        if label == "no component":
            continue
        extra = med[label]["DOMContentLoaded task"] - base
        shown = f"{extra:.1f} ms ({extra * SLOWDOWN:.0f} ms at {SLOWDOWN}x)" if extra > 0 else \
            f"{extra:.1f} ms (lost in the differences between loads)"
        print(f"   start of the {label} on {chosen[label]}: {shown}; goal under {LONG:.1f} ms: "
              f"{'met' if extra < LONG else 'MISSED'}")


if __name__ == "__main__":
    main()
