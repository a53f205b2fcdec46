"""The readiness quiz in a real Chromium: every path, Back, Change, Start
again, the browser's own Back and Forward, keyboard only, JavaScript off,
instant navigation, light and dark, axe-core, and the exit control."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from helpers import ROOT, axe_violations, material_ready
from guidekit.core.yamlfile import load_yaml
from guidekit.quiz.component import QUIZ
from guidekit.quiz.paths import every_path, read_table

PAGE = "readiness-quiz/"
ROOT_SEL = "[data-quiz='readiness']"
STEP_SEL = f"{ROOT_SEL} [data-quiz-node], {ROOT_SEL} [data-quiz-outcome]"
PREFIX = "quiz--readiness--"
EXIT_HOST = re.compile(r"^https://www\.bbc\.co\.uk/")
TABLE = ROOT / "tests" / "data" / "readiness-paths.md"


def readiness():
    path = ROOT / "content" / "quizzes" / "readiness.yml"
    loaded = load_yaml(path.read_text("utf-8"), str(path))
    model = QUIZ.load(loaded, "readiness", loaded.problems)
    assert model is not None, [str(p) for p in loaded.problems.items]
    return model.quiz


QUIZ_MODEL = readiness()
PATHS = [[(q, [o.label for o in QUIZ_MODEL.questions[q].options].index(label),
           next(o.next for o in QUIZ_MODEL.questions[q].options if o.label == label)) for q, label in path.answers]
         for path in every_path(QUIZ_MODEL)]
# the address of each step: a neutral number, the first question first
ADDRESS = {step: f"step-{n}" for n, step in enumerate(
    [QUIZ_MODEL.start] + [q for q in QUIZ_MODEL.questions if q != QUIZ_MODEL.start] + list(QUIZ_MODEL.outcomes), 1)}
# answers by label: the paths to the outcomes used below
NOT_UNSAFE, NOT_ASKED, NOT_WRITTEN = "No", "No", "No"
WANT = "I'd like them in my life, but I'll be okay either way"
TO_SILENCE = [NOT_UNSAFE, NOT_ASKED, NOT_WRITTEN, "More than three months", WANT]


def visible_steps(page) -> list[str]:
    """The ids of the visible steps (questions and outcomes)."""
    return page.locator(STEP_SEL).evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.quizNode || e.dataset.quizOutcome)")


def shown(page, step: str) -> None:
    """Wait until ``step`` is the one visible step (a page loaded again by
    instant navigation is given time to start)."""
    try:
        page.wait_for_function(
            """([sel, id]) => {
                const steps = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
                return steps.length === 1 && (steps[0].dataset.quizNode || steps[0].dataset.quizOutcome) === id;
            }""", arg=[STEP_SEL, step], timeout=5000)
    except Exception:
        raise AssertionError(f"expected only {step} visible, got {visible_steps(page)}") from None


def at(page, step: str) -> bool:
    """The address names ``step`` (by its neutral number)."""
    return page.url.endswith(f"#{PREFIX}{ADDRESS[step]}")


def step_sel(step: str) -> str:
    return f"{ROOT_SEL} :is([data-quiz-node='{step}'], [data-quiz-outcome='{step}'])"


def history(page, action) -> None:
    """Go Back or Forward. Material's instant navigation loads the page again
    on the first such step after a full page load (and on any step to
    another page); when it does, wait until the new page has replaced the
    old one and its quiz has started."""
    page.evaluate("document.querySelectorAll('[data-quiz]').forEach(e => e.setAttribute('data-test-old', ''))")
    try:
        with page.expect_request(lambda r: r.resource_type in ("xhr", "fetch") and "search" not in r.url, timeout=700):
            action()
    except PlaywrightTimeout:
        return  # the same page, no reload: the quiz shows the step itself
    page.wait_for_function("() => !document.querySelector('[data-test-old]') && document.querySelector('.gk-quiz--js')")


def focused(page) -> str:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const step = el && el.closest('[data-quiz-node],[data-quiz-outcome]');
        return (el ? el.tagName : '') + (step ? ' in ' + (step.dataset.quizNode || step.dataset.quizOutcome) : '');
    }""")


