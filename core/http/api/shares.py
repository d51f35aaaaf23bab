"""``/api/v1/cvs/{id}/shares`` and ``GET /api/v1/shared/{token}``."""
from __future__ import annotations

from aiohttp import web

from htdy.core.host.interfaces import PageNames
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import body, etag_for, query, respond, svc, user_id
from htdy.core.http.api.render import render_response, with_detected_language
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import analytics, cvs, design, shares

routes = ApiRoutes("shares")


def public_base(request: web.Request) -> str:
    """The origin people reach this server at: ``[server] public_url`` when set (behind a
    proxy or TLS terminator), else the scheme and ``Host`` this request came in with."""
    configured = svc(request).settings.server.public_url.strip().rstrip("/")
    return configured or str(request.url.origin())


def share_links(request: web.Request) -> shares.ShareLinks:
    named = request.app.router.named_resources()
    link_page, user_page = named.get(PageNames.SHARED_LINK), named.get(PageNames.CV_EDITOR)
    signup_page = named.get(PageNames.SIGNUP)
    return shares.ShareLinks(base=public_base(request),
                             link_page=link_page.canonical if link_page is not None else None,
                             user_page=user_page.canonical if user_page is not None else None,
                             signup_page=signup_page.canonical if signup_page is not None else None)


@routes.get("/api/v1/cvs/{cv_id}/shares", summary="List a CV's shares (owner)", response=s.ShareList,
            errors=(403, 404))
async def list_shares(request: web.Request) -> web.StreamResponse:
    """Each share has absolute ``url`` (API) and ``page_url`` (web page, ``null`` without the
    web frontend) addresses. A user share's are the CV's own (the recipient signs in); a
    link's are ``null`` here: only its token's hash is stored, so its address is shown
    only when it is created (lost it? revoke the link and create a new one)."""
    items = await shares.list_shares(svc(request), user_id(request), request.match_info["cv_id"],
                                     share_links(request))
    return respond(request, {"items": items})


@routes.post("/api/v1/cvs/{cv_id}/shares", summary="Share with a user or create a link",
             body=s.ShareCreate, response=s.ShareOut, status=201, errors=(403, 404, 409, 422))
async def create_share(request: web.Request) -> web.StreamResponse:
    """``{email, access}`` shares with the person at that address and mails them: with their
    account at once, or — an address without an account — as an invitation that attaches
    when they sign up through the mailed link. The answer is the same either way (it does
    not tell whether the address has an account). ``{link: true}`` creates a view link whose
    absolute ``url`` (the JSON read, ``GET /api/v1/shared/{token}``) and ``page_url`` (the
    page to send to people, ``/s/{token}``) are shown only in this response. Addresses use
    ``[server] public_url`` when set, else this request's scheme and host."""
    uid = user_id(request)
    data = await body(request, s.ShareCreate)
    out = await shares.create(svc(request), uid, request.match_info["cv_id"], data, share_links(request))
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
    e, share_id = await shares.resolve_link(svc(request), request.match_info["token"])
    analytics.record(svc(request), request, e["cv"]["id"], e["owner_id"], "share_open", ref=share_id)
    out = cvs.present(e, "view")
    return respond(request, out, etag=etag_for("shared", e["cv"]["id"], e["revision"]),
                   cache="private, no-cache", headers={"Referrer-Policy": "no-referrer"})


@routes.get("/api/v1/shared/{token}/render", summary="Render a CV shared by link (with its design)",
            query=s.SharedRenderQuery, response="binary", auth="none", errors=(404, 422))
async def shared_render(request: web.Request) -> web.StreamResponse:
    """The shared CV as PDF (or HTML, Markdown, text) with the owner's saved design; for the
    share page's download. ``private, no-cache`` like the link's page."""
    q = query(request, s.SharedRenderQuery)
    e, _ = await shares.resolve_link(svc(request), request.match_info["token"])
    cv = e["cv"]
    return await render_response(request, cv["id"], cv["current_version"],
                                 with_detected_language(cv["resume"], cv.get("extras")), template=q.template,
                                 fmt=q.format, cache="private, no-cache", filename=cvs.slugify(cv["title"]) or "cv",
                                 cv_design=design.stored(e))
