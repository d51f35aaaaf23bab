"""Page handlers. App pages are server-rendered shells that ``static/app.js`` fills from
the JSON API (same origin, session cookie + CSRF header); the public profile is fully
server-rendered (see :mod:`.profile`)."""
from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from . import data
from .assets import serve_static
from .html import logged_in, render_page
from .profile import SLUG_RE, public_profile

routes = web.RouteTableDef()


def _safe_next(value: str | None) -> str:
    """Only same-site relative paths may be a post-login destination."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/app"


def _require_login(request: web.Request) -> None:
    if not logged_in(request):
        raise web.HTTPFound("/login?next=" + quote(request.path_qs, safe="/"))


def _max_upload_mb(request: web.Request) -> str:
    settings = None
    for key, value in request.app.items():
        if getattr(key, "name", "") == "settings" or type(value).__name__ == "Settings":
            settings = value
            break
    mb = getattr(getattr(settings, "server", None), "max_upload_mb", 10)
    return f"{mb:g}"


@routes.get("/", name="web-landing")
async def landing(request: web.Request) -> web.StreamResponse:
    return render_page(request, "landing", page="landing", title="Help them discover you")


@routes.get("/signup", name="web-signup")
async def signup(request: web.Request) -> web.StreamResponse:
    return render_page(
        request, "signup", page="signup", title="Sign up", heading="Create your account",
        intro="Upload your CV and publish a profile in minutes.", api="/api/v1/auth/signup",
        action="/signup", with_name=True, password_autocomplete="new-password", submit="Create account",
        next=_safe_next(request.query.get("next")),
        switch='Already have an account? <a href="/login">Log in</a>', noindex=False)


@routes.get("/login", name="web-login")
async def login(request: web.Request) -> web.StreamResponse:
    return render_page(
        request, "login", page="login", title="Log in", heading="Welcome back",
        intro="Log in to edit and share your CVs.", api="/api/v1/auth/login", action="/login",
        with_name=False, password_autocomplete="current-password", submit="Log in",
        next=_safe_next(request.query.get("next")),
        switch='New here? <a href="/signup">Create an account</a>')


@routes.get("/logout", name="web-logout")
async def logout(request: web.Request) -> web.StreamResponse:
    return render_page(request, "logout", page="logout", title="Log out", noindex=True)


@routes.get("/app", name="web-dashboard")
async def dashboard(request: web.Request) -> web.StreamResponse:
    _require_login(request)
    return render_page(request, "dashboard", page="dashboard", title="My CVs", noindex=True,
                       max_upload_mb=_max_upload_mb(request))


@routes.get("/app/cvs/{cv_id}", name="web-editor")
async def editor(request: web.Request) -> web.StreamResponse:
    _require_login(request)
    return render_page(request, "editor", page="editor", title="Edit CV", noindex=True,
                       cv_id=request.match_info["cv_id"], editor_js=True)


@routes.get("/search", name="web-search")
async def search(request: web.Request) -> web.StreamResponse:
    q = request.query
    return render_page(request, "search", page="search", title="Find talent",
                       q=q.get("q", ""), skill=q.get("skill", ""), location=q.get("location", ""))


@routes.get("/p/{slug}/cv.pdf", name="web-profile-pdf")
async def profile_pdf(request: web.Request) -> web.StreamResponse:
    slug = request.match_info["slug"]
    if not SLUG_RE.match(slug):
        raise web.HTTPNotFound()
    status, headers, body = await data.internal_get(request, f"/api/v1/profiles/{slug}?format=pdf")
    if status != 200 or not headers.get("Content-Type", "").startswith("application/pdf"):
        raise web.HTTPNotFound(text="no PDF for this profile\n")
    return web.Response(body=body, content_type="application/pdf", headers={
        "Cache-Control": "public, max-age=300, s-maxage=900",
        "Content-Disposition": f'attachment; filename="{slug}.pdf"',
        **({"ETag": headers["ETag"]} if "ETag" in headers else {}),
    })


routes.get("/p/{slug}", name="web-profile")(public_profile)
routes.get("/static/{name}", name="web-static")(serve_static)
