"""Discovery: search over discoverable CVs, public profiles (CDN-cacheable)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from aiohttp import web

from htdy.core.host.errors import NotFound, ServiceUnavailable
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import PUBLIC, dumps, etag_for, not_modified, query, respond, svc
from htdy.core.http.api.render import render_response, with_detected_language
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import analytics, design, profiles, search_index

routes = ApiRoutes("discovery")


@lru_cache(maxsize=4096)
def _profile_etag(cv_id: str, revision: int) -> str:
    return etag_for("profile", cv_id, revision)


@routes.get("/api/v1/search", summary="Search discoverable CVs", query=s.SearchQuery, response=s.SearchOut,
            auth="none")
async def search(request: web.Request) -> web.StreamResponse:
    q = query(request, s.SearchQuery)
    if svc(request).search is None:
        raise ServiceUnavailable("search is not available on this node")
    out = await search_index.search(svc(request), q.q.strip(), q.filters(), q.limit, q.offset, q.facets)
    for item in out["items"]:  # impressions; bots are not counted (analytics.record)
        analytics.record(svc(request), request, item["cv_id"], None, "search_appearance")
    return respond(request, out, cache="public, max-age=30")


async def profile_entry(request: web.Request, slug: str) -> dict[str, Any]:
    e = await profiles.lookup(svc(request), slug)
    if e is None:
        raise NotFound("no such profile")
    return e


@routes.get("/api/v1/profiles", summary="Discoverable profiles (for sitemaps)", query=s.ProfileListQuery,
            response=s.ProfileList, auth="none")
async def profile_list(request: web.Request) -> web.StreamResponse:
    """Slugs and last changes of every discoverable profile, in slug order, a page at a time
    (``next`` is the cursor of the following page). Never cached by shared caches: a profile
    made private leaves the list at once."""
    q = query(request, s.ProfileListQuery)
    items, nxt = await profiles.listing(q.after, q.limit)
    return respond(request, {"items": items, "next": nxt}, cache="public, no-cache")


@routes.get("/api/v1/profiles/{slug}", summary="A discoverable CV's public profile", response=s.ProfileOut,
            auth="none", errors=(304, 404))
async def profile(request: web.Request) -> web.StreamResponse:
    """Cacheable by browsers and CDNs (``public, max-age=300, s-maxage=900``, ETag); records a
    ``view`` event without a database write on the request path. The body is cached as
    finished bytes per revision (``profiles.cached_bytes``)."""
    slug = request.match_info["slug"]
    services = svc(request)
    h = await profiles.head(services, slug)
    if h is None:
        raise NotFound("no such profile")
    analytics.record(services, request, h["id"], h["owner_id"], "view", visit=True)
    if request.query.get("ref") == "search":  # a click from a search result
        analytics.record(services, request, h["id"], h["owner_id"], "search_click")
    etag = _profile_etag(h["id"], h["revision"])
    headers = {"Cache-Control": PUBLIC, "ETag": etag, "Surrogate-Key": f"cv-{h['id']}"}
    if not_modified(request, etag):
        return web.Response(status=304, headers=headers)

    async def build() -> bytes:
        return dumps(profiles.payload(await profile_entry(request, slug)))

    body = await profiles.cached_bytes(services, "json", h, "", build)
    return web.Response(body=body, content_type="application/json", headers=headers)


@routes.get("/api/v1/profiles/{slug}/render", summary="Render a public profile", query=s.RenderQuery,
            response="binary", auth="none", errors=(304, 404))
async def profile_render(request: web.Request) -> web.StreamResponse:
    slug = request.match_info["slug"]
    q = query(request, s.RenderQuery)
    e = await profile_entry(request, slug)
    cv = e["cv"]
    return await render_response(request, cv["id"], cv["current_version"],
                                 with_detected_language(cv["resume"], cv.get("extras")), template=q.template,
                                 download_of=e["owner_id"], cv_design=design.stored(e),
                                 fmt=q.format, cache=PUBLIC, filename=slug)
