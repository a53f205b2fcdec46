"""The format of a checklist file (``content/checklists/<id>.yml``).

A checklist is a list of checks a reader runs against a draft message. Each
check either has a ``rule`` that the browser evaluates as the reader types,
or is ``manual: true`` (the reader ticks it). Rules are phrase lists, never
regular expressions: ``compile.py`` turns them into matchers at build time.
These models are the single source of truth for the format; the checks that
span several keys (duplicate ids, min above max, ...) are in ``checks.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import ConfigDict, Field, StringConstraints

from ..core.models import ID_PATTERN, ID_RULE, NOT_BLANK, Strict, id_schema

ID_RULE = f"{ID_RULE} (e.g. 'no-blame')"
MAX_PHRASES = 300  # per list: keeps the matchers small and fast

# json_schema_extra only shapes the JSON Schemas for editors (../schema.py),
# never validation: the checks in checks.py that JSON Schema can express are
# repeated there, so editors flag them too; patternErrorMessage and
# errorMessage are the messages editors using yaml-language-server show
ID_SCHEMA = id_schema(ID_RULE)
NOT_NULL = {"not": {"type": "null"}}
# checks.py: a check needs a rule or 'manual: true', not both
RULE_OR_MANUAL = {
    "anyOf": [
        {"required": ["rule"], "properties": {"rule": NOT_NULL},
         "errorMessage": "Give a 'rule' (checked as the reader types) or 'manual: true' (the reader ticks it)."},
        {"required": ["manual"], "properties": {"manual": {"const": True}}},
    ],
    "not": {"required": ["rule", "manual"], "properties": {"rule": NOT_NULL, "manual": {"const": True}},
            "errorMessage": "Keep one of 'rule' and 'manual: true'."},
}
# checks.py: avoid and require rules need 'phrases', 'any' or both
PHRASES_OR_ANY = {"anyOf": [{"required": ["phrases"]},
                            {"required": ["any"], "errorMessage": "Give 'phrases', 'any' or both."}]}
# checks.py: count and length rules need 'min', 'max' or both
MIN_OR_MAX = {"anyOf": [{"required": ["min"]}, {"required": ["max"], "errorMessage": "Give 'min', 'max' or both."}]}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Field(json_schema_extra=NOT_BLANK)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                   Field(json_schema_extra=NOT_BLANK)]
Phrases = Annotated[list[Phrase], Field(min_length=1, max_length=MAX_PHRASES)]
Count = Annotated[int, Field(ge=0, le=100_000)]
# the phrase language (compile.py; docs/checklists.md, "The phrase language"),
# told in the description of every list of phrases
PHRASE_LANGUAGE = (
    " A phrase is words and marks as the reader would type them, never a regular expression. "
    "'...' standing as a word of its own is up to 'gap' words, never past the end of a sentence "
    "('you ... hurt me'). '(a|b)' is one of the choices, each one or more words; an empty choice makes "
    "the part optional ('(really|truly|) sorry'). Common forms count as the same word ('you've' and "
    "'you have', 'can't' and 'cannot', 'u' and 'you', 'apologize' and 'apologise'), and case and curly "
    "quotes do not matter. Whole words only, except in Chinese and Japanese, where each character is a "
    "word and a phrase matches anywhere in a sentence."
)


class _Match(Strict):
    """How phrases are found: exceptions, quotes, scope and gaps."""

    unless: Optional[Phrases] = Field(
        default=None,
        description="Phrases that cancel a match: one in the same sentence that ends at most 'window' words "
        "before the match, or overlaps it (e.g. 'not', 'wasn't', 'you never know')." + PHRASE_LANGUAGE,
    )
    window: Annotated[int, Field(ge=0, le=20)] = Field(
        default=4, description="How many words before a match an 'unless' phrase may end and still cancel it.",
    )
    quotes: Literal["count", "ignore"] = Field(
        default="count", description="ignore: a match inside double quotation marks does not count.",
    )
    within: Literal["message", "last-sentence"] = Field(
        default="message",
        description="Look in the whole message, or only in its last sentences ('last' of them), "
        "once the sign-offs are set aside.",
    )
    last: Annotated[int, Field(ge=1, le=20)] = Field(
        default=1, description="With 'within: last-sentence': how many sentences from the end.",
    )
    gap: Annotated[int, Field(ge=1, le=10)] = Field(
        default=3, description="How many words a '...' in a phrase stands for, at most.",
    )


class Condition(_Match):
    """One of the conditions of a require rule's 'any'."""

    phrases: Phrases = Field(description="Words, phrases or marks; one of them is enough." + PHRASE_LANGUAGE)


class Limit(Condition):
    """One of the conditions of an avoid rule's 'any'."""

    phrases: Phrases = Field(description="Words, phrases or marks to look for." + PHRASE_LANGUAGE)
    max: Count = Field(
        default=0, description="How many matches are fine: the check is raised from one more than this "
        "(0, the default: from the first match; 2 for '!': from the third).",
    )


class _Rule(Strict):
    message: Optional[Text] = Field(
        default=None,
        description="What the reader sees when the check may not be met (plain text; say 'may'). "
        "The words that matched are named after it.",
    )
    suggestion: Optional[Text] = Field(
        default=None, description="Optional idea for what to write instead (plain text), shown after the message.",
    )


class Avoid(_Rule, _Match):
    """Looks fine when none of the phrases is in the draft, and no condition
    of 'any' finds more matches than its 'max'."""

    model_config = ConfigDict(json_schema_extra=PHRASES_OR_ANY)

    kind: Literal["avoid"] = Field(description="avoid: the check looks fine when none of the phrases is in the draft.")
    phrases: Optional[Phrases] = Field(
        default=None,
        description="Words or phrases that may be a problem (blame, guilt, pressure)." + PHRASE_LANGUAGE)
    any: Optional[Annotated[list[Limit], Field(min_length=1, max_length=20)]] = Field(
        default=None, description="More things to avoid, each with its own phrases, scope, exceptions and "
        "'max' (how many matches are fine); any one of them raises the check.",
    )


