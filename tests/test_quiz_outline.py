"""The outline of a quiz for reviewers: ``<!-- quiz-outline ID -->`` on a page
and ``python -m guidekit outline FILE``."""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import DEFAULT_MKDOCS, ROOT, build, make_project

from guidekit.core.placement import find_placements
from guidekit.core.problems import Problems
from guidekit.core.words import load_words
from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ
from guidekit.quiz.outline import make_outline, to_html, to_text

WORDS = load_words("en", {}, Problems())
SHIPPED = ROOT / "content" / "quizzes" / "readiness.yml"

SMALL = """\
title: Is now a good time?
start: feeling
questions:
  feeling:
    text: How do you feel?
    options:
      - {label: Calm, next: night}
      - {label: Upset, next: wait}
      - {label: Not sure, next: night}
  night:
    text: Is it late at night?
    options:
      - {label: "Yes", next: wait}
      - {label: "No", next: write}
  spare:
    text: Nobody gets here
    options:
      - {label: A, next: wait}
      - {label: B, next: wait}
outcomes:
  wait: {title: Wait a little, body: Give it a day.}
  write: {title: Go ahead, body: Start a draft.}
  unused: {title: Never shown, body: No path leads here.}
"""

SMALL_OUTLINE = """\
Is now a good time? (small)
Question: How do you feel? [feeling]
    - “Calm” → Question: Is it late at night? [night]
        - “Yes” → Outcome: Wait a little [wait]
        - “No” → Outcome: Go ahead [write]
    - “Upset” → Outcome: Wait a little [wait]
    - “Not sure” → Question: Is it late at night? [night] (see above)
No answer leads to these:
    - Question: Nobody gets here [spare]
    - Outcome: Never shown [unused]
"""


def load(text: str, ident: str):
    loaded = load_yaml(text, f"{ident}.yml")
    model = QUIZ.load(loaded, ident, loaded.problems)
    assert model is not None, [str(p) for p in loaded.problems.items]
    return model


def test_a_small_quiz_gives_exactly_this_outline():
    model = load(SMALL, "small")
    assert to_text(make_outline(model.quiz, "small"), WORDS) == SMALL_OUTLINE


def test_the_html_outline_nests_links_back_and_escapes():
    model = load(SMALL.replace("label: Upset", "label: '<b>Upset</b>'"), "small")
    out = str(to_html(make_outline(model.quiz, "small"), WORDS, "quiz-outline--small"))
    assert "<b>" not in out and "&lt;b&gt;Upset&lt;/b&gt;" in out
    assert out.count("<ul") == out.count("</ul>") and out.count("<li") == out.count("</li>")
    # night is spelled out once, under Calm, and linked from Not sure
    assert out.count('id="quiz-outline--small--night"') == 1
    assert '<a href="#quiz-outline--small--night">see above</a>' in out
    calm = out.index("“Calm”")
    assert calm < out.index("“Yes”") < out.index("Upset") < out.index("“Not sure”")
    assert out.index("No answer leads to these:") > out.index("“Not sure”")


def test_the_shipped_quiz_outline_has_every_question_and_outcome():
    model = load(SHIPPED.read_text(encoding="utf-8"), "readiness")
    quiz = model.quiz
    text = to_text(make_outline(quiz, "readiness"), WORDS)
    for ident, question in quiz.questions.items():
        spelled_out = [line for line in text.splitlines() if line.endswith(f"[{ident}]")]
        assert spelled_out, f"question {ident} missing"
        assert question.text in spelled_out[0]
        for option in question.options:
            assert f"“{option.label}” →" in text
    for ident, outcome in quiz.outcomes.items():
        assert f"Outcome: {outcome.title} [{ident}]" in text
    assert "No answer leads to these" not in text
    # every answer of every question spelled out is one line
    spelled = [line for line in text.splitlines() if not line.endswith("(see above)")]
    answers = sum(len(q.options) for q in quiz.questions.values())
    assert len([line for line in text.splitlines() if "” → " in line]) >= answers
    assert len(spelled) >= len(quiz.questions)


def test_a_very_deep_quiz_needs_no_recursion():
    depth = 3000
    questions = "".join(f"  q{i}:\n    text: Step {i}\n    options:\n      - {{label: Next, next: {'q' + str(i + 1) if i + 1 < depth else 'end'}}}\n"
                        f"      - {{label: Stop, next: end}}\n" for i in range(depth))
    model = load(f"title: Deep\nstart: q0\nquestions:\n{questions}outcomes:\n  end: {{title: End, body: Done.}}\n", "deep")
    outline = make_outline(model.quiz, "deep")
    assert to_text(outline, WORDS).count("“Next” →") == depth
    html = str(to_html(outline, WORDS, "x"))
    assert html.count("<ul>") == depth


def test_inline_code_is_not_a_placement():
    markdown = "Write `<!-- quiz-outline readiness -->` on a line.\n\n<!-- quiz-outline readiness -->\n"
    found = [(p.kind, p.id, p.line, p.ok_position) for p in find_placements(markdown, {"quiz", "quiz-outline"})]
    assert found == [("quiz-outline", "readiness", 3, True)]


