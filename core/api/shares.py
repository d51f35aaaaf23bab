"""``/api/v1/cvs/{id}/shares`` and ``GET /api/v1/shared/{token}``."""
from __future__ import annotations

from aiohttp import web

from htdy.core.api import schemas as s
from htdy.core.api.http import body, etag_for, respond, svc, user_id
from htdy.core.api.routing import ApiRoutes
from htdy.core.services import cvs, shares

routes = ApiRoutes("shares")


@routes.get("/api/v1/cvs/{cv_id}/shares", summary="List a CV's shares (owner)", response=s.ShareList,
            errors=(403, 404))
async def list_shares(request: web.Request) -> web.StreamResponse:
    items = await shares.list_shares(svc(request), user_id(request), request.match_info["cv_id"])
    return respond(request, {"items": items})


@routes.post("/api/v1/cvs/{cv_id}/shares", summary="Share with a user or create a link",
             body=s.ShareCreate, response=s.ShareOut, status=201, errors=(403, 404, 409, 422))
async def create_share(request: web.Request) -> web.StreamResponse:
    """``{email, access}`` shares with a user; ``{link: true}`` creates a view link whose
    ``url`` is shown only in this response."""
    uid = user_id(request)
    data = await body(request, s.ShareCreate)
    out = await shares.create(svc(request), uid, request.match_info["cv_id"], data)
    return respond(request, out, status=201, cache="no-store")


@routes.delete("/api/v1/cvs/{cv_id}/shares/{share_id}", summary="Remove a share", status=204,
               errors=(403, 404))
async def delete_share(request: web.Request) -> web.StreamResponse:
    await shares.delete(svc(request), user_id(request), request.match_info["cv_id"],
                        request.match_info["share_id"])
    return web.Response(status=204)


@routes.get("/api/v1/shared/{token}", summary="Read a CV through a share link", response=s.CVOut,
            auth="none", errors=(404,))
async def shared(request: web.Request) -> web.StreamResponse:
    e = await shares.resolve_link(svc(request), request.match_info["token"])
    out = cvs.present(e, "view")
    return respond(request, out, etag=etag_for("shared", e["cv"]["id"], e["revision"]),
                   cache="private, no-cache", headers={"Referrer-Policy": "no-referrer"})
