"""Saved job-ad searches and their alerts.

A recruiter saves a job ad (with optional filters, a matcher and how to be told: ``email``
through the configured mailer, or ``in_app`` only). The profiles that already fit when it is
saved are recorded as its *baseline* and never alert. Afterwards, each time a discoverable
CV is indexed (published, or a new version of a public one), :func:`on_indexed` asks each
saved search's matcher about that one CV (``only=[cv_id]``); a fit of at least
``[matching] alert_min_fit`` records an alert — once per saved search and CV — and mails it
when asked. It runs in the background after the write committed: a slow matcher or a mail
relay never slows publishing, and a failure is logged, never raised."""
from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from htdy.core.host.errors import NotFound, ValidationFailed
from htdy.core.models import CV, SavedSearch, SearchAlert, User
from htdy.core.services import Services, job_ads, mail, matching
from htdy.core.services.validation import pydantic_details

log = logging.getLogger("htdy.saved_searches")
BASELINE_LIMIT = 100
PAGE = 200


class SavedSearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: StrictStr = Field(min_length=1, max_length=200)
    text: StrictStr = Field(min_length=job_ads.MIN_CHARS, max_length=job_ads.MAX_CHARS)
    matcher: StrictStr = Field("", max_length=64)
    filters: dict[str, StrictStr] = Field(default_factory=dict)
    notify: str = Field("email", pattern="^(email|in_app)$")


def _json(s: SavedSearch, new_alerts: int = 0) -> dict[str, Any]:
    return {"id": str(s.id), "name": s.name, "text": s.ad_text, "matcher": s.matcher or None,
            "filters": s.filters or {}, "notify": s.notify, "created_at": s.created_at.isoformat(),
            "new_alerts": new_alerts}


def _checked(raw: Any) -> SavedSearchIn:
    try:
        return SavedSearchIn.model_validate(raw)
    except ValidationError as exc:
        raise ValidationFailed("invalid saved search", details=pydantic_details(exc)) from None


async def create(svc: Services, user_id: str, raw: Any) -> dict[str, Any]:
    """Save a search. The ad, the matcher and the filters are checked by running it once (a bad
    one is a 422 and nothing is written); the profiles that fit now become its baseline."""
    data = _checked(raw)
    ad = job_ads.read(data.text)
    if await SavedSearch.filter(owner_id=user_id).count() >= svc.settings.matching.max_saved_searches:
        raise ValidationFailed(f"at most {svc.settings.matching.max_saved_searches} saved searches per account; "
                               "delete one first", code="too_many_saved_searches")
    if svc.search is None:
        from htdy.core.host.errors import ServiceUnavailable
        raise ServiceUnavailable("search is not available on this node")
    m = await matching.matcher(svc, data.matcher or None)
    hits = await m.match(ad, svc.search, limit=BASELINE_LIMIT, filters=data.filters or None)
    fitting = [h for h in hits if h.fit >= svc.settings.matching.alert_min_fit]
    async with in_transaction(svc.conn_name):
        s = await SavedSearch.create(owner_id=user_id, name=data.name.strip(), ad_text=data.text,
                                     matcher=data.matcher, filters=data.filters, notify=data.notify)
        live = {str(r) for r in await CV.filter(id__in=[h.cv_id for h in fitting]).values_list("id", flat=True)} \
            if fitting else set()
        await SearchAlert.bulk_create([SearchAlert(saved_search_id=s.id, cv_id=h.cv_id, fit=h.fit, baseline=True)
                                       for h in fitting if h.cv_id in live])
    return _json(s)


async def listing(user_id: str) -> list[dict[str, Any]]:
    rows = await SavedSearch.filter(owner_id=user_id).order_by("-created_at")
    counts: dict[str, int] = {}
    for r in await SearchAlert.filter(saved_search__owner_id=user_id, baseline=False, seen=False) \
            .values("saved_search_id"):
        key = str(r["saved_search_id"])
        counts[key] = counts.get(key, 0) + 1
    return [_json(s, counts.get(str(s.id), 0)) for s in rows]


async def _own(user_id: str, search_id: str) -> SavedSearch:
    from htdy.core.services.cvs import parse_uuid

    try:
        sid = parse_uuid(search_id)
    except Exception:
        raise NotFound("no such saved search") from None
    s = await SavedSearch.get_or_none(id=sid, owner_id=user_id)
    if s is None:
        raise NotFound("no such saved search")
    return s


async def delete(user_id: str, search_id: str) -> None:
    s = await _own(user_id, search_id)
    await s.delete()


async def alerts(user_id: str, search_id: str, *, mark_seen: bool = True) -> list[dict[str, Any]]:
    """The alerts of one saved search, newest first (baseline rows are not alerts)."""
    s = await _own(user_id, search_id)
    rows = await SearchAlert.filter(saved_search_id=s.id, baseline=False).order_by("-created_at") \
        .limit(PAGE).values("id", "cv_id", "fit", "seen", "created_at", "cv__slug", "cv__discoverable",
                            "cv__title")
    out = [{"cv_id": str(r["cv_id"]), "slug": r["cv__slug"] if r["cv__discoverable"] else None,
            "title": r["cv__title"], "fit": r["fit"], "seen": bool(r["seen"]),
            "created_at": r["created_at"].isoformat()} for r in rows]
    if mark_seen:
        await SearchAlert.filter(saved_search_id=s.id, seen=False).update(seen=True)
    return out


async def on_indexed(svc: Services, cv_id: str) -> int:
    """Test every saved search against the CV just indexed; returns the alerts recorded."""
    if svc.search is None or not await SavedSearch.exists():
        return 0
    cv = await CV.get_or_none(id=cv_id)
    if cv is None or not cv.discoverable:
        return 0
    recorded, last = 0, None
    while True:
        q = SavedSearch.all().order_by("id")
        if last is not None:
            q = q.filter(id__gt=last)
        batch = await q.limit(PAGE)
        if not batch:
            return recorded
        for s in batch:
            last = s.id
            if s.owner_id == cv.owner_id:
                continue
            try:
                recorded += await _test_one(svc, s, cv)
            except Exception:  # one broken saved search (a matcher uninstalled) must not stop the others
                log.exception("saved search %s could not be tested against %s", s.id, cv_id)


async def _test_one(svc: Services, s: SavedSearch, cv: CV) -> int:
    m = await matching.matcher(svc, s.matcher or None)
    hits = await m.match(job_ads.read(s.ad_text), svc.search,  # type: ignore[arg-type]
                         limit=1, filters=s.filters or None, only=[str(cv.id)])
    if not hits or hits[0].fit < svc.settings.matching.alert_min_fit:
        return 0
    try:
        alert = await SearchAlert.create(saved_search_id=s.id, cv_id=cv.id, fit=hits[0].fit)
    except IntegrityError:
        return 0  # alerted (or in the baseline) before
    if s.notify == "email":
        owner = await User.get(id=s.owner_id)
        base = svc.settings.server.public_url.rstrip("/")
        link = f"{base}/p/{cv.slug}" if cv.slug else "(no public address)"
        h = hits[0]
        text = (f"A newly published profile fits your saved search “{s.name}” ({round(h.fit * 100)} %).\n\n"
                f"{h.document.get('name') or cv.title} — {h.document.get('title') or h.document.get('label') or ''}\n"
                + "".join(f"- {r}\n" for r in h.reasons) + f"\n{link}\n")
        if await mail.send(svc, owner.email, f"New match for “{s.name}”", text, kind="saved_search_alert"):
            alert.mailed = True
            await alert.save(update_fields=["mailed"])
    return 1
