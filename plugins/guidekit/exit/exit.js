/* Exit this page: leave for a neutral site at once, replacing this page in
   the history so that Back does not return here. Also three presses of
   Shift in a row, as in the GOV.UK pattern. */
(function () {
  "use strict";
  function leave(url) { window.location.replace(url); }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-guidekit-exit]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    event.preventDefault();
    document.body.classList.add("guidekit-leaving");
    leave(link.href);
  });
  var presses = 0, timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    var link = document.querySelector("[data-guidekit-exit]");
    if (!link) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) { document.body.classList.add("guidekit-leaving"); leave(link.href); }
  });
})();
