"""Build-time figures, measured in one run (compare the ratios, not the times).

1. The default site (this repository's mkdocs.yml) with its components,
   against the same project with every placement line removed from the pages
   (``<!-- quiz readiness -->`` and the like, as the plugin finds them), and
   against the same project without the plugin at all. The variants are
   built in turn, round after round, so that a slow moment of the machine
   hits them alike; the medians and their ratios are printed.
   Goal: the components add at most 10% to the build time.
2. Generated sites of 10, 100 and 1,000 pages that each place a quiz and a
   checklist: total build time, time per page, and the extra time of each
   added page. Goal: the cost per page stays flat.

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
    from guidekit.build import components, views

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


def generated_project(dest: Path, pages: int) -> Path:
    cfg = copy_project(dest)
    content = dest / "content"
    for page in content.rglob("*.md"):
        page.unlink()
    shutil.rmtree(content / "site-owners", ignore_errors=True)
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
        if quizzes:
            lines += [f"<!-- quiz {quizzes[i % len(quizzes)]} -->", ""]
        if checklists:
            lines += [f"<!-- checklist {checklists[i % len(checklists)]} -->", ""]
        (content / f"page-{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n(?:(?:  .*)?\n)+", "", text, flags=re.M)
    text = text.replace("omitted_files: warn", "omitted_files: info")
    cfg.write_text(text, encoding="utf-8")
    return cfg


def generated_sites(tmp: Path, sizes: list[int], repeat: int) -> None:
    print(f"\n2. generated sites, every page placing a quiz and a checklist, median of {repeat} builds")
    print(f"   {'pages':>6} {'mkdocs build':>13} {'per page':>10} {'each added page':>16} {'inside build()':>15}")
    previous = None
    rows = []
    for n in sizes:
        cfg = generated_project(tmp / f"gen-{n}", n)
        runs = []
        for i in range(repeat):
            runs.append(timed_build(cfg, tmp / f"gen-out-{n}"))
            shutil.rmtree(tmp / f"gen-out-{n}")
        wall, inner = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        added = f"{(inner - previous[1]) / (n - previous[0]) * 1000:10.2f} ms" if previous else f"{'':>13}"
        print(f"   {n:6,} {wall * 1000:10.0f} ms {wall / n * 1000:7.2f} ms {added:>16} {inner * 1000:12.0f} ms")
        rows.append((n, inner))
        previous = (n, inner)
    if len(rows) >= 3:
        (a, ta), (b, tb), (c, tc) = rows[-3:]
        first, last = (tb - ta) / (b - a), (tc - tb) / (c - b)
        print(f"   each added page costs {first * 1000:.2f} ms from {a:,} to {b:,} pages and {last * 1000:.2f} ms "
              f"from {b:,} to {c:,} (inside build()); ratio {last / first:.2f}")
        print(f"   goal: flat cost per page (ratio at most 1.5): {'met' if last / first <= 1.5 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="10,100,1000")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        default_site(Path(tmp), args.repeat)
        generated_sites(Path(tmp), [int(s) for s in args.sizes.split(",")], max(3, args.repeat // 2))


if __name__ == "__main__":
    main()
