"""Rate limits (issue 11): per client and per account, 429 with Retry-After, shared through
Redis between nodes, keyed by a hash (no raw address in the store), failing open."""
from __future__ import annotations

import time
import uuid

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError
from htdy.core.host.testing import make_settings
from htdy.core.http.app import create_app

REDIS = "redis://127.0.0.1:6379/0"


def limited(tmp_path, **ratelimit):
    return make_settings(tmp_path, ratelimit={"enabled": True, "login_delay_max_s": 0.05, **ratelimit})


async def _signup(client, email, password="correct horse battery"):
    resp = await client.post("/api/v1/auth/signup", json={"email": email, "password": password, "name": "N"})
    client.session.cookie_jar.clear()
    return resp


async def test_wrong_passwords_are_limited_per_account_and_a_success_resets(tmp_path, aiohttp_client):
    client = await aiohttp_client(create_app(limited(tmp_path, login_failures=["5/minute"],
                                                     login=["100/minute"])))
    assert (await _signup(client, "a@example.org")).status == 201
    statuses = []
    t0 = time.perf_counter()
    for _ in range(7):
        resp = await client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "wrong"})
        statuses.append(resp.status)
    assert statuses == [401] * 5 + [429] * 2
    assert time.perf_counter() - t0 > 0.05                      # the progressive delay ran
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    err = (await resp.json())["error"]
    assert err["code"] == "rate_limited" and err["details"]["retry_after_s"] == int(resp.headers["Retry-After"])
    # even the right password waits now: guessing stops for this account …
    right = await client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "correct horse battery"})
    assert right.status == 429
    # … but not for another account
    assert (await _signup(client, "b@example.org")).status == 201
    ok = await client.post("/api/v1/auth/login", json={"email": "b@example.org", "password": "correct horse battery"})
    assert ok.status == 200


async def test_a_successful_login_clears_the_failures(tmp_path, aiohttp_client):
    client = await aiohttp_client(create_app(limited(tmp_path, login_failures=["3/hour"])))
    await _signup(client, "a@example.org")
    for _ in range(2):
        await client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "wrong"})
    good = {"email": "a@example.org", "password": "correct horse battery"}
    assert (await client.post("/api/v1/auth/login", json=good)).status == 200
    client.session.cookie_jar.clear()
    for _ in range(2):
        assert (await client.post("/api/v1/auth/login", json={**good, "password": "x"})).status == 401
    assert (await client.post("/api/v1/auth/login", json=good)).status == 200


async def test_per_client_limits_on_signup_login_and_the_web_form(tmp_path, aiohttp_client):
    client = await aiohttp_client(create_app(limited(tmp_path, signup=["3/hour"], login=["4/hour"])))
    got = [(await _signup(client, f"u{i}@example.org")).status for i in range(4)]
    assert got == [201, 201, 201, 429]
    for i in range(4):
        await client.post("/api/v1/auth/login", json={"email": f"x{i}@example.org", "password": "wrong"})
    resp = await client.post("/api/v1/auth/login", json={"email": "u0@example.org", "password": "correct horse battery"})
    assert resp.status == 429


async def test_uploads_renders_and_search_are_limited_per_user(tmp_path, aiohttp_client):
    # (hour windows: a sliding-window count that straddles a minute boundary let a 4th request through)
    client = await aiohttp_client(create_app(limited(tmp_path, search=["3/hour"], render=["2/hour"])))
    tokens = []
    for email in ("a@example.org", "b@example.org"):
        tokens.append({"Authorization": "Bearer " + (await (await _signup(client, email)).json())["token"]})
    a, b = tokens
    assert [(await client.get("/api/v1/search", headers=a)).status for _ in range(4)] == [200, 200, 200, 429]
    assert (await client.get("/api/v1/search", headers=b)).status == 200     # b has its own budget
    cv = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": {"basics": {"name": "Ada"}}},
                                  headers=a)).json()
    url = f"/api/v1/cvs/{cv['id']}/render"
    got = [(await client.get(url, params={"format": "md", "option.accent": f"#00000{i}"}, headers=a)).status
           for i in range(3)]
    assert got == [200, 200, 429]


