"""The web plugin inside the real application (``create_app``): it is registered through
the plugin hook, its headers survive the API's middlewares, and the public profile is
served from real data (sign up → create a CV → publish → /p/{slug}, 304)."""
from __future__ import annotations

import pytest

app_module = pytest.importorskip("htdy.core.http.app")
testing = pytest.importorskip("htdy.core.host.testing")
if not hasattr(testing, "make_settings"):
    pytest.skip("the htdy pytest plugin has no make_settings yet", allow_module_level=True)

RESUME = {"basics": {"name": "Ada Lovelace", "label": "Programmer", "email": "ada@example.org",
                     "location": {"city": "London", "countryCode": "GB"}},
          "work": [{"name": "Analytical Engines", "position": "Programmer", "startDate": "1842-01"}],
          "skills": [{"name": "Mathematics", "keywords": ["Bernoulli numbers"]}]}


@pytest.fixture
async def client(aiohttp_client, tmp_path):
    app = app_module.create_app(testing.make_settings(tmp_path))
    return await aiohttp_client(app)


def _csrf(client) -> dict[str, str]:
    for cookie in client.session.cookie_jar:
        if cookie.key == "htdy_csrf":
            return {"X-CSRF-Token": cookie.value}
    raise AssertionError("no htdy_csrf cookie")


async def test_pages_and_assets_in_the_real_app(client):
    resp = await client.get("/")
    assert resp.status == 200 and "Help them discover" in await resp.text()
    assert resp.headers["Cache-Control"] == "no-cache" and resp.headers["X-Request-ID"]
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    from htdy.plugins.web.assets import load_assets

    static = await client.get(load_assets().url("app.js"))
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    redirect = await client.get("/app", allow_redirects=False)
    assert redirect.status == 302 and redirect.headers["Location"] == "/login?next=/app"
    missing = await client.get("/p/nobody-here")
    assert missing.status == 404 and missing.content_type == "text/html"


async def test_public_profile_from_real_data(client):
    signup = await client.post("/api/v1/auth/signup", json={"email": "ada@example.org",
                                                            "password": "correct horse battery",
                                                            "name": "Ada"})
    assert signup.status == 201, await signup.text()
    assert (await client.get("/app")).status == 200
    created = await client.post("/api/v1/cvs", json={"title": "Ada", "resume": RESUME}, headers=_csrf(client))
    assert created.status == 201, await created.text()
    cv = await created.json()
    published = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"discoverable": True, "slug": "ada-lovelace"},
                                   headers=_csrf(client))
    assert published.status == 200, await published.text()

    page = await client.get("/p/ada-lovelace")
    body = await page.text()
    assert page.status == 200, body
    assert 'itemprop="name">Ada Lovelace<' in body and "Bernoulli numbers" in body
    assert "<script" not in body.replace('<script type="application/ld+json">', "")  # data only
    assert 'href="/api/v1/profiles/ada-lovelace/render?format=pdf"' in body
    assert page.headers["Cache-Control"] == "public, max-age=300, s-maxage=900"
    again = await client.get("/p/ada-lovelace", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status == 304

    client.session.cookie_jar.clear()  # anonymous visitors get the same cacheable page
    anon = await client.get("/p/ada-lovelace")
    assert anon.status == 200 and anon.headers["ETag"] == page.headers["ETag"]


async def test_link_share_page(client):
    assert (await client.post("/api/v1/auth/signup", json={"email": "grace@example.org", "password": "pw-12345678",
                                                           "name": "Grace"})).status == 201
    cv = await (await client.post("/api/v1/cvs", json={"title": "Ada", "resume": RESUME},
                                  headers=_csrf(client))).json()
    share = await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"link": True, "access": "view"},
                              headers=_csrf(client))
    assert share.status == 201, await share.text()
    token = (await share.json())["url"].rstrip("/").rsplit("/", 1)[-1]
    client.session.cookie_jar.clear()
    page = await client.get(f"/s/{token}")
    body = await page.text()
    assert page.status == 200, body
    assert "Ada Lovelace" in body and "Shared with you privately" in body
    assert page.headers["Cache-Control"] == "private, no-cache"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex">' in body
    assert (await client.get("/s/not-a-real-token-at-all")).status == 404


