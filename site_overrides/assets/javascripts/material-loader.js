/* Material's bundle, loaded when the reader first does something on the
   page: a touch, a click, a key, moving focus, a scroll or a turn of the
   mouse wheel. See main.html for why.

   The page holds the bundle's script element with type="text/plain"
   (the browser neither fetches nor runs it) and data-md-bundle. This script
   adds a real script element with the same address. Material starts its
   components when DOMContentLoaded fires; by the time the bundle has run,
   that event is over, so it is fired again for the bundle (the guide's
   components start once per element, whatever the number of events). Once
   the bundle has started, <html> carries data-md-bundle="ready". A first
   key that is one of Material's shortcuts ("/", "s" or "f" for the search,
   "n", "p", "," and "." for the next and previous page) is passed on to
   it once it has started, so that the key still does what it says. */
(function () {
  "use strict";
  var held = document.querySelector("script[data-md-bundle]");
  if (!held) return;
  var root = document.documentElement;
  var triggers = ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "scroll"];
  var options = { capture: true, passive: true };
  var parsed = document.readyState !== "loading";
  var started = false;
  var shortcuts = ["/", "s", "f", "n", "p", ",", "."];
  var replay = null;

  if (!parsed) {
    document.addEventListener("DOMContentLoaded", function () { parsed = true; }, { once: true });
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function load(event) {
    if (started) return;
    started = true;
    if (event && event.type === "keydown" && shortcuts.indexOf(event.key) >= 0 &&
        !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
      replay = event.key;
    }
    triggers.forEach(function (type) { window.removeEventListener(type, load, options); });
    var script = document.createElement("script");
    script.src = held.src;
    script.addEventListener("load", function () {
      /* Still reading the page? Then Material hears the real event. */
      if (parsed) document.dispatchEvent(new Event("DOMContentLoaded"));
      root.setAttribute("data-md-bundle", "ready");
      if (replay) window.dispatchEvent(new KeyboardEvent("keydown", { key: replay, bubbles: true, cancelable: true }));
    });
    root.setAttribute("data-md-bundle", "loading");
    document.body.appendChild(script);
  }

  /* One part of Material's start-up cannot wait: a code block that scrolls
     sideways gets tabindex="0", so that a keyboard can scroll it (on
     devices with a mouse, as Material does). All widths are read first,
     then the attributes set: the layout is worked out once. */
  if (matchMedia("(hover)").matches) {
    [].filter.call(document.querySelectorAll("pre > code"), function (code) {
      return code.scrollWidth > code.clientWidth;
    }).forEach(function (code) { code.setAttribute("tabindex", "0"); });
  }

  triggers.forEach(function (type) { window.addEventListener(type, load, options); });
  /* Focus already inside the page (a reload keeps it) counts as a start. */
  if (document.activeElement && document.activeElement !== document.body) load();
})();
