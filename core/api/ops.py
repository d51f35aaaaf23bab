"""Operations: ``/healthz``, ``/readyz``, ``/metrics``, ``/-/plugins.json``."""
from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp import web
from tortoise.functions import Count

from htdy.core import appkeys, metrics
from htdy.core.api.http import respond, svc
from htdy.core.api.routing import ApiRoutes
from htdy.core.models import Job

routes = ApiRoutes("operations")
CHECK_TIMEOUT_S = 2.0


@routes.get("/healthz", summary="Liveness: the process answers", response=dict, auth="none")
async def healthz(request: web.Request) -> web.StreamResponse:
    return respond(request, {"status": "ok"}, cache="no-store")


async def _check(name: str, coro: Any) -> tuple[str, dict[str, Any]]:
    t0 = time.perf_counter()
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            detail = await coro
        out: dict[str, Any] = {"ok": True}
        if isinstance(detail, dict):
            out["detail"] = detail
    except Exception as exc:
        out = {"ok": False, "error": str(exc) or type(exc).__name__}
    out["ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return name, out


@routes.get("/readyz", summary="Readiness: database, storage, queue, search, cache checked", response=dict,
            auth="none", errors=(503,))
async def readyz(request: web.Request) -> web.StreamResponse:
    from htdy.core.db import check_db

    s = svc(request)
    checks = [_check("database", check_db(s.settings))]
    for name, backend in (("storage", s.storage), ("queue", s.queue), ("search", s.search)):
        if backend is not None:
            checks.append(_check(name, backend.check()))
    checks.append(_check("cache", s.cache.check()))
    results = dict(await asyncio.gather(*checks))
    ok = all(r["ok"] for r in results.values())
    return respond(request, {"status": "ok" if ok else "unavailable", "checks": results},
                   status=200 if ok else 503, cache="no-store")


@routes.get("/metrics", summary="Prometheus metrics", response="text", auth="none")
async def prometheus(request: web.Request) -> web.StreamResponse:
    s = svc(request)
    if s.queue is not None:
        try:
            metrics.QUEUE_DEPTH.labels("parse").set(await s.queue.depth("parse"))
        except Exception:
            pass
    try:
        rows = await Job.filter(status__in=("queued", "running")).group_by("kind", "status") \
            .annotate(n=Count("id")).values("kind", "status", "n")
        metrics.JOBS.clear()
        for r in rows:
            metrics.JOBS.labels(r["kind"], r["status"]).set(r["n"])
    except Exception:
        pass
    body, ctype = metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": ctype, "Cache-Control": "no-store"})


@routes.get("/-/plugins.json", summary="Loaded plugins and every registry's names", response=dict, auth="none")
async def plugins_json(request: web.Request) -> web.StreamResponse:
    from htdy.core.plugins import describe_plugins

    regs = request.app[appkeys.registries]
    registries = {slot: getattr(regs, slot).names() for slot in regs.__dataclass_fields__}
    return respond(request, {"plugins": describe_plugins(request.app[appkeys.pm]), "registries": registries},
                   cache="no-store")
