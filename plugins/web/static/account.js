/* htdy web — the account page (password, sessions, API tokens, export, deletion) and the
 * forgot/reset password pages. Uses the helpers app.js exposes as window.htdy. */
(function () {
  "use strict";

  function formValues(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) out[el.name] = el.type === "checkbox" ? el.checked : el.value; });
    return out;
  }

  function invalidFields(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input[required]"), function (i) {
      var bad = !i.checkValidity();
      i.setAttribute("aria-invalid", bad ? "true" : "false");
      return bad;
    });
  }

  function busy(form, on) { form.querySelector('button[type="submit"]').disabled = on; }

  // ---------------------------------------------------------------- account page
  function initAccount(H) {
    var $ = H.$, h = H.h;
    H.api("GET", "/api/v1/me").then(function (res) {
      $("#account-who").textContent = "Signed in as " + res.data.name + " <" + res.data.email + ">.";
    }).catch(function () {});

    var pw = $("#password-form");
    pw.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var err = $("#password-error"), ok = $("#password-ok");
      err.hidden = ok.hidden = true;
      var bad = invalidFields(pw);
      if (bad.length) { H.showError(err, "Give your current password and a new one of at least 8 characters."); bad[0].focus(); return; }
      var v = formValues(pw);
      busy(pw, true);
      H.api("POST", "/api/v1/me/password", { current_password: v.current_password, new_password: v.new_password }, { allow401: true })
        .then(function (res) {
          pw.reset();
          var n = res.data.ended_sessions;
          ok.textContent = "Password changed. " + (n ? n + " other session" + (n === 1 ? " was" : "s were") + " signed out." : "No other device was signed in.");
          ok.hidden = false;
        })
        .catch(function (e) { H.showError(err, e); })
        .then(function () { busy(pw, false); });
    });

    $("#logout-all").addEventListener("click", function () {
      if (!window.confirm("Log out on every device, this one included?")) return;
      H.api("POST", "/api/v1/auth/logout-all", undefined, { allow401: true })
        .then(function () { location.assign("/login"); })
        .catch(function (e) { H.toast(H.errorText(e), true); });
    });

    function loadTokens() {
      var ul = $("#token-list");
      return H.api("GET", "/api/v1/tokens").then(function (res) {
        ul.textContent = "";
        ul.setAttribute("aria-busy", "false");
        var items = (res.data.items || []).filter(function (t) { return t.kind === "api"; });
        if (!items.length) ul.appendChild(h("li", { class: "muted", text: "No API tokens." }));
        items.forEach(function (t) {
          var meta = "created " + H.fmtDate(t.created_at) + " · " + (t.last_used_at ? "last used " + H.fmtDate(t.last_used_at) : "never used") +
            " · " + (t.expires_at ? "expires " + H.fmtDate(t.expires_at) : "does not expire");
          ul.appendChild(h("li", null, h("div", null, h("strong", { text: t.name }), h("div", { class: "token-meta", text: meta })),
            h("button", { class: "btn btn-danger btn-sm", type: "button", "aria-label": "Revoke token " + t.name,
              onclick: function () {
                H.api("DELETE", "/api/v1/tokens/" + encodeURIComponent(t.id)).then(loadTokens)
                  .catch(function (e) { H.toast(H.errorText(e), true); });
              } }, "Revoke")));
        });
      }).catch(function (e) { H.toast(H.errorText(e), true); });
    }
    loadTokens();

    var tf = $("#token-form");
    tf.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (invalidFields(tf).length) { $("#token-name").focus(); return; }
      var v = formValues(tf);
      var body = { name: v.name };
      if (v.expiry) body.expires_at = new Date(Date.now() + parseInt(v.expiry, 10) * 864e5).toISOString();
      H.api("POST", "/api/v1/tokens", body).then(function (res) {
        tf.reset();
        var box = $("#token-secret");
        box.textContent = "Copy this token now, it is not shown again: " + res.data.token;
        box.hidden = false;
        loadTokens();
      }).catch(function (e) { H.toast(H.errorText(e), true); });
    });

    initTwoFactor(H);

    var del = $("#delete-form");
    del.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var err = $("#delete-error");
      err.hidden = true;
      var bad = invalidFields(del);
      if (bad.length) { H.showError(err, "Give your password and tick the box to confirm."); bad[0].focus(); return; }
      if (!window.confirm("Delete your account and all its data for good?")) return;
      busy(del, true);
      H.api("DELETE", "/api/v1/me", { password: formValues(del).password }, { allow401: true })
        .then(function () { location.assign("/?account=deleted"); })
        .catch(function (e) { H.showError(err, e); busy(del, false); });
    });
  }

  function initTwoFactor(H) {
    var $ = H.$, h = H.h;
    var setup = $("#tfa-setup-form"), enable = $("#tfa-enable-form"), disable = $("#tfa-disable-form");
    var err = $("#tfa-error");
    function show(state) {
      H.api("GET", "/api/v1/me/2fa").then(function (res) {
        var on = res.data.enabled;
        $("#tfa-status").textContent = on
          ? "On: signing in needs a code from your authenticator app. " + res.data.recovery_codes_left + " recovery codes left."
          : "Off: your password alone signs you in.";
        setup.hidden = on || state === "enabling";
        enable.hidden = on || state !== "enabling";
        disable.hidden = !on;
      }).catch(function (e) { H.showError(err, e); });
    }
    function submit(form, fn) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        err.hidden = true;
        var bad = invalidFields(form);
        if (bad.length) { H.showError(err, "Please fill in " + bad.map(function (i) { return form.querySelector('label[for="' + i.id + '"]').textContent.toLowerCase(); }).join(" and ") + "."); bad[0].focus(); return; }
        busy(form, true);
        fn(formValues(form)).catch(function (e) { H.showError(err, e); }).then(function () { busy(form, false); });
      });
    }
    submit(setup, function (v) {
      return H.api("POST", "/api/v1/me/2fa/setup", { password: v.password }, { allow401: true }).then(function (res) {
        setup.reset();
        $("#tfa-secret").textContent = res.data.secret.replace(/(.{4})/g, "$1 ").trim();
        $("#tfa-uri").textContent = res.data.otpauth_uri;
        show("enabling");
      });
    });
    submit(enable, function (v) {
      return H.api("POST", "/api/v1/me/2fa/enable", { code: v.code }).then(function (res) {
        enable.reset();
        var ul = $("#tfa-code-list");
        ul.textContent = "";
        res.data.recovery_codes.forEach(function (c) { ul.appendChild(h("li", null, h("code", { text: c }))); });
        $("#tfa-codes").hidden = false;
        show();
      });
    });
    submit(disable, function (v) {
      return H.api("POST", "/api/v1/me/2fa/disable", { password: v.password, code: v.code }, { allow401: true }).then(function () {
        disable.reset();
        $("#tfa-codes").hidden = true;
        show();
      });
    });
    show();
  }

  // ---------------------------------------------------------------- forgot / reset
  function initForgot(H) {
    var form = H.$("#forgot-form");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var err = H.$("#form-error");
      err.hidden = true;
      if (invalidFields(form).length) { H.showError(err, "Please give a valid e-mail address."); return; }
      busy(form, true);
      H.api("POST", "/api/v1/auth/password-reset", { email: formValues(form).email }, { allow401: true })
        .then(function (res) { var ok = H.$("#form-ok"); ok.textContent = res.data.message; ok.hidden = false; form.hidden = true; })
        .catch(function (e) { H.showError(err, e); busy(form, false); });
    });
  }

  function initReset(H) {
    var form = H.$("#reset-form");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var err = H.$("#form-error");
      err.hidden = true;
      if (invalidFields(form).length) { H.showError(err, "The new password needs at least 8 characters."); return; }
      var v = formValues(form);
      busy(form, true);
      H.api("POST", "/api/v1/auth/password-reset/confirm", { token: v.token, password: v.password }, { allow401: true })
        .then(function () { H.$("#form-ok").hidden = false; form.hidden = true; })
        .catch(function (e) { H.showError(err, e); busy(form, false); });
    });
  }

  var pages = { account: initAccount, forgot: initForgot, reset: initReset };
  document.addEventListener("DOMContentLoaded", function () {
    var init = pages[document.body.getAttribute("data-page")];
    if (init && window.htdy) init(window.htdy);
  });
})();
