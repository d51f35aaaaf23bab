/* The recruiter's job-ad match page (/match): paste or upload an ad, see ranked candidates
   with matched / missing skills, title similarity, relevant years and reasons; save the
   search to be told about new profiles. Uses the helpers app.js exports (window.htdy). */
(function () {
  "use strict";
  var H = window.htdy;
  var h = H.h, $ = H.$;
  var last = null;  // the ad text of the last match (what "Save search" saves)

  function pct(x) { return Math.round((x || 0) * 100) + " %"; }

  function chips(label, items, cls) {
    if (!items.length) return null;
    return h("div", { class: "chip-row" }, h("span", { class: "chip-label muted", text: label }),
      h("ul", { class: "chips", "aria-label": label }, items.map(function (s) { return h("li", { class: cls, text: s }); })));
  }

  function card(it, rank) {
    var name = it.name || "Anonymous";
    var href = it.slug ? "/p/" + encodeURIComponent(it.slug) + "?ref=search" : null;
    var years = typeof it.relevant_years === "number" ? it.relevant_years + " years relevant" : "";
    return h("li", { class: "card result match-result" },
      h("div", { class: "score", title: "score " + pct(it.score) },
        h("span", { class: "score-value", text: pct(it.fit) }), h("span", { class: "muted", text: "fit" })),
      h("div", null,
        h("h2", null, h("span", { class: "rank muted", text: "#" + rank + " " }), href ? h("a", { href: href, text: name }) : name,
          it.open_to_work ? h("span", { class: "badge badge-ok open", text: "Open to work" }) : null),
        h("p", { class: "muted", text: [it.title || it.label, it.location, years, "title " + pct(it.title_similarity)].filter(Boolean).join(" · ") }),
        chips("Has", it.matched_skills || [], "match"),
        chips("Missing", it.missing_skills || [], "missing"),
        chips("Nice to have", it.preferred_skills || [], "nice"),
        (it.reasons || []).length ? h("ul", { class: "why muted" }, it.reasons.map(function (r) { return h("li", { text: r }); })) : null));
  }

  function showError(e) {
    var box = $("#match-error");
    box.textContent = H.errorText(e);
    box.hidden = false;
  }

  function render(data) {
    var ad = data.ad || {};
    $("#ad-summary").hidden = false;
    $("#ad-read").textContent = "Read from the ad: " + [ad.title ? "“" + ad.title + "”" : "no title",
      "requires " + ((ad.required || []).join(", ") || "no known skill"),
      (ad.preferred || []).length ? "nice to have " + ad.preferred.join(", ") : "",
      ad.min_years ? ad.min_years + "+ years" : "", ad.language ? "language " + ad.language : ""].filter(Boolean).join(" · ");
    var items = data.items || [];
    $("#match-count").textContent = items.length ? items.length + " candidate" + (items.length === 1 ? "" : "s") + " (" + data.matcher + ")"
      : "No discoverable profile shares a skill or title with this ad.";
    var ol = $("#match-results");
    ol.textContent = "";
    items.forEach(function (it, i) { ol.appendChild(card(it, i + 1)); });
  }

  function run(ev) {
    ev.preventDefault();
    $("#match-error").hidden = true;
    var file = $("#ad-file").files[0];
    var text = $("#ad-text").value;
    var matcher = $("#ad-matcher").value;
    var loc = $("#ad-location").value.trim();
    var req;
    if (file) {
      var form = new FormData();
      form.append("file", file);
      if (matcher) form.append("matcher", matcher);
      if (loc) form.append("location", loc);
      req = H.api("POST", "/api/v1/match", form);
    } else {
      var body = { text: text, limit: 20, filters: loc ? { location: loc } : {} };
      if (matcher) body.matcher = matcher;
      req = H.api("POST", "/api/v1/match", body);
    }
    $("#match-count").textContent = "Matching…";
    req.then(function (res) { last = file ? null : text; render(res.data); })
      .catch(function (e) { $("#match-count").textContent = ""; showError(e); });
  }

  function loadSaved() {
    H.api("GET", "/api/v1/me/saved-searches").then(function (res) {
      var ul = $("#saved-list");
      ul.textContent = "";
      var items = res.data.items || [];
      if (!items.length) ul.appendChild(h("li", { class: "muted", text: "None yet." }));
      items.forEach(function (s) {
        ul.appendChild(h("li", null, h("span", { text: s.name }),
          s.new_alerts ? h("span", { class: "badge", text: s.new_alerts + " new" }) : null,
          h("button", { class: "btn btn-ghost btn-small", type: "button", text: "Open",
            onclick: function () { $("#ad-text").value = s.text; $("#ad-file").value = ""; $("#match-run").click(); } })));
      });
    }).catch(function () {});
  }

  function save() {
    var text = $("#ad-text").value;
    if (!text.trim()) { showError(new H.ApiError(422, "Paste the job ad text to save it as a search.")); return; }
    var name = (text.trim().split("\n")[0] || "Job ad").slice(0, 120);
    H.api("POST", "/api/v1/me/saved-searches", { name: name, text: text }).then(function () {
      H.toast("Saved: you will be told when a new profile fits.");
      loadSaved();
    }).catch(showError);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.getAttribute("data-page") !== "match") return;
    H.api("GET", "/api/v1/matchers").then(function (res) {
      var sel = $("#ad-matcher");
      (res.data.items || []).forEach(function (m) {
        var o = h("option", { value: m.name, text: m.name + (m.description ? " — " + m.description : "") });
        if (m.default) o.selected = true;
        sel.appendChild(o);
      });
    }).catch(function () {});
    $("#match-form").addEventListener("submit", run);
    $("#match-save").addEventListener("click", save);
    loadSaved();
  });
})();
