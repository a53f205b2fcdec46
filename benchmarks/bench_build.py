"""Build-time figures, measured in one run (compare the ratios, not the times).

1. The default site (this repository's mkdocs.yml) with its components,
   against the same project with every placement line removed from the pages
   (``<!-- quiz readiness -->`` and the like, as the plugin finds them), and
   against the same project without the plugin at all. The variants are
   built in turn, round after round, so that a slow moment of the machine
   hits them alike; the medians and their ratios are printed.
   Goal: the components add at most 10% to the build time.
2. Generated sites of 10, 100 and 1,000 pages that each place a quiz and a
   checklist, against the same pages without them: the components' cost per
   page. Goal: it stays flat.

Each build is a fresh ``mkdocs build`` process, as a site owner runs it; the
time spent in MkDocs's build() itself (without Python start-up and imports)
is printed too, from a ``--timing`` line the child process writes.

    .venv/bin/python benchmarks/bench_build.py [--repeat 7] [--sizes 10,100,1000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.10
SKIP = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", ".hypothesis",
                              "node_modules", "tests", "benchmarks", "*.egg-info")

# Runs in the child process: build once, print the seconds build() took.
CHILD = """
import os, sys, time, logging
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)  # timing, not checking
start = time.perf_counter()
build(config)
print("build()", time.perf_counter() - start)
"""


def placement_kinds() -> set[str]:
    from guidekit.guide import components, views

    return {c.kind for c in components()} | {v.kind for v in views()}


def strip_placements(content: Path) -> list[str]:
    """Remove every line the plugin reads as a placement; say which."""
    from guidekit.core.placement import find_placements

    kinds, removed = placement_kinds(), []
    for page in sorted(content.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        found = [p for p in find_placements("".join(lines), kinds) if p.ok_position]
        if found:
            removed += [f"{page.relative_to(content).as_posix()}: {p.marker}" for p in found]
            drop = {p.line for p in found}
            page.write_text("".join(t for n, t in enumerate(lines, 1) if n not in drop), encoding="utf-8")
    return removed


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=SKIP)  # snippets read deploy/, examples/, plugins/
    return dest / "mkdocs.yml"


def without_plugin(config_file: Path) -> None:
    text = config_file.read_text(encoding="utf-8")
    text, n = re.subn(r"^(\s*)- guidekit\b.*\n(?:\1  .*\n)*", "", text, flags=re.M)
    assert n == 1, "could not find the guidekit plugin in mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    content = config_file.parent / "content"
    for folder in ("quizzes", "checklists"):
        shutil.rmtree(content / folder, ignore_errors=True)


def timed_build(config_file: Path, site_dir: Path) -> tuple[float, float]:
    """(wall seconds of the whole `mkdocs build` process, seconds inside build())."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(config_file), str(site_dir)],
                            cwd=config_file.parent, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode:
        raise RuntimeError(f"build of {config_file} failed:\n{result.stdout}{result.stderr}")
    inner = float(re.search(r"^build\(\) (\S+)$", result.stdout, re.M).group(1))
    return wall, inner


def default_site(tmp: Path, repeat: int) -> None:
    variants = {"with components": copy_project(tmp / "with")}
    variants["placements removed"] = copy_project(tmp / "stripped")
    removed = strip_placements(tmp / "stripped" / "content")
    variants["no plugin at all"] = copy_project(tmp / "none")
    strip_placements(tmp / "none" / "content")
    without_plugin(variants["no plugin at all"])

    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for name, cfg in variants.items():  # warm the disk cache and check that each builds
        timed_build(cfg, tmp / "warm")
    for i in range(repeat):
        order = list(variants.items())
        if i % 2:
            order.reverse()  # alternate, so that neither variant always follows the other
        for name, cfg in order:
            times[name].append(timed_build(cfg, tmp / f"out-{i}"))
            shutil.rmtree(tmp / f"out-{i}")

    wall = {n: statistics.median(t[0] for t in ts) for n, ts in times.items()}
    inner = {n: statistics.median(t[1] for t in ts) for n, ts in times.items()}
    spread = {n: (min(t[0] for t in ts), max(t[0] for t in ts)) for n, ts in times.items()}
    print(f"1. the default site ({ROOT.name}/mkdocs.yml), median of {repeat} builds of each, alternating")
    print(f"   placement lines removed in the second and third variants: {'; '.join(removed)}")
    print(f"   {'variant':22} {'mkdocs build':>13} {'(min-max)':>15} {'inside build()':>15}")
    for name in variants:
        lo, hi = spread[name]
        print(f"   {name:22} {wall[name] * 1000:10.0f} ms {lo * 1000:6.0f}-{hi * 1000:<6.0f}  {inner[name] * 1000:11.0f} ms")
    base = "placements removed"
    for label, num, den in (("components vs placements removed", "with components", base),
                            ("whole plugin vs no plugin", "with components", "no plugin at all")):
        r_wall, r_inner = wall[num] / wall[den], inner[num] / inner[den]
        print(f"   {label:34} ratio {r_wall:5.3f} ({100 * (r_wall - 1):+.1f}%) for mkdocs build, "
              f"{r_inner:5.3f} ({100 * (r_inner - 1):+.1f}%) inside build()")
    r = wall["with components"] / wall[base]
    print(f"   goal: the components add at most {100 * (GOAL_RATIO - 1):.0f}% "
          f"(ratio {GOAL_RATIO:.2f}): {'met' if r <= GOAL_RATIO else 'MISSED'} (ratio {r:.3f})")


