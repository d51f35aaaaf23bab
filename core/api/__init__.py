"""The REST API (``docs/api-contract.md``): one small module per resource, each with
an ``ApiRoutes`` table; ``mount`` adds them (and the OpenAPI document) to the app."""
from __future__ import annotations

from aiohttp import web

from htdy.core import appkeys
from htdy.core.api import accounts, cvs, discovery, matching, me, openapi, ops, render, shares, uploads
from htdy.core.api.routing import ApiRoutes

# order matters only for documentation; aiohttp matches by path and method
API_TABLES = (accounts.routes, me.routes, cvs.routes, render.routes, shares.routes, uploads.routes, discovery.routes,
              matching.routes)


def mount(app: web.Application, *, api: bool) -> None:
    """Operations routes always; the API (and its OpenAPI document) for the api role."""
    combined = ApiRoutes("all")
    for table in (ops.routes, *(API_TABLES if api else ())):
        combined.operations.extend(table.operations)
        table.add_to(app)
    app[appkeys.api_routes] = combined
    app.router.add_get("/api/openapi.json", openapi.openapi_json)
    app.router.add_get("/api/docs", openapi.docs)
