"""``jobrows``: the job rows themselves are the queue — for several processes sharing one
database without Redis (``htdy serve`` with ``[server] workers`` > 1 uses it instead of
``inprocess``).

``push`` stores nothing (the job row is already ``queued``, committed before the push); it
wakes this process's waiting ``pop`` at once. ``pop`` returns the oldest of the highest
priority ``queued`` rows of the kind that are due, polling every ``poll_interval_s`` while
none is. Two processes may be handed the same id: the worker's compare-and-set claim lets
exactly one run it, so a job is neither lost nor run twice. An id handed out here is not
handed out again by this process for ``recent_s`` seconds (its claim is in flight), so the
parse loops of one process spread over different jobs.
"""
from __future__ import annotations

import asyncio
import time

from pydantic import Field

from htdy.core.host.interfaces import PluginOptions, QueueBackend


class DatabaseQueueOptions(PluginOptions):
    poll_interval_s: float = Field(0.25, gt=0, le=60)
    recent_s: float = Field(2.0, gt=0, le=60)


class DatabaseQueue(QueueBackend):
    name = "jobrows"
    description = "The job rows in the database, polled (several processes, no Redis)."
    Options = DatabaseQueueOptions
    options: DatabaseQueueOptions

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._wake: dict[str, asyncio.Event] = {}
        self._recent: dict[str, float] = {}  # job id → when it was handed out

    def _event(self, kind: str) -> asyncio.Event:
        ev = self._wake.get(kind)
        if ev is None:
            ev = self._wake[kind] = asyncio.Event()
        return ev

    async def push(self, kind: str, job_id: str, priority: int = 0) -> None:
        self._event(kind).set()

    async def pop(self, kind: str, timeout: float) -> str | None:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            ev = self._event(kind)
            ev.clear()
            job_id = await self._next(kind)
            if job_id is not None:
                return job_id
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                async with asyncio.timeout(min(left, self.options.poll_interval_s)):
                    await ev.wait()
            except TimeoutError:
                pass

    async def _next(self, kind: str) -> str | None:
        from htdy.core.models import Job
        from htdy.core.services import utcnow

        now = time.monotonic()
        self._recent = {k: t for k, t in self._recent.items() if now - t < self.options.recent_s}
        query = Job.filter(status="queued", kind=kind, available_at__lte=utcnow())
        if self._recent:
            query = query.exclude(id__in=list(self._recent))
        row = await query.order_by("-priority", "created_at").first().values("id")
        if row is None:
            return None
        job_id = str(row["id"])
        self._recent[job_id] = now
        return job_id

    async def depth(self, kind: str) -> int:
        from htdy.core.models import Job

        return int(await Job.filter(status="queued", kind=kind).count())
