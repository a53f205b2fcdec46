"""The checks of a checklist run in Python, step for step as checklist.js
runs them in the browser: the same compiled rules (``compiled``, shipped to
the page as JSON), the same tokens, sentences, sign-offs, exceptions and
quotes. The tests compare the two on a labelled corpus of drafts, and
benchmarks/bench_accuracy.py measures the checklist with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .compile import ENDS, FORMS, GAP, compile_phrases, is_cjk, prepare, tokens, _SPACE

SIGNOFF_WORDS = 5  # a last line of up to this many words, without "?", is a sign-off
# Words of a sentence: each word of a script written with spaces counts
# WEIGHT, each character of CJK_RANGES CJK_WEIGHT, and the sum divided by
# WEIGHT, rounded up, is the sentence's words: five Chinese or Japanese
# characters count as three words, close to what word segmentation finds in
# prose (about 1.7 characters a word). checklist.js counts the same way.
WEIGHT, CJK_WEIGHT = 5, 3


def _condition(source: Any, phrases: list[str], gap: int) -> dict[str, Any]:
    c: dict[str, Any] = {"p": compile_phrases(phrases, gap)}
    unless = getattr(source, "unless", None)
    if unless:
        c["u"] = compile_phrases(unless, gap)
        c["w"] = source.window
    if getattr(source, "quotes", "count") == "ignore":
        c["q"] = 1
    within = getattr(source, "within", "message")
    if within != "message":
        c["in"] = within
        if within == "last-sentence":
            c["n"] = source.last
    return c


def compiled(rule) -> dict[str, Any]:
    """A rule as the script reads it (data-rule): ``m`` the conditions, each
    ``p`` pattern, ``u`` exceptions within ``w`` tokens, ``q`` quotes
    ignored, ``in`` scope (``n`` last sentences), ``x`` matches that are
    fine (avoid)."""
    gap = getattr(rule, "gap", GAP)
    out: dict[str, Any] = {"kind": rule.kind}
    if rule.kind == "conflict":
        out["m"] = [_condition(rule, rule.one, gap), _condition(rule, rule.other, gap)]
    elif rule.kind in ("require", "avoid") and rule.any:
        out["m"] = [_condition(c, c.phrases, getattr(c, "gap", gap)) for c in rule.any]
        for c, source in zip(out["m"], rule.any):
            if getattr(source, "max", 0):
                c["x"] = source.max
        if rule.phrases:
            out["m"].insert(0, _condition(rule, rule.phrases, gap))
    elif getattr(rule, "phrases", None):
        out["m"] = [_condition(rule, rule.phrases, gap)]
    for key in ("min", "max", "share", "letters"):
        value = getattr(rule, key, None)
        if value is not None:
            out[key] = value
    if getattr(rule, "per", "message") != "message":
        out["per"] = rule.per
    return out


def config(signoffs: list[str] | None, signoff_words: int = SIGNOFF_WORDS) -> dict[str, Any]:
    """What the script needs for the whole checklist (data-checklist-config)."""
    out: dict[str, Any] = {"forms": FORMS, "sw": signoff_words}
    if signoffs:
        out["s"] = compile_phrases(signoffs)
    return out


@dataclass
class Draft:
    low: str
    toks: list = field(default_factory=list)  # [start, end, sentence, quoted]
    text: str = " "
    at: dict = field(default_factory=dict)  # character position in text -> token index
    sentences: list = field(default_factory=list)  # [first token, last token, words, first line, last line, asks]
    kept: int = 0  # sentences before the sign-offs


def read(text: str, conf: dict[str, Any]) -> Draft:
    low = prepare(text)
    d = Draft(low)
    forms = conf["forms"]
    sent, line, pend, quoted = -1, 0, True, False
    for tok, start, end in tokens(low):
        if tok == "\n":
            line += 1
            pend, quoted = True, False
            continue
        word = unicodedata.category(tok[0])[0] in "LMN"
        if word and pend or sent < 0:
            sent += 1
            pend = False
            d.sentences.append([len(d.toks), 0, 0, line, line, False])
        s = d.sentences[sent]
        if word:
            s[2] += CJK_WEIGHT if is_cjk(tok[0]) else WEIGHT
        if tok in ENDS:
            pend = True
        if tok == "?":
            s[5] = True
        q = quoted
        if tok == '"':
            quoted = not quoted
        for w in forms.get(tok, tok).split(" "):
            d.at[len(d.text)] = len(d.toks)
            d.text += w + " "
            d.toks.append((start, end, sent, q))
        s[1] = len(d.toks) - 1
        s[4] = line
    d.sentences = [s for s in d.sentences if s[2]]
    for s in d.sentences:
        s[2] = -(-s[2] // WEIGHT)
    d.kept = len(d.sentences)
    if d.sentences:
        _signoffs(d, conf)
    return d


def _signoffs(d: Draft, conf: dict[str, Any]) -> None:
    starts = {a for a, _ in _spans(d, conf["s"])} if "s" in conf else set()
    n = len(d.sentences)
    while d.kept > 1:
        s = d.sentences[d.kept - 1]
        alone = d.sentences[d.kept - 2][4] < s[3] and (d.kept == n or d.sentences[d.kept][3] > s[4])
        if s[5] or not ((s[0] in starts and s[2] <= conf["sw"] + 3) or (alone and s[2] <= conf["sw"])):
            break
        d.kept -= 1


def _spans(d: Draft, pattern: str) -> list[tuple[int, int]]:
    """(first, last) token index of each match."""
    out = []
    for m in re.finditer(pattern, d.text):
        end = m.end() + 1
        out.append((d.at[m.start() + 1], d.at.get(end, len(d.toks)) - 1))
    return out


def find(d: Draft, c: dict[str, Any]) -> list[tuple[int, int]]:
    """The matches of one condition, after scope, quotes and exceptions."""
    found = _spans(d, c["p"])
    if c.get("in") == "last-sentence":
        last = d.sentences[max(0, d.kept - c["n"]):d.kept]
        lo, hi = (last[0][0], last[-1][1]) if last else (1, 0)
        found = [m for m in found if lo <= m[0] <= hi]
    if c.get("q"):
        found = [m for m in found if not d.toks[m[0]][3]]
    if "u" in c and found:
        unless = _spans(d, c["u"])
        found = [m for m in found if not any(
            d.toks[u[0]][2] == d.toks[m[0]][2] and u[0] <= m[1] and u[1] >= m[0] - c["w"]
            and (u[0] < m[0] or u[1] > m[1]) for u in unless)]
    return found


def shown(d: Draft, span: tuple[int, int]) -> str:
    """The words of a match as the reader wrote them (normalised)."""
    return _SPACE.sub(" ", d.low[d.toks[span[0]][0]:d.toks[span[1]][1]]).strip(" ")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _caps(text: str, rule: dict[str, Any]) -> bool:
    for part in re.split(r"[.!?\u2026\n]+", unicodedata.normalize("NFC", text)):
        upper = sum(1 for ch in part if unicodedata.category(ch) == "Lu")
        if upper < rule["share"] * rule["letters"]:
            continue  # too few capitals to be shouting, as in checklist.js
        cased = upper + sum(1 for ch in part if unicodedata.category(ch) == "Ll")
        if cased >= rule["letters"] and upper >= rule["share"] * cased:
            return True
    return False


def evaluate(rules: list[tuple[str, dict[str, Any]]], conf: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """[{id, state, found, key, ...}] for each (id, compiled rule), as
    guidekit.checklist.evaluate returns them in the browser."""
    d = read(text, conf)
    out = []
    for ident, r in rules:
        res: dict[str, Any] = {"id": ident, "state": "idle", "key": "", "found": []}
        out.append(res)
        if not d.sentences and not d.toks:
            continue
        kind, ok = r["kind"], True
        lo, hi = r.get("min", 0), r.get("max", float("inf"))
        if kind == "avoid":
            for c in r["m"]:
                found = find(d, c)
                if len(found) > c.get("x", 0):
                    res["found"] += [shown(d, m) for m in found]
            res["found"] = _unique(res["found"])
            ok = not res["found"]
        elif kind == "require":
            ok = any(find(d, c) for c in r["m"])
        elif kind == "conflict":
            one, other = find(d, r["m"][0]), find(d, r["m"][1])
            res["found"] = _unique([shown(d, m) for m in one])
            res["other"] = _unique([shown(d, m) for m in other])
            ok = not (one and other)
        elif kind == "repeat":
            tally: dict[str, int] = {}
            for m in find(d, r["m"][0]):
                tally[shown(d, m)] = tally.get(shown(d, m), 0) + 1
            res["found"] = [p for p in tally if tally[p] > r["max"]]
            ok = not res["found"]
        elif kind == "shout":
            ok = not _caps(text, r)
            res["key"] = "high"
        else:
            if kind == "count":
                n = len(find(d, r["m"][0]))
            else:
                counts = [s[2] for s in d.sentences] or [0]
                if r.get("per") != "sentence":
                    counts = [sum(counts)]
                n = max(counts)
                if n <= hi:
                    n = min(counts)
            res["count"] = n
            ok = lo <= n <= hi
            res["key"] = "low" if n < lo else "high"
        res["state"] = "met" if ok else "unmet"
        if ok:
            res["key"] = ""
        elif res["found"]:
            res["key"] = "|".join(res["found"] + res.get("other", []))
    return out
