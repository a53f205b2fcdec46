/* Quiz: one question at a time. The address names the step shown by a
   neutral number (#quiz--readiness--step-4), never by what was answered.
   The reader's path (their answers) lives in this script's memory, kept
   while the reader moves between pages by Material's instant navigation,
   and in the state of the page's history entry (history.state: not in the
   address, gone with the entry), so that after a reload Back follows the
   reader's own path. A link to a step carries no path: Back from there goes
   to the first question.
   Steps replace the page's entry in the browser history instead of adding
   entries: "Exit this page" can then take the whole quiz out of the history,
   so that nobody pressing Back after the reader has left finds their
   answers. The quiz's own Back, Change and Start again move between steps.
   Change follows the "check answers" pattern: the current answer is marked,
   and once the changed answer leads back onto questions already answered,
   those answers are kept and the reader returns to the result.
   Without JavaScript the template still works: every answer is a link to
   the next step. */
(function () {
  "use strict";
  var memory = {};
  var live = [];
  var loadedAt = location.href;
  var KEY = "guidekitQuiz"; // the quizzes' paths in history.state, by quiz element id
  var replace = history.replaceState;

  function copy(data) {
    var out = {};
    if (data && typeof data === "object") {
      for (var k in data) if (Object.prototype.hasOwnProperty.call(data, k)) out[k] = data[k];
    }
    return out;
  }

  function sameDocument(url) {
    if (url === undefined || url === null) return true;
    try {
      var u = new URL(url, location.href);
      return u.pathname === location.pathname && u.search === location.search;
    } catch (e) { return false; }
  }

  // Material's instant navigation replaces the entry's state with its scroll
  // position: the quiz's paths are carried over into the new state (a state
  // of null, which clears the entry on purpose, is left as it is).
  history.replaceState = function (data, title, url) {
    var paths = history.state && history.state[KEY];
    if (paths && sameDocument(url) && data && typeof data === "object" && !data[KEY]) {
      data = copy(data);
      data[KEY] = paths;
    }
    return replace.call(history, data, title, url);
  };

  // The address changed without a page load (Back or Forward to an entry
  // of this page, a step id typed in): show the step it names.
  window.addEventListener("popstate", function () {
    live = live.filter(function (quiz) { return quiz.root.isConnected; });
    live.forEach(function (quiz) { quiz.pop(); });
  });

  guidekit.start("[data-quiz]", function (root) {
    var prefix = root.id + "--";
    var first = root.getAttribute("data-quiz-start");
    var page = location.pathname;
    var steps = {}, address = {}, byAddress = {};
    root.querySelectorAll("[data-quiz-node],[data-quiz-outcome]").forEach(function (el) {
      var id = el.getAttribute("data-quiz-node") || el.getAttribute("data-quiz-outcome");
      steps[id] = el;
      address[id] = el.id.slice(prefix.length);
      byAddress[address[id]] = id;
    });
    var intro = root.querySelector(".gk-quiz__intro");
    var back = root.querySelector("[data-quiz-back]");
    var note = root.querySelector("[data-quiz-back-note]");
    var restart = root.querySelector("[data-quiz-restart]");
    var summary = root.querySelector("[data-quiz-summary]");
    var list = root.querySelector("[data-quiz-answers]");
    var key = page + "#" + root.id;
    function word(name) { return root.getAttribute("data-quiz-" + name) || ""; }
    // base: the step the answers start from (the first question, or a step
    // reached by a link); answers: {from, index, to}; pos: how many apply now;
    // later: while changing an answer, the answers after it (kept where the
    // new path meets the same questions)
    var saved = history.state && history.state[KEY] && history.state[KEY][root.id];
    var state = memory[key] = restore(saved) || memory[key] || fresh(first);

    function fresh(base) { return { base: base, answers: [], pos: 0, later: null }; }
    function stepAt(k) { return k ? state.answers[k - 1].to : state.base; }
    function current() { return stepAt(state.pos); }
    function isQuestion(id) { return steps[id].hasAttribute("data-quiz-node"); }
    function options(id) { return steps[id].querySelectorAll("[data-quiz-option]"); }
    function heading(id) { return steps[id].querySelector("h2,h3,h4,h5,h6"); }
    function question(id) { var t = steps[id].querySelector("[data-quiz-text]"); return (t || heading(id)).textContent.trim(); }
    function label(option) { return option.firstChild ? option.firstChild.textContent.trim() : ""; }

    // a path kept in history.state, if it still fits this quiz
    function restore(data) {
      if (!data || typeof data !== "object" || !steps.hasOwnProperty(data.base) || !Array.isArray(data.answers)) return null;
      var at = data.base;
      for (var i = 0; i < data.answers.length; i++) {
        var a = data.answers[i];
        if (!a || a.from !== at || !isQuestion(at)) return null;
        var option = options(at)[a.index];
        if (!option || option.getAttribute("data-quiz-option") !== a.to || !steps.hasOwnProperty(a.to)) return null;
        at = a.to;
      }
      var pos = data.pos;
      if (typeof pos !== "number" || pos < 0 || pos > data.answers.length || pos % 1) return null;
      return { base: data.base, answers: data.answers.map(function (a) { return { from: a.from, index: a.index, to: a.to }; }),
               pos: pos, later: null };
    }

    function fromHash() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return undefined; } // a stray '%'
      if (id.indexOf(prefix) !== 0) return id ? undefined : null;
      id = id.slice(prefix.length);
      return byAddress.hasOwnProperty(id) ? byAddress[id] : undefined;
    }

    // show the step named in the address (null: none; undefined: not ours)
    function follow(id) {
      if (id === undefined) return false;
      if (id === null) id = first;
      state.later = null;
      for (var k = 0; k <= state.answers.length; k++) {
        if (stepAt(k) === id) { state.pos = k; return true; }
      }
      state = memory[key] = fresh(id);
      return true;
    }

    // Each answer (or other step change) writes only what changed: the
    // step shown and the one before it, the answers added or taken back,
    // the marks of the step shown; no write repeats a value already there,
    // so that the browser restyles little before the next frame.
    var shownItems = []; // the list's items: [answer, k, li]
    function set(el, name, on) { if (el[name] !== on) el[name] = on; }
    function text(el, value) { if (el.textContent !== value) el.textContent = value; }
    function render(focus) {
      var now = current();
      Object.keys(steps).forEach(function (id) { set(steps[id], "hidden", id !== now); });
      set(back, "hidden", now === first);
      set(restart, "hidden", now === first);
      set(note, "hidden", now === first);
      if (intro) set(intro, "hidden", now !== first); // with the first question only: later steps start higher up
      var k = 0;
      while (k < shownItems.length && k < state.pos && shownItems[k][0] === state.answers[k]) k++;
      while (shownItems.length > k) list.removeChild(shownItems.pop()[2]);
      for (; k < state.pos; k++) shownItems.push([state.answers[k], k, list.appendChild(item(state.answers[k], k))]);
      set(summary, "hidden", !state.pos);
      if (isQuestion(now)) {
        // "Question 3": counted from the first question, when the path is known
        var progress = steps[now].querySelector("[data-quiz-progress]");
        if (progress) text(progress, state.base === first ? word("question-word") + " " + (state.pos + 1) : "");
        var answered = state.answers[state.pos];
        Array.prototype.forEach.call(options(now), function (option, index) {
          var mark = option.querySelector(".gk-quiz__current");
          var chosen = !!answered && answered.from === now && answered.index === index;
          if (chosen && !mark) {
            mark = option.appendChild(document.createElement("span"));
            mark.className = "gk-quiz__current";
            mark.textContent = " " + word("your-answer");
          } else if (!chosen && mark) {
            option.removeChild(mark);
          }
          if (chosen) option.setAttribute("aria-current", "true");
          else if (option.hasAttribute("aria-current")) option.removeAttribute("aria-current");
        });
      } else {
        var status = steps[now].querySelector("[data-quiz-status]");
        if (status) text(status, "");
      }
      if (focus) heading(now).focus();
    }

    function item(answer, k) {
      var li = document.createElement("li");
      var asked = question(answer.from);
      var q = li.appendChild(document.createElement("span"));
      var a = li.appendChild(document.createElement("span"));
      var change = li.appendChild(document.createElement("button"));
      var hint = document.createElement("span");
      q.className = "gk-quiz__asked";
      q.textContent = asked;
      a.className = "gk-quiz__answered";
      a.textContent = label(options(answer.from)[answer.index]);
      change.type = "button";
      change.className = "gk-quiz__change";
      change.setAttribute("data-quiz-change", String(k));
      change.textContent = word("change-word");
      hint.className = "gk-quiz__hidden";
      hint.textContent = " " + word("change-hint") + " " + asked;
      change.appendChild(hint);
      return li;
    }

    function go() {
      var data = copy(history.state);
      var paths = data[KEY] = copy(data[KEY]);
      paths[root.id] = { base: state.base, answers: state.answers, pos: state.pos };
      // the page first, then the history entry: the focus lays the page out
      // once, and the entry (which keeps the scroll position) finds it done
      render(true);
      replace.call(history, data, "", "#" + prefix + address[current()]);
    }

    // while changing an answer: take back the earlier answers to the
    // questions the new path meets, until a question still to answer or a result
    function reuse() {
      var later = state.later || [];
      for (;;) {
        var now = current();
        if (!isQuestion(now)) { state.later = null; return; }
        var again = null;
        for (var j = 0; j < later.length; j++) if (later[j].from === now) { again = later[j]; break; }
        if (!again) return;
        state.answers.push(again);
        state.pos += 1;
      }
    }

    function share(el, now) {
      var status = steps[now].querySelector("[data-quiz-status]");
      var url = el.href;
      function show(text, withAddress) {
        status.textContent = text;
        if (withAddress) {
          var code = status.appendChild(document.createElement("span"));
          code.className = "gk-quiz__address";
          code.textContent = " " + url;
        }
      }
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { show(word("copied")); },
                                                function () { show(word("copy"), true); });
      } else {
        show(word("copy"), true);
      }
    }

    root.addEventListener("click", function (event) {
      var el = event.target.closest("[data-quiz-option],[data-quiz-back],[data-quiz-restart],[data-quiz-change],[data-quiz-permalink]");
      if (!el || !root.contains(el) || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation(); // the step change is ours, not a page change
      var now = current();
      if (el.hasAttribute("data-quiz-option")) {
        var index = Array.prototype.indexOf.call(options(now), el);
        var next = state.answers[state.pos];
        if (index < 0) return;
        if (next && next.from === now && next.index === index) {
          // the same answer: on, or back to the result when changing
          state.pos = state.later ? state.answers.length : state.pos + 1;
          state.later = null;
        } else {
          state.answers = state.answers.slice(0, state.pos);
          state.answers.push({ from: now, index: index, to: el.getAttribute("data-quiz-option") });
          state.pos += 1;
          if (state.later) reuse();
        }
      } else if (el.hasAttribute("data-quiz-back")) {
        state.later = null;
        if (state.pos) state.pos -= 1;
        else state = memory[key] = fresh(first); // no path known: the start, not a guess
      } else if (el.hasAttribute("data-quiz-restart")) {
        state = memory[key] = fresh(first);
      } else if (el.hasAttribute("data-quiz-change")) {
        state.pos = +el.getAttribute("data-quiz-change");
        state.later = state.answers.slice(state.pos + 1);
      } else {
        return share(el, now);
      }
      go();
    });

    live.push({ root: root, pop: function () {
      if (location.pathname === page && follow(fromHash())) render(true);
    } });

    // arriving at a step from another page (or the same page loaded again
    // by instant navigation): its heading takes the focus
    var arrived = location.href !== loadedAt && fromHash();
    root.classList.add("gk-quiz--js");
    follow(fromHash() || null);
    render(!!arrived);
  });
})();
