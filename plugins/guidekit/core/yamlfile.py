"""Load an author's YAML file into plain data that remembers line numbers.

PyYAML keeps the last of two equal keys without a word; here a duplicate key
is an error. Aliases are refused (an anchor nothing refers to is harmless and
passes): guide data has no need for them, and refusing them rules out
"billion laughs" documents. The data is built straight from the parser's
events, with no node tree in between. Only the YAML types
that JSON has are produced (text, numbers, booleans, null, lists, mappings);
plain values are typed by YAML 1.2's core schema, as editors read them
(``Yes``, ``No``, ``on`` and ``off`` are text), and dates stay text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Problems, clip

MAX_BYTES = 2_000_000
MAX_DEPTH = 50
ALIASES = "anchors and aliases ('&name', '*name') are not supported: write the value out"


class LineDict(dict):
    """A mapping that knows the line of itself, of each key and each value.

    Slots rather than an instance dictionary: a large file holds tens of
    thousands of these, and each dictionary would be one more object for
    the garbage collector to walk. Whoever makes one sets all three. When
    every value starts on the line of its key (``{label: Yes, next: q2}``),
    the loader gives ``value_lines`` and ``key_lines`` the same dict: read
    them, never change them."""

    __slots__ = ("line", "key_lines", "value_lines")
    line: int
    key_lines: dict
    value_lines: dict


class LineList(list):
    """A list that knows the line of itself and of each item (slots, as
    for ``LineDict``; whoever makes one sets both)."""

    __slots__ = ("line", "item_lines")
    line: int
    item_lines: list


@dataclass
class Loaded:
    data: Any
    problems: Problems
    text: str = ""  # the file's text, for the columns of messages
    _starts: list | None = None  # where each line starts in text, found at the first message that needs it

    def _line(self, line: int) -> str:
        """Line ``line`` (from 1) of the text, without its end."""
        if not self.text or line < 1:
            return ""
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        if line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        return (self.text[start:] if end < 0 else self.text[start:end]).rstrip("\r")

    def column_of(self, line: int, key: Any, value: bool = False) -> int:
        """The column (from 1) of ``key`` on ``line``, or of its value when
        ``value``; for an item of a list (``key`` an index), of the item
        after its dash. 0 when the line does not show it (a flow list, a
        value on the lines below its key)."""
        source = self._line(line)
        if not source:
            return 0
        if isinstance(key, str):
            found = _key_at(source, key)
            if found is None:
                return 0
            start, end = found
            if not value:
                return start + 1
            start = len(source) - len(source[end:].lstrip(" \t"))
            return start + 1 if start < len(source) and source[start] != "#" else 0
        if isinstance(key, int) and value:
            dash = re.match(r"[ \t]*-[ \t]+(?=\S)", source)
            return dash.end() + 1 if dash else 0
        return 0

    def line_of(self, loc: tuple) -> int:
        """The line of the value at ``loc`` (a path of keys and indexes), or of
        the deepest container on that path that exists."""
        node, line = self.data, getattr(self.data, "line", 1)
        for part in loc:
            if isinstance(node, LineDict) and part in node:
                line = node.value_lines.get(part, line)
                node = node[part]
            elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
                line = node.item_lines[part]
                node = node[part]
            # a part that is not in the data (a union's tag, a missing key)
            # is skipped: the line stays that of the deepest known value
        return line

    def key_line(self, loc: tuple) -> int:
        """The line of the key that ends ``loc`` (for unknown-key messages)."""
        parent = self.data
        for part in loc[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return self.line_of(loc)
        if isinstance(parent, LineDict) and loc and loc[-1] in parent.key_lines:
            return parent.key_lines[loc[-1]]
        return self.line_of(loc)


def _key_at(source: str, key: str) -> tuple[int, int] | None:
    """Where ``key`` (maybe quoted) stands as a key on the line ``source``:
    its start, and the end of the ':' after it."""
    for needle in (key, f"'{key}'", f'"{key}"'):
        at = source.find(needle)
        while at >= 0:
            end = at + len(needle)
            while end < len(source) and source[end] in " \t":
                end += 1
            if ((at == 0 or source[at - 1] in " \t{,?-") and end < len(source) and source[end] == ":"
                    and (end + 1 == len(source) or source[end + 1] in " \t")):
                return at, end + 1
            at = source.find(needle, at + 1)
    return None


# PyYAML's problems, as "context: problem" (in the words of libyaml, then of
# PyYAML's own reader) -> what the author reads, and whether the line to show
# is where the context started (an opening quote or bracket, a key without
# its colon) rather than where PyYAML gave up. {char} is the character that
# could not start a value. Problems not listed keep PyYAML's words.
_PLAIN = [
    (r"tab character|character '\\t'",
     "a line is indented with a tab, and YAML only allows spaces: replace the tab with spaces", False),
    (r"character '(?P<char>.)' that cannot start any token",
     "a value starts with '{char}', which YAML keeps for itself: put the value in quotes", False),
    (r"mapping values are not allowed",
     "': ' starts a new key, which is not allowed here: put a text that holds ': ' in quotes, "
     "or line the key up with the keys above it", False),
    (r"could not find expected ':'",
     "a line has no ':' after its key, or is not indented under the key above it: "
     "write 'key: value', or indent the line", True),
    (r"block collection: (did not find expected '-' indicator|expected <block end>)",
     "a list item has no '- ' before it, or a line is indented as if it were in the list: "
     "start each item with '- ', lined up with the others", False),
    (r"block mapping: (did not find expected key|expected <block end>)",
     "this line is indented more or less than the keys beside it, or a text goes on after its "
     "closing quote: line it up with its neighbours, or put the whole text in quotes", False),
    (r"flow sequence: (did not find )?expected ',' or '\]'",
     "a list in [ ] is not closed, or a comma splits a text in it: add the ']', or put that text in quotes", True),
    (r"flow mapping: (did not find )?expected ',' or '}'",
     "a mapping in { } is not closed, or a comma splits a text in it: add the '}', or put that text in quotes", True),
    (r"quoted scalar: found unexpected end of stream",
     "a quote is opened here but never closed: add the closing quote", True),
    (r"found incompatible YAML document",
     "the '%YAML' line names a version of YAML this reader does not know: remove that line", False),
    (r"but found another document",
     "a '---' line starts a second document: keep one quiz or checklist per file", False),
    (r"unknown escape character",
     "in double quotes a backslash starts a special character (such as \\n, a new line), and '\\{char}' is "
     "not one: put the text in single quotes, where a backslash is only a backslash, or write it twice ('\\\\')", False),
    (r"scanning an alias",
     "a value starts with '*', which YAML reads as a reference to a value named elsewhere: put the value in quotes, as in '*'", True),
    (r"scanning an anchor",
     "a value starts with '&', which YAML reads as a name for the value after it: put the value in quotes, as in '&'", True),
    (r"(scanning|parsing) a tag|expected tag URI",
     "a value starts with '!', which YAML reads as a type for the value after it: put the value in quotes, as in '!'", True),
]


def _syntax_error(e: yaml.MarkedYAMLError, text: str) -> tuple[int, str, int]:
    """The line, the plain message and the column for a syntax error."""
    mark = e.problem_mark or e.context_mark
    problem = e.problem or e.context or "invalid YAML"
    if mark and "cannot start any token" in problem and "'" not in problem:
        # libyaml does not name the character: take it from the text
        problem = problem.replace("character that", f"character {text[mark.index:mark.index + 1]!r} that")
    for pattern, plain, at_context in _PLAIN:
        found = re.search(pattern, f"{e.context or ''}: {problem}")
        if found:
            char = found.groupdict().get("char") or ""
            if "escape" in pattern and mark:
                # libyaml marks the backslash, PyYAML the character after it
                slash = text.rfind("\\", 0, mark.index + 1)
                char = text[slash + 1:slash + 2] if slash >= 0 else ""
            mark = e.context_mark if at_context and e.context_mark else mark
            problem = plain.replace("{char}", char)
            break
    if not mark:
        return 1, problem, 0
    return mark.line + 1, problem, _column(text, mark.line, mark.column)


def _column(text: str, line: int, column: int) -> int:
    """A column (from 1) on ``line`` (from 0), within the line's length."""
    length = len(_line_text(text, line + 1))
    return min(column, length) + 1


