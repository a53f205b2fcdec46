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

    .venv/bin/python benchmarks/bench_interaction.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lighthouse import _build  # noqa: E402
from nginx_server import Nginx, free_port  # noqa: E402

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
    after = [s for s in timing["shifts"] if s["start"] >= start]
    return {
        "actions": done,
        "interactions": len(durations),
        "longest": durations[-1] if durations else 0.0,
        "longest event": longest,
        "median": statistics.median(durations) if durations else 0.0,
        "handling": max(handling.values(), default=0.0),
        "cls after": sum(s["value"] for s in after if not s["recent"]),
        "all shift after": sum(s["value"] for s in after),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        _build(tmp / "site", f"http://127.0.0.1:{port}/")
        with Nginx(tmp / "site", tmp / "nginx", port) as server, sync_playwright() as p:
            exe = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
            results = {
                "readiness quiz: answer every question": measure(browser, server.url.rstrip("/") + "/readiness-quiz/", answer_every_question),
                "checklist: type a 300-character draft": measure(browser, server.url.rstrip("/") + "/writing/", type_a_draft),
            }
            version = browser.version
            browser.close()
    load = os.getloadavg()[0]
    print(f"Chromium {version}, CPU slowed down {SLOWDOWN}x, 412x823 touch screen; load average {load:.1f} at the end")
    print("Event Timing per interaction (input to the next frame), ms; entries shorter than 16 ms are not reported")
    print("by the browser, so an interaction may count as under 16 ms.")
    print(f"   {'scripted reader':40} {'actions':>8} {'slow ones':>10} {'median':>7} {'longest':>8}"
          f" {'handlers':>9} {'CLS after':>10} {'all shift':>10}")
    for label, r in results.items():
        print(f"   {label:40} {r['actions']:8} {r['interactions']:10} {r['median']:7.0f} {r['longest']:8.0f}"
              f" {r['handling']:9.0f} {r['cls after']:10.3f} {r['all shift after']:10.3f}")
    print("   'slow ones': interactions of 16 ms or more; 'handlers': the longest time the page's event handlers")
    print("   (the components' among them) took for one interaction; the rest of an interaction is the input")
    print("   waiting for the main thread, and drawing the next frame.")
    for label, r in results.items():
        e = r["longest event"]
        if e:
            print(f"   {label}: longest was a '{e['name']}' event: input delay {e['delay']:.0f} ms, "
                  f"handling {e['handling']:.0f} ms, the rest until the next frame")
        print(f"   {label}: longest interaction at most {GOAL_MS} ms: "
              f"{'met' if r['longest'] <= GOAL_MS else 'MISSED'} ({r['longest']:.0f} ms); "
              f"layout shift after interaction 0: {'met' if r['cls after'] == 0 else 'MISSED'} ({r['cls after']:.3f})")


if __name__ == "__main__":
    main()
