"""``/api/v1/cvs``: list, create, read (cached, ETag), update (If-Match), batch, delete."""
from __future__ import annotations

import re
from functools import lru_cache

from aiohttp import web

from htdy.core.host.errors import ValidationFailed
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import (
    PRIVATE,
    body,
    decode_cursor,
    encode_cursor,
    etag_for,
    query,
    respond,
    svc,
    user_id,
)
from htdy.core.http.api.schemas import MAX_INT32
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import analytics, cvs, review, shares, versions

routes = ApiRoutes("cvs")
CV_FIELDS = frozenset(s.CVOut.model_fields) - {"versions", "shares"}
INCLUDES = frozenset({"versions", "shares"})
_REVISION = re.compile(r'^(?:W/)?"cv-([0-9a-f-]{36})-r(\d+)-')


def _csv(value: str | None, allowed: frozenset[str], what: str) -> list[str] | None:
    if not value:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = sorted(set(items) - allowed)
    if unknown:
        raise ValidationFailed(f"unknown {what}: {', '.join(unknown)}",
                               details={"unknown": unknown, "allowed": sorted(allowed)})
    return items


@lru_cache(maxsize=1024)
def _variant_tag(access: str, variant: tuple[object, ...]) -> str:
    return etag_for(access, *variant).strip('"')[:10]


def cv_etag(e: dict[str, object], access: str, *variant: object) -> str:
    tag = _variant_tag(access, variant)
    return f'"cv-{e["cv"]["id"]}-r{e["revision"]}-{tag}"'  # type: ignore[index]


@routes.get("/api/v1/cvs", summary="List my CVs and CVs shared with me", query=s.ListQuery,
            response=s.CVList)
