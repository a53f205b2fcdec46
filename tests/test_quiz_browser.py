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

PAGE = "readiness-quiz/"
ROOT_SEL = "[data-quiz='readiness']"
STEP_SEL = f"{ROOT_SEL} [data-quiz-node], {ROOT_SEL} [data-quiz-outcome]"
PREFIX = "quiz--readiness--"
EXIT_HOST = re.compile(r"^https://www\.bbc\.co\.uk/")


def readiness():
    path = ROOT / "content" / "quizzes" / "readiness.yml"
    loaded = load_yaml(path.read_text("utf-8"), str(path))
    model = QUIZ.load(loaded, "readiness", loaded.problems)
    assert model is not None, [str(p) for p in loaded.problems.items]
    return model.quiz


QUIZ_MODEL = readiness()


def all_paths(quiz) -> list[list[tuple[str, int, str]]]:
    """Every path from the first question to an outcome, as (question, option index, next)."""
    done, stack = [], [(quiz.start, [])]
    while stack:
        node, path = stack.pop()
        if node in quiz.outcomes:
            done.append(path)
            continue
        for i, option in enumerate(quiz.questions[node].options):
            stack.append((option.next, path + [(node, i, option.next)]))
    return sorted(done)


PATHS = all_paths(QUIZ_MODEL)


def visible_steps(page) -> list[str]:
    return page.locator(STEP_SEL).evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.id)")


