/* Shared by the components: start each component element once per page,
   on first load and after every page change of Material's instant
   navigation (document$), with errors kept to the element that raised them.
   Usage: guidekit.start("[data-quiz]", function (root) { ... }); */
(function () {
  "use strict";
  var starters = [];
  function run() {
    starters.forEach(function (s) {
      document.querySelectorAll(s.selector).forEach(function (root) {
        if (root.hasAttribute("data-guidekit-started")) return;
        root.setAttribute("data-guidekit-started", "");
        try { s.init(root); } catch (error) { console.error("guidekit:", error); }
      });
    });
  }
  var subscribed = false;
  function subscribe() {
    if (subscribed) return;
    subscribed = true;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }
  window.guidekit = {
    start: function (selector, init) {
      starters.push({ selector: selector, init: init });
      subscribe();
      if (subscribed && document.readyState !== "loading") run();
    }
  };
})();
