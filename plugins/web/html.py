"""Server-side page rendering: chevron (Mustache) templates inside one layout, with
ETag + conditional responses and a strict Content-Security-Policy (no inline script,
no third-party origin — everything the pages need is served by this app)."""
from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import chevron
from aiohttp import web

from htdy import __version__

from .assets import load_assets

SESSION_COOKIE = "htdy_session"
CSRF_COOKIE = "htdy_csrf"
HTML_CACHE = "no-cache"
PUBLIC_CACHE = "public, max-age=300, s-maxage=900"

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


@cache
def template_source(name: str) -> str:
    return resources.files(__package__).joinpath("templates", f"{name}.mustache").read_text("utf-8")


@lru_cache(maxsize=1)
def _partials() -> dict[str, str]:
    root = resources.files(__package__).joinpath("templates")
    return {e.name[1:-len(".mustache")]: e.read_text("utf-8")
            for e in root.iterdir() if e.name.startswith("_") and e.name.endswith(".mustache")}


def render_template(name: str, context: dict[str, Any]) -> str:
    return chevron.render(template_source(name), context, partials_dict=_partials())


def logged_in(request: web.Request) -> bool:
    """A cheap hint for navigation only: the API decides what a session may do."""
    return bool(request.cookies.get(SESSION_COOKIE))


def page_context(request: web.Request, *, page: str, title: str, **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "page": page,
        "title": title,
        "description": "htdy — Help Them Discover You: upload your CV, polish it, share it "
                       "and let recruiters find you.",
        "assets": load_assets().urls(),
        "logged_in": logged_in(request),
        "js": True,
        "version": __version__,
        "nav_" + page: True,
    }
    ctx.update(extra)
    return ctx


def etag_for(body: bytes) -> str:
    return 'W/"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def not_modified(request: web.Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag.removeprefix("W/") in tags


def html_response(request: web.Request, body: str, *, status: int = 200,
                  cache_control: str = HTML_CACHE, vary_cookie: bool = True,
                  headers: dict[str, str] | None = None) -> web.Response:
    """An HTML response with ETag, ``Cache-Control`` and a 304 when the client has it."""
    data = body.encode("utf-8")
    etag = etag_for(data)
    hdrs = dict(SECURITY_HEADERS)
    hdrs.update({"Cache-Control": cache_control, "ETag": etag})
    if vary_cookie:
        hdrs["Vary"] = "Cookie"
    hdrs.update(headers or {})
    if status == 200 and not_modified(request, etag):
        return web.Response(status=304, headers=hdrs)
    return web.Response(body=data, status=status, headers=hdrs, content_type="text/html", charset="utf-8")


def render_page(request: web.Request, template: str, *, page: str, title: str,
                status: int = 200, cache_control: str = HTML_CACHE, vary_cookie: bool = True,
                headers: dict[str, str] | None = None, **extra: Any) -> web.Response:
    ctx = page_context(request, page=page, title=title, **extra)
    ctx["body"] = render_template(template, ctx)
    return html_response(request, render_template("layout", ctx), status=status,
                         cache_control=cache_control, vary_cookie=vary_cookie, headers=headers)