def choose(page, index: int) -> None:
    page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-option]").nth(index).click()


def answer(page, *labels: str) -> None:
    """Choose these answers, one after the other, by their labels."""
    for label in labels:
        option = page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-option]").filter(
            has_text=re.compile("^" + re.escape(label) + r"( \(your answer\))?$"))
        expect(option).to_have_count(1)
        option.click()


def open_quiz(page, site_url: str, hash: str = "") -> None:
    """Load the quiz's page; return once Material and the quiz have started."""
    page.goto(site_url + PAGE + hash)
    material_ready(page)
    expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)


def summary(page) -> list[str]:
    return page.locator(f"{ROOT_SEL} [data-quiz-summary] li").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.querySelector('.gk-quiz__answered').textContent)")


def test_the_quiz_has_many_paths_and_every_outcome_is_on_one():
    assert len(PATHS) > 40
    assert {p[-1][2] for p in PATHS} == set(QUIZ_MODEL.outcomes)
    # safety first: both "yes" and "not sure" end at once in the safety outcome
    assert [p for p in PATHS if len(p) == 1] == [[("safety", 0, "keep-safe")], [("safety", 1, "keep-safe")]]


def covering(rows: list) -> list:
    """Few rows that, together, choose every answer of every question and
    end at every outcome: each next one the row that adds the most."""
    wanted = {(q, o.label) for q, question in QUIZ_MODEL.questions.items() for o in question.options}
    wanted |= {("outcome", o) for o in QUIZ_MODEL.outcomes}

    def covers(row) -> set:
        node, out = QUIZ_MODEL.start, {("outcome", row.outcome)}
        while node in QUIZ_MODEL.questions:
            out.add((node, row.cells[node]))
            node = next(o.next for o in QUIZ_MODEL.questions[node].options if o.label == row.cells[node])
        return out

    chosen = []
    while wanted:
        best = max(rows, key=lambda row: len(covers(row) & wanted))
        assert covers(best) & wanted, f"no row of the table covers {sorted(wanted)}"
        chosen.append(best)
        wanted -= covers(best)
    return sorted(chosen, key=lambda row: row.line)


def test_reviewed_paths_that_choose_every_answer_give_their_outcomes_in_the_built_site(page, site_url):
    """The rows of the reviewed table that, together, choose every answer
    and reach every outcome, clicked in the built site (every row, in the
    slow run: the next test; tests/test_quiz_paths.py checks every row
    against the quiz's model in Python)."""
    rows = read_table(TABLE.read_text("utf-8"))
    sample = covering(rows)
    assert len(sample) < len(rows)
    walk(page, site_url, sample)


@pytest.mark.slow
def test_every_reviewed_path_gives_its_outcome_in_the_built_site(page, site_url):
    """Each row of the reviewed table (tests/data/readiness-paths.md), clicked
    by its labels in the built site, ends at the outcome the table gives."""
    rows = read_table(TABLE.read_text("utf-8"))
    assert len(rows) == len(PATHS)
    walk(page, site_url, rows)


def walk(page, site_url: str, rows: list) -> None:
    """Click through each row's answers by their labels; each ends at its outcome."""
    open_quiz(page, site_url)
    restart = page.locator(f"{ROOT_SEL} [data-quiz-restart]")
    for row in rows:
        shown(page, QUIZ_MODEL.start)
        node, labels = QUIZ_MODEL.start, []
        while node in QUIZ_MODEL.questions:
            label = row.cells[node]
            answer(page, label)
            labels.append(label)
            node = next(o.next for o in QUIZ_MODEL.questions[node].options if o.label == label)
            shown(page, node)
            assert focused(page) == f"H3 in {node}"
            assert at(page, node)
        assert node == row.outcome, f"line {row.line}"
        expect(page.locator(step_sel(row.outcome) + " .gk-quiz__why")).to_contain_text("You said")
        assert summary(page) == labels
        link = page.locator(f"{ROOT_SEL} [data-quiz-outcome='{row.outcome}'] [data-quiz-permalink]")
        assert link.get_attribute("href").endswith(f"#{PREFIX}{ADDRESS[row.outcome]}")
        restart.click()
        assert summary(page) == []
    page.watch.assert_clean()


