"""Quizzes in full builds of small fixture projects (``mkdocs build`` in a
subprocess), and ``mkdocs serve`` reporting a broken quiz file."""

from __future__ import annotations

import os
import re
import socket
import sys
import urllib.request
from pathlib import Path

import pytest

from helpers import DEFAULT_MKDOCS, build, make_project
from processes import Background

QUIZ = """\
title: Small quiz
intro: Read [the tone part](../guide/writing.md#tone) first.
start: ready
questions:
  ready:
    text: Are you ready?
    help: See [how to write](../guide/writing.md).
    options:
      - label: "Yes"
        next: go
      - label: Not yet
        next: wait
outcomes:
  go:
    title: Go ahead
    body: Read [the tone part](../guide/writing.md#tone).
  wait:
    title: Wait
    body: Take your time.
"""

OTHER = """\
title: Other quiz
start: one
questions:
  one:
    text: One?
    options:
      - {label: A, next: end}
      - {label: B, next: end}
outcomes:
  end: {title: The end, body: Done.}
"""

FILES = {
    "docs/guide/writing.md": "# Writing\n\n## Tone {#tone}\n\nKeep it even.\n",
    "docs/quiz.md": "# Quiz\n\n<!-- quiz small -->\n",
    "docs/deep/down/page.md": "# Deep\n\n<!-- quiz small -->\n",
    "docs/quizzes/small.yml": QUIZ,
}


def project(tmp_path: Path, files: dict | None = None, extra_yml: str = "", **changes) -> Path:
    merged = dict(FILES, **(files or {}))
    merged.update(changes)
    return make_project(tmp_path / "p", {k: v for k, v in merged.items() if v is not None}, DEFAULT_MKDOCS + extra_yml)


def hrefs(html: str) -> list[str]:
    """The links inside the quiz only (not the site's navigation)."""
    section = html[html.index('data-quiz="small"'):]
    return re.findall(r'href="([^"]+)"', section[:section.index("data-quiz-answers")])


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("site_url", ["", "https://example.org/guide/"])
def test_links_in_the_quiz_resolve_for_each_page(tmp_path, directory_urls, site_url):
    extra = f"use_directory_urls: {str(directory_urls).lower()}\n"
    if site_url:
        extra += f"site_url: {site_url}\n"
    result = build(project(tmp_path, extra_yml=extra))
    assert result.returncode == 0, result.output
    if directory_urls:
        top, deep = result.page("quiz/index.html"), result.page("deep/down/page/index.html")
        want_top, want_deep = "../guide/writing/", "../../../guide/writing/"
    else:
        top, deep = result.page("quiz.html"), result.page("deep/down/page.html")
        want_top, want_deep = "guide/writing.html", "../../guide/writing.html"
    for html, want in ((top, want_top), (deep, want_deep)):
        links = hrefs(html)
        assert want + "#tone" in links and want in links, links
        # steps are addressed by number (start first, then the author's order), never by id
        assert "#quiz--small--step-2" in links and "#quiz--small--step-3" in links and "#quiz--small--step-1" in links
        assert not [link for link in links if re.search(r"--(go|wait|ready)$", link)]
        assert html.count('data-quiz="small"') == 1
        assert html.count("data-guidekit-exit>") == 1
    # the data file is not published
    assert not (result.site_dir / "quizzes").exists()
    assert not list(result.site_dir.rglob("*.yml"))


def test_the_markup_has_every_hook(tmp_path):
    result = build(project(tmp_path))
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    assert '<section class="gk-quiz" id="quiz--small" data-quiz="small" data-quiz-start="ready"' in html
    assert 'id="quiz--small--step-1" data-quiz-node="ready"' in html
    assert 'id="quiz--small--step-2" data-quiz-outcome="go"' in html
    assert '<a class="gk-quiz__option" href="#quiz--small--step-2" data-quiz-option="go">Yes</a>' in html
    for hook in ("data-quiz-back", "data-quiz-restart", "data-quiz-summary", "data-quiz-permalink"):
        assert hook in html
    assert html.count('tabindex="-1"') == 3  # the heading of each step
    assert "<script" not in html[html.index('data-quiz="small"'):html.index("data-quiz-answers")]
    assert " style=" not in html[html.index('data-quiz="small"'):html.index("data-quiz-answers")]
    assert "Back</button>" in html and "Start again</a>" in html and "Your answers</h3>" in html


def test_plain_text_is_escaped_and_markdown_is_not_raw_html(tmp_path):
    quiz = QUIZ.replace("text: Are you ready?", "text: Are you <b>ready</b>?").replace(
        "body: Take your time.", "body: Take <script>alert(1)</script> *time*.")
    result = build(project(tmp_path, **{"docs/quizzes/small.yml": quiz}))
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    assert "Are you &lt;b&gt;ready&lt;/b&gt;?" in html
    assert "<script>alert" not in html and "<em>time</em>" in html


