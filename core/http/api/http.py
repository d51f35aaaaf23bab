"""Request/response helpers shared by the API modules: JSON bodies and query strings
validated with pydantic, the caller, ETag/Cache-Control/304, opaque cursors."""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from htdy.core import jsonio
from htdy.core.host.errors import HtdyError, Unauthorized, ValidationFailed
from htdy.core.http import appkeys
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


# No CV is nested deeper than a dozen levels; json and pydantic recurse, so a body of
# thousands of brackets would otherwise end in RecursionError.
MAX_JSON_DEPTH = 32


def _depth_within(raw: bytes, limit: int) -> bool:
    """Nesting of ``[``/``{`` outside strings stays within ``limit`` (checked before parsing)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return True
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:        # backslash
                escaped = True
            elif byte == 0x22:        # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def check_text(data: Any, where: str = "body") -> None:
    """NUL characters are refused on every backend (PostgreSQL cannot store them in text,
    SQLite would), in keys and values alike."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                raise ValidationFailed(f"the {where} holds a NUL character", code="invalid_characters",
                                       details=[{"loc": path or where, "msg": "NUL (U+0000) is not allowed"}])
        elif isinstance(node, dict):
            for k, v in node.items():
                stack.append((k, path))
                stack.append((v, f"{path}.{k}" if path else str(k)))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node))


# I-JSON (RFC 7493 §2.2): integers every JSON reader holds exactly (a browser's editor, the
# orjson encoder that stores JSON fields and writes answers, which fails beyond 64 bits)
MAX_SAFE_INTEGER = 2**53 - 1


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check_numbers(data: Any, where: str = "body") -> None:
    """Integers beyond ±(2^53 − 1) and numbers a double cannot hold (``1e400``) are refused
    on every backend: stored they could not be written back as JSON."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, bool) or not isinstance(node, int | float | dict | list):
            continue
        if isinstance(node, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node))
        elif (isinstance(node, int) and abs(node) > MAX_SAFE_INTEGER) or \
                (isinstance(node, float) and not math.isfinite(node)):
            raise ValidationFailed(f"the {where} holds a number out of range", code="number_out_of_range",
                                   details=[{"loc": path or where,
                                             "msg": f"numbers must lie within ±{MAX_SAFE_INTEGER}"}])


async def body(request: web.Request, model: type[M]) -> M:
    raw = await request.read()
    if not _depth_within(raw, MAX_JSON_DEPTH):
        raise HtdyError(f"the request body is nested deeper than {MAX_JSON_DEPTH} levels", code="malformed_json")
    try:
        data = json.loads(raw, parse_constant=_refuse_constant) if raw else None
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise HtdyError(f"the request body is not valid JSON: {exc}", code="malformed_json") from None
    if data is None:
        raise HtdyError("a JSON request body is required", code="malformed_json")
    check_text(data)
    check_numbers(data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("the request body is invalid", details=pydantic_details(exc)) from None


def query(request: web.Request, model: type[M]) -> M:
    data: dict[str, Any] = {}
    for k in request.query:
        if k in model.model_fields:
            data[k] = request.query[k]
    check_text(data, "query string")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("the query string is invalid", details=pydantic_details(exc)) from None


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson; ``json.dumps(…, default=str)``'s output, see core/jsonio.py)."""
    return jsonio.dumps(data)


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