async def list_cvs(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    q = query(request, s.ListQuery)
    fields = _csv(q.fields, CV_FIELDS, "fields")
    cursor = decode_cursor(q.cursor, 2)
    rows, total = await cvs.list_for(uid, q.limit, (cursor[0], cursor[1]) if cursor else None)
    items = []
    for cv in rows[:q.limit]:
        e = await cvs.entry(svc(request), str(cv.id))
        if e is None:
            continue
        item = cvs.present(e, cvs.access_of(e, uid) or "view")
        items.append({k: item[k] for k in fields} if fields else item)
    nxt = None
    if len(rows) > q.limit:
        last = rows[q.limit - 1]
        nxt = encode_cursor(last.created_at.isoformat(), str(last.id))
    return respond(request, {"items": items, "next_cursor": nxt, "total": total})


@routes.post("/api/v1/cvs", summary="Create a CV (version 1) from JSON Resume data", body=s.CVCreate,
             response=s.CVOut, status=201, errors=(422,))
async def create_cv(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    data = await body(request, s.CVCreate)
    cv_id = await cvs.create(svc(request), uid, data)
    e, access = await cvs.get_for(svc(request), uid, cv_id)
    return respond(request, cvs.present(e, access), status=201, etag=cv_etag(e, access),
                   headers={"Location": f"/api/v1/cvs/{cv_id}"})


@routes.get("/api/v1/cvs/{cv_id}", summary="Read a CV", query=s.CVQuery, response=(s.CVOut, s.CVFieldsOut),
            errors=(304, 404))
async def get_cv(request: web.Request) -> web.StreamResponse:
    """Served from the data-object cache; ``ETag`` + ``304`` on ``If-None-Match``."""
    uid = user_id(request)
    e, access = await cvs.get_for(svc(request), uid, request.match_info["cv_id"], shared=True)  # read only
    fields_raw, include_raw = request.query.get("fields"), request.query.get("include")
    etag = cv_etag(e, access, fields_raw, include_raw)
    if not (fields_raw or include_raw):
        return respond(request, cvs.present(e, access), etag=etag)
    fields = _csv(fields_raw, CV_FIELDS, "fields")
    include = _csv(include_raw, INCLUDES, "include") or []
    out = cvs.present(e, access)
    if fields:
        out = {k: out[k] for k in fields}
    if "versions" in include:
        out["versions"] = await versions.list_versions(svc(request), uid, e["cv"]["id"])
    if "shares" in include:
        out["shares"] = await shares.list_shares(svc(request), uid, e["cv"]["id"]) if access == "owner" else []
    return respond(request, out, etag=etag)


def _if_match(request: web.Request, cv_id: str) -> int | None:
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return None
    m = _REVISION.match(header.split(",")[0].strip())
    if not m or m.group(1) != cv_id:
        raise cvs.PreconditionFailed("If-Match does not name this CV's current ETag")
    return int(m.group(2))


@routes.patch("/api/v1/cvs/{cv_id}", summary="Update a CV (a new version when resume changes)",
              body=s.CVChanges, response=s.CVOut, errors=(403, 404, 409, 412, 422))
async def patch_cv(request: web.Request) -> web.StreamResponse:
    """Honours ``If-Match`` (412 when the CV changed since that ETag)."""
    uid = user_id(request)
    cv_id = cvs.parse_uuid(request.match_info["cv_id"])
    expected = _if_match(request, cv_id)
    raw = await body(request, s.CVChanges)
    await cvs.update(svc(request), uid, cv_id, raw.model_dump(exclude_unset=True), expected)
    e, access = await cvs.get_for(svc(request), uid, cv_id)
    return respond(request, cvs.present(e, access), etag=cv_etag(e, access))


@routes.delete("/api/v1/cvs/{cv_id}", summary="Delete a CV with its versions and shares", status=204,
               errors=(403, 404))
async def delete_cv(request: web.Request) -> web.StreamResponse:
    await cvs.delete(svc(request), user_id(request), request.match_info["cv_id"])
    return web.Response(status=204)


@routes.post("/api/v1/cvs/batch", summary="Update many CVs, all or nothing", body=s.BatchIn,
             response=s.BatchOut, errors=(422,))
async def batch(request: web.Request) -> web.StreamResponse:
    """Every update is validated first; one invalid update → 422 listing each invalid one
    (``details[].index``) and nothing changes. Otherwise one transaction applies all."""
    uid = user_id(request)
    data = await body(request, s.BatchIn)
    ids = await cvs.batch_update(svc(request), uid, [u.model_dump() for u in data.updates])
    results = []
    for cid in ids:
        e, access = await cvs.get_for(svc(request), uid, cid)
        results.append(cvs.present(e, access))
    return respond(request, {"results": results}, cache=PRIVATE)


@routes.get("/api/v1/cvs/{cv_id}/versions", summary="List a CV's versions", response=s.VersionList)
async def list_versions(request: web.Request) -> web.StreamResponse:
    items = await versions.list_versions(svc(request), user_id(request), request.match_info["cv_id"])
    return respond(request, {"items": items})


def _number(request: web.Request) -> int:
    try:
        n = int(request.match_info["n"])
    except ValueError:
        raise ValidationFailed("the version must be a number") from None
    if not 1 <= n <= MAX_INT32:
        raise ValidationFailed(f"the version must be between 1 and {MAX_INT32}")
    return n


@routes.get("/api/v1/cvs/{cv_id}/versions/{n}", summary="Read one immutable version", response=s.VersionOut,
            errors=(404,))
async def get_version(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    _, access = await cvs.get_for(svc(request), uid, request.match_info["cv_id"])
    v = await versions.get_version(svc(request), uid, request.match_info["cv_id"], _number(request))
    out = versions.version_dict(v, content=True)
    out["extras"] = review.visible_extras(out["extras"], access)
    etag = etag_for("version", v.cv_id, v.number, access)  # versions never change
    return respond(request, out, etag=etag, cache="private, max-age=86400")


@routes.post("/api/v1/cvs/{cv_id}/versions/{n}/restore", summary="Restore a version (as a new version)",
             response=s.CVOut, status=201, errors=(403, 404))
async def restore(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    await versions.restore(svc(request), uid, request.match_info["cv_id"], _number(request))
    e, access = await cvs.get_for(svc(request), uid, request.match_info["cv_id"])
    return respond(request, cvs.present(e, access), status=201, etag=cv_etag(e, access))


@routes.get("/api/v1/cvs/{cv_id}/stats", summary="Profile analytics (owner only)", query=s.StatsQuery,
            response=s.Stats, errors=(403, 404))
async def stats(request: web.Request) -> web.StreamResponse:
    """All-time counts per kind, a day-by-day series of the last ``days`` (views, unique
    visitors, search appearances and clicks, downloads, share-link opens) and the opens
    per share link. The owner's own requests and bots are never counted."""
    q = query(request, s.StatsQuery)
    e, _ = await cvs.get_for(svc(request), user_id(request), request.match_info["cv_id"], need="owner")
    return respond(request, await analytics.stats(svc(request), e["cv"]["id"], q.days), cache="private, no-store")