def _line_text(text: str, line: int) -> str:
    """Line ``line`` (from 1) of ``text``, without its end."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if not start:
            return ""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end].rstrip("\r")


def _reader_error(e: yaml.reader.ReaderError, text: str) -> tuple[int, str, int]:
    """A character YAML does not allow anywhere (libyaml counts its position
    in bytes, PyYAML in characters: the line is found from the character)."""
    char = chr(e.character) if isinstance(e.character, int) else str(e.character)
    where = text.find(char)
    line = text.count("\n", 0, where) + 1 if where >= 0 else 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1 if where >= 0 else 0
    what = "control character" if unicodedata.category(char) == "Cc" else "character"
    return line, f"the file holds a {what} (U+{ord(char):04X}) that YAML does not allow: remove it", column


_YAML_TAG = "tag:yaml.org,2002:"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
# the tags a value may carry (the types JSON has); YAML's others, and local
# tags such as '!' or '!note' (often the start of a text), are errors
_KNOWN_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


def _tag_error(problems: Problems, event, value: str = "") -> None:
    tag = "!!" + event.tag[len(_YAML_TAG):] if event.tag.startswith(_YAML_TAG) else event.tag
    written = clip(f"{tag} {value}".strip() if value else tag, 40)
    problems.error(event.start_mark.line + 1,
                   f"a value starts with '{clip(tag, 40)}', which YAML reads as a type for the value after it: "
                   f"put the value in quotes, as in '{written}'", column=event.start_mark.column + 1)
# Plain (unquoted) values are read as YAML 1.2's core schema reads them, as
# editors do (yaml-language-server, and the JSON Schemas it checks with): only
# true/false are booleans, so 'label: Yes' or 'label: Off' is text, as
# written. The words that make a plain scalar a boolean or null:
_WORDS = {
    **dict.fromkeys("true True TRUE false False FALSE".split(), _BOOL),
    **dict.fromkeys("~ null Null NULL".split(), _NULL),
}
# The first characters with which a plain scalar can be anything but text
# (with one of _WORD_START, only when it is one of _WORDS).
_WORD_START = frozenset("~nNtTfF")
_MAYBE_NOT_TEXT = _WORD_START | frozenset("0123456789+-.")
_INT_CORE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_CORE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _core_tag(value: str) -> str:
    """The tag YAML 1.2's core schema gives a plain scalar."""
    if not value:
        return _NULL
    if value[0] in _WORD_START:
        return _WORDS.get(value, _STR)
    if _INT_CORE.fullmatch(value):
        return _INT
    if _FLOAT_CORE.fullmatch(value):
        return _FLOAT
    return _STR


