"""Account pages: ``/account`` (change password, log out everywhere, API tokens, export,
delete the account), ``/forgot-password`` and ``/reset-password`` (the link a reset mail
carries), ``/verify-email`` (the link a sign-up confirmation mail carries: a button, so a mail
scanner fetching the link does not use it up). Like the other app pages they are shells that ``static/account.js`` drives through
the JSON API; the forgot/reset forms also work without JavaScript (posted here, passed on
to the API)."""
from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from htdy.core.host.interfaces import PageNames

from . import data
from .html import render_page
from .pages import _login_redirect, _same_origin

routes = web.RouteTableDef()


def _api_message(raw: bytes, fallback: str = "Something went wrong, please try again.") -> str:
    try:
        return str(json.loads(raw)["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return fallback


@routes.get("/account", name="web-account")
async def account(request: web.Request) -> web.StreamResponse:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    return render_page(request, "account", page="account", title="Account", noindex=True, account_js=True)


def _forgot_page(request: web.Request, *, status: int = 200, **extra: Any) -> web.Response:
    return render_page(request, "forgot", page="forgot", title="Forgot your password?", noindex=True,
                       account_js=True, status=status, **extra)


@routes.get("/forgot-password", name=PageNames.FORGOT_PASSWORD)
async def forgot(request: web.Request) -> web.StreamResponse:
    return _forgot_page(request)


@routes.post("/forgot-password", name="web-forgot-password-post")
async def forgot_post(request: web.Request) -> web.StreamResponse:
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    email = str((await request.post()).get("email", "")).strip()
    status, _, raw = await data.internal_request(request, "POST", "/api/v1/auth/password-reset",
                                                 json_body={"email": email})
    if status == 202:
        return _forgot_page(request, sent=json.loads(raw)["message"])
    return _forgot_page(request, status=status if 400 <= status < 500 else 502, error=_api_message(raw),
                        form_email=email)


def _reset_page(request: web.Request, token: str, *, status: int = 200, **extra: Any) -> web.Response:
    # the token is in the address: keep it out of Referer headers sent from this page
    return render_page(request, "reset", page="reset", title="Choose a new password", noindex=True,
                       account_js=True, status=status, token=token, headers={"Referrer-Policy": "no-referrer"},
                       **extra)


@routes.get("/reset-password", name=PageNames.RESET_PASSWORD)
async def reset(request: web.Request) -> web.StreamResponse:
    token = request.query.get("token", "")
    if not token:
        return _reset_page(request, "", status=400, error="This page needs the link from the reset mail.")
    return _reset_page(request, token)


@routes.post("/reset-password", name="web-reset-password-post")
async def reset_post(request: web.Request) -> web.StreamResponse:
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    form = await request.post()
    token, password = str(form.get("token", "")), str(form.get("password", ""))
    status, _, raw = await data.internal_request(request, "POST", "/api/v1/auth/password-reset/confirm",
                                                 json_body={"token": token, "password": password})
    if status == 204:
        return _reset_page(request, "", done=True)
    return _reset_page(request, token, status=status if 400 <= status < 500 else 502, error=_api_message(raw))


def _verify_page(request: web.Request, token: str, *, status: int = 200, **extra: Any) -> web.Response:
    return render_page(request, "verify", page="verify", title="Confirm your e-mail address", noindex=True,
                       status=status, token=token, headers={"Referrer-Policy": "no-referrer"}, **extra)


@routes.get("/verify-email", name=PageNames.VERIFY_EMAIL)
async def verify(request: web.Request) -> web.StreamResponse:
    return _verify_page(request, request.query.get("token", ""))


@routes.post("/verify-email", name="web-verify-email-post")
async def verify_post(request: web.Request) -> web.StreamResponse:
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    token = str((await request.post()).get("token", ""))
    status, _, raw = await data.internal_request(request, "POST", "/api/v1/auth/verify-email",
                                                 json_body={"token": token})
    if status == 200:
        return _verify_page(request, "", done=True)
    return _verify_page(request, "", status=status if 400 <= status < 500 else 502, error=_api_message(raw))


@routes.post("/verify-email/resend", name="web-verify-email-resend")
async def verify_resend(request: web.Request) -> web.StreamResponse:
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    email = str((await request.post()).get("email", "")).strip()
    status, _, raw = await data.internal_request(request, "POST", "/api/v1/auth/verify-email/resend",
                                                 json_body={"email": email})
    if status == 202:
        return _verify_page(request, "", sent=json.loads(raw)["message"])
    return _verify_page(request, "", status=status if 400 <= status < 500 else 502, error=_api_message(raw))
