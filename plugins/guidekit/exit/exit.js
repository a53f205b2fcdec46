/* Exit this page, with the behaviour of GOV.UK Frontend's component: the
   link, or Shift pressed 3 times (each press at most 5 s after the one
   before; a Shift held for another key does not count), hides the page at
   once, says "Loading." in an alert and opens the link's neutral site,
   replacing this page in the history so that Back does not return here.
   Each press is announced in the control's status region; the count starts
   again when the page is shown from the back-forward cache. */
(function () {
  "use strict";
  var WAIT = 5000;
  /* the words when a site's own copy of exit.html does not give them */
  var DEFAULTS = {
    press_two: "Shift, press 2 more times to exit.",
    press_one: "Shift, press 1 more time to exit.",
    timed_out: "Exit this page expired.",
    leaving: "Loading."
  };
  var state = { presses: 0, modified: false, timer: null, quiet: null, overlay: null };

  function control() {
    var link = document.querySelector("[data-guidekit-exit]");
    if (!link) return null;
    var wrap = link.closest("[data-guidekit-exit-wrap]") || link.parentNode;
    var words = {};
    try { words = JSON.parse(wrap.getAttribute("data-guidekit-exit-words") || "{}"); } catch (e) { /* a template without words */ }
    var status = wrap.querySelector("[data-guidekit-exit-status]");
    if (!status) { /* a template copied from an older version */
      status = document.createElement("span");
      status.className = "guidekit-exit__hidden";
      status.setAttribute("role", "status");
      status.setAttribute("data-guidekit-exit-status", "");
      wrap.appendChild(status);
    }
    return { link: link, wrap: wrap, status: status, words: words };
  }

  function say(c, key) { c.status.textContent = key ? (c.words[key] || DEFAULTS[key]) : ""; }

  function lights(c) {
    var box = c.link.querySelector(".guidekit-exit__lights");
    if (!box) {
      box = document.createElement("span");
      box.className = "guidekit-exit__lights";
      box.setAttribute("aria-hidden", "true");
      for (var i = 0; i < 3; i++) box.appendChild(document.createElement("span"));
      c.link.appendChild(box);
    }
    box.classList.toggle("guidekit-exit__lights--on", state.presses > 0);
    Array.prototype.forEach.call(box.children, function (light, i) {
      light.classList.toggle("guidekit-exit__light--on", i < state.presses);
    });
  }

  function stopTimers() {
    clearTimeout(state.timer); clearTimeout(state.quiet);
    state.timer = state.quiet = null;
  }

  function leave(c) {
    stopTimers();
    state.presses = 0;
    say(c, null);
    document.body.classList.add("guidekit-exit-leaving");
    var overlay = document.createElement("div");
    overlay.className = "guidekit-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("data-guidekit-exit-overlay", "");
    document.body.appendChild(overlay);
    /* the text after the element is in place: screen readers then say it */
    overlay.textContent = c.words.leaving || DEFAULTS.leaving;
    state.overlay = overlay;
    window.location.replace(c.link.href);
  }

  function expire() {
    var c = control();
    stopTimers();
    state.presses = 0;
    if (!c) return;
    say(c, "timed_out");
    lights(c);
    state.quiet = setTimeout(function () { say(c, null); }, WAIT);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-guidekit-exit]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    var c = control();
    if (!c) return;
    event.preventDefault();
    c.link = link;
    leave(c);
  });

  document.addEventListener("keyup", function (event) {
    /* only Shift, or a key while presses are counted, needs the control:
       other keys (typing) cost no look through the page */
    var c = event.key === "Shift" || state.timer ? control() : true;
    if (!c) return;
    /* Shift+A sends two keyups: A with shiftKey set, then Shift. The second
       is not a press of Shift on its own, so it does not count. */
    if (event.key === "Shift" && !state.modified) {
      state.presses += 1;
      stopTimers();
      if (state.presses >= 3) { lights(c); leave(c); return; }
      say(c, state.presses === 1 ? "press_two" : "press_one");
      lights(c);
      state.timer = setTimeout(expire, WAIT);
    } else if (state.timer) {
      expire(); /* another key between the presses */
    }
    state.modified = event.shiftKey;
  }, true);

  function reset() {
    stopTimers();
    state.presses = 0;
    state.modified = false;
    document.body.classList.remove("guidekit-exit-leaving");
    document.querySelectorAll("[data-guidekit-exit-overlay]").forEach(function (o) { o.remove(); });
    state.overlay = null;
    var c = control();
    if (c) { c.status.setAttribute("role", "status"); say(c, null); lights(c); }
  }
  /* shown again from the back-forward cache: a usable page, counting from 0 */
  window.addEventListener("pageshow", reset);

  /* a new page (instant navigation too): count from 0, status region ready */
  if (window.guidekit) window.guidekit.start("[data-guidekit-exit-wrap]", function () { reset(); });
})();
