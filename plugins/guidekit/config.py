"""The plugin's options in ``mkdocs.yml``::

    plugins:
      - guidekit:
          quizzes: quizzes            # folder in docs_dir with one YAML file per quiz
          checklists: checklists      # folder with one YAML file per checklist
          exit_url: https://www.bbc.co.uk/weather
          words:                      # override single UI words
            quiz_back: Previous question
"""

from mkdocs.config import base
from mkdocs.config import config_options as c


class GuidekitConfig(base.Config):
    quizzes = c.Type(str, default="quizzes")
    checklists = c.Type(str, default="checklists")
    exit_url = c.URL(default="https://www.bbc.co.uk/weather")
    words = c.Type(dict, default={})