class Require(_Rule, _Match):
    """Looks fine when at least one of the phrases or marks is in the draft,
    or one of the conditions of 'any' is met."""

    model_config = ConfigDict(json_schema_extra=PHRASES_OR_ANY)

    kind: Literal["require"] = Field(description="require: the check looks fine when one of the phrases is in the draft.")
    phrases: Optional[Phrases] = Field(
        default=None, description="Words, phrases or marks; one of them is enough." + PHRASE_LANGUAGE)
    any: Optional[Annotated[list[Condition], Field(min_length=1, max_length=20)]] = Field(
        default=None, description="Conditions, each with its own phrases and scope; one of them is enough.",
    )


class CountRule(_Rule, _Match):
    """Looks fine when the phrases occur, together, between min and max times."""

    model_config = ConfigDict(json_schema_extra=MIN_OR_MAX)

    kind: Literal["count"] = Field(description="count: the check looks fine when the phrases occur between min and max times.")
    phrases: Phrases = Field(
        description="The characters or phrases to count (e.g. '?' or '!'; '？' counts as '?')." + PHRASE_LANGUAGE)
    min: Optional[Count] = Field(default=None, description="At least this many times.")
    max: Optional[Count] = Field(default=None, description="At most this many times.")


class Length(_Rule):
    """Looks fine when the number of words is between min and max."""

    model_config = ConfigDict(json_schema_extra=MIN_OR_MAX)

    kind: Literal["length"] = Field(
        description="length: the check looks fine when the draft has between min and max words "
        "(in Chinese and Japanese, five characters count as three words).")
    per: Literal["message", "sentence"] = Field(
        default="message", description="Count the words of the whole message, or of each sentence.",
    )
    min: Optional[Count] = Field(default=None, description="At least this many words.")
    max: Optional[Count] = Field(
        default=None, description="At most this many words (not 0: that would fail every draft).",
        json_schema_extra={"not": {"const": 0}},  # checks.py
    )


class Conflict(_Rule, _Match):
    """Looks fine unless the draft holds a phrase of each group: a mixed message."""

    kind: Literal["conflict"] = Field(description="conflict: the check looks fine unless the draft holds a phrase of each group.")
    one: Phrases = Field(description="The first group of phrases (e.g. 'I've moved on')." + PHRASE_LANGUAGE)
    other: Phrases = Field(
        description="The second group, at odds with the first (e.g. 'I miss you')." + PHRASE_LANGUAGE)


class Repeat(_Rule, _Match):
    """Looks fine unless one of the phrases is used more than max times."""

    kind: Literal["repeat"] = Field(description="repeat: the check looks fine unless one phrase is used more than max times.")
    phrases: Phrases = Field(
        description="Phrases that should not be repeated (e.g. 'sorry'); each is counted on its own." + PHRASE_LANGUAGE)
    max: Annotated[int, Field(ge=1, le=100_000)] = Field(description="The most times one phrase may be used.")


class Shout(_Rule):
    """Looks fine unless a sentence is mostly capital letters."""

    kind: Literal["shout"] = Field(description="shout: the check looks fine unless a sentence is mostly in capitals.")
    share: Annotated[float, Field(gt=0, le=1)] = Field(
        default=0.6, description="The share of capital letters (0 to 1) from which a sentence counts as shouting.",
    )
    letters: Annotated[int, Field(ge=1, le=1000)] = Field(
        default=12, description="Sentences with fewer letters than this are not judged (short words such as 'OK').",
    )


Rule = Annotated[Union[Avoid, Require, CountRule, Length, Conflict, Repeat, Shout], Field(discriminator="kind")]
RULE_KINDS = ("avoid", "require", "count", "length", "conflict", "repeat", "shout")


class Check(Strict):
    """One item of the checklist: give it a 'rule' or 'manual: true'."""

    model_config = ConfigDict(json_schema_extra=RULE_OR_MANUAL)

    id: Text = Field(
        description="Unique within the checklist (lowercase letters, digits, hyphens); used by tests and saved dismissals.",
        json_schema_extra=ID_SCHEMA,
    )
    label: Text = Field(description="A short name for the check, as the reader sees it (plain text).")
    why: Text = Field(description="Why it matters (Markdown), with a link to the section of the guide that explains it.")
    rule: Optional[Rule] = Field(
        default=None,
        description="What the browser looks for. Give a rule or 'manual: true'. "
        "Its 'kind' is one of: " + ", ".join(RULE_KINDS) + ".",
    )
    manual: bool = Field(default=False, description="true: the reader ticks this check themselves (no rule).")


class Checklist(Strict):
    """A checklist: one per file; its id is the file name without '.yml'."""

    title: Text = Field(description="The checklist's heading (plain text).")
    intro: Optional[Text] = Field(default=None, description="Optional text above the draft box (Markdown).")
    checks: list[Check] = Field(min_length=1, description="The checks; the manual ones are shown first.")
    signoffs: Optional[Phrases] = Field(
        default=None,
        description="How sign-offs start ('take care', 'best wishes'): a last sentence that starts with one and "
        "has at most 'signoff_words' words more than that, without '?', is set aside by 'within: last-sentence'."
        + PHRASE_LANGUAGE,
    )
    signoff_words: Annotated[int, Field(ge=0, le=20)] = Field(
        default=5, description="A last line of at most this many words, without '?', is a sign-off too ('Sam x').",
    )
