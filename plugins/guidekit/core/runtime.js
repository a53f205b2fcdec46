/* Shared by the components: start each component element once per page,
   on first load and after every page change of Material's instant
   navigation (document$), with errors kept to the element that raised them.
   Material's bundle may arrive after the components have started (the site
   loads it when the reader first does something): it fires DOMContentLoaded
   again, and from then on its page changes start the components.
   Usage: guidekit.start("[data-quiz]", function (root) { ... }); */
(function () {
  "use strict";
  var starters = [];
  var following = false; /* subscribed to Material's document$ */
  function run() {
    if (!following && window.document$ && typeof window.document$.subscribe === "function") {
      following = true;
      window.document$.subscribe(run);
      return; /* document$ replays the current page: run comes back at once */
    }
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
    document.addEventListener("DOMContentLoaded", run);
  }
  window.guidekit = {
    start: function (selector, init) {
      starters.push({ selector: selector, init: init });
      subscribe();
      if (subscribed && document.readyState !== "loading") run();
    }
  };
})();
