"""Where server-rendered pages get their data: the JSON API described in
``docs/api-contract.md``, asked in-process over the server's own socket so the web plugin
depends on the contract only (not on the models or services behind it).

One shortcut, for the page people are discovered through: inside the real app the public
profile is read with the very function the API endpoint uses (``profiles.lookup`` +
``profiles.payload``) instead of a loopback HTTP call, and its finished page is kept in
the cache tiers (:func:`cached`). On any other host (the fake API of the tests, a
frontend in front of a remote API) the HTTP contract is used and nothing is cached."""
from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import web
from multidict import CIMultiDict

from htdy.core.http import appkeys
from htdy.core.http.clientip import forward_headers

_TIMEOUT = aiohttp.ClientTimeout(total=15)


@dataclass
class Profile:
    slug: str
    resume: dict[str, Any]
    cv_id: str | None = None
    updated_at: str | None = None
    pdf_url: str | None = None
    # what changes whenever the profile does (the CV's revision, or the API's ETag)
    version: str = ""
    open_to_work: bool = False
    language: str | None = None  # the CV's (meta.language or detected): dates on the page follow it
    # read in-process: the core's public head ({id, slug, revision}), the key of cached bytes
    head: dict[str, Any] | None = None


def public_origin(request: web.Request) -> str:
    """``[server] public_url`` when set, else this request's scheme and host."""
    settings = request.app.get(appkeys.settings)
    configured = settings.server.public_url.strip().rstrip("/") if settings is not None else ""
    return configured or str(request.url.origin())


def _base_url(request: web.Request) -> tuple[str, aiohttp.BaseConnector | None]:
    """The address this very server accepted the request on (works behind any proxy)."""
    transport = request.transport
    sock = transport.get_extra_info("sockname") if transport is not None else None
    if isinstance(sock, str) and sock:
        return "http://localhost", aiohttp.UnixConnector(path=sock)
    if isinstance(sock, tuple) and len(sock) >= 2:
        host, port = sock[0], sock[1]
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        sock_obj = transport.get_extra_info("socket") if transport is not None else None
        if ":" in str(host) or (sock_obj is not None and sock_obj.family == socket.AF_INET6):
            host = f"[{host}]"
        return f"http://{host}:{port}", None
    return str(request.url.origin()), None


