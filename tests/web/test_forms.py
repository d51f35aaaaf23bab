"""The no-JavaScript path of the auth forms: the web plugin posts to the JSON API and
passes the API's cookies on; cross-site form posts are refused."""
from __future__ import annotations


async def test_signup_form_post_sets_session_and_redirects(web_client):
    resp = await web_client.post("/signup", data={"name": "Grace", "email": "g@example.org",
                                                  "password": "correct horse", "next": "/app/cvs/1"},
                                 allow_redirects=False)
    assert resp.status == 303
    assert resp.headers["Location"] == "/app/cvs/1"
    assert "htdy_session" in {c.key for c in resp.cookies.values()}
    assert (await web_client.get("/api/v1/me")).status == 200


async def test_login_form_post_error_rerenders_the_form(web_client):
    resp = await web_client.post("/login", data={"email": "nobody@example.org", "password": "x"},
                                 allow_redirects=False)
    assert resp.status == 401
    body = await resp.text()
    assert "Wrong email or password." in body and 'value="nobody@example.org"' in body
    assert 'id="form-error" role="alert">' in body  # shown, not hidden


async def test_login_next_cannot_leave_the_site(web_client):
    await web_client.post("/signup", data={"name": "A", "email": "a@example.org", "password": "pw123456"},
                          allow_redirects=False)
    resp = await web_client.post("/login", data={"email": "a@example.org", "password": "pw123456",
                                                 "next": "https://evil.example/"}, allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/app"


async def test_cross_site_form_posts_are_refused(web_client):
    for path in ("/login", "/signup", "/logout"):
        resp = await web_client.post(path, data={"email": "a@b.c"}, headers={"Origin": "https://evil.example"},
                                     allow_redirects=False)
        assert resp.status == 403, path


async def test_logout_form_post_ends_the_session(web_client):
    await web_client.post("/signup", data={"name": "B", "email": "b@example.org", "password": "pw123456"},
                          allow_redirects=False)
    assert (await web_client.get("/api/v1/me")).status == 200
    resp = await web_client.post("/logout", allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/"
    assert (await web_client.get("/api/v1/me")).status == 401


async def test_logout_keeps_the_cookies_when_the_api_cannot_end_the_session(web_client, monkeypatch):
    import aiohttp

    from htdy.plugins.web import data

    await web_client.post("/signup", data={"name": "C", "email": "c@example.org", "password": "pw123456"},
                          allow_redirects=False)

    async def unreachable(*args, **kwargs):
        raise aiohttp.ClientConnectionError("connection refused")

    monkeypatch.setattr(data, "internal_request", unreachable)
    resp = await web_client.post("/logout", allow_redirects=False)
    body = await resp.text()
    assert resp.status == 502 and "could not end your session" in body
    assert 'id="form-error" role="alert">' in body
    assert not resp.cookies  # nothing cleared: the session is still alive, the user can retry
    monkeypatch.undo()
    assert (await web_client.get("/api/v1/me")).status == 200
    assert (await web_client.post("/logout", allow_redirects=False)).status == 303
    assert (await web_client.get("/api/v1/me")).status == 401
