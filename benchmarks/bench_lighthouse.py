"""Lighthouse 12 (mobile: its default simulated slow 4G and 4x slower CPU)
on the guide's pages, served by a real nginx with deploy/guide-site.conf,
three sites side by side in one run:

- the guide as it is built;
- the same guide with the placement lines of its quizzes and checklists
  removed, for the pages that have one: what our components cost;
- plain Material: the same pages' text with Material for MkDocs alone (no
  guidekit, no guide stylesheet; Material's inline scripts moved into files,
  as the Content-Security-Policy requires): what the page would score
  without anything of ours, next to every page's own figure.

Goals, for each page with a quiz or a checklist against the same page
without its placement line: performance within 0.02, Total Blocking Time
at most 30 ms more, no extra layout shift (CLS). On every page of the
guide: accessibility, best practices and SEO 1.00. Material's own part has
no goal of ours: its figures are shown. The script prints the figures and
whether each goal is met; it does not fail when a goal is missed.

Needs Node 18 or newer with npm, nginx and Chromium. Lighthouse 12.2.3 (the
last release that runs on Node 20) is installed on first use into
$LIGHTHOUSE_HOME (default ~/.cache/lighthouse-12) with `npm i -E`.

    .venv/bin/python benchmarks/bench_lighthouse.py [--runs 1] [--pages / /writing/]

One run per page by default: the machine is shared, so compare the ratios
of one run, not figures across runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nginx_server import ROOT, Nginx, free_port, page_paths  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

VERSION = "12.2.3"
GOALS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
COST = {"performance": 0.02, "TBT": 30.0, "CLS": 0.0}  # at most this much worse with a component
METRICS = [  # audit id, short name, unit
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
COMPONENTS = {"quiz", "checklist"}


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


def _build(out: Path, site_url: str, **overrides) -> None:
    """Build the repository's site in this process, with settings of
    mkdocs.yml replaced by ``overrides`` (figures, not checks: `make test`
    checks the build, so warnings do not stop it)."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ["SITE_URL"] = site_url  # instant navigation needs the real address
    here = os.getcwd()
    os.chdir(ROOT)  # snippets are found from the repository
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=False, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(here)


def without_placements(docs: Path) -> list[str]:
    """Copy content/ to ``docs`` with the placement lines of quizzes and
    checklists removed; return the URL paths of the pages that had one."""
    from guidekit.core.placement import find_placements

    shutil.copytree(ROOT / "content", docs)
    changed = []
    for md in sorted(docs.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        drop = {p.line for p in find_placements(text, COMPONENTS) if p.ok_position}
        if not drop:
            continue
        lines = text.splitlines(keepends=True)
        md.write_text("".join(line for i, line in enumerate(lines, start=1) if i not in drop), encoding="utf-8")
        rel = md.relative_to(docs).with_suffix("").as_posix()
        changed.append("/" + ("" if rel == "index" else rel[: -len("index")] if rel.endswith("/index") else rel + "/"))
    return changed


def plain_material() -> dict:
    """Settings for the same text with Material alone: its theme settings
    without our templates, no plugin but search, no stylesheet of ours."""
    from mkdocs.utils import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)
    # guidekit's Markdown extension (which Zensical runs) left out too
    extensions = [e for e in config["markdown_extensions"] if not (e == "guidekit" or isinstance(e, dict) and "guidekit" in e)]
    return {"theme": theme, "plugins": ["search"], "extra_css": [], "extra_javascript": [],
            "markdown_extensions": extensions}


def move_inline_scripts(site: Path, site_url: str) -> None:
    """Material's inline scripts moved into files, as guidekit's
    ``inline_scripts: files`` does (the Content-Security-Policy requires it)."""
    from guidekit.inline_scripts import InlineScripts

    mover = InlineScripts(str(site), site_url, True)
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        if rel == "404.html":
            text = mover.template(text, rel)
        else:
            text = mover.page(text, rel[: -len("index.html")] if rel.endswith("index.html") else rel, rel, rel)
        page.write_text(text, encoding="utf-8")


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


