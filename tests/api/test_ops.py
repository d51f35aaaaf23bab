"""Operations and cross-cutting behaviour: health, readiness, metrics, plugins, OpenAPI,
error format (no traceback), request ids, public profiles and their events."""
from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from htdy import hookimpl


class Boom:
    """A plugin route that fails unexpectedly."""

    @hookimpl
    def htdy_register_routes(self):
        async def boom(request: web.Request) -> web.Response:
            raise RuntimeError("secret internals")
        return [web.get("/boom", boom)]


@pytest.fixture
def htdy_plugins():
    return [Boom()]


async def test_health_ready_metrics_plugins(client, signup):
    assert (await (await client.get("/healthz")).json()) == {"status": "ok"}
    assert (await (await client.get("/livez")).json()) == {"status": "ok"}
    resp = await client.get("/readyz")
    body = await resp.json()
    assert resp.status == 200 and body == {"status": "ok", "roles": ["api", "parser", "renderer"]}
    body = await (await client.get("/readyz?verbose")).json()
    assert {"database", "storage", "queue", "search", "cache", "render_pool"} == set(body["checks"])
    assert {n for n, c in body["checks"].items() if c["required"]} == {"database", "queue", "render_pool"}
    await signup("a@example.org")
    text = await (await client.get("/metrics")).text()
    assert 'htdy_http_requests_total{method="POST",route="/api/v1/auth/signup",status="201"}' in text
    assert "htdy_http_request_duration_seconds_bucket" in text and 'htdy_queue_depth{kind="parse"}' in text
    plugins = await (await client.get("/-/plugins.json")).json()
    assert "local" in plugins["registries"]["storage_backends"] and plugins["plugins"]


async def test_error_format_and_request_id(client):
    resp = await client.get("/boom", headers={"X-Request-ID": "req-123"})
    body = await resp.json()
    assert resp.status == 500 and resp.headers["X-Request-ID"] == "req-123"
    assert body == {"error": {"code": "internal", "message": "internal server error", "details": None,
                              "request_id": "req-123"}}
    assert "secret" not in await resp.text() and "Traceback" not in await resp.text()
    resp = await client.get("/api/v1/nothing-here")
    assert resp.status == 404 and (await resp.json())["error"]["code"] == "not_found"
    resp = await client.put("/api/v1/me")
    assert resp.status == 405 and (await resp.json())["error"]["code"] == "method_not_allowed"
    resp = await client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert len(resp.headers["X-Request-ID"]) == 32


async def test_openapi_documents_every_route(client, htdy_app):
    resp = await client.get("/api/openapi.json")
    spec = await resp.json()
    assert resp.status == 200 and spec["openapi"].startswith("3.1")
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    for resource in htdy_app.router.resources():
        path = resource.canonical
        if path.startswith("/api/v1/"):
            for route in resource:
                if route.method != "HEAD":
                    assert (route.method, path) in documented, (route.method, path)
    op = spec["paths"]["/api/v1/cvs/{cv_id}"]["patch"]
    assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/CVChanges")
    assert "CVOut" in spec["components"]["schemas"]
    html = await (await client.get("/api/docs")).text()
    assert "/api/openapi.json" in html and "https://" not in html


async def test_openapi_render_lists_every_format_and_the_rate_limit(client, signup, make_cv):
    """Each `format` the render route answers with is a documented content type; rate-limited
    routes document 429 with Retry-After (schemathesis reported both missing)."""
    spec = await (await client.get("/api/openapi.json")).json()
    op = spec["paths"]["/api/v1/cvs/{cv_id}/render"]["get"]
    documented = set(op["responses"]["200"]["content"])
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    for fmt in ("html", "pdf", "md", "txt", "svg", "png"):
        resp = await client.get(f"/api/v1/cvs/{cv['id']}/render", params={"format": fmt}, headers=a["headers"])
        if resp.status == 200:
            assert resp.content_type in documented, (fmt, resp.content_type)
    assert "429" in op["responses"] and "Retry-After" in op["responses"]["429"]["headers"]
    assert "429" in spec["paths"]["/api/v1/auth/login"]["post"]["responses"]
    assert "429" not in spec["paths"]["/api/v1/cvs"]["get"]["responses"]


async def test_public_profile_cacheable_and_counted(client, signup, make_cv, htdy_app):
    from htdy.core.http import appkeys

    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], discoverable=True)
    slug = cv["slug"]
    assert slug and cv["discoverable"]
    browser = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}  # HTTP libraries are not counted
    resp = await client.get(f"/api/v1/profiles/{slug}", headers=browser)
    assert resp.status == 200 and resp.headers["Cache-Control"] == "public, max-age=300, s-maxage=900"
    etag = resp.headers["ETag"]
    assert (await client.get(f"/api/v1/profiles/{slug}", headers={"If-None-Match": etag, **browser})).status == 304
    assert (await client.get("/api/v1/search?q=Lovelace", headers=browser)).status == 200
    assert (await client.get("/api/v1/search?limit=0")).status == 422
    await htdy_app[appkeys.services].events.flush()
    stats = await (await client.get(f"/api/v1/cvs/{cv['id']}/stats", headers=a["headers"])).json()
    assert stats["view"] == 2 and stats["search_appearance"] == 1

    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"discoverable": False}, headers=a["headers"])
    assert resp.status == 200
    assert (await client.get(f"/api/v1/profiles/{slug}")).status == 404
    assert (await (await client.get("/api/v1/search?q=Lovelace")).json())["items"] == []
    assert (await client.get("/api/v1/profiles/no-such-slug")).status == 404


async def test_cv_read_is_cached(client, signup, make_cv, htdy_app):
    """The second read of a CV comes from the data-object cache, not the database."""
    from htdy.core.http import appkeys

    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    cache = htdy_app[appkeys.services].cache
    await client.get(f"/api/v1/cvs/{cv['id']}", headers=a["headers"])
    loads = cache.stats["loads"]
    results = await asyncio.gather(*[client.get(f"/api/v1/cvs/{cv['id']}", headers=a["headers"]) for _ in range(20)])
    assert all(r.status == 200 for r in results) and cache.stats["loads"] == loads
