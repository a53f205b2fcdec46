"""The words the components show (Back, Start again, ...), one table per language.

Tables live in ``guidekit/words/<language>.yml``. The site's
``theme.language`` picks one; English fills any gap; the plugin's ``words``
option in ``mkdocs.yml`` overrides single entries.
"""

from __future__ import annotations

from importlib import resources

import yaml

from .problems import Problems, clip, did_you_mean


def _table(language: str) -> dict | None:
    try:
        text = resources.files("guidekit").joinpath("words", f"{language}.yml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return yaml.safe_load(text)


def load_words(language: str, overrides: dict, problems: Problems) -> dict[str, str]:
    english = _table("en") or {}
    words = dict(english)
    if language and language != "en":
        table = _table(language) or _table(language.split("-")[0].split("_")[0])
        untranslated = [key for key in english if key not in (overrides or {})]
        if table is None and untranslated:  # a site may translate every word under 'words'
            problems.warn(0, f"no UI words for theme language '{clip(language, 40)}': using English for "
                             f"{len(untranslated)} word(s), such as '{untranslated[0]}'; "
                             "translate them under the plugin's 'words' option in mkdocs.yml", "mkdocs.yml")
        elif table is not None:
            words.update(table)
    for key, value in (overrides or {}).items():
        if key not in english:
            problems.error(0, f"plugins > guidekit > words: unknown word '{clip(key, 40)}'{did_you_mean(key, english)}", "mkdocs.yml")
        elif not isinstance(value, str) or not value.strip():
            problems.error(0, f"plugins > guidekit > words > {clip(key, 40)}: should be non-empty text", "mkdocs.yml")
        else:
            words[key] = value
    return words
