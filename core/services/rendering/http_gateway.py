"""Rendering across nodes: the ``http`` gateway's client (an API node POSTs the render to a
renderer node) and its peer, ``POST /internal/render``, mounted on renderer nodes of a split
deployment. Requests are signed with ``[auth] secret_key``: ``X-Htdy-Timestamp`` (Unix seconds)
and ``X-Htdy-Signature`` (HMAC-SHA256 of ``<timestamp>.<body>``)."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Protocol

from htdy.core.host.errors import HtdyError, RenderError
from htdy.core.host.interfaces import RenderOutput
from htdy.core.observability.tracing import outgoing_headers


class Renders(Protocol):
    """What the endpoint needs of ``htdy.core.services.rendering.service.RenderService`` (named by behaviour:
    that module imports this one)."""

    settings: Any

    async def render(self, resume: dict[str, Any], *, template_id: str | None = None, fmt: str = "pdf",
                     **kw: Any) -> RenderOutput: ...

# how far a signed internal request may be from this node's clock (replays, clock skew)
SIGNATURE_WINDOW_S = 60
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "png": "image/png",
         "svg": "image/svg+xml", "md": "text/markdown; charset=utf-8", "txt": "text/plain; charset=utf-8"}


def sign(secret_key: str | None, body: bytes, timestamp: str) -> str:
    """HMAC-SHA256 over ``<timestamp>.<body>`` with ``[auth] secret_key`` ("" without one)."""
    secret = (secret_key or "").encode()
    if not secret:
        return ""
    return hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


async def render_http(settings: Any, resume: dict[str, Any], template_id: str, fmt: str,
                      options: dict[str, Any] | None, renderer: str, timeout: float) -> RenderOutput:
    """Render on the renderer node at ``[rendering] renderer_url``."""
    import aiohttp

    body = json.dumps({"resume": resume, "template_id": template_id, "fmt": fmt,
                       "options": options or {}, "engine": renderer}).encode()
    url = settings.rendering.renderer_url.rstrip("/") + "/internal/render"
    stamp = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Htdy-Timestamp": stamp,
               "X-Htdy-Signature": sign(settings.auth.secret_key, body, stamp),
               **outgoing_headers()}  # request id, traceparent
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout + 5)) as s:
            async with s.post(url, data=body, headers=headers) as resp:
                data = await resp.read()
                if resp.status != 200:
                    err = json.loads(data).get("error", {}) if data[:1] == b"{" else {}
                    raise RenderError(err.get("message", f"renderer node answered {resp.status}"),
                                      code=err.get("code", "render_failed"), status=resp.status,
                                      details=err.get("details"))
                pages = resp.headers.get("X-Htdy-Pages")
                return RenderOutput(data, resp.headers.get("Content-Type", MEDIA.get(fmt, "")),
                                    int(pages) if pages else None)
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise RenderError(f"renderer node unreachable: {exc}", code="render_failed", status=503) from None


def internal_routes(service: Renders | None = None) -> Any:
    """``POST /internal/render`` for renderer-role nodes of a split deployment (the ``http``
    gateway's peer; a one-process node does not mount it). A request without a valid
    signature, or signed more than ``SIGNATURE_WINDOW_S`` away from this node's clock (a
    replay), is refused, and so is every request when no secret is configured."""
    from aiohttp import web

    routes = web.RouteTableDef()
    holder: dict[str, Renders] = {}

    def svc() -> Renders:
        if service is not None:
            return service
        if "s" not in holder:
            from htdy.core.host.config import load_settings
            from htdy.core.services.rendering.service import RenderService
            holder["s"] = RenderService(load_settings(), mode="pool")
        return holder["s"]

    @routes.post("/internal/render")
    async def internal_render(request: web.Request) -> web.StreamResponse:
        s = svc()
        body = await request.read()
        stamp = request.headers.get("X-Htdy-Timestamp", "")
        expected = sign(s.settings.auth.secret_key, body, stamp)
        if not expected or not hmac.compare_digest(expected, request.headers.get("X-Htdy-Signature", "")):
            return web.json_response({"error": {"code": "forbidden", "message": "bad signature"}}, status=403)
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > SIGNATURE_WINDOW_S:
            return web.json_response({"error": {"code": "forbidden", "message": "signature expired"}},
                                     status=403)
        try:
            req = json.loads(body)
            out = await s.render(req["resume"], template_id=req.get("template_id"), fmt=req.get("fmt", "pdf"),
                                 options=req.get("options") or None, engine=req.get("engine"))
        except HtdyError as exc:
            return web.json_response({"error": exc.to_dict()}, status=exc.status)
        except (ValueError, KeyError, TypeError) as exc:
            return web.json_response({"error": {"code": "bad_request", "message": str(exc)}}, status=400)
        headers = {"X-Htdy-Pages": str(out.pages)} if out.pages is not None else {}
        return web.Response(body=out.content, content_type=out.media_type.split(";")[0], headers=headers)

    return routes
