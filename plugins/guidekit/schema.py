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

import argparse
import json
import sys
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


def add_command(sub) -> None:
    parser = sub.add_parser(
        "schema", help="write the JSON Schemas of quiz and checklist files (for editors)",
        usage="python -m guidekit schema --out DIR [--check]",
        description="Write quiz.schema.json and checklist.schema.json, the JSON Schemas (draft-07) "
        "of quiz and checklist files, for editors that check YAML against a schema. "
        "Exit status: 0 when they are written (or, with --check, up to date); 1 when --check finds "
        "one missing or out of date; 2 when --out is missing or DIR is not a folder you can write to.",
    )
    parser.add_argument("--out", metavar="DIR",
                        help="the folder to write them to; created if missing (required)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the files in DIR are missing or out of date")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.out is None:
        print("schema: say where to write the schemas, as in: python -m guidekit schema --out schemas",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"{out}: not a folder", file=sys.stderr)
        return 2
    schemas = generate()
    if args.check:
        stale = [name for name, text in schemas.items()
                 if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{out / name}: missing or out of date; run: python -m guidekit schema --out {out}", file=sys.stderr)
        if not stale:
            print(f"{out}: schemas up to date")
        return 1 if stale else 0
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in schemas.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"{e.filename or out}: cannot write the schemas: {e.strerror or e}", file=sys.stderr)
        return 2
    for name in schemas:
        print(f"wrote {out / name}")
    return 0
