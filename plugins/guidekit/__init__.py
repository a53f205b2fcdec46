"""guidekit: an MkDocs plugin that turns YAML data files into decision-tree
quizzes and client-side message checklists."""

__version__ = "0.1.0"
