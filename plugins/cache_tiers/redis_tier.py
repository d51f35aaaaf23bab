"""``redis``: the shared cache tier (redis-py asyncio), plus the invalidation channel.

Options live in ``[plugins.cache_tiers.redis]``; the ``redis`` queue backend takes the same ones in ``[plugins.queue_backends.redis]`` (one Redis
serves both; each uses its own key space under ``prefix``). Socket timeouts are short
on purpose: LayeredCache wraps this tier in a circuit breaker, so a dead Redis costs one
short timeout and is then skipped for a cool-down.

Cross-node invalidation uses Redis pub/sub on a separate ``protocol=2`` connection
(redis-py 8 defaults to RESP3, under which asyncio subscribers missed messages here).
After every (re)subscribe the listener reports ``None`` so the cache can drop its
in-process entries: messages published while it was disconnected are lost.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from pydantic import Field
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import CacheTier, PluginOptions

log = logging.getLogger("htdy.cache.redis")

Listener = Callable[[bytes | None], Awaitable[None] | None]


class RedisOptions(PluginOptions):
    """``[plugins.cache_tiers.redis]`` and ``[plugins.queue_backends.redis]``: the options of the
    ``redis`` cache tier and of the ``redis`` queue."""

    url: str = "redis://127.0.0.1:6379/0"
    prefix: str = "htdy:"
    socket_timeout_s: float = Field(0.25, gt=0)
    socket_connect_timeout_s: float = Field(0.25, gt=0)
    max_connections: int = Field(50, ge=1)
    channel: str = "cache-invalidate"
    heartbeat_s: float = Field(5.0, gt=0)  # idle PING on the invalidation channel


def make_client(o: RedisOptions, *, socket_timeout: float | None = None, protocol: int = 3,
                retries: int = 0) -> aioredis.Redis:
    """A client with our timeouts and no hidden back-off retries (redis-py's default
    retries with exponential back-off would turn one failure into seconds)."""
    return aioredis.Redis.from_url(
        o.url,
        socket_timeout=o.socket_timeout_s if socket_timeout is None else socket_timeout,
        socket_connect_timeout=o.socket_connect_timeout_s,
        max_connections=o.max_connections,
        protocol=protocol,
        retry_on_timeout=False,
        retry=Retry(NoBackoff(), retries),
    )


class RedisTier(CacheTier):
    name = "redis"
    description = "Shared Redis tier; carries cross-node invalidation over pub/sub."
    Options = RedisOptions
    options: RedisOptions
    remote = True

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._client: aioredis.Redis | None = None
        self._listener_task: asyncio.Task[None] | None = None
        self.subscribed = asyncio.Event()  # set after the first subscription attempt

    def k(self, key: str) -> str:
        return f"{self.options.prefix}c:{key}"

    @property
    def channel(self) -> str:
        return f"{self.options.prefix}{self.options.channel}"

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            self._client = make_client(self.options)
        return self._client

    async def start(self) -> None:
        _ = self.client  # connections are made lazily; a dead Redis must not stop start-up

    async def close(self) -> None:
        task, self._listener_task = self._listener_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def get(self, key: str) -> bytes | None:
        value: Any = await self.client.get(self.k(key))
        return None if value is None else bytes(value)

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        if ttl is not None and ttl <= 0:
            await self.delete(key)
            return
        px = None if ttl is None else max(1, int(ttl * 1000))
        await self.client.set(self.k(key), value, px=px)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self.client.delete(*(self.k(key) for key in keys))

    async def incr(self, key: str) -> int:
        return int(await self.client.incr(self.k(key)))

    async def check(self) -> None:
        try:
            await self.client.ping()
        except Exception as exc:
            raise ServiceUnavailable(f"redis cache tier unreachable: {exc}") from exc

    # ------------------------------------------------------------ invalidation channel
    async def publish(self, message: bytes) -> None:
        await self.client.publish(self.channel, message)

    def subscribe(self, listener: Listener) -> None:
        """Deliver every message on the channel to ``listener`` (``None`` after each
        (re)subscription) until ``close()``; reconnects with back-off."""
        if self._listener_task is None:
            self._listener_task = asyncio.create_task(self._listen(listener), name="htdy-cache-invalidations")

    async def _listen(self, listener: Listener) -> None:
        backoff = 0.1
        while True:
            bound = max(3 * self.options.heartbeat_s, self.options.socket_timeout_s)
            client = make_client(self.options, socket_timeout=bound, protocol=2)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                backoff = 0.1
                await _call(listener, None)
                self.subscribed.set()
                await self._pump(pubsub, listener)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.subscribed.set()  # Redis is down: nobody should wait for it
                level = logging.WARNING if backoff == 0.1 else logging.DEBUG  # once per outage
                log.log(level, "invalidation channel lost (%s); retrying in %.1fs", exc, backoff)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                with contextlib.suppress(Exception):
                    await client.aclose()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    async def _pump(self, pubsub: Any, listener: Listener) -> None:
        """Deliver messages; PING when idle, and give up on a connection that stays
        silent for three heartbeats (a hung Redis or a dropped link sends no error)."""
        loop = asyncio.get_running_loop()
        beat = self.options.heartbeat_s
        last_seen = loop.time()
        while True:
            msg = await pubsub.get_message(timeout=beat)
            now = loop.time()
            if msg is not None:
                last_seen = now
                if msg.get("type") == "message":
                    await _call(listener, bytes(msg["data"]))
                continue
            if now - last_seen > 3 * beat:
                raise ConnectionError(f"no answer on the invalidation channel for {now - last_seen:.1f}s")
            await pubsub.ping()


async def _call(listener: Listener, message: bytes | None) -> None:
    try:
        result = listener(message)
        if result is not None:
            await result
    except Exception:  # a bad message must not kill the listener
        log.exception("cache invalidation listener failed")