def scores_line(result: dict) -> str:
    cells = "  ".join(f"{result['metrics'][name]:5.3f}" if unit == "" else f"{result['metrics'][name]:5.0f}"
                      for _, name, unit in METRICS)
    s = result["scores"]
    return (f"{s['performance']:4.2f}  {s['accessibility']:4.2f}  {s['best-practices']:4.2f}  {s['seo']:4.2f}  "
            f"{cells}  {result['benchmark']:5.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the median run is shown)")
    parser.add_argument("--pages", nargs="*", help="URL paths to audit (default: every page)")
    parser.add_argument("--keep", type=Path, help="folder to keep the JSON reports in")
    args = parser.parse_args()

    binary, chrome = lighthouse_binary(), chromium()
    version = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as servers:
        tmp = Path(tmp_name)
        reports = args.keep or tmp / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        ports = {name: free_port() for name in ("guide", "no component", "plain Material")}
        urls = {name: f"http://127.0.0.1:{port}/" for name, port in ports.items()}
        folders = {name: tmp / name.replace(" ", "-") for name in ports}  # nginx takes no space in a root
        _build(folders["guide"], urls["guide"])
        with_component = without_placements(tmp / "docs")
        _build(folders["no component"], urls["no component"], docs_dir=str(tmp / "docs"))
        _build(folders["plain Material"], urls["plain Material"], **plain_material())
        move_inline_scripts(folders["plain Material"], urls["plain Material"])
        for name, port in ports.items():
            servers.enter_context(Nginx(folders[name], tmp / f"nginx-{port}", port))

        paths = args.pages or page_paths(folders["guide"])
        compared = [p for p in paths if p in with_component]

        def run(site: str, path: str) -> dict:
            runs = []
            for i in range(args.runs):
                name = re.sub(r"\W+", "_", f"{site}{path}") + f".{i}.json"
                runs.append(summary(audit(binary, chrome, urls[site] + path.lstrip("/"), reports / name)))
            runs.sort(key=lambda r: r["scores"]["performance"] or 0)
            median = dict(runs[len(runs) // 2])
            median["scores"] = {k: statistics.median((r["scores"][k] or 0) for r in runs) for k in median["scores"]}
            median["failing"] = sorted({a for r in runs for a in r["failing"]})
            return median

        print(f"Lighthouse {VERSION} (mobile: simulated slow 4G, 4x CPU slowdown), {version},")
        print(f"sites served by nginx with deploy/guide-site.conf, {args.runs} run(s) per page, one after the other.")
        head = "  ".join(f"{name:>5}" for _, name, _ in METRICS)
        print("FCP, LCP, TBT, SI in simulated ms; 'bench' is Lighthouse's benchmarkIndex of this machine during")
        print("the run (Lighthouse warns below 1,000).")

        print("\n(a) what a quiz or checklist costs: each page, then the same page without its placement line")
        print(f"{'page':30} {'site':14} perf  a11y  b.p.   seo  {head}  bench  long tasks")
        verdicts = []
        for path in compared:
            pair = {site: run(site, path) for site in ("guide", "no component")}
            for site, result in pair.items():
                tasks = sorted(result["blocking"].items(), key=lambda kv: -kv[1])[:3]
                print(f"{path:30} {site:14} {scores_line(result)}  "
                      f"{', '.join(f'{n} {d:.0f}' for n, d in tasks) or '-'}", flush=True)
            ours, bare = pair["guide"], pair["no component"]
            perf = ours["scores"]["performance"] - bare["scores"]["performance"]
            tbt = ours["metrics"]["TBT"] - bare["metrics"]["TBT"]
            cls = ours["metrics"]["CLS"] - bare["metrics"]["CLS"]
            verdicts.append((path, perf, tbt, cls))
        print("\n    page                            performance   TBT (ms)    CLS      goals: perf >= -0.02, TBT <= +30, CLS +0")
        for path, perf, tbt, cls in verdicts:
            met = round(perf, 2) >= -COST["performance"] and tbt <= COST["TBT"] and round(cls, 3) <= COST["CLS"]
            print(f"    {path:30} {perf:+12.2f} {tbt:+10.0f} {cls:+8.3f}      {'met' if met else 'MISSED'}")

        print("\n(b) every page of the guide, next to the same text in plain Material")
        print(f"{'page':30} {'site':14} perf  a11y  b.p.   seo  {head}  bench")
        worst = {k: 1.0 for k in GOALS}
        reached = {k: 0 for k in GOALS}
        benchmarks: list[float] = []
        failing_any: dict[str, list[str]] = {}
        ratios = []
        for path in paths:
            ours, plain = run("guide", path), run("plain Material", path)
            for site, result in (("guide", ours), ("plain Material", plain)):
                print(f"{path:30} {site:14} {scores_line(result)}", flush=True)
                benchmarks.append(result["benchmark"])
            for k in GOALS:
                worst[k] = min(worst[k], ours["scores"][k])
                reached[k] += round(ours["scores"][k], 2) >= GOALS[k]
            ratios.append(ours["scores"]["performance"] - plain["scores"]["performance"])
            if ours["failing"]:
                failing_any[path] = ours["failing"]
        for path, failing in failing_any.items():
            print(f"audits (other than the metrics above) below 1 on {path}: {', '.join(failing)}")
        print(f"\nbenchmarkIndex over the run: {min(benchmarks):.0f} to {max(benchmarks):.0f}")
        print(f"performance, the guide's page minus plain Material's: {min(ratios):+.2f} to {max(ratios):+.2f} "
              f"(median {statistics.median(ratios):+.2f}); no goal: Material's part is Material's")
        print("lowest score over the guide's pages, against the goal:")
        for k, goal in GOALS.items():
            print(f"  {k:15} {worst[k]:4.2f}  goal {goal:.2f}: {'met' if round(worst[k], 2) >= goal else 'MISSED'} "
                  f"({reached[k]} of {len(paths)} pages reach it)")
        if args.keep:
            print(f"reports kept in {args.keep}")


if __name__ == "__main__":
    main()
