"""Issue 11 items 6 and 8: Secure cookies and HSTS whenever the visitor uses HTTPS (TLS, a
trusted proxy's X-Forwarded-Proto, an https public_url), a CSRF token bound to the session,
the allowed Host names, production mode needing public_url, and the operations token."""
from __future__ import annotations

import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError
from htdy.core.host.testing import make_settings
from htdy.core.http.app import create_app

SIGNUP = {"email": "sec@example.org", "password": "correct horse battery", "name": "Sec"}


async def _client(aiohttp_client: Any, tmp_path: Path, **sections: Any) -> Any:
    return await aiohttp_client(create_app(make_settings(tmp_path, **sections)))


def _cookies(resp: Any) -> dict[str, str]:
    return {c.split("=", 1)[0]: c for c in resp.headers.getall("Set-Cookie", [])}


async def test_plain_http_cookies_are_not_secure_and_no_hsts(aiohttp_client, tmp_path):
    client = await _client(aiohttp_client, tmp_path)
    resp = await client.post("/api/v1/auth/signup", json=SIGNUP)
    cookies = _cookies(resp)
    assert resp.status == 201 and "Secure" not in cookies["htdy_session"] and "Secure" not in cookies["htdy_csrf"]
    assert "Strict-Transport-Security" not in resp.headers


@pytest.mark.parametrize("how", ["public_url", "trusted_proxy"])
async def test_https_visitors_get_secure_cookies_and_hsts(aiohttp_client, tmp_path, how):
    server = ({"public_url": "https://cv.example.org"} if how == "public_url"
              else {"trusted_proxies": ["127.0.0.1/32"]})
    client = await _client(aiohttp_client, tmp_path, server=server)
    headers = {"X-Forwarded-Proto": "https"} if how == "trusted_proxy" else {}
    resp = await client.post("/api/v1/auth/signup", json=SIGNUP, headers=headers)
    cookies = _cookies(resp)
    assert resp.status == 201
    assert "Secure" in cookies["htdy_session"] and "Secure" in cookies["htdy_csrf"]
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    page = await client.get("/livez", headers=headers)
    assert "Strict-Transport-Security" in page.headers
    if how == "trusted_proxy":  # the same header from nobody in particular changes nothing
        plain = await client.get("/livez")
        assert "Strict-Transport-Security" not in plain.headers


