"""Keeps the search backend in step with discoverable CVs, and queries it."""
from __future__ import annotations

import logging
from typing import Any

from htdy.core.models import CV, CVVersion
from htdy.core.services import Services

log = logging.getLogger("htdy.search")


def _strings(items: Any, *keys: str) -> list[str]:
    out: list[str] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        for k in keys:
            v = item.get(k)
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
            elif isinstance(v, list):
                out.extend(x.strip() for x in v if isinstance(x, str) and x.strip())
    return out


def document_for(cv_id: str, slug: str | None, resume: dict[str, Any]) -> dict[str, Any]:
    """The flat document the ``SearchBackend`` indexes."""
    basics = resume.get("basics") or {}
    loc = basics.get("location") or {}
    location = ", ".join(str(loc[k]) for k in ("city", "region", "countryCode") if loc.get(k))
    skills = _strings(resume.get("skills"), "name")
    keywords = _strings(resume.get("skills"), "keywords") + _strings(resume.get("work"), "name", "position") \
        + _strings(resume.get("education"), "institution", "area") + _strings(resume.get("languages"), "language")
    return {"cv_id": cv_id, "slug": slug, "name": basics.get("name") or "", "label": basics.get("label") or "",
            "summary": basics.get("summary") or "", "skills": skills, "location": location,
            "keywords": keywords}


async def sync(svc: Services, cv_id: str) -> None:
    """Index the CV's current version if discoverable, else make sure it is not indexed.
    A search outage never fails the write that triggered it (logged; ``htdy`` re-syncs
    on the next change)."""
    if svc.search is None:
        return
    cv = await CV.get_or_none(id=cv_id)
    try:
        if cv is None or not cv.discoverable:
            await svc.search.remove(cv_id)
            return
        version = await CVVersion.get(cv_id=cv_id, number=cv.current_version)
        await svc.search.index(cv_id, document_for(cv_id, cv.slug, version.resume))
    except Exception:
        log.exception("search index update failed for %s", cv_id)


async def remove(svc: Services, cv_id: str) -> None:
    if svc.search is None:
        return
    try:
        await svc.search.remove(cv_id)
    except Exception:
        log.exception("search index removal failed for %s", cv_id)


async def search(svc: Services, q: str, filters: dict[str, str], limit: int, offset: int) -> dict[str, Any]:
    assert svc.search is not None
    page = await svc.search.search(q, filters=filters or None, limit=limit, offset=offset)
    ids = [h.cv_id for h in page.hits]
    live = {str(r["id"]): r["slug"] for r in
            await CV.filter(id__in=ids, discoverable=True).values("id", "slug")} if ids else {}
    items = []
    for h in page.hits:
        if h.cv_id not in live:  # stale index entry: never leak a CV that is no longer public
            continue
        d = h.document
        items.append({"cv_id": h.cv_id, "slug": live[h.cv_id], "name": d.get("name"), "label": d.get("label"),
                      "location": d.get("location"), "skills": d.get("skills") or [],
                      "score": h.score, "highlights": h.highlights})
    if svc.events is not None:
        for it in items:
            svc.events.record(it["cv_id"], "search_appearance")
    return {"total": page.total, "items": items}