async def internal_request(request: web.Request, method: str, path: str, *, json_body: Any = None,
                           forward_cookies: bool = False, headers: dict[str, str] | None = None,
                           ) -> tuple[int, CIMultiDict[str], bytes]:
    """Send ``method path`` to this very app; returns (status, headers, body)."""
    base, connector = _base_url(request)
    # the API counts (rate limits) and sees the visitor, not this loopback call
    # the visitor's own User-Agent, DNT and GPC: the API decides from them what analytics count
    hdrs = {"Accept": "application/json", "User-Agent": request.headers.get("User-Agent", ""),
            **{h: request.headers[h] for h in ("DNT", "Sec-GPC") if h in request.headers},
            **forward_headers(request)}
    if rid := request.headers.get("X-Request-ID"):
        hdrs["X-Request-ID"] = rid
    if forward_cookies and (cookie := request.headers.get("Cookie")):
        hdrs["Cookie"] = cookie
    hdrs.update(headers or {})
    async with aiohttp.ClientSession(timeout=_TIMEOUT, connector=connector,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        async with session.request(method, base + path, headers=hdrs, json=json_body,
                                   allow_redirects=False) as resp:
            return resp.status, CIMultiDict(resp.headers), await resp.read()


async def internal_get(request: web.Request, path: str, *,
                       forward_cookies: bool = False) -> tuple[int, CIMultiDict[str], bytes]:
    return await internal_request(request, "GET", path, forward_cookies=forward_cookies)


async def public_profile(request: web.Request, slug: str, *, view: bool = True) -> Profile | None:
    """The discoverable profile at ``slug`` (``view``: count a profile view, as the API does)."""
    services = request.app.get(appkeys.services)
    if services is not None:
        from htdy.core.services import profiles

        h = await profiles.head(services, slug)
        if h is None:
            return None
        if view:
            from htdy.core.services import analytics

            analytics.record(services, request, h["id"], h["owner_id"], "view", visit=True)
            if request.query.get("ref") == "search":
                analytics.record(services, request, h["id"], h["owner_id"], "search_click")
        # the content is loaded by complete() only when the page must be (re)built
        return Profile(slug=slug, resume={}, cv_id=h["id"], version=str(h["revision"]), head=h)
    status, headers, body = await internal_get(request, f"/api/v1/profiles/{slug}")
    if status == 404 or status == 410:
        return None
    if status != 200:
        raise web.HTTPBadGateway(text=f"profile service answered {status}\n")
    payload = json.loads(body)
    profile = profile_from_payload(slug, payload)
    profile.version = headers.get("ETag", "") or hashlib.sha1(body).hexdigest()[:20]
    return profile


async def cached(request: web.Request, profile: Profile, kind: str, variant: str,
                 build: Callable[[], Awaitable[bytes]]) -> bytes:
    """``build()``'s bytes, cached per (kind, slug, revision, variant) when in-process."""
    services = request.app.get(appkeys.services)
    if services is None or profile.head is None:
        return await build()
    from htdy.core.services import profiles

    return await profiles.cached_bytes(services, kind, profile.head, variant, build)


async def complete(request: web.Request, profile: Profile) -> Profile:
    """The profile with its content (a no-op unless it was read in-process by its head)."""
    services = request.app.get(appkeys.services)
    if profile.head is None or services is None:
        return profile
    from htdy.core.services import profiles

    e = await profiles.lookup(services, profile.slug)
    if e is None:  # made private while the page was being built
        raise web.HTTPNotFound()
    full = profile_from_payload(profile.slug, profiles.payload(e))
    full.version, full.head = profile.version, profile.head
    return full


async def profile_list(request: web.Request, after: str | None, limit: int) -> tuple[list[dict[str, str]], str | None]:
    """One page of ``GET /api/v1/profiles``: ``[{slug, updated_at}]`` and the next cursor."""
    path = f"/api/v1/profiles?limit={limit}" + (f"&after={quote(after)}" if after else "")
    status, _, body = await internal_get(request, path)
    if status != 200:
        raise web.HTTPBadGateway(text=f"profile service answered {status}\n")
    payload = json.loads(body)
    return list(payload.get("items") or []), payload.get("next")


async def shared_cv(request: web.Request, token: str) -> dict[str, Any] | None:
    """The CV behind a link share (``GET /api/v1/shared/{token}``), or None."""
    # with the visitor's cookies: the owner opening their own link is not counted
    status, _, body = await internal_get(request, f"/api/v1/shared/{token}", forward_cookies=True)
    if status in (404, 410):
        return None
    if status != 200:
        raise web.HTTPBadGateway(text=f"share service answered {status}\n")
    payload = json.loads(body)
    return payload if isinstance(payload, dict) else None


def profile_from_payload(slug: str, payload: dict[str, Any]) -> Profile:
    """Accept the CV shape (``resume`` inside) or a bare JSON Resume document."""
    inner = payload.get("resume")
    resume: dict[str, Any] = inner if isinstance(inner, dict) else payload
    raw_links = payload.get("links")
    links: dict[str, Any] = raw_links if isinstance(raw_links, dict) else {}
    cv_id = payload.get("cv_id") or payload.get("id")
    pdf = links.get("pdf") or payload.get("pdf_url") or f"/p/{slug}/cv.pdf"
    return Profile(slug=payload.get("slug") or slug, resume=resume,
                   cv_id=str(cv_id) if cv_id is not None else None,
                   updated_at=payload.get("updated_at"), pdf_url=pdf,
                   open_to_work=bool(payload.get("open_to_work")),
                   language=payload.get("language") if isinstance(payload.get("language"), str) else None)
