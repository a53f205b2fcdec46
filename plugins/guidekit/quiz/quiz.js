/* Quiz: one question at a time. Answers live in this script's memory only
   (kept while the reader moves between pages by Material's instant
   navigation, gone when a page is loaded in full);
   the address carries the id of the step shown (#quiz--readiness--time).
   Steps replace the page's entry in the browser history instead of adding
   entries: "Exit this page" can then take the whole quiz out of the history,
   so that nobody pressing Back after the reader has left finds their
   answers. The quiz's own Back, Change and Start again move between steps.
   Without JavaScript the template still works: every answer is a link to
   the next step. */
(function () {
  "use strict";
  var memory = {};
  var live = [];
  var loadedAt = location.href;

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
    var steps = {};
    root.querySelectorAll("[data-quiz-node],[data-quiz-outcome]").forEach(function (el) {
      steps[el.getAttribute("data-quiz-node") || el.getAttribute("data-quiz-outcome")] = el;
    });
    var back = root.querySelector("[data-quiz-back]");
    var restart = root.querySelector("[data-quiz-restart]");
    var summary = root.querySelector("[data-quiz-summary]");
    var list = root.querySelector("[data-quiz-answers]");
    var key = page + "#" + root.id;
    // base: the step the answers start from (the first question, or a step
    // reached by a link); answers: {from, index, to}; pos: how many apply now
    var state = memory[key] || (memory[key] = fresh(first));

    function fresh(base) { return { base: base, answers: [], pos: 0 }; }
    function stepAt(k) { return k ? state.answers[k - 1].to : state.base; }
    function current() { return stepAt(state.pos); }
    function options(id) { return steps[id].querySelectorAll("[data-quiz-option]"); }
    function heading(id) { return steps[id].querySelector("h2,h3,h4,h5,h6"); }

    function fromHash() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return undefined; } // a stray '%'
      if (id.indexOf(prefix) !== 0) return id ? undefined : null;
      id = id.slice(prefix.length);
      return steps.hasOwnProperty(id) ? id : undefined;
    }

    // show the step named in the address (null: none; undefined: not ours)
    function follow(id) {
      if (id === undefined) return false;
      if (id === null) id = first;
      for (var k = 0; k <= state.answers.length; k++) {
        if (stepAt(k) === id) { state.pos = k; return true; }
      }
      state = memory[key] = fresh(id);
      return true;
    }

    function render(focus) {
      var now = current();
      Object.keys(steps).forEach(function (id) { steps[id].hidden = id !== now; });
      back.hidden = restart.hidden = now === first;
      list.textContent = "";
      for (var k = 0; k < state.pos; k++) list.appendChild(item(state.answers[k], k));
      summary.hidden = !state.pos;
      if (focus) heading(now).focus();
    }

    function item(answer, k) {
      var li = document.createElement("li");
      var question = heading(answer.from).textContent;
      var q = li.appendChild(document.createElement("span"));
      var a = li.appendChild(document.createElement("span"));
      var change = li.appendChild(document.createElement("button"));
      var hint = document.createElement("span");
      q.className = "gk-quiz__asked";
      q.textContent = question;
      a.className = "gk-quiz__answered";
      a.textContent = options(answer.from)[answer.index].textContent;
      change.type = "button";
      change.className = "gk-quiz__change";
      change.setAttribute("data-quiz-change", String(k));
      change.textContent = root.getAttribute("data-quiz-change-word");
      hint.className = "gk-quiz__hidden";
      hint.textContent = " " + root.getAttribute("data-quiz-change-hint") + " " + question;
      change.appendChild(hint);
      return li;
    }

    function go() {
      history.replaceState(history.state, "", "#" + prefix + current());
      render(true);
    }

    function parentOf(id) {
      for (var q in steps) {
        var found = Array.prototype.some.call(steps[q].querySelectorAll("[data-quiz-option]"), function (o) {
          return o.getAttribute("data-quiz-option") === id;
        });
        if (found) return q;
      }
      return first;
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
        if (!next || next.from !== now || next.index !== index) {
          state.answers = state.answers.slice(0, state.pos);
          state.answers.push({ from: now, index: index, to: el.getAttribute("data-quiz-option") });
        }
        state.pos += 1;
      } else if (el.hasAttribute("data-quiz-back")) {
        if (state.pos) state.pos -= 1;
        else state = memory[key] = fresh(parentOf(now));
      } else if (el.hasAttribute("data-quiz-restart")) {
        state = memory[key] = fresh(first);
      } else if (el.hasAttribute("data-quiz-change")) {
        state.pos = +el.getAttribute("data-quiz-change");
      } else {
        return heading(now).focus();
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
