"""``inprocess``: one asyncio priority queue per job kind, in this process only.

Lost on restart by design: the database job row is the truth, and the job worker
re-scans queued jobs when it starts. Higher ``priority`` pops first, FIFO within a
priority; a job id already waiting in a kind's queue is not queued twice.
"""
from __future__ import annotations

import asyncio
import itertools

from htdy.core.host.interfaces import PluginOptions, QueueBackend

MIN_PRIORITY, MAX_PRIORITY = -1000, 1000


def clamp(priority: int) -> int:
    return max(MIN_PRIORITY, min(MAX_PRIORITY, int(priority)))


class InProcessQueue(QueueBackend):
    name = "inprocess"
    description = "asyncio priority queues in this process (lost on restart; the DB re-scan refills them)."

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._queues: dict[str, asyncio.PriorityQueue[tuple[int, int, str]]] = {}
        self._waiting: dict[str, set[str]] = {}
        self._seq = itertools.count()

    def _queue(self, kind: str) -> asyncio.PriorityQueue[tuple[int, int, str]]:
        q = self._queues.get(kind)
        if q is None:
            q = self._queues[kind] = asyncio.PriorityQueue()
            self._waiting[kind] = set()
        return q

    async def push(self, kind: str, job_id: str, priority: int = 0) -> None:
        q = self._queue(kind)
        if job_id in self._waiting[kind]:
            return
        self._waiting[kind].add(job_id)
        q.put_nowait((-clamp(priority), next(self._seq), job_id))

    async def pop(self, kind: str, timeout: float) -> str | None:
        q = self._queue(kind)
        try:
            if timeout <= 0:
                _, _, job_id = q.get_nowait()
            else:
                async with asyncio.timeout(timeout):
                    _, _, job_id = await q.get()
        except (TimeoutError, asyncio.QueueEmpty):
            return None
        self._waiting[kind].discard(job_id)
        return job_id

    async def depth(self, kind: str) -> int:
        return self._queue(kind).qsize()
