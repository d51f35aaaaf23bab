"""``/api/v1/auth/*``, ``/api/v1/me``, ``/api/v1/tokens``."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from aiohttp import web

from htdy.core.host.errors import Unauthorized
from htdy.core.host.interfaces import PageNames
from htdy.core.http import appkeys
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import body, respond, svc, user_id
from htdy.core.http.api.shares import public_base
from htdy.core.http.middlewares import CSRF_COOKIE, SESSION_COOKIE
from htdy.core.http.ratelimit import LIMITER
from htdy.core.http.routing import ApiRoutes
from htdy.core.http.transport import set_session_cookies
from htdy.core.services import accounts, verification

routes = ApiRoutes("accounts")


async def _signed_in(request: web.Request, user: object, token: str, status: int) -> web.Response:
    session = await accounts.create_session(svc(request), str(user.id))  # type: ignore[attr-defined]
    resp = respond(request, {"user": accounts.user_dict(user), "token": token,  # type: ignore[arg-type]
                             "verification_required": False},
                   status=status, cache="no-store")
    set_session_cookies(request, resp, session)
    return resp


@routes.post("/api/v1/auth/signup", summary="Create an account", body=s.SignupIn, response=s.AuthOut,
             status=201, auth="none", errors=(409, 422))
async def signup(request: web.Request) -> web.StreamResponse:
    """Returns a bearer API token and also sets the session and CSRF cookies. With `[auth]
    verify_email` on: `token` is null, `verification_required` true, no cookies — a link goes
    to the address, and the account signs in once it is opened (`/api/v1/auth/verify-email`).
    Then an address that already has an account gets the same `201` (its owner is mailed
    instead), so sign-up does not reveal who has an account; without verification it is
    `409 email_taken`."""
    data = await body(request, s.SignupIn)
    service = svc(request)
    try:
        user, token = await accounts.signup(service, data.email, data.password, data.name, data.invite)
    except accounts.EmailTaken:
        if not service.settings.auth.verify_email:
            raise  # without verification a new account signs in at once: the 409 cannot be hidden
        # the same answer as for a new address; the address's owner gets a mail instead of a link
        forgot = request.app.router.named_resources().get(PageNames.FORGOT_PASSWORD)
        reset = (f"{public_base(request)}{forgot.canonical}" if forgot is not None
                 else f"POST {public_base(request)}/api/v1/auth/password-reset")
        service.spawn(verification.notify_taken(service, data.email, reset))
        ghost = {"id": str(uuid.uuid4()), "email": accounts.normalise_email(data.email), "name": data.name.strip()}
        return respond(request, {"user": ghost, "token": None, "verification_required": True},
                       status=201, cache="no-store")
    if token is None:
        service.spawn(verification.send_link(service, user, verify_link(request)))
        return respond(request, {"user": accounts.user_dict(user), "token": None, "verification_required": True},
                       status=201, cache="no-store")
    return await _signed_in(request, user, token, 201)


def verify_link(request: web.Request) -> Callable[[str], str]:
    """How a verification mail spells its link: the web frontend's page, else the API call."""
    base = public_base(request)
    page = request.app.router.named_resources().get(PageNames.VERIFY_EMAIL)

    def link_for(secret: str) -> str:
        if page is not None:
            return f"{base}{page.canonical}?token={secret}"
        return f"POST {base}/api/v1/auth/verify-email with {{\"token\": \"{secret}\"}}"
    return link_for


@routes.post("/api/v1/auth/verify-email", summary="Confirm the address of a new account", body=s.VerifyIn,
             response=s.VerifyOut, auth="none", errors=(422,))
async def verify_email(request: web.Request) -> web.StreamResponse:
    """With the secret from the mailed link (once; `422 invalid_verification_token`). Share
    invitations waiting for the address attach now. Then log in."""
    data = await body(request, s.VerifyIn)
    cv_ids = await verification.confirm(svc(request), data.token)
    return respond(request, {"verified": True, "shared_cvs": len(cv_ids)}, cache="no-store")


@routes.post("/api/v1/auth/verify-email/resend", summary="Mail another confirmation link", body=s.ResetRequestIn,
             response=s.ResetRequestOut, status=202, auth="none", errors=(422,))
async def resend_verification(request: web.Request) -> web.StreamResponse:
    """Always `202`, at once (whether the address has an unconfirmed account is not told)."""
    data = await body(request, s.ResetRequestIn)
    service = svc(request)
    service.spawn(verification.resend(service, data.email, verify_link(request)))
    return respond(request, {"status": "accepted", "message": "If this address waits for confirmation, a new link "
                                                             "is on its way."}, status=202, cache="no-store")


@routes.post("/api/v1/auth/login", summary="Log in", body=s.LoginIn, response=s.AuthOut, auth="none",
             errors=(401, 403, 422))
async def login(request: web.Request) -> web.StreamResponse:
    """An account with two-factor sign-in answers `401 otp_required` until `otp` (a code from
    the authenticator app, or a recovery code) comes with the password; `401 invalid_otp` when
    it is wrong or was used already. `403 email_not_verified`: the account waits for its
    address to be confirmed (`[auth] verify_email`)."""
    data = await body(request, s.LoginIn)
    limiter = request.app[LIMITER]
    await limiter.before_login(data.email)
    try:
        user, token = await accounts.login(svc(request), data.email, data.password, data.otp)
    except Unauthorized as exc:
        if exc.code != "otp_required":  # asking for the second factor is not a failure
            await limiter.login_failed(data.email)
        raise
    await limiter.login_succeeded(data.email)
    return await _signed_in(request, user, token, 200)


@routes.post("/api/v1/auth/logout", summary="Log out", status=204, auth="optional")
async def logout(request: web.Request) -> web.StreamResponse:
    """Ends the cookie session and revokes the bearer token used for this request."""
    bearer = None
    if request.get(appkeys.auth_via) == "token":
        bearer = request.headers["Authorization"].partition(" ")[2].strip()
    await accounts.end_session(svc(request), request.cookies.get(SESSION_COOKIE), bearer)
    resp = web.Response(status=204)
    resp.del_cookie(SESSION_COOKIE, path="/")
    resp.del_cookie(CSRF_COOKIE, path="/")
    return resp


@routes.get("/api/v1/me", summary="The signed-in user", response=s.UserOut, errors=(401,))
async def me(request: web.Request) -> web.StreamResponse:
    user_id(request)
    return respond(request, request[appkeys.user])


@routes.get("/api/v1/tokens", summary="List API tokens", response=s.TokenList)
async def list_tokens(request: web.Request) -> web.StreamResponse:
    """Every live token with its kind, creation, last use and expiry (never the secret)."""
    return respond(request, {"items": await accounts.list_tokens(user_id(request))})


@routes.post("/api/v1/tokens", summary="Create an API token (shown once)", body=s.TokenIn,
             response=s.TokenOut, status=201, errors=(422,))
async def create_token(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    data = await body(request, s.TokenIn)
    tok, secret = await accounts.create_token(svc(request), uid, data.name, data.expires_at)
    return respond(request, {**accounts.token_dict(tok), "token": secret}, status=201, cache="no-store")


@routes.delete("/api/v1/tokens/{token_id}", summary="Revoke an API token", status=204, errors=(404,))
async def delete_token(request: web.Request) -> web.StreamResponse:
    await accounts.delete_token(svc(request), user_id(request), request.match_info["token_id"])
    return web.Response(status=204)
