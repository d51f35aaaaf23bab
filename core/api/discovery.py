"""Discovery: search over discoverable CVs, public profiles (CDN-cacheable)."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from htdy.core.api import schemas as s
from htdy.core.api.http import PUBLIC, etag_for, query, respond, svc
from htdy.core.api.render import render_response
from htdy.core.api.routing import ApiRoutes
from htdy.core.errors import NotFound, ServiceUnavailable
from htdy.core.models import CV
from htdy.core.services import cvs, search_index

routes = ApiRoutes("discovery")
SLUG_TTL_S = 60


@routes.get("/api/v1/search", summary="Search discoverable CVs", query=s.SearchQuery, response=s.SearchOut,
            auth="none")
async def search(request: web.Request) -> web.StreamResponse:
    q = query(request, s.SearchQuery)
    if svc(request).search is None:
        raise ServiceUnavailable("search is not available on this node")
    out = await search_index.search(svc(request), q.q.strip(), q.filters(), q.limit, q.offset, q.facets)
    return respond(request, out, cache="public, max-age=30")


async def profile_entry(request: web.Request, slug: str) -> dict[str, Any]:
    services = svc(request)
    key = f"slug:{slug}"
    cv_id = await services.cache.get(key)
    if not cv_id:
        row = await CV.filter(slug=slug, discoverable=True).first().values("id")
        if row is None:
            raise NotFound("no such profile")
        cv_id = str(row["id"])
        await services.cache.set(key, cv_id, SLUG_TTL_S)
    e = await cvs.entry(services, cv_id)
    if e is None or not e["cv"]["discoverable"] or e["cv"]["slug"] != slug:  # stale mapping
        await services.cache.delete(key)
        raise NotFound("no such profile")
    return e


@routes.get("/api/v1/profiles/{slug}", summary="A discoverable CV's public profile", response=s.ProfileOut,
            auth="none", errors=(304, 404))
async def profile(request: web.Request) -> web.StreamResponse:
    """Cacheable by browsers and CDNs (``public, max-age=300, s-maxage=900``, ETag); records a
    ``view`` event without a database write on the request path."""
    slug = request.match_info["slug"]
    e = await profile_entry(request, slug)
    cv = e["cv"]
    if svc(request).events is not None:
        svc(request).events.record(cv["id"], "view")  # type: ignore[union-attr]
    out = {"slug": slug, "cv_id": cv["id"], "name": (cv["resume"].get("basics") or {}).get("name"),
           "resume": cv["resume"], "updated_at": cv["updated_at"],
           "links": {"html": f"/p/{slug}", "pdf": f"/api/v1/profiles/{slug}/render?format=pdf"}}
    return respond(request, out, etag=etag_for("profile", cv["id"], e["revision"]), cache=PUBLIC,
                   headers={"Surrogate-Key": f"cv-{cv['id']}"})


@routes.get("/api/v1/profiles/{slug}/render", summary="Render a public profile", query=s.RenderQuery,
            response="binary", auth="none", errors=(304, 404))
async def profile_render(request: web.Request) -> web.StreamResponse:
    slug = request.match_info["slug"]
    q = query(request, s.RenderQuery)
    e = await profile_entry(request, slug)
    cv = e["cv"]
    return await render_response(request, cv["id"], cv["current_version"], cv["resume"], template=q.template,
                                 fmt=q.format, cache=PUBLIC, filename=slug)
