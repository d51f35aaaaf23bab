"""The public profile page ``/p/{slug}``: server-rendered, no JavaScript needed, cacheable
by browsers and CDNs (``public, max-age=300, s-maxage=900`` + ETag → 304).

The data comes from the public profile API (``GET /api/v1/profiles/{slug}``) through
:mod:`htdy.plugins.web.data`; this module turns JSON Resume data into the page context.
"""
from __future__ import annotations

import asyncio
import hashlib
import re
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from htdy import __version__
from htdy.core.services.search_document import skills_and_groups
from htdy.core.skills import vocabulary
from htdy.renderers import i18n  # the templates' dates and "present" (CLDR + labels.json), not a renderer

from . import data, seo
from .assets import load_assets
from .card import render_card
from .html import (
    PUBLIC_CACHE,
    SECURITY_HEADERS,
    not_modified,
    page_context,
    render_page,
    render_template,
    template_source,
)

# the page's design and language (one each today; both are part of the cache key)
DESIGN, LANGUAGE = "default", "en"

SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{8,128}$")


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def fmt_date(value: Any, lang: str = "en") -> str:
    """``2021-11`` → ``Nov 2021`` in the CV's language (``Nov. 2021``, ``2021年11月``): the
    month names of the templates (CLDR through Babel)."""
    text = _s(value)
    if not re.match(r"^\d{4}", text):
        return text
    return i18n.format_date(text, lang) or text


def date_range(item: dict[str, Any], lang: str = "en") -> str:
    """``Nov 2021 – present`` with the templates' word for "present" in the CV's language."""
    return i18n.date_range(_s(item.get("startDate")), _s(item.get("endDate")), lang, "month_year")


def _strings(values: Any) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def _dicts(values: Any) -> list[dict[str, Any]]:
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def _safe_url(url: str) -> str:
    return url if re.match(r"^https?://", url, re.I) else ""


