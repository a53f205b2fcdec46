"""What our components cost a reader while they use them, in Chromium with
the CPU slowed down 4 times (as in Lighthouse's mobile run), on a phone-sized
screen, with the site served by nginx and deploy/guide-site.conf.

A scripted reader:
- on the readiness quiz, answers every question: walks from the first
  question to an outcome, each time taking an answer that leads to a
  question not yet seen, and starts again until every question has been
  answered;
- on the writing page, types a 300-character draft into the checklist, one
  key at a time.

Measured in the page with the browser's own Event Timing (as INP measures
responsiveness): for every interaction, the time from the reader's input to
the next frame drawn after it has been handled. And the layout shifts after
the reader's first interaction: those the browser counts in CLS (not within
0.5 s of an input) and all of them.

Goals: the longest interaction at most 50 ms; no layout shift counted in
CLS after the first interaction. One run: the machine is shared, so the
figure is one reader's, printed with the load of the machine.

    .venv/bin/python benchmarks/bench_interaction.py [--against REV [--rounds 3]]

With --against, the scripts of the components as they were at a git revision
are measured in turn with the scripts as they are now, on the same built
site (the bundle file is swapped between readers), so that one run compares
the two on the same machine at the same moment. "CLS after" is then the
highest of the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lighthouse import _build  # noqa: E402
from nginx_server import ROOT, Nginx, free_port  # noqa: E402

SLOWDOWN = 4
GOAL_MS = 50
DRAFT = ("Hi Sam. I have been thinking about how things ended between us, and I am sorry for my part in it. "
         "I am not writing to ask for anything or to go over the past again. I hope work is going well and "
         "that your sister's new job is fun. No pressure to reply at all. Take good care of yourself, and "
         "thanks for reading.")[:300]
assert len(DRAFT) == 300

OBSERVE = """
window.__timing = {events: [], shifts: [], firstInput: null};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.interactionId) window.__timing.events.push({name: e.name, duration: e.duration, start: e.startTime,
      id: e.interactionId, handling: e.processingEnd - e.processingStart, delay: e.processingStart - e.startTime});
  }
}).observe({type: "event", durationThreshold: 16, buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    window.__timing.shifts.push({value: e.value, start: e.startTime, recent: e.hadRecentInput});
  }
}).observe({type: "layout-shift", buffered: true});
window.__timing.scripts = [];
new PerformanceObserver((list) => {
  for (const f of list.getEntries()) {
    for (const s of f.scripts) window.__timing.scripts.push({src: s.sourceURL, start: s.startTime, duration: s.duration,
      layout: s.forcedStyleAndLayoutDuration});
  }
}).observe({type: "long-animation-frame", buffered: true});
"""


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)  # Lighthouse's mobile screen
    context.add_init_script(OBSERVE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    page.set_default_timeout(60_000)
    page.goto(url, wait_until="load")
    return context, page


def _distance_to_unseen(graph: dict[str, list[str]], start: str, seen: set[str]) -> float:
    """Steps from ``start`` to the nearest question not yet seen."""
    frontier, steps, visited = [start], 0, {start}
    while frontier:
        if any(n not in seen for n in frontier):
            return steps
        frontier = [t for n in frontier for t in graph.get(n, []) if t in graph and t not in visited]
        visited.update(frontier)
        steps += 1
    return float("inf")


def answer_every_question(page) -> int:
    """Walk the quiz until every question has been answered, each walk
    heading for the nearest question not yet seen; return the number of
    answers given."""
    quiz = page.locator("[data-quiz]").first
    graph = {n: t for n, t in quiz.locator("[data-quiz-node]").evaluate_all(
        "els => els.map(e => [e.dataset.quizNode, [...e.querySelectorAll('[data-quiz-option]')].map(o => o.dataset.quizOption)])")}
    first = next(iter(graph))
    seen: set[str] = set()
    answers = 0
    for _walk in range(2 * len(graph)):
        for _step in range(len(graph) + 1):
            shown = quiz.locator("[data-quiz-node]:visible")
            if shown.count() == 0:
                break  # an outcome
            node = shown.first.get_attribute("data-quiz-node")
            seen.add(node)
            targets = graph[node]
            choice = min(range(len(targets)), key=lambda i: _distance_to_unseen(graph, targets[i], seen)
                         if targets[i] in graph else float("inf"))
            shown.first.locator("[data-quiz-option]").nth(choice).click()
            answers += 1
            page.wait_for_function("(n) => !document.querySelector(`[data-quiz-node='${n}']`).checkVisibility()", arg=node)
        if seen == set(graph):
            return answers
        quiz.locator("[data-quiz-restart]:visible").first.click()
        page.wait_for_function("(n) => document.querySelector(`[data-quiz-node='${n}']`).checkVisibility()", arg=first)
    raise SystemExit(f"bench_interaction: the quiz walk missed {sorted(set(graph) - seen)}")


def type_a_draft(page) -> int:
    box = page.locator("[data-checklist] textarea").first
    box.press_sequentially(DRAFT, delay=40)
    page.wait_for_function("(n) => document.querySelector('[data-checklist] textarea').value.length === n",
                           arg=len(DRAFT))
    return len(DRAFT)


def _owner(src: str) -> str | None:
    """Whose script a URL is: ours (the components' bundle) or Material's."""
    name = src.rsplit("/", 1)[-1]
    if name.startswith("guidekit."):
        return "ours"
    if "/assets/javascripts/" in src or name.startswith("material-"):
        return "material"
    return None


def measure(browser, url: str, act) -> dict:
    context, page = open_page(browser, url)
    start = page.evaluate("performance.now()")
    done = act(page)
    # the last interaction's entry arrives with the frame after it: wait for two frames
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    timing = page.evaluate("window.__timing")
    context.close()
    by_interaction: dict[int, float] = {}
    for e in timing["events"]:
        by_interaction[e["id"]] = max(by_interaction.get(e["id"], 0), e["duration"])
    handling: dict[int, float] = {}
    for e in timing["events"]:
        handling[e["id"]] = handling.get(e["id"], 0) + e["handling"]
    durations = sorted(by_interaction.values())
    longest = max(timing["events"], key=lambda e: e["duration"], default=None)
    # whose scripts ran during each interaction (from its input to the next
    # frame): the browser names each script of a long animation frame
    spans: dict[int, list[float]] = {}
    for e in timing["events"]:
        lo, hi = spans.get(e["id"], [e["start"], e["start"]])
        spans[e["id"]] = [min(lo, e["start"]), max(hi, e["start"] + e["duration"])]
    share: dict[int, dict[str, float]] = {}
    for i, (lo, hi) in spans.items():
        share[i] = {"ours": 0.0, "material": 0.0}
        for x in timing["scripts"]:
            if x["start"] < hi and x["start"] + x["duration"] > lo:
                owner = _owner(x["src"])
                if owner:
                    share[i][owner] += x["duration"]
    worst = max(by_interaction, key=lambda i: by_interaction[i], default=None)
    after = [s for s in timing["shifts"] if s["start"] >= start]
    return {
        "actions": done,
        "interactions": len(durations),
        "longest": durations[-1] if durations else 0.0,
        "longest event": longest,
        "median": statistics.median(durations) if durations else 0.0,
        "handling": max(handling.values(), default=0.0),
        "ours": max((v["ours"] for v in share.values()), default=0.0),
        "material": max((v["material"] for v in share.values()), default=0.0),
        "longest split": share.get(worst, {"ours": 0.0, "material": 0.0}) if worst is not None else None,
        "cls after": sum(s["value"] for s in after if not s["recent"]),
        "all shift after": sum(s["value"] for s in after),
    }


def _bundle_at(rev: str, bundle: str) -> str:
    """The components' script bundle as the build makes it, from the scripts
    as they were at git revision ``rev`` (same files, same order)."""
    import rjsmin

    files = [p for p in sorted((ROOT / "plugins" / "guidekit").rglob("*.js"))]
    placed = sorted((bundle.find(rjsmin.jsmin(p.read_text("utf-8")).strip()), p) for p in files)
    old = []
    for at, path in placed:
        if at < 0:
            raise SystemExit(f"bench_interaction: {path} is not in the built bundle as it is now")
        rel = path.relative_to(ROOT).as_posix()
        text = subprocess.run(["git", "show", f"{rev}:{rel}"], cwd=ROOT, capture_output=True, text=True)
        if text.returncode:
            raise SystemExit(f"bench_interaction: git show {rev}:{rel}: {text.stderr.strip()}: name a commit "
                             f"that has the components' scripts, as in --against HEAD~1")
        old.append(rjsmin.jsmin(text.stdout).strip())
    return "\n".join(old) + "\n"


READERS = {
    "readiness quiz: answer every question": ("/readiness-quiz/", answer_every_question),
    "checklist: type a 300-character draft": ("/writing/", type_a_draft),
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV",
                        help="also measure the components' scripts of this git revision, in turn with the "
                             "scripts as they are now, on the same site")
    parser.add_argument("--rounds", type=int, default=3, help="with --against: readers per side (default 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        _build(tmp / "site", f"http://127.0.0.1:{port}/")
        script = next((tmp / "site" / "assets" / "guidekit").glob("guidekit.*.js"))
        sides = {"now": script.read_text("utf-8")}
        if args.against:
            sides[args.against] = _bundle_at(args.against, sides["now"])
        rounds = args.rounds if args.against else 1
        runs: dict[str, dict[str, list[dict]]] = {side: {label: [] for label in READERS} for side in sides}
        with Nginx(tmp / "site", tmp / "nginx", port) as server, sync_playwright() as p:
            exe = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
            order = list(sides)
            for n in range(rounds):
                for label, (path, act) in READERS.items():
                    for side in order if n % 2 == 0 else order[::-1]:  # A B, then B A
                        script.write_text(sides[side], "utf-8")  # the same address: the page is unchanged
                        runs[side][label].append(measure(browser, server.url.rstrip("/") + path, act))
            version = browser.version
            browser.close()
    load = os.getloadavg()[0]
    print(f"Chromium {version}, CPU slowed down {SLOWDOWN}x, 412x823 touch screen; load average {load:.1f} at the end")
    print("Event Timing per interaction (input to the next frame), ms; entries shorter than 16 ms are not reported")
    print("by the browser, so an interaction may count as under 16 ms.")
    if rounds > 1:
        print(f"Each figure is the median of {rounds} readers per side, measured in turn (A B, B A, ...).")
    print(f"   {'scripted reader':40} {'scripts':>8} {'actions':>8} {'slow ones':>10} {'median':>7} {'longest':>8}"
          f" {'handlers':>9} {'ours':>6} {'Material':>9} {'CLS after':>10} {'all shift':>10}")
    results: dict[str, dict] = {}
    for label in READERS:
        for side in sides:
            done = sorted(runs[side][label], key=lambda x: x["longest"])
            # the medians; the longest interaction described is the median reader's
            r = {k: statistics.median(x[k] for x in done) if isinstance(v, (int, float)) else v
                 for k, v in done[len(done) // 2].items()}
            r["cls after"] = max(x["cls after"] for x in runs[side][label])
            if side == "now":
                results[label] = r
            print(f"   {label:40} {side:>8} {r['actions']:8.0f} {r['interactions']:10.0f} {r['median']:7.0f}"
                  f" {r['longest']:8.0f} {r['handling']:9.0f} {r['ours']:6.0f} {r['material']:9.0f}"
                  f" {r['cls after']:10.3f} {r['all shift after']:10.3f}")
    print("   'slow ones': interactions of 16 ms or more; 'handlers': the longest time the page's event handlers")
    print("   (the components' among them) took for one interaction; the rest of an interaction is the input")
    print("   waiting for the main thread, and drawing the next frame. 'ours' and 'Material': the most time")
    print("   the components' script, and Material's scripts, ran during one interaction (input to next frame),")
    print("   as the browser attributes it in long animation frames (frames over 50 ms, scripts over 5 ms).")
    for label, r in results.items():
        e = r["longest event"]
        if e:
            split = r["longest split"] or {"ours": 0.0, "material": 0.0}
            print(f"   {label}: longest was a '{e['name']}' event: input delay {e['delay']:.0f} ms, "
                  f"handling {e['handling']:.0f} ms, the rest until the next frame; in that interaction "
                  f"our script ran {split['ours']:.0f} ms, Material's {split['material']:.0f} ms")
        print(f"   {label}: longest interaction at most {GOAL_MS} ms: "
              f"{'met' if r['longest'] <= GOAL_MS else 'MISSED'} ({r['longest']:.0f} ms; our script at most "
              f"{r['ours']:.0f} ms of one interaction); "
              f"layout shift after interaction 0: {'met' if r['cls after'] == 0 else 'MISSED'} ({r['cls after']:.3f})")


if __name__ == "__main__":
    main()
