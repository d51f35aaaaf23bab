"""Profiles search engines understand (issue 10 §4) and fast public reads (§5), in the
real app: schema.org JSON-LD checked against a shipped excerpt of the vocabulary, og/twitter
tags, the generated card image, /sitemap.xml and /robots.txt; the finished page cached per
revision, with 304s and an unpublished profile gone at once."""
from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.testing import make_settings
from htdy.core.http import appkeys
from htdy.core.http.app import create_app

VOCAB = json.loads((Path(__file__).parent / "data" / "schemaorg-subset.json").read_text("utf-8"))
LITERALS = {"Text", "URL", "Date", "DateTime"}
RESUME = {"basics": {"name": "Ada Lovelace", "label": "Analyst", "summary": "First programmer </script><b>",
                     "location": {"city": "London", "countryCode": "GB"},
                     "profiles": [{"network": "GitHub", "url": "https://github.com/ada"}]},
          "work": [{"name": "Analytical Engines", "position": "Programmer", "startDate": "1842-01"},
                   {"name": "Old Co", "position": "Tutor", "startDate": "1835-01", "endDate": "1840-01"}],
          "education": [{"institution": "University of London", "area": "Mathematics"}],
          "skills": [{"name": "Mathematics", "keywords": ["Bernoulli numbers", "JS"]}],
          "languages": [{"language": "English"}, {"language": "Français"}]}


def is_a(t: str, ancestor: str) -> bool:
    while t is not None:
        if t == ancestor:
            return True
        t = VOCAB["types"][t]
    return False


def check_node(node: dict[str, Any], allowed: list[str] | None = None) -> None:
    """Every type and property exists; each property applies to the node's type; each value
    has a type the property allows."""
    t = node["@type"]
    assert t in VOCAB["types"], f"unknown type {t}"
    if allowed:
        assert any(is_a(t, r) for r in allowed), f"{t} is not one of {allowed}"
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        assert prop in VOCAB["properties"], f"unknown property {prop}"
        spec = VOCAB["properties"][prop]
        assert any(is_a(t, d) for d in spec["domain"]), f"{prop} does not apply to {t}"
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                check_node(v, spec["range"])
                continue
            assert isinstance(v, str) and set(spec["range"]) & LITERALS, f"{prop}: literal not allowed"
            if set(spec["range"]) & LITERALS == {"URL"}:
                assert re.match(r"^https?://", v), f"{prop}: {v!r} is not a URL"
            if set(spec["range"]) & LITERALS <= {"Date", "DateTime"}:
                datetime.fromisoformat(v)


def test_the_checker_can_fail() -> None:
    for bad in ({"@type": "Person", "skills": ["x"]}, {"@type": "Organization", "jobTitle": "x"},
                {"@type": "Person", "worksFor": {"@type": "PostalAddress"}}, {"@type": "Persona"},
                {"@type": "Person", "url": "not a url"}):
        with pytest.raises(AssertionError):
            check_node(bad)


@pytest.fixture
async def client(aiohttp_client, tmp_path):
    return await aiohttp_client(create_app(make_settings(tmp_path)))


async def publish(client: Any, resume: dict[str, Any] = RESUME) -> tuple[dict[str, str], str]:
    resp = await client.post("/api/v1/auth/signup", json={"email": "ada@example.org", "name": "Ada",
                                                          "password": "correct horse battery"})
    auth = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    client.session.cookie_jar.clear()
    resp = await client.post("/api/v1/cvs", json={"title": "Ada", "resume": resume, "discoverable": True}, headers=auth)
    cv = await resp.json()
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"slug": "ada"}, headers=auth)
    assert resp.status == 200
    return auth, cv["id"]


def jsonld(body: str) -> dict[str, Any]:
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return dict(json.loads(raw))


