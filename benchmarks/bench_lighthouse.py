"""Lighthouse 12 (mobile, its default simulated slow 4G and 4x slower CPU)
on every page of the site, served by a real nginx with deploy/guide-site.conf.

Goals: performance at least 0.98; accessibility, best practices and SEO 1.00
on every page. The script prints the figures and whether each goal is met;
it does not fail when a goal is missed.

Needs Node 18 or newer with npm, nginx and Chromium. Lighthouse 12.2.3 (the
last release that runs on Node 20) is installed on first use into
$LIGHTHOUSE_HOME (default ~/.cache/lighthouse-12) with `npm i -E`.

    .venv/bin/python benchmarks/bench_lighthouse.py [--runs 3] [--pages / /writing/] [--bundle at-load]

--bundle at-load builds the site with Material's bundle loaded with the page
(extra.material_bundle in mkdocs.yml), for comparison with the default,
where it waits for the reader's first action. Lighthouse does not touch the
page, so with the default its figures leave the bundle out: what the first
action costs is measured by bench_startup.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nginx_server import ROOT, Nginx, free_port, page_paths  # noqa: E402

VERSION = "12.2.3"
GOALS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
METRICS = [  # audit id, short name, unit
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")


def fail(message: str) -> None:
    print(f"bench_lighthouse: {message}", file=sys.stderr)
    raise SystemExit(1)


def lighthouse_binary() -> Path:
    cache = Path(os.environ.get("LIGHTHOUSE_HOME", Path.home() / ".cache" / "lighthouse-12"))
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    if not os.access(binary, os.X_OK):
        npm = shutil.which("npm")
        if not npm or not shutil.which("node"):
            fail("Node.js and npm are needed for Lighthouse: on Debian or Ubuntu "
                 "'sudo apt-get install -y nodejs npm'")
        cache.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{VERSION} into {cache} ...", flush=True)
        if not (cache / "package.json").exists():
            subprocess.run([npm, "init", "-y"], cwd=cache, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([npm, "i", "-E", f"lighthouse@{VERSION}"], cwd=cache, check=True, stdout=subprocess.DEVNULL)
    return binary


def chromium() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate:
            return candidate
    fail("no Chromium found: on Debian or Ubuntu 'sudo apt-get install -y chromium' (or set CHROME_PATH)")


def build_site(out: Path, site_url: str, bundle: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, MATERIAL_BUNDLE=bundle)
    # figures, not checks (`make test` checks the build): warnings do not stop it
    cmd = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(out), "-f", str(ROOT / "mkdocs.yml")]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        fail("the site did not build:\n" + result.stdout + result.stderr)


def audit(binary: Path, chrome: str, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chrome)
    cmd = [str(binary), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}"]
    for _attempt in range(3):  # on a busy machine Lighthouse now and then loses its trace (NO_NAVSTART)
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode == 0 and out.exists():
            return json.loads(out.read_text(encoding="utf-8"))
    fail(f"lighthouse failed three times on {url}:\n{result.stderr[-2000:]}")


def summary(report: dict) -> dict:
    audits = report["audits"]
    scores = {k: v["score"] for k, v in report["categories"].items()}
    metric_ids = {ident for ident, _, _ in METRICS}
    failing = sorted({ref["id"] for cat in report["categories"].values() for ref in cat["auditRefs"]
                      if ref.get("weight") and ref["id"] not in metric_ids and audits[ref["id"]]["score"] is not None
                      and audits[ref["id"]]["score"] < 1})
    metrics = {name: audits[ident]["numericValue"] for ident, name, _ in METRICS}
    blocking: dict[str, float] = {}  # simulated long tasks by script, as Lighthouse attributes them
    for task in audits["long-tasks"].get("details", {}).get("items", []):
        url = task["url"]  # a script, the page itself, or "Unattributable"
        name = "page" if url.endswith("/") else url.rsplit("/", 1)[-1]
        blocking[name] = blocking.get(name, 0) + task["duration"]
    return {"scores": scores, "failing": failing, "metrics": metrics, "blocking": blocking,
            "benchmark": report["environment"]["benchmarkIndex"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median run is shown)")
    parser.add_argument("--pages", nargs="*", help="URL paths to audit (default: every page)")
    parser.add_argument("--keep", type=Path, help="folder to keep the JSON reports in")
    parser.add_argument("--bundle", choices=["on-first-action", "at-load"], default="on-first-action",
                        help="when pages load Material's bundle (extra.material_bundle)")
    args = parser.parse_args()

    binary, chrome = lighthouse_binary(), chromium()
    version = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reports = args.keep or tmp / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        port = free_port()
        site = tmp / "site"
        build_site(site, f"http://127.0.0.1:{port}/", args.bundle)  # instant navigation needs the real address
        paths = args.pages or page_paths(site)
        print(f"Lighthouse {VERSION} (mobile: simulated slow 4G, 4x CPU slowdown), {version},")
        print(f"{len(paths)} pages served by nginx with deploy/guide-site.conf, median of {args.runs} runs per page;")
        print(f"Material's bundle loads {'with the page' if args.bundle == 'at-load' else 'on the first action'}")
        head = "  ".join(f"{name:>5}" for _, name, _ in METRICS)
        print("FCP, LCP, TBT, SI in simulated ms; 'bench' is Lighthouse's benchmarkIndex of this machine during")
        print("the run (Lighthouse warns below 1,000); the last column lists the long tasks of the median run by")
        print("script, in simulated ms (each counts towards TBT beyond its first 50 ms).")
        print(f"\n{'page':34} perf  a11y  b.p.   seo  {head}  bench  long tasks")
        worst = {k: 1.0 for k in GOALS}
        reached = {k: 0 for k in GOALS}
        benchmarks: list[float] = []
        failing_any: dict[str, list[str]] = {}
        with Nginx(site, tmp / "nginx", port) as server:
            for path in paths:
                runs = []
                for i in range(args.runs):
                    name = (path.strip("/").replace("/", "_") or "home") + f".{i}.json"
                    runs.append(summary(audit(binary, chrome, server.url + path, reports / name)))
                runs.sort(key=lambda r: r["scores"]["performance"] or 0)
                median = runs[len(runs) // 2]
                scores = {k: statistics.median((r["scores"][k] or 0) for r in runs) for k in GOALS}
                for k in GOALS:
                    worst[k] = min(worst[k], scores[k])
                    reached[k] += round(scores[k], 2) >= GOALS[k]
                failing = sorted({a for r in runs for a in r["failing"]})
                cells = "  ".join(f"{median['metrics'][name]:5.3f}" if unit == "" else f"{median['metrics'][name]:5.0f}"
                                  for _, name, unit in METRICS)
                bench = statistics.median(r["benchmark"] for r in runs)
                benchmarks.append(bench)
                tasks = sorted(median["blocking"].items(), key=lambda kv: -kv[1])[:3]
                print(f"{path:34} {scores['performance']:4.2f}  {scores['accessibility']:4.2f}  "
                      f"{scores['best-practices']:4.2f}  {scores['seo']:4.2f}  {cells}  {bench:5.0f}  "
                      f"{', '.join(f'{n} {d:.0f}' for n, d in tasks) or '-'}", flush=True)
                if failing:
                    failing_any[path] = failing
        for path, failing in failing_any.items():
            print(f"audits (other than the metrics above) below 1 on {path}: {', '.join(failing)}")
        print(f"\nbenchmarkIndex over the run: {min(benchmarks):.0f} to {max(benchmarks):.0f}")
        print("lowest score over pages (median of runs), against the goal:")
        for k, goal in GOALS.items():
            print(f"  {k:15} {worst[k]:4.2f}  goal {goal:.2f}: {'met' if round(worst[k], 2) >= goal else 'MISSED'} "
                  f"({reached[k]} of {len(paths)} pages reach it)")
        if args.keep:
            print(f"reports kept in {args.keep}")


if __name__ == "__main__":
    main()
