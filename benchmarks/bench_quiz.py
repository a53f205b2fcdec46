"""Quiz budgets, measured (not asserted):

(a) quiz.js + quiz.css, minified the way the build bundles them and gzipped:
    together they should stay within 4,096 bytes. The shared runtime.js and
    exit.js are reported on their own.
(b) Time to load, check and render generated quizzes of 10, 100, 1,000 and
    10,000 questions through the real code path: the YAML loader, the models
    and graph checks (QUIZ.load), then core.component.render as the build
    calls it (QUIZ.context with the site's Markdown renderer, and the Jinja
    template). Goals: 1,000 questions read, checked and rendered in under
    250 ms, and the time per question flat (linear) up to 10,000.
(c) The same 1,000 questions with Python's garbage collector switched off
    around the work, next to the default: whether pausing it would matter
    at a real size (the plugin does not pause it: it runs inside
    `mkdocs serve`'s threads, where the collector belongs to everyone).

Times are the CPU time of this process (time.process_time), not the clock:
on a shared machine the clock measures the neighbours as much as the code.

    .venv/bin/python benchmarks/bench_quiz.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import rcssmin  # noqa: E402
import rjsmin  # noqa: E402
import yaml  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.structure.files import get_files  # noqa: E402

from guidekit import exit as exit_control  # noqa: E402
from guidekit.core.component import RenderContext, render  # noqa: E402
from guidekit.core.markdown import MarkdownRenderer  # noqa: E402
from guidekit.core.problems import Problems  # noqa: E402
from guidekit.core.templates import make_environment  # noqa: E402
from guidekit.core.words import load_words  # noqa: E402
from guidekit.core.yamlfile import load_yaml  # noqa: E402
from guidekit.quiz.component import QUIZ  # noqa: E402

CORE = Path(QUIZ.folder).parent / "core"
BUDGET = 4096


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def sizes() -> None:
    js = rjsmin.jsmin((QUIZ.folder / "quiz.js").read_text("utf-8"))
    css = rcssmin.cssmin((QUIZ.folder / "quiz.css").read_text("utf-8"))
    together = gz(js + "\n" + css)
    print("(a) bytes, minified -> gzipped")
    print(f"    quiz.js      {len(js):6,} -> {gz(js):5,}")
    print(f"    quiz.css     {len(css):6,} -> {gz(css):5,}")
    print(f"    quiz total   {len(js) + len(css):6,} -> {gz(js) + gz(css):5,} as two files "
          f"({together:,} in one stream); budget {BUDGET:,}: "
          f"{'within' if gz(js) + gz(css) <= BUDGET else 'OVER'}")
    for name, path in (("runtime.js", CORE / "runtime.js"), ("exit.js", exit_control.FOLDER / "exit.js"),
                       ("exit.css", exit_control.FOLDER / "exit.css")):
        text = path.read_text("utf-8")
        small = rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)
        print(f"    shared {name:10} {len(small):6,} -> {gz(small):5,}")


def generated(n: int) -> str:
    """A branching quiz of ``n`` questions: each points to the next two
    questions or to one of four outcomes; one in ten has Markdown help."""
    lines = ["title: Generated quiz", "intro: A *generated* quiz.", "start: q0", "questions:"]
    for i in range(n):
        a = f"q{2 * i + 1}" if 2 * i + 1 < n else f"end-{i % 4}"
        b = f"q{2 * i + 2}" if 2 * i + 2 < n else f"end-{(i + 1) % 4}"
        lines += [f"  q{i}:", f"    text: Question number {i}?"]
        if i % 10 == 0:
            lines.append("    help: See [the page](../index.md) for *more*.")
        lines += ["    options:", f"      - {{label: Yes to {i}, next: {a}}}",
                  f"      - {{label: No to {i}, next: {b}}}", "      - {label: I'm not sure, next: end-0}"]
    lines.append("outcomes:")
    for k in range(4):
        lines += [f"  end-{k}:", f"    title: Outcome {k}", "    body: |",
                  f"      Outcome number {k}, with a [link](../index.md) and a list:", "",
                  "      - one", "      - two"]
    return "\n".join(lines) + "\n"


class Site:
    """A small real project, so that Markdown and links go through the
    site's own renderer."""

    def __init__(self, folder: Path):
        (folder / "docs" / "quizzes").mkdir(parents=True)
        (folder / "docs" / "index.md").write_text("# Home\n\n<!-- quiz bench -->\n", "utf-8")
        (folder / "docs" / "quizzes" / "bench.yml").write_text("title: x\n", "utf-8")
        (folder / "mkdocs.yml").write_text(
            "site_name: Bench\ndocs_dir: docs\ntheme:\n  name: material\nplugins:\n  - guidekit\n"
            "markdown_extensions:\n  - attr_list\n  - admonition\n  - toc:\n      permalink: true\n", "utf-8")
        self.config = load_config(str(folder / "mkdocs.yml"))
        self.files = get_files(self.config)
        self.page_file = self.files.get_file_from_path("index.md")
        self.words = load_words("en", {}, Problems())
        self.env = make_environment(None, [QUIZ.folder, exit_control.FOLDER])

    def run(self, text: str) -> tuple[float, float, float, int]:
        t0 = time.process_time()
        loaded = load_yaml(text, "docs/quizzes/bench.yml")
        t1 = time.process_time()
        model = QUIZ.load(loaded, "bench", loaded.problems)
        t2 = time.process_time()
        assert model is not None and not loaded.problems.errors, loaded.problems.errors[:3]
        problems = Problems()
        renderer = MarkdownRenderer(self.config, self.files, problems)

        def markdown(source: str, line: int):
            return renderer.render(source, source="quizzes/bench.yml", shown="docs/quizzes/bench.yml", line=line, page_file=self.page_file)

        ctx = RenderContext(markdown=markdown, words=self.words, dom_id="quiz-bench")
        html = render(QUIZ, model, ctx, self.env, self.words)  # as the build renders a placement
        t3 = time.process_time()
        assert not problems.items, problems.items[:3]
        return t1 - t0, t2 - t1, t3 - t2, len(html)