def shown(page, step: str) -> None:
    """Wait until ``step`` is the one visible step (a page loaded again by
    instant navigation is given time to start)."""
    try:
        page.wait_for_function(
            """([sel, id]) => {
                const steps = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
                return steps.length === 1 && steps[0].id === id;
            }""", arg=[STEP_SEL, PREFIX + step], timeout=5000)
    except Exception:
        raise AssertionError(f"expected only {PREFIX + step} visible, got {visible_steps(page)}") from None


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
        return (el ? el.tagName : '') + (step ? ' in ' + step.id : '');
    }""")


def choose(page, index: int) -> None:
    page.locator(f"{ROOT_SEL} .gk-quiz__step:visible [data-quiz-option]").nth(index).click()


def open_quiz(page, site_url: str, hash: str = "") -> None:
    page.goto(site_url + PAGE + hash, wait_until="networkidle")
    expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)


def summary(page) -> list[str]:
    return page.locator(f"{ROOT_SEL} [data-quiz-summary] li").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.querySelector('.gk-quiz__answered').textContent)")


def test_the_quiz_has_many_paths_and_every_outcome_is_on_one():
    assert len(PATHS) > 20
    assert {p[-1][2] for p in PATHS} == set(QUIZ_MODEL.outcomes)
    # safety first: both "yes" and "not sure" end at once in the safety outcome
    assert [p for p in PATHS if len(p) == 1] == [[("safety", 0, "keep-safe")], [("safety", 1, "keep-safe")]]


def test_every_path_reaches_its_outcome(page, site_url):
    open_quiz(page, site_url)
    for path in PATHS:
        shown(page, QUIZ_MODEL.start)
        for question, index, target in path:
            shown(page, question)
            choose(page, index)
            shown(page, target)
            assert focused(page) == f"H3 in {PREFIX}{target}"
            assert page.url.endswith(f"#{PREFIX}{target}")
        labels = [QUIZ_MODEL.questions[q].options[i].label for q, i, _ in path]
        assert summary(page) == labels
        link = page.locator(f"#{PREFIX}{path[-1][2]} [data-quiz-permalink]")
        assert link.get_attribute("href").endswith(f"#{PREFIX}{path[-1][2]}")
        page.locator(f"{ROOT_SEL} [data-quiz-restart]").click()
        assert summary(page) == []
    page.watch.assert_clean()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_no_axe_violations_at_any_step(page, site_url, context, request):
    """Each question and outcome once, reached by clicking, in both schemes."""
    open_quiz(page, site_url)
    first_path_to = {}
    for path in PATHS:
        for n, (question, _, target) in enumerate(path):
            first_path_to.setdefault(question, path[:n])
            first_path_to.setdefault(target, path[:n + 1])
    assert set(first_path_to) == set(QUIZ_MODEL.questions) | set(QUIZ_MODEL.outcomes)
    expected = "slate" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert expected == {"light": "default", "dark": "slate"}[request.node.callspec.params["context"]]
    restart = page.locator(f"{ROOT_SEL} [data-quiz-restart]")
    for step, path in first_path_to.items():
        if restart.is_visible():
            restart.click()
        shown(page, QUIZ_MODEL.start)
        for _, index, _ in path:
            choose(page, index)
        shown(page, step)
        violations = axe_violations(page)
        assert not violations, f"at {step}:\n" + "\n".join(violations)
    page.watch.assert_clean()


def test_back_change_and_start_again(page, site_url):
    open_quiz(page, site_url)
    back = page.locator(f"{ROOT_SEL} [data-quiz-back]")
    restart = page.locator(f"{ROOT_SEL} [data-quiz-restart]")
    expect(back).to_be_hidden()
    expect(restart).to_be_hidden()
    choose(page, 2)  # No (not about safety)
    choose(page, 2)  # more than three months
    choose(page, 1)  # a want
    shown(page, "silence")
    assert summary(page) == ["No", "More than three months", "I'd like them in my life, but I'll be okay either way"]
    back.click()
    shown(page, "reason")
    assert focused(page) == f"H3 in {PREFIX}reason"
    assert summary(page) == ["No", "More than three months"]
    back.click()
    shown(page, "time")
    choose(page, 0)  # change to less than a month: a different question follows
    shown(page, "reason-early")
    choose(page, 3)
    shown(page, "give-it-time")
    assert summary(page) == ["No", "Less than a month", "I'm not sure"]
    # Change the second answer: the answers after it are no longer on the path
    change = page.locator(f"{ROOT_SEL} [data-quiz-change]")
    expect(change).to_have_count(3)
    assert change.nth(1).inner_text().startswith("Change")
    change.nth(1).click()
    shown(page, "time")
    assert focused(page) == f"H3 in {PREFIX}time"
    assert summary(page) == ["No"]
    choose(page, 1)
    shown(page, "reason")
    assert summary(page) == ["No", "One to three months"]
    restart.click()
    shown(page, "safety")
    assert summary(page) == []
    expect(back).to_be_hidden()
    page.watch.assert_clean()


def test_back_works_for_a_reader_who_arrived_by_a_link(page, site_url):
    open_quiz(page, site_url, f"#{PREFIX}clean-slate")
    shown(page, "clean-slate")
    assert summary(page) == []
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "silence")  # the question that leads to it
    choose(page, 0)
    shown(page, "clean-slate")
    assert summary(page) == ["I could accept it"]
    page.watch.assert_clean()


def test_a_link_to_a_result_carries_no_answers(page, site_url):
    open_quiz(page, site_url, f"#{PREFIX}explain")
    shown(page, "explain")
    assert summary(page) == []
    expect(page.locator(f"#{PREFIX}explain h3")).to_contain_text("Explain why you went quiet")
    page.watch.assert_clean()


def test_steps_add_no_history_entries_and_browser_back_leaves_the_quiz(page, site_url):
    """Steps replace the page's history entry (so that Exit this page can take
    the whole quiz out of the history): the browser's Back goes to the page
    before, Forward comes back to the step shown, answers kept (in memory,
    as long as pages change by instant navigation: the reader has done
    something on the first page, which loads Material's bundle)."""
    page.goto(site_url, wait_until="networkidle")
    material_ready(page)
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    shown(page, "safety")
    length = page.evaluate("history.length")
    choose(page, 2)
    shown(page, "time")
    choose(page, 1)
    shown(page, "reason")
    choose(page, 1)
    shown(page, "silence")
    assert page.url.endswith(f"{PAGE}#{PREFIX}silence")
    assert page.evaluate("history.length") == length
    page.go_back()
    page.wait_for_url(site_url)
    expect(page.locator(ROOT_SEL)).to_have_count(0)
    history(page, page.go_forward)
    page.wait_for_url(f"**/{PAGE}#{PREFIX}silence")
    shown(page, "silence")
    assert summary(page) == ["No", "One to three months", "I'd like them in my life, but I'll be okay either way"]
    # the quiz's own Back, then a new answer replaces the old branch
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "reason")
    assert page.url.endswith(f"#{PREFIX}reason")
    choose(page, 0)
    shown(page, "work-on-yourself")
    assert summary(page) == ["No", "One to three months", "I feel I need them to be okay"]
    assert page.evaluate("history.length") == length
    page.watch.assert_clean()


