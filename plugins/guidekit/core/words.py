"""The words the components show (Back, Start again, ...), one table per language.

Tables live in ``guidekit/words/<language>.yml``, named with the codes
Material for MkDocs uses for ``theme.language`` (``de``, ``pt-BR``, ``zh``).
The site's ``theme.language`` picks one: the table of that exact code, else
the table of its main language (``de-CH`` and ``pt-PT`` use ``de`` and ``pt``;
``zh-Hant`` and ``zh-TW`` use ``zh``, Simplified Chinese, with a note).
English fills any gap; the plugin's ``words`` option in the site's config
file overrides single entries.

A language without a table is not a mistake of the site: the build goes on in
English with one note at info level, so ``mkdocs build --strict`` still passes.
"""

from __future__ import annotations

from importlib import resources

import yaml

from .problems import Problems, clip, did_you_mean, log


def shipped() -> dict[str, str]:
    """The languages with a table: lower-case code -> code as the file names it."""
    folder = resources.files("guidekit").joinpath("words")
    return {entry.name[:-4].lower(): entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".yml")}


def _table(code: str) -> dict:
    text = resources.files("guidekit").joinpath("words", f"{code}.yml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def table_for(language: str) -> tuple[str | None, dict | None]:
    """The shipped table for a ``theme.language`` value, and its code;
    ``(None, None)`` when there is none. Only the names of shipped files are
    looked up, so a language value never reaches the file system."""
    tables = shipped()
    wanted = str(language).strip().replace("_", "-").lower()
    for candidate in (wanted, wanted.split("-")[0]):
        if candidate in tables:
            return tables[candidate], _table(tables[candidate])
    return None, None


def load_words(language: str, overrides: dict, problems: Problems, config_file: str = "mkdocs.yml") -> dict[str, str]:
    """The site's words: English, the language's table over it, the site's
    ``words`` option over both. ``config_file`` is the site's config file as
    messages name it."""
    english = _table("en")
    words = dict(english)
    overrides = overrides or {}
    if language and str(language).strip().replace("_", "-").lower().split("-")[0] != "en":  # en-GB: English as is
        shown = clip(language, 40)
        code, table = table_for(language)
        untranslated = [key for key in english if key not in overrides]
        if table is not None:
            words.update(table)
            if code and code.lower() != str(language).strip().replace("_", "-").lower() and untranslated:
                log.info(f"{config_file}: no UI words for theme language '{shown}': using the '{code}' words; "
                         "change single words under the plugin's 'words' option")
        elif untranslated:  # a site may translate every word under 'words'
            log.info(f"{config_file}: no UI words for theme language '{shown}': {len(untranslated)} word(s) stay in "
                     f"English, such as '{untranslated[0]}'; translate them under the plugin's 'words' option "
                     f"in {config_file} (shipped languages: {', '.join(sorted(shipped().values()))})")
    for key, value in overrides.items():
        if key not in english:
            problems.error(0, f"plugins > guidekit > words: unknown word '{clip(key, 40)}'{did_you_mean(key, english)}", config_file)
        elif not isinstance(value, str) or not value.strip():
            problems.error(0, f"plugins > guidekit > words > {clip(key, 40)}: should be non-empty text", config_file)
        else:
            words[key] = value
    return words