def first_path_to() -> dict[str, list]:
    """Each question and outcome, with the first path (answer indexes) that reaches it."""
    paths: dict[str, list] = {}
    for path in PATHS:
        for n, (question, _, target) in enumerate(path):
            paths.setdefault(question, path[:n])
            paths.setdefault(target, path[:n + 1])
    assert set(paths) == set(QUIZ_MODEL.questions) | set(QUIZ_MODEL.outcomes)
    return paths


# every step in the light scheme; in the dark one, the first question, one
# further question and two outcomes (every step in the slow run)
DARK_SAMPLE = [QUIZ_MODEL.start, "time", "keep-safe", "first-message"]


@pytest.mark.parametrize("context, steps", [
    ("light", "all"),
    ("dark", "sample"),
    pytest.param("dark", "all", marks=pytest.mark.slow),
], indirect=["context"])
def test_no_axe_violations_at_any_step(page, site_url, context, request, steps):
    """Each question and outcome once, reached by clicking."""
    open_quiz(page, site_url)
    paths = first_path_to()
    if steps == "sample":
        assert set(DARK_SAMPLE) <= set(paths)
        paths = {step: paths[step] for step in DARK_SAMPLE}
    expected = "slate" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert expected == {"light": "default", "dark": "slate"}[request.node.callspec.params["context"]]
    restart = page.locator(f"{ROOT_SEL} [data-quiz-restart]")
    for step, path in paths.items():
        if restart.is_visible():
            restart.click()
        shown(page, QUIZ_MODEL.start)
        for _, index, _ in path:
            choose(page, index)
        shown(page, step)
        # the answer under the pointer changes colour on hover: measured once settled
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        # the whole page at the first step; after it only the quiz changes
        violations = axe_violations(page, None if step == QUIZ_MODEL.start else ROOT_SEL)
        assert not violations, f"at {step}:\n" + "\n".join(violations)
    page.watch.assert_clean()


def test_back_start_again_and_the_progress_cue(page, site_url):
    open_quiz(page, site_url)
    back = page.locator(f"{ROOT_SEL} [data-quiz-back]")
    restart = page.locator(f"{ROOT_SEL} [data-quiz-restart]")
    note = page.locator(f"{ROOT_SEL} [data-quiz-back-note]")
    progress = page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-progress]")
    expect(back).to_be_hidden()
    expect(restart).to_be_hidden()
    expect(note).to_be_hidden()
    expect(progress).to_have_text("Question 1")
    answer(page, *TO_SILENCE)
    shown(page, "silence")
    expect(progress).to_have_text("Question 6")  # a count, never "of N": paths differ in length
    # the browser's Back leaves the quiz: one line next to the quiz's own Back says so
    expect(note).to_be_visible()
    expect(note).to_have_text(re.compile(r"browser's back button takes you out of the quiz"))
    assert summary(page) == TO_SILENCE
    back.click()
    shown(page, "reason")
    assert focused(page) == "H3 in reason"
    expect(progress).to_have_text("Question 5")
    assert summary(page) == TO_SILENCE[:-1]
    back.click()
    shown(page, "time")
    answer(page, "Less than a month")  # a different question follows
    shown(page, "reason-early")
    answer(page, "I'm not sure")
    shown(page, "give-it-time")
    assert summary(page) == TO_SILENCE[:3] + ["Less than a month", "I'm not sure"]
    restart.click()
    shown(page, "safety")
    assert summary(page) == []
    expect(back).to_be_hidden()
    page.watch.assert_clean()


