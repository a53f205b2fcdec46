"""Accuracy of the first-message checklist on the labelled drafts in
tests/data/first-messages-*.yml (measured, and checked against targets).

Each draft is labelled with the automatic checks a careful reader of the
guide would expect to be raised. The checks are run in Python
(guidekit.checklist.evaluate, which the tests hold to the same results as
the browser). For each check, and over all checks: true positives (raised
and expected), false positives (raised, not expected), misses (expected,
not raised), precision and recall; then every error, with its draft.

The drafts come in two sets.

- The development set (parts 1 to 12) is the one the rules were written and
  revised against; the targets apply to it: precision at least 0.95 for every
  automatic check, recall at least 0.85 over all checks (the exit status is 1
  when a target is not met). Parts 4, 5 and 7 to 12 were each held out at first
  and measured once as they were (those first figures are on
  docs/accuracy.md); the rules were then widened for what they showed, so
  they are development data now and their figures today say nothing about
  unseen drafts. Parts 5 and 7 to 12 are still printed on their own, for that
  history.
- The held-out set (HELD_OUT: part 13) is written from the guide's advice and
  the checks' labels alone, without the phrase lists or the other parts, and
  the rules are never changed to fit it. It is only measured, and no target
  applies: it is the honest estimate of how the checklist does on drafts it
  has never seen. When a rule is changed for what it shows, it joins the
  development set and a new unseen part is needed.

    .venv/bin/python benchmarks/bench_accuracy.py [--hard] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from guidekit.checklist.evaluate import evaluate  # noqa: E402
from guidekit.guide import checklist_rules as load  # noqa: E402

CHECKLIST = ROOT / "content" / "checklists" / "first-message.yml"
PRECISION, RECALL = 0.95, 0.85
# Never used to write or tune the rules: the unseen measure.
HELD_OUT = {"first-messages-13.yml"}
# First held out, then used to widen the rules: development data now.
WIDENED = {f"first-messages-{n}.yml" for n in (5, 7, 8, 9, 10, 11, 12)}


def corpus() -> list[dict]:
    drafts = []
    for path in sorted((ROOT / "tests" / "data").glob("first-messages-*.yml")):
        for i, item in enumerate(yaml.safe_load(path.read_text("utf-8"))):
            drafts.append({**item, "where": f"{path.name}#{i + 1}", "held_out": path.name in HELD_OUT})
    return drafts


def measure(drafts: list[dict]) -> tuple[dict, list]:
    rules, conf = load(CHECKLIST)
    ids = [ident for ident, _ in rules]
    counts = {ident: {"tp": 0, "fp": 0, "fn": 0} for ident in ids}
    errors = []
    for d in drafts:
        unknown = set(d["expect"]) - set(ids)
        if unknown:
            raise SystemExit(f"{d['where']}: unknown check {sorted(unknown)}")
        raised = {r["id"]: r for r in evaluate(rules, conf, d["text"]) if r["state"] == "unmet"}
        for ident in ids:
            want, got = ident in d["expect"], ident in raised
            if want and got:
                counts[ident]["tp"] += 1
            elif got:
                counts[ident]["fp"] += 1
                errors.append(("false alarm", ident, d, raised[ident]["found"]))
            elif want:
                counts[ident]["fn"] += 1
                errors.append(("miss", ident, d, []))
    return counts, errors


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(title: str, drafts: list[dict], targets: bool, quiet: bool) -> bool:
    counts, errors = measure(drafts)
    print(f"{title}: {len(drafts)} drafts ({sum(1 for d in drafts if d.get('hard'))} hard), "
          f"{sum(len(d['expect']) for d in drafts)} expected findings\n")
    print(f"{'check':22} {'TP':>4} {'FP':>4} {'miss':>4} {'precision':>9} {'recall':>7}")
    ok = True
    total = {"tp": 0, "fp": 0, "fn": 0}
    for ident, c in counts.items():
        p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
        flag = "" if p >= PRECISION or not targets else "  < precision target"
        ok &= p >= PRECISION
        print(f"{ident:22} {c['tp']:4} {c['fp']:4} {c['fn']:4} {p:9.3f} {r:7.3f}{flag}")
        for k in total:
            total[k] += c[k]
    p = ratio(total["tp"], total["tp"] + total["fp"])
    r = ratio(total["tp"], total["tp"] + total["fn"])
    ok &= r >= RECALL
    print(f"{'overall':22} {total['tp']:4} {total['fp']:4} {total['fn']:4} {p:9.3f} {r:7.3f}"
          f"{'' if r >= RECALL or not targets else '  < recall target'}")
    if targets:
        print(f"\ntargets: precision >= {PRECISION} for every check, overall recall >= {RECALL}: "
              f"{'met' if ok else 'NOT met'}")
    if not quiet:
        print(f"\n{len(errors)} errors:")
        for what, ident, d, found in errors:
            extra = f" (found: {', '.join(found)})" if found else ""
            print(f"- {what}: {ident}{extra}, {d['where']}: {d['text']!r}")
    print()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hard", action="store_true", help="only the drafts marked hard")
    parser.add_argument("--quiet", action="store_true", help="figures only, not the list of errors")
    args = parser.parse_args()
    drafts = [d for d in corpus() if d.get("hard") or not args.hard]
    ok = report("development set, parts 1 to 12 (the rules were written and widened against it; targets apply)",
                [d for d in drafts if not d["held_out"]], True, args.quiet)
    report("parts 5 and 7 to 12 (first held out, then used to widen the rules: development data now, "
           "not an unseen measure)",
           [d for d in drafts if d["where"].split("#")[0] in WIDENED], False, True)
    held_out = [d for d in drafts if d["held_out"]]
    if held_out:
        report("held-out set (unseen: never used to write or tune the rules; measured only, no target)",
               held_out, False, args.quiet)
    else:
        print("no held-out set today: every part has been used to widen the rules; the latest unseen figures\n"
              "are the last part's first measure (docs/accuracy.md). Write a new part to measure them again.\n")
    report("all drafts", drafts, False, True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