async def test_redis_counters_are_shared_between_nodes_and_hold_no_address(tmp_path, aiohttp_client):
    import redis.asyncio as aioredis

    prefix_before = set()
    r = aioredis.from_url(REDIS)
    try:
        prefix_before = {k async for k in r.scan_iter("htdy-rl*")}
        settings = limited(tmp_path, storage=REDIS, login_failures=["4/hour"])
        one = await aiohttp_client(create_app(settings))
        two = await aiohttp_client(create_app(settings))
        email = f"{uuid.uuid4().hex}@example.org"
        await _signup(one, email)
        got = []
        for node in (one, two, one, two, one):
            got.append((await node.post("/api/v1/auth/login", json={"email": email, "password": "no"})).status)
        assert got == [401, 401, 401, 401, 429]
        keys = {k async for k in r.scan_iter("htdy-rl*")} - prefix_before
        assert keys and not any(b"127.0.0.1" in k or email.encode() in k for k in keys)
        for k in keys:
            await r.delete(k)
    finally:
        await r.aclose()


async def test_an_unreachable_limit_store_fails_open(tmp_path, aiohttp_client, caplog):
    client = await aiohttp_client(create_app(limited(tmp_path, storage="redis://127.0.0.1:1/0", signup=["1/hour"])))
    assert [(await _signup(client, f"u{i}@example.org")).status for i in range(3)] == [201, 201, 201]
    assert "rate-limit store unreachable" in caplog.text


@pytest.mark.parametrize("key, value, msg", [
    ("login", ["ten a minute"], "is not a rate limit"),
    ("storage", "memcached://x", "redis:// URL"),
    ("nope", 1, "unknown key"),
])
def test_bad_rate_limit_config_names_the_key(key, value, msg):
    with pytest.raises(ConfigError, match=f"htdy.toml: ratelimit.{key}.*{msg}"):
        settings_from_dict({"ratelimit": {key: value}}, "htdy.toml", environ={})


async def test_client_address_behind_trusted_proxies_and_from_the_web_plugin(tmp_path, aiohttp_client):
    """X-Forwarded-For counts only from a trusted proxy; the web plugin's loopback calls to the
    API carry the visitor (signed), so every no-JS login is counted as its visitor."""
    from aiohttp import web

    from htdy.core.http.clientip import client_ip, forward_headers

    seen = {}

    async def probe(request):
        seen["ip"] = client_ip(request)
        return web.json_response({"ip": seen["ip"], "fwd": forward_headers(request)})

    def app_with(proxies):
        app = create_app(make_settings(tmp_path, server={"trusted_proxies": proxies}))
        app.router.add_get("/probe", probe)
        return app

    plain = await aiohttp_client(app_with([]))
    got = await (await plain.get("/probe", headers={"X-Forwarded-For": "203.0.113.9"})).json()
    assert got["ip"] == "127.0.0.1"                                  # not believed
    proxied = await aiohttp_client(app_with(["127.0.0.0/8"]))
    got = await (await proxied.get("/probe", headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"})).json()
    assert got["ip"] == "203.0.113.9"                                # nearest untrusted hop
    # the web plugin's signed hand-over is believed; a forged one is not
    got = await (await plain.get("/probe", headers=got["fwd"])).json()
    assert got["ip"] == "203.0.113.9"
    got = await (await plain.get("/probe", headers={"X-Htdy-Client": "192.0.2.1", "X-Htdy-Internal": "x"})).json()
    assert got["ip"] == "127.0.0.1"


def test_a_bad_trusted_proxy_fails_at_start_up():
    with pytest.raises(ConfigError, match="htdy.toml: server.trusted_proxies.*'nope' is not an IP"):
        settings_from_dict({"server": {"trusted_proxies": ["10.0.0.0/8", "nope"]}}, "htdy.toml", environ={})
