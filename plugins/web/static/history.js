/* htdy web — the editor's Versions panel: the list with Restore, the field-by-field
 * comparison of two versions (GET …/diff), and a new file uploaded as the next version.
 * editor.js calls window.htdyHistory(ctx) once, then load(cv, readOnly) after each read. */
(function () {
  "use strict";
  var H = window.htdy, h = H.h, $ = H.$, api = H.api;
  var KIND = { added: "Added", removed: "Removed", changed: "Changed" };

  function shown(v) {
    if (v === null || v === undefined) return "—";
    return typeof v === "string" ? v : JSON.stringify(v);
  }
  function label(path) {  // work[0].highlights[1] → Work 1 › highlights 2
    return path.replace(/\[(\d+)\]/g, function (_, n) { return " " + (+n + 1); })
      .split(".").map(function (p, i) { return i ? p : p.charAt(0).toUpperCase() + p.slice(1); }).join(" › ");
  }

  window.htdyHistory = function (ctx) {
    var cv = null, ro = false;
    function base() { return "/api/v1/cvs/" + encodeURIComponent(ctx.id()); }

    function restore(n) {
      api("POST", base() + "/versions/" + n + "/restore").then(function () {
        H.toast("Restored version " + n + " as a new version.");
        $("#diff-view").hidden = true;
        ctx.reload();  // a fresh read also brings the new ETag for If-Match
      }).catch(function (e) { H.toast(H.errorText(e), true); });
    }

    function list() {
      api("GET", base() + "/versions").then(function (res) {
        var items = (res.data.items || []).slice().sort(function (a, b) { return b.number - a.number; });
        var ol = $("#version-list");
        ol.textContent = "";
        var selects = [$("#diff-older"), $("#diff-newer")];
        selects.forEach(function (s) { s.textContent = ""; });
        items.forEach(function (v) {
          var n = v.number, current = n === cv.current_version;
          ol.appendChild(h("li", { class: current ? "current" : null },
            h("span", null, "Version " + n + " ", h("span", { class: "muted", text: H.fmtDate(v.created_at) + (current ? " · current" : "") })),
            h("span", { class: "version-actions" },
              current ? null : h("button", { type: "button", class: "btn btn-ghost btn-sm", text: "Compare", "aria-label": "Compare version " + n + " with the current version",
                onclick: function () { compare(n, cv.current_version); } }),
              current || ro ? null : h("button", { type: "button", class: "btn btn-ghost btn-sm", text: "Restore", "aria-label": "Restore version " + n, onclick: function () { restore(n); } }))));
          selects.forEach(function (s) { s.appendChild(h("option", { value: n, text: "Version " + n + (current ? " (current)" : "") })); });
        });
        $("#diff-form").hidden = items.length < 2;
        if (items.length > 1) { selects[0].value = items[1].number; selects[1].value = items[0].number; }
      }).catch(function () {});
    }

    function compare(older, newer) {
      var box = $("#diff-view");
      box.hidden = false;
      box.textContent = "Comparing…";
      api("GET", base() + "/diff?older=" + older + "&newer=" + newer).then(function (res) {
        var d = res.data, c = d.counts || {};
        box.textContent = "";
        box.appendChild(h("h3", { id: "diff-title", text: "Version " + d.older + " → version " + d.newer }));
        box.appendChild(h("p", { class: "muted diff-counts", text: (c.added || 0) + " added · " + (c.removed || 0) + " removed · " + (c.changed || 0) + " changed" }));
        if (!d.changes.length) box.appendChild(h("p", { text: "The two versions have the same content." }));
        box.appendChild(h("ul", { class: "diff-list", "aria-labelledby": "diff-title" }, d.changes.map(function (ch) {
          return h("li", { class: "diff-" + ch.kind },
            h("p", { class: "diff-path" }, h("span", { class: "badge diff-badge", text: KIND[ch.kind] }), " ", h("code", { text: label(ch.path) })),
            ch.kind === "added" ? null : h("p", { class: "diff-old" }, h("span", { class: "visually-hidden", text: "Before: " }), h("del", { text: shown(ch.old) })),
            ch.kind === "removed" ? null : h("p", { class: "diff-new" }, h("span", { class: "visually-hidden", text: "After: " }), h("ins", { text: shown(ch.new) })));
        })));
        if (d.truncated) box.appendChild(h("p", { class: "hint", text: "Only the first changes are shown." }));
        var other = d.older === cv.current_version ? d.newer : d.older;
        if (!ro && other !== cv.current_version) {
          box.appendChild(h("button", { type: "button", class: "btn btn-secondary btn-sm", id: "diff-restore", text: "Restore version " + other,
            onclick: function () { restore(other); } }));
        }
        $("#diff-title").tabIndex = -1;
        $("#diff-title").focus();
      }).catch(function (e) { box.textContent = H.errorText(e); });
    }

    function uploadVersion(file) {
      var status = $("#version-upload-status"), fd = new FormData();
      fd.append("file", file, file.name);
      fd.append("cv_id", ctx.id());
      status.textContent = "Uploading " + file.name + "…";
      fetch("/api/v1/uploads", { method: "POST", body: fd, credentials: "same-origin",
        headers: { "X-CSRF-Token": H.cookie("htdy_csrf") || "", Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error((b.error && b.error.message) || r.status); return b; }); })
        .then(function (b) { status.textContent = "Reading your file…"; poll(b.links.job, Date.now()); })
        .catch(function (e) { status.textContent = "Upload failed: " + e.message; $("#version-file").value = ""; });
      function poll(url, t0) {
        api("GET", url).then(function (res) {
          var job = res.data;
          if (job.status === "done") {
            status.textContent = "Version " + job.result.version + " was made from " + file.name + ".";
            $("#version-file").value = "";
            ctx.reload();
          } else if (job.status === "failed") {
            status.textContent = "We could not read that file: " + ((job.error && job.error.message) || "unknown error");
          } else if (Date.now() - t0 > 180000) {
            status.textContent = "This is taking too long; reload the page later.";
          } else setTimeout(function () { poll(url, t0); }, 700);
        }).catch(function (e) { status.textContent = H.errorText(e); });
      }
    }

    $("#diff-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      compare(+$("#diff-older").value, +$("#diff-newer").value);
    });
    $("#version-file").addEventListener("change", function (ev) { if (ev.target.files[0]) uploadVersion(ev.target.files[0]); });
    return {
      load: function (c, readOnly) { cv = c; ro = !!readOnly; $("#upload-version").hidden = ro; list(); },
      compare: compare
    };
  };
})();
