/* Message checklist: runs the automatic checks of a [data-checklist] element
   against the draft as the reader types, next to the self-checks they tick.
   The draft never leaves the page: no request, nothing in the URL, and
   nothing stored unless the reader ticks "Keep my draft on this device".
   The patterns come from the build (data-pattern, see compile.py); `norm`
   must normalise text exactly as compile.py normalises phrases.
   guidekit.checklist.evaluate(root, text) returns the results without
   touching the page (used by the benchmark). */
(function () {
  "use strict";
  var cache = new WeakMap();
  var HAS_WORD = /[\p{L}\p{N}]/u;
  var ENDS = ".!?\u2026";

  function norm(text) {
    return text.normalize("NFC").toLowerCase()
      .replace(/[\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]/g, "'")
      .replace(/[\u201c-\u201f\u2033]/g, '"');
  }
  function flat(text) { return text.replace(/\s+/g, " ").trim(); }
  function all(re, text) { return text.match(re) || []; }
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  // One pass over the words (runs of non-space with a letter or digit in
  // them): the sentences that hold a word, each with its text, its number of
  // words, the line it starts on and whether it ends with . ! ? or an ellipsis.
  // A line break ends a sentence too.
  function sentences(low) {
    var out = [], cur = null;
    function end(mark) {
      if (cur && cur.words) { cur.text = cur.parts.join(" "); cur.mark = mark; out.push(cur); }
      cur = null;
    }
    low.split("\n").forEach(function (line, i) {
      line.split(/\s+/).forEach(function (t) {
        if (!t) return;
        cur = cur || { parts: [], words: 0, line: i };
        cur.parts.push(t);
        if (HAS_WORD.test(t)) cur.words++;
        if (ENDS.indexOf(t.charAt(t.length - 1)) >= 0) end(true);
      });
      end(false);
    });
    return out;
  }
  // the last sentence, passing over sign-offs ("Take care, Sam"): lines of
  // one sentence with at most three words and no end mark
  function last(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var s = list[i];
      if (list[i - 1].line === s.line || s.mark || s.words > 3) return s.text;
    }
    return list.length ? list[0].text : "";
  }

  function rules(root) {
    var found = cache.get(root);
    if (found) return found;
    found = [].map.call(root.querySelectorAll("[data-kind]"), function (el) {
      var d = el.dataset;
      return {
        el: el, id: d.check, kind: d.kind, message: d.message, suggestion: d.suggestion,
        pattern: d.pattern, alt: d.other,
        min: d.min ? +d.min : 0, max: d.max ? +d.max : Infinity,
        last: d.within === "last-sentence", sentence: d.per === "sentence"
      };
    });
    cache.set(root, found);
    return found;
  }

  // The matchers are built when first needed (as the page starts only to
  // check a kept draft): building and compiling one costs more than running
  // it on a long draft. Running it once on "" has the engine compile it.
  function build(r) {
    if (r.pattern && !r.re) {
      r.re = new RegExp(r.pattern, "gu");
      r.re.test("");
      if (r.alt) (r.other = new RegExp(r.alt, "gu")).test("");
    }
  }

  // result: {id, state: idle|met|unmet, key (what matched, for dismissals), found, other, count}
  function evaluate(root, text) {
    var low = norm(text), whole = flat(low), split = null;
    function parts() { return split || (split = sentences(low)); }
    return rules(root).map(function (r) {
      var res = { id: r.id, state: "idle", key: "", found: [] }, ok = true, n, m;
      if (!whole) return res;
      build(r);
      if (r.kind === "avoid") {
        res.found = unique(all(r.re, whole));
        ok = !res.found.length;
      } else if (r.kind === "require") {
        ok = all(r.re, whole).length > 0;
      } else if (r.kind === "count" || r.kind === "length") {
        if (r.kind === "count") {
          n = all(r.re, r.last ? last(parts()) : whole).length;
        } else {
          m = parts().map(function (s) { return s.words; });
          if (!r.sentence) m = [m.reduce(function (a, b) { return a + b; }, 0)];
          n = m.length ? Math.max.apply(null, m) : 0;
          if (n <= r.max && m.length) n = Math.min.apply(null, m);
        }
        res.count = n;
        ok = n >= r.min && n <= r.max;
        res.key = n < r.min ? "low" : "high";
      } else if (r.kind === "conflict") {
        res.found = unique(all(r.re, whole));
        res.other = unique(all(r.other, whole));
        ok = !(res.found.length && res.other.length);
      } else if (r.kind === "repeat") {
        var tally = {};
        all(r.re, whole).forEach(function (p) { tally[p] = (tally[p] || 0) + 1; });
        res.found = Object.keys(tally).filter(function (p) { return tally[p] > r.max; });
        res.tally = tally;
        ok = !res.found.length;
      }
      res.state = ok ? "met" : "unmet";
      if (ok) res.key = "";
      else if (res.found.length) res.key = res.found.concat(res.other || []).join("|");
      return res;
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key]; });
  }

  function start(root) {
    var words = JSON.parse(root.getAttribute("data-checklist-words"));
    var key = "guidekit-checklist:" + root.getAttribute("data-checklist");
    function $(name) { return root.querySelector("[data-checklist-" + name + "]"); }
    var draft = $("draft"), keep = $("keep"), remove = $("delete"), summary = $("summary"), status = $("announce");
    var ticks = root.querySelectorAll("[data-checklist-tick]");
    var dismissed = {}, results = [], timer = 0;

    function quote(p) { return fill(words.quote, { phrase: p }); }
    function detail(r, res) {
      if (r.kind === "avoid") return fill(words.found, { found: res.found.map(quote).join(", ") });
      if (r.kind === "conflict") {
        return fill(words.found, { found: res.found.map(quote).join(", ") + " " + words.and + " " + res.other.map(quote).join(", ") });
      }
      if (r.kind === "repeat") {
        return fill(words.found, { found: res.found.map(function (p) { return fill(words.times, { phrase: quote(p), count: res.tally[p] }); }).join(", ") });
      }
      if (r.kind === "count") return res.key === "high" ? fill(words.count, res) : "";
      if (r.kind === "length") return fill(r.sentence ? words.sentence_words : words.words, res);
      return "";
    }
    function say(text) {
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 50);
    }
    function show() {
      var done = 0, list = rules(root);
      results.forEach(function (res, i) {
        var r = list[i], el = r.el, off;
        if (dismissed[res.id] !== undefined && dismissed[res.id] !== res.key) delete dismissed[res.id];
        off = res.state === "unmet" && dismissed[res.id] !== undefined;
        el.setAttribute("data-state", res.state);
        el.toggleAttribute("data-dismissed", off);
        el.querySelector("[data-checklist-state]").textContent = words["state_" + (off ? "dismissed" : res.state)];
        el.querySelector("[data-checklist-finding]").hidden = res.state !== "unmet" || off;
        if (res.state === "unmet") {
          el.querySelector("[data-checklist-message]").textContent =
            [r.message || words.may, detail(r, res), r.suggestion || ""].join(" ").trim();
        }
        if (res.state === "met" || off) done++;
      });
      ticks.forEach(function (t) { if (t.checked) done++; });
      var text = fill(draft.value.trim() ? words.summary : words.summary_idle, { done: done, total: results.length + ticks.length });
      if (summary.textContent !== text) summary.textContent = text;
    }
    function update() {
      clearTimeout(timer);
      results = evaluate(root, draft.value);
      show();
      save();
    }
    function save() {
      try {
        if (keep.checked && draft.value) localStorage.setItem(key, draft.value);
        else localStorage.removeItem(key);
      } catch (e) { /* storage blocked: nothing is kept */ }
      remove.hidden = !keep.checked;
    }

    // once the reader is in the box, build the matchers one at a time in
    // short tasks, so that the first check does not wait for them
    draft.addEventListener("focus", function () {
      rules(root).forEach(function (r) { setTimeout(build, 0, r); });
    }, { once: true });
    draft.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
    ticks.forEach(function (t) { t.addEventListener("change", show); });
    keep.addEventListener("change", save);
    remove.addEventListener("click", function () {
      keep.checked = false;
      save();
      keep.focus();
      say(words.deleted);
    });
    $("clear").addEventListener("click", function () {
      draft.value = "";
      dismissed = {};
      ticks.forEach(function (t) { t.checked = false; });
      update();
      draft.focus();
      say(words.cleared);
    });
    $("copy").addEventListener("click", function () {
      function fallback() {
        draft.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { /* not supported */ }
        say(ok ? words.copied : words.copy_failed);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(draft.value).then(function () { say(words.copied); }, fallback);
      } else {
        fallback();
      }
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-checklist-dismiss]");
      if (!button) return;
      var el = button.closest("[data-check]"), id = el.getAttribute("data-check");
      results.forEach(function (res) { if (res.id === id) dismissed[id] = res.key; });
      show();
      el.querySelector("[data-checklist-state]").focus();
    });

    try {
      var saved = localStorage.getItem(key);
      if (saved) { draft.value = saved; keep.checked = true; }
    } catch (e) { /* storage blocked */ }
    $("nojs").hidden = true;
    $("tools").hidden = false;
    update();
  }

  window.guidekit.checklist = { evaluate: evaluate, normalise: norm };
  window.guidekit.start("[data-checklist]", start);
})();
