/* The light/dark toggle, for Material's: see partials/javascripts/palette.html */
(function () {
  "use strict";
  var form = document.querySelector("form[data-palette]");
  var inputs = form ? [].slice.call(form.querySelectorAll("input")) : [];
  if (!inputs.length) return;
  var body = document.body, attr = "data-md-color-", current;
  var tags = ["color-scheme", "theme-color"].map(function (name) {
    var tag = document.head.appendChild(document.createElement("meta"));
    tag.name = name;
    return tag;
  });

  function apply(index, chosen) {
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = inputs[index].getAttribute(attr + key);
      body.setAttribute(attr + key, color[key]);
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling; /* absent without a toggle */
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    var style = getComputedStyle(form.closest("header"));
    tags[1].content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (v) {
      return (+v).toString(16).padStart(2, "0");
    }).join("");
    tags[0].content = style.colorScheme; /* last: it restyles */
    if (chosen) window.__md_set("__palette", { index: index, color: color });
    current = index;
  }

  function choose(index) {
    body.setAttribute(attr + "switching", "");
    apply(index, true);
    setTimeout(function () { body.removeAttribute(attr + "switching"); });
  }

  var stored = window.__md_get("__palette");
  var index = stored ? stored.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute(attr + "media")).matches;
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
