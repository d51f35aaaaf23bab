"""Where server-rendered pages get their data: the JSON API described in
``docs/api-contract.md``, asked in-process over the server's own socket so the web plugin
depends on the contract only (not on the models or services behind it)."""
from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from multidict import CIMultiDict

from htdy.core.clientip import forward_headers

_TIMEOUT = aiohttp.ClientTimeout(total=15)


@dataclass
class Profile:
    slug: str
    resume: dict[str, Any]
    cv_id: str | None = None
    updated_at: str | None = None
    pdf_url: str | None = None


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
    hdrs = {"Accept": "application/json", "User-Agent": "htdy-web/internal", **forward_headers(request)}
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


async def public_profile(request: web.Request, slug: str) -> Profile | None:
    status, _, body = await internal_get(request, f"/api/v1/profiles/{slug}")
    if status == 404 or status == 410:
        return None
    if status != 200:
        raise web.HTTPBadGateway(text=f"profile service answered {status}\n")
    payload = json.loads(body)
    return profile_from_payload(slug, payload)


async def shared_cv(request: web.Request, token: str) -> dict[str, Any] | None:
    """The CV behind a link share (``GET /api/v1/shared/{token}``), or None."""
    status, _, body = await internal_get(request, f"/api/v1/shared/{token}")
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
                   updated_at=payload.get("updated_at"), pdf_url=pdf)
