"""Readiness per role against real dependencies that go away (a TCP proxy in front of the real
Redis, PostgreSQL and the OpenSearch stand-in, switched off and on): an optional dependency's
outage degrades a node without taking it out of the Service, a required one answers 503 with a
stable code, and requests that need the missing service answer 503 with a stable code — never 500."""
from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest

from htdy.core.host.testing import make_settings
from htdy.core.http.app import create_app

from .conftest import REDIS_DB, REDIS_HOST, REDIS_PORT, TcpProxy

SPLIT_ROLES = (["api"], ["parser"])


def redis_plugins(port: int, prefix: str) -> dict[str, Any]:
    url = f"redis://127.0.0.1:{port}/{REDIS_DB}"
    return {"cache_tiers": {"redis": {"url": url, "prefix": prefix}},
            "queue_backends": {"redis": {"url": url, "prefix": prefix}}}


async def ready(client: Any, verbose: bool = False) -> tuple[int, dict[str, Any]]:
    resp = await client.get("/readyz?verbose" if verbose else "/readyz")
    return resp.status, await resp.json()


async def eventually(client: Any, status: int, timeout: float = 15.0) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        code, body = await ready(client, verbose=True)
        if code == status or asyncio.get_running_loop().time() > deadline:
            assert code == status, body
            return body
        await asyncio.sleep(0.2)


async def test_redis_outage_degrades_api_nodes_and_unreadies_parser_nodes(redis_url, tmp_path, aiohttp_client):
    proxy = TcpProxy(REDIS_HOST, REDIS_PORT)
    await proxy.start()
    prefix = f"htdy-test:{uuid.uuid4().hex[:8]}:"
    clients = {}
    for roles in SPLIT_ROLES:
        s = make_settings(tmp_path / roles[0], node={"roles": roles}, cache={"tiers": ["memory", "redis"]},
                          queue={"backend": "redis"}, plugins=redis_plugins(proxy.port, prefix))
        clients[roles[0]] = await aiohttp_client(create_app(s))
    try:
        for role, client in clients.items():
            assert await ready(client) == (200, {"status": "ok", "roles": [role]})
        await proxy.stop()  # Redis is gone

        status, body = await ready(clients["api"])
        assert status == 200 and body["status"] == "degraded" and body["degraded"] == ["cache", "queue"]
        signup = await clients["api"].post("/api/v1/auth/signup", json={
            "email": "r@example.org", "password": "redis-is-down", "name": "R"})
        assert signup.status == 201  # the API keeps serving
        me = await clients["api"].get("/api/v1/me", headers={
            "Authorization": f"Bearer {(await signup.json())['token']}"})
        assert me.status == 200

        resp = await clients["parser"].get("/readyz")
        body = await resp.json()
        assert resp.status == 503 and resp.headers["Retry-After"] == "5"
        assert body["status"] == "unavailable" and body["error"]["code"] == "queue_unavailable"
        assert body["checks"]["queue"]["ok"] is False and body["checks"]["queue"]["required"] is True
        assert body["checks"]["database"]["ok"] is True

        await proxy.start()  # and back
        for client in clients.values():
            assert (await eventually(client, 200))["status"] == "ok"
    finally:
        await proxy.stop()


async def test_opensearch_outage_degrades_and_search_answers_503(osmem_url, tmp_path, aiohttp_client):
    target = urlsplit(osmem_url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", int(target.port or 80))
    await proxy.start()
    s = make_settings(tmp_path, node={"roles": ["api"]}, search={"backend": "opensearch"},
                      plugins={"search_backends": {"opensearch": {
                          "hosts": [f"http://127.0.0.1:{proxy.port}"], "index_prefix": f"r{uuid.uuid4().hex[:6]}",
                          "replicas": 0, "timeout_s": 1}}})
    client = await aiohttp_client(create_app(s))
    try:
        assert (await ready(client))[0] == 200
        assert (await client.get("/api/v1/search?q=python")).status == 200
        await proxy.stop()
        status, body = await ready(client, verbose=True)
        assert status == 200 and body["status"] == "degraded" and body["degraded"] == ["search"]
        assert body["checks"]["search"]["required"] is False
        resp = await client.get("/api/v1/search?q=python")
        err = (await resp.json())["error"]
        assert resp.status == 503 and err["code"] == "search_unavailable" and resp.headers["Retry-After"] == "5"
    finally:
        await proxy.stop()


@pytest.mark.postgres
async def test_database_outage_unreadies_api_nodes_with_a_stable_code(pg_database_url, tmp_path, aiohttp_client):
    url = urlsplit(pg_database_url)
    proxy = TcpProxy(url.hostname or "127.0.0.1", int(url.port or 5432))
    await proxy.start()
    via_proxy = pg_database_url.replace(f"{url.hostname}:{url.port}", f"127.0.0.1:{proxy.port}")
    client = await aiohttp_client(create_app(make_settings(tmp_path, database_url=via_proxy,
                                                           node={"roles": ["api"]})))
    try:
        signup = await client.post("/api/v1/auth/signup", json={
            "email": "d@example.org", "password": "database-goes-down", "name": "D"})
        headers = {"Authorization": f"Bearer {(await signup.json())['token']}"}
        assert (await ready(client))[0] == 200
        await proxy.stop()
        resp = await client.get("/readyz")
        body = await resp.json()
        assert resp.status == 503 and body["error"]["code"] == "database_unavailable"
        me = await client.get("/api/v1/me", headers=headers)
        assert me.status == 503 and (await me.json())["error"]["code"] == "database_unavailable"
        await proxy.start()  # and back
        await eventually(client, 200)
        assert (await client.get("/api/v1/me", headers=headers)).status == 200
    finally:
        await proxy.stop()