def test_change_follows_check_answers(page, site_url):
    """Change shows the question with the current answer marked; the same
    answer, or one whose path meets the same questions, returns to the
    result with the later answers kept; another branch asks only what is new."""
    open_quiz(page, site_url)
    path = TO_SILENCE + ["I could accept it", "Yes, I can start fresh", "Open and calm"]
    answer(page, *path)
    shown(page, "first-message")
    change = page.locator(f"{ROOT_SEL} [data-quiz-change]")
    expect(change).to_have_count(8)
    assert change.nth(3).inner_text().startswith("Change")
    # the same answer: straight back to the result, every answer kept
    change.nth(3).click()
    shown(page, "time")
    assert focused(page) == "H3 in time"
    current = page.locator(f"{step_sel('time')} [data-quiz-option][aria-current='true']")
    expect(current).to_have_count(1)
    expect(current).to_have_text("More than three months (your answer)")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    answer(page, "More than three months")
    shown(page, "first-message")
    assert summary(page) == path
    # another answer that leads to the same next question: the later answers still apply
    change.nth(3).click()
    shown(page, "time")
    answer(page, "One to three months")
    shown(page, "first-message")
    assert focused(page) == "H3 in first-message"
    assert summary(page) == path[:3] + ["One to three months"] + path[4:]
    # an answer that leads elsewhere: only the new question is asked
    change.nth(3).click()
    shown(page, "time")
    expect(page.locator(f"{step_sel('time')} [aria-current='true']")).to_have_text("One to three months (your answer)")
    answer(page, "Less than a month")
    shown(page, "reason-early")
    expect(page.locator(f"{step_sel('reason-early')} [aria-current]")).to_have_count(0)
    answer(page, WANT)
    shown(page, "give-it-time")
    assert summary(page) == path[:3] + ["Less than a month", WANT]
    # changing an answer so that the path meets later questions again keeps their answers
    change = page.locator(f"{ROOT_SEL} [data-quiz-change]")
    change.nth(3).click()
    answer(page, "More than three months")
    shown(page, "reason")
    answer(page, WANT)
    shown(page, "silence")  # never answered on this path before: asked
    page.watch.assert_clean()


def test_after_a_reload_back_follows_the_readers_own_path(page, site_url):
    """The path is kept with the page's history entry (history.state), not in
    the address: after a reload Back goes to the question the reader came
    from (here "reason", not "reason-early", which also leads to outcomes)."""
    open_quiz(page, site_url)
    answer(page, *TO_SILENCE)
    shown(page, "silence")
    material_ready(page)
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, -200 if before > 200 else 200)
    # Material keeps the scroll position in history.state, replacing the state:
    # wait until it has, and check that the path is still there
    page.wait_for_function("y => history.state && typeof history.state.y === 'number' && history.state.y !== y", arg=before)
    assert page.evaluate("!!history.state.guidekitQuiz")
    assert "More" not in page.url and "reason" not in page.url
    page.reload()
    material_ready(page)
    expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)
    shown(page, "silence")
    assert summary(page) == TO_SILENCE
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "reason")
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "time")
    expect(page.locator(f"{step_sel('time')} [aria-current='true']")).to_have_text("More than three months (your answer)")
    page.watch.assert_clean()


def test_back_from_a_shared_link_goes_to_the_start(page, site_url):
    """A link to a step carries no path: Back goes to the first question rather than guessing."""
    open_quiz(page, site_url, f"#{PREFIX}{ADDRESS['clean-slate']}")
    shown(page, "clean-slate")
    assert summary(page) == []
    expect(page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-progress]")).to_have_text("")
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "safety")
    answer(page, *TO_SILENCE)
    shown(page, "silence")
    page.watch.assert_clean()


