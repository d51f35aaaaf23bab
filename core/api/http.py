"""Request/response helpers shared by the API modules: JSON bodies and query strings
validated with pydantic, the caller, ETag/Cache-Control/304, opaque cursors."""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from htdy.core import appkeys
from htdy.core.errors import HtdyError, Unauthorized, ValidationFailed
from htdy.core.services import Services
from htdy.core.services.validation import pydantic_details

M = TypeVar("M", bound=BaseModel)
PRIVATE = "private, no-cache"
PUBLIC = "public, max-age=300, s-maxage=900"


def svc(request: web.Request) -> Services:
    return request.app[appkeys.services]


def user_id(request: web.Request) -> str:
    user = request.get(appkeys.user)
    if not user:
        raise Unauthorized("sign in or send an API token (Authorization: Bearer …)")
    return str(user["id"])


def optional_user_id(request: web.Request) -> str | None:
    user = request.get(appkeys.user)
    return str(user["id"]) if user else None


async def body(request: web.Request, model: type[M]) -> M:
    raw = await request.read()
    try:
        data = json.loads(raw) if raw else None
    except (ValueError, UnicodeDecodeError) as exc:
        raise HtdyError(f"the request body is not valid JSON: {exc}", code="malformed_json") from None
    if data is None:
        raise HtdyError("a JSON request body is required", code="malformed_json")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("the request body is invalid", details=pydantic_details(exc)) from None


def query(request: web.Request, model: type[M]) -> M:
    data: dict[str, Any] = {}
    for k in request.query:
        if k in model.model_fields:
            data[k] = request.query[k]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("the query string is invalid", details=pydantic_details(exc)) from None


def dumps(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def etag_for(*parts: Any) -> str:
    return '"' + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:20] + '"'


def not_modified(request: web.Request, etag: str) -> bool:
    inm = request.headers.get("If-None-Match")
    if not inm:
        return False
    tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
    return "*" in tags or etag in tags


def respond(request: web.Request, data: Any, *, status: int = 200, etag: str | None = None,
            cache: str | None = PRIVATE, headers: dict[str, str] | None = None) -> web.Response:
    hdrs = dict(headers or {})
    if cache:
        hdrs["Cache-Control"] = cache
        if cache.startswith("private"):
            hdrs["Vary"] = "Authorization, Cookie"
    if etag is not None:
        hdrs["ETag"] = etag
        if request.method in ("GET", "HEAD") and not_modified(request, etag):
            return web.Response(status=304, headers=hdrs)
    return web.Response(body=dumps(data), status=status, content_type="application/json", headers=hdrs)


def encode_cursor(*parts: str) -> str:
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, n: int) -> tuple[str, ...] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValidationFailed("invalid cursor", code="invalid_cursor") from None
    parts = tuple(raw.split("|"))
    if len(parts) != n:
        raise ValidationFailed("invalid cursor", code="invalid_cursor")
    return parts