async def test_public_pages_follow_the_cv_language(client):
    """Dates on /p/{slug} and /s/{token} in the CV's language; the link page's PDF uses the design."""
    assert (await client.post("/api/v1/auth/signup", json={"email": "hedy@example.org", "password": "pw-12345678",
                                                           "name": "Hedy"})).status == 201
    german = {**RESUME, "meta": {"language": "de"},
              "work": [{"name": "Siemens", "position": "Ingenieurin", "startDate": "2021-11"},
                       {"name": "Analytical Engines", "position": "Programmer", "startDate": "2019-03",
                        "endDate": "2021-10"}]}
    cv = await (await client.post("/api/v1/cvs", json={"title": "Hedy", "resume": german},
                                  headers=_csrf(client))).json()
    await client.patch(f"/api/v1/cvs/{cv['id']}", json={"discoverable": True, "slug": "hedy"}, headers=_csrf(client))
    assert (await client.put(f"/api/v1/cvs/{cv['id']}/design", json={"options": {"page_size": "letter"}},
                             headers=_csrf(client))).status == 200
    share = await (await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"link": True},
                                     headers=_csrf(client))).json()
    token = share["url"].rsplit("/", 1)[-1]
    client.session.cookie_jar.clear()
    for path in ("/p/hedy", f"/s/{token}"):
        body = await (await client.get(path)).text()
        assert "Nov. 2021 – heute" in body and "März 2019 – Okt. 2021" in body, path
        assert "Present" not in body and 'class="dates" lang="de"' in body
    body = await (await client.get(f"/s/{token}")).text()
    pdf_href = f"/api/v1/shared/{token}/render?format=pdf"
    assert f'href="{pdf_href}"' in body
    pdf = await client.get(pdf_href)
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    import io

    import pypdfium2
    assert round(pypdfium2.PdfDocument(io.BytesIO(await pdf.read()))[0].get_width()) == 612  # the design's letter


def _metric(text: str, route: str, status: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if (line.startswith("htdy_http_requests_total{") and f'route="{route}"' in line
                and f'status="{status}"' in line):
            total += float(line.rsplit(" ", 1)[1])
    return total


async def test_no_js_logout_ends_the_session_without_the_csrf_cookie(client):
    """The form post is same-origin checked, so it does not depend on ``htdy_csrf``: a
    browser holding only the session cookie is logged out on the server, not just locally."""
    resp = await client.post("/signup", data={"name": "N", "email": "nojs@example.org", "password": "pw-12345678"},
                             allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/app"
    assert resp.headers["X-Request-ID"]  # returned, not raised: the middlewares saw a 303
    session = next(c.value for c in client.session.cookie_jar if c.key == "htdy_session")
    client.session.cookie_jar.clear()
    only_session = {"Cookie": f"htdy_session={session}"}
    assert (await client.get("/api/v1/me", headers=only_session)).status == 200

    resp = await client.post("/logout", headers=only_session, allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/"
    cleared = {c.key: c for c in resp.cookies.values()}
    assert set(cleared) == {"htdy_session", "htdy_csrf"}
    assert all(c["max-age"] == "0" for c in cleared.values())
    assert (await client.get("/api/v1/me", headers=only_session)).status == 401
    # logging out again (an already-ended session) still clears the cookies and redirects
    again = await client.post("/logout", headers=only_session, allow_redirects=False)
    assert again.status == 303 and {c.key for c in again.cookies.values()} == {"htdy_session", "htdy_csrf"}

    redirect = await client.get("/app", headers={"Cookie": "htdy_session=x"}, allow_redirects=False)
    assert redirect.status == 200  # a cookie is a hint; the page's script asks the API
    redirect = await client.get("/app", allow_redirects=False)
    assert redirect.status == 302 and redirect.headers["Location"] == "/login?next=/app"

    metrics = await (await client.get("/metrics")).text()
    for route, status in (("/signup", "303"), ("/logout", "303"), ("/app", "302")):
        assert _metric(metrics, route, status) >= 1, (route, status)
    for route in ("/signup", "/logout", "/app"):
        assert _metric(metrics, route, "500") == 0, route


@pytest.mark.parametrize("hostile", [
    "/\t/evil.example", "/%09/evil.example", "/\r\n/evil.example", "/%0d%0a/evil.example",
    "//evil.example", "/%2F/evil.example", "/\\evil.example", "/%5Cevil.example",
    "https://evil.example/", "/ /evil.example", "javascript:alert(1)",
])
async def test_login_form_never_redirects_off_site(client, hostile):
    """A post-login ``next`` that a browser would turn into another origin (it drops tabs and
    line breaks, reads ``\\`` as ``/``) lands on ``/app``; the login itself still works."""
    email = f"next{abs(hash(hostile))}@example.org"
    resp = await client.post("/signup", data={"name": "N", "email": email, "password": "pw-12345678"},
                             allow_redirects=False)
    assert resp.status == 303
    client.session.cookie_jar.clear()
    resp = await client.post("/login", data={"email": email, "password": "pw-12345678", "next": hostile},
                             allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/app"
    page = await (await client.get("/login", params={"next": hostile})).text()
    assert 'name="next" value="/app"' in page


async def test_login_form_keeps_a_same_site_next(client):
    await client.post("/signup", data={"name": "N", "email": "keep@example.org", "password": "pw-12345678"},
                      allow_redirects=False)
    client.session.cookie_jar.clear()
    resp = await client.post("/login", data={"email": "keep@example.org", "password": "pw-12345678",
                                             "next": "/app/cvs/7?tab=share"}, allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/app/cvs/7?tab=share"