async def test_profile_json_ld_and_link_previews(client) -> None:
    await publish(client)
    resp = await client.get("/p/ada")
    body = await resp.text()
    data = jsonld(body)
    check_node(data)
    origin = str(client.make_url("")).rstrip("/")
    person = data["mainEntity"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "ProfilePage"
    assert person == {
        "@type": "Person", "name": "Ada Lovelace", "url": f"{origin}/p/ada", "jobTitle": "Programmer",
        "worksFor": {"@type": "Organization", "name": "Analytical Engines"},
        "alumniOf": [{"@type": "EducationalOrganization", "name": "University of London"}],
        "knowsAbout": ["Bernoulli numbers", "JavaScript"], "knowsLanguage": ["English", "Français"],
        "address": {"@type": "PostalAddress", "addressLocality": "London", "addressCountry": "GB"},
        "image": person["image"], "description": "First programmer </script><b>",
        "sameAs": ["https://github.com/ada"]}
    assert "</script><b>" not in body.split("application/ld+json")[1].split("</script>")[0]  # escaped
    assert f'<meta property="og:url" content="{origin}/p/ada">' in body
    image = re.search(r'<meta property="og:image" content="([^"]+)">', body)
    assert image and image.group(1) == person["image"] and image.group(1).startswith(f"{origin}/p/ada/card.png?v=")
    assert '<meta name="twitter:card" content="summary_large_image">' in body

    card = await client.get(image.group(1).removeprefix(origin))
    png = await card.read()
    assert card.status == 200 and card.content_type == "image/png" and png.startswith(b"\x89PNG")
    from PIL import Image

    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    again = await client.get("/p/ada/card.png", headers={"If-None-Match": card.headers["ETag"]})
    assert again.status == 304
    assert (await client.get("/p/nobody/card.png")).status == 404


async def test_sitemap_and_robots(client) -> None:
    auth, cv_id = await publish(client)
    origin = str(client.make_url("")).rstrip("/")
    robots = await (await client.get("/robots.txt")).text()
    assert f"Sitemap: {origin}/sitemap.xml" in robots and "Disallow: /app" in robots and "Allow: /p/" in robots
    resp = await client.get("/sitemap.xml")
    xml = await resp.text()
    assert resp.status == 200 and resp.content_type == "application/xml"
    locs = re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>", xml)
    assert [loc for loc, _ in locs] == [f"{origin}/p/ada"]
    datetime.fromisoformat(locs[0][1])
    assert (await client.get("/sitemap.xml", headers={"If-None-Match": resp.headers["ETag"]})).status == 304
    # unpublished: gone from the sitemap at once (and its page is a 404 at once)
    resp = await client.patch(f"/api/v1/cvs/{cv_id}", json={"discoverable": False}, headers=auth)
    assert resp.status == 200
    assert "<url>" not in await (await client.get("/sitemap.xml")).text()
    assert (await client.get("/p/ada")).status == 404


async def test_public_page_is_cached_per_revision(client) -> None:
    auth, cv_id = await publish(client)
    cache = client.app[appkeys.services].cache
    first = await client.get("/p/ada")
    loads = cache.stats["loads"]
    for _ in range(5):
        again = await client.get("/p/ada")
        assert again.status == 200 and await again.read() == await first.read()
    assert cache.stats["loads"] == loads, "repeats are served from the cache, not rebuilt"
    assert (await client.get("/p/ada", headers={"If-None-Match": first.headers["ETag"]})).status == 304
    api = await client.get("/api/v1/profiles/ada")
    assert (await client.get("/api/v1/profiles/ada", headers={"If-None-Match": api.headers["ETag"]})).status == 304

    # an edit: new ETag, new content, at once (page and JSON)
    edited = json.loads(json.dumps(RESUME))
    edited["basics"]["name"] = "Augusta Ada King"
    resp = await client.patch(f"/api/v1/cvs/{cv_id}", json={"resume": edited}, headers=auth)
    assert resp.status == 200
    page = await client.get("/p/ada", headers={"If-None-Match": first.headers["ETag"]})
    assert page.status == 200 and "Augusta Ada King" in await page.text()
    assert page.headers["ETag"] != first.headers["ETag"]
    assert (await (await client.get("/api/v1/profiles/ada")).json())["name"] == "Augusta Ada King"
    # unpublish: 404 at once, with the old bytes still in the cache
    await client.patch(f"/api/v1/cvs/{cv_id}", json={"discoverable": False}, headers=auth)
    assert (await client.get("/p/ada")).status == 404
    assert (await client.get("/p/ada", headers={"If-None-Match": page.headers["ETag"]})).status == 404
    assert (await client.get("/api/v1/profiles/ada")).status == 404
    # published again: back, with the CDN headers as documented
    await client.patch(f"/api/v1/cvs/{cv_id}", json={"discoverable": True}, headers=auth)
    back = await client.get("/p/ada")
    assert back.status == 200 and back.headers["Cache-Control"] == "public, max-age=300, s-maxage=900"


async def test_profile_list_api(client) -> None:
    await publish(client)
    resp = await client.get("/api/v1/profiles", params={"limit": "1"})
    body = await resp.json()
    assert resp.status == 200 and [i["slug"] for i in body["items"]] == ["ada"] and body["next"] is None
    assert (await client.get("/api/v1/profiles", params={"limit": "0"})).status == 422


async def test_analytics_dashboard(client) -> None:
    auth, cv_id = await publish(client)
    firefox = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
    for _ in range(3):
        await client.get("/p/ada", headers=firefox)
    await client.get("/p/ada?ref=search", headers={"User-Agent": "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0"})
    await client.get("/p/ada", headers={"User-Agent": "Googlebot/2.1"})
    await client.app[appkeys.services].events.flush()
    assert (await client.get(f"/app/cvs/{cv_id}/stats", allow_redirects=False)).status == 302  # not signed in
    other = await client.post("/api/v1/auth/signup", json={"email": "eve@example.org", "name": "Eve",
                                                           "password": "correct horse battery"})
    assert other.status == 201
    assert (await client.get(f"/app/cvs/{cv_id}/stats")).status == 404  # not theirs: as if it did not exist
    client.session.cookie_jar.clear()
    resp = await client.post("/api/v1/auth/login", json={"email": "ada@example.org",
                                                         "password": "correct horse battery"})
    assert resp.status == 200
    page = await client.get(f"/app/cvs/{cv_id}/stats")
    html = await page.text()
    assert page.status == 200 and '<svg class="chart"' in html
    tiles_by_label = {label: int(n) for n, label in
                      re.findall(r'<span class="tile-value">(\d+)</span><span class="tile-label">([^<]+)</span>', html)}
    assert tiles_by_label["Profile views"] == 4 and tiles_by_label["Unique visitors"] == 2
    assert tiles_by_label["Clicks from search"] == 1
    assert html.count('<rect class="bar-views"') == 30
    assert 'aria-current="page">30 days' in html
    ninety = await (await client.get(f"/app/cvs/{cv_id}/stats?days=90")).text()
    assert ninety.count('<rect class="bar-views"') == 90


def test_card_renders_any_script() -> None:
    from PIL import Image

    from htdy.plugins.web.card import render_card

    for name, title in (("山田 太郎", "ソフトウェアエンジニア"), ("Zoë Ångström-Łukasiewicz " * 4, "Ingénieure " * 20)):
        png = render_card(name, title, "Tokyo, JP", ["Python", "機械学習"] * 10, "example.org")
        img = Image.open(io.BytesIO(png))
        assert img.size == (1200, 630) and img.format == "PNG"
