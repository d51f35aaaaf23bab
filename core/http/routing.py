"""A route table that remembers what the OpenAPI document needs: summary, tags,
request body / query / response models, success status, auth. Handlers register with
``@routes.get(path, summary=…, query=Model, response=Model)``; ``add_to(app)`` mounts
them on aiohttp's router and ``htdy.core.http.openapi`` describes them."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from pydantic import BaseModel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Operation:
    method: str
    path: str
    handler: Handler
    summary: str
    tags: list[str]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: Any = None
    status: int = 200
    auth: str = "user"  # "user" | "optional" | "none"
    media_type: str = "application/json"
    multipart: dict[str, str] = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    description: str = ""


class ApiRoutes:
    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.operations: list[Operation] = []

    def route(self, method: str, path: str, *, summary: str, **kw: Any) -> Callable[[Handler], Handler]:
        def deco(handler: Handler) -> Handler:
            opts = dict(kw)
            desc = opts.pop("description", "") or (handler.__doc__ or "").strip()
            self.operations.append(Operation(method, path, handler, summary, [opts.pop("tag", self.tag)],
                                             description=desc, **opts))
            return handler
        return deco

    def get(self, path: str, **kw: Any) -> Callable[[Handler], Handler]:
        return self.route("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> Callable[[Handler], Handler]:
        return self.route("POST", path, **kw)

    def put(self, path: str, **kw: Any) -> Callable[[Handler], Handler]:
        return self.route("PUT", path, **kw)

    def patch(self, path: str, **kw: Any) -> Callable[[Handler], Handler]:
        return self.route("PATCH", path, **kw)

    def delete(self, path: str, **kw: Any) -> Callable[[Handler], Handler]:
        return self.route("DELETE", path, **kw)

    def add_to(self, app: web.Application) -> None:
        for op in self.operations:
            app.router.add_route(op.method, router_path(op.path), op.handler)


# ids in paths are UUIDs: the router matches only those, so a literal path beside a template
# (``/api/v1/cvs/batch`` beside ``/api/v1/cvs/{cv_id}``) is never taken for an id
UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
ID_PARAMS = ("cv_id", "share_id", "token_id", "job_id")


def router_path(path: str) -> str:
    for name in ID_PARAMS:
        path = path.replace("{" + name + "}", "{" + name + ":" + UUID_REGEX + "}")
    return path
