"""Readiness per role, for ``/readyz``.

A node is *ready* when it can serve its role: the database for the API role, the queue and
the database for the parser role, a warm render pool for the renderer role (a node with
several roles needs all of theirs). Optional dependencies — the file store, the search
backend, the cache tiers, and the queue on a node that only enqueues — make it *degraded*,
never unready: the API answers without them (cached reads go to the database, uploads fail
with ``503 storage_unavailable``, search with ``503 search_unavailable``), and taking every
pod out of the Service because Redis or OpenSearch blinked would turn a partial outage into
a total one."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

CHECK_TIMEOUT_S = 2.0


@dataclass
class Check:
    name: str
    required: bool
    code: str  # the stable error code when a required check fails
    run: Callable[[], Awaitable[Any]]


def checks_for(svc: Any) -> list[Check]:
    from htdy.core.db import check_db

    s = svc.settings
    api, parser, renderer = s.has_role("api"), s.has_role("parser"), s.has_role("renderer")
    out = [Check("database", api or parser, "database_unavailable", lambda: check_db(s))]
    if svc.queue is not None:
        out.append(Check("queue", parser, "queue_unavailable", svc.queue.check))
    if renderer and svc.render is not None:
        out.append(Check("render_pool", True, "renderer_unavailable", svc.render.check))
    for name, backend in (("storage", svc.storage), ("search", svc.search)):
        if backend is not None:
            out.append(Check(name, False, f"{name}_unavailable", backend.check))
    out.append(Check("cache", False, "cache_unavailable", _cache_check(svc.cache)))
    return out


def _cache_check(cache: Any) -> Callable[[], Awaitable[Any]]:
    async def run() -> Any:
        report = await cache.check()  # per tier; a failing remote tier is routed around
        if not all(tier.get("ok", True) for tier in report.values()):
            raise _Degraded(", ".join(f"{n}: {t.get('error', 'unavailable')}" for n, t in report.items()
                                      if not t.get("ok", True)), report)
        return report
    return run


class _Degraded(Exception):
    def __init__(self, message: str, detail: Any) -> None:
        super().__init__(message)
        self.detail = detail


async def _run(check: Check) -> dict[str, Any]:
    t0 = time.perf_counter()
    out: dict[str, Any] = {"ok": True, "required": check.required}
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            detail = await check.run()
        if isinstance(detail, dict):
            out["detail"] = detail
    except TimeoutError:
        out.update(ok=False, error=f"no answer within {CHECK_TIMEOUT_S:g} s")
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is reported, not raised
        out.update(ok=False, error=str(exc) or type(exc).__name__)
        if isinstance(exc, _Degraded):
            out["detail"] = exc.detail
    out["ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return out


async def readiness(svc: Any) -> tuple[str, str | None, dict[str, dict[str, Any]]]:
    """``(status, code, checks)``: status ``ok``, ``degraded`` (an optional dependency fails) or
    ``unavailable`` (a required one does; ``code`` is the first such check's stable code)."""
    checks = checks_for(svc)
    results = await asyncio.gather(*(_run(c) for c in checks))
    report = {c.name: r for c, r in zip(checks, results, strict=True)}
    failed_required = [c for c in checks if c.required and not report[c.name]["ok"]]
    if failed_required:
        return "unavailable", failed_required[0].code, report
    if any(not r["ok"] for r in report.values()):
        return "degraded", None, report
    return "ok", None, report
