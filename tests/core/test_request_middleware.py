"""The request middleware records the status a client really gets, also for raised redirects."""
from __future__ import annotations

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from htdy.core.http.middlewares import errors, request_context
from htdy.core.observability import metrics


def _count(route: str, status: str) -> float:
    value = metrics.REGISTRY.get_sample_value(
        "htdy_http_requests_total", {"method": "GET", "route": route, "status": status})
    return value or 0.0


async def test_raised_redirect_is_counted_as_redirect_with_request_id() -> None:
    async def go(request: web.Request) -> web.StreamResponse:
        raise web.HTTPSeeOther("/elsewhere")

    async def boom(request: web.Request) -> web.StreamResponse:
        raise RuntimeError("secret detail")

    app = web.Application(middlewares=[request_context, errors])
    app.router.add_get("/mw-test/redirect", go)
    app.router.add_get("/mw-test/boom", boom)
    before_303, before_500 = _count("/mw-test/redirect", "303"), _count("/mw-test/redirect", "500")
    async with TestClient(TestServer(app)) as client:
        resp = await client.get("/mw-test/redirect", allow_redirects=False,
                                headers={"X-Request-ID": "abc123"})
        assert resp.status == 303
        assert resp.headers["Location"] == "/elsewhere"
        assert resp.headers["X-Request-ID"] == "abc123"
        crash = await client.get("/mw-test/boom")
        assert crash.status == 500
        body = await crash.json()
        assert body["error"]["code"] == "internal" and "secret" not in await crash.text()
    assert _count("/mw-test/redirect", "303") == before_303 + 1
    assert _count("/mw-test/redirect", "500") == before_500
    assert _count("/mw-test/boom", "500") >= 1
