"""Job-ad matching: rank discoverable CVs against a pasted or uploaded job ad; saved
searches and their alerts (``docs/matching.md``)."""
from __future__ import annotations

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from htdy.core.host.errors import HtdyError, ValidationFailed
from htdy.core.http.api import match_schemas as s
from htdy.core.http.api.http import body, check_text, respond, svc, user_id
from htdy.core.http.api.uploads import read_limited
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import job_ads, matching, saved_searches

routes = ApiRoutes("matching")


async def _from_form(request: web.Request) -> tuple[bytes | None, str | None, dict[str, str]]:
    limit = int(svc(request).settings.server.max_upload_mb * 1024 * 1024)
    data, filename, fields = None, None, {}
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "file":
                filename = part.filename
                data = await read_limited(part, limit)
            elif part.name in ("text", "matcher", "limit", "location"):
                fields[part.name] = (await read_limited(part, 50_000 * 4)).decode("utf-8", "replace").strip()
            else:
                await part.release()
    except (ValueError, HttpProcessingError) as exc:  # no boundary, a broken part header, …
        raise HtdyError(f"the multipart/form-data body is malformed: {str(exc).strip()[:200]}",
                        code="malformed_multipart") from None
    check_text({"filename": filename, **fields}, "form")
    return data, filename, fields


@routes.post("/api/v1/match", summary="Rank discoverable CVs against a job ad", body=s.MatchIn,
             response=s.MatchOut, multipart={"file": "the job ad as PDF, DOCX or text (read by htdy's parsers)",
                                             "matcher": "optional: a matcher by name", "limit": "optional: 1-100",
                                             "location": "optional: only candidates whose location has these words"},
             errors=(413, 415, 422))
async def match(request: web.Request) -> web.StreamResponse:
    """Send the ad as JSON (``text``) or upload it (``multipart/form-data``, field ``file``; no
    URLs are fetched). Each candidate comes with the required skills it has and lacks, the
    nice-to-haves it has, its title similarity, years of relevant experience, a score and
    reasons. Only discoverable CVs are ranked."""
    user_id(request)
    services = svc(request)
    if request.content_type.startswith("multipart/"):
        data, filename, fields = await _from_form(request)
        if data is None and not fields.get("text"):
            raise ValidationFailed("send the job ad as the multipart field 'file' (or 'text')", code="missing_file")
        ad = await matching.ad_from_file(services, data, filename) if data is not None \
            else job_ads.read(fields["text"])
        try:
            limit = int(fields.get("limit") or 20)
        except ValueError:
            raise ValidationFailed("limit must be a number from 1 to 100", code="bad_page") from None
        out = await matching.match(services, ad, matcher_name=fields.get("matcher") or None, limit=limit,
                                   filters={"location": fields["location"]} if fields.get("location") else None)
    else:
        q = await body(request, s.MatchIn)
        out = await matching.match(services, job_ads.read(q.text), matcher_name=q.matcher, limit=q.limit,
                                   filters=q.filters)
    return respond(request, out, cache="no-store")


@routes.get("/api/v1/matchers", summary="The installed matchers", response=s.MatcherList, auth="none")
async def matchers(request: web.Request) -> web.StreamResponse:
    services = svc(request)
    regs = services.registries.matchers
    default = services.settings.matching.default or regs.first()
    items = [{"name": n, "description": getattr(cls, "description", ""), "default": n == default}
             for n, cls in regs.items()]
    return respond(request, {"items": items}, cache="public, max-age=300")


@routes.get("/api/v1/me/saved-searches", summary="My saved searches", response=s.SavedSearchList)
async def list_saved(request: web.Request) -> web.StreamResponse:
    return respond(request, {"items": await saved_searches.listing(user_id(request))}, cache="no-store")


@routes.post("/api/v1/me/saved-searches", summary="Save a job-ad search", body=s.SavedSearchIn,
             response=s.SavedSearchOut, status=201, errors=(422,))
async def create_saved(request: web.Request) -> web.StreamResponse:
    """The profiles that fit the ad now are its baseline; each profile published later that fits
    it (``[matching] alert_min_fit``) is an alert, mailed with ``notify = "email"``."""
    uid = user_id(request)
    q = await body(request, s.SavedSearchIn)
    out = await saved_searches.create(svc(request), uid, q.model_dump())
    return respond(request, out, status=201, cache="no-store",
                   headers={"Location": f"/api/v1/me/saved-searches/{out['id']}"})


@routes.delete("/api/v1/me/saved-searches/{search_id}", summary="Delete a saved search", status=204,
               errors=(404,))
async def delete_saved(request: web.Request) -> web.StreamResponse:
    await saved_searches.delete(user_id(request), request.match_info["search_id"])
    return web.Response(status=204)


@routes.get("/api/v1/me/saved-searches/{search_id}/alerts", summary="Profiles that matched a saved search",
            response=s.AlertList, errors=(404,))
async def alerts(request: web.Request) -> web.StreamResponse:
    """Newest first; reading them marks them seen."""
    items = await saved_searches.alerts(user_id(request), request.match_info["search_id"])
    return respond(request, {"items": items}, cache="no-store")