def _timed(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def timings(repeat: int) -> None:
    print(f"\n(b) generated quizzes, median of {repeat} runs (ms of CPU time)")
    print("    questions   parse YAML   load+check       render        total    per question   HTML bytes")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(Path(tmp))
        for n in (10, 100, 1_000, 10_000):
            text = generated(n)
            runs = [site.run(text) for _ in range(repeat)]
            parse, check, rendering = (statistics.median(r[i] for r in runs) * 1000 for i in range(3))
            total = parse + check + rendering
            rows.append((n, parse, check, rendering, total))
            print(f"    {n:9,} {parse:12.1f} {check:12.1f} {rendering:12.1f} {total:12.1f} "
                  f"{total / n * 1000:11.1f} µs {runs[0][3]:12,}")
        text = generated(1_000)
        fast = statistics.median(_timed(lambda: sum(1 for _ in yaml.parse(text, Loader=yaml.CSafeLoader)))
                                 for _ in range(repeat))
    by = {r[0]: r for r in rows}
    big, mid = by[10_000], by[1_000]
    growth = (big[4] / 10_000) / (mid[4] / 1_000)
    print("    'parse YAML' is the shared loader with line numbers (core/yamlfile.py); 'load+check' the")
    print("    models and graph checks (QUIZ.load); 'render' the Markdown of every text and the template.")
    print(f"    For comparison, libyaml's bare parser (events only, no data) reads the 1,000-question file in {fast * 1000:.1f} ms "
          f"(libyaml available: {yaml.__with_libyaml__}).")
    print(f"    linear: time per question at 10,000 is {growth:.2f}x that at 1,000 "
          f"({'linear' if growth <= 1.25 else 'NOT linear'}, taken as at most 1.25x)")
    print(f"    goal: 1,000 questions read, checked and rendered in under 250 ms: "
          f"{'met' if mid[4] < 250 else 'MISSED'} ({mid[4]:,.0f} ms)")
    print(f"    goal: linear up to 10,000 questions: {'met' if growth <= 1.25 else 'MISSED'} "
          f"({big[4]:,.0f} ms for 10,000)")


def collector(repeat: int) -> None:
    print(f"\n(c) the garbage collector on and off around the work, alternated, median of {repeat} runs (ms of CPU time)")
    print("    questions   collector on (as the plugin runs)   off   per question on / off")
    found: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(Path(tmp))
        for n in (1_000, 10_000):
            text = generated(n)
            on: list[float] = []
            off: list[float] = []
            for _ in range(repeat):
                for times in (on, off):
                    was = gc.isenabled()
                    if times is off:
                        gc.disable()
                    try:
                        times.append(sum(site.run(text)[:3]) * 1000)
                    finally:
                        if was:
                            gc.enable()
            found[n] = (statistics.median(on), statistics.median(off))
            print(f"    {n:9,} {found[n][0]:35.1f} {found[n][1]:6.1f}   "
                  f"{found[n][0] / n * 1000:7.1f} / {found[n][1] / n * 1000:.1f} µs")
    on_1k, off_1k = found[1_000]
    print(f"    at 1,000 questions pausing the collector would save {on_1k - off_1k:.1f} ms ({(on_1k - off_1k) / on_1k:.0%}); "
          f"both {'within' if max(on_1k, off_1k) < 250 else 'OVER'} the 250 ms goal")
    growth_off = (found[10_000][1] / 10_000) / (off_1k / 1_000)
    print(f"    with the collector off, the time per question at 10,000 is {growth_off:.2f}x that at 1,000: "
          "what is not linear beyond that is the collector's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes()
    timings(args.repeat)
    collector(args.repeat)


if __name__ == "__main__":
    main()
