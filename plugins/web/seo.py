"""What search engines and link previews read: the profile's schema.org JSON-LD
(``ProfilePage`` → ``Person``), ``/sitemap.xml`` of discoverable profiles with their last
change, and ``/robots.txt``.

The sitemap is built from the public profile list (``GET /api/v1/profiles``) on every
request (no shared cache): a profile made private is gone from it at once. Past
``SITEMAP_MAX`` URLs (the protocol's limit per file) ``/sitemap.xml`` becomes a sitemap
index of ``/sitemap-{n}.xml`` files."""
from __future__ import annotations

import hashlib
import json
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

from . import data

SITEMAP_MAX = 50_000
PAGE = 5000  # profiles per API call


def _s(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _dicts(v: Any) -> list[dict[str, Any]]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def person(resume: dict[str, Any], *, url: str, image: str | None, skills: list[str]) -> dict[str, Any]:
    """The ``Person`` a profile is about: only what the page itself shows publicly."""
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    basics = basics or {}
    out: dict[str, Any] = {"@type": "Person", "name": _s(basics.get("name")) or "Anonymous", "url": url}
    jobs = [j for j in _dicts(resume.get("work")) if _s(j.get("position")) or _s(j.get("name"))]
    current = [j for j in jobs if not _s(j.get("endDate"))] or jobs[:1]
    title = _s(current[0].get("position")) if current else ""
    if title or _s(basics.get("label")):
        out["jobTitle"] = title or _s(basics.get("label"))
    if current and _s(current[0].get("name")):
        out["worksFor"] = {"@type": "Organization", "name": _s(current[0].get("name"))}
    schools = list(dict.fromkeys(_s(e.get("institution")) for e in _dicts(resume.get("education"))
                                 if _s(e.get("institution"))))
    if schools:
        out["alumniOf"] = [{"@type": "EducationalOrganization", "name": s} for s in schools]
    if skills:
        out["knowsAbout"] = skills
    languages = [_s(x.get("language")) for x in _dicts(resume.get("languages")) if _s(x.get("language"))]
    if languages:
        out["knowsLanguage"] = languages
    loc = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    address = {k: v for k, v in (("addressLocality", _s((loc or {}).get("city"))),
                                 ("addressRegion", _s((loc or {}).get("region"))),
                                 ("addressCountry", _s((loc or {}).get("countryCode")))) if v}
    if address:
        out["address"] = {"@type": "PostalAddress", **address}
    if image:
        out["image"] = image
    if summary := _s(basics.get("summary")):
        out["description"] = summary[:500]
    same = [_s(p.get("url")) for p in _dicts(basics.get("profiles")) if _s(p.get("url")).startswith("https://")]
    if same:
        out["sameAs"] = same
    return out


def profile_page(resume: dict[str, Any], *, url: str, image: str | None, skills: list[str],
                 updated_at: str | None) -> dict[str, Any]:
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "ProfilePage", "url": url,
                            "mainEntity": person(resume, url=url, image=image, skills=skills)}
    if updated_at:
        page["dateModified"] = updated_at
    return page


def script_json(value: Any) -> str:
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>``, no ``<!--``)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# ------------------------------------------------------------------ robots.txt, sitemap.xml
async def robots(request: web.Request) -> web.StreamResponse:
    origin = data.public_origin(request)
    body = "\n".join([
        "User-agent: *",
        "Allow: /p/",
        "Disallow: /app", "Disallow: /api/", "Disallow: /s/", "Disallow: /login", "Disallow: /signup",
        "Disallow: /logout", "Disallow: /search",
        f"Sitemap: {origin}/sitemap.xml", ""])
    return web.Response(text=body, content_type="text/plain", charset="utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})


async def _profiles(request: web.Request, limit: int) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    after: str | None = None
    while len(out) < limit:
        items, after = await data.profile_list(request, after, min(PAGE, limit - len(out)))
        out += items
        if after is None:
            break
    return out


def _xml_response(request: web.Request, body: str) -> web.Response:
    raw = body.encode("utf-8")
    etag = 'W/"' + hashlib.sha256(raw).hexdigest()[:20] + '"'
    headers = {"Cache-Control": "public, no-cache", "ETag": etag}
    if etag in {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}:
        return web.Response(status=304, headers=headers)
    return web.Response(body=raw, content_type="application/xml", charset="utf-8", headers=headers)


def _urlset(origin: str, items: list[dict[str, str]]) -> str:
    rows = [f"<url><loc>{escape(origin)}/p/{escape(i['slug'])}</loc><lastmod>{escape(i['updated_at'])}</lastmod></url>"
            for i in items]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(rows) + "\n</urlset>\n")


async def sitemap(request: web.Request) -> web.StreamResponse:
    origin = data.public_origin(request)
    items = await _profiles(request, SITEMAP_MAX + 1)
    if len(items) <= SITEMAP_MAX:
        return _xml_response(request, _urlset(origin, items))
    # an index: part n holds the profiles after the last slug of part n-1
    parts = [f"<sitemap><loc>{escape(origin)}/sitemap-{n}.xml</loc></sitemap>"
             for n in range(1, (await _count(request)) // SITEMAP_MAX + 2)]
    return _xml_response(request, '<?xml version="1.0" encoding="UTF-8"?>\n'
                         '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                         + "\n".join(parts) + "\n</sitemapindex>\n")


async def _count(request: web.Request) -> int:
    total, after = 0, None
    while True:
        items, after = await data.profile_list(request, after, PAGE)
        total += len(items)
        if after is None:
            return total


async def sitemap_part(request: web.Request) -> web.StreamResponse:
    try:
        n = int(request.match_info["n"])
    except ValueError:
        raise web.HTTPNotFound() from None
    items = await _profiles(request, n * SITEMAP_MAX)
    part = items[(n - 1) * SITEMAP_MAX:]
    if n < 1 or not part:
        raise web.HTTPNotFound()
    return _xml_response(request, _urlset(data.public_origin(request), part))