PAGE = """\
# Review

<!-- quiz-outline small -->
"""


def test_a_page_shows_the_outline_without_script_or_exit(tmp_path):
    project = make_project(tmp_path, {"docs/index.md": PAGE, "docs/quizzes/small.yml": SMALL,
                                      "docs/other.md": "# Other\n\n<!-- quiz small -->\n\n<!-- quiz-outline small -->\n"})
    result = build(project, strict=False)  # the small quiz has unreachable steps: warnings
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert 'data-quiz-outline="small"' in page
    assert "How do you feel?" in page and "Never shown" in page
    assert "data-guidekit-exit" not in page and "data-quiz=" not in page
    other = result.page("other/index.html")
    assert 'data-quiz="small"' in other and 'data-quiz-outline="small"' in other
    assert other.count("data-guidekit-exit-wrap") == 1
    ids = re.findall(r'\bid="([^"]+)"', other)
    assert len(ids) == len(set(ids)), "the quiz and its outline share element ids"


def test_an_unknown_quiz_outline_is_an_error_with_a_suggestion(tmp_path):
    project = make_project(tmp_path, {"docs/index.md": PAGE.replace("small", "smal"), "docs/quizzes/small.yml": SMALL})
    result = build(project, strict=False)
    assert result.returncode != 0
    assert "docs/index.md:3:1: no quiz named 'smal' (did you mean 'small'?); known quizzes: small" in result.output
    assert "Traceback" not in result.output


def test_a_site_can_override_the_outline_template(tmp_path):
    override = ('<ol class="my-outline">{% for item in items if item.type == "answer" %}'
                '<li>{{ item.label }}: {{ item.title }}</li>{% endfor %}</ol>\n')
    yml = DEFAULT_MKDOCS.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project = make_project(tmp_path, {"docs/index.md": PAGE, "docs/quizzes/small.yml": SMALL,
                                      "overrides/guidekit/quiz-outline.html": override}, yml)
    result = build(project, strict=False)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert '<ol class="my-outline"><li>Calm: Is it late at night?</li>' in page
    assert "guidekit-outline__tree" not in page


def run_cli(*args: str):
    return subprocess.run([sys.executable, "-m", "guidekit", "outline", *args], capture_output=True, text=True, timeout=60)


def test_the_command_prints_the_outline(tmp_path):
    path = tmp_path / "small.yml"
    path.write_text(SMALL, encoding="utf-8")
    result = run_cli(str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == SMALL_OUTLINE
    assert f"warning: {path}:" in result.stderr  # the unreachable steps


def test_the_command_reports_problems_like_the_build(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(SMALL.replace("next: write", "next: wrte"), encoding="utf-8")
    result = run_cli(str(bad), str(tmp_path / "missing.yml"))
    assert result.returncode == 2  # a file that can't be read is a usage error; a quiz with errors alone is 1
    assert result.stdout == ""
    assert f"{bad}:14: option 'No' of question 'night' leads to 'wrte', which is not a question or outcome of this quiz (did you mean 'write'?)" in result.stderr
    assert f"{tmp_path / 'missing.yml'}: the file can't be read (No such file or directory)" in result.stderr


def test_the_site_owner_page_shows_the_readiness_outline(manual_site):
    page = (manual_site / "quiz-outline" / "index.html").read_text(encoding="utf-8")
    model = load(SHIPPED.read_text(encoding="utf-8"), "readiness")
    assert 'data-quiz-outline="readiness"' in page
    for ident in list(model.quiz.questions) + list(model.quiz.outcomes):
        assert f"<code>{ident}</code>" in page
    outline = page.split('data-quiz-outline="readiness"', 1)[1].split("</div>", 1)[0]
    assert "<script" not in outline and "style=" not in outline
    assert "data-guidekit-exit" not in page  # a page with an outline only needs no Exit this page


def _indents(browser, site_url: str, width: int) -> dict[int, int]:
    """The left edge of the outline's items by depth, in CSS pixels from
    the tree's own edge, at a window ``width`` pixels wide."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(site_url + "quiz-outline/")
        return {int(depth): left for depth, left in page.evaluate("""() => {
          const tree = document.querySelector('.guidekit-outline__tree');
          const edge = tree.getBoundingClientRect().left, out = {};
          for (const li of tree.querySelectorAll('li')) {
            let depth = 0;
            for (let n = li.parentElement; n !== tree.parentElement; n = n.parentElement) depth += n.tagName === 'UL';
            out[depth] = Math.round(li.getBoundingClientRect().left - edge);
          }
          return out;
        }""").items()}
    finally:
        page.close()


def test_deep_branches_of_the_outline_keep_room_on_a_phone(browser, manual_url):
    phone, desktop = _indents(browser, manual_url, 360), _indents(browser, manual_url, 1280)
    deepest = max(phone)
    assert deepest >= 6, phone  # the shipped quiz has deep branches
    step = (phone[deepest] - phone[1]) / (deepest - 1)
    assert step <= 16, f"{step:.0f}px per level on a phone: {phone}"
    assert phone[deepest] <= 110, phone
    # wide screens keep Material's own indent
    assert (desktop[deepest] - desktop[1]) / (deepest - 1) >= 24, desktop
