"""What the connection tells: HTTPS or not (behind trusted proxies), which ``Host`` to believe,
the session-bound CSRF token, and who may read the operations endpoints.

* HTTPS: the request came over TLS, or a ``[server] trusted_proxies`` address says
  ``X-Forwarded-Proto: https``, or ``[server] public_url`` is https. Then cookies are
  ``Secure`` (``[server] cookie_secure = "auto"``, the default) and responses carry HSTS.
* Hosts: with ``[server] allowed_hosts`` a request for any other ``Host`` is ``400
  invalid_host`` (share links are built from ``Host`` when ``public_url`` is unset).
* CSRF: the ``htdy_csrf`` cookie holds ``HMAC(session, secret_key)`` — a value only the
  holder of this session can have, not a free pair an attacker who can plant cookies could choose.
* Operations: with ``[server] ops_token`` set, ``/metrics`` and ``/-/plugins.json`` answer
  only ``Authorization: Bearer <ops_token>`` (404 otherwise: they do not exist for others).
"""
from __future__ import annotations

import hashlib
import hmac
from typing import Any

from aiohttp import web

from htdy.core.http import appkeys
from htdy.core.http.clientip import PROTO_HEADER, _proxies, _trusted, from_self

SESSION_COOKIE = "htdy_session"
CSRF_COOKIE = "htdy_csrf"
OPS_PATHS = frozenset({"/metrics", "/-/plugins.json"})


def _settings(request: web.Request) -> Any:
    return request.app.get(appkeys.settings)


def forwarded_https(request: web.Request) -> bool:
    """A trusted proxy says the client spoke HTTPS to it."""
    nets = _proxies(request.app)
    if not nets or not _trusted(request.remote or "", nets):
        return False
    proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return proto == "https"


def is_https(request: web.Request) -> bool:
    """The visitor reaches this server over HTTPS (directly, through a trusted proxy, or by
    the configured public address)."""
    if request.secure or forwarded_https(request):
        return True
    if request.headers.get(PROTO_HEADER) == "https" and from_self(request):
        return True  # the web frontend's loopback call for a visitor on HTTPS
    settings = _settings(request)
    return settings is not None and settings.server.public_url.strip().lower().startswith("https://")


def cookie_secure(request: web.Request) -> bool:
    settings = _settings(request)
    choice = settings.server.cookie_secure if settings is not None else "auto"
    return is_https(request) if choice == "auto" else bool(choice)


def hsts_header(request: web.Request) -> str | None:
    settings = _settings(request)
    max_age = settings.server.hsts_max_age_s if settings is not None else 0
    if max_age <= 0 or not is_https(request):
        return None
    return f"max-age={max_age}; includeSubDomains"


def csrf_token(request: web.Request, session: str) -> str:
    """The CSRF token of ``session``: bound to it and signed with ``[auth] secret_key``."""
    settings = _settings(request)
    key = settings.auth.secret_key if settings is not None else ""
    return hmac.new(session.encode(), b"htdy-csrf\0" + key.encode(), hashlib.sha256).hexdigest()[:43]


def csrf_ok(request: web.Request, session: str) -> bool:
    sent = request.headers.get("X-CSRF-Token", "")
    return bool(sent) and hmac.compare_digest(sent, csrf_token(request, session))


def set_session_cookies(request: web.Request, resp: web.StreamResponse, session: str) -> None:
    settings = _settings(request)
    max_age = int(settings.auth.session_ttl_h * 3600)
    secure = cookie_secure(request)
    resp.set_cookie(SESSION_COOKIE, session, max_age=max_age, httponly=True, samesite="Lax", secure=secure, path="/")
    resp.set_cookie(CSRF_COOKIE, csrf_token(request, session), max_age=max_age, httponly=False, samesite="Lax",
                    secure=secure, path="/")


def host_allowed(request: web.Request) -> bool:
    settings = _settings(request)
    allowed = settings.server.allowed_hosts if settings is not None else []
    if not allowed:
        return True
    host = (request.host or "").lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host  # drop a port ([v6] keeps its brackets)
    return any(name == a or host == a or (a.startswith(".") and name.endswith(a)) for a in allowed)


def ops_allowed(request: web.Request) -> bool:
    """``/metrics`` and ``/-/plugins.json`` for this caller."""
    settings = _settings(request)
    token = settings.server.ops_token if settings is not None else ""
    if not token:
        return True
    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(sent.strip().encode(), token.encode())
