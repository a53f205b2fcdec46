"""Stub of the checklist component (to be replaced)."""
from pathlib import Path
from ..core.models import Strict, validate

class Model(Strict):
    title: str

class _Component:
    kind = "checklist"
    plural = "checklists"
    folder = Path(__file__).parent

    def load(self, loaded, ident, problems):
        return validate(Model, loaded, problems)

    def context(self, model, ctx):
        return {"model": model, "dom_id": ctx.dom_id}

CHECKLIST = _Component()