def test_two_quizzes_on_one_page(tmp_path):
    result = build(project(tmp_path, **{
        "docs/quizzes/other.yml": OTHER,
        "docs/quiz.md": "# Quiz\n\n<!-- quiz small -->\n\nBetween.\n\n<!-- quiz other -->\n",
    }))
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    assert html.count('data-quiz="small"') == 1 and html.count('data-quiz="other"') == 1
    assert 'id="quiz--other--step-1"' in html and 'id="quiz--small--step-1"' in html
    assert html.count("data-guidekit-exit>") == 1
    assert html.index('data-quiz="small"') < html.index("Between.") < html.index('data-quiz="other"')


def test_ids_of_two_quizzes_never_clash(tmp_path):
    # quiz 'a' with a step 'b-c' and quiz 'a-b' with a step 'c', and steps
    # named like the fixed parts of the markup ('title')
    first = OTHER.replace("one", "b-c").replace("end", "title")
    second = OTHER.replace("one", "c").replace("end", "title")
    result = build(project(tmp_path, **{
        "docs/quizzes/a.yml": first,
        "docs/quizzes/a-b.yml": second,
        "docs/quiz.md": "# Quiz\n\n<!-- quiz a -->\n\n<!-- quiz a-b -->\n",
    }))
    assert result.returncode == 0, result.output
    ids = re.findall(r'\sid="([^"]+)"', result.page("quiz/index.html"))
    assert "quiz--a--step-1" in ids and "quiz--a-b--step-1" in ids and "quiz--a--step-2" in ids
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_headings_in_the_data_give_the_page_no_duplicate_ids(tmp_path):
    quiz = OTHER.replace("end: {title: The end, body: Done.}",
                         'end: {title: The end, body: "## Next steps\\n\\nDone."}\n'
                         '  other: {title: Other, body: "## Next steps\\n\\nAlso done."}')
    quiz = quiz.replace("{label: B, next: end}", "{label: B, next: other}")
    result = build(project(tmp_path, **{
        "docs/quizzes/other.yml": quiz,
        "docs/quiz.md": "# Quiz\n\n## Next steps\n\n<!-- quiz other -->\n",
    }))
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    assert html.count("<h2>Next steps</h2>") == 2  # the two outcomes' headings, without ids
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert "next-steps" in ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_data_file_name_must_be_an_id(tmp_path):
    result = build(project(tmp_path, **{"docs/quizzes/My quiz.yml": OTHER}))
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "docs/quizzes/My quiz.yml:1: the file name 'My quiz' cannot name a quiz" in result.output


def test_a_bad_file_fails_with_path_and_line_and_no_traceback(tmp_path):
    quiz = QUIZ.replace("    options:\n      - label: \"Yes\"", "    optons:\n      - label: \"Yes\"").replace(
        "next: wait", "next: wiat")
    result = build(project(tmp_path, **{"docs/quizzes/small.yml": quiz}))
    assert result.returncode != 0
    assert "docs/quizzes/small.yml:8:5: unknown key 'optons' (did you mean 'options'?)" in result.output
    assert "Traceback" not in result.output


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    quiz = QUIZ.replace("next: wait", "next: wiat").replace("title: Go ahead", "title: ''")
    result = build(project(tmp_path, **{"docs/quizzes/small.yml": quiz}))
    assert result.returncode != 0
    assert "docs/quizzes/small.yml:12: option 'Not yet' of question 'ready' leads to 'wiat'" in result.output
    assert "(did you mean 'wait'?)" in result.output
    assert "docs/quizzes/small.yml:15:12: 'title' must not be empty" in result.output
    assert "2 problems in guide data" in result.output
    assert "Traceback" not in result.output


def test_a_broken_yaml_file(tmp_path):
    result = build(project(tmp_path, **{"docs/quizzes/small.yml": QUIZ.replace("start: ready", "start: [ready")}))
    assert result.returncode != 0
    assert re.search(r"docs/quizzes/small.yml:\d+:\d+: YAML syntax error", result.output), result.output
    assert "Traceback" not in result.output


def test_a_broken_link_in_the_quiz(tmp_path):
    quiz = QUIZ.replace("writing.md#tone).\n  wait", "writing.md#tonne).\n  wait")
    result = build(project(tmp_path, **{"docs/quizzes/small.yml": quiz}))
    assert result.returncode != 0
    assert "docs/quizzes/small.yml:16: link '../guide/writing.md#tonne'" in result.output
    assert "(did you mean 'tone'?)" in result.output