async def test_forwarded_proto_from_an_untrusted_address_is_ignored(aiohttp_client, tmp_path):
    client = await _client(aiohttp_client, tmp_path, server={"trusted_proxies": ["10.0.0.0/8"]})
    resp = await client.post("/api/v1/auth/signup", json=SIGNUP, headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in _cookies(resp)["htdy_session"]
    assert "Strict-Transport-Security" not in resp.headers


def _self_signed(tmp_path: Path) -> ssl.SSLContext:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(str(cert), str(key))
    return ctx


async def test_direct_tls_gives_secure_cookies_and_hsts(aiohttp_client, tmp_path):
    from aiohttp.test_utils import TestServer

    server = TestServer(create_app(make_settings(tmp_path)))
    await server.start_server(ssl=_self_signed(tmp_path))
    client = await aiohttp_client(server)
    assert client.make_url("/").scheme == "https"
    resp = await client.post("/api/v1/auth/signup", json=SIGNUP, ssl=False)
    assert resp.status == 201 and "Secure" in _cookies(resp)["htdy_session"]
    assert "Strict-Transport-Security" in resp.headers


async def test_cookie_secure_can_be_forced_and_hsts_turned_off(aiohttp_client, tmp_path):
    client = await _client(aiohttp_client, tmp_path, server={"cookie_secure": True, "hsts_max_age_s": 0,
                                                             "public_url": "https://cv.example.org"})
    resp = await client.post("/api/v1/auth/signup", json=SIGNUP)
    assert "Secure" in _cookies(resp)["htdy_session"] and "Strict-Transport-Security" not in resp.headers


async def test_csrf_token_is_bound_to_the_session(aiohttp_client, tmp_path, resume):
    client = await _client(aiohttp_client, tmp_path)
    await client.post("/api/v1/auth/signup", json=SIGNUP)
    jar = {c.key: c.value for c in client.session.cookie_jar}
    session, csrf = jar["htdy_session"], jar["htdy_csrf"]
    assert csrf != session and session not in csrf
    body = {"title": "t", "resume": resume}
    # a free double-submit pair (what a cookie-planting attacker could choose) is refused
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({"htdy_session": session, "htdy_csrf": "attacker-chosen"})
    resp = await client.post("/api/v1/cvs", json=body, headers={"X-CSRF-Token": "attacker-chosen"})
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "csrf_failed"
    # the session's own token works, whatever the csrf cookie holds
    resp = await client.post("/api/v1/cvs", json=body, headers={"X-CSRF-Token": csrf})
    assert resp.status == 201
    # a safe request hands the right token back to a browser holding a wrong (or an old) one
    resp = await client.get("/api/v1/me")
    assert _cookies(resp)["htdy_csrf"].startswith(f"htdy_csrf={csrf};")
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({"htdy_session": session, "htdy_csrf": "stale"})
    public = await client.get("/api/v1/profiles")  # a response a shared cache may keep: no cookie on it
    assert "public" in public.headers["Cache-Control"] and "htdy_csrf" not in _cookies(public)
    # another session's token does not fit this one
    client.session.cookie_jar.clear()
    await client.post("/api/v1/auth/signup", json={**SIGNUP, "email": "other@example.org"})
    other = {c.key: c.value for c in client.session.cookie_jar}
    assert other["htdy_csrf"] != csrf
    resp = await client.post("/api/v1/cvs", json=body, headers={"X-CSRF-Token": csrf})
    assert resp.status == 403
    resp = await client.post("/api/v1/cvs", json=body, headers={"X-CSRF-Token": other["htdy_csrf"]})
    assert resp.status == 201


async def test_only_allowed_hosts_are_answered(aiohttp_client, tmp_path):
    client = await _client(aiohttp_client, tmp_path, server={"allowed_hosts": ["cv.example.org", ".example.net"]})
    for host, status in (("cv.example.org", 200), ("cv.example.org:8443", 200), ("a.example.net", 200),
                         ("evil.example", 400), ("cv.example.org.evil.example", 400)):
        resp = await client.get("/api/v1/templates", headers={"Host": host})
        assert resp.status == status, host
        if status == 400:
            assert (await resp.json())["error"]["code"] == "invalid_host"


def test_production_needs_public_url_or_allowed_hosts(tmp_path):
    with pytest.raises(ConfigError) as err:
        settings_from_dict({"server": {"mode": "production"}}, "site.toml", environ={})
    assert "site.toml: server.public_url: required in production" in str(err.value)
    for server in ({"public_url": "https://cv.example.org"}, {"allowed_hosts": ["cv.example.org"]}):
        settings_from_dict({"server": {"mode": "production", **server}}, "site.toml", environ={})
    with pytest.raises(ConfigError, match="site.toml: server.public_url: 'cv.example.org' is not an http"):
        settings_from_dict({"server": {"public_url": "cv.example.org"}}, "site.toml", environ={})
    with pytest.raises(ConfigError, match="server.allowed_hosts"):
        settings_from_dict({"server": {"allowed_hosts": ["http://x/"]}}, "site.toml", environ={})


async def test_ops_token_restricts_metrics_and_plugins(aiohttp_client, tmp_path):
    client = await _client(aiohttp_client, tmp_path, server={"ops_token": "ops-" + "s" * 40})
    for path in ("/metrics", "/-/plugins.json"):
        assert (await client.get(path)).status == 404
        assert (await client.get(path, headers={"Authorization": "Bearer wrong"})).status == 404
        ok = await client.get(path, headers={"Authorization": "Bearer ops-" + "s" * 40})
        assert ok.status == 200, path
    assert (await client.get("/readyz")).status == 200 and (await client.get("/livez")).status == 200
    open_client = await _client(aiohttp_client, tmp_path / "b")
    assert (await open_client.get("/metrics")).status == 200  # one process: open unless configured


def test_split_deployment_restricts_ops_endpoints_and_runs_in_production():
    import tomllib

    root = Path(__file__).resolve().parents[2] / "deploy" / "config"
    for name in ("api.toml", "parser.toml", "renderer.toml"):
        server = tomllib.loads((root / name).read_text())["server"]
        assert server.get("ops_token") == {"$env": "HTDY_OPS_TOKEN"}, name
        if name == "api.toml":
            assert server.get("mode") == "production"
