"""Check author data against pydantic models, reporting ``path:line`` problems.

The models of each component are the single source of truth for its file
format: the build validates with them and the JSON Schemas for editors are
generated from them.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .problems import Problems, clip, did_you_mean
from .yamlfile import Loaded

# Ids (of data files, questions, outcomes, checks) end up in element ids and
# addresses: one pattern for all of them, with single hyphens only, so that
# the build can join two ids with "--" without two joins ever clashing.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RULE = "use lowercase letters, digits and single hyphens, starting and ending with a letter or digit"
ID = re.compile(ID_PATTERN)


def id_schema(rule: str) -> dict:
    """``json_schema_extra`` for an id: the pattern, and the message editors show."""
    return {"pattern": ID_PATTERN, "patternErrorMessage": f"Ids {rule}."}

M = TypeVar("M", bound=BaseModel)


# For ``json_schema_extra`` of a text that must not be empty: in JSON Schema,
# what ``StringConstraints(strip_whitespace=True, min_length=1)`` means (not
# empty, not only spaces). ``patternErrorMessage`` is what editors using
# yaml-language-server say when the pattern fails. Schema only: the model's
# own constraints do the validating.
NOT_BLANK = {"pattern": r"\S", "patternErrorMessage": "Write some text here, not only spaces."}


class Strict(BaseModel):
    """Base for author-facing models: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


def all_field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every key any model reachable from ``model`` accepts (for did-you-mean)."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for sub in _models_in(field.annotation):
            names |= all_field_names(sub, seen)
    return names


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        for arg in getattr(origin, "__args__", ()) or ():
            yield from _models_in(arg)


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads an unquoted true or false this way: put the text in quotes)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{clip(value, 40)}'"


# pydantic's bounds on numbers: the bound's name and how to say it
_BOUNDS = {
    "greater_than_equal": ("ge", "{} or more"),
    "greater_than": ("gt", "more than {}"),
    "less_than_equal": ("le", "at most {}"),
    "less_than": ("lt", "less than {}"),
}


