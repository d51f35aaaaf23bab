"""The account's own controls: change password, log out everywhere, reset a forgotten
password by e-mail, two-factor sign-in, export everything, delete the account (``/api/v1/me/*``,
``/api/v1/auth/logout-all``, ``/api/v1/auth/password-reset``)."""
from __future__ import annotations

from aiohttp import web

from htdy.core.host.interfaces import PageNames
from htdy.core.http import appkeys
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import body, respond, svc, user_id
from htdy.core.http.api.shares import public_base
from htdy.core.http.middlewares import CSRF_COOKIE, SESSION_COOKIE
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import credentials, erasure, export, two_factor
from htdy.core.services.accounts import sha256

routes = ApiRoutes("account")


def _own_credentials(request: web.Request) -> list[str]:
    """The hashes of the session cookie or bearer token this request came with."""
    if request.get(appkeys.auth_via) == "token":
        return [sha256(request.headers["Authorization"].partition(" ")[2].strip())]
    cookie = request.cookies.get(SESSION_COOKIE)
    return [sha256(cookie)] if cookie else []


def _signed_out(status: int = 204) -> web.Response:
    resp = web.Response(status=status)
    resp.del_cookie(SESSION_COOKIE, path="/")
    resp.del_cookie(CSRF_COOKIE, path="/")
    return resp


@routes.post("/api/v1/me/password", summary="Change the password", body=s.PasswordChangeIn,
             response=s.PasswordChangeOut, errors=(401, 422))
async def change_password(request: web.Request) -> web.StreamResponse:
    """Needs the current password (`401 wrong_password` otherwise). Every other session and
    login token ends; the session or token of this request stays. API tokens made on
    `/api/v1/tokens` stay too (revoke them there)."""
    uid = user_id(request)
    data = await body(request, s.PasswordChangeIn)
    ended = await credentials.change_password(svc(request), uid, data.current_password, data.new_password,
                                              keep=_own_credentials(request))
    return respond(request, {"ended_sessions": ended}, cache="no-store")


@routes.post("/api/v1/auth/logout-all", summary="Log out everywhere", status=204)
async def logout_all(request: web.Request) -> web.StreamResponse:
    """Ends every session and login token of the account, this one included. API tokens
    made on `/api/v1/tokens` stay (unless this request used one, it goes on working)."""
    await credentials.end_sessions(svc(request), user_id(request))
    return _signed_out()


@routes.post("/api/v1/auth/password-reset", summary="Mail a password-reset link", body=s.ResetRequestIn,
             response=s.ResetRequestOut, status=202, auth="none", errors=(422,))
async def request_reset(request: web.Request) -> web.StreamResponse:
    """Always `202`, at once: whether the address has an account is not told (the look-up and
    the mail happen after the answer). The link works once, for `[auth] reset_ttl_min` (30)
    minutes, and leads to the web frontend's `/reset-password` page."""
    data = await body(request, s.ResetRequestIn)
    service = svc(request)
    base = public_base(request)
    page = request.app.router.named_resources().get(PageNames.RESET_PASSWORD)

    def link_for(secret: str) -> str:
        if page is not None:
            return f"{base}{page.canonical}?token={secret}"
        return f"POST {base}/api/v1/auth/password-reset/confirm with {{\"token\": \"{secret}\", \"password\": …}}"

    service.spawn(credentials.request_reset(service, data.email, link_for))
    return respond(request, {"status": "accepted",
                             "message": "If this address has an account, a reset link is on its way."},
                   status=202, cache="no-store")


@routes.post("/api/v1/auth/password-reset/confirm", summary="Set a new password with a reset link",
             body=s.ResetConfirmIn, status=204, auth="none", errors=(422,))
async def confirm_reset(request: web.Request) -> web.StreamResponse:
    """Uses the link's `token` once (`422 invalid_reset_token` when unknown, used or expired);
    every session and login token of the account ends. Log in with the new password."""
    data = await body(request, s.ResetConfirmIn)
    await credentials.reset_password(svc(request), data.token, data.password)
    return _signed_out()


@routes.get("/api/v1/me/export", summary="Download all my data (zip)", response="zip", errors=(401,))
async def export_data(request: web.Request) -> web.StreamResponse:
    """Every CV with all its versions as JSON Resume, the uploaded originals, shares,
    analytics and the account's data, as JSON in one zip (layout in its README.txt)."""
    uid = user_id(request)
    data = await export.export_zip(svc(request), uid)
    return web.Response(body=data, content_type="application/zip", headers={
        "Cache-Control": "no-store", "Content-Disposition": 'attachment; filename="htdy-export.zip"'})


@routes.delete("/api/v1/me", summary="Delete my account and all its data", body=s.AccountDeleteIn,
               status=204, errors=(401, 422))
async def delete_account(request: web.Request) -> web.StreamResponse:
    """Needs the password (`401 wrong_password`). Deletes the account and everything of it:
    CVs, versions, uploaded files, shares both ways, tokens, sessions, search entries, cached
    renders, analytics. Cannot be undone: export first."""
    uid = user_id(request)
    data = await body(request, s.AccountDeleteIn)
    await erasure.delete_account(svc(request), uid, data.password)
    return _signed_out()


@routes.get("/api/v1/me/2fa", summary="Two-factor sign-in: on or off", response=s.TwoFactorOut)
async def two_factor_status(request: web.Request) -> web.StreamResponse:
    return respond(request, await two_factor.status(user_id(request)), cache="no-store")


@routes.post("/api/v1/me/2fa/setup", summary="Start setting up two-factor sign-in (TOTP)",
             body=s.TwoFactorSetupIn, response=s.TwoFactorSetupOut, errors=(401, 409))
async def two_factor_setup(request: web.Request) -> web.StreamResponse:
    """Needs the password. Returns a new secret for an authenticator app; nothing changes at
    sign-in until `/api/v1/me/2fa/enable` gets a code made from it."""
    data = await body(request, s.TwoFactorSetupIn)
    out = await two_factor.setup(svc(request), user_id(request), data.password)
    return respond(request, out, cache="no-store")


@routes.post("/api/v1/me/2fa/enable", summary="Turn two-factor sign-in on", body=s.TwoFactorCodeIn,
             response=s.RecoveryCodesOut, errors=(409, 422))
async def two_factor_enable(request: web.Request) -> web.StreamResponse:
    """With a code from the app (`422 invalid_otp` otherwise). Returns ten recovery codes,
    shown only here; each signs in once in place of a code."""
    data = await body(request, s.TwoFactorCodeIn)
    codes = await two_factor.enable(svc(request), user_id(request), data.code)
    return respond(request, {"recovery_codes": codes}, cache="no-store")


@routes.post("/api/v1/me/2fa/disable", summary="Turn two-factor sign-in off", body=s.TwoFactorDisableIn,
             status=204, errors=(401, 409))
async def two_factor_disable(request: web.Request) -> web.StreamResponse:
    """Needs the password and a code (or a recovery code)."""
    data = await body(request, s.TwoFactorDisableIn)
    await two_factor.disable(svc(request), user_id(request), data.password, data.code)
    return web.Response(status=204)
