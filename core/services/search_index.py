"""Keeps the search backend in step with discoverable CVs, and queries it.

Every write to the index goes through :func:`_put` (one document, built by
:func:`document_for`) or the backend's ``remove``: the live path (:func:`sync`, after
each CV change) and the rebuild (:func:`reindex`, ``htdy search reindex``) index a CV
identically."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from htdy.core.host.interfaces import SearchBackend
from htdy.core.models import CV, CVVersion
from htdy.core.services import Services
from htdy.core.services.search_document import document_for

__all__ = ["document_for", "reindex", "remove", "search", "sync"]

log = logging.getLogger("htdy.search")
# what SearchBackend.search can page through (limit 1–100, offset ≤ 10 000; docs/backends.md)
SCAN_PAGE, SCAN_MAX_OFFSET = 100, 10_000


async def _put(search: SearchBackend, cv_id: str, slug: str | None, resume: dict[str, Any],
               open_to_work: bool) -> None:
    """Index one discoverable CV's current version (the one place documents are written)."""
    await search.index(cv_id, document_for(cv_id, slug, resume, open_to_work=open_to_work))


async def sync(svc: Services, cv_id: str) -> bool:
    """Index the CV's current version if discoverable, else make sure it is not indexed.
    A search outage never fails the write that triggered it: the CV waits in
    ``svc.search_pending`` and :func:`catch_up` indexes it once the search service answers
    again. Returns whether the index is up to date for this CV."""
    if svc.search is None:
        return True
    cv = await CV.get_or_none(id=cv_id)
    try:
        if cv is None or not cv.discoverable:
            await svc.search.remove(cv_id)
        else:
            version = await CVVersion.get(cv_id=cv_id, number=cv.current_version)
            await _put(svc.search, cv_id, cv.slug, version.resume, cv.open_to_work)
            from htdy.core.services import saved_searches

            svc.spawn(saved_searches.on_indexed(svc, cv_id))  # alerts, after this write, off its path
    except Exception as exc:  # noqa: BLE001 - any backend's outage
        log.warning("search index update failed for %s (%s: %s); it is indexed once search answers again",
                    cv_id, type(exc).__name__, exc)
        _defer(svc, cv_id)
        return False
    svc.search_pending.discard(cv_id)
    return True


async def remove(svc: Services, cv_id: str) -> None:
    if svc.search is None:
        return
    try:
        await svc.search.remove(cv_id)
    except Exception as exc:  # noqa: BLE001 - any backend's outage
        log.warning("search index removal failed for %s (%s); retried once search answers again",
                    cv_id, type(exc).__name__)
        _defer(svc, cv_id)


CATCH_UP_INTERVAL_S = 2.0


def _defer(svc: Services, cv_id: str) -> None:
    svc.search_pending.add(cv_id)
    task = svc.search_catch_up
    if task is None or task.done():
        svc.search_catch_up = asyncio.ensure_future(catch_up(svc))


async def catch_up(svc: Services, interval: float | None = None) -> None:
    """Until every CV whose index update failed is indexed: wait, probe the search service,
    re-sync the waiting CVs (their state *now*: the latest version, or removal). Cancelled
    at shutdown; ``htdy search reindex`` repairs whatever a restart dropped."""
    assert svc.search is not None
    while svc.search_pending:
        await asyncio.sleep(CATCH_UP_INTERVAL_S if interval is None else interval)
        try:
            await svc.search.search("", limit=1)
        except Exception:  # noqa: BLE001 - still down
            continue
        waiting = sorted(svc.search_pending)
        done = [cv_id for cv_id in waiting if await sync(svc, cv_id)]
        log.warning("search is back: re-indexed %d of %d CV(s) changed during the outage", len(done), len(waiting))


Progress = Callable[[str, int, int | None], None]


@dataclass
class ReindexResult:
    indexed: int = 0     # discoverable CVs (re)indexed
    removed: int = 0     # index entries dropped: CV deleted or no longer discoverable
    unchecked: int = 0   # entries left that the backend's search interface could not list

    def summary(self) -> str:
        return f"indexed={self.indexed} removed={self.removed}" + (
            f" unchecked={self.unchecked}" if self.unchecked else "")