# libyaml's parser where PyYAML has it (several times faster), else PyYAML's own.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SKIP = object()  # in place of a key that is refused: its value is dropped


def _scalar(loader, event: yaml.ScalarEvent) -> Any:
    """The value of a plain (unquoted) scalar that has a tag or starts with
    a character in ``_MAYBE_NOT_TEXT`` (with one in ``_WORD_START``, only
    when it is one of ``_WORDS``); ``_build`` keeps every other scalar as
    text without calling this (quoted and block scalars are always text)."""
    value, tag = event.value, event.tag
    if tag is None:
        tag = _core_tag(value)
    if tag == _NULL:
        return None if value in ("", "~", "null", "Null", "NULL") else value
    if tag == _BOOL:
        return {"true": True, "false": False}.get(value.lower(), value)
    if tag == _INT:
        try:
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        except ValueError:
            return value
    if tag == _FLOAT:
        try:
            return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                         .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
        except ValueError:
            return value
    return value  # text, and dates, stay text


def _build(loader, problems: Problems) -> tuple[Any, int]:
    """Plain data straight from the parser's events (no node tree in
    between), and the line where it starts; (None, 0) for an empty file.
    Iterative, so deep nesting costs no recursion. The open container, and
    for a mapping its pending key, are kept in local variables (the stack
    holds the outer ones): this loop runs once per event."""
    get = loader.get_event
    get()  # the stream starts
    if loader.check_event(yaml.StreamEndEvent):
        return None, 0
    first = get()  # the document starts
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    maybe_not_text, word_start, words = _MAYBE_NOT_TEXT, _WORD_START, _WORDS
    stack: list = []  # the outer containers still open, as (container, is_mapping, key, key_line, key_column)
    parent: Any = None  # the innermost open container
    in_mapping = False  # whether it is a mapping
    key: Any = None  # in a mapping: the key awaiting its value, None while a key is awaited, or _SKIP
    key_line = key_column = 0
    root, root_line, too_deep = None, 0, False
    while True:
        event = get()
        kind = event.__class__
        if kind is scalar_event:
            if in_mapping and key is None:  # a key
                key_line = event.start_mark.line + 1
                key_column = event.start_mark.column + 1
                key = event.value
                if event.tag == _MERGE or (key == "<<" and not event.style and event.tag is None):
                    problems.error(key_line, "merge keys ('<<') are not supported: write the keys out", column=key_column)
                    key = _SKIP
                continue
            value = event.value
            if event.tag is not None and event.tag not in _KNOWN_TAGS:
                _tag_error(problems, event, value)
            if not event.style and (event.tag is not None or not value or (
                    value[0] in maybe_not_text and (value[0] not in word_start or value in words))):
                value = _scalar(loader, event)  # else text: most guide data, no resolver needed
            line = event.start_mark.line + 1
        elif kind is mapping_start or kind is sequence_start:
            line = event.start_mark.line + 1
            if event.tag is not None and event.tag not in _KNOWN_TAGS:
                _tag_error(problems, event)
            if len(stack) > MAX_DEPTH and not too_deep:
                problems.error(line, f"the data is nested more than {MAX_DEPTH} levels deep", column=event.start_mark.column + 1)
                too_deep = True
            stack.append((parent, in_mapping, key, key_line, key_column))
            if kind is mapping_start:
                parent = LineDict()
                parent.key_lines = parent.value_lines = {}  # one dict until a value starts below its key
                in_mapping, key = True, None
            else:
                parent = LineList()
                parent.item_lines = []
                in_mapping = False
            parent.line = line
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = parent
            line = value.line
            parent, in_mapping, key, key_line, key_column = stack.pop()
        elif kind is alias_event:
            line = event.start_mark.line + 1
            problems.error(line, ALIASES, column=event.start_mark.column + 1)
            value = None
        else:  # the document ends
            break
        if parent is None:
            root, root_line = value, line
        elif not in_mapping:
            parent.append(value)
            parent.item_lines.append(line)
        elif key is None:  # a list or mapping where a key should be
            problems.error(line, "a key must be plain text, not a list or mapping")
            key = _SKIP
        elif key is _SKIP:
            key = None
        elif key in parent:
            problems.error(
                key_line,
                f"duplicate key '{clip(key)}' (first on line {parent.key_lines[key]}): "
                "YAML would silently keep only the last one; remove or rename one",
                column=key_column,
            )
            key = None
        else:
            parent[key] = value
            key_lines = parent.key_lines
            key_lines[key] = key_line
            if line != key_line or parent.value_lines is not key_lines:
                if parent.value_lines is key_lines:  # the lines of keys and values part ways here
                    parent.value_lines = dict(key_lines)
                parent.value_lines[key] = line
            key = None
    if not loader.check_event(yaml.StreamEndEvent):
        raise yaml.composer.ComposerError("expected a single document in the stream", first.start_mark,
                                          "but found another document", loader.peek_event().start_mark)
    return root, root_line


