"""Links between the guide and the manual, two sites built from this repository.

A page links to the other site as ``[text](manual:hosting/#csp)`` (in the
guide) or ``[text](guide:writing/#tone)`` (in the manual). The build writes the
other site's published address in front of the path, from ``extra.manual_url``
or ``extra.guide_url`` in the site's config. When that address is not set,
the link is left out and its text stays as plain words, so a site never
links to an address that does not exist.

Loaded by both configs with ``hooks: [hooks/site_links.py]`` (MkDocs hooks).
"""

from __future__ import annotations

import re

SITES = ("manual", "guide")
# [text](manual:path) : text in brackets without nested brackets; the path ends at ')'
LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<site>" + "|".join(SITES) + r"):(?P<path>[^)\s]*)\)")


def site_address(config, site: str) -> str:
    """The other site's address from ``extra.<site>_url``, ending in '/', or ''."""
    address = str((config.extra or {}).get(f"{site}_url") or "").strip()
    return address if not address or address.endswith("/") else address + "/"


# code is shown as written: fenced blocks, then code spans (a run of backticks
# up to the same run)
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`)", re.S)


def _outside(pattern: re.Pattern, text: str, change) -> str:
    """``text`` with ``change`` applied to the parts that ``pattern`` does not match."""
    out, end = [], 0
    for match in pattern.finditer(text):
        out += [change(text[end:match.start()]), match.group(0)]
        end = match.end()
    return "".join(out + [change(text[end:])])


def rewrite(markdown: str, config) -> str:
    def replace(match: re.Match) -> str:
        address = site_address(config, match["site"])
        if not address:
            return match["text"]
        return f"[{match['text']}]({address}{match['path'].lstrip('/')})"

    def links(text: str) -> str:
        return _outside(CODE_SPAN, text, lambda part: LINK.sub(replace, part))

    return _outside(FENCE, markdown, links)


def on_page_markdown(markdown, *, page, config, files):
    return rewrite(markdown, config)
