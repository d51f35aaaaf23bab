"""Micro-benchmark of LayeredCache reads (not collected by pytest).

    .venv/bin/python tests/backends/bench_cache.py [redis://127.0.0.1:6379/11]

Prints median and p99 per ``get`` for: a memory-tier hit (memory → redis cache), a
Redis-tier hit (redis-only cache), and a read while the breaker is open (Redis down).
"""
from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import time
import uuid

from htdy.core.services.cache import LayeredCache
from htdy.plugins.cache_tiers.memory import MemoryTier
from htdy.plugins.cache_tiers.redis_tier import RedisTier


async def measure(cache: LayeredCache, key: str, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        await cache.get(key)
        samples.append((time.perf_counter_ns() - t0) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99)]


async def main(url: str) -> None:
    prefix = f"bench:{uuid.uuid4().hex[:8]}:"
    value = {"name": "Ada Lovelace", "skills": ["python"] * 20, "summary": "x" * 2000}
    layered = LayeredCache([MemoryTier(), RedisTier(RedisTier.Options(url=url, prefix=prefix))])
    redis_only = LayeredCache([RedisTier(RedisTier.Options(url=url, prefix=prefix))])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    dead = LayeredCache([MemoryTier(), RedisTier(RedisTier.Options(url=f"redis://127.0.0.1:{dead_port}/0"))],
                        breaker_cooldown=3600)
    for c in (layered, redis_only, dead):
        await c.start()
    try:
        await layered.set("hot", value, ttl=600)
        await layered.get("hot")
        await dead.get("warm-up")  # the one failed call that opens the breaker
        for label, cache, n in (("memory-tier hit (memory+redis)", layered, 20000),
                                ("redis-tier hit (redis only)", redis_only, 5000),
                                ("miss with breaker open (redis down)", dead, 20000)):
            med, p99 = await measure(cache, "hot", n)
            print(f"{label:40s} median {med:8.1f} µs   p99 {p99:8.1f} µs   (n={n})")
        await layered.delete("hot")
    finally:
        for c in (layered, redis_only, dead):
            await c.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "redis://127.0.0.1:6379/11"))
