/* htdy web — the CV editor (/app/cvs/{id}). Loaded only on that page, after app.js. */
(function () {
  "use strict";
  var H = window.htdy, h = H.h, $ = H.$, $$ = H.$$, api = H.api;

  var BASICS = [["name", "Full name"], ["label", "Headline", "text", "e.g. Senior backend engineer"],
    ["email", "Email", "email"], ["phone", "Phone", "tel"], ["url", "Website", "url"],
    ["location.city", "City"], ["location.region", "Region"], ["location.countryCode", "Country code", "text", "e.g. FR"],
    ["summary", "Summary", "textarea", null, true]];
  var LISTS = [
    { key: "basics.profiles", title: "Online profiles", noun: "profile", head: ["network", "username"],
      fields: [["network", "Network", "text", "e.g. GitHub"], ["username", "Username"], ["url", "Link", "url", null, true]] },
    { key: "work", title: "Work experience", noun: "position", head: ["position", "name"],
      fields: [["position", "Position"], ["name", "Company"], ["startDate", "Start", "date"], ["endDate", "End (blank: present)", "date"],
        ["location", "Location"], ["url", "Website", "url"], ["summary", "Summary", "textarea", null, true],
        ["highlights", "Highlights — one per line", "lines", null, true]] },
    { key: "education", title: "Education", noun: "school", head: ["studyType", "institution"],
      fields: [["institution", "Institution", "text", null, true], ["studyType", "Degree", "text", "e.g. Master"], ["area", "Field of study"],
        ["startDate", "Start", "date"], ["endDate", "End", "date"], ["score", "Grade"], ["courses", "Courses — one per line", "lines", null, true]] },
    { key: "skills", title: "Skills", noun: "skill group", head: ["name"],
      fields: [["name", "Skill or group", "text", "e.g. Backend"], ["level", "Level", "text", "e.g. Expert"],
        ["keywords", "Keywords — comma separated", "comma", "Python, PostgreSQL, aiohttp", true]] },
    { key: "languages", title: "Languages", noun: "language", head: ["language"],
      fields: [["language", "Language"], ["fluency", "Fluency", "text", "e.g. Native"]] },
    { key: "projects", title: "Projects", noun: "project", head: ["name"],
      fields: [["name", "Name"], ["url", "Link", "url"], ["startDate", "Start", "date"], ["endDate", "End", "date"],
        ["description", "Description", "textarea", null, true], ["highlights", "Highlights — one per line", "lines", null, true]] }
  ];

  var S = { id: null, cv: null, resume: {}, saved: "", etag: null, dirty: false, readOnly: false, mode: "form", links: {},
    draftTimer: null, draftReq: null, draftPending: false, previewN: 0 };
  var R = null;  // parse review (review.js): low-confidence marks, text we could not place
  var D = null;  // design panel (design.js): template, options, hidden entries
  var V = null;  // versions panel (history.js): list, compare, restore, upload a new version
  var P = null;  // sharing, public profile and ATS panels (panels.js)

  function getPath(obj, path) {
    return path.split(".").reduce(function (o, k) { return o && typeof o === "object" ? o[k] : undefined; }, obj);
  }
  function setPath(obj, path, value) {
    var keys = path.split("."), last = keys.pop(), chain = [obj], o = obj;
    keys.forEach(function (k) { if (!o[k] || typeof o[k] !== "object") o[k] = {}; o = o[k]; chain.push(o); });
    var empty = value === "" || value === null || (Array.isArray(value) && !value.length);
    if (empty) delete o[last]; else o[last] = value;
    for (var i = keys.length - 1; i >= 0; i--) {  // prune emptied parents (e.g. location)
      if (Object.keys(chain[i + 1]).length) break;
      delete chain[i][keys[i]];
    }
  }
  function toValue(kind, raw) {
    if (kind === "lines") return raw.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    if (kind === "comma") return raw.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    return raw.trim() === "" ? "" : raw;
  }
  function fromValue(kind, v) {
    if (v === undefined || v === null) return "";
    if (Array.isArray(v)) return v.map(function (x) { return typeof x === "string" ? x : JSON.stringify(x); }).join(kind === "comma" ? ", " : "\n");
    return String(v);
  }

  function markDirty() {
    S.dirty = true;
    $("#save-status").textContent = "Unsaved changes";
    scheduleDraft();
  }

  // ---------------------------------------------------------------- draft + live preview
  function current() {  // the resume as typed (the raw JSON tab: only while it parses)
    if (S.mode !== "json") return S.resume;
    try { var r = JSON.parse($("#raw-json").value); return r && typeof r === "object" && !Array.isArray(r) ? r : null; }
    catch (e) { return null; }
  }
  function scheduleDraft() {
    if (S.readOnly) return;
    S.draftPending = true;
    clearTimeout(S.draftTimer);
    S.draftTimer = setTimeout(pushDraft, 500);
  }
  function pushDraft() {
    var resume = current();
    if (!resume) { $("#preview-status").textContent = "Preview paused: the JSON does not parse"; return S.draftReq; }
    var title = $("#cv-title").value.trim() || null;
    $("#preview-status").textContent = "Updating…";
    S.draftReq = api("PUT", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/draft", { resume: resume, title: title })
      .then(function () { S.draftPending = false; $("#save-status").textContent = "Unsaved changes · draft kept"; updatePreview(); })
      .catch(function (e) { $("#preview-status").textContent = "Draft not kept: " + H.errorText(e); });
    return S.draftReq;
  }
  function showDraftNote(d) {
    var note = $("#draft-note");
    note.hidden = !d;
    if (d) $("#draft-text").textContent = "You have unsaved changes from " + H.fmtDate(d.updated_at) + " — they are in the form; Save to keep them as a version." +
      (d.stale ? " A newer version (" + S.cv.current_version + ") was saved since you began them: saving replaces it." : "");
  }
  function discardDraft() {
    clearTimeout(S.draftTimer);
    api("DELETE", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/draft")
      .then(function () { H.toast("Draft discarded."); S.dirty = false; return load(); })
      .catch(function (e) { H.toast(H.errorText(e), true); });
  }

  function control(id, spec, obj, onChange) {
    var key = spec[0], label = spec[1], kind = spec[2] || "text", ph = spec[3];
    var value = fromValue(kind, getPath(obj, key));
    var attrs = { id: id, name: key, placeholder: ph || null, disabled: S.readOnly };
    var input;
    if (kind === "textarea" || kind === "lines") {
      attrs.rows = kind === "lines" ? 4 : 4;
      input = h("textarea", attrs);
      input.value = value;
    } else {
      attrs.type = kind === "date" ? "text" : kind === "comma" ? "text" : kind;
      if (kind === "date") { attrs.placeholder = "YYYY-MM"; attrs.pattern = "\\d{4}(-\\d{2}(-\\d{2})?)?"; attrs.inputmode = "numeric"; }
      attrs.value = value;
      input = h("input", attrs);
    }
    input.addEventListener("input", function () {
      var ok = !input.pattern || !input.value || new RegExp("^(?:" + input.pattern + ")$").test(input.value);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (R) R.edited(obj, key);  // before setPath, which may prune an emptied parent
      setPath(obj, key, toValue(kind, input.value));
      markDirty();
      if (onChange) onChange();
    });
    var wrap = h("div", { class: "field" + (spec[4] ? " wide" : "") }, h("label", { for: id, text: label }), input);
    if (R) R.decorate(wrap, input, obj, key);
    return wrap;
  }

  function hideBox(def, i) {  // "Hide in outputs": the design's hidden_items (not for online profiles)
    if (!D || def.key.indexOf(".") >= 0) return null;
    var id = "hide-" + def.key + "-" + i;
    return h("span", { class: "hide-toggle" },
      h("input", { type: "checkbox", id: id, checked: D.hidden(def.key, i), onchange: function (ev) { D.toggle(def.key, i, ev.target.checked); } }),
      h("label", { for: id, text: "Hide in outputs" }));
  }

  function entryTitle(def, item, i) {
    var t = def.head.map(function (k) { return item[k]; }).filter(function (x) { return typeof x === "string" && x.trim(); }).join(" · ");
    return t || "New " + def.noun + " " + (i + 1);
  }

  function listSection(def) {
    var items = getPath(S.resume, def.key);
    if (!Array.isArray(items)) items = [];
    var fs = h("fieldset", { id: "sec-" + def.key.replace(".", "-") });
    var addBtn = h("button", { type: "button", class: "btn btn-ghost btn-sm", hidden: S.readOnly, text: "+ Add " + def.noun });
    fs.appendChild(h("legend", null, h("span", { text: def.title }), addBtn));
    function rerender(focusIndex) {
      var fresh = listSection(def);
      fs.replaceWith(fresh);
      if (R) R.refresh();
      var target = focusIndex === undefined ? $("legend button", fresh)
        : $("#e-" + def.key.replace(".", "-") + "-" + focusIndex + " input, #e-" + def.key.replace(".", "-") + "-" + focusIndex + " textarea", fresh);
      if (target) target.focus();
    }
    function commit(list) { setPath(S.resume, def.key, list); markDirty(); }
    addBtn.addEventListener("click", function () {
      var list = items.slice(); list.push({}); commit(list);
      rerender(list.length - 1);
    });
    if (!items.length) fs.appendChild(h("p", { class: "hint", text: "Nothing here yet." }));
    items.forEach(function (item, i) {
      if (!item || typeof item !== "object") return;
      var prefix = "f-" + def.key.replace(".", "-") + "-" + i + "-";
      var title = h("h3", { text: entryTitle(def, item, i) });
      var actions = h("div", { class: "entry-actions", hidden: S.readOnly },
        hideBox(def, i),
        h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": "Move " + entryTitle(def, item, i) + " up", disabled: i === 0,
          onclick: function () { var l = items.slice(); l.splice(i - 1, 0, l.splice(i, 1)[0]); if (D) D.moved(def.key, i, i - 1); commit(l); rerender(i - 1); } }, "↑"),
        h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": "Move " + entryTitle(def, item, i) + " down", disabled: i === items.length - 1,
          onclick: function () { var l = items.slice(); l.splice(i + 1, 0, l.splice(i, 1)[0]); if (D) D.moved(def.key, i, i + 1); commit(l); rerender(i + 1); } }, "↓"),
        h("button", { type: "button", class: "btn btn-danger btn-sm", "aria-label": "Remove " + entryTitle(def, item, i),
          onclick: function () { var l = items.slice(); l.splice(i, 1); if (D) D.removed(def.key, i); commit(l); rerender(); H.toast("Entry removed — save to keep the change."); } }, "Remove"));
      var grid = h("div", { class: "grid-2" }, def.fields.map(function (spec) {
        return control(prefix + spec[0], spec, item, function () { title.textContent = entryTitle(def, item, i); });
      }));
      fs.appendChild(h("div", { class: "entry", id: "e-" + def.key.replace(".", "-") + "-" + i, role: "group", "aria-label": entryTitle(def, item, i) },
        h("div", { class: "entry-head" }, title, actions), grid));
    });
    if (!Array.isArray(getPath(S.resume, def.key)) && items.length) setPath(S.resume, def.key, items);
    return fs;
  }

  function renderForm() {
    var form = $("#resume-form");
    form.textContent = "";
    if (!S.resume.basics || typeof S.resume.basics !== "object") S.resume.basics = {};
    var nav = h("nav", { class: "section-nav", "aria-label": "Sections" },
      [h("a", { href: "#sec-basics", text: "Basics" })].concat(LISTS.map(function (d) { return h("a", { href: "#sec-" + d.key.replace(".", "-"), text: d.title }); })));
    var basics = h("fieldset", { id: "sec-basics" }, h("legend", null, h("span", { text: "Basics" })),
      h("div", { class: "grid-2" }, BASICS.map(function (spec) { return control("f-basics-" + spec[0].replace(".", "-"), spec, S.resume.basics); })));
    form.appendChild(nav);
    form.appendChild(basics);
    LISTS.forEach(function (def) { form.appendChild(listSection(def)); });
    if (R) R.refresh();
  }

  // ---------------------------------------------------------------- tabs (raw JSON)
  function selectTab(mode) {
    if (mode === S.mode) return true;
    if (mode === "form") {
      var before = S.resume;
      try { S.resume = JSON.parse($("#raw-json").value); }
      catch (e) { H.showError($("#editor-error"), "The JSON is not valid: " + e.message); $("#raw-json").focus(); return false; }
      $("#editor-error").hidden = true;
      if (R) R.replaced(before, S.resume);
      renderForm();
    } else {
      $("#raw-json").value = JSON.stringify(S.resume, null, 2);
    }
    S.mode = mode;
    [["form", "#tab-form", "#panel-form"], ["json", "#tab-json", "#panel-json"]].forEach(function (t) {
      var on = t[0] === mode;
      $(t[1]).setAttribute("aria-selected", on ? "true" : "false");
      $(t[1]).tabIndex = on ? 0 : -1;
      $(t[2]).hidden = !on;
    });
    return true;
  }
  function initTabs() {
    var tabs = $$('[role="tab"]');
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { selectTab(tab.id === "tab-json" ? "json" : "form"); });
      tab.addEventListener("keydown", function (ev) {
        if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
        var next = tabs[(i + (ev.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        if (selectTab(next.id === "tab-json" ? "json" : "form")) next.focus();
      });
    });
    $("#raw-json").addEventListener("input", markDirty);
  }

  // ---------------------------------------------------------------- load / save
  function applyCv(cv, etag) {
    S.cv = cv; S.etag = etag || S.etag;
    S.resume = JSON.parse(JSON.stringify(cv.resume || {}));
    S.saved = JSON.stringify(cv.resume || {});
    S.readOnly = cv.access === "view";
    S.dirty = false;
    $("#cv-title").value = cv.title || "";
    $("#cv-title").disabled = S.readOnly;
    $("#version-badge").textContent = "Version " + cv.current_version;
    $("#access-badge").textContent = cv.access && cv.access !== "owner" ? "Shared with you · can " + cv.access : "";
    $("#discoverable").checked = !!cv.discoverable;
    $("#open-to-work").checked = !!cv.open_to_work;
    $("#open-to-work").disabled = cv.access !== "owner";
    $("#slug").value = cv.slug || "";
    if (P) P.showPublicLink();
    document.title = (cv.title || "CV") + " · htdy";
    $("#save-btn").hidden = S.readOnly;
    $("#stats-link").hidden = cv.access !== "owner";
    ["#visibility-panel", "#share-panel"].forEach(function (s) { $(s).hidden = cv.access !== "owner"; });
    $("#delete-cv").hidden = cv.access !== "owner";
    showWarnings(cv);
    if (D) D.load(cv, S.readOnly);
    if (V) V.load(cv, S.readOnly);
    if (R) R.load(cv, S.resume, S.readOnly);
    if (S.mode === "json") $("#raw-json").value = JSON.stringify(S.resume, null, 2); else renderForm();
    $("#raw-json").readOnly = S.readOnly;
    updatePreview();
  }

  function showWarnings(cv) {  // the parser's warnings of the current version (a parsed one)
    var box = $("#parse-warnings"), ex = cv.extras || {};
    var list = Array.isArray(ex.warnings) && !S.readOnly ? ex.warnings.filter(function (w) { return typeof w === "string" && w; }) : [];
    box.hidden = !list.length;
    var ul = $("ul", box);
    ul.textContent = "";
    list.forEach(function (w) { ul.appendChild(h("li", { text: w })); });
  }

  function load() {
    return api("GET", "/api/v1/cvs/" + encodeURIComponent(S.id)).then(function (res) {
      applyCv(res.data, res.response.headers.get("ETag"));
      if (res.data.access === "owner" && P) P.loadShares();
      showDraftNote(null);
      if (S.readOnly) return;
      return api("GET", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/draft").then(function (d) {
        var draft = d.data;  // the unsaved state of the last visit: back into the form
        S.resume = draft.resume;
        if (draft.title) $("#cv-title").value = draft.title;
        if (R) R.replaced(S.cv.resume, S.resume);
        if (S.mode === "json") $("#raw-json").value = JSON.stringify(S.resume, null, 2); else renderForm();
        S.dirty = true;
        $("#save-status").textContent = "Unsaved changes · draft kept";
        showDraftNote(draft);
      }).catch(function () { /* 404: no draft */ });
    }).catch(function (e) {
      H.showError($("#editor-error"), e.status === 404 ? "This CV does not exist or is not shared with you." : e);
    });
  }

  function save() {
    if (S.readOnly) return;
    if (S.mode === "json") {
      try { S.resume = JSON.parse($("#raw-json").value); }
      catch (e) { H.showError($("#editor-error"), "The JSON is not valid: " + e.message); return; }
    }
    var changes = {};
    var title = $("#cv-title").value.trim();
    if (title !== (S.cv.title || "")) changes.title = title;
    if (JSON.stringify(S.resume) !== S.saved) changes.resume = S.resume;
    if (!Object.keys(changes).length) { H.toast("Nothing to save."); return; }
    var btn = $("#save-btn");
    btn.disabled = true;
    $("#save-status").textContent = "Saving…";
    $("#editor-error").hidden = true;
    clearTimeout(S.draftTimer);  // the save drops the draft on the server: no late draft after it
    Promise.resolve(S.draftReq).catch(function () {}).then(function () {
      return api("PATCH", "/api/v1/cvs/" + encodeURIComponent(S.id), changes, { headers: S.etag ? { "If-Match": S.etag } : {} });
    })
      .then(function (res) {
        S.draftPending = false;
        if (!changes.resume) api("DELETE", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/draft").catch(function () {});
        applyCv(res.data, res.response.headers.get("ETag"));
        showDraftNote(null);
        $("#save-status").textContent = "Saved";
        H.toast("Saved — version " + res.data.current_version);
      })
      .catch(function (e) {
        $("#save-status").textContent = "Not saved";
        if (e.status === 412) H.showError($("#editor-error"), "Someone else changed this CV meanwhile. Copy your edits, then reload the page.");
        else H.showError($("#editor-error"), e);
      })
      .then(function () { btn.disabled = false; });
  }

  // ---------------------------------------------------------------- preview / templates
  function renderUrl(fmt, draft) {  // with the CV's saved design; the draft (editors) or the saved version
    var p = new URLSearchParams({ format: fmt });
    if (!draft && S.cv && S.cv.current_version) p.set("version", S.cv.current_version);
    p.set("r", S.previewN);  // a new address after each draft or design change
    return "/api/v1/cvs/" + encodeURIComponent(S.id) + (draft ? "/draft/render?" : "/render?") + p.toString();
  }
  function updatePreview() {
    if (!S.cv) return;
    S.previewN += 1;
    var live = !S.readOnly;
    $("#preview").src = renderUrl("html", live);
    $("#preview-open").href = renderUrl("html", live);
    $("#preview-pdf").href = renderUrl("pdf", live);
    $("#pdf-link").href = renderUrl("pdf", false);
    $("#preview-status").textContent = live && S.dirty ? "Showing your unsaved changes" : "";
  }

  window.htdyEditor = function () {
    S.id = $("#editor").getAttribute("data-cv-id");
    R = window.htdyReview ? window.htdyReview({
      resume: function () { return S.resume; },
      toForm: function () { return selectTab("form"); },
      changed: function () { markDirty(); renderForm(); }
    }) : null;
    var ctx = { id: function () { return S.id; }, changed: updatePreview, reload: load };
    D = window.htdyDesign ? window.htdyDesign(ctx) : null;
    V = window.htdyHistory ? window.htdyHistory(ctx) : null;
    P = window.htdyPanels ? window.htdyPanels(S) : null;
    initTabs();
    $("#save-btn").addEventListener("click", save);
    $("#cv-title").addEventListener("input", markDirty);
    $("#draft-discard").addEventListener("click", discardDraft);
    $("#delete-cv").addEventListener("click", function () {
      if (!window.confirm("Delete “" + (S.cv.title || "this CV") + "” with all its versions, shares and uploaded files? This cannot be undone.")) return;
      api("DELETE", "/api/v1/cvs/" + encodeURIComponent(S.id))
        .then(function () { S.dirty = false; S.draftPending = false; location.assign("/app"); })
        .catch(function (e) { H.toast(H.errorText(e), true); });
    });
    document.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(); }
    });
    // the draft is kept on the server: leaving is safe unless it has not been sent yet
    window.addEventListener("beforeunload", function (ev) { if (S.draftPending) { ev.preventDefault(); ev.returnValue = ""; } });
    load();
  };
})();