def test_keyboard_only(page, site_url):
    open_quiz(page, site_url)
    page.locator(f"#{PREFIX}safety h3").focus()

    def tab_to(selector_text: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == selector_text:
                return
        raise AssertionError(f"Tab never reached {selector_text!r}")

    tab_to("No")
    page.keyboard.press("Enter")
    shown(page, "time")
    assert focused(page) == f"H3 in {PREFIX}time"
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
            if len(names) == 2:
                break
    assert names == ["Change your answer to: Did you stop talking to keep yourself safe?",
                     "Change your answer to: How long has it been since you were last in touch?"]
    page.keyboard.press("Space")
    shown(page, "time")
    assert focused(page) == f"H3 in {PREFIX}time"
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
        assert visible_steps(page) == [PREFIX + "safety"]  # the first question, nothing else
        expect(page.locator(f"{ROOT_SEL} .gk-quiz__intro")).to_be_visible()
        page.get_by_role("link", name="No", exact=True).click()
        assert page.url.endswith(f"#{PREFIX}time")
        assert visible_steps(page) == [PREFIX + "time"]
        page.get_by_role("link", name="More than three months").click()
        page.locator(f"#{PREFIX}reason").get_by_role("link", name="I'd like them in my life, but I'll be okay either way").click()
        page.get_by_role("link", name="It would hurt, but I would cope").click()
        page.get_by_role("link", name="Yes, I can start fresh").click()
        page.get_by_role("link", name="Confused about why I went quiet").click()
        assert visible_steps(page) == [PREFIX + "explain"]
        assert page.url.endswith(f"#{PREFIX}explain")
        page.go_back()
        assert visible_steps(page) == [PREFIX + "how-they-were"]
        page.locator(f"{ROOT_SEL} [data-quiz-restart]").click()
        assert visible_steps(page) == [PREFIX + "safety"]
        # the controls that need JavaScript stay hidden
        expect(page.locator(f"{ROOT_SEL} [data-quiz-back]")).to_be_hidden()
        expect(page.locator(f"{ROOT_SEL} [data-quiz-summary]")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_the_quiz_without_its_script_has_no_axe_violations(page, site_url, context):
    """axe-core needs JavaScript, so here only the quiz's own script is
    blocked: the quiz is in its no-JavaScript state, at the start and at a step."""
    page.route(re.compile(r"/assets/guidekit/.*\.js$"), lambda route: route.abort())
    page.goto(site_url + PAGE, wait_until="networkidle")
    assert page.locator(f"{ROOT_SEL}.gk-quiz--js").count() == 0
    assert visible_steps(page) == [PREFIX + "safety"]
    assert axe_violations(page) == []
    page.goto(site_url + PAGE + f"#{PREFIX}how-they-were", wait_until="networkidle")
    # (instant navigation may load the page again for the new address)
    shown(page, "how-they-were")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert not page.watch.foreign_requests


def test_instant_navigation_in_out_and_back(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    material_ready(page)
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    expect(page.locator(f"{ROOT_SEL}.gk-quiz--js")).to_have_count(1)
    shown(page, "safety")
    choose(page, 2)
    choose(page, 2)
    choose(page, 1)
    choose(page, 0)
    choose(page, 0)
    choose(page, 0)
    shown(page, "first-message")
    # out, by a link in the result, and back with the browser: answers kept in memory
    page.locator(f"#{PREFIX}first-message").get_by_role("link", name="check your draft").click()
    page.wait_for_url("**/writing/#check-your-draft")
    expect(page.locator(ROOT_SEL)).to_have_count(0)
    history(page, page.go_back)
    page.wait_for_url(f"**/{PAGE}#{PREFIX}first-message")
    shown(page, "first-message")
    assert len(summary(page)) == 6
    page.locator(f"{ROOT_SEL} [data-quiz-back]").click()
    shown(page, "how-they-were")
    # out through the navigation and in again: a fresh start
    page.locator(".md-nav__link", has_text="About this guide").first.click()
    page.wait_for_url("**/about/")
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    shown(page, "safety")
    assert summary(page) == []
    choose(page, 0)
    shown(page, "keep-safe")
    assert page.evaluate("document.querySelectorAll('[data-quiz]').length") == 1
    page.watch.assert_clean()


def test_printing_a_result_shows_the_result_and_answers_without_controls(page, site_url):
    open_quiz(page, site_url)
    choose(page, 2)
    choose(page, 0)
    choose(page, 0)
    shown(page, "work-on-yourself")
    page.emulate_media(media="print")
    expect(page.locator(f"#{PREFIX}work-on-yourself")).to_be_visible()
    expect(page.locator(f"{ROOT_SEL} [data-quiz-summary]")).to_be_visible()
    for control in ("[data-quiz-back]", "[data-quiz-restart]", "[data-quiz-change]", "[data-quiz-permalink]"):
        expect(page.locator(f"{ROOT_SEL} {control}").first).to_be_hidden()
    expect(page.locator("[data-guidekit-exit]")).to_be_hidden()
    assert summary(page) == ["No", "Less than a month", "I feel I need them to be okay"]
    page.watch.assert_clean()


def test_nothing_is_stored(page, site_url):
    open_quiz(page, site_url)
    choose(page, 2)
    choose(page, 0)
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
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-nav__link", has_text="Are you ready").first.click()
    page.wait_for_url(f"**/{PAGE}")
    choose(page, 2)
    choose(page, 1)
    choose(page, 1)
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

