/* Message checklist: runs the automatic checks of a [data-checklist] element
   against the draft as the reader types, next to the self-checks they tick.
   The draft never leaves the page: no request, nothing in the URL, and
   nothing stored unless the reader ticks "Keep my draft on this device".
   The rules come from the build (data-rule, data-checklist-config, see
   compile.py and evaluate.py); `norm`, `read`, `find` and `evaluate` do
   step for step what evaluate.py does, so that Python and the browser give
   the same results (the tests compare them on every labelled draft).
   guidekit.checklist.evaluate(root, text) returns the results without
   touching the page (used by the benchmark and the tests). */
(function () {
  "use strict";
  var idle = window.requestIdleCallback || setTimeout, cache = new WeakMap(), built = {}, has = {}.hasOwnProperty, TOKEN, UP, LOW, ENDS = ".!?\u2026";
  // Unicode property classes need a browser from 2020 or later (Safari
  // 11.1, Firefox 78); without them the script stops here and the note
  // that the checks need JavaScript stays on the page
  // A token is a line break; a letter, mark or digit (not \p{P}\p{S}\p{Z}\p{C})
  // of the scripts written without spaces (compile.py: CJK_RANGES), as m[1];
  // a word of other scripts, with apostrophes inside, as m[2]; or any other
  // character that is not a space.
  try {
    var C = "\\u3005-\\u30ff\\u3400-\\u9fff\\u{20000}-\\u{3ffff}", L = "[^\\p{P}\\p{S}\\p{Z}\\p{C}";
    TOKEN = new RegExp("\\n|(?=" + L + "])([" + C + "])|(" + L + C + "]+(?:'" + L + C + "]+)*)|\\S", "gu");
    UP = new RegExp("\\p{Lu}", "gu");
    LOW = new RegExp("\\p{Ll}", "gu");
  } catch (e) { TOKEN = 0; }

  function norm(text) {
    return text.normalize("NFC").toLowerCase()
      .replace(/[\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]/g, "'")
      .replace(/[\u201c-\u201f\u2033]/g, '"')
      .replace(/\u3002/g, ".").replace(/\uff01/g, "!").replace(/\uff1f/g, "?");
  }
  function unique(list) { return [...new Set(list)]; }
  function re(p) { return built[p] || (built[p] = new RegExp(p, "g")); }

  // The draft as evaluate.py reads it: tokens (words in their standard form,
  // marks), each [start, end, sentence, in quotes]; the spaced text the
  // patterns run on; the sentences with a word in them, each [first token,
  // last token, words, first line, last line, has "?"]; and how many of them
  // come before the sign-offs.
  function read(text, conf) {
    var low = norm(text), toks = [], at = [], d = { low, toks, at }, sents = [], out = " ";
    var sent = -1, line = 0, pend = true, quoted = false, s, m, t, w, q, i, starts;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(low))) {
      t = m[0];
      if (t === "\n") { line++; pend = true; quoted = false; continue; }
      w = m[1] || m[2];
      if (w && pend || sent < 0) { sent++; pend = false; sents.push(s = [toks.length, 0, 0, line, line, false]); }
      if (w) s[2] += m[1] ? 3 : 5;  // evaluate.py: CJK_WEIGHT, WEIGHT
      else if (ENDS.indexOf(t) >= 0) pend = true;
      if (t === "?") s[5] = true;
      q = quoted;
      if (t === '"') quoted = !quoted;
      w = has.call(conf.forms, t) ? conf.forms[t].split(" ") : [t];
      for (i = 0; i < w.length; i++) {
        at.push(out.length);
        out += w[i] + " ";
        toks.push([m.index, m.index + t.length, sent, q]);
      }
      s[1] = toks.length - 1;
      s[4] = line;
    }
    d.text = out;
    d.sents = sents = sents.filter(x => x[2] && (x[2] = Math.ceil(x[2] / 5)));
    d.kept = sents.length;
    starts = conf.s ? spans(d, conf.s).map(x => x[0]) : [];
    while (d.kept > 1) {
      s = sents[d.kept - 1];
      if (s[5] || !(starts.indexOf(s[0]) >= 0 && s[2] <= conf.sw + 3 ||
          sents[d.kept - 2][4] < s[3] && (d.kept === sents.length || sents[d.kept][3] > s[4]) && s[2] <= conf.sw)) break;
      d.kept--;
    }
    return d;
  }
  // [first token, last token] of each match (d.at: where each token starts)
  function spans(d, p) {
    var out = [], r = re(p), m, a = 0, b, at = d.at;
    r.lastIndex = 0;
    while ((m = r.exec(d.text))) {
      while (at[a] <= m.index) a++;
      for (b = a; at[b] < m.index + m[0].length; b++);
      out.push([a, b - 1]);
    }
    return out;
  }
  // the matches of a condition after its scope, quotes and exceptions
  function find(d, c) {
    var f = spans(d, c.p), last, u, lo = 1, hi = 0;
    if (c.in) {
      last = d.sents.slice(Math.max(0, d.kept - c.n), d.kept);
      if (last.length) { lo = last[0][0]; hi = last[last.length - 1][1]; }
      f = f.filter(m => m[0] >= lo && m[0] <= hi);
    }
    if (c.q) f = f.filter(m => !d.toks[m[0]][3]);
    if (c.u && f.length) {
      u = spans(d, c.u);
      f = f.filter(m => !u.some(x => d.toks[x[0]][2] === d.toks[m[0]][2] && x[0] <= m[1] && x[1] >= m[0] - c.w &&
        (x[0] < m[0] || x[1] > m[1])));
    }
    return f;
  }
  function caps(text, r) {
    return text.normalize("NFC").split(/[.!?\u2026\n]+/).some(part => {
      // too few capitals to be shouting: the lower-case letters need no count
      var up = (part.match(UP) || []).length, cased;
      if (up < r.share * r.letters) return false;
      cased = up + (part.match(LOW) || []).length;
      return cased >= r.letters && up >= r.share * cased;
    });
  }

  function rules(root) {
    var found = cache.get(root);
    if (found) return found;
    found = [].map.call(root.querySelectorAll("[data-kind]"), el => {
      var d = el.dataset;
      return { el, id: d.check, kind: d.kind, message: d.message, suggestion: d.suggestion, rule: JSON.parse(d.rule) };
    });
    found.conf = JSON.parse(root.getAttribute("data-checklist-config"));
    cache.set(root, found);
    return found;
  }
  // The matchers are built when first needed (as the page starts only to
  // check a kept draft): building and compiling one costs more than running
  // it on a long draft. Running it once on "" has the engine compile it.
  function build(r) {
    (r.rule.m || []).forEach(c => { re(c.p).test(""); if (c.u) re(c.u).test(""); });
  }

  // result: {id, state: idle|met|unmet, key (what matched, for dismissals), found, other, count}
  function evaluate(root, text) {
    var list = rules(root), d = read(text, list.conf);
    function show(m) { return d.low.slice(d.toks[m[0]][0], d.toks[m[1]][1]).replace(/\s+/g, " ").trim(); }
    return list.map(r => {
      var res = { id: r.id, state: "idle", key: "", found: [] }, x = r.rule, k = x.kind, ok = true, n, a, b;
      var lo = x.min || 0, hi = x.max === undefined ? Infinity : x.max;
      if (!d.toks.length) return res;
      if (k === "avoid") {
        x.m.forEach(c => { if ((a = find(d, c)).length > (c.x || 0)) res.found.push(...a.map(show)); });
        ok = !(res.found = unique(res.found)).length;
      } else if (k === "require") {
        ok = x.m.some(c => find(d, c).length);
      } else if (k === "conflict") {
        a = find(d, x.m[0]); b = find(d, x.m[1]);
        res.found = unique(a.map(show));
        res.other = unique(b.map(show));
        ok = !(a.length && b.length);
      } else if (k === "repeat") {
        res.tally = a = new Map();
        find(d, x.m[0]).map(show).forEach(p => a.set(p, (a.get(p) || 0) + 1));
        res.found = [...a.keys()].filter(p => a.get(p) > x.max);
        ok = !res.found.length;
      } else if (k === "shout") {
        ok = !caps(text, x);
        res.key = "high";
      } else {
        if (k === "count") {
          n = find(d, x.m[0]).length;
        } else {
          a = d.sents.map(s => s[2]);
          if (!a.length) a = [0];
          if (x.per !== "sentence") a = [a.reduce((p, q) => p + q, 0)];
          n = Math.max(...a);
          if (n <= hi) n = Math.min(...a);
        }
        res.count = n;
        ok = n >= lo && n <= hi;
        res.key = n < lo ? "low" : "high";
      }
      res.state = ok ? "met" : "unmet";
      if (ok) res.key = "";
      else if (res.found.length) res.key = res.found.concat(res.other || []).join("|");
      return res;
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => values[key]);
  }

  function start(root) {
    if (!TOKEN) return;
    var words = JSON.parse(root.getAttribute("data-checklist-words"));
    var key = "guidekit-checklist:" + root.getAttribute("data-checklist");
    function $(name) { return root.querySelector("[data-checklist-" + name + "]"); }
    var draft = $("draft"), keep = $("keep"), remove = $("delete"), summary = $("summary"), status = $("announce");
    var ticks = root.querySelectorAll("[data-checklist-tick]");
    var dismissed = {}, results = [], timer = 0;

    // what was found, in the reader's words: "you never", "sorry" (3 times)
    function detail(r, res) {
      var k = r.kind, q = p => fill(words.quote, { phrase: p }), f = res.found.map(k === "repeat" ?
        p => fill(words.times, { phrase: q(p), count: res.tally.get(p) }) : q).join(", ");
      if (k === "conflict") f += " " + words.and + " " + res.other.map(q).join(", ");
      if (k === "count") return res.key === "high" ? fill(words.count, res) : "";
      if (k === "length") return fill(r.rule.per ? words.sentence_words : words.words, res);
      return f ? fill(words.found, { found: f }) : "";
    }
    function say(text) {
      status.textContent = "";
      setTimeout(() => { status.textContent = text; }, 50);
    }
    // each check's element is written only when what it shows changes
    // (most key presses change no check; reading attributes and text costs
    // no layout), so that a check of the draft costs the page no restyle
    function show() {
      var n = 0, list = rules(root);
      results.forEach((res, i) => {
        var r = list[i], el = r.el, m = el.querySelector("[data-checklist-message]"), off, t;
        if (dismissed[res.id] !== undefined && dismissed[res.id] !== res.key) delete dismissed[res.id];
        off = res.state === "unmet" && dismissed[res.id] !== undefined;
        if (el.getAttribute("data-state") !== res.state || el.hasAttribute("data-dismissed") !== off) {
          el.setAttribute("data-state", res.state);
          el.toggleAttribute("data-dismissed", off);
          el.querySelector("[data-checklist-state]").textContent = words["state_" + (off ? "dismissed" : res.state)];
          el.querySelector("[data-checklist-finding]").hidden = res.state !== "unmet" || off;
        }
        t = res.state === "unmet" ? [r.message || words.may, detail(r, res), r.suggestion || ""].join(" ").trim() : m.textContent;
        if (m.textContent !== t) m.textContent = t;
        if (res.state === "unmet" && !off) n++;
      });
      var text = fill(draft.value.trim() ? (n ? words.summary : words.summary_none) : words.summary_idle,
        { count: n, auto: list.length });
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

    // once the reader is in the box, build the matchers one at a time
    // while the page is idle, then check a sample with a character beyond
    // Latin-1 (the engine compiles each matcher again for such text), so
    // that neither the first check nor a key press waits for any of it
    draft.addEventListener("focus", () => {
      rules(root).forEach(r => idle(() => build(r)));
      idle(() => evaluate(root, "Hi \u2013 a. B?"));
    }, { once: true });
    draft.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
    keep.addEventListener("change", save);
    remove.addEventListener("click", () => {
      keep.checked = false;
      save();
      keep.focus();
      say(words.deleted);
    });
    $("clear").addEventListener("click", () => {
      draft.value = "";
      dismissed = {};
      ticks.forEach(t => { t.checked = false; });
      update();
      draft.focus();
      say(words.cleared);
    });
    // no clipboard (a page not served over HTTPS): the text is selected
    $("copy").addEventListener("click", () => {
      var fail = () => { draft.select(); say(words.copy_failed); };
      try {
        navigator.clipboard.writeText(draft.value).then(() => say(words.copied), fail);
      } catch (e) { fail(); }
    });
    root.addEventListener("click", event => {
      var button = event.target.closest("[data-checklist-dismiss]");
      if (!button) return;
      var el = button.closest("[data-check]"), id = el.getAttribute("data-check");
      results.forEach(res => { if (res.id === id) dismissed[id] = res.key; });
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

  window.guidekit.checklist = { evaluate, normalise: norm };
  window.guidekit.start("[data-checklist]", start);
})();
