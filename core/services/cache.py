"""The application cache: configured tiers layered in order (``[cache] tiers``).

``LayeredCache`` implements the seed's §3.1.3 / §3.2 on top of ``CacheTier`` plugins:

* **read-through, back-filling**: ``get`` asks the tiers in order; a hit in a lower tier
  is copied into the tiers above it (with the remaining lifetime).
* **write-through**: ``set``/``delete`` go to every tier, and an invalidation event is
  published (batched per event-loop tick) so other nodes drop their in-process copies.
* **versioned keys**: ``namespace=`` folds a version counter into the key;
  ``bump(namespace)`` invalidates the whole namespace at once. Counters live in the last
  remote tier that can ``incr`` (Redis), else in this process.
* **stale-while-revalidate + single flight**: ``get_or_set`` serves a stale value while
  one background refresh runs; concurrent misses call the loader once.
* **decoded once (``shared=True``)**: a hit in the in-process tier whose bytes are the very
  object decoded last time returns that decoded value again instead of parsing JSON per
  request — for callers that never mutate what they get (identities, CV entries, public
  heads). Any write, delete or invalidation replaces the bytes, so the memo cannot outlive them.
* **circuit breaker per remote tier**: each call has a short timeout; a failure opens the
  breaker and the tier is skipped for a cool-down, then one probe is let through. Writes
  and deletes a skipped tier missed are replayed (as deletes, and re-published) when it
  recovers, so it never serves a value that changed while it was away.

Values are ``bytes`` (stored as is) or anything JSON can encode.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from htdy.core.host.errors import ConfigError, ServiceUnavailable
from htdy.core.host.interfaces import CacheTier
from htdy.core.services.cache_parts import CircuitBreaker, Entry, TierSlot, decode, encode

if TYPE_CHECKING:
    from htdy.core.host.config import Settings
    from htdy.core.host.plugins import Registries

log = logging.getLogger("htdy.cache")

Loader = Callable[[], Awaitable[Any]]
_SKIP: Any = object()
MAX_PENDING = 10_000
MAX_DECODED = 4096  # decoded values kept for shared=True reads (per process)


class LayeredCache:
    def __init__(self, tiers: Sequence[CacheTier], *, default_ttl: float = 300, stale_ttl: float = 60,
                 timeout: float = 0.25, breaker_threshold: int = 1, breaker_cooldown: float = 5.0,
                 node_id: str | None = None, channel: Any = None) -> None:
        """``channel``: carries invalidations to the other processes when no tier does (the
        sibling workers of one server, core/http/workers/siblings.py)."""
        if not tiers:
            raise ConfigError("[cache] tiers: at least one cache tier is required")
        self.tiers = [TierSlot(t, bool(getattr(t, "remote", True)),
                            CircuitBreaker(breaker_threshold, breaker_cooldown)) for t in tiers]
        self.default_ttl, self.stale_ttl, self.timeout = default_ttl, stale_ttl, timeout
        self.node_id = node_id or uuid.uuid4().hex
        self.stats: Counter[str] = Counter()
        self._versions: dict[str, int] = {}
        self._decoded: dict[str, tuple[bytes, Entry]] = {}
        first = self.tiers[0]
        # the in-process tier answers synchronously: read it without a coroutine per call
        self._get_now: Callable[[str], bytes | None] | None = (
            getattr(first.tier, "get_nowait", None) if not first.remote else None)
        self._pending_bumps: set[str] = set()
        self._inflight: dict[str, asyncio.Task[Any]] = {}
        self._invalidated_inflight: set[str] = set()
        self._outbox: set[str] = set()
        self._background: set[asyncio.Task[Any]] = set()
        remote_counters = [t for t in self.tiers if t.remote and hasattr(t.tier, "incr")]
        self._version_tier = remote_counters[-1] if remote_counters else None
        self._channel = next((t for t in self.tiers if hasattr(t.tier, "publish")), None)
        self._own_channel: Any = None
        if self._channel is None and channel is not None:
            self._own_channel = channel
            self._channel = TierSlot(channel, False, CircuitBreaker(breaker_threshold, breaker_cooldown))

    # ---------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        for t in self.tiers:
            await t.tier.start()
        if self._own_channel is not None:
            await self._own_channel.start()
            self._own_channel.subscribe(self._on_message_now)
        elif self._channel is not None and hasattr(self._channel.tier, "subscribe"):
            self._channel.tier.subscribe(self._on_message)
            ready = getattr(self._channel.tier, "subscribed", None)
            if isinstance(ready, asyncio.Event):  # serve nothing before events can arrive
                with contextlib.suppress(TimeoutError):  # a hung Redis must not block start-up
                    await asyncio.wait_for(ready.wait(), timeout=max(4 * self.timeout, 1.0))

    async def close(self) -> None:
        if self._background:  # let queued invalidations go out first
            await asyncio.wait(list(self._background), timeout=1.0)
        tasks = list(self._background) + list(self._inflight.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for t in self.tiers:
            with contextlib.suppress(Exception):
                await t.tier.close()
        if self._own_channel is not None:
            with contextlib.suppress(Exception):
                await self._own_channel.close()

    async def check(self, *, strict: bool = False) -> dict[str, dict[str, Any]]:
        """Status per tier for ``/readyz``. A failing remote tier makes the cache degraded,
        not unavailable (the breaker routes around it); raises only if ``strict``."""
        report: dict[str, dict[str, Any]] = {}
        for t in self.tiers:
            entry: dict[str, Any] = {"ok": True, "breaker": t.breaker.state, "pending": len(t.pending)}
            try:
                async with asyncio.timeout(max(self.timeout, 1.0)):
                    await t.tier.check()
            except Exception as exc:
                entry.update(ok=False, error=str(exc) or type(exc).__name__)
            report[t.name] = entry
        if strict and not all(e["ok"] for e in report.values()):
            raise ServiceUnavailable("cache tier unavailable", details=report)
        return report

    # ---------------------------------------------------------------- public API
    async def get(self, key: str, *, namespace: str | None = None, shared: bool = False) -> Any:
        """The fresh value, or ``None``. ``shared``: the caller does not mutate the value, so a
        value decoded for an earlier read of the same bytes may be returned again."""
        full = key if namespace is None else await self.full_key(key, namespace)
        entry = self._local(full, shared)  # a hit in the in-process tier needs no await
        if entry is None:
            entry = await self._lookup(full, shared)
        return entry.value if entry is not None and entry.fresh_until > time.time() else None

    async def set(self, key: str, value: Any, ttl: float | None = None, *, stale_ttl: float = 0,
                  namespace: str | None = None) -> None:
        await self._store(await self.full_key(key, namespace), value, ttl, stale_ttl)

    async def delete(self, *keys: str, namespace: str | None = None) -> None:
        full = [await self.full_key(k, namespace) for k in keys]
        for k in full:
            self._decoded.pop(k, None)
        for t in self.tiers:
            if await self._call(t, "delete", *full) is _SKIP:
                self._remember(t, full)
        self._invalidated_inflight.update(k for k in full if k in self._inflight)
        self._publish(full)

    async def get_or_set(self, key: str, loader: Loader, ttl: float | None = None,
                         stale_ttl: float | None = None, *, namespace: str | None = None,
                         shared: bool = False) -> Any:
        """Cached value; else ``await loader()`` once per key however many callers wait.
        A value past ``ttl`` but within ``stale_ttl`` is returned at once while a single
        background refresh replaces it. ``shared`` as for ``get``."""
        full = key if namespace is None else await self.full_key(key, namespace)
        entry = self._local(full, shared)  # a hit in the in-process tier needs no await
        if entry is None:
            entry = await self._lookup(full, shared)
        if entry is not None:
            if entry.fresh_until > time.time():
                return entry.value
            self.stats["stale_served"] += 1
            stale = self.stale_ttl if stale_ttl is None else stale_ttl
            task = self._flight(full, loader, ttl, stale)
            task.add_done_callback(_log_failure)
            return entry.value
        stale = self.stale_ttl if stale_ttl is None else stale_ttl
        return await asyncio.shield(self._flight(full, loader, ttl, stale))

    async def full_key(self, key: str, namespace: str | None) -> str:
        if namespace is None:
            return key
        return f"{namespace}@v{await self.version(namespace)}:{key}"

    async def version(self, namespace: str) -> int:
        known = self._versions.get(namespace)
        if known is not None or self._version_tier is None:
            return known or 0
        raw = await self._call(self._version_tier, "get", f"ver:{namespace}")
        if raw is _SKIP:
            return 0  # not remembered: a later read asks the tier again
        self._versions[namespace] = int(raw) if raw else 0
        return self._versions[namespace]

    async def bump(self, namespace: str) -> int:
        """Invalidate every key of ``namespace`` on every node (new version number)."""
        current = await self.version(namespace)
        new = _SKIP
        if self._version_tier is not None:
            new = await self._call(self._version_tier, "incr", f"ver:{namespace}")
            if new is _SKIP:
                self._pending_bumps.add(namespace)
        self._versions[namespace] = max(current + 1, 0 if new is _SKIP else int(new))
        self._send({"n": self.node_id, "b": {namespace: self._versions[namespace]}})
        return self._versions[namespace]

    # ---------------------------------------------------------------- internals
    async def _call(self, t: TierSlot, op: str, *args: Any) -> Any:
        method = getattr(t.tier, op)
        if not t.remote:
            return await method(*args)
        if not t.breaker.allow():
            self.stats[f"{t.name}.skipped"] += 1
            return _SKIP
        try:
            async with asyncio.timeout(self.timeout):
                result = await method(*args)
        except Exception as exc:
            self.stats[f"{t.name}.errors"] += 1
            log.warning("cache tier %s %s failed: %r", t.name, op, exc)
            t.breaker.failure()
            return _SKIP
        if t.breaker.success():
            self._spawn(self._replay(t))
        return result

    def _local(self, full: str, shared: bool) -> Entry | None:
        """A live entry of the in-process tier, read synchronously (None: ask ``_lookup``)."""
        if self._get_now is None:
            return None
        raw = self._get_now(full)
        if raw is None:
            return None
        entry = self._decode(full, raw, shared)
        if entry is None or (entry.expires_at and entry.expires_at <= time.time()):
            return None
        t = self.tiers[0]
        t.count("hit")
        self.stats[t.hits_key] += 1
        return entry

    async def _lookup(self, full: str, shared: bool = False) -> Entry | None:
        """Ask the tiers in order (the in-process one too: ``_local`` found nothing live there)."""
        now = time.time()
        first = 0
        if self._get_now is not None:
            first = 1
            self.tiers[0].count("miss")
        for i in range(first, len(self.tiers)):
            t = self.tiers[i]
            raw = await self._call(t, "get", full)
            entry = None if raw is _SKIP or raw is None else decode(raw)
            if entry is None or (entry.expires_at and entry.expires_at <= now):
                t.count("unavailable" if raw is _SKIP else "miss")
                continue
            t.count("hit")
            self.stats[f"{t.name}.hits"] += 1
            remaining = entry.expires_at - now if entry.expires_at else None
            for upper in self.tiers[:i]:
                await self._call(upper, "set", full, raw, remaining)
            return entry
        self.stats["misses"] += 1
        return None

    def _decode(self, full: str, raw: bytes, shared: bool) -> Entry | None:
        if not shared:
            return decode(raw)
        memo = self._decoded.get(full)
        if memo is not None and memo[0] is raw:  # the same stored object: nothing changed
            return memo[1]
        entry = decode(raw)
        if entry is not None:
            if len(self._decoded) >= MAX_DECODED:
                self._decoded.pop(next(iter(self._decoded)))
            self._decoded[full] = (raw, entry)
        return entry

    async def _store(self, full: str, value: Any, ttl: float | None, stale_ttl: float) -> None:
        ttl = self.default_ttl if ttl is None else ttl
        now = time.time()
        raw = encode(value, now + ttl, now + ttl + stale_ttl)
        self._decoded.pop(full, None)
        for t in self.tiers:
            if await self._call(t, "set", full, raw, ttl + stale_ttl) is _SKIP:
                self._remember(t, [full])
        self._publish([full])

    def _flight(self, full: str, loader: Loader, ttl: float | None, stale_ttl: float) -> asyncio.Task[Any]:
        task = self._inflight.get(full)
        if task is None:
            task = asyncio.create_task(self._load(full, loader, ttl, stale_ttl))
            self._inflight[full] = task
        return task

    async def _load(self, full: str, loader: Loader, ttl: float | None, stale_ttl: float) -> Any:
        try:
            self.stats["loads"] += 1
            value = await loader()
            if full not in self._invalidated_inflight:  # deleted meanwhile: don't resurrect
                await self._store(full, value, ttl, stale_ttl)
            return value
        finally:
            self._inflight.pop(full, None)
            self._invalidated_inflight.discard(full)

    def _remember(self, t: TierSlot, keys: Sequence[str]) -> None:
        if t.remote and len(t.pending) < MAX_PENDING:
            t.pending.update(keys)

    async def _replay(self, t: TierSlot) -> None:
        """The tier is back: drop what changed while it was away, tell the other nodes."""
        keys, t.pending = list(t.pending), set()
        for i in range(0, len(keys), 500):
            if await self._call(t, "delete", *keys[i:i + 500]) is _SKIP:
                t.pending.update(keys[i:])
                return
        if t is self._version_tier:
            for ns in list(self._pending_bumps):
                new = await self._call(t, "incr", f"ver:{ns}")
                if new is _SKIP:
                    return
                self._pending_bumps.discard(ns)
                self._versions[ns] = max(self._versions.get(ns, 0), int(new))
                self._send({"n": self.node_id, "b": {ns: self._versions[ns]}})
        self._publish(keys)
        log.info("cache tier %s recovered; replayed %d invalidation(s)", t.name, len(keys))

    # ---------------------------------------------------------------- cross-node events
    def _publish(self, keys: Sequence[str]) -> None:
        """Queue key invalidations; one message per event-loop tick carries them all."""
        if self._channel is None or not keys:
            return
        if self._own_channel is not None:  # a local socket: sent now, before the response
            self._own_channel.send(json.dumps({"n": self.node_id, "k": sorted(set(keys))}).encode())
            return
        if not self._outbox:
            self._spawn(self._flush_outbox())
        self._outbox.update(keys)

    async def _flush_outbox(self) -> None:
        await asyncio.sleep(0)
        keys, self._outbox = sorted(self._outbox), set()
        await self._send_now({"n": self.node_id, "k": keys})

    def _send(self, message: dict[str, Any]) -> None:
        if self._own_channel is not None:
            self._own_channel.send(json.dumps(message).encode())
        elif self._channel is not None:
            self._spawn(self._send_now(message))

    async def _send_now(self, message: dict[str, Any]) -> None:
        assert self._channel is not None
        if await self._call(self._channel, "publish", json.dumps(message).encode()) is _SKIP:
            self._remember(self._channel, message.get("k", []))

    def _on_message_now(self, raw: bytes | None) -> None:
        """A message of the sibling channel, applied at once (the in-process tier's deletes
        are synchronous): before any request that arrives after it is handled."""
        pending = self._apply(raw)
        if pending:
            self._spawn(pending)

    async def _on_message(self, raw: bytes | None) -> None:
        pending = self._apply(raw)
        if pending:
            await pending

    def _apply(self, raw: bytes | None) -> Awaitable[None] | None:
        """Apply an invalidation message; returns what is left to await (deletes in tiers
        that cannot delete synchronously), if anything."""
        if raw is None:  # (re)subscribed: anything could have been missed while away
            self._versions = {ns: v for ns, v in self._versions.items() if ns in self._pending_bumps}
            self._decoded.clear()
            for t in self.tiers:
                if not t.remote and hasattr(t.tier, "clear"):
                    t.tier.clear()
            return None
        message = json.loads(raw)
        if message.get("n") == self.node_id:
            return None
        self.stats["invalidations_received"] += 1
        for ns, v in (message.get("b") or {}).items():
            self._versions[ns] = max(self._versions.get(ns, 0), int(v))
        keys = message.get("k") or []
        if keys:
            self._invalidated_inflight.update(k for k in keys if k in self._inflight)
            for k in keys:
                self._decoded.pop(k, None)
            slow = []
            for t in self.tiers:
                if not t.remote:
                    now = getattr(t.tier, "delete_nowait", None)
                    if now is not None:
                        now(*keys)
                    else:
                        slow.append(t.tier)
            if slow:
                return _delete_all(slow, keys)
        return None

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        task.add_done_callback(_log_failure)


async def _delete_all(tiers: Sequence[CacheTier], keys: Sequence[str]) -> None:
    for tier in tiers:
        await tier.delete(*keys)


def _log_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("background cache task failed: %r", task.exception())


def build_cache(settings: Settings, registries: Registries, *, node_id: str | None = None) -> LayeredCache:
    """Instantiate ``[cache] tiers`` (options from ``[plugins.cache_tiers.<tier>]``) as a LayeredCache."""
    from htdy.core.host.plugin_checks import instantiate
    from htdy.core.http.workers import current
    from htdy.core.http.workers.siblings import SiblingChannel

    tiers: list[CacheTier] = [instantiate(settings, registries.cache_tiers, name) for name in settings.cache.tiers]
    c = settings.cache
    place = current()  # a worker of a multi-process server: tell the sibling workers what changed
    return LayeredCache(tiers, default_ttl=c.default_ttl_s, stale_ttl=c.stale_ttl_s,
                        timeout=c.remote_timeout_s, breaker_threshold=c.breaker_threshold,
                        breaker_cooldown=c.breaker_cooldown_s, node_id=node_id,
                        channel=SiblingChannel(place) if place is not None else None)
