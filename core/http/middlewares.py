"""Middlewares, outermost first: request id + access log + metrics (+ HSTS over HTTPS) + errors
as JSON, authentication (bearer token or session cookie) with a session-bound CSRF token for
cookie-authenticated writes, and rate limits (core/http/ratelimit.py). The allowed ``Host`` names
and the operations token are checked before the caller (``htdy.core.http.transport``)."""
from __future__ import annotations

import logging
import os
import re
import time
from typing import Any

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from tortoise.exceptions import DBConnectionError, OperationalError

from htdy.core.host.errors import Forbidden, HtdyError, NotFound, Unauthorized
from htdy.core.http import appkeys, ratelimit, transport
from htdy.core.http.transport import CSRF_COOKIE, SESSION_COOKIE
from htdy.core.observability import metrics
from htdy.core.observability.logging import REQUEST
from htdy.core.observability.tracing import parse_traceparent
from htdy.core.services import accounts

log = logging.getLogger("htdy.api")
access_log = structlog.get_logger("htdy.access")
__all__ = ["CSRF_COOKIE", "SESSION_COOKIE", "app_middleware", "authenticate", "errors", "request_context"]
CSRF_SESSION = web.RequestKey("csrf_session", str)  # the session cookie the caller was identified by
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_RID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "too_large",
               415: "unsupported_media_type", 422: "validation_failed", 429: "too_many_requests"}


def _route(request: web.Request) -> str:
    info = request.match_info
    route = getattr(info, "route", None)
    resource = getattr(route, "resource", None)
    return resource.canonical if resource is not None else "unmatched"


def error_body(code: str, message: str, details: object, request_id: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "details": details, "request_id": request_id}}


_UNLOGGED_ROUTES = frozenset({"/healthz", "/livez", "/readyz", "/metrics"})  # probes and scrapes
_access_enabled = logging.getLogger("htdy.access").isEnabledFor
def context_middleware(*, authenticate: bool) -> Any:
    """The request middleware: request id, metrics, access line, errors as JSON and — with
    ``authenticate`` (the app's; ``request_context`` is the one without) — the caller
    (``identify_caller``). One coroutine layer per request instead of four: each layer
    costs a call frame and a ``partial`` on every request."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        headers = request.headers
        traceparent = headers.get("traceparent")  # from another htdy node (or a proxy)
        trace = parse_traceparent(traceparent) if traceparent else None
        rid = headers.get("X-Request-ID", "")
        if not _RID_OK.match(rid):
            rid = trace[0] if trace else os.urandom(16).hex()  # (what uuid4().hex gave, at a third of the cost)
        request[appkeys.request_id] = rid
        bound = REQUEST.set({"request_id": rid, "trace_id": trace[0], "parent_id": trace[1]} if trace
                            else {"request_id": rid})
        start = time.perf_counter()
        metrics.IN_FLIGHT.value += 1
        status = 500
        try:
            try:
                if authenticate:
                    await identify_caller(request)
                resp = await handler(request)
            except Exception as exc:  # (errors() folded in: one coroutine layer less per request)
                resp = error_response(request, exc)  # raises again what is not an error (a redirect)
            status = resp.status
            if not resp.prepared:
                resp.headers["X-Request-ID"] = rid
                resp.headers.setdefault("X-Content-Type-Options", "nosniff")
                if hsts := transport.hsts_header(request):
                    resp.headers.setdefault("Strict-Transport-Security", hsts)
                refresh_csrf(request, resp)
            return resp
        except web.HTTPException as exc:  # raised redirects (errors() turns 4xx/5xx into responses)
            status = exc.status
            exc.headers["X-Request-ID"] = rid
            exc.headers.setdefault("X-Content-Type-Options", "nosniff")
            if hsts := transport.hsts_header(request):
                exc.headers.setdefault("Strict-Transport-Security", hsts)
            raise
        finally:
            metrics.IN_FLIGHT.value -= 1
            elapsed = time.perf_counter() - start
            route = _route(request)
            method = request.method
            metrics.REQUESTS.inc((method, route, str(status)))
            metrics.LATENCY.observe((method, route), elapsed)
            # the access line is built only when INFO is on (structlog runs its processors first)
            if route not in _UNLOGGED_ROUTES and _access_enabled(logging.INFO):
                access_log.info("request", method=request.method, path=request.path, route=route, status=status,
                                duration_ms=round(elapsed * 1000, 2), user=(request.get(appkeys.user) or {}).get("id"))
            REQUEST.reset(bound)

    return middleware


request_context = context_middleware(authenticate=False)
app_middleware = context_middleware(authenticate=True)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Errors as JSON (``error_response``); ``request_context`` does the same itself."""
    try:
        return await handler(request)
    except Exception as exc:
        return error_response(request, exc)


