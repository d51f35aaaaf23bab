"""Profile events (views, search appearances and clicks, downloads, share-link opens) and
the day's unique visitors, recorded without slowing reads.

``record`` and ``visit`` only touch in-memory counters; a background task writes them as
aggregated rows every ``interval`` seconds (and at shutdown) in one transaction, and keeps
the day's random salt (``services/analytics.py``): it makes today's and tomorrow's ahead of
time, shared by every node through the database, and deletes those older than yesterday.
A failed write keeps the batch for the next try.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import Counter
from datetime import date, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from htdy.core.models import CV, EVENT_KINDS, AnalyticsSalt, ProfileEvent, ProfileVisitor

log = logging.getLogger("htdy.events")
MAX_PENDING_VISITORS = 100_000  # beyond this (a write outage), new visitors are not noted


class EventRecorder:
    def __init__(self, conn_name: str, interval: float = 1.0) -> None:
        self.conn_name = conn_name
        self.interval = interval
        self.pending: Counter[tuple[str, str, str | None]] = Counter()
        self.pending_visitors: dict[tuple[str, date, str], None] = {}
        self.salts: dict[date, str] = {}
        self._task: asyncio.Task[None] | None = None

    def record(self, cv_id: str, kind: str, n: int = 1, *, ref: str | None = None) -> None:
        if kind in EVENT_KINDS:
            self.pending[(str(cv_id), kind, ref)] += n

    def visit(self, cv_id: str, address: str, user_agent: str) -> None:
        """Note a visitor of ``cv_id`` today, by salted hash (nothing if the salt of the day
        is not known yet: only in the first second after midnight or a start-up)."""
        from htdy.core.services.analytics import today, visitor_hash

        day = today()
        salt = self.salts.get(day)
        if salt is None or len(self.pending_visitors) >= MAX_PENDING_VISITORS:
            return
        self.pending_visitors[(str(cv_id), day, visitor_hash(salt, address, user_agent, str(cv_id)))] = None

    async def start(self) -> None:
        with contextlib.suppress(Exception):  # no database yet (a role without it): retried in _run
            await self.rotate_salts()
        self._task = asyncio.create_task(self._run())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.flush()
                await self.rotate_salts()
            except Exception:
                log.exception("flushing profile events failed")

    async def rotate_salts(self) -> None:
        from htdy.core.services.analytics import today

        now = today()
        wanted = [now, now + timedelta(days=1)]
        if all(d in self.salts for d in wanted):
            return
        for day in wanted:
            row = await AnalyticsSalt.get_or_none(day=day)
            if row is None:
                with contextlib.suppress(IntegrityError):  # another node made it first
                    await AnalyticsSalt.create(day=day, salt=secrets.token_hex(32))
                row = await AnalyticsSalt.get(day=day)
            self.salts[day] = row.salt
        await AnalyticsSalt.filter(day__lt=now - timedelta(days=1)).delete()
        for day in [d for d in self.salts if d < now]:
            del self.salts[day]

    async def flush(self) -> None:
        if not self.pending and not self.pending_visitors:
            return
        batch, self.pending = self.pending, Counter()
        visitors, self.pending_visitors = self.pending_visitors, {}
        try:
            ids = {cid for cid, _, _ in batch} | {cid for cid, _, _ in visitors}
            live = {str(i) for i in await CV.filter(id__in=list(ids)).values_list("id", flat=True)}
            rows = [ProfileEvent(cv_id=cid, kind=kind, count=n, ref=ref)
                    for (cid, kind, ref), n in batch.items() if cid in live]
            seen = [ProfileVisitor(cv_id=cid, day=day, visitor=v) for cid, day, v in visitors if cid in live]
            async with in_transaction(self.conn_name):
                if rows:
                    await ProfileEvent.bulk_create(rows)
                if seen:
                    await ProfileVisitor.bulk_create(seen, ignore_conflicts=True)
        except Exception:
            self.pending.update(batch)  # keep them for the next try
            for key in visitors:
                self.pending_visitors.setdefault(key, None)
            raise

    async def stats(self, cv_id: str) -> dict[str, Any]:
        """All-time counts per kind (what is written plus what is still buffered)."""
        rows = await ProfileEvent.filter(cv_id=cv_id).group_by("kind").annotate(n=Sum("count")).values("kind", "n")
        counts = {k: 0 for k in EVENT_KINDS}
        for r in rows:
            if r["kind"] in counts:
                counts[r["kind"]] = int(r["n"] or 0)
        for (cid, kind, _), n in self.pending.items():
            if cid == str(cv_id):
                counts[kind] += n
        return counts
