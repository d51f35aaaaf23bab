/* htdy web — parse review in the CV editor: fields the parser was unsure of
 * (extras.low_confidence → an amber "Check this" mark until the field is edited) and lines
 * of the file it could not place (extras.unassigned → a panel with copy / add actions).
 * Loaded only on the editor page, after app.js and before editor.js; editor.js calls
 * window.htdyReview(ctx) once and then load / decorate / edited / replaced / refresh.
 * Old versions have no such extras (or malformed ones): then nothing is shown. */
(function () {
  "use strict";
  var H = window.htdy, h = H.h, $ = H.$;
  var TOKEN = /([^.[\]]+)|\[(\d+)\]/g;

  function isObj(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  function tokens(path) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(path))) out.push(m[1] !== undefined ? m[1] : +m[2]);
    return out;
  }
  // "work[0].highlights[1]" → {obj: resume.work[0], key: "highlights"}: the object and key a form control edits
  function resolve(doc, toks) {
    var cur = doc, found = null;
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (typeof t === "string" && isObj(cur) && t in cur) { found = { obj: cur, key: t }; cur = cur[t]; }
      else if (typeof t === "number" && Array.isArray(cur) && t < cur.length) cur = cur[t];
      else return null;
    }
    return found;
  }
  function objectPaths(doc) {  // object → its current path tokens (identity survives reorders)
    var m = new Map();
    (function walk(o, p) {
      if (!o || typeof o !== "object") return;
      if (!Array.isArray(o)) m.set(o, p);
      Object.keys(o).forEach(function (k) { walk(o[k], p.concat([Array.isArray(o) ? +k : k])); });
    })(doc, []);
    return m;
  }
  function pct(c) { return typeof c === "number" && isFinite(c) ? Math.round(Math.max(0, Math.min(1, c)) * 100) + "%" : null; }

  window.htdyReview = function (ctx) {
    var entries = [], lines = [], cvId = "", readOnly = false;

    function split(obj, key) {  // control (basics, "location.city") → (basics.location, "city")
      var parts = key.split("."), leaf = parts.pop(), o = obj;
      parts.forEach(function (k) { o = isObj(o) ? o[k] : undefined; });
      return { obj: o, key: leaf };
    }
    function matching(obj, key) {
      var t = split(obj, key);
      return entries.filter(function (e) { return e.obj === t.obj && e.key === t.key; });
    }
    function unmark(e) {
      if (!e.ui) return;
      e.ui.wrap.classList.remove("needs-check");
      if (e.ui.hint.parentNode) e.ui.hint.parentNode.removeChild(e.ui.hint);
      var ids = (e.ui.input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== e.ui.hint.id; });
      if (ids.length) e.ui.input.setAttribute("aria-describedby", ids.join(" ")); else e.ui.input.removeAttribute("aria-describedby");
      e.ui = null;
    }

    // ------------------------------------------------------------ low-confidence fields
    function decorate(wrap, input, obj, key) {
      var found = matching(obj, key);
      if (!found.length) return;
      var low = Math.min.apply(null, found.map(function (e) { return typeof e.conf === "number" ? e.conf : 1; }));
      var p = pct(found.some(function (e) { return typeof e.conf === "number"; }) ? low : null);
      var said = p ? "read from your file with " + p + " confidence" : "read from your file with low confidence";
      var hint = h("p", { class: "check-hint", id: input.id + "-check", title: "We " + said + ". Please check it." },
        h("span", { class: "check-dot", "aria-hidden": "true" }), "Check this",
        h("span", { class: "visually-hidden", text: ": we " + said + "." }));
      wrap.classList.add("needs-check");
      wrap.appendChild(hint);
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean).concat([hint.id]);
      input.setAttribute("aria-describedby", ids.join(" "));
      found.forEach(function (e) { unmark(e); e.ui = { wrap: wrap, input: input, hint: hint }; e.shown = true; });
    }
    function edited(obj, key) {
      var found = matching(obj, key);
      if (!found.length) return;
      found.forEach(unmark);
      entries = entries.filter(function (e) { return found.indexOf(e) < 0; });
      refresh();
    }
    function replaced(before, after) {  // the raw JSON tab replaced the resume: keep marks on unchanged values
      var where = objectPaths(before);
      entries = entries.filter(function (e) {
        var p = where.get(e.obj), now = p && resolve(after, p.concat([e.key]));
        if (!now || JSON.stringify(now.obj[now.key]) !== JSON.stringify(e.obj[e.key])) return false;
        e.obj = now.obj; e.shown = false; e.ui = null;
        return true;
      });
    }
    function refresh() {  // after a render or a list change: forget marks on removed entries
      var note = $("#review-note"), live = objectPaths(ctx.resume());
      entries = entries.filter(function (e) { return live.has(e.obj); });
      targets();
      if (!note) return;
      var hidden = entries.filter(function (e) { return !e.shown; }).map(function (e) { return e.path; });
      note.hidden = !entries.length;
      note.textContent = "";
      if (!entries.length) return;
      var n = entries.length;
      note.appendChild(h("span", { text: "We were unsure about " + n + " field" + (n === 1 ? "" : "s") +
        " while reading your file. " + (n - hidden.length ? "They are marked “Check this”; the mark goes away once you edit the field." : "") }));
      if (hidden.length) note.appendChild(h("span", { text: " Not in the form (see Raw JSON): " + hidden.slice(0, 8).join(", ") + (hidden.length > 8 ? "…" : "") + "." }));
    }

    // ------------------------------------------------------------ unassigned lines
    function copy(text, btn) {
      function done(ok) {
        H.toast(ok ? "Copied to the clipboard." : "Could not copy — select the text instead.", !ok);
        if (ok) { btn.textContent = "Copied"; setTimeout(function () { btn.textContent = "Copy"; }, 1500); }
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacyCopy(text)); });
      } else done(legacyCopy(text));
    }
    function legacyCopy(text) {  // plain http on a LAN address has no navigator.clipboard
      var ta = h("textarea", { readonly: true, class: "visually-hidden", "aria-hidden": "true", tabindex: "-1" });
      var back = document.activeElement;
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(ta);
      if (back && back.focus) back.focus();
      return ok;
    }
    function targets() {  // "Add lines to": the summary, or a highlight of a position / project
      var sel = $("#unplaced-target");
      if (!sel) return;
      var keep = sel.value, resume = ctx.resume();
      sel.textContent = "";
      sel.appendChild(h("option", { value: "summary", text: "Summary" }));
      [["work", "Highlight of", ["position", "name"]], ["projects", "Highlight of project", ["name"]]].forEach(function (d) {
        (Array.isArray(resume[d[0]]) ? resume[d[0]] : []).forEach(function (item, i) {
          if (!isObj(item)) return;
          var title = d[2].map(function (k) { return item[k]; }).filter(function (x) { return typeof x === "string" && x.trim(); }).join(" · ");
          sel.appendChild(h("option", { value: d[0] + ":" + i, text: d[1] + ": " + (title || "entry " + (i + 1)) }));
        });
      });
      sel.value = keep;
      if (sel.value !== keep) sel.value = "summary";
    }
    function add(line, li) {
      if (!ctx.toForm()) return;  // the raw JSON tab holds the truth until it is parsed
      var sel = $("#unplaced-target"), where = sel ? sel.value : "summary", resume = ctx.resume(), label;
      if (where === "summary") {
        if (!isObj(resume.basics)) resume.basics = {};
        var s = typeof resume.basics.summary === "string" ? resume.basics.summary.replace(/\s+$/, "") : "";
        resume.basics.summary = s ? s + "\n" + line.text : line.text;
        edited(resume.basics, "summary");
        label = "the summary";
      } else {
        var parts = where.split(":"), item = (resume[parts[0]] || [])[+parts[1]];
        if (!isObj(item)) { H.toast("That entry is gone — pick another place.", true); targets(); return; }
        item.highlights = (Array.isArray(item.highlights) ? item.highlights : []).concat([line.text]);
        edited(item, "highlights");
        label = sel.options[sel.selectedIndex].text.replace(/^Highlight of( project)?: /, "the highlights of ");
      }
      line.added = true;
      ctx.changed();
      var status = h("span", { class: "unplaced-added", text: "Added to " + label + " — save to keep it" });
      li.classList.add("is-added");
      li.lastChild.replaceChild(status, li.lastChild.lastChild);
      counts();
      var next = $("#unplaced-list li:not(.is-added) .unplaced-add") || $("#unplaced-panel summary");
      if (next) next.focus();
      H.toast("Added to " + label + ". Save to keep it.");
    }
    function counts() {
      var left = lines.filter(function (l) { return !l.added; }).length;
      $("#unplaced-count").textContent = String(left);
    }
    function renderLines() {
      var panel = $("#unplaced-panel"), ul = $("#unplaced-list");
      if (!panel || !ul) return;
      ul.textContent = "";
      panel.hidden = readOnly || !lines.length;
      if (panel.hidden) return;
      lines.forEach(function (line, i) {
        var short = line.text.length > 40 ? line.text.slice(0, 40) + "…" : line.text;
        var li = h("li", { id: "unplaced-" + i });
        var copyBtn = h("button", { type: "button", class: "btn btn-ghost btn-sm", text: "Copy", "aria-label": "Copy “" + short + "”" });
        copyBtn.addEventListener("click", function () { copy(line.text, copyBtn); });
        li.appendChild(h("span", { class: "unplaced-text", text: line.text }));
        li.appendChild(h("span", { class: "muted unplaced-page", text: line.page ? "page " + line.page : "" }));
        li.appendChild(h("span", { class: "unplaced-actions" }, copyBtn,
          h("button", { type: "button", class: "btn btn-secondary btn-sm unplaced-add", text: "Add", "aria-label": "Add “" + short + "” to the CV",
            onclick: function () { add(line, li); } })));
        ul.appendChild(li);
      });
      counts();
      targets();
      var closed = false;
      try { closed = localStorage.getItem("htdy-unplaced-closed:" + cvId) === "1"; } catch (e) { closed = false; }
      panel.open = !closed;
    }

    function load(cv, resume, ro) {
      var ex = isObj(cv && cv.extras) ? cv.extras : {};
      var conf = isObj(ex.confidence) ? ex.confidence : {};
      cvId = cv && cv.id || "";
      readOnly = !!ro;
      entries = [];
      (Array.isArray(ex.low_confidence) && !readOnly ? ex.low_confidence : []).forEach(function (path) {
        if (typeof path !== "string") return;
        var at = resolve(resume, tokens(path));
        if (!at || !isObj(at.obj)) return;
        var c = typeof conf[path] === "number" ? conf[path] : null, dup = matching(at.obj, at.key)[0];
        if (!dup) entries.push({ path: path, obj: at.obj, key: at.key, conf: c, shown: false, ui: null });
        else if (c !== null && (dup.conf === null || c < dup.conf)) dup.conf = c;  // e.g. two highlights
      });
      lines = (Array.isArray(ex.unassigned) ? ex.unassigned : []).filter(function (l) {
        return isObj(l) && typeof l.text === "string" && l.text.trim();
      }).map(function (l) { return { text: l.text.trim(), page: typeof l.page === "number" ? l.page : null, added: false }; });
      renderLines();
    }

    var panel = $("#unplaced-panel");
    if (panel) panel.addEventListener("toggle", function () {
      try {
        if (panel.open) localStorage.removeItem("htdy-unplaced-closed:" + cvId);
        else localStorage.setItem("htdy-unplaced-closed:" + cvId, "1");
      } catch (e) { /* storage disabled */ }
    });
    var sel = $("#unplaced-target");
    if (sel) sel.addEventListener("focus", targets);
    return { load: load, decorate: decorate, edited: edited, replaced: replaced, refresh: refresh };
  };
})();