def test_a_link_to_a_result_carries_no_answers_and_says_so_when_used(page, site_url):
    open_quiz(page, site_url, f"#{PREFIX}{ADDRESS['explain']}")
    shown(page, "explain")
    assert summary(page) == []
    expect(page.locator(f"{step_sel('explain')} h3")).to_contain_text("Explain why you went quiet")
    status = page.locator(f"{step_sel('explain')} [data-quiz-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_be_hidden()
    page.locator(f"{step_sel('explain')} [data-quiz-permalink]").click()
    # copied to the clipboard, or (where the browser does not allow it) the address to copy
    expect(status).to_have_text(re.compile(
        r"^Link copied\.|^Copy this address.* " + re.escape(site_url + PAGE + f"#{PREFIX}{ADDRESS['explain']}") + "$"))
    expect(status).to_be_visible()
    assert at(page, "explain")
    page.watch.assert_clean()


def test_the_address_never_names_a_step(page, site_url):
    open_quiz(page, site_url)
    answer(page, "Yes")
    shown(page, "keep-safe")
    assert page.url.endswith(f"#{PREFIX}{ADDRESS['keep-safe']}")
    assert "safe" not in page.url.split("#", 1)[1]
    page.watch.assert_clean()


def test_the_first_answer_is_above_the_fold_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        material_ready(page)
        expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)
        first = page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-option]").first
        box = first.bounding_box()
        assert box and box["y"] + box["height"] <= 844, box
        # and nothing fixed or sticky lies over it
        assert first.evaluate("""el => { const r = el.getBoundingClientRect();
            return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }""")
        # the page says its title once, and no jargon about JavaScript
        # (the quiz's own title is kept for screen readers only; Material's
        # header shows the page title once the page scrolls)
        assert page.evaluate("""t => [...document.querySelectorAll('h1, h2, h3, .md-header__topic')]
            .filter(e => e.textContent.replace('\u00b6', '').trim() === t
                         && e.checkVisibility({opacityProperty: true, visibilityProperty: true})
                         && e.getBoundingClientRect().height > 2).map(e => e.tagName)""",
            "Are you ready to reach out?") == ["H1"]
        expect(page.get_by_text("JavaScript")).to_have_count(0)
    finally:
        context.close()


def test_the_quiz_page_does_not_point_onward_after_every_outcome(page, site_url):
    open_quiz(page, site_url)
    expect(page.locator(".md-footer__link--next")).to_be_hidden()
    expect(page.get_by_text("Next: How to write your first message")).to_have_count(0)


def test_steps_add_no_history_entries_and_browser_back_leaves_the_quiz(page, site_url):
    """Steps replace the page's history entry (so that Exit this page can take
    the whole quiz out of the history): the browser's Back goes to the page
    before, Forward comes back to the step shown, answers kept (in memory,
    as long as pages change by instant navigation: the reader has done
    something on the first page, which loads Material's bundle)."""
    page.goto(site_url)
    material_ready(page)
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    shown(page, "safety")
    length = page.evaluate("history.length")
    answer(page, *TO_SILENCE[:3], "One to three months", WANT)
    shown(page, "silence")
    assert page.url.endswith(f"{PAGE}#{PREFIX}{ADDRESS['silence']}")
    assert page.evaluate("history.length") == length
    page.go_back()
    page.wait_for_url(site_url)
    expect(page.locator(ROOT_SEL)).to_have_count(0)
    history(page, page.go_forward)
    page.wait_for_url(f"**/{PAGE}#{PREFIX}{ADDRESS['silence']}")
    shown(page, "silence")
    assert summary(page) == TO_SILENCE[:3] + ["One to three months", WANT]
    # the quiz's own Back, then a new answer replaces the old branch
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "reason")
    assert at(page, "reason")
    answer(page, "I feel I need them to be okay")
    shown(page, "work-on-yourself")
    assert summary(page) == TO_SILENCE[:3] + ["One to three months", "I feel I need them to be okay"]
    assert page.evaluate("history.length") == length
    page.watch.assert_clean()