def generated_project(dest: Path, pages: int, components: bool) -> Path:
    cfg = copy_project(dest)
    content = dest / "content"
    for page in content.rglob("*.md"):
        page.unlink()
    quizzes = sorted(p.stem for p in (content / "quizzes").glob("*.yml"))
    checklists = sorted(p.stem for p in (content / "checklists").glob("*.yml"))
    # the shipped data links to guide pages: give every link target a page with its anchors
    anchors: dict[str, set[str]] = {}
    for f in content.rglob("*.yml"):
        text = f.read_text(encoding="utf-8")
        for page, _, anchor in re.findall(r"\.\./([\w-]+)\.md(#([\w-]+))?", text):
            anchors.setdefault(page, set()).update([anchor] if anchor else [])
    for name in set(anchors) | {"index"}:
        body = "".join(f"\n## {a} {{#{a}}}\n\nText.\n" for a in sorted(anchors.get(name, ())))
        (content / f"{name}.md").write_text(f"# {name}\n{body}", encoding="utf-8")
    for i in range(pages):
        lines = [f"# Page {i}", "", "Some words on this page.", ""]
        if components and quizzes:
            lines += [f"<!-- quiz {quizzes[i % len(quizzes)]} -->", ""]
        if components and checklists:
            lines += [f"<!-- checklist {checklists[i % len(checklists)]} -->", ""]
        (content / f"page-{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    text = cfg.read_text(encoding="utf-8")
    # Only the home page in the navigation: Material lists every page of the
    # navigation on every page, a cost that grows with the square of the
    # number of pages and has nothing to do with the components.
    text = re.sub(r"^nav:\n(?:(?:  .*)?\n)+", "nav:\n  - index.md\n\n", text, flags=re.M)
    text = text.replace("omitted_files: warn", "omitted_files: info")
    cfg.write_text(text, encoding="utf-8")
    return cfg


def generated_sites(tmp: Path, sizes: list[int], repeat: int) -> None:
    print("\n2. generated sites of short pages, each page placing a quiz and a checklist, against the same")
    print(f"   pages without them; median of {repeat} builds of each, alternating (times inside build())")
    print(f"   {'pages':>6} {'with':>10} {'without':>10} {'components':>11} {'per page':>10} {'each added page':>16}")
    rows = []
    for n in sizes:
        cfgs = [generated_project(tmp / f"gen-{n}-with", n, True), generated_project(tmp / f"gen-{n}-without", n, False)]
        runs: list[list[float]] = [[], []]
        for i in range(repeat):
            for k in ((0, 1) if i % 2 == 0 else (1, 0)):
                runs[k].append(timed_build(cfgs[k], tmp / f"gen-out-{n}")[1])
                shutil.rmtree(tmp / f"gen-out-{n}")
        with_, without = statistics.median(runs[0]), statistics.median(runs[1])
        cost = with_ - without
        added = f"{(cost - rows[-1][1]) / (n - rows[-1][0]) * 1000:13.2f} ms" if rows else ""
        rows.append((n, cost))
        print(f"   {n:6,} {with_ * 1000:7.0f} ms {without * 1000:7.0f} ms {cost * 1000:8.0f} ms "
              f"{cost / n * 1000:7.2f} ms {added:>16}")
        shutil.rmtree(tmp / f"gen-{n}-with")
        shutil.rmtree(tmp / f"gen-{n}-without")
    if len(rows) >= 3:
        (a, ca), (b, cb), (c, cc) = rows[-3:]
        first, last = (cb - ca) / (b - a), (cc - cb) / (c - b)
        print(f"   the components' cost of each added page: {first * 1000:.2f} ms from {a:,} to {b:,} pages, "
              f"{last * 1000:.2f} ms from {b:,} to {c:,}")
        print(f"   goal: flat cost per page (the second at most 1.5x the first): "
              f"{'met' if last <= 1.5 * first else 'MISSED'} ({last / first:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--gen-repeat", type=int, default=3, help="builds of each generated site")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        default_site(Path(tmp), args.repeat)
        generated_sites(Path(tmp), [int(s) for s in args.sizes.split(",")], args.gen_repeat)


if __name__ == "__main__":
    main()