def error_response(request: web.Request, exc: Exception) -> web.Response:
    """The JSON error response for ``exc`` raised by a handler; a raised ``HTTPException``
    below 400 (a redirect) is raised again."""
    rid = request.get(appkeys.request_id, "")
    if isinstance(exc, HtdyError):
        metrics.HTTP_ERRORS.labels(str(exc.status), exc.code).inc()
        return web.json_response(error_body(exc.code, exc.message, exc.details, rid), status=exc.status,
                                 headers=getattr(exc, "headers", None))
    if isinstance(exc, web.HTTPException):
        if exc.status < 400:
            raise exc
        code = _HTTP_CODES.get(exc.status, "http_error")
        metrics.HTTP_ERRORS.labels(str(exc.status), code).inc()
        message = exc.reason if exc.status != 413 else "the request body is too large"
        headers = {k: v for k, v in exc.headers.items() if k.lower() == "allow"}
        if exc.status == 405 and (allowed := documented_methods(request)):
            headers = {"Allow": ",".join(allowed)}
        return web.json_response(error_body(code, message, None, rid), status=exc.status, headers=headers)
    if isinstance(exc, (DBConnectionError, ConnectionError, TimeoutError)):
        # the database (or another service) cannot be reached: the request can be retried
        log.warning("service unavailable on %s %s: %s: %s", request.method, request.path, type(exc).__name__, exc)
        code = "database_unavailable" if isinstance(exc, DBConnectionError) or _from_db(exc) else "service_unavailable"
        metrics.HTTP_ERRORS.labels("503", code).inc()
        return web.json_response(error_body(code, "a service this request needs is unavailable; try again later",
                                            None, rid), status=503, headers={"Retry-After": "5"})
    if _from_db(exc):
        log.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
        metrics.HTTP_ERRORS.labels("503", "database_unavailable").inc()
        return web.json_response(error_body("database_unavailable", "the database is unavailable; try again "
                                            "later", None, rid), status=503, headers={"Retry-After": "5"})
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=exc)
    metrics.HTTP_ERRORS.labels("500", "internal").inc()
    return web.json_response(error_body("internal", "internal server error", None, rid), status=500)


def documented_methods(request: web.Request) -> list[str]:
    """The methods the API documents for this path. aiohttp's own ``Allow`` joins every route
    whose pattern matches: ``/api/v1/cvs/batch`` would list ``/api/v1/cvs/{cv_id}``'s GET,
    PATCH and DELETE too. The most literal template wins, as for a person reading the spec."""
    table = request.app.get(appkeys.api_routes)
    if table is None:
        return []
    best: dict[str, set[str]] = {}
    for op in table.operations:
        pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(op.path))
        if re.fullmatch(pattern, request.path):
            best.setdefault(op.path, set()).add(op.method.upper())
    if not best:
        return []
    literal = min(best, key=lambda p: (p.count("{"), p))
    return sorted(best[literal])


def _from_db(exc: BaseException) -> bool:
    """A lost or refused database connection (asyncpg's connection errors, an OperationalError
    of SQLite or PostgreSQL that says so) — this error or the one it was raised while handling
    (a connection lost mid-transaction fails again at the rollback, with another type)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        if _db_connection_error(link):
            return True
        link = link.__cause__ or link.__context__
    return False


def _db_connection_error(exc: BaseException) -> bool:
    name = type(exc).__module__ + "." + type(exc).__name__
    if name.startswith("asyncpg.") and ("Connection" in type(exc).__name__ or "CannotConnect" in type(exc).__name__
                                        or "connection is closed" in str(exc)):
        return True
    if isinstance(exc, (ConnectionError, TimeoutError)) and _raised_in(exc, ("asyncpg", "tortoise", "aiosqlite")):
        return True  # a refused or reset connection of the database driver (builtin exception types)
    text = str(exc).lower()
    return isinstance(exc, OperationalError) and any(w in text for w in (
        "connection", "could not connect", "server closed", "database is locked", "unable to open database"))


def _raised_in(exc: BaseException, packages: tuple[str, ...]) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".", 1)[0] in packages:
            return True
        tb = tb.tb_next
    return False


@web.middleware
async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``identify_caller`` as a middleware of its own (``context_middleware`` does it inline)."""
    await identify_caller(request)
    resp = await handler(request)
    if not resp.prepared:
        refresh_csrf(request, resp)
    return resp


def refresh_csrf(request: web.Request, resp: web.StreamResponse) -> None:
    """A session from before session-bound tokens (or a browser that lost the cookie): a read
    hands out the session's token — never on a response a shared cache may keep."""
    session = request.get(CSRF_SESSION)
    if (session and request.method in SAFE_METHODS
            and "public" not in resp.headers.get("Cache-Control", "")
            and request.cookies.get(CSRF_COOKIE) != (token := transport.csrf_token(request, session))):
        max_age = int(request.app[appkeys.settings].auth.session_ttl_h * 3600)
        resp.set_cookie(CSRF_COOKIE, token, max_age=max_age, httponly=False, samesite="Lax",
                        secure=transport.cookie_secure(request), path="/")


async def identify_caller(request: web.Request) -> None:
    """Resolve ``request["user"]``; enforce CSRF on cookie-authenticated writes; count the
    request against its route's rate limits (per account, so after the caller is known)."""
    if not transport.host_allowed(request):
        raise HtdyError("this server does not answer to that Host", code="invalid_host", status=400)
    if request.path in transport.OPS_PATHS and request.app[appkeys.settings].server.ops_token:
        if not transport.ops_allowed(request):  # the operations token, not a user's
            raise NotFound("not found")
        return
    svc = request.app[appkeys.services]
    auth = request.headers.get("Authorization", "")
    session = ""
    if auth:
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("use Authorization: Bearer <token>", code="invalid_token")
        user = await accounts.identify(svc, token.strip(), "token")
        if user is None:
            raise Unauthorized("the API token is invalid or revoked", code="invalid_token")
        request[appkeys.user], request[appkeys.auth_via] = user, "token"
    elif cookie := request.cookies.get(SESSION_COOKIE):
        user = await accounts.identify(svc, cookie, "session")
        if user is not None:
            session = cookie
            request[appkeys.user], request[appkeys.auth_via] = user, "session"
            # the JSON API's rule; plugin pages outside /api/ (no-JS form posts) check
            # their own origin instead
            request[CSRF_SESSION] = session
            if (request.method not in SAFE_METHODS and request.path.startswith("/api/")
                    and not transport.csrf_ok(request, session)):
                raise Forbidden("missing or wrong X-CSRF-Token header (must equal the htdy_csrf cookie)",
                                code="csrf_failed")
    if ratelimit.limit_of(request) is not None:
        await ratelimit.check(request)
