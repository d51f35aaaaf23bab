"""Change password, log out everywhere, password reset by e-mail, token expiry and last use,
share invitations — on SQLite and PostgreSQL. Mail goes through a third-party-style mailer
plugin that keeps the messages (``[mail] backend = "t-outbox"``)."""
from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from htdy.core.host.interfaces import Mail
from htdy.core.host.testing import OUTBOX, OutboxPlugin, make_settings
from htdy.core.http import appkeys


@pytest.fixture
def htdy_plugins():
    OUTBOX.clear()
    return [OutboxPlugin()]


@pytest.fixture
def htdy_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url=database_url, mail={"backend": "t-outbox",
                                                                    "from_address": "htdy <noreply@cv.example.org>"})


async def sent(app: Any) -> list[Mail]:
    """The mail sent so far (mail goes out in the background, after the answer)."""
    await app[appkeys.services].drain()
    return list(OUTBOX)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client, email: str, password: str) -> str:
    resp = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert resp.status == 200, await resp.text()
    client.session.cookie_jar.clear()
    return str((await resp.json())["token"])


async def status_of(client, token: str) -> int:
    return (await client.get("/api/v1/me", headers=bearer(token))).status


async def test_change_password(client, signup):
    a = await signup("pat@example.org", password="first password 1")
    other = await login(client, "pat@example.org", "first password 1")
    made = await client.post("/api/v1/tokens", json={"name": "ci"}, headers=a["headers"])
    api_token = (await made.json())["token"]
    url = "/api/v1/me/password"

    resp = await client.post(url, json={"current_password": "nope", "new_password": "second password 2"},
                             headers=a["headers"])
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "wrong_password"
    resp = await client.post(url, json={"current_password": "first password 1", "new_password": "password123"},
                             headers=a["headers"])
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "password_too_common"
    assert await status_of(client, other) == 200  # refused changes end nothing

    resp = await client.post(url, json={"current_password": "first password 1", "new_password": "second password 2"},
                             headers=a["headers"])
    # the sign-up's cookie session, the other login's session and its bearer token
    assert resp.status == 200 and (await resp.json()) == {"ended_sessions": 3}
    assert await status_of(client, other) == 401       # the other login ended at once (cache dropped)
    assert await status_of(client, a["token"]) == 200  # the caller stays signed in
    assert await status_of(client, api_token) == 200   # tokens the user made stay
    bad = await client.post("/api/v1/auth/login", json={"email": "pat@example.org", "password": "first password 1"})
    assert bad.status == 401
    await login(client, "pat@example.org", "second password 2")


async def test_change_password_keeps_the_session_that_asked(client, signup):
    a = await signup("sam@example.org", password="first password 1")
    resp = await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": "first password 1"})
    assert resp.status == 200  # this time the cookie session is kept
    csrf = next(c.value for c in client.session.cookie_jar if c.key == "htdy_csrf")
    resp = await client.post("/api/v1/me/password", json={"current_password": "first password 1",
                                                          "new_password": "second password 2"})
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "csrf_failed"
    resp = await client.post("/api/v1/me/password", headers={"X-CSRF-Token": csrf},
                             json={"current_password": "first password 1", "new_password": "second password 2"})
    assert resp.status == 200
    assert (await client.get("/api/v1/me")).status == 200  # this cookie session stays
    assert await status_of(client, a["token"]) == 401


async def test_logout_everywhere(client, signup):
    a = await signup("lou@example.org")
    other = await login(client, "lou@example.org", "correct horse battery")
    api_token = (await (await client.post("/api/v1/tokens", json={"name": "ci"}, headers=a["headers"])).json())["token"]
    resp = await client.post("/api/v1/auth/logout-all", headers=a["headers"])
    assert resp.status == 204
    assert await status_of(client, a["token"]) == 401 and await status_of(client, other) == 401
    assert await status_of(client, api_token) == 200
    assert (await client.post("/api/v1/auth/logout-all")).status == 401


async def test_password_reset(client, signup, htdy_app):
    a = await signup("rita@example.org", name="Rita", password="old password 11")
    for email in ("nobody@example.org", "RITA@example.org "):
        resp = await client.post("/api/v1/auth/password-reset", json={"email": email})
        assert resp.status == 202
        assert (await resp.json())["message"] == "If this address has an account, a reset link is on its way."
    [mail] = await sent(htdy_app)  # the unknown address got nothing, and the answer was the same
    assert mail.to == "rita@example.org" and mail.kind == "password_reset" and "30 minutes" in mail.text
    link = re.search(r"https?://\S+", mail.text).group(0)
    assert urlsplit(link).path == "/reset-password"
    token = parse_qs(urlsplit(link).query)["token"][0]

    confirm = "/api/v1/auth/password-reset/confirm"
    resp = await client.post(confirm, json={"token": token, "password": "rita@example.org"})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "password_too_common"
    resp = await client.post(confirm, json={"token": "x" * 40, "password": "new password 22"})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_reset_token"
    resp = await client.post(confirm, json={"token": token, "password": "new password 22"})  # still usable
    assert resp.status == 204
    resp = await client.post(confirm, json={"token": token, "password": "third password 33"})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_reset_token"  # once only
    assert await status_of(client, a["token"]) == 401  # every session ended
    await login(client, "rita@example.org", "new password 22")


