"""Build-time benchmarks, measured in one run (ratios are what to compare).

1. The default site with its components, against the same pages with the
   component lines removed.
2. Generated sites of 10, 100 and 1,000 pages that each place a quiz and a
   checklist: the cost per page should stay flat.
3. The bytes the plugin adds to every page: the bundled script and styles,
   raw and gzipped.

    .venv/bin/python benchmarks/bench_build.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLACEMENT = re.compile(r"^\s*<!--\s*(quiz|checklist)\s+\S+\s*-->\s*$", re.M)


def timed_build(config_file: Path, site_dir: Path) -> float:
    here = os.getcwd()
    os.chdir(config_file.parent)  # snippets are read relative to the project
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        start = time.perf_counter()
        build(config)
        return time.perf_counter() - start
    finally:
        os.chdir(here)


def copy_project(dest: Path, strip_components: bool) -> Path:
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    shutil.copytree(ROOT / "deploy", dest / "deploy")  # the hosting page includes it
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if strip_components:
        for page in (dest / "content").rglob("*.md"):
            page.write_text(PLACEMENT.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    return dest / "mkdocs.yml"


def generated_project(dest: Path, pages: int) -> Path:
    copy_project(dest, strip_components=False)
    content = dest / "content"
    for page in content.glob("*.md"):
        page.unlink()
    shutil.rmtree(content / "site-owners", ignore_errors=True)
    quizzes = sorted(p.stem for p in (content / "quizzes").glob("*.yml"))
    checklists = sorted(p.stem for p in (content / "checklists").glob("*.yml"))
    # the shipped data links to guide pages: give every link target a page
    targets = {m for f in content.rglob("*.yml") for m in re.findall(r"\.\./([\w-]+)\.md", f.read_text())}
    anchors = {}
    for f in content.rglob("*.yml"):
        for page, anchor in re.findall(r"\.\./([\w-]+)\.md#([\w-]+)", f.read_text()):
            anchors.setdefault(page, set()).add(anchor)
    for name in targets | {"index"}:
        body = "".join(f"\n## {a} {{#{a}}}\n\nText.\n" for a in sorted(anchors.get(name, ())))
        (content / f"{name}.md").write_text(f"# {name}\n{body}", encoding="utf-8")
    for i in range(pages):
        lines = [f"# Page {i}", "", "Some words on this page.", ""]
        if quizzes:
            lines += [f"<!-- quiz {quizzes[i % len(quizzes)]} -->", ""]
        if checklists:
            lines += [f"<!-- checklist {checklists[i % len(checklists)]} -->", ""]
        (content / f"page-{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    text = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n(?:  .*\n)+", "", text, flags=re.M)
    text = text.replace("omitted_files: warn", "omitted_files: info")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10,100,1000")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with_cfg = copy_project(tmp / "with", strip_components=False)
        without_cfg = copy_project(tmp / "without", strip_components=True)
        timed_build(with_cfg, tmp / "warm")  # imports, caches
        with_t, without_t = [], []
        for _ in range(args.repeat):  # alternate so that drift hits both alike
            with_t.append(timed_build(with_cfg, tmp / "out-with"))
            without_t.append(timed_build(without_cfg, tmp / "out-without"))
        a, b = statistics.median(with_t), statistics.median(without_t)
        print("default site, median of", args.repeat)
        print(f"  with components    {a * 1000:8.1f} ms")
        print(f"  components removed {b * 1000:8.1f} ms")
        print(f"  ratio              {a / b:8.3f}  (components add {100 * (a / b - 1):+.1f}%)")

        js = next((tmp / "out-with" / "assets" / "guidekit").glob("*.js"))
        css = next((tmp / "out-with" / "assets" / "guidekit").glob("*.css"))
        print("bytes the plugin adds (one cached file of each kind, site-wide)")
        for f in (js, css):
            raw = f.read_bytes()
            print(f"  {f.name:32} {len(raw):6d} B raw {len(gzip.compress(raw, 9)):6d} B gzipped")

        print("generated sites, each page placing a quiz and a checklist")
        for n in (int(s) for s in args.sizes.split(",")):
            cfg = generated_project(tmp / f"gen-{n}", n)
            times = [timed_build(cfg, tmp / f"gen-out-{n}") for _ in range(max(1, args.repeat // 2))]
            t = statistics.median(times)
            print(f"  {n:5d} pages {t * 1000:9.1f} ms  {t * 1000 / n:6.2f} ms per page")


if __name__ == "__main__":
    main()
