"""Checks of a checklist that span several keys: ids, rule or manual, min and
max, phrases that normalise to the same thing.

Like the quiz's graph checks they work on the loaded YAML itself, skipping
whatever has the wrong type (the model reports that), so an author sees all
the problems of a file at once.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.problems import Problems, clip
from ..core.yamlfile import Loaded
from .compile import PhraseError, compile_phrase, normalise
from .model import ID_PATTERN, ID_RULE, Avoid, Require

_ID = re.compile(ID_PATTERN)
PHRASE_LISTS = ("phrases", "one", "other", "unless")
# the keys of the rules that need "phrases", "any" or both
KEYS = {"avoid": set(Avoid.model_fields), "require": set(Require.model_fields)}


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check_checklist(loaded: Loaded, problems: Problems) -> None:
    """Add every cross-key problem of ``loaded`` (a checklist file) to ``problems``."""
    data = loaded.data
    if isinstance(data, dict) and isinstance(data.get("signoffs"), list):
        _check_phrases(loaded, ("signoffs",), data["signoffs"], "signoffs", 3, problems)
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, list):
        return
    ids: dict[str, int] = {}
    for i, check in enumerate(checks):
        if not isinstance(check, dict):
            continue
        where = ("checks", i)
        ident = check.get("id")
        name = f"check '{clip(ident)}'" if isinstance(ident, str) and ident.strip() else f"check {i + 1}"
        if isinstance(ident, str) and ident.strip():
            ident = ident.strip()
            line = loaded.line_of(where + ("id",))
            if not _ID.match(ident):
                problems.error(line, f"check id '{clip(ident)}': ids {ID_RULE}")
            if ident in ids:
                problems.error(line, f"duplicate check id '{clip(ident)}' (first on line {ids[ident]}): ids must be unique within a checklist")
            else:
                ids[ident] = line
        rule = check.get("rule")
        manual = check.get("manual")
        if rule is not None and manual is True:
            problems.error(loaded.key_line(where + ("manual",)),
                           f"{name} has both a rule and 'manual: true': keep one")
        elif rule is None and (manual is None or manual is False):
            problems.error(loaded.line_of(where),
                           f"{name} needs a 'rule' (checked as the reader types) or 'manual: true' (the reader ticks it)")
        if isinstance(rule, dict):
            _check_rule(loaded, where + ("rule",), rule, name, problems)


def _check_rule(loaded: Loaded, where: tuple, rule: dict, name: str, problems: Problems) -> None:
    kind = rule.get("kind")
    low, high = _number(rule.get("min")), _number(rule.get("max"))
    if kind in ("count", "length"):
        if "min" not in rule and "max" not in rule:
            problems.error(loaded.line_of(where), f"{name}: a {kind} rule needs 'min', 'max' or both")
        if low is not None and high is not None and low > high:
            problems.error(loaded.line_of(where + ("max",)),
                           f"{name}: 'min' ({low}) is greater than 'max' ({high}): no draft could pass; swap or fix them")
    # (a misspelt key, such as 'phrase', has its own message)
    known = isinstance(kind, str) and kind in KEYS and all(k in KEYS[kind] for k in rule if isinstance(k, str))
    if known and "phrases" not in rule and "any" not in rule:
        article = "an" if kind == "avoid" else "a"
        problems.error(loaded.line_of(where), f"{name}: {article} {kind} rule needs 'phrases', 'any' or both")
    if kind in ("require", "avoid") and isinstance(rule.get("any"), list):
        for k, cond in enumerate(rule["any"]):
            if isinstance(cond, dict):
                _check_phrase_lists(loaded, where + ("any", k), cond, name, problems)
    if kind == "length" and high == 0:
        problems.error(loaded.line_of(where + ("max",)), f"{name}: 'max' of 0 words would fail every draft")
    _check_phrase_lists(loaded, where, rule, name, problems)
    # phrases that normalise to the same thing: the second adds nothing
    seen_in_rule: dict[str, tuple[str, int]] = {}
    for key in PHRASE_LISTS:
        phrases = rule.get(key)
        if not isinstance(phrases, list):
            continue
        seen: dict[str, int] = {}
        forms: dict[str, int] = {}
        for j, phrase in enumerate(phrases):
            if not isinstance(phrase, str) or not phrase.strip():
                continue
            norm = normalise(phrase)
            line = loaded.line_of(where + (key, j))
            if norm in seen:
                problems.warn(line, f"{name}: '{clip(phrase.strip())}' is the same as '{clip(phrases[seen[norm]].strip())}' "
                                    f"once case, apostrophes and spaces are set aside (line {loaded.line_of(where + (key, seen[norm]))}); remove one")
                continue
            seen[norm] = j
            form = _form(phrase, _gap(rule))
            if form is not None and form in forms:
                first = forms[form]
                problems.warn(line, f"{name}: '{phrase.strip()}' is the same as '{phrases[first].strip()}' "
                                    f"once the forms of words are set aside ('you've' is 'you have'; "
                                    f"line {loaded.line_of(where + (key, first))}); remove one")
                continue
            if form is not None:
                forms[form] = j
            if kind == "conflict" and norm in seen_in_rule and seen_in_rule[norm][0] != key:
                problems.error(line, f"{name}: '{clip(phrase.strip())}' is in both 'one' and 'other' "
                                     f"(line {seen_in_rule[norm][1]}): it would always conflict with itself; remove one")
            seen_in_rule.setdefault(norm, (key, line))


def _form(phrase: str, gap: int) -> str | None:
    """The compiled pattern of a phrase, or None when it has an error (reported elsewhere)."""
    try:
        return compile_phrase(phrase, gap)[0]
    except PhraseError:
        return None


def _gap(rule: dict) -> int:
    gap = _number(rule.get("gap"))
    return gap if gap is not None and 1 <= gap <= 10 else 3


def _check_phrase_lists(loaded: Loaded, where: tuple, rule: dict, name: str, problems: Problems) -> None:
    for key in PHRASE_LISTS:
        if isinstance(rule.get(key), list):
            _check_phrases(loaded, where + (key,), rule[key], name, _gap(rule), problems)


def _check_phrases(loaded: Loaded, where: tuple, phrases: list, name: str, gap: int, problems: Problems) -> None:
    """Each phrase must compile: '...' between words, something not optional."""
    for j, phrase in enumerate(phrases):
        if isinstance(phrase, str) and normalise(phrase):
            try:
                compile_phrase(phrase, gap)
            except PhraseError as e:
                problems.error(loaded.line_of(where + (j,)), f"{name}: phrase '{phrase.strip()}': {e}")
