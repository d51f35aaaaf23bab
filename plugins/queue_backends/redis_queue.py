"""``redis``: one sorted set per job kind in Redis, shared by every node.

Score = ``-priority * 10**12 + sequence`` (a per-kind counter), so higher priorities pop
first and equal priorities pop in push order; ``ZADD NX`` keeps a job id that is already
waiting where it is (no duplicates). ``pop`` blocks with ``BZPOPMIN`` up to ``timeout``.
Options come from ``[plugins.queue_backends.redis]`` (the redis cache tier's model, its own table).

A pop that Redis answered but whose reply was lost (a cut connection) drops that job id;
that is fine by design — the job row stays ``queued`` and the workers' re-scan finds it.
"""
from __future__ import annotations

import asyncio
from typing import Any

import redis.asyncio as aioredis

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import PluginOptions, QueueBackend
from htdy.plugins.cache_tiers.redis_tier import RedisOptions, make_client
from htdy.plugins.queue_backends.inprocess import clamp

SEQ_SPAN = 10**12  # sequence numbers stay below this; scores stay exact in a double
_PUSH = """
local seq = redis.call('INCR', KEYS[2]) % tonumber(ARGV[3])
local score = string.format('%.0f', tonumber(ARGV[1]) * tonumber(ARGV[3]) + seq)
return redis.call('ZADD', KEYS[1], 'NX', score, ARGV[2])
"""


class RedisQueue(QueueBackend):
    name = "redis"
    description = "Redis sorted sets per job kind (priorities, BZPOPMIN), shared by all nodes."
    Options = RedisOptions
    options: RedisOptions

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._client: aioredis.Redis | None = None
        self._push: Any = None

    def k(self, kind: str) -> str:
        return f"{self.options.prefix}q:{kind}"

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            # No socket timeout: BZPOPMIN blocks on purpose; pop() bounds the wait itself.
            self._client = make_client(self.options, socket_timeout=3600, retries=1)
            self._push = self._client.register_script(_PUSH)
        return self._client

    async def start(self) -> None:
        _ = self.client

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def push(self, kind: str, job_id: str, priority: int = 0) -> None:
        _ = self.client
        await self._bounded(self._push(keys=[self.k(kind), self.k(kind) + ":seq"],
                                       args=[-clamp(priority), job_id, SEQ_SPAN]))

    async def pop(self, kind: str, timeout: float) -> str | None:
        if timeout <= 0:
            popped: Any = await self._bounded(self.client.zpopmin(self.k(kind), 1))
            return popped[0][0].decode() if popped else None
        result: Any = await self._bounded(self.client.bzpopmin([self.k(kind)], timeout=timeout),
                                          extra=timeout)
        if not result:
            return None
        member = result[1]
        return member.decode() if isinstance(member, bytes) else str(member)

    async def depth(self, kind: str) -> int:
        return int(await self._bounded(self.client.zcard(self.k(kind))))

    async def _bounded(self, awaitable: Any, extra: float = 0.0) -> Any:
        """Bound every call by the socket timeout (plus the blocking time for pops)."""
        async with asyncio.timeout(extra + self.options.socket_timeout_s + 1.0):
            return await awaitable

    async def check(self) -> None:
        try:
            await self._bounded(self.client.ping())
        except Exception as exc:
            raise ServiceUnavailable(f"redis queue unreachable: {exc}") from exc
