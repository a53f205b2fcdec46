"""Checklist budgets, measured (not asserted):

1. checklist.js + checklist.css, minified as the build does and gzipped:
   budget 4,096 bytes together.
2. The median time to evaluate drafts of 500, 5,000 and 50,000 characters
   against the shipped first-message checklist in Chromium, calling
   guidekit.checklist.evaluate(root, text) in the page (no typing):
   target 1 ms or less for 5,000 characters.
3. The first evaluation of a 500-character draft in a freshly loaded page,
   which builds the matchers (the page does not build them as it starts):
   right after loading, and after the reader has moved into the draft box
   (which has them built while the page is idle, for Latin-1 text and for
   text beyond it, before any typing).

    .venv/bin/python benchmarks/bench_checklist.py [--runs 200]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import rcssmin
import rjsmin

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "plugins" / "guidekit" / "checklist"
BUDGET_BYTES = 4096
TARGET_MS = 1.0
SIZES = (500, 5_000, 50_000)

# sentences of a plausible draft, some of which set off checks
SENTENCES = [
    "Hi Sam, I hope you are keeping well.",
    "I know it’s been a long while since we last spoke.",
    "I wanted to say hello and let you know I’m doing all right.",
    "You always said the coast was the best place to think!",
    "I don’t hold any hard feelings about how things ended.",
    "Sorry if my silence was confusing.",
    "Work has been busy, and I have taken up running again.",
    "I miss our walks by the river, but I have moved on in many ways.",
    "Été à Malmö, 🙂 and a few late nights with friends.",
    "How have you been?",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gzipped_sizes() -> tuple[int, int]:
    js = rjsmin.jsmin((FOLDER / "checklist.js").read_text("utf-8")).encode()
    css = rcssmin.cssmin((FOLDER / "checklist.css").read_text("utf-8")).encode()
    return len(gzip.compress(js, 9)), len(gzip.compress(css, 9))


def draft(size: int) -> str:
    out, i = [], 0
    while sum(len(s) + 1 for s in out) < size:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
        if i % 4 == 0:
            out.append("\n")
    return " ".join(out)[:size]


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(out), "-f", str(ROOT / "mkdocs.yml")]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


MEASURE = """([text, runs]) => {
  const root = document.querySelector('[data-checklist="first-message"]');
  for (let i = 0; i < 20; i++) guidekit.checklist.evaluate(root, text);  // warm up
  // performance.now() is coarse (0.1 ms) in a page that is not cross-origin
  // isolated: time batches of evaluations and take the median batch
  const batch = Math.max(1, Math.round(20000 / text.length)), times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    for (let j = 0; j < batch; j++) guidekit.checklist.evaluate(root, text);
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


FIRST = """(text) => {
  const root = document.querySelector('[data-checklist="first-message"]');
  const t0 = performance.now();
  guidekit.checklist.evaluate(root, text);
  return performance.now() - t0;
}"""


def first_evaluation(browser, url: str, focus: bool) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-checklist][data-guidekit-started]", state="attached")
    if focus:
        page.focus("[data-checklist] textarea")
    page.wait_for_timeout(300)
    ms = page.evaluate(FIRST, draft(500))
    context.close()
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    js, css = gzipped_sizes()
    total = js + css
    print(f"checklist.js  minified+gzipped: {js:6,} bytes")
    print(f"checklist.css minified+gzipped: {css:6,} bytes")
    print(f"together:                       {total:6,} bytes (budget {BUDGET_BYTES:,}: {'within' if total <= BUDGET_BYTES else 'OVER'})")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/writing/"
        with sync_playwright() as p:
            path = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("[data-checklist][data-guidekit-started]", state="attached")
            print(f"Chromium {browser.version}, median of {args.runs} batches, time of one evaluation:")
            for size in SIZES:
                median = page.evaluate(MEASURE, [draft(size), args.runs])
                note = f" (target {TARGET_MS} ms: {'met' if median <= TARGET_MS else 'MISSED'})" if size == 5_000 else ""
                print(f"  {size:>6,} characters: {median:8.3f} ms{note}")
            page.close()
            loads = 9
            print(f"first evaluation of 500 characters in a fresh page, median of {loads} loads:")
            for focus, label in ((False, "right after loading"), (True, "after focusing the draft box")):
                times = [first_evaluation(browser, url, focus) for _ in range(loads)]
                print(f"  {label + ':':30} {statistics.median(times):8.1f} ms")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