def test_an_unreachable_step_fails_only_with_strict(tmp_path):
    quiz = QUIZ + "  lost:\n    title: Lost\n    body: Nobody gets here.\n"
    path = project(tmp_path, **{"docs/quizzes/small.yml": quiz})
    loose = build(path, strict=False)
    assert loose.returncode == 0, loose.output
    message = "docs/quizzes/small.yml:20: outcome 'lost' can't be reached from the first question 'ready'"
    assert message in loose.output and "WARNING" in loose.output
    strict = build(path, strict=True)
    assert strict.returncode != 0
    assert message in strict.output
    assert "Traceback" not in strict.output


def test_a_page_naming_an_unknown_quiz(tmp_path):
    result = build(project(tmp_path, **{"docs/quiz.md": "# Quiz\n\n<!-- quiz smal -->\n"}))
    assert result.returncode != 0
    assert "docs/quiz.md:3:1: no quiz named 'smal' (did you mean 'small'?); known quizzes: small" in result.output
    assert "Traceback" not in result.output


def test_the_template_can_be_overridden_by_the_site(tmp_path):
    override = ('<div class="my-quiz" data-quiz="{{ quiz.id }}">{{ quiz.title }}: '
                '{% for q in quiz.questions %}{{ q.text }}{% endfor %} {{ words.quiz_back }}</div>\n')
    yml = DEFAULT_MKDOCS.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    path = make_project(tmp_path / "p", dict(FILES, **{"overrides/guidekit/quiz.html": override}), yml)
    result = build(path)
    assert result.returncode == 0, result.output
    html = result.page("quiz/index.html")
    assert '<div class="my-quiz" data-quiz="small">Small quiz: Are you ready? Back</div>' in html
    assert "gk-quiz__step" not in html


def test_words_can_be_changed_in_mkdocs_yml(tmp_path):
    yml = DEFAULT_MKDOCS.replace("  - guidekit\n", "  - guidekit:\n      words:\n        quiz_back: Previous question\n")
    path = make_project(tmp_path / "p", FILES, yml)
    result = build(path)
    assert result.returncode == 0, result.output
    assert "Previous question</button>" in result.page("quiz/index.html")


# mkdocs serve: a broken quiz file shows as an error, the server keeps running

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_serve_reports_a_broken_quiz_and_keeps_running(tmp_path):
    path = project(tmp_path)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    url = f"http://127.0.0.1:{port}/quiz/"
    quiz_file = path / "docs" / "quizzes" / "small.yml"
    with Background([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(path / "mkdocs.yml")],
                    cwd=path, env=env) as server:
        try:
            server.wait_for(f"Serving on http://127.0.0.1:{port}/", timeout=120)
            assert 'data-quiz-node="ready"' in _get(url)
            quiz_file.write_text(QUIZ.replace("next: wait", "next: wiat"), encoding="utf-8")
            server.wait_for("docs/quizzes/small.yml:12: option 'Not yet'", timeout=60)
            assert "Traceback" not in server.output
            assert server.proc.poll() is None, server.output  # (mkdocs holds requests until the next good build)
            reloads = server.output.count("Reloading browsers")
            quiz_file.write_text(QUIZ.replace("Are you ready?", "Are you ready now?"), encoding="utf-8")
            server.wait_for("Reloading browsers", timeout=60, count=reloads + 1)
            assert "Are you ready now?" in _get(url)
            assert server.proc.poll() is None
            assert "Traceback" not in server.output
        finally:
            server.stop(timeout=30)


def test_the_example_and_the_hooks_in_the_site_owners_page(tmp_path):
    """The complete example in docs/quizzes.md builds, and
    every test hook that page lists is in the rendered quiz."""
    from helpers import ROOT

    doc = (ROOT / "docs" / "quizzes.md").read_text("utf-8")
    # the example is a file of examples/minimal/, included with --8<--
    included = re.search(r'A complete example\..*?```yaml\n--8<-- "([^"]+)"\n```', doc, re.S).group(1)
    example = (ROOT / included).read_text("utf-8")
    files = {
        "docs/index.md": "# Home\n\n## Calm {#calm-moment}\n\nWait.\n\n## Check {#check-your-draft}\n\nCheck.\n",
        "docs/page.md": "# Page\n\n<!-- quiz example -->\n",
        "docs/quizzes/example.yml": example,
    }
    result = build(make_project(tmp_path / "p", files))
    assert result.returncode == 0, result.output
    html = result.page("page/index.html")
    assert 'data-quiz="example"' in html and 'id="quiz--example--step-2" data-quiz-node="time-of-day"' in html
    assert 'href="../#calm-moment"' in html
    hooks = set(re.findall(r"^\| `(data-quiz[a-z-]*)`", doc, re.M))
    assert len(hooks) >= 9
    [script] = (result.site_dir / "assets" / "guidekit").glob("guidekit.*.js")
    for hook in hooks - {"data-quiz-change"}:
        assert re.search(rf"\s{hook}[\s=>]", html), hook
    # the Change buttons are made by the script, with the answers
    assert 'setAttribute("data-quiz-change"' in script.read_text("utf-8")