def _contacts(basics: dict[str, Any]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    if email := _s(basics.get("email")):
        out.append({"href": f"mailto:{email}", "text": email})
    if phone := _s(basics.get("phone")):
        out.append({"href": "tel:" + re.sub(r"[^\d+]", "", phone), "text": phone})
    if url := _safe_url(_s(basics.get("url"))):
        out.append({"href": url, "text": re.sub(r"^https?://(www\.)?", "", url).rstrip("/")})
    for prof in _dicts(basics.get("profiles")):
        url = _safe_url(_s(prof.get("url")))
        label = _s(prof.get("network")) or _s(prof.get("username"))
        if url:
            out.append({"href": url, "text": label or url})
    return out


def _location(loc: Any) -> str:
    if not isinstance(loc, dict):
        return ""
    parts = [_s(loc.get(k)) for k in ("city", "region", "countryCode")]
    return ", ".join(p for p in parts if p)


def _entries(items: Any, title_keys: tuple[str, ...], org_keys: tuple[str, ...],
             summary_keys: tuple[str, ...] = ("summary", "description"), lang: str = "en") -> list[dict[str, Any]]:
    out = []
    for item in _dicts(items):
        title = next((_s(item.get(k)) for k in title_keys if _s(item.get(k))), "")
        org = next((_s(item.get(k)) for k in org_keys if _s(item.get(k))), "")
        if not title:
            title, org = org, ""
        summary = next((_s(item.get(k)) for k in summary_keys if _s(item.get(k))), "")
        highlights = _strings(item.get("highlights"))
        out.append({"title": title or "—", "org": org, "dates": date_range(item, lang),
                    "where": _s(item.get("location")), "summary": summary,
                    "highlights": highlights, "has_highlights": bool(highlights)})
    return out


def page_language(resume: dict[str, Any], detected: Any = None) -> str:
    """The language the page's dates follow: ``meta.language``, else the detected one, else en."""
    meta = resume.get("meta") if isinstance(resume.get("meta"), dict) else {}
    lang = _s(meta.get("language")) if isinstance(meta, dict) else ""
    return i18n.base_lang(lang or (detected if isinstance(detected, str) else "") or "en")


def profile_context(resume: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    assert isinstance(basics, dict)
    name = _s(basics.get("name")) or "Anonymous"
    initials = "".join(p[0] for p in name.split()[:2]).upper()
    summary = _s(basics.get("summary"))
    work = _entries(resume.get("work"), ("position",), ("name", "company"), lang=lang)
    work += _entries(resume.get("volunteer"), ("position",), ("organization",), lang=lang)
    education = []
    for e in _dicts(resume.get("education")):
        title = " in ".join(p for p in (_s(e.get("studyType")), _s(e.get("area"))) if p)
        extra = _s(e.get("score"))
        education.append({"title": title or _s(e.get("institution")) or "—",
                          "org": _s(e.get("institution")) if title else "",
                          "dates": date_range(e, lang), "summary": f"Score: {extra}" if extra else ""})
    skills = []
    for s in _dicts(resume.get("skills")):
        keywords = _strings(s.get("keywords"))
        if _s(s.get("name")) or keywords:
            skills.append({"name": _s(s.get("name")) or "Skills", "level": _s(s.get("level")),
                           "keywords": keywords, "has_keywords": bool(keywords)})
    languages = [{"language": _s(lang.get("language")), "fluency": _s(lang.get("fluency"))}
                 for lang in _dicts(resume.get("languages")) if _s(lang.get("language"))]
    extras = [f"{_s(a.get('title'))}{' — ' + _s(a.get('awarder')) if _s(a.get('awarder')) else ''}"
              for a in _dicts(resume.get("awards")) if _s(a.get("title"))]
    extras += [f"{_s(c.get('name'))}{' — ' + _s(c.get('issuer')) if _s(c.get('issuer')) else ''}"
               for c in _dicts(resume.get("certificates")) if _s(c.get("name"))]
    extras += [_s(i.get("name")) for i in _dicts(resume.get("interests")) if _s(i.get("name"))]
    projects = _entries(resume.get("projects"), ("name",), ("entity",), lang=lang)
    contacts = _contacts(basics)
    return {
        "name": name, "initials": initials or "?", "label": _s(basics.get("label")),
        "location": _location(basics.get("location")),
        "contacts": contacts, "has_contacts": bool(contacts),
        "summary": bool(summary), "paragraphs": [p for p in summary.split("\n") if p.strip()],
        "work": work, "has_work": bool(work),
        "education": education, "has_education": bool(education),
        "projects": projects, "has_projects": bool(projects),
        "skills": skills, "has_skills": bool(skills),
        "languages": languages, "has_languages": bool(languages),
        "extras": extras, "has_extras": bool(extras), "cv_lang": lang,
    }


def _not_found(request: web.Request) -> web.Response:
    return render_page(request, "notfound", page="notfound", title="Profile not found", status=404,
                       heading="Profile not found", noindex=True,
                       message="This profile does not exist or is no longer public.")


@cache
def _build_id() -> str:
    """Changes when anything the page is made of changes (code version, templates, assets)."""
    parts = [__version__, template_source("layout"), template_source("profile"), str(load_assets().urls())]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _etag(profile: data.Profile, variant: str) -> str:
    return _weak_etag(profile.slug, profile.version, variant)


@lru_cache(maxsize=4096)
def _weak_etag(slug: str, version: str, variant: str) -> str:  # (asked on every page view: remembered)
    return 'W/"' + hashlib.sha1(f"{slug}|{version}|{variant}".encode()).hexdigest()[:24] + '"'


def _skills(resume: dict[str, Any]) -> list[str]:
    return [t.name for t in vocabulary().skills_in(skills_and_groups(resume)[0])]


def _page_headers(etag: str) -> dict[str, str]:
    return {**SECURITY_HEADERS, "Cache-Control": PUBLIC_CACHE, "ETag": etag}


async def public_profile(request: web.Request) -> web.StreamResponse:
    """``/p/{slug}``: the finished page is cached per (slug, revision, design, language,
    origin, build) — a repeat costs two in-process cache reads; ``If-None-Match`` gets a
    304 without touching the page at all."""
    slug = request.match_info["slug"]
    profile = await data.public_profile(request, slug) if SLUG_RE.match(slug) else None
    if profile is None:
        return _not_found(request)
    origin = data.public_origin(request)
    variant = f"{DESIGN}:{LANGUAGE}:{origin}:{_build_id()}"
    etag = _etag(profile, variant)
    if not_modified(request, etag):
        return web.Response(status=304, headers=_page_headers(etag))

    async def build() -> bytes:
        return _render_profile(request, await data.complete(request, profile), origin)

    body = await data.cached(request, profile, "page", variant, build)
    return web.Response(body=body, headers=_page_headers(etag), content_type="text/html", charset="utf-8")


def _render_profile(request: web.Request, profile: data.Profile, origin: str) -> bytes:
    ctx = profile_context(profile.resume, page_language(profile.resume, profile.language))
    ctx["pdf_url"] = profile.pdf_url
    ctx["updated"] = fmt_date(profile.updated_at) if profile.updated_at else ""
    ctx["open_to_work"] = profile.open_to_work
    description = " · ".join(p for p in (ctx["label"], ctx["location"]) if p) or "Public CV on htdy"
    url = f"{origin}/p/{profile.slug}"
    image = f"{url}/card.png?v={hashlib.sha1(profile.version.encode()).hexdigest()[:10]}"
    skills = _skills(profile.resume)
    jsonld = seo.profile_page(profile.resume, url=url, image=image, skills=skills, updated_at=profile.updated_at)
    # The public page is the same for everybody: no Vary: Cookie, cacheable by a CDN.
    ctx.update(title=ctx["name"], js=False, og=True, description=description, canonical=url, logged_in=False,
               og_url=url, og_image=image, og_image_alt=f"{ctx['name']} — {description}",
               jsonld=seo.script_json(jsonld))
    context = page_context(request, page="profile", **ctx)
    context["body"] = render_template("profile", context)
    return render_template("layout", context).encode("utf-8")


async def profile_card(request: web.Request) -> web.StreamResponse:
    """``/p/{slug}/card.png``: the profile's link-preview image (``og:image``)."""
    slug = request.match_info["slug"]
    profile = await data.public_profile(request, slug, view=False) if SLUG_RE.match(slug) else None
    if profile is None:
        return _not_found(request)
    origin = data.public_origin(request)
    variant = f"{DESIGN}:{_build_id()}:{urlsplit(origin).netloc}"
    etag = _etag(profile, "card:" + variant)
    headers = {"Cache-Control": PUBLIC_CACHE, "ETag": etag, "X-Content-Type-Options": "nosniff"}
    if not_modified(request, etag):
        return web.Response(status=304, headers=headers)

    async def build() -> bytes:
        full = await data.complete(request, profile)
        ctx = profile_context(full.resume)
        return await asyncio.to_thread(render_card, ctx["name"], ctx["label"], ctx["location"],
                                       _skills(full.resume), urlsplit(origin).netloc)

    body = await data.cached(request, profile, "card", variant, build)
    return web.Response(body=body, headers=headers, content_type="image/png")


async def shared_link(request: web.Request) -> web.StreamResponse:
    """``/s/{token}``: a CV shared by link — the same page as a profile, but private
    (never cached by shared caches, not indexed, no referrer leaks the token)."""
    token = request.match_info["token"]
    cv = await data.shared_cv(request, token) if TOKEN_RE.match(token) else None
    resume = cv.get("resume") if cv else None
    if cv is None or not isinstance(resume, dict):
        return render_page(request, "notfound", page="notfound", title="Link not found", status=404,
                           heading="Link not found", noindex=True,
                           message="This link does not exist, has expired or was revoked.")
    extras = cv.get("extras")
    ctx = profile_context(resume, page_language(resume, extras.get("language") if isinstance(extras, dict) else None))
    # the PDF with the owner's saved design (the API renders it for the link's token)
    ctx.update(pdf_url=f"/api/v1/shared/{token}/render?format=pdf", shared=True, updated=fmt_date(cv.get("updated_at")))
    return render_page(request, "profile", page="shared", title=ctx["name"], js=False, noindex=True,
                       logged_in=False, cache_control="private, no-cache", vary_cookie=False,
                       headers={"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}, **ctx)
