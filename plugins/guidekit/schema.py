"""JSON Schemas of the quiz and checklist files, for editors.

``python -m guidekit schema --out DIR`` writes ``quiz.schema.json`` and
``checklist.schema.json`` into DIR (``--out`` is required: nothing is written
into the current folder unasked), generated from the same pydantic models the build
validates with (``quiz/model.py``, ``checklist/model.py``), so the two cannot
disagree on the format. The package ships a copy in ``schemas/``; a test
checks that it equals what this module generates.

The schemas are JSON Schema draft-07, the draft that yaml-language-server
(the YAML support of VS Code and many other editors) supports. Pydantic writes
draft 2020-12, so ``$defs`` become ``definitions``, a ``$ref`` with other
keywords beside it goes into an ``allOf`` (draft-07 ignores keywords beside a
``$ref``), and the OpenAPI ``discriminator`` keyword is dropped (each rule's
``kind`` is a ``const``, so the ``oneOf`` needs no hint).

What a schema cannot say stays a build check only: the links between the
steps of a quiz (targets that exist, cycles, steps nobody reaches), unique
check ids, 'min' not above 'max', a phrase in both groups of a conflict rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .checklist.model import Checklist
from .quiz.model import Quiz

DRAFT = "http://json-schema.org/draft-07/schema#"
SHIPPED = Path(__file__).parent / "schemas"
# file name -> the model of that kind of file
MODELS: dict[str, type[BaseModel]] = {
    "quiz.schema.json": Quiz,
    "checklist.schema.json": Checklist,
}
_DEFS = "definitions"


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The draft-07 JSON Schema of ``model``."""
    schema = model.model_json_schema(mode="validation", ref_template=f"#/{_DEFS}/{{model}}")
    defs = schema.pop("$defs", None)
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$comment": "Generated from the guidekit models by 'python -m guidekit schema': do not edit by hand.",
        **schema,
    }
    if defs:
        out[_DEFS] = defs
    return _draft7(out)


def _draft7(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft7(value) for key, value in node.items() if key != "discriminator"}
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node = {"allOf": [{"$ref": ref}], **node}
    return node


def schema_text(model: type[BaseModel]) -> str:
    """The schema of ``model`` as it is written to a file."""
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"


def generate() -> dict[str, str]:
    """File name -> text of every schema."""
    return {name: schema_text(model) for name, model in MODELS.items()}
