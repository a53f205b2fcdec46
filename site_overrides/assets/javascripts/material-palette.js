/* The light/dark toggle in place of Material's palette component: see
   partials/javascripts/palette.html. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-palette]");
  var inputs = form ? [].slice.call(form.querySelectorAll("input")) : [];
  if (!inputs.length) return;
  var body = document.body, current;
  var tags = ["color-scheme", "theme-color"].map(function (name) {
    var tag = document.head.appendChild(document.createElement("meta"));
    tag.name = name;
    return tag;
  });

  function apply(index, chosen) {
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = inputs[index].getAttribute("data-md-color-" + key);
      body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling; /* none for an entry without a toggle */
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    var style = getComputedStyle(form.closest("header"));
    tags[1].content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (v) {
      return (+v).toString(16).padStart(2, "0");
    }).join("");
    tags[0].content = style.colorScheme; /* last: it restyles the page */
    if (chosen) window.__md_set("__palette", { index: index, color: color });
    current = index;
  }

  function choose(index) {
    body.setAttribute("data-md-color-switching", "");
    apply(index, true);
    setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
  }

  var stored = window.__md_get("__palette");
  var index = stored ? stored.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  apply(inputs[index] ? index : 0);
  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { choose(i); });
  });
  form.addEventListener("keydown", function (event) {
    var next = inputs[(current + 1) % inputs.length];
    if (event.key === "Enter") next.click(), next.focus();
  });
})();
