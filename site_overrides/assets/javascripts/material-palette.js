/* Material for MkDocs 9.5-9.8: restore the reader's stored colour scheme
   before the page is first drawn (partials/javascripts/palette.html), kept
   in a file so that no inline script is needed. Material's bundle runs the
   light/dark toggle itself; this only repeats its inline script. */
(function () {
  "use strict";
  var palette = window.__md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      palette.color[key] = input.getAttribute("data-md-color-" + key);
    });
  }
  Object.keys(palette.color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, palette.color[key]);
  });
})();
