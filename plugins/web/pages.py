"""Page handlers. App pages are server-rendered shells that ``static/app.js`` fills from
the JSON API (same origin, session cookie + CSRF header); the public profile is fully
server-rendered (see :mod:`.profile`)."""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import aiohttp
from aiohttp import web
from yarl import URL

from htdy.core.host.interfaces import PageNames
from htdy.core.http import appkeys
from htdy.core.http.transport import csrf_token

from . import data, seo
from .analytics import stats_page
from .assets import serve_static
from .html import CSRF_COOKIE, SESSION_COOKIE, logged_in, render_page
from .profile import SLUG_RE, profile_card, public_profile, shared_link

routes = web.RouteTableDef()
VERIFY_NOTICE = "Almost there: open the link we just mailed you to confirm your address, then log in."


def _safe_next(value: str | None) -> str:
    """Only a same-site path may be a post-login destination. Browsers drop tabs and
    line breaks from a URL and read a backslash as ``/``, so ``/<TAB>/evil.example`` would
    land on ``//evil.example``: any control character, whitespace or backslash — raw or
    percent-encoded — and anything that parses with a scheme or host is refused."""
    if not value or not value.startswith("/"):
        return "/app"
    decoded = unquote(value)
    for text in (value, decoded):
        if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in text):
            return "/app"
        if text.startswith("//"):
            return "/app"
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return "/app"
    return value


def _redirect(target: str, status: int = 303, api_headers: Any = None) -> web.Response:
    """A redirect *returned*, not raised: the API's middlewares count a raised
    ``HTTPException`` below 400 as a 500 in the access log and ``/metrics``."""
    resp = web.Response(status=status, headers={"Location": target})
    for cookie in api_headers.getall("Set-Cookie", []) if api_headers is not None else ():
        resp.headers.add("Set-Cookie", cookie)
    return resp


def _login_redirect(request: web.Request) -> web.Response | None:
    """``/login?next=…`` for a visitor without a session cookie, else ``None``."""
    if logged_in(request):
        return None
    return _redirect("/login?next=" + quote(request.path_qs, safe="/"), status=302)


def _max_upload_mb(request: web.Request) -> str:
    settings = request.app.get(appkeys.settings)
    return f"{settings.server.max_upload_mb:g}" if settings is not None else "10"


def not_found(request: web.Request, heading: str = "Page not found",
              message: str = "There is nothing at this address.") -> web.Response:
    return render_page(request, "notfound", page="notfound", title=heading, status=404,
                       heading=heading, message=message, noindex=True)


@routes.get("/", name="web-landing")
async def landing(request: web.Request) -> web.StreamResponse:
    return render_page(request, "landing", page="landing", title="Help them discover you")


def _auth_page(request: web.Request, kind: str, *, status: int = 200, **extra: Any) -> web.Response:
    nxt = _safe_next(extra.pop("next", None) or request.query.get("next"))
    ctx: dict[str, Any]
    if kind == "signup":
        ctx = dict(title="Sign up", heading="Create your account", with_name=True, submit="Create account",
                   intro="Upload your CV and publish a profile in minutes.",
                   password_autocomplete="new-password",
                   switch='Already have an account? <a href="/login">Log in</a>')
    else:
        ctx = dict(title="Log in", heading="Welcome back", with_name=False, submit="Log in",
                   intro="Log in to edit and share your CVs.", password_autocomplete="current-password",
                   switch='New here? <a href="/signup">Create an account</a>')
    if kind == "signup":  # from a share invitation's mail: the address and the invitation's secret
        ctx.setdefault("invite", request.query.get("invite", ""))
        ctx.setdefault("form_email", request.query.get("email", ""))
    ctx.update(extra)
    return render_page(request, kind, page=kind, status=status, api=f"/api/v1/auth/{kind}",
                       action=f"/{kind}", next=nxt, **ctx)


@routes.get("/signup", name=PageNames.SIGNUP)
async def signup(request: web.Request) -> web.StreamResponse:
    return _auth_page(request, "signup")


@routes.get("/login", name="web-login")
async def login(request: web.Request) -> web.StreamResponse:
    return _auth_page(request, "login")


