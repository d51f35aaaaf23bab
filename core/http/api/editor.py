"""What the editor needs beside plain CRUD: the saved design, the server-side draft with
its live render, and the field-by-field difference of two versions."""
from __future__ import annotations

import hashlib
import json

from aiohttp import web

from htdy.core.host.errors import NotFound
from htdy.core.http.api import schemas as s
from htdy.core.http.api.cvs import cv_etag
from htdy.core.http.api.http import body, query, respond, svc, user_id
from htdy.core.http.api.render import render_response, with_detected_language
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import cvs, design, diff, drafts

routes = ApiRoutes("editor")


@routes.get("/api/v1/cvs/{cv_id}/design", summary="A CV's saved design", response=design.Design,
            errors=(404,))
async def get_design(request: web.Request) -> web.StreamResponse:
    e, _ = await cvs.get_for(svc(request), user_id(request), request.match_info["cv_id"])
    saved = design.stored(e)
    return respond(request, {"template": saved.get("template"), "options": saved.get("options") or {},
                             "hidden_items": saved.get("hidden_items") or []}, cache="private, no-cache")


@routes.put("/api/v1/cvs/{cv_id}/design", summary="Save a CV's design (template, options, hidden items)",
            body=design.Design, response=design.Design, errors=(403, 404, 422))
async def put_design(request: web.Request) -> web.StreamResponse:
    """Used by every render of the CV: the editor's preview, downloads, share pages and the
    public profile's PDF. Not a new version (the content does not change); the CV's
    revision (and so its ETag) changes. ``422 unknown_template`` for a template this server
    does not have (``GET /api/v1/templates`` lists them); ``422 invalid_option`` names the option."""
    raw = await body(request, design.Design)
    saved = await design.save(svc(request), user_id(request), request.match_info["cv_id"],
                              raw.model_dump())
    # the CV's new ETag, so an editor holding the old one can still save its content (If-Match)
    e, access = await cvs.get_for(svc(request), user_id(request), request.match_info["cv_id"])
    return respond(request, saved, cache="no-store", headers={"X-CV-ETag": cv_etag(e, access)})


@routes.get("/api/v1/cvs/{cv_id}/draft", summary="My unsaved draft of a CV", response=s.DraftOut,
            errors=(403, 404))
async def get_draft(request: web.Request) -> web.StreamResponse:
    """``404 no_draft`` when there is none (everything is saved)."""
    out = await drafts.get(svc(request), user_id(request), request.match_info["cv_id"])
    return respond(request, out, cache="no-store")


@routes.put("/api/v1/cvs/{cv_id}/draft", summary="Keep my unsaved draft of a CV (not a version)",
            body=s.DraftIn, response=s.DraftOut, errors=(403, 404, 413, 422))
async def put_draft(request: web.Request) -> web.StreamResponse:
    """The editor sends this as the user types (debounced). One draft per CV and user; it
    stays until Save (``PATCH`` with ``resume``) or a restore turns it into a version, or
    ``DELETE`` discards it."""
    data = await body(request, s.DraftIn)
    out = await drafts.save(svc(request), user_id(request), request.match_info["cv_id"], data.resume, data.title)
    return respond(request, out, cache="no-store")


@routes.delete("/api/v1/cvs/{cv_id}/draft", summary="Discard my unsaved draft", status=204, errors=(403, 404))
async def delete_draft(request: web.Request) -> web.StreamResponse:
    await drafts.discard(svc(request), user_id(request), request.match_info["cv_id"])
    return web.Response(status=204)


@routes.get("/api/v1/cvs/{cv_id}/draft/render", summary="Render my draft (live preview; HTML or PDF)",
            query=s.DraftRenderQuery, response="binary", errors=(403, 404, 422),
            description="The draft (else the current version) with the CV's design; extra "
                        "`option.<name>=<value>` parameters override the design's options.")
async def render_draft(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    q = query(request, s.DraftRenderQuery)
    e, _ = await cvs.get_for(svc(request), uid, request.match_info["cv_id"], need="edit")
    cv = e["cv"]
    try:
        resume = drafts.renderable((await drafts.get(svc(request), uid, cv["id"]))["resume"])
        number: int | str = "draft-" + hashlib.sha256(
            json.dumps(resume, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    except NotFound:
        resume, number = cv["resume"], cv["current_version"]
    return await render_response(request, cv["id"], number, with_detected_language(resume, cv.get("extras")),
                                 template=q.template, fmt=q.format, cache="private, no-cache",
                                 filename=cvs.slugify(cv["title"]) or "cv", cv_design=design.stored(e))


@routes.get("/api/v1/cvs/{cv_id}/diff", summary="Compare two versions field by field", query=s.DiffQuery,
            response=s.DiffOut, errors=(404, 422))
async def compare(request: web.Request) -> web.StreamResponse:
    """Every leaf field (``work[0].highlights[1]``) that was ``added``, ``removed`` or
    ``changed`` from ``older`` to ``newer``, with both values; list entries are compared
    by position. Versions never change, so the answer is cacheable."""
    uid = user_id(request)
    q = query(request, s.DiffQuery)
    e, _ = await cvs.get_for(svc(request), uid, request.match_info["cv_id"])
    newer = q.newer or e["cv"]["current_version"]
    out = await diff.compare(svc(request), uid, e["cv"]["id"], q.older, newer)
    return respond(request, out, cache="private, max-age=86400")
