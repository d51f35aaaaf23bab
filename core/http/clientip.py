"""Who is calling: the client's address behind trusted proxies, and a keyed hash of it.

Raw addresses are never stored (privacy): rate-limit counters, in memory or in Redis, are
keyed by ``client_key`` (HMAC of the address with ``[auth] secret_key``, or a per-process key
when there is none). ``X-Forwarded-For`` is believed only from ``[server] trusted_proxies``;
a plugin that calls this app over loopback on behalf of a visitor (a no-JavaScript form
post) passes the visitor on with ``forward_headers``."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from functools import lru_cache
from typing import Any

from aiohttp import web

_PROCESS_KEY = secrets.token_bytes(32)
INTERNAL_HEADER = "X-Htdy-Internal"
FORWARDED_HEADER = "X-Htdy-Client"
PROTO_HEADER = "X-Htdy-Proto"


@lru_cache(maxsize=64)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in spec)


def _trusted(addr: str, nets: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return any(ip in net for net in nets)


def _settings(app: web.Application) -> Any:
    from htdy.core.http import appkeys  # (here: appkeys imports the API, whose modules import this one)

    return app.get(appkeys.settings)  # (a bare app of a plugin's tests has none)


def _secret(app: web.Application) -> bytes:
    settings = _settings(app)  # (a bare app of a plugin's tests has none)
    return (settings.auth.secret_key if settings is not None else "").encode() or _PROCESS_KEY


def _proxies(app: web.Application) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    settings = _settings(app)
    return _networks(tuple(settings.server.trusted_proxies)) if settings is not None else ()


def _internal_token(app: web.Application) -> str:
    return hmac.new(_secret(app), b"htdy-internal-request", hashlib.sha256).hexdigest()


def from_self(request: web.Request) -> bool:
    """This app calling itself on a visitor's behalf (``forward_headers``)."""
    return hmac.compare_digest(request.headers.get(INTERNAL_HEADER, ""), _internal_token(request.app))


def client_ip(request: web.Request) -> str:
    """The calling client's address ("" when unknown)."""
    remote = request.remote or ""
    sent = request.headers.get(FORWARDED_HEADER)
    if sent and from_self(request):
        return sent
    nets = _proxies(request.app)
    if nets and _trusted(remote, nets):
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
        for hop in reversed(hops):          # the nearest hop a trusted proxy did not add
            if not _trusted(hop, nets):
                return hop
        return hops[0] if hops else remote
    return remote


def client_key(request: web.Request) -> str:
    """A stable, non-reversible id of the client's address."""
    return hmac.new(_secret(request.app), client_ip(request).encode(), hashlib.sha256).hexdigest()[:24]


def forward_headers(request: web.Request) -> dict[str, str]:
    """Headers for a request this app sends to itself on behalf of ``request``'s client (its
    address, and whether it came over HTTPS: the cookies the API sets then are ``Secure``)."""
    from htdy.core.http.transport import is_https

    return {INTERNAL_HEADER: _internal_token(request.app), FORWARDED_HEADER: client_ip(request),
            PROTO_HEADER: "https" if is_https(request) else "http"}
