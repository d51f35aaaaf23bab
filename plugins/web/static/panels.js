/* htdy web — the editor's side panels that need no form state: Sharing (people, links
 * with an expiry), Public profile (discoverable, open to work, address) and the ATS check.
 * editor.js calls window.htdyPanels(S) once with its shared state (S.id, S.cv, S.resume…). */
(function () {
  "use strict";
  var H = window.htdy, h = H.h, $ = H.$, api = H.api;

  window.htdyPanels = function (S) {
    // ---------------------------------------------------------------- sharing
    function shareUrl(u) {  // show the page for people (page_url), not the API address
      var m = String(u || "").match(/\/api\/v1\/shared\/([^/?#]+)/);
      return m ? location.origin + "/s/" + m[1] : u ? new URL(u, location.href).href : "";
    }
    function loadShares() {
      api("GET", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/shares").then(function (res) {
        var list = Array.isArray(res.data) ? res.data : (res.data.items || []);
        var ul = $("#share-list");
        ul.textContent = "";
        if (!list.length) ul.appendChild(h("li", { class: "muted", text: "Not shared with anyone yet." }));
        list.forEach(function (s) {
          var link = s.kind === "link" && shareUrl(s.page_url || s.url || S.links[s.id]);
          var until = s.expires_at ? " · expires " + H.fmtDate(s.expires_at) : "";
          var who = s.kind === "link" ? h("span", null, "Link · can " + s.access + until + " ", link ? h("code", { text: link })
              : h("span", { class: "muted", text: "(its address is shown only when it is created)" }))
            : h("span", { text: ((s.user && (s.user.email || s.user.name)) || "user") + " · can " + s.access });
          ul.appendChild(h("li", null, who, h("button", { type: "button", class: "btn btn-danger btn-sm", text: "Revoke",
            "aria-label": "Revoke share " + who.textContent, onclick: function () { revoke(s.id); } })));
        });
      }).catch(function () {});
    }
    function revoke(shareId) {
      api("DELETE", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/shares/" + encodeURIComponent(shareId))
        .then(function () { H.toast("Share revoked."); loadShares(); })
        .catch(function (e) { H.toast(H.errorText(e), true); });
    }
    function initShares() {
      $("#share-form").addEventListener("submit", function (ev) {
        ev.preventDefault();
        var email = $("#share-email");
        if (!email.checkValidity()) { email.setAttribute("aria-invalid", "true"); email.focus(); return; }
        email.setAttribute("aria-invalid", "false");
        api("POST", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/shares", { email: email.value.trim(), access: $("#share-access").value })
          .then(function () { H.toast("Shared with " + email.value.trim() + "."); email.value = ""; loadShares(); })
          .catch(function (e) { H.toast(e.status === 404 ? "No user with that email." : H.errorText(e), true); });
      });
      $("#link-share").addEventListener("click", function () {
        var days = +$("#link-expiry").value, body = { link: true, access: "view" };
        if (days) body.expires_at = new Date(Date.now() + days * 86400000).toISOString();
        api("POST", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/shares", body)
          .then(function (res) {
            var url = shareUrl(res.data.page_url || res.data.url);
            S.links[res.data.id] = url;  // the API shows a link's address only once
            if (url && navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {});
            H.toast(url ? "Link created (copied): " + url : "Link created.");
            loadShares();
          }).catch(function (e) { H.toast(H.errorText(e), true); });
      });
    }

    // ---------------------------------------------------------------- public profile
    function showPublicLink() {
      var p = $("#public-link"), slug = S.cv && S.cv.slug;
      p.hidden = !(S.cv && S.cv.discoverable && slug);
      if (!p.hidden) { var a = $("a", p); a.href = "/p/" + encodeURIComponent(slug); a.textContent = location.origin + "/p/" + slug; }
    }
    function initVisibility() {
      $("#discoverable").addEventListener("change", function () {
        if ($("#discoverable").checked && !$("#slug").value) {
          var name = ((S.resume.basics || {}).name || S.cv.title || "").toLowerCase();
          $("#slug").value = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
        }
      });
      $("#visibility-save").addEventListener("click", function () {
        var slug = $("#slug");
        if (slug.value && !slug.checkValidity()) { slug.setAttribute("aria-invalid", "true"); slug.focus(); return; }
        var body = { discoverable: $("#discoverable").checked, open_to_work: $("#open-to-work").checked };
        if (slug.value) body.slug = slug.value.trim();
        api("PATCH", "/api/v1/cvs/" + encodeURIComponent(S.id), body).then(function (res) {
          S.cv.discoverable = res.data.discoverable; S.cv.slug = res.data.slug; S.cv.open_to_work = res.data.open_to_work;
          S.etag = res.response.headers.get("ETag") || S.etag;
          showPublicLink();
          H.toast(res.data.discoverable ? "Your profile is public." : "Your profile is private.");
        }).catch(function (e) { H.toast(H.errorText(e), true); });
      });
    }

    // ---------------------------------------------------------------- ATS check
    function itemText(x) {
      if (typeof x === "string") return x;
      if (x && typeof x === "object") return [x.severity || x.level, x.message || x.title || x.detail || x.field || x.name].filter(Boolean).join(": ") || JSON.stringify(x);
      return String(x);
    }
    function pct(x) { return Math.round((x <= 1 ? x * 100 : x)) + "%"; }
    function atsReport(r) {
      if (!r.sections && !r.parser) return atsGeneric(r);
      var box = h("div");
      var parser = r.parser || {};
      var score = typeof parser.f1 === "number" ? parser.f1 : (typeof r.score === "number" ? r.score : null);
      var tiles = h("div", { class: "ats-tiles" });
      if (score !== null) tiles.appendChild(h("p", { class: "ats-score" }, h("strong", { text: pct(score) }), h("span", { class: "muted", text: "fields read back" })));
      if (typeof r.text_recall === "number") tiles.appendChild(h("p", { class: "ats-score" }, h("strong", { text: pct(r.text_recall) }), h("span", { class: "muted", text: "text extracted" })));
      box.appendChild(tiles);
      var secs = r.sections || {};
      if (Object.keys(secs).length) {
        box.appendChild(h("table", { class: "ats-table" }, h("caption", { text: "Sections" }),
          h("thead", null, h("tr", null, h("th", { scope: "col", text: "Section" }), h("th", { scope: "col", text: "Found" }), h("th", { scope: "col", text: "Problems" }))),
          h("tbody", null, Object.keys(secs).map(function (k) {
            var sct = secs[k] || {}, lost = sct.lost || [], garbled = sct.garbled || [];
            var problems = lost.map(function (x) { return "lost: " + itemText(x); }).concat(garbled.map(function (x) { return "garbled: " + itemText(x); }));
            return h("tr", null, h("th", { scope: "row", text: k }),
              h("td", null, h("span", { class: "badge " + (sct.found === sct.checked ? "badge-ok" : "badge-warn"), text: (sct.found || 0) + "/" + (sct.checked || 0) })),
              h("td", { class: problems.length ? "" : "muted", text: problems.length ? problems.slice(0, 4).join("; ") : "none" }));
          }))));
      }
      var fields = parser.fields || {};
      var weak = Object.keys(fields).filter(function (k) { return (fields[k] || {}).f1 < 0.5; });
      if (parser.available === false) box.appendChild(h("p", { class: "hint", text: "No CV parser is installed, so fields were not read back." }));
      else if (Object.keys(fields).length) {
        box.appendChild(h("p", { class: weak.length ? "alert" : "alert alert-ok",
          text: weak.length ? "An ATS may miss: " + weak.join(", ") + "." : "Every field was read back correctly." }));
      }
      var meta = [r.template && "template " + r.template, r.engine && "engine " + r.engine, r.pages && r.pages + " page" + (r.pages === 1 ? "" : "s")].filter(Boolean);
      if (meta.length) box.appendChild(h("p", { class: "hint", text: "Checked the PDF: " + meta.join(" · ") }));
      return box;
    }
    function atsGeneric(r) {
      var box = h("div");
      Object.keys(r).forEach(function (k) {
        var v = r[k];
        box.appendChild(h("p", null, h("strong", { text: k.replace(/_/g, " ") + ": " }),
          Array.isArray(v) ? v.map(itemText).join("; ") : v && typeof v === "object" ? JSON.stringify(v) : String(v)));
      });
      return box;
    }
    function initAts() {
      $("#ats-btn").addEventListener("click", function () {
        var out = $("#ats-report"), btn = $("#ats-btn");
        out.textContent = "Checking…";
        btn.disabled = true;
        var t = $("#template-select").value;
        api("GET", "/api/v1/cvs/" + encodeURIComponent(S.id) + "/ats-check" + (t ? "?template=" + encodeURIComponent(t) : ""))
          .then(function (res) { out.textContent = ""; out.appendChild(atsReport(res.data || {})); })
          .catch(function (e) { out.textContent = H.errorText(e); })
          .then(function () { btn.disabled = false; });
      });
    }

    initShares(); initVisibility(); initAts();
    return { loadShares: loadShares, showPublicLink: showPublicLink };
  };
})();
