"""Which pages show Exit this page (the exit_on and exit_except options and
the exit_this_page front matter), its markup, and its link kept in the same
tab when Material's privacy plugin marks links to other sites."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT, build, make_project

QUIZ = ("title: T\nstart: a\nquestions:\n  a:\n    text: Q\n    options:\n"
        "      - {label: Sure, next: end}\n      - {label: Not yet, next: end}\n"
        "outcomes:\n  end: {title: End, body: Thanks.}\n")
PAGES = {
    "docs/index.md": "# Home\n\nPlain text.\n",
    "docs/quiz.md": "# A quiz\n\n<!-- quiz q -->\n",
    "docs/outline.md": "# Outline\n\n<!-- quiz-outline q -->\n",
    "docs/asks.md": "---\nexit_this_page: true\n---\n\n# Asks for it\n",
    "docs/declines.md": "---\ntitle: Declines\nexit_this_page: false\n---\n\n# Declines\n\n<!-- quiz q -->\n",
    "docs/manual/one.md": "# Manual one\n",
    "docs/manual/deep/two.md": "# Manual two\n",
    "docs/quizzes/q.yml": QUIZ,
}
PAGE_FILES = {"index": "index.html", "quiz": "quiz/index.html", "outline": "outline/index.html",
              "asks": "asks/index.html", "declines": "declines/index.html",
              "manual-one": "manual/one/index.html", "manual-two": "manual/deep/two/index.html"}


def mkdocs_yml(options: str = "", extra: str = "") -> str:
    return ("site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
            f"plugins:\n  - search\n  - guidekit:\n      quizzes: quizzes\n{options}{extra}")


def with_exit(result) -> set[str]:
    shown = set()
    for name, path in PAGE_FILES.items():
        count = result.page(path).count("data-guidekit-exit>")
        assert count in (0, 1), f"{name}: {count} controls"
        if count:
            shown.add(name)
    return shown


@pytest.mark.parametrize("options, expected", [
    ("", {"quiz", "asks"}),  # the default: pages with a component, and pages that ask
    ("      exit_on: components\n", {"quiz", "asks"}),
    ("      exit_on: every-page\n", {"index", "quiz", "outline", "asks", "manual-one", "manual-two"}),
    ("      exit_on: every-page\n      exit_except: ['manual/*']\n", {"index", "quiz", "outline", "asks"}),
    ("      exit_on: front-matter\n", {"asks"}),
])
def test_which_pages_show_the_control(tmp_path, options, expected):
    result = build(make_project(tmp_path, PAGES, mkdocs_yml(options)))
    assert result.returncode == 0, result.output
    assert with_exit(result) == expected


def test_the_front_matter_wins_over_exit_except(tmp_path):
    pages = dict(PAGES, **{"docs/manual/one.md": "---\nexit_this_page: true\n---\n\n# Manual one\n"})
    result = build(make_project(tmp_path, pages, mkdocs_yml("      exit_on: every-page\n      exit_except: ['manual/*']\n")))
    assert result.returncode == 0, result.output
    assert {"manual-one", "index"} <= with_exit(result) and "manual-two" not in with_exit(result)


def test_a_wrong_front_matter_value_is_one_line_with_its_line(tmp_path):
    pages = dict(PAGES, **{"docs/asks.md": "---\ntitle: Asks\n\nexit_this_page: yes please\n---\n\n# Asks\n"})
    result = build(make_project(tmp_path, pages, mkdocs_yml()))
    assert result.returncode != 0
    assert "docs/asks.md:4: exit_this_page: should be true or false, not 'yes please'" in result.output
    assert "Traceback" not in result.output


def test_an_exit_except_pattern_that_matches_nothing_warns(tmp_path):
    result = build(make_project(tmp_path, PAGES, mkdocs_yml("      exit_on: every-page\n      exit_except: ['site-owners/*']\n")))
    assert result.returncode != 0  # --strict
    assert ("mkdocs.yml: plugins > guidekit > exit_except: 'site-owners/*' matches no page; "
            "patterns are paths in the docs folder, such as 'site-owners/*'") in result.output


def test_a_wrong_exit_on_is_named(tmp_path):
    result = build(make_project(tmp_path, PAGES, mkdocs_yml("      exit_on: everywhere\n")))
    assert result.returncode != 0
    assert "option 'exit_on': Expected one of: ('every-page', 'components', 'front-matter') but received: 'everywhere'" in result.output


def test_the_markup(tmp_path):
    result = build(make_project(tmp_path, PAGES, mkdocs_yml()))
    html = result.page("quiz/index.html")
    wrap = re.search(r'<div class="guidekit-exit"[^>]*>(.*?)</div>', html, re.S)
    assert wrap and "data-search-exclude" in wrap.group(0)
    link = re.search(r"<a [^>]*data-guidekit-exit>(.*?)</a>", wrap.group(1), re.S)
    assert link, wrap.group(1)
    # "Emergency" is read out before the label and not shown
    assert link.group(1) == '<span class="guidekit-exit__hidden">Emergency</span> Exit this page'
    assert 'target=' not in link.group(0) and 'href="https://www.bbc.co.uk/weather"' in link.group(0)
    assert re.search(r'<span class="guidekit-exit__hidden" role="status" data-guidekit-exit-status></span>', wrap.group(1))
    # the words the script says, in the site's language table
    words = yaml.safe_load((ROOT / "plugins" / "guidekit" / "words" / "en.yml").read_text("utf-8"))
    assert words["exit_press_two"] in html and words["exit_timed_out"] in html
    # kept out of the search index: no page's snippet starts with the control
    index = (result.site_dir / "search" / "search_index.json").read_text("utf-8")
    assert "Exit this page" not in index and "Emergency" not in index


def test_the_privacy_plugin_does_not_open_it_in_a_new_tab(tmp_path):
    extra = ("  - privacy:\n      assets: false\n      links_attr_map:\n        target: _blank\n")
    pages = dict(PAGES, **{"docs/index.md": "# Home\n\nSee [the weather](https://www.bbc.co.uk/weather).\n\n<!-- quiz q -->\n"})
    result = build(make_project(tmp_path, pages, mkdocs_yml("", extra)))
    assert result.returncode == 0, result.output
    html = result.page("index.html")
    # the privacy plugin ran: another link to the same site opens a new tab
    assert re.search(r'<a [^>]*href="https://www.bbc.co.uk/weather"[^>]*target="_blank"[^>]*>the weather', html) or \
        re.search(r'<a [^>]*target="_blank"[^>]*href="https://www.bbc.co.uk/weather"[^>]*>the weather', html), html
    link = re.search(r"<a [^>]*data-guidekit-exit[^>]*>", html)
    assert link and "target" not in link.group(0), link.group(0)


# --- the guide's safety page ---------------------------------------------------

UNSAFE_EX = ("someone who hurt you on purpose, threatened or frightened you, or tried to control you "
             "(for example by checking your phone, your money or who you see)")


def test_the_safety_page_gives_the_established_advice():
    text = (ROOT / "content" / "safety.md").read_text("utf-8")
    flat = " ".join(text.split())
    assert UNSAFE_EX in flat  # the guide's one definition, word for word
    assert "Many countries have" in flat and "Most countries" not in flat
    assert "Delete just this site's pages from your history" in flat
    assert "Clearing all of your history can be noticed" in flat
    assert "does not hide what you do from an app that tracks" in flat
    assert "press the Shift key 3 times" in flat
    assert "you will cope" not in flat.lower() and "usually eases" in flat


def test_the_safety_page_offers_the_start_not_the_next_page(built_site):
    html = (built_site / "safety" / "index.html").read_text("utf-8")
    footer = re.search(r'<nav class="md-footer__inner[^"]*"[^>]*>', html)
    assert footer and "hidden" in footer.group(0), "Material's previous and next links are shown"
    assert re.search(r'<a href="\.\./?">start of this guide</a>', html)
    assert 'class="md-nav' in html  # Material's navigation is kept