def test_keyboard_only(page, site_url):
    open_quiz(page, site_url)
    page.locator(f"{step_sel('safety')} h3").focus()

    def tab_to(selector_text: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == selector_text:
                return
        raise AssertionError(f"Tab never reached {selector_text!r}")

    for label, step in (("No", "their-wish"), ("No", "wrote"), ("No", "time")):
        tab_to(label)
        page.keyboard.press("Enter")
        shown(page, step)
        assert focused(page) == f"H3 in {step}"
    tab_to("Less than a month")
    page.keyboard.press("Enter")
    shown(page, "reason-early")
    tab_to("Back")
    page.keyboard.press("Space")
    shown(page, "time")
    tab_to("One to three months")
    page.keyboard.press("Enter")
    shown(page, "reason")
    tab_to("I feel I need them to be okay")
    page.keyboard.press("Enter")
    shown(page, "work-on-yourself")
    # the Change buttons name the question they change
    names = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-quiz-change')"):
            names.append(page.evaluate("document.activeElement.textContent"))
            if len(names) == 4:
                break
    assert names[0] == "Change your answer to: " + QUIZ_MODEL.questions["safety"].text
    assert names[3] == "Change your answer to: How long has it been since you were last in touch?"
    page.keyboard.press("Space")
    shown(page, "time")
    assert focused(page) == "H3 in time"
    tab_to("Start again")
    page.keyboard.press("Enter")
    shown(page, "safety")
    assert summary(page) == []
    page.watch.assert_clean()


def test_without_javascript_every_step_is_a_link_away(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(site_url + PAGE)
        assert visible_steps(page) == ["safety"]  # the first question, nothing else
        expect(page.locator(f"{ROOT_SEL} .gk-quiz__intro")).to_be_visible()
        for n in range(3):
            page.locator(f"{ROOT_SEL} .gk-quiz__step:visible").get_by_role("link", name="No", exact=True).click()
        assert at(page, "time")
        assert visible_steps(page) == ["time"]
        page.get_by_role("link", name="More than three months").click()
        page.locator(step_sel("reason")).get_by_role("link", name=WANT).click()
        page.get_by_role("link", name="It would hurt, but I would cope").click()
        page.get_by_role("link", name="Yes, I can start fresh").click()
        page.get_by_role("link", name="Confused about why I went quiet").click()
        assert visible_steps(page) == ["explain"]
        assert at(page, "explain")
        page.go_back()
        assert visible_steps(page) == ["how-they-were"]
        page.locator(f"{ROOT_SEL} [data-quiz-restart]").click()
        assert visible_steps(page) == ["safety"]
        # the controls that need JavaScript stay hidden
        expect(page.locator(f"{ROOT_SEL} [data-quiz-back]")).to_be_hidden()
        expect(page.locator(f"{ROOT_SEL} [data-quiz-back-note]")).to_be_hidden()
        expect(page.locator(f"{ROOT_SEL} [data-quiz-summary]")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_the_quiz_without_its_script_has_no_axe_violations(page, site_url, context):
    """axe-core needs JavaScript, so here only the quiz's own script is
    blocked: the quiz is in its no-JavaScript state, at the start and at a step."""
    page.route(re.compile(r"/assets/guidekit/.*\.js$"), lambda route: route.abort())
    page.goto(site_url + PAGE)
    material_ready(page)
    assert page.locator(f"{ROOT_SEL}.gk-quiz--js").count() == 0
    assert visible_steps(page) == ["safety"]
    assert axe_violations(page) == []
    page.goto(site_url + PAGE + f"#{PREFIX}{ADDRESS['how-they-were']}")
    # (instant navigation may load the page again for the new address)
    shown(page, "how-they-were")
    material_ready(page)
    # the header swaps its title for the page's once scrolled: let it finish fading
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert axe_violations(page) == []
    assert not page.watch.foreign_requests


def test_instant_navigation_in_out_and_back(page, site_url):
    page.goto(site_url)
    material_ready(page)
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)
    shown(page, "safety")
    path = TO_SILENCE + ["I could accept it", "Yes, I can start fresh", "Open and calm"]
    answer(page, *path)
    shown(page, "first-message")
    # out, by a link in the result, and back with the browser: answers kept
    page.locator(step_sel("first-message")).get_by_role("link", name="check your draft").click()
    page.wait_for_url("**/writing/#check-your-draft")
    expect(page.locator(ROOT_SEL)).to_have_count(0)
    history(page, page.go_back)
    page.wait_for_url(f"**/{PAGE}#{PREFIX}{ADDRESS['first-message']}")
    shown(page, "first-message")
    assert summary(page) == path
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "how-they-were")
    # out through the navigation and in again: a fresh start
    page.locator(".md-nav__link", has_text="About this guide").first.click()
    page.wait_for_url("**/about/")
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    shown(page, "safety")
    assert summary(page) == []
    answer(page, "Yes")
    shown(page, "keep-safe")
    assert page.evaluate("document.querySelectorAll('[data-quiz]').length") == 1
    page.watch.assert_clean()


def test_printing_a_result_shows_the_result_and_answers_without_controls(page, site_url):
    open_quiz(page, site_url)
    path = TO_SILENCE[:3] + ["Less than a month", "I feel I need them to be okay"]
    answer(page, *path)
    shown(page, "work-on-yourself")
    page.emulate_media(media="print")
    expect(page.locator(step_sel("work-on-yourself"))).to_be_visible()
    expect(page.locator(f"{ROOT_SEL} [data-quiz-summary]")).to_be_visible()
    for control in ("[data-quiz-back]", "[data-quiz-restart]", "[data-quiz-change]", "[data-quiz-permalink]"):
        expect(page.locator(f"{ROOT_SEL} {control}").first).to_be_hidden()
    expect(page.locator("[data-guidekit-exit]")).to_be_hidden()
    assert summary(page) == path
    page.watch.assert_clean()


def test_nothing_is_stored(page, site_url):
    open_quiz(page, site_url)
    answer(page, *TO_SILENCE[:3], "Less than a month")
    shown(page, "reason-early")
    stored = page.evaluate("""() => {
        const keys = [];
        for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
        for (let i = 0; i < sessionStorage.length; i++) keys.push(sessionStorage.key(i));
        return {keys, cookie: document.cookie};
    }""")
    assert not [k for k in stored["keys"] if "quiz" in k.lower() or "readiness" in k.lower()]
    assert stored["cookie"] == ""
    page.watch.assert_clean()


def test_exit_this_page_leaves_and_replaces_history(page, site_url):
    visited = []

    def stub(route):
        visited.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather")

    page.route(EXIT_HOST, stub)
    page.goto(site_url)
    material_ready(page)
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    answer(page, *TO_SILENCE[:3], "One to three months", WANT)
    shown(page, "silence")
    page.locator("[data-guidekit-exit]").click()
    page.wait_for_url(EXIT_HOST)
    assert visited and all(EXIT_HOST.match(u) for u in visited)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == site_url  # the page before, not the quiz or one of its steps
    # and nothing of the quiz is left ahead in the history either
    page.go_forward()
    page.wait_for_url(EXIT_HOST)
    assert page.evaluate("history.length") == 3  # the blank tab, the home page, the neutral site
    assert not page.watch.console_errors
    # the only request to another origin was the exit link, answered here by the stub
    assert set(page.watch.foreign_requests) <= set(visited)



def test_the_quiz_starting_moves_nothing_on_the_page(page, site_url):
    """When the script takes over, the first question looks as the page
    sent it ("Question 1" is in the HTML): no layout shift at load, on a
    phone-sized screen where the quiz is in view."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.add_init_script("""window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(e => window.__shifts.push(e.value)))
            .observe({type: "layout-shift", buffered: true});""")
    open_quiz(page, site_url)
    expect(page.locator(f"{ROOT_SEL} .gk-quiz__step--start [data-quiz-progress]")).to_have_text("Question 1")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("window.__shifts") == []
