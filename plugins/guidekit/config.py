"""The plugin's options in ``mkdocs.yml``::

    plugins:
      - guidekit:
          quizzes: quizzes            # folder in docs_dir with one YAML file per quiz
          checklists: checklists      # folder with one YAML file per checklist
          data_dirs: [content]        # other folders (from mkdocs.yml) whose quizzes/ and checklists/ are read too
          exit_on: components         # every-page | components | front-matter
          exit_except: [drafts/*]     # pages left out (paths in docs_dir)
          exit_url: https://www.bbc.co.uk/weather
          words:                      # override single UI words
            quiz_back: Previous question
          inline_scripts: files       # keep (default) | files: move inline scripts into files
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c

from .core.problems import GuideError
from .exit import MODES
from .inline_scripts import MODES as INLINE_SCRIPT_MODES

# the options the guidekit Markdown extension takes too (extension.py)
PLUGIN_OPTIONS = ("quizzes", "checklists", "data_dirs", "exit_on", "exit_except", "exit_url", "words")


class WebAddress(c.URL):
    """A full http(s) address: "Exit this page" must leave the site, and an
    empty or relative address would reload the page or stay on the site."""

    def run_validation(self, value: object) -> str:
        try:
            parts = urlsplit(value) if isinstance(value, str) else None
        except ValueError:  # such as a broken [IPv6] host
            parts = None
        if not parts or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            shown = f"'{value}'" if isinstance(value, str) else repr(value)
            raise c.ValidationError(
                f"should be a full web address starting with https:// (such as https://www.bbc.co.uk/weather), not {shown}")
        return super().run_validation(value)


class GuidekitConfig(base.Config):
    quizzes = c.Type(str, default="quizzes")
    checklists = c.Type(str, default="checklists")
    # folders (relative to mkdocs.yml) whose quizzes and checklists folders are
    # read as well as docs_dir's: a second site, such as a manual, can then
    # show the first one's quiz as an outline
    data_dirs = c.ListOfItems(c.Dir(exists=True), default=[])
    exit_on = c.Choice(MODES, default="components")
    exit_except = c.ListOfItems(c.Type(str), default=[])
    exit_url = WebAddress(default="https://www.bbc.co.uk/weather")
    words = c.Type(dict, default={})
    # "files": every inline <script> of every built page is moved into a file
    # named by its content, so that a Content-Security-Policy without
    # 'unsafe-inline' lets Material run (inline_scripts.py). Off by default:
    # adding the plugin to a site changes no page beyond its own two asset tags.
    inline_scripts = c.Choice(INLINE_SCRIPT_MODES, default="keep")


def plugin_options(values: dict, where: str = "markdown_extensions > guidekit", config_file: str | None = None) -> Any:
    """The plugin's options from ``values``, checked as the plugin checks them
    (folders relative to ``config_file``'s folder, else the current one)."""
    options = GuidekitConfig(config_file_path=config_file)
    options.load_dict({k: v for k, v in values.items() if k in PLUGIN_OPTIONS})
    errors, _ = options.validate()
    unknown = sorted(set(values) - set(PLUGIN_OPTIONS))
    messages = [f"{where} > {key}: unknown option (known: docs_dir, {', '.join(PLUGIN_OPTIONS)})" for key in unknown]
    messages += [f"{where} > {key}: {error}" for key, error in errors]
    if messages:
        raise GuideError("\n".join(messages))
    return options