def validate(model: type[M], loaded: Loaded, problems: Problems) -> M | None:
    """Validate ``loaded.data`` with ``model``; on failure add every problem."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        known = all_field_names(model)
        errors = exc.errors(include_url=False)
        # "unknown key 'titel' (did you mean 'title'?)" says it all: drop the
        # "missing required key 'title'" beside it
        misspelt = {(tuple(e["loc"][:-1]), _suggest(e["loc"][-1], known)) for e in errors if e["type"] == "extra_forbidden"}
        errors = [e for e in errors if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), f" (did you mean '{e['loc'][-1]}'?)") in misspelt)]
        for err in errors:
            loc = tuple(err["loc"])
            key = next((p for p in reversed(loc) if isinstance(p, str) and p in _keys_on_path(loaded.data, loc)), None)
            name = f"'{clip(key, 40)}'" if key else "the file"  # a key may hold a line break
            kind = err["type"]
            line = loaded.line_of(loc)
            column = -1  # the value's column, found below unless the message is about a key
            if kind == "missing":
                line, column = loaded.line_of(loc[:-1]), 0
                where = _where(loc[:-1])
                message = f"missing required key '{loc[-1]}'{where}"
            elif kind == "extra_forbidden":
                line = loaded.key_line(loc)
                column = loaded.column_of(line, loc[-1])
                if loc[-1] not in known:
                    message = f"unknown key '{clip(loc[-1], 40)}'{did_you_mean(loc[-1], known)}"
                elif owner := _union_owner(loaded.data, loc):  # a key of another kind of rule
                    message = f"unknown key '{loc[-1]}' for this kind of {owner}"
                else:  # a key of the format, in the wrong place
                    where = _where(loc[:-1]) or " at the top of the file"
                    message = f"unknown key '{loc[-1]}'{where}: it belongs in another part of the file"
            elif kind in _TYPE_NAMES:
                message = f"{name} should be {_TYPE_NAMES[kind]}, not {_describe(err.get('input'))}"
            elif kind in ("string_too_short",):
                message = f"{name} must not be empty"
            elif kind in ("too_short",):
                message = f"{name} needs at least {err['ctx'].get('min_length')} item(s)"
            elif kind == "string_too_long":
                value = err.get("input")
                size = len(value.strip()) if isinstance(value, str) else 0
                what = f"item {loc[-1] + 1} of {name}" if isinstance(loc[-1], int) else name
                message = f"{what} is {size} characters long: keep it to {err['ctx'].get('max_length')} at most"
            elif kind == "too_long":
                size = err["ctx"].get("actual_length") or len(err.get("input") or ())
                message = f"{name} has {size} items: keep it to {err['ctx'].get('max_length')} at most"
            elif kind in _BOUNDS:
                bound, words = _BOUNDS[kind]
                message = f"{name} should be {words.format(err['ctx'].get(bound))}, not {_describe(err.get('input'))}"
            elif kind == "literal_error":
                message = f"{name} must be {err['ctx'].get('expected')}, not {_describe(err.get('input'))}"
            elif kind == "union_tag_invalid":
                field = str(err["ctx"].get("discriminator", "kind")).strip("'")
                tag = err["input"].get(field) if isinstance(err.get("input"), dict) else err["ctx"].get("tag")
                expected = [t.strip(" '") for t in str(err["ctx"].get("expected_tags", "")).split(",")]
                if isinstance(tag, str):
                    message = f"unknown {field} '{clip(tag, 40)}'{did_you_mean(tag, expected)}; expected one of: {', '.join(expected)}"
                else:
                    message = f"'{field}' should be one of: {', '.join(expected)}, not {_describe(tag)}"
            elif kind == "union_tag_not_found" and not isinstance(err.get("input"), dict):
                message = f"{name} should be a mapping of keys to values, not {_describe(err.get('input'))}"
            elif kind == "union_tag_not_found":
                message = f"missing required key {err['ctx'].get('discriminator')}"
            elif kind == "value_error":
                message = f"{name}: {str(err.get('ctx', {}).get('error', err['msg']))}"
            else:
                message = f"{name}: {err['msg']}"
            if column < 0:
                column = loaded.column_of(line, loc[-1] if loc else None, value=True)
            problems.error(line, message, column=column)
        return None


def validate_and_check(model: type[M], check, loaded: Loaded, problems: Problems) -> M | None:
    """Validate with ``model``, run the component's cross-key ``check`` on the
    raw data as well (so all problems of a file are reported together), and
    return the model only when neither found an error."""
    before = len(problems.errors)
    result = validate(model, loaded, problems)
    check(loaded, problems)
    return result if len(problems.errors) == before else None


def _suggest(key: Any, known: set[str]) -> str:
    """Did-you-mean among the keys of the format, for a key that is in none
    of them (a key of the format is out of place, not misspelt)."""
    return "" if key in known else did_you_mean(key, known)


def _union_owner(data: Any, loc: tuple) -> str | None:
    """The key holding a union (such as 'rule') when ``loc`` passes through
    the union's tag (the kind of rule): a part that is not a key in the data."""
    node, before = data, None
    for part in loc[:-1]:
        if isinstance(node, dict) and part in node:
            node, before = node[part], part
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(before, str):
            return before
    return None


def _keys_on_path(data: Any, loc: tuple) -> set:
    keys, node = set(), data
    for part in loc:
        if isinstance(node, dict):
            if part in node:  # a lookup: a scan of the keys made many errors quadratic
                keys.add(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
    return keys | {p for p in loc if isinstance(p, str)}


def _where(loc: tuple) -> str:
    parts = [clip(p, 40) for p in loc if isinstance(p, (str, int))]
    return f" in {' > '.join(parts)}" if parts else ""
