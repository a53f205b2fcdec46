/* Material for MkDocs 9.8: select content tabs on page load
   (partials/javascripts/content.html), kept in a file so that no inline
   script is needed. With the content.tabs.link feature, the script element
   carries data-md-tabs-link and the tabs the reader chose are restored. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (script && script.hasAttribute("data-md-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        var found = false;
        tabs.forEach(function (tab) {
          if (found) return;
          Array.from(labels.getElementsByTagName("label")).forEach(function (label) {
            if (!found && label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              found = true;
            }
          });
        });
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