async def _discoverable(ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are discoverable CVs now (ids that are not UUIDs are not)."""
    valid = []
    for i in ids:
        try:
            valid.append(str(uuid.UUID(i)))
        except (ValueError, TypeError, AttributeError):
            continue
    if not valid:
        return set()
    return {str(r["id"]) for r in await CV.filter(id__in=valid, discoverable=True).values("id")}


async def _current_resumes(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``{cv_id: resume}`` of each row's current version, in one query."""
    wanted = {(str(r["id"]), r["current_version"]) for r in rows}
    found = await CVVersion.filter(cv_id__in=[r["id"] for r in rows],
                                   number__in=sorted({n for _, n in wanted})).values("cv_id", "number", "resume")
    return {str(v["cv_id"]): v["resume"] for v in found if (str(v["cv_id"]), v["number"]) in wanted}


async def _total(search: SearchBackend) -> int:
    return (await search.search("", limit=1)).total


async def reindex(svc: Services, *, batch: int = 200, progress: Progress | None = None) -> ReindexResult:
    """Rebuild the index from the database: index every discoverable CV's current version
    (as :func:`sync` does), then drop entries whose CV is gone or no longer discoverable.
    Idempotent; safe while the server runs (a CV changed meanwhile is re-synced by its
    next change). ``progress(phase, done, total)`` is called after each batch; phases are
    ``"index"`` (total known) and ``"check"`` (total = entries in the index)."""
    assert svc.search is not None
    search, out = svc.search, ReindexResult()
    report: Progress = progress or (lambda phase, done, total: None)

    # 1. every discoverable CV, in id order, a batch at a time (keyset, not OFFSET)
    total = await CV.filter(discoverable=True).count()
    report("index", 0, total)
    last: Any = None
    while True:
        query = CV.filter(discoverable=True)
        if last is not None:
            query = query.filter(id__gt=last)
        rows = await query.order_by("id").limit(batch).values("id", "slug", "current_version", "open_to_work")
        if not rows:
            break
        resumes = await _current_resumes(rows)
        async with asyncio.TaskGroup() as tg:  # one batch in flight: OpenSearch's refresh waits overlap
            for r in rows:
                cv_id = str(r["id"])
                if cv_id in resumes:
                    tg.create_task(_put(search, cv_id, r["slug"], resumes[cv_id], r["open_to_work"]))
                else:  # no current version (cannot happen through the API): nothing to index
                    tg.create_task(search.remove(cv_id))
        out.indexed += sum(1 for r in rows if str(r["id"]) in resumes)
        last = rows[-1]["id"]
        report("index", min(out.indexed, total), total)

    # 2. entries whose CV is gone or private: list the index (empty query, cv_id order)
    entries = await _total(search)
    report("check", 0, entries)
    stale: list[str] = []
    offset = seen = 0
    while offset <= SCAN_MAX_OFFSET:
        page = await search.search("", limit=SCAN_PAGE, offset=offset)
        if not page.hits:
            break
        ids = [h.cv_id for h in page.hits]
        live = await _discoverable(ids)
        stale += [i for i in ids if i not in live]
        seen += len(ids)
        offset += len(ids)
        report("check", seen, entries)
    await _remove_all(search, stale, batch)
    out.removed = len(stale)

    # 3. an index larger than search can page through (SearchBackend has no way to list
    #    its ids): drop every non-discoverable CV the database knows; entries of deleted
    #    CVs past that window stay, counted as ``unchecked``
    if seen < entries:
        before = await _total(search)
        last = None
        while True:
            query = CV.filter(discoverable=False)
            if last is not None:
                query = query.filter(id__gt=last)
            private = await query.order_by("id").limit(batch).values_list("id", flat=True)
            if not private:
                break
            await _remove_all(search, [str(i) for i in private], batch)
            last = private[-1]
        after = await _total(search)
        out.removed += max(before - after, 0)
        out.unchecked = max(after - out.indexed, 0)
    return out


async def _remove_all(search: SearchBackend, ids: list[str], batch: int) -> None:
    for start in range(0, len(ids), batch):
        async with asyncio.TaskGroup() as tg:
            for cv_id in ids[start:start + batch]:
                tg.create_task(search.remove(cv_id))


async def search(svc: Services, q: str, filters: dict[str, str], limit: int, offset: int,
                 facets: bool = False) -> dict[str, Any]:
    """One page of hits (each with the reasons it matched) and, if asked, the facet counts
    over every match. Facet counts come from the index: an entry whose CV stopped being
    discoverable a moment ago may still be counted until its removal lands, but is never
    listed."""
    assert svc.search is not None
    page = await svc.search.search(q, filters=filters or None, limit=limit, offset=offset, facets=facets)
    ids = [h.cv_id for h in page.hits]
    live = {str(r["id"]): r["slug"] for r in
            await CV.filter(id__in=ids, discoverable=True).values("id", "slug")} if ids else {}
    items = []
    for h in page.hits:
        if h.cv_id not in live:  # stale index entry: never leak a CV that is no longer public
            continue
        d = h.document
        items.append({"cv_id": h.cv_id, "slug": live[h.cv_id], "name": d.get("name"), "label": d.get("label"),
                      "title": d.get("title") or None, "location": d.get("location"),
                      "city": d.get("city") or None, "country": d.get("country") or None,
                      "skills": d.get("skills") or [], "languages": d.get("languages") or [],
                      "years": d.get("years"), "open_to_work": bool(d.get("open_to_work")),
                      "score": h.score, "highlights": h.highlights, "reasons": h.reasons})
    out: dict[str, Any] = {"total": page.total, "items": items}
    if facets:
        out["facets"] = page.facets
    return out
