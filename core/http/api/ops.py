"""Operations: ``/livez`` (and its older name ``/healthz``), ``/readyz``, ``/metrics``,
``/-/plugins.json``."""
from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from pydantic import BaseModel, Field

from htdy.core.http import appkeys
from htdy.core.http.api.http import respond, svc
from htdy.core.http.routing import ApiRoutes
from htdy.core.observability import metrics

routes = ApiRoutes("operations")
log = logging.getLogger("htdy.api")
_LAST_STATUS: dict[int, str] = {}  # id(services) -> the readiness last answered


class ReadyQuery(BaseModel):
    verbose: str | None = Field(None, description="present (any value): list every check")


@routes.get("/livez", summary="Liveness: the process and its event loop answer", response=dict, auth="none",
            description="Checks no dependency: a database or Redis outage must not get every pod restarted.")
async def livez(request: web.Request) -> web.StreamResponse:
    return respond(request, {"status": "ok"}, cache="no-store")


@routes.get("/healthz", summary="Liveness (the older name of /livez)", response=dict, auth="none")
async def healthz(request: web.Request) -> web.StreamResponse:
    return respond(request, {"status": "ok"}, cache="no-store")


@routes.get("/readyz", summary="Readiness: this node can serve its role", response=dict, auth="none",
            query=ReadyQuery, errors=(503,),
            description="200 `ok`, or `degraded` when an optional dependency (file store, search, cache "
                        "tiers, a queue this node only writes to) fails — the node keeps serving. 503 with a "
                        "stable `error.code` (`database_unavailable`, `queue_unavailable`, "
                        "`renderer_unavailable`) when what its role needs fails: the database (api), the "
                        "queue and the database (parser), the render pool (renderer). `?verbose` adds every "
                        "check (`ok`, `required`, `ms`, `error`, `detail`); a 503 always carries them.")
async def readyz(request: web.Request) -> web.StreamResponse:
    from htdy.core.services.health import readiness

    s = svc(request)
    status, code, checks = await readiness(s)
    if _LAST_STATUS.get(id(s)) != status:  # probes come every few seconds: log the changes only
        _LAST_STATUS[id(s)] = status
        problems = {n: c["error"] for n, c in checks.items() if not c["ok"]}
        (log.info if status == "ok" else log.warning)("readiness: %s %s", status, problems or "")
    body: dict[str, Any] = {"status": status, "roles": list(s.settings.node.roles)}
    if status == "degraded":
        body["degraded"] = sorted(n for n, c in checks.items() if not c["ok"])
    if status == "unavailable":
        failing = sorted(n for n, c in checks.items() if c["required"] and not c["ok"])
        body["error"] = {"code": code, "message": "; ".join(f"{n}: {checks[n]['error']}" for n in failing),
                         "details": None, "request_id": request.get(appkeys.request_id, "")}
    if status == "unavailable" or "verbose" in request.query:
        body["checks"] = checks
    return respond(request, body, status=503 if status == "unavailable" else 200, cache="no-store",
                   headers={"Retry-After": "5"} if status == "unavailable" else None)


@routes.get("/metrics", summary="Prometheus metrics", response="text", auth="none")
async def prometheus(request: web.Request) -> web.StreamResponse:
    from htdy.core.services.metrics_sampling import sample

    await sample(svc(request))
    body, ctype = metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": ctype, "Cache-Control": "no-store"})


@routes.get("/-/plugins.json", summary="Loaded plugins and every registry's names", response=dict, auth="none")
async def plugins_json(request: web.Request) -> web.StreamResponse:
    from htdy.core.host.plugins import describe_plugins

    regs = request.app[appkeys.registries]
    registries = {slot: getattr(regs, slot).names() for slot in regs.__dataclass_fields__}
    return respond(request, {"plugins": describe_plugins(request.app[appkeys.pm]), "registries": registries},
                   cache="no-store")
