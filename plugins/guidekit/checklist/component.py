"""The checklist component: checks a reader runs against a draft message,
from ``content/checklists/<id>.yml``.

``load`` validates a file with the models (``model.py``) and the cross-key
checks (``checks.py``); ``context`` turns a checklist into the variables of
``checklist.html``: each rule's phrases compiled into a pattern
(``compile.py``) for a ``data-*`` attribute, each ``why`` rendered as Markdown
with the site's settings for the page that shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.component import RenderContext
from ..core.models import validate_and_check
from ..core.problems import Problems
from ..core.yamlfile import Loaded
from .checks import check_checklist
from .evaluate import compiled, config
from .model import Checklist

# the UI words the script needs (the template uses the others directly)
SCRIPT_WORDS = ("state_idle", "state_met", "state_unmet", "state_dismissed", "may", "found", "quote", "and",
                "times", "count", "words", "sentence_words", "summary", "summary_none", "summary_idle", "copied",
                "copy_failed", "cleared", "deleted")


@dataclass
class LoadedChecklist:
    ident: str
    checklist: Checklist
    lines: dict[tuple, int]  # line in the YAML file of each Markdown text


def rule_attributes(rule) -> dict[str, Any]:
    """The ``data-*`` attributes (without the prefix) that tell the script what
    to look for: the kind, the compiled rule (JSON, see evaluate.py) and the
    words to show. Values are plain text; the template escapes them."""
    attrs: dict[str, Any] = {"kind": rule.kind, "rule": json.dumps(compiled(rule), ensure_ascii=False,
                                                                   separators=(",", ":"))}
    if rule.message:
        attrs["message"] = rule.message
    if rule.suggestion:
        attrs["suggestion"] = rule.suggestion
    return attrs


class ChecklistComponent:
    kind = "checklist"
    plural = "checklists"
    folder = Path(__file__).parent

    def load(self, loaded: Loaded, ident: str, problems: Problems) -> LoadedChecklist | None:
        checklist = validate_and_check(Checklist, check_checklist, loaded, problems)
        if checklist is None:
            return None
        lines = {("intro",): loaded.line_of(("intro",))}
        for i, _ in enumerate(checklist.checks):
            lines[("checks", i, "why")] = loaded.line_of(("checks", i, "why"))
        return LoadedChecklist(ident, checklist, lines)

    def context(self, model: LoadedChecklist, ctx: RenderContext) -> dict[str, Any]:
        checklist, dom = model.checklist, ctx.dom_id
        checks = [
            {
                "id": c.id,
                "dom_id": f"{dom}--{c.id}",
                "label": c.label,
                "why": ctx.markdown(c.why, model.lines[("checks", i, "why")]),
                "data": rule_attributes(c.rule) if c.rule else {},
            }
            for i, c in enumerate(checklist.checks)
        ]
        return {
            "checklist": {
                "id": model.ident,
                "dom_id": dom,
                "title": checklist.title,
                "intro": ctx.markdown(checklist.intro, model.lines[("intro",)]) if checklist.intro else "",
                "automatic": [c for c in checks if c["data"]],
                "manual": [c for c in checks if not c["data"]],
                "words": {key: ctx.words[f"checklist_{key}"] for key in SCRIPT_WORDS},
                "config": json.dumps(config(checklist.signoffs, checklist.signoff_words), ensure_ascii=False,
                                     separators=(",", ":")),
            }
        }


CHECKLIST = ChecklistComponent()
