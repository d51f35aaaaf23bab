"""The account pages on the real app (no browser): who may see them, and the forgot/reset
forms without JavaScript (posted to the page, passed on to the API)."""
from __future__ import annotations

import re

import pytest

from htdy.core.host.testing import OUTBOX, OutboxPlugin, make_settings
from htdy.core.http import appkeys


@pytest.fixture
def htdy_plugins():
    OUTBOX.clear()
    return [OutboxPlugin()]


@pytest.fixture
def htdy_settings(tmp_path):
    return make_settings(tmp_path, mail={"backend": "t-outbox"})


async def test_account_page_needs_a_session(htdy_client):
    resp = await htdy_client.get("/account", allow_redirects=False)
    assert resp.status == 302 and resp.headers["Location"] == "/login?next=/account"
    await htdy_client.post("/api/v1/auth/signup", json={"email": "p@example.org", "password": "correct horse battery",
                                                        "name": "P"})
    resp = await htdy_client.get("/account")
    html = await resp.text()
    assert resp.status == 200 and 'id="password-form"' in html and 'href="/api/v1/me/export"' in html
    assert 'id="delete-confirm"' in html and "/static/account." in html
    assert 'href="/account" aria-current="page"' in html


async def test_login_page_links_to_forgot_password(htdy_client):
    html = await (await htdy_client.get("/login")).text()
    assert 'href="/forgot-password"' in html


async def test_forgot_and_reset_without_javascript(htdy_client, htdy_app):
    await htdy_client.post("/api/v1/auth/signup", json={"email": "nojs@example.org", "password": "old password 11",
                                                        "name": "No JS"})
    htdy_client.session.cookie_jar.clear()
    origin = {"Origin": str(htdy_client.make_url("")).rstrip("/")}
    resp = await htdy_client.post("/forgot-password", data={"email": "nojs@example.org"}, headers=origin)
    html = await resp.text()
    assert resp.status == 200 and "If this address has an account, a reset link is on its way." in html
    resp = await htdy_client.post("/forgot-password", data={"email": "nobody@example.org"}, headers=origin)
    assert "If this address has an account, a reset link is on its way." in await resp.text()
    await htdy_app[appkeys.services].drain()
    [mail] = OUTBOX
    token = re.search(r"/reset-password\?token=([\w-]+)", mail.text).group(1)

    page = await htdy_client.get(f"/reset-password?token={token}")
    assert page.status == 200 and f'value="{token}"' in await page.text()
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert (await htdy_client.get("/reset-password")).status == 400
    resp = await htdy_client.post("/reset-password", data={"token": token, "password": "password"}, headers=origin)
    assert resp.status == 422 and "common" in await resp.text()
    resp = await htdy_client.post("/reset-password", data={"token": token, "password": "new password 22"},
                                  headers=origin)
    assert resp.status == 200 and "Your password is changed" in await resp.text()
    resp = await htdy_client.post("/api/v1/auth/login", json={"email": "nojs@example.org", "password": "new password 22"})
    assert resp.status == 200
    cross = await htdy_client.post("/reset-password", data={"token": token, "password": "x" * 12},
                                   headers={"Origin": "https://evil.example"})
    assert cross.status == 403


async def test_signup_page_carries_an_invitation(htdy_client):
    html = await (await htdy_client.get("/signup?invite=abc_DEF-123&email=new%40example.org")).text()
    assert 'name="invite" value="abc_DEF-123"' in html and 'value="new@example.org"' in html