def _same_origin(request: web.Request) -> bool:
    """Form posts must come from our own pages (login/logout CSRF)."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return source is None
    return URL(source).authority == request.host


async def _auth_post(request: web.Request, kind: str) -> web.StreamResponse:
    """The no-JavaScript path: post the form to the JSON API, pass its cookies on."""
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    form = await request.post()
    fields = ("name", "email", "password") if kind == "signup" else ("email", "password")
    body: dict[str, Any] = {k: str(form.get(k, "")) for k in fields}
    if kind == "signup" and form.get("invite"):
        body["invite"] = str(form["invite"])
    if kind == "login" and form.get("otp"):
        body["otp"] = str(form["otp"])
    status, headers, raw = await data.internal_request(request, "POST", f"/api/v1/auth/{kind}", json_body=body)
    if status == 201 and json.loads(raw).get("verification_required"):
        return _auth_page(request, kind, status=201, notice=VERIFY_NOTICE, form_email=body["email"])
    if status in (200, 201):
        return _redirect(_safe_next(str(form.get("next", ""))), api_headers=headers)
    try:
        error = json.loads(raw)["error"]
        message, code = error["message"], error["code"]
    except (ValueError, KeyError, TypeError):
        message, code = "Something went wrong, please try again.", ""
    return _auth_page(request, kind, status=status if 400 <= status < 500 else 502, error=message,
                      form_name=body.get("name", ""), form_email=body["email"], next=str(form.get("next", "")),
                      invite=body.get("invite", ""), show_otp=code in ("otp_required", "invalid_otp"))


@routes.post("/signup", name="web-signup-post")
async def signup_post(request: web.Request) -> web.StreamResponse:
    return await _auth_post(request, "signup")


@routes.post("/login", name="web-login-post")
async def login_post(request: web.Request) -> web.StreamResponse:
    return await _auth_post(request, "login")


@routes.post("/logout", name="web-logout-post")
async def logout_post(request: web.Request) -> web.StreamResponse:
    """The no-JavaScript log-out. The same-origin check is this form's CSRF defence, so the
    API call carries the session's own token instead of relying on the ``htdy_csrf``
    cookie (a browser that lost or never kept it would otherwise get ``403 csrf_failed``
    and keep a live session). Cookies are cleared only once the session is really gone."""
    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-site form post refused\n")
    session = request.cookies.get(SESSION_COOKIE, "")
    status = 204
    if session:
        csrf = csrf_token(request, session)
        try:
            status, _, _ = await data.internal_request(
                request, "POST", "/api/v1/auth/logout",
                headers={"Cookie": f"{SESSION_COOKIE}={session}; {CSRF_COOKIE}={csrf}", "X-CSRF-Token": csrf})
        except (aiohttp.ClientError, TimeoutError):
            status = 502
    if status not in (204, 401):  # the API answers 204 for an already-ended session too
        return render_page(request, "logout", page="logout", title="Log out", noindex=True, status=502,
                           error="We could not end your session. Please try again.")
    resp = _redirect("/")
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        resp.del_cookie(name, path="/")
    return resp


@routes.get("/logout", name="web-logout")
async def logout(request: web.Request) -> web.StreamResponse:
    return render_page(request, "logout", page="logout", title="Log out", noindex=True)


@routes.get("/app", name="web-dashboard")
async def dashboard(request: web.Request) -> web.StreamResponse:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    return render_page(request, "dashboard", page="dashboard", title="My CVs", noindex=True,
                       max_upload_mb=_max_upload_mb(request))


@routes.get("/app/cvs/{cv_id}", name=PageNames.CV_EDITOR)
async def editor(request: web.Request) -> web.StreamResponse:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    return render_page(request, "editor", page="editor", title="Edit CV", noindex=True,
                       cv_id=request.match_info["cv_id"], editor_js=True)


@routes.get("/search", name="web-search")
async def search(request: web.Request) -> web.StreamResponse:
    q = request.query
    return render_page(request, "search", page="search", title="Find talent",
                       q=q.get("q", ""), skill=q.get("skill", ""), location=q.get("location", ""),
                       language=q.get("language", ""), min_years=q.get("min_years", ""),
                       open_to_work=q.get("open_to_work") == "true")


@routes.get("/match", name="web-match")
async def match(request: web.Request) -> web.StreamResponse:
    """The recruiter's job-ad match (``static/match.js`` talks to ``POST /api/v1/match``)."""
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    return render_page(request, "match", page="match", title="Match a job ad", noindex=True, match_js=True,
                       max_upload_mb=_max_upload_mb(request))


@routes.get("/p/{slug}/cv.pdf", name="web-profile-pdf")
async def profile_pdf(request: web.Request) -> web.StreamResponse:
    slug = request.match_info["slug"]
    if not SLUG_RE.match(slug):
        return not_found(request)
    status, headers, body = await data.internal_get(request, f"/api/v1/profiles/{slug}/render?format=pdf")
    if status != 200 or not headers.get("Content-Type", "").startswith("application/pdf"):
        raise web.HTTPNotFound(text="no PDF for this profile\n")
    return web.Response(body=body, content_type="application/pdf", headers={
        "Cache-Control": "public, max-age=300, s-maxage=900",
        "Content-Disposition": f'attachment; filename="{slug}.pdf"',
        **({"ETag": headers["ETag"]} if "ETag" in headers else {}),
    })


routes.get("/p/{slug}", name="web-profile")(public_profile)
routes.get("/app/cvs/{cv_id}/stats", name="web-analytics")(stats_page)
routes.get("/p/{slug}/card.png", name="web-profile-card")(profile_card)
routes.get("/robots.txt", name="web-robots")(seo.robots)
routes.get("/sitemap.xml", name="web-sitemap")(seo.sitemap)
routes.get(r"/sitemap-{n:\d+}.xml", name="web-sitemap-part")(seo.sitemap_part)
routes.get("/s/{token}", name=PageNames.SHARED_LINK)(shared_link)
routes.get("/static/{name}", name="web-static")(serve_static)
