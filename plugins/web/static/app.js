/* htdy web — small vanilla JS for the app pages. No dependencies, no build step.
 * Talks to the JSON API (docs/api-contract.md) on the same origin: the session cookie
 * authenticates, writes carry X-CSRF-Token = the htdy_csrf cookie (double submit). */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  function h(tag, attrs) {
    var el = document.createElement(tag);
    var kids = Array.prototype.slice.call(arguments, 2);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    });
    kids.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) el.appendChild(x); });
      else el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  function cookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : "";
  }

  function toast(msg, isError) {
    var t = $("#toast");
    if (!t) return;
    t.textContent = msg;
    t.className = "toast" + (isError ? " error" : "");
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.hidden = true; }, isError ? 6000 : 3000);
  }

  function ApiError(status, message, body) { this.status = status; this.message = message; this.body = body; }

  function api(method, path, body, opts) {
    opts = opts || {};
    var headers = { Accept: "application/json" };
    var payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = cookie("htdy_csrf");
    Object.keys(opts.headers || {}).forEach(function (k) { headers[k] = opts.headers[k]; });
    return fetch(path, { method: method, headers: headers, body: payload, credentials: "same-origin" })
      .then(function (r) {
        var ct = r.headers.get("Content-Type") || "";
        var parse = r.status !== 204 && ct.indexOf("json") >= 0 ? r.json() : Promise.resolve(null);
        return parse.then(function (data) {
          if (r.status === 401 && !opts.allow401) { goLogin(); }
          if (!r.ok) {
            var err = (data && data.error) || {};
            throw new ApiError(r.status, err.message || r.statusText || "Request failed", data);
          }
          return { data: data, response: r };
        });
      });
  }

  function goLogin() {
    location.assign("/login?next=" + encodeURIComponent(location.pathname + location.search));
  }

  function errorText(e) {
    if (!(e instanceof ApiError)) return "Network error — please try again.";
    var details = e.body && e.body.error && e.body.error.details;
    var extra = "";
    if (Array.isArray(details) && details.length) {
      extra = ": " + details.slice(0, 3).map(function (d) {
        return typeof d === "string" ? d : (d.path || d.loc || d.field || "") + " " + (d.message || d.msg || "");
      }).join("; ");
    }
    return e.message + extra;
  }

  function showError(el, e) {
    if (!el) { toast(errorText(e), true); return; }
    el.textContent = typeof e === "string" ? e : errorText(e);
    el.hidden = false;
  }

  function fmtDate(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  // ---------------------------------------------------------------- every page
  function initLogout() {
    $$('[data-action="logout"]').forEach(function (a) {
      a.addEventListener("click", function (ev) { ev.preventDefault(); logout(); });
    });
  }

  function logout() {
    return api("POST", "/api/v1/auth/logout", undefined, { allow401: true })
      .catch(function () { /* already logged out */ })
      .then(function () { location.assign("/"); });
  }

  // ---------------------------------------------------------------- sign up / log in
  function initAuth() {
    var form = $("#auth-form");
    if (!form) return;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var err = $("#form-error");
      err.hidden = true;
      var invalid = $$("input[required]", form).filter(function (i) {
        var bad = !i.checkValidity();
        i.setAttribute("aria-invalid", bad ? "true" : "false");
        return bad;
      });
      if (invalid.length) { showError(err, "Please fill in " + invalid.map(function (i) { return $('label[for="' + i.id + '"]').textContent.toLowerCase(); }).join(", ") + " correctly."); invalid[0].focus(); return; }
      var body = {};
      ["name", "email", "password", "invite", "otp"].forEach(function (k) { if (form.elements[k] && form.elements[k].value) body[k] = form.elements[k].value; });
      var btn = $('button[type="submit"]', form);
      btn.disabled = true;
      api("POST", form.getAttribute("data-api"), body, { allow401: true })
        .then(function (res) {
          if (res.data && res.data.verification_required) {  // [auth] verify_email: the link is on its way
            var note = $("#form-notice");
            note.textContent = "Almost there: open the link we just mailed you to confirm your address, then log in.";
            note.hidden = false; form.hidden = true;
            return;
          }
          location.assign(form.elements.next.value || "/app");
        })
        .catch(function (e) {
          showError(err, e); err.setAttribute("tabindex", "-1"); btn.disabled = false;
          var code = e.body && e.body.error && e.body.error.code;
          if ((code === "otp_required" || code === "invalid_otp") && $("#otp-field")) { $("#otp-field").hidden = false; $("#otp").focus(); }
        });
    });
  }

  function initLogoutPage() {
    var status = $("#logout-status");
    var form = $("#logout-form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); logout(); });
    $("#logout-card h1").textContent = "Logging out…";  // the page itself reads right without script
    status.textContent = "Ending your session.";
    api("POST", "/api/v1/auth/logout", undefined, { allow401: true })
      .catch(function () { return null; })
      .then(function () {
        $("#logout-card h1").textContent = "You are logged out";
        status.textContent = "See you soon.";
        form.hidden = true;
      });
  }

  // ---------------------------------------------------------------- dashboard
  function cvCard(cv) {
    var basics = (cv.resume && cv.resume.basics) || {};
    var access = cv.access && cv.access !== "owner" ? h("span", { class: "badge badge-muted", text: "can " + cv.access }) : null;
    var pub = cv.discoverable ? h("span", { class: "badge badge-ok", text: "public" }) : null;
    return h("li", null, h("a", { class: "card cv-card", href: "/app/cvs/" + encodeURIComponent(cv.id) },
      h("h3", { text: cv.title || basics.name || "Untitled CV" }),
      basics.label ? h("p", { class: "muted", text: basics.label }) : null,
      h("p", { class: "meta" }, cv.current_version ? h("span", { class: "badge", text: "v" + cv.current_version }) : null, access, pub,
        h("span", { text: cv.updated_at ? "Updated " + fmtDate(cv.updated_at) : "" })),
      cv.owner && cv.access !== "owner" ? h("p", { class: "meta", text: "From " + (cv.owner.name || "someone") }) : null));
  }

  function fillList(ul, items, emptyText) {
    ul.textContent = "";
    ul.setAttribute("aria-busy", "false");
    if (!items.length) ul.appendChild(h("li", { class: "card empty", text: emptyText }));
    items.forEach(function (cv) { ul.appendChild(cvCard(cv)); });
  }

  function loadCvs() {
    var all = [];
    function page(cursor) {
      return api("GET", "/api/v1/cvs?limit=100" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""))
        .then(function (res) {
          all = all.concat(res.data.items || []);
          return res.data.next_cursor && all.length < 1000 ? page(res.data.next_cursor) : all;
        });
    }
    return page(null).then(function (items) {
      fillList($("#my-cvs"), items.filter(function (c) { return !c.access || c.access === "owner"; }), "No CVs yet — upload one above.");
      fillList($("#shared-cvs"), items.filter(function (c) { return c.access && c.access !== "owner"; }), "Nothing has been shared with you yet.");
    }).catch(function (e) { toast(errorText(e), true); });
  }

  function initDashboard() {
    api("GET", "/api/v1/me").then(function (res) {
      if (res.data && res.data.name) $("#greeting").textContent = "Hello " + res.data.name + " — upload a CV or open one below.";
    }).catch(function () {});
    loadCvs();
    var input = $("#upload-file");
    var zone = $("#dropzone");
    input.addEventListener("change", function () { if (input.files[0]) upload(input.files[0]); });
    ["dragenter", "dragover"].forEach(function (t) {
      zone.addEventListener(t, function (ev) { ev.preventDefault(); zone.classList.add("dragover"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      zone.addEventListener(t, function (ev) { ev.preventDefault(); zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (ev) {
      var f = ev.dataTransfer && ev.dataTransfer.files[0];
      if (f) upload(f);
    });
    $("#new-blank").addEventListener("click", function () {
      api("POST", "/api/v1/cvs", { title: "New CV", resume: { basics: { name: "" } } })
        .then(function (res) { location.assign("/app/cvs/" + encodeURIComponent(res.data.id)); })
        .catch(function (e) { toast(errorText(e), true); });
    });
  }

  function setProgress(pct, label, detail) {
    $("#upload-progress").hidden = false;
    $("#upload-bar").value = pct;
    if (label) $("#upload-label").textContent = label;
    $("#upload-detail").textContent = detail || "";
  }

  function upload(file) {
    var err = $("#upload-error");
    err.hidden = true;
    var fd = new FormData();
    fd.append("file", file, file.name);
    setProgress(2, "Uploading " + file.name + "…");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/uploads");
    xhr.setRequestHeader("X-CSRF-Token", cookie("htdy_csrf"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) setProgress(Math.round(ev.loaded / ev.total * 40), null, Math.round(ev.loaded / 1024) + " KB sent");
    };
    xhr.onerror = function () { uploadFailed("Network error while uploading."); };
    xhr.onload = function () {
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status === 401) return goLogin();
      if (xhr.status === 413) return uploadFailed("That file is too large.");
      if (xhr.status >= 400 || !data || !data.job) return uploadFailed((data && data.error && data.error.message) || "Upload failed (" + xhr.status + ").");
      setProgress(45, "Reading your CV…", "Queued");
      pollJob((data.links && data.links.job) || "/api/v1/jobs/" + encodeURIComponent(data.job.id), Date.now());
    };
    xhr.send(fd);
  }

  function uploadFailed(msg) {
    setProgress(0, "Upload failed");
    showError($("#upload-error"), msg);
    $("#upload-file").value = "";
  }

  function pollJob(url, started) {
    api("GET", url).then(function (res) {
      var job = res.data;
      var elapsed = (Date.now() - started) / 1000;
      if (job.status === "done" && job.result) {
        setProgress(100, "Done — opening your CV…", "");
        location.assign("/app/cvs/" + encodeURIComponent(job.result.cv_id));
        return;
      }
      if (job.status === "failed") return uploadFailed((job.error && job.error.message) || "We could not read that file.");
      if (elapsed > 180) return uploadFailed("This is taking too long; check back on the dashboard later.");
      var pct = job.status === "running" ? Math.min(95, 60 + elapsed * 4) : Math.min(58, 45 + elapsed * 2);
      setProgress(pct, job.status === "running" ? "Extracting sections…" : "Waiting for a parser…", job.attempts > 1 ? "Attempt " + job.attempts : "");
      setTimeout(function () { pollJob(url, started); }, elapsed < 5 ? 400 : 1500);
    }).catch(function (e) { uploadFailed(errorText(e)); });
  }

  // ---------------------------------------------------------------- search
  var SEARCH_KEYS = ["q", "skill", "location", "city", "country", "language", "title", "min_years", "max_years", "open_to_work"];
  var FACET_NAMES = { skill: "Skills", city: "City", country: "Country", language: "Speaks", years: "Experience", open_to_work: "Availability" };

  function initSearch() {
    var params = new URLSearchParams(location.search);
    if (!SEARCH_KEYS.some(function (k) { return params.get(k); })) { $("#q").focus(); return; }
    var limit = 20;
    var offset = parseInt(params.get("offset") || "0", 10) || 0;
    var qs = new URLSearchParams();
    SEARCH_KEYS.forEach(function (k) { if (params.get(k)) qs.set(k, params.get(k)); });
    qs.set("limit", limit);
    qs.set("offset", offset);
    qs.set("facets", "true");
    var count = $("#result-count");
    count.textContent = "Searching…";
    api("GET", "/api/v1/search?" + qs.toString(), undefined, { allow401: true }).then(function (res) {
      var items = res.data.items || [];
      var total = res.data.total || 0;
      count.textContent = total ? total + " profile" + (total === 1 ? "" : "s") + " found" : "No profiles match — try fewer words.";
      var ul = $("#results");
      items.forEach(function (it) { ul.appendChild(resultItem(it)); });
      renderFacets(res.data.facets || {}, params);
      var pager = $("#pager");
      function link(el, off, ok) {
        var p = new URLSearchParams(params); p.set("offset", off);
        el.href = "/search?" + p.toString();
        el.setAttribute("aria-disabled", ok ? "false" : "true");
        el.hidden = !ok;
      }
      link($("#prev-page"), Math.max(0, offset - limit), offset > 0);
      link($("#next-page"), offset + limit, offset + items.length < total);
      pager.hidden = !(offset > 0 || offset + items.length < total);
    }).catch(function (e) { count.textContent = errorText(e); });
  }

  function facetHref(params, name, value) {
    var p = new URLSearchParams(params);
    p.delete("offset");
    if (name === "years") {
      var bounds = value.replace("+", "-").split("-");
      p.set("min_years", bounds[0]);
      if (bounds[1]) p.set("max_years", bounds[1]); else p.delete("max_years");
    } else if (name === "skill") {
      var have = (p.get("skill") || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      if (have.map(function (s) { return s.toLowerCase(); }).indexOf(value.toLowerCase()) < 0) have.push(value);
      p.set("skill", have.join(", "));
    } else {
      p.set(name, value);
    }
    return "/search?" + p.toString();
  }

  function renderFacets(facets, params) {
    var box = $("#facets");
    var groups = Object.keys(FACET_NAMES).filter(function (k) { return (facets[k] || []).length; });
    box.hidden = !groups.length;
    groups.forEach(function (k) {
      box.appendChild(h("section", { class: "facet" },
        h("h2", { text: FACET_NAMES[k] }),
        h("ul", null, facets[k].slice(0, 10).map(function (f) {
          return h("li", null, h("a", { href: facetHref(params, k, k === "skill" ? f.label : f.value) },
            h("span", { text: f.label }), h("span", { class: "count muted", text: String(f.count) })));
        }))));
    });
  }

  function reasonText(r) {
    if (!r) return "";
    var parts = [];
    if ((r.skills || []).length) parts.push("skills: " + r.skills.join(", "));
    if (r.title) parts.push("title: " + r.title);
    if ((r.text || []).length) parts.push("text: " + r.text.join(", "));
    return parts.length ? "Matched " + parts.join(" · ") : "";
  }

  function highlighted(fragment) {
    // Highlights come as text with <em>/<mark> tags only; rebuild them safely.
    var p = h("p", { class: "hl muted" });
    String(fragment).split(/(<\/?(?:em|mark|b)>)/).reduce(function (inMark, part) {
      if (/^<(em|mark|b)>$/.test(part)) return true;
      if (/^<\/(em|mark|b)>$/.test(part)) return false;
      if (part) p.appendChild(inMark ? h("mark", { text: part }) : document.createTextNode(part));
      return inMark;
    }, false);
    return p;
  }

  function resultItem(it) {
    var name = it.name || "Anonymous";
    var initials = name.split(/\s+/).slice(0, 2).map(function (w) { return w.charAt(0); }).join("").toUpperCase();
    var href = it.slug ? "/p/" + encodeURIComponent(it.slug) + "?ref=search" : null;  // counted as a click from search
    var hl = it.highlights || {};
    var firstHl = Object.keys(hl).filter(function (k) { return k !== "name"; }).map(function (k) { return (hl[k] || [])[0]; }).filter(Boolean)[0];
    var matched = ((it.reasons || {}).skills || []);
    var skills = (it.skills || []).slice().sort(function (a, b) { return (matched.indexOf(b) >= 0) - (matched.indexOf(a) >= 0); });
    var years = typeof it.years === "number" ? it.years + (it.years === 1 ? " year" : " years") : "";
    var why = reasonText(it.reasons);
    return h("li", { class: "card result" },
      h("div", { class: "avatar", "aria-hidden": "true", text: initials }),
      h("div", null,
        h("h2", null, href ? h("a", { href: href, text: name }) : name,
          it.open_to_work ? h("span", { class: "badge badge-ok open", text: "Open to work" }) : null),
        h("p", { class: "muted", text: [it.title || it.label, it.location, years].filter(Boolean).join(" · ") }),
        firstHl ? highlighted(firstHl) : null,
        skills.length ? h("ul", { class: "chips", "aria-label": "Skills" }, skills.slice(0, 12).map(function (s) {
          return h("li", matched.indexOf(s) >= 0 ? { class: "match", text: s, title: "matches your search" } : { text: s });
        })) : null,
        why ? h("p", { class: "why muted", text: why }) : null));
  }

  // ---------------------------------------------------------------- boot
  var pages = {
    signup: initAuth, login: initAuth, logout: initLogoutPage, dashboard: initDashboard, search: initSearch,
    editor: function () { if (window.htdyEditor) window.htdyEditor(); }
  };
  window.htdy = { api: api, cookie: cookie, h: h, $: $, $$: $$, toast: toast, errorText: errorText, showError: showError, fmtDate: fmtDate, ApiError: ApiError };
  document.addEventListener("DOMContentLoaded", function () {
    initLogout();
    var init = pages[document.body.getAttribute("data-page")];
    if (init) init();
  });
})();
