"""Profile events (view, download, search_appearance), recorded without slowing reads.

``record`` only increments an in-memory counter; a background task writes the counts
as aggregated rows every ``interval`` seconds (and at shutdown) in one transaction.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from typing import Any

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from htdy.core.models import CV, EVENT_KINDS, ProfileEvent

log = logging.getLogger("htdy.events")


class EventRecorder:
    def __init__(self, conn_name: str, interval: float = 1.0) -> None:
        self.conn_name = conn_name
        self.interval = interval
        self.pending: Counter[tuple[str, str]] = Counter()
        self._task: asyncio.Task[None] | None = None

    def record(self, cv_id: str, kind: str, n: int = 1) -> None:
        if kind in EVENT_KINDS:
            self.pending[(str(cv_id), kind)] += n

    async def start(self) -> None:
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
            except Exception:
                log.exception("flushing profile events failed")

    async def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, Counter()
        try:
            ids = {cid for cid, _ in batch}
            live = {str(i) for i in await CV.filter(id__in=list(ids)).values_list("id", flat=True)}
            rows = [ProfileEvent(cv_id=cid, kind=kind, count=n) for (cid, kind), n in batch.items() if cid in live]
            if rows:
                async with in_transaction(self.conn_name):
                    await ProfileEvent.bulk_create(rows)
        except Exception:
            self.pending.update(batch)  # keep them for the next try
            raise

    async def stats(self, cv_id: str) -> dict[str, Any]:
        rows = await ProfileEvent.filter(cv_id=cv_id).group_by("kind").annotate(n=Sum("count")).values("kind", "n")
        counts = {k: 0 for k in EVENT_KINDS}
        for r in rows:
            counts[r["kind"]] = int(r["n"] or 0)
        for (cid, kind), n in self.pending.items():
            if cid == str(cv_id):
                counts[kind] += n
        return counts
