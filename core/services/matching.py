"""Job-ad matching: read the ad (text, or a PDF/DOCX read by our parsers), pick a matcher
(``[matching] default`` or the one asked for, from the ``matchers`` registry), rank the
discoverable CVs, and answer only CVs that are still discoverable (like search)."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from htdy.core.host.errors import ServiceUnavailable, ValidationFailed
from htdy.core.host.interfaces import JobAd, Matcher, MatchHit
from htdy.core.models import CV
from htdy.core.services import Services, job_ads

log = logging.getLogger("htdy.matching")
MAX_LIMIT = 100
_LOCK = asyncio.Lock()  # one start per matcher


def default_name(svc: Services) -> str:
    name = svc.settings.matching.default or svc.registries.matchers.first()
    if not name:
        raise ServiceUnavailable("no matcher is installed", code="matching_unavailable")
    return name


async def matcher(svc: Services, name: str | None = None) -> Matcher:
    """The started matcher ``name`` (default: ``[matching] default``), created on first use."""
    from htdy.core.host.plugin_checks import instantiate

    name = name or default_name(svc)
    if name not in svc.registries.matchers:
        known = ", ".join(svc.registries.matchers.names()) or "none"
        raise ValidationFailed(f"unknown matcher {name!r}; known: {known}", code="unknown_matcher",
                               details={"known": svc.registries.matchers.names()})
    if name in svc.matchers:
        return svc.matchers[name]
    async with _LOCK:
        if name not in svc.matchers:
            m = instantiate(svc.settings, svc.registries.matchers, name)
            await m.start()
            svc.matchers[name] = m
    return svc.matchers[name]


async def close(svc: Services) -> None:
    for m in list(svc.matchers.values()):
        try:
            await m.close()
        except Exception:
            log.exception("closing matcher %s failed", m.name)
    svc.matchers.clear()


async def ad_from_file(svc: Services, data: bytes, filename: str | None, *, in_process: bool = False) -> JobAd:
    """A job ad uploaded as a document: its text read by the parser ``[parsing] parsers``
    picks — in the parser process pool (``Services.parsers``), or with ``in_process`` (a
    one-shot command) in a thread of this process."""
    from htdy.core.services.parsing.pipeline import document_text

    if not data:
        raise ValidationFailed("the uploaded job ad is empty", code="bad_job_ad")
    if in_process:
        text = await asyncio.to_thread(document_text, data, filename, svc.settings, svc.registries)
    else:
        text = await svc.parsers().text(data, filename)
    return job_ads.read(text)


def hit_json(h: MatchHit, slug: str | None) -> dict[str, Any]:
    d = h.document
    return {"cv_id": h.cv_id, "slug": slug, "name": d.get("name"), "label": d.get("label"),
            "title": d.get("title") or None, "location": d.get("location"), "skills": d.get("skills") or [],
            "years": d.get("years"), "open_to_work": bool(d.get("open_to_work")),
            "score": h.score, "fit": h.fit, "matched_skills": h.matched_skills, "missing_skills": h.missing_skills,
            "preferred_skills": h.preferred_skills, "title_similarity": h.title_similarity,
            "relevant_years": h.relevant_years, "reasons": h.reasons}


def ad_json(ad: JobAd) -> dict[str, Any]:
    return {"title": ad.title, "required": [t.name for t in ad.required],
            "preferred": [t.name for t in ad.preferred], "min_years": ad.min_years, "language": ad.language}


async def match(svc: Services, ad: JobAd, *, matcher_name: str | None = None, limit: int = 20,
                filters: dict[str, str] | None = None) -> dict[str, Any]:
    """The ad as read, the matcher used and the ranked candidates that are still discoverable."""
    if svc.search is None:
        raise ServiceUnavailable("search is not available on this node")
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(f"limit must be 1–{MAX_LIMIT}", code="bad_page")
    m = await matcher(svc, matcher_name)
    hits = await m.match(ad, svc.search, limit=limit, filters=filters or None)
    ids = [h.cv_id for h in hits]
    live = {str(r["id"]): r["slug"] for r in
            await CV.filter(id__in=ids, discoverable=True).values("id", "slug")} if ids else {}
    return {"matcher": m.name, "ad": ad_json(ad),
            "items": [hit_json(h, live[h.cv_id]) for h in hits if h.cv_id in live]}