def load_yaml(text: str, path: str) -> Loaded:
    """Parse ``text``; never raises for bad input, returns problems instead."""
    return _load(text, path)


def _load(text: str, path: str) -> Loaded:
    problems = Problems(path)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        problems.error(1, f"the file is larger than {MAX_BYTES // 1_000_000} MB; split it into smaller files")
        return Loaded(None, problems)
    try:
        loader = _Parser(text)
        try:
            data, line = _build(loader, problems)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        line, what, column = _syntax_error(e, text)
        problems.error(line, f"YAML syntax error: {what}", column=column, excerpt=_line_text(text, line))
        return Loaded(None, problems)
    except yaml.reader.ReaderError as e:
        line, what, column = _reader_error(e, text)
        problems.error(line, f"YAML syntax error: {what}", column=column, excerpt=_line_text(text, line))
        return Loaded(None, problems)
    except yaml.YAMLError as e:  # a safety net: reading raises no other kind
        first = str(e).splitlines() or ["invalid YAML"]
        problems.error(1, f"YAML syntax error: {first[0]}")
        return Loaded(None, problems)
    except RecursionError:
        problems.error(1, "the data is nested too deeply")
        return Loaded(None, problems)
    if not line:
        problems.error(1, "the file is empty")
        return Loaded(None, problems)
    if not isinstance(data, LineDict):
        kind = "a list" if isinstance(data, list) else "empty" if data is None else f"the single value '{clip(data)}'"
        problems.error(line, f"the file should hold keys and values (such as 'title: ...'), but it is {kind}")
        return Loaded(None, problems)
    return Loaded(data, problems, text)
