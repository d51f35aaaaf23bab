"""Gauges sampled when ``/metrics`` is scraped: the database pool, the queues (counted in the
database: the job row is the truth, a restarted Redis holds no ids), jobs past their lease and
the cache breakers. Each sampler is independent: one failing leaves the others' values."""
from __future__ import annotations

import logging
from typing import Any

from tortoise import connections
from tortoise.functions import Count

from htdy.core.models import Job
from htdy.core.observability import metrics
from htdy.core.services import Services, utcnow

log = logging.getLogger("htdy.metrics")
ALWAYS_KINDS = ("parse",)  # series present (at 0) on every node, so alerts see a value


async def sample(svc: Services) -> None:
    for sampler in (_db_pool, _jobs, _queue_backend, _cache_breakers):
        try:
            await sampler(svc)
        except Exception as exc:  # noqa: BLE001 - a dependency down must not break the scrape
            log.debug("metrics sampler %s failed: %s: %s", sampler.__name__, type(exc).__name__, exc)


def pool_usage(client: Any, pool_max: int) -> tuple[int, int]:
    """(connections in use, pool size) of one tortoise client: the asyncpg pool's checked-out
    connections against its maximum; SQLite's single connection is in use while its lock is held."""
    client = getattr(client, "_parent", client)  # inside a transaction: the client it came from
    if hasattr(client, "_pool"):  # a pooled client (asyncpg)
        pool = client._pool
        if pool is None:  # not opened yet: nothing in use
            return 0, pool_max
        return pool.get_size() - pool.get_idle_size(), pool.get_max_size()
    lock = getattr(client, "_lock", None)
    return (1 if lock is not None and lock.locked() else 0), 1


async def _db_pool(svc: Services) -> None:
    from htdy.core.db import tortoise_config

    usage = {name: pool_usage(connections.get(name), svc.settings.database.pool_max)
             for name in tortoise_config(svc.settings)["connections"]}
    metrics.DB_POOL_IN_USE.clear()  # only this node's connections (not another app's of the process)
    metrics.DB_POOL_SIZE.clear()
    for name, (in_use, size) in usage.items():
        metrics.DB_POOL_IN_USE.labels(name).set(in_use)
        metrics.DB_POOL_SIZE.labels(name).set(size)


async def _jobs(svc: Services) -> None:
    rows = await Job.filter(status__in=("queued", "running")).group_by("kind", "status") \
        .annotate(n=Count("id")).values("kind", "status", "n")
    expired = await Job.filter(status="running", lease_until__lt=utcnow()).group_by("kind") \
        .annotate(n=Count("id")).values("kind", "n")
    metrics.JOBS.clear()
    queued = dict.fromkeys(ALWAYS_KINDS, 0)
    for r in rows:
        metrics.JOBS.labels(r["kind"], r["status"]).set(r["n"])
        if r["status"] == "queued":
            queued[r["kind"]] = r["n"]
    for kind, n in queued.items():
        if kind != "render":  # render depth belongs to the render pool (rendering.RenderService)
            metrics.QUEUE_DEPTH.labels(kind).set(n)
    metrics.JOBS_LEASE_EXPIRED.clear()
    lapsed = dict.fromkeys(ALWAYS_KINDS, 0) | {r["kind"]: r["n"] for r in expired}
    for kind, n in lapsed.items():
        metrics.JOBS_LEASE_EXPIRED.labels(kind).set(n)


async def _queue_backend(svc: Services) -> None:
    if svc.queue is not None:
        metrics.QUEUE_BACKEND_DEPTH.labels("parse").set(await svc.queue.depth("parse"))


async def _cache_breakers(svc: Services) -> None:
    for t in getattr(svc.cache, "tiers", ()):
        metrics.CACHE_BREAKER_OPEN.labels(t.name).set(0 if t.breaker.state == "closed" else 1)
