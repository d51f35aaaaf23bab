"""The REST API (``docs/api-contract.md``): one small module per resource, each with
an ``ApiRoutes`` table; ``mount`` adds them (and the OpenAPI document) to the app.

This package's ``__init__`` imports no resource module at import time: they import
``htdy.core.http.appkeys``, which imports ``htdy.core.http.routing`` — importing them here would
make the package and its modules import each other."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web


def mount(app: web.Application, *, api: bool) -> None:
    """Operations routes always; the API (and its OpenAPI document) for the api role. The
    tables' order matters only for documentation; aiohttp matches by path and method."""
    from htdy.core.http import appkeys, openapi
    from htdy.core.http.api import (
        accounts,
        cvs,
        discovery,
        editor,
        matching,
        me,
        ops,
        render,
        shares,
        uploads,
    )
    from htdy.core.http.routing import ApiRoutes

    tables = (accounts.routes, me.routes, cvs.routes, editor.routes, render.routes, shares.routes, uploads.routes,
              discovery.routes, matching.routes)
    combined = ApiRoutes("all")
    for table in (ops.routes, *(tables if api else ())):
        combined.operations.extend(table.operations)
        table.add_to(app)
    app[appkeys.api_routes] = combined
    app.router.add_get("/api/openapi.json", openapi.openapi_json)
    app.router.add_get("/api/docs", openapi.docs)
