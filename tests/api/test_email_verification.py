"""E-mail verification on sign-up (``[auth] verify_email = true``), on SQLite and PostgreSQL:
no sign-in until the mailed link is opened; opening it attaches waiting share invitations."""
from __future__ import annotations

import re
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
    return make_settings(tmp_path, database_url=database_url, mail={"backend": "t-outbox"},
                         auth={"verify_email": True})


async def mails(app, kind: str) -> list[Mail]:
    await app[appkeys.services].drain()
    return [m for m in OUTBOX if m.kind == kind]


def secret_in(mail: Mail, key: str = "token") -> str:
    return parse_qs(urlsplit(re.search(r"https?://\S+", mail.text).group(0)).query)[key][0]


async def test_sign_in_waits_for_the_address(client, htdy_app):
    body = {"email": "vera@example.org", "password": "correct horse battery", "name": "Vera"}
    resp = await client.post("/api/v1/auth/signup", json=body)
    out = await resp.json()
    assert resp.status == 201 and out["token"] is None and out["verification_required"] is True
    assert "htdy_session" not in {c.key for c in client.session.cookie_jar}
    login = {"email": "vera@example.org", "password": "correct horse battery"}
    resp = await client.post("/api/v1/auth/login", json=login)
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "email_not_verified"
    resp = await client.post("/api/v1/auth/login", json={**login, "password": "wrong password"})
    assert resp.status == 401  # a wrong password says nothing about verification

    [mail] = await mails(htdy_app, "email_verification")
    assert mail.to == "vera@example.org" and urlsplit(re.search(r"https?://\S+", mail.text).group(0)).path == "/verify-email"
    token = secret_in(mail)
    page = await client.get(f"/verify-email?token={token}")  # a GET (a mail scanner) uses nothing up
    assert page.status == 200 and f'value="{token}"' in await page.text()
    origin = {"Origin": str(client.make_url("")).rstrip("/")}
    resp = await client.post("/verify-email", data={"token": token}, headers=origin)  # the page's button (no JS)
    assert resp.status == 200 and "Your address is confirmed" in await resp.text()
    resp = await client.post("/api/v1/auth/verify-email", json={"token": token})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_verification_token"
    assert (await client.post("/api/v1/auth/login", json=login)).status == 200


async def test_resend_tells_nothing(client, htdy_app):
    await client.post("/api/v1/auth/signup", json={"email": "wait@example.org", "password": "correct horse battery",
                                                   "name": "W"})
    for email in ("nobody@example.org", "wait@example.org"):
        resp = await client.post("/api/v1/auth/verify-email/resend", json={"email": email})
        assert resp.status == 202
    sent = await mails(htdy_app, "email_verification")
    assert [m.to for m in sent] == ["wait@example.org", "wait@example.org"]  # sign-up + resend, nobody@ nothing
    assert secret_in(sent[0]) != secret_in(sent[1])


async def test_verifying_attaches_invitations(client, htdy_app, resume):
    from htdy.core.models import User

    owner = await client.post("/api/v1/auth/signup", json={"email": "own@example.org", "password": "correct horse battery",
                                                           "name": "Own"})
    assert (await owner.json())["token"] is None
    await User.filter(email="own@example.org").update(email_verified=True)  # (verified earlier)
    client.session.cookie_jar.clear()
    login = await client.post("/api/v1/auth/login", json={"email": "own@example.org", "password": "correct horse battery"})
    client.session.cookie_jar.clear()
    h = {"Authorization": f"Bearer {(await login.json())['token']}"}
    cv = await (await client.post("/api/v1/cvs", json={"title": "CV", "resume": resume}, headers=h)).json()
    for who in ("late@example.org", "link@example.org"):
        assert (await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"email": who}, headers=h)).status == 201
    invites = {m.to: m for m in await mails(htdy_app, "share_invitation")}

    # signed up without the invitation's link: confirming the address attaches it
    await client.post("/api/v1/auth/signup", json={"email": "late@example.org", "password": "correct horse battery",
                                                   "name": "Late"})
    [verify] = [m for m in await mails(htdy_app, "email_verification") if m.to == "late@example.org"]
    resp = await client.post("/api/v1/auth/verify-email", json={"token": secret_in(verify)})
    assert (await resp.json())["shared_cvs"] == 1
    late = await client.post("/api/v1/auth/login", json={"email": "late@example.org", "password": "correct horse battery"})
    client.session.cookie_jar.clear()
    got = await client.get(f"/api/v1/cvs/{cv['id']}", headers={"Authorization": f"Bearer {(await late.json())['token']}"})
    assert got.status == 200

    # through the invitation's link: the mailbox is proven, the account signs in at once
    resp = await client.post("/api/v1/auth/signup", json={
        "email": "link@example.org", "password": "correct horse battery", "name": "Link",
        "invite": secret_in(invites["link@example.org"], "invite")})
    out = await resp.json()
    client.session.cookie_jar.clear()
    assert resp.status == 201 and out["token"] and not out["verification_required"]
    got = await client.get(f"/api/v1/cvs/{cv['id']}", headers={"Authorization": f"Bearer {out['token']}"})
    assert got.status == 200


async def test_signup_page_without_javascript_says_check_your_mail(client):
    origin = {"Origin": str(client.make_url("")).rstrip("/")}
    resp = await client.post("/signup", data={"name": "Nora", "email": "nora@example.org",
                                              "password": "correct horse battery"}, headers=origin,
                             allow_redirects=False)
    assert resp.status == 201 and "open the link we just mailed you" in await resp.text()


async def test_signup_does_not_tell_who_has_an_account(client, htdy_app):
    """Issue 11 item 5: with verification on, signing up with a registered address answers
    exactly like a new one (same status, same keys, no cookies); the owner is mailed instead."""
    from htdy.core.models import User

    first = {"email": "taken@example.org", "password": "correct horse battery", "name": "Tia"}
    await client.post("/api/v1/auth/signup", json=first)
    await User.filter(email="taken@example.org").update(email_verified=True)
    answers = []
    for email in ("TAKEN@example.org", "fresh@example.org"):
        resp = await client.post("/api/v1/auth/signup", json={"email": email, "password": "another good phrase",
                                                              "name": "Mallory"})
        out = await resp.json()
        answers.append((resp.status, sorted(out), sorted(out["user"]), out["token"], out["verification_required"],
                        [c for c in resp.headers.getall("Set-Cookie", [])]))
    assert answers[0] == answers[1] == (201, ["token", "user", "verification_required"], ["email", "id", "name"],
                                        None, True, [])
    taken = await mails(htdy_app, "signup_taken")
    assert [m.to for m in taken] == ["taken@example.org"] and "/forgot-password" in taken[0].text
    assert [m.to for m in await mails(htdy_app, "email_verification")] == ["taken@example.org", "fresh@example.org"]
    assert await User.filter(email="taken@example.org").count() == 1
    user = await User.get(email="taken@example.org")
    assert user.name == "Tia"  # the existing account is untouched
    resp = await client.post("/api/v1/auth/login", json={"email": "taken@example.org",
                                                         "password": "correct horse battery"})
    assert resp.status == 200