async def test_reset_link_expires(client, signup, htdy_app):
    from htdy.core.models import PasswordReset

    await signup("ed@example.org")
    await client.post("/api/v1/auth/password-reset", json={"email": "ed@example.org"})
    [mail] = await sent(htdy_app)
    token = parse_qs(urlsplit(re.search(r"https?://\S+", mail.text).group(0)).query)["token"][0]
    row = await PasswordReset.get()
    assert timedelta(minutes=29) < row.expires_at - row.created_at <= timedelta(minutes=30, seconds=1)
    await PasswordReset.filter(id=row.id).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    resp = await client.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "new password 22"})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_reset_token"


async def test_token_expiry_and_last_use(client, signup):
    a = await signup("tia@example.org")
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    resp = await client.post("/api/v1/tokens", json={"name": "old", "expires_at": past}, headers=a["headers"])
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_expiry"
    resp = await client.post("/api/v1/tokens", json={"name": "naive", "expires_at": "2999-01-01T00:00:00"},
                             headers=a["headers"])
    assert resp.status == 422  # a time without a zone is refused
    soon = (datetime.now(UTC) + timedelta(seconds=1.5)).isoformat()
    made = await (await client.post("/api/v1/tokens", json={"name": "brief", "expires_at": soon},
                                    headers=a["headers"])).json()
    assert made["expires_at"] and made["last_used_at"] is None and made["kind"] == "api"
    assert await status_of(client, made["token"]) == 200
    listed = {t["name"]: t for t in (await (await client.get("/api/v1/tokens", headers=a["headers"])).json())["items"]}
    assert listed["brief"]["last_used_at"] is not None and "token" not in listed["brief"]
    assert listed["sign-up"]["kind"] == "login" and listed["sign-up"]["last_used_at"] is not None
    await asyncio.sleep(1.6)
    assert await status_of(client, made["token"]) == 401  # the cached identity did not outlive it
    names = [t["name"] for t in (await (await client.get("/api/v1/tokens", headers=a["headers"])).json())["items"]]
    assert names == ["sign-up"]


async def test_share_invitations(client, signup, make_cv, htdy_app):
    a = await signup("ann@example.org", name="Ann")
    await signup("bob@example.org")
    cv = await make_cv(a["headers"], title="Ann's CV")
    url = f"/api/v1/cvs/{cv['id']}/shares"
    known = await client.post(url, json={"email": "bob@example.org", "access": "view"}, headers=a["headers"])
    unknown = await client.post(url, json={"email": "New@Example.org", "access": "edit"}, headers=a["headers"])
    assert known.status == unknown.status == 201
    k, u = await known.json(), await unknown.json()
    assert set(k) == set(u) and k["user"] == {"email": "bob@example.org"} and u["user"] == {"email": "new@example.org"}
    assert k["url"].endswith(f"/api/v1/cvs/{cv['id']}") and u["url"] == k["url"]  # nothing tells them apart
    again = await client.post(url, json={"email": "new@example.org"}, headers=a["headers"])
    assert again.status == 409
    mails = {m.to: m for m in await sent(htdy_app)}
    assert mails["bob@example.org"].kind == "share" and "Ann's CV" in mails["bob@example.org"].text
    invite_mail = mails["new@example.org"]
    assert invite_mail.kind == "share_invitation" and "view and edit" in invite_mail.text
    link = re.search(r"https?://\S+", invite_mail.text).group(0)
    assert urlsplit(link).path == "/signup"
    invite = parse_qs(urlsplit(link).query)["invite"][0]

    # the secret proves the mailbox: someone else's account cannot use it, the address alone does not attach
    mallory = await client.post("/api/v1/auth/signup", json={"email": "mallory@example.org", "name": "M",
                                                             "password": "correct horse battery", "invite": invite})
    assert mallory.status == 201
    client.session.cookie_jar.clear()
    assert (await client.get(f"/api/v1/cvs/{cv['id']}", headers=bearer((await mallory.json())["token"]))).status == 404
    resp = await client.post("/api/v1/auth/signup", json={"email": "new@example.org", "name": "Nia",
                                                          "password": "correct horse battery", "invite": invite})
    assert resp.status == 201
    client.session.cookie_jar.clear()
    nia = bearer((await resp.json())["token"])
    got = await client.get(f"/api/v1/cvs/{cv['id']}", headers=nia)
    assert got.status == 200 and (await got.json())["access"] == "edit"
    listed = (await (await client.get(url, headers=a["headers"])).json())["items"]
    assert sorted(s["user"]["email"] for s in listed) == ["bob@example.org", "new@example.org"]


async def test_invitation_needs_the_secret(client, signup, make_cv, htdy_app):
    a = await signup("ann@example.org")
    cv = await make_cv(a["headers"])
    await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"email": "late@example.org"}, headers=a["headers"])
    late = await signup("late@example.org")  # signed up without the mailed link
    assert (await client.get(f"/api/v1/cvs/{cv['id']}", headers=late["headers"])).status == 404
