/* htdy web — the editor's Design panel: template, accent, fonts, text size, page size,
 * margins, photo, section order and visibility, hidden entries. Saved with the CV
 * (PUT /api/v1/cvs/{id}/design) a moment after each change; every render uses it.
 * editor.js calls window.htdyDesign(ctx) once, then load(cv, readOnly). */
(function () {
  "use strict";
  var H = window.htdy, h = H.h, $ = H.$, api = H.api;
  var NAMES = { summary: "Summary", work: "Work experience", volunteer: "Volunteering", education: "Education",
    projects: "Projects", talks: "Talks", grants: "Grants", publications: "Publications", awards: "Awards",
    certificates: "Certificates", skills: "Skills", languages: "Languages", interests: "Interests", references: "References" };
  var SELECTS = [["#d-fonts", "fonts"], ["#d-font-size", "font_size"], ["#d-page-size", "page_size"], ["#d-margins", "margins"]];

  window.htdyDesign = function (ctx) {
    var D = { template: null, options: {}, hidden_items: [] }, templates = {}, timer = null, ro = false;

    function specs() { var t = templates[D.template || ""] || templates[""]; return (t && t.options) || {}; }
    function opt(name) {
      if (D.options[name] !== undefined) return D.options[name];
      var s = specs()[name]; return s ? s["default"] : undefined;
    }
    function order() {
      var all = (specs().section_order || {}).choices || Object.keys(NAMES);
      var first = (opt("section_order") || []).filter(function (k) { return all.indexOf(k) >= 0; });
      return first.concat(all.filter(function (k) { return first.indexOf(k) < 0; }));
    }
    function set(name, value) {
      if (value === "" || value === null || value === undefined) delete D.options[name]; else D.options[name] = value;
      show(); save();
    }
    function save() {
      if (ro) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var known = specs(), options = {};
        Object.keys(D.options).forEach(function (k) { if (known[k]) options[k] = D.options[k]; });
        api("PUT", "/api/v1/cvs/" + encodeURIComponent(ctx.id()) + "/design",
          { template: D.template, options: options, hidden_items: D.hidden_items })
          .then(function (res) { D = res.data; ctx.changed(); H.toast("Design saved."); })
          .catch(function (e) { H.toast(H.errorText(e), true); });
      }, 400);
    }

    function sectionList() {
      var ol = $("#d-sections"), keys = order(), hide = opt("hide") || [];
      ol.textContent = "";
      keys.forEach(function (k, i) {
        var id = "d-show-" + k, name = NAMES[k] || k;
        function move(d) {
          var l = keys.slice(); l.splice(i + d, 0, l.splice(i, 1)[0]);
          set("section_order", l);
          var b = $("#d-sections li:nth-child(" + (i + d + 1) + ") button[data-dir='" + (d < 0 ? "up" : "down") + "']");
          if (b && !b.disabled) b.focus();
        }
        ol.appendChild(h("li", null,
          h("input", { type: "checkbox", id: id, checked: hide.indexOf(k) < 0, disabled: ro, onchange: function (ev) {
            var l = (opt("hide") || []).filter(function (x) { return x !== k; });
            if (!ev.target.checked) l.push(k);
            set("hide", l.length ? l : null);
          } }),
          h("label", { for: id, text: name }),
          h("button", { type: "button", class: "btn btn-ghost btn-sm", "data-dir": "up", disabled: ro || i === 0, "aria-label": "Move " + name + " up", onclick: function () { move(-1); } }, "↑"),
          h("button", { type: "button", class: "btn btn-ghost btn-sm", "data-dir": "down", disabled: ro || i === keys.length - 1, "aria-label": "Move " + name + " down", onclick: function () { move(1); } }, "↓")));
      });
    }
    function show() {
      $("#template-select").value = D.template || "";
      $("#d-accent").value = /^#[0-9a-f]{6}$/i.test(opt("accent") || "") ? opt("accent") : "#1f4e79";
      SELECTS.forEach(function (s) { $(s[0]).value = D.options[s[1]] || ""; });
      $("#d-photo").checked = !!opt("photo");
      sectionList();
    }

    function init() {
      $("#template-select").addEventListener("change", function (ev) { D.template = ev.target.value || null; show(); save(); });
      $("#d-accent").addEventListener("change", function (ev) { set("accent", ev.target.value); });
      SELECTS.forEach(function (s) { $(s[0]).addEventListener("change", function (ev) { set(s[1], ev.target.value); }); });
      $("#d-photo").addEventListener("change", function (ev) { set("photo", ev.target.checked); });
      $("#design-reset").addEventListener("click", function () { D = { template: D.template, options: {}, hidden_items: [] }; show(); save(); });
      api("GET", "/api/v1/templates").then(function (res) {
        var sel = $("#template-select");
        (res.data.items || []).forEach(function (t) {
          templates[t.id] = t;
          if (t["default"] || !templates[""]) templates[""] = t;  // a CV without a design uses the default
          sel.appendChild(h("option", { value: t.id, text: t.name || t.id }));
        });
        show();
      }).catch(function () {});
    }

    // hidden entries ("work.1"): the editor asks and tells when entries move or go
    function key(section, i) { return section + "." + i; }
    function hidden(section, i) { return D.hidden_items.indexOf(key(section, i)) >= 0; }
    function toggle(section, i, on) {
      D.hidden_items = D.hidden_items.filter(function (x) { return x !== key(section, i); });
      if (on) D.hidden_items.push(key(section, i));
      save();
    }
    function renumber(section, map) {  // map(old index) → new index, or -1 when removed
      var changed = false;
      D.hidden_items = D.hidden_items.map(function (x) {
        var p = x.split(".");
        if (p[0] !== section) return x;
        var n = map(+p[1]); changed = changed || n !== +p[1];
        return n < 0 ? null : key(section, n);
      }).filter(Boolean);
      if (changed) save();
    }

    init();
    return {
      load: function (cv, readOnly) {
        ro = !!readOnly;
        var d = cv.design || {};
        D = { template: d.template || null, options: d.options || {}, hidden_items: d.hidden_items || [] };
        $("#design-panel").hidden = ro;
        show();
      },
      hidden: hidden, toggle: toggle,
      moved: function (section, a, b) { renumber(section, function (n) { return n === a ? b : n === b ? a : n; }); },
      removed: function (section, i) { renumber(section, function (n) { return n === i ? -1 : n > i ? n - 1 : n; }); }
    };
  };
})();
