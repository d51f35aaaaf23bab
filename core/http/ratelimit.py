"""Rate limits (issue 11): per client and per account, 429 with ``Retry-After``.

Counters live in this process (``[ratelimit] storage = "memory"``) or in Redis, so the API
nodes of a split deployment share them; the ``limits`` library supplies the sliding-window
counters and both storages. A limit store that cannot be reached fails open (logged): rate
limiting must not take the site down with it. Which requests count is decided by the
route's canonical path, so plugin routes that call the API on a visitor's behalf (through
``clientip.forward_headers``) are counted once, as that visitor."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
from typing import Any

from aiohttp import web
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from htdy.core.host.config import RateLimitSettings
from htdy.core.host.errors import HtdyError
from htdy.core.http import appkeys
from htdy.core.http.clientip import client_key

log = logging.getLogger("htdy.ratelimit")

# (method, canonical route) → the [ratelimit] line that applies; who is counted is decided
# by the line: login/signup per client, the rest per user (per client when anonymous)
ROUTES: dict[tuple[str, str], str] = {
    ("POST", "/api/v1/auth/login"): "login",
    ("POST", "/api/v1/auth/signup"): "signup",
    ("POST", "/api/v1/auth/password-reset"): "signup",
    ("POST", "/api/v1/auth/password-reset/confirm"): "login",
    ("POST", "/api/v1/auth/verify-email"): "login",
    ("POST", "/api/v1/auth/verify-email/resend"): "signup",
    ("POST", "/api/v1/me/password"): "login",
    ("POST", "/api/v1/me/2fa/setup"): "login",
    ("POST", "/api/v1/me/2fa/enable"): "login",
    ("POST", "/api/v1/me/2fa/disable"): "login",
    ("POST", "/api/v1/uploads"): "upload",
    ("GET", "/api/v1/cvs/{cv_id}/render"): "render",
    ("GET", "/api/v1/profiles/{slug}/render"): "render",
    ("GET", "/api/v1/cvs/{cv_id}/ats-check"): "render",
    ("GET", "/api/v1/search"): "search",
    ("POST", "/api/v1/match"): "search",
    ("POST", "/api/v1/me/saved-searches"): "search",
}
PER_CLIENT = {"login", "signup"}


class RateLimited(HtdyError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, details={"retry_after_s": retry_after})
        self.headers = {"Retry-After": str(retry_after)}


class RateLimiter:
    def __init__(self, settings: RateLimitSettings) -> None:
        self.settings = settings
        self.enabled = settings.enabled
        self.storage: Storage = MemoryStorage() if settings.storage == "memory" else RedisStorage(
            "async+" + settings.storage, implementation="redispy", key_prefix="htdy-rl",
            wrap_exceptions=True, socket_timeout=0.25, socket_connect_timeout=0.25)
        self.limiter = SlidingWindowCounterRateLimiter(self.storage)
        self.items: dict[str, list[RateLimitItem]] = {
            name: [item for text in getattr(settings, name) for item in parse_many(text)]
            for name in ("login", "login_failures", "signup", "upload", "render", "search")}
        self._warned = 0.0

    async def _hit(self, name: str, who: str) -> None:
        """Count one request; ``RateLimited`` when one of ``name``'s limits is used up."""
        if not self.enabled:
            return
        try:
            for item in self.items[name]:
                if not await self.limiter.hit(item, name, who):
                    stats = await self.limiter.get_window_stats(item, name, who)
                    wait = max(1, math.ceil(stats.reset_time - time.time()))
                    raise RateLimited(f"too many requests ({item}); try again in {wait} s", wait)
        except RateLimited:
            raise
        except Exception as exc:  # noqa: BLE001 - an unreachable limit store fails open
            self._warn(exc)

    async def check(self, request: web.Request, name: str) -> None:
        user = request.get(appkeys.user)
        who = client_key(request) if name in PER_CLIENT or not user else f"user:{user['id']}"
        await self._hit(name, who)

    # ---- failed logins per account (the e-mail's hash: no address in the store)
    @staticmethod
    def _account(email: str) -> str:
        return "acct:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]

    async def before_login(self, email: str) -> None:
        """Refuse an account whose failed attempts are used up; slow down repeated failures."""
        if not self.enabled:
            return
        try:
            failures = 0
            for item in self.items["login_failures"]:
                stats = await self.limiter.get_window_stats(item, "login_failures", self._account(email))
                used = item.amount - stats.remaining
                failures = max(failures, used)
                if stats.remaining <= 0:
                    wait = max(1, math.ceil(stats.reset_time - time.time()))
                    raise RateLimited(f"too many failed logins for this account; try again in {wait} s", wait)
        except RateLimited:
            raise
        except Exception as exc:  # noqa: BLE001
            self._warn(exc)
            return
        over = failures - self.settings.login_delay_after
        if over >= 0:
            await asyncio.sleep(min(self.settings.login_delay_max_s, 0.25 * 2 ** over))

    async def login_failed(self, email: str) -> None:
        await self._on_failures(email, self.limiter.hit)

    async def login_succeeded(self, email: str) -> None:
        await self._on_failures(email, self.limiter.clear)

    async def _on_failures(self, email: str, op: Any) -> None:
        """Count (``hit``) or forget (``clear``) a failed login on each of the account's windows."""
        if not self.enabled:
            return
        try:
            for item in self.items["login_failures"]:
                await op(item, "login_failures", self._account(email))
        except Exception as exc:  # noqa: BLE001 - an unreachable limit store fails open
            self._warn(exc)

    def _warn(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._warned > 60:
            self._warned = now
            log.warning("rate-limit store unreachable, not limiting: %s", exc)


LIMITER = web.AppKey("ratelimiter", RateLimiter)


def limit_of(request: web.Request) -> str | None:
    """The ``[ratelimit]`` line that counts ``request`` (by method and canonical route), or None."""
    route = getattr(getattr(request.match_info, "route", None), "resource", None)
    return ROUTES.get((request.method, route.canonical)) if route is not None else None


async def check(request: web.Request) -> None:
    """Count ``request`` against its route's limits (``RateLimited`` when one is used up).
    Called by the ``authenticate`` middleware once the caller is known (limits are per account)."""
    name = limit_of(request)
    if name is not None and LIMITER in request.app:
        await request.app[LIMITER].check(request, name)


def install(app: web.Application, settings: Any) -> RateLimiter:
    limiter = RateLimiter(settings.ratelimit)
    app[LIMITER] = limiter
    return limiter
