"""Accounts: sign-up, login, logout, tokens, sessions with CSRF double-submit."""
from __future__ import annotations

import pytest


async def test_signup_sets_cookies_and_returns_token(client):
    resp = await client.post("/api/v1/auth/signup", json={"email": "Ann@Example.org", "password": "s3cret-pass",
                                                           "name": "Ann"})
    assert resp.status == 201
    data = await resp.json()
    assert data["user"]["email"] == "ann@example.org" and data["token"].startswith("htdy_")
    cookies = resp.headers.getall("Set-Cookie")
    session = next(c for c in cookies if c.startswith("htdy_session="))
    csrf = next(c for c in cookies if c.startswith("htdy_csrf="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    assert "HttpOnly" not in csrf


async def test_signup_validation_and_duplicates(client, signup):
    await signup("dup@example.org")
    resp = await client.post("/api/v1/auth/signup", json={"email": "DUP@example.org", "password": "longenough",
                                                           "name": "x"})
    assert resp.status == 409 and (await resp.json())["error"]["code"] == "email_taken"
    resp = await client.post("/api/v1/auth/signup", json={"email": "not-an-email", "password": "short", "name": ""})
    err = (await resp.json())["error"]
    assert resp.status == 422 and err["code"] == "validation_failed"
    assert {d["loc"] for d in err["details"]} == {"email", "password", "name"}
    resp = await client.post("/api/v1/auth/signup", data=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "malformed_json"
    resp = await client.post("/api/v1/auth/signup", json={"email": "x@example.org", "password": 12345678,
                                                           "name": "x", "admin": True})
    assert resp.status == 422


async def test_login_logout_and_tokens(client, signup):
    await signup("log@example.org", password="right-password")
    resp = await client.post("/api/v1/auth/login", json={"email": "log@example.org", "password": "wrong"})
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "invalid_credentials"
    resp = await client.post("/api/v1/auth/login", json={"email": "nobody@example.org", "password": "wrong"})
    assert resp.status == 401
    resp = await client.post("/api/v1/auth/login", json={"email": "log@example.org", "password": "right-password"})
    assert resp.status == 200
    h = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    client.session.cookie_jar.clear()

    resp = await client.post("/api/v1/tokens", json={"name": "ci"}, headers=h)
    assert resp.status == 201
    tok = await resp.json()
    h2 = {"Authorization": f"Bearer {tok['token']}"}
    assert (await client.get("/api/v1/me", headers=h2)).status == 200
    listed = await (await client.get("/api/v1/tokens", headers=h)).json()
    assert tok["id"] in [t["id"] for t in listed["items"]] and all("token" not in t for t in listed["items"])
    assert (await client.delete(f"/api/v1/tokens/{tok['id']}", headers=h)).status == 204
    resp = await client.get("/api/v1/me", headers=h2)
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "invalid_token"
    assert (await client.delete("/api/v1/tokens/not-a-uuid", headers=h)).status == 404

    assert (await client.post("/api/v1/auth/logout", headers=h)).status == 204
    assert (await client.get("/api/v1/me", headers=h)).status == 401


async def test_login_tokens_do_not_pile_up(client, signup):
    """Every login mints a bearer token; only the newest MAX_LOGIN_TOKENS stay valid."""
    from htdy.core.services.accounts import MAX_LOGIN_TOKENS

    first = await signup("many@example.org", password="right-password")
    creds = {"email": "many@example.org", "password": "right-password"}
    tokens = []
    for _ in range(MAX_LOGIN_TOKENS + 2):
        resp = await client.post("/api/v1/auth/login", json=creds)
        assert resp.status == 200
        tokens.append((await resp.json())["token"])
        client.session.cookie_jar.clear()  # bearer only: a session cookie would ask for CSRF
    me = [(await client.get("/api/v1/me", headers={"Authorization": f"Bearer {t}"})).status for t in tokens]
    assert me == [401, 401] + [200] * MAX_LOGIN_TOKENS
    listed = (await (await client.get("/api/v1/tokens", headers=first["headers"])).json())["items"]
    assert sorted(t["name"] for t in listed) == ["login"] * MAX_LOGIN_TOKENS + ["sign-up"]


async def test_unauthenticated(client):
    resp = await client.get("/api/v1/me")
    body = await resp.json()
    assert resp.status == 401 and body["error"]["code"] == "unauthorized" and body["error"]["request_id"]
    assert (await client.get("/api/v1/cvs", headers={"Authorization": "Basic abc"})).status == 401
    assert (await client.get("/api/v1/cvs", headers={"Authorization": "Bearer nope"})).status == 401


async def test_session_cookie_and_csrf(client, signup, resume):
    await signup("cookie@example.org", keep_cookies=True)
    resp = await client.get("/api/v1/me")  # the session cookie alone authenticates reads
    assert resp.status == 200 and (await resp.json())["email"] == "cookie@example.org"
    resp = await client.post("/api/v1/cvs", json={"title": "t", "resume": resume})
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "csrf_failed"
    resp = await client.post("/api/v1/cvs", json={"title": "t", "resume": resume}, headers={"X-CSRF-Token": "forged"})
    assert resp.status == 403
    csrf = next(c.value for c in client.session.cookie_jar if c.key == "htdy_csrf")
    resp = await client.post("/api/v1/cvs", json={"title": "t", "resume": resume}, headers={"X-CSRF-Token": csrf})
    assert resp.status == 201
    assert (await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})).status == 204
    assert (await client.get("/api/v1/me")).status == 401


@pytest.mark.parametrize("password", ["password123", "Qwerty123", "iloveyou1", "12345678", "ana.silva", "Ana Silva"])
async def test_common_or_personal_passwords_are_refused(client, password):
    from htdy.core.models import User

    resp = await client.post("/api/v1/auth/signup", json={"email": "ana.silva@example.org", "password": password,
                                                          "name": "Ana Silva"})
    body = await resp.json()
    assert resp.status == 422 and body["error"]["code"] == "password_too_common", body
    assert await User.filter(email="ana.silva@example.org").count() == 0


async def test_an_uncommon_password_is_accepted(client):
    resp = await client.post("/api/v1/auth/signup", json={"email": "ana.silva@example.org",
                                                          "password": "tangerine-orbit-41", "name": "Ana Silva"})
    assert resp.status == 201
