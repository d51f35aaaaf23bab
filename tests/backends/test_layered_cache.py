"""LayeredCache against the real Redis: two "nodes" (two caches, each with its own memory
tier, one shared Redis), the kill switch, stale-while-revalidate and single flight."""
from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.cache import LayeredCache, build_cache
from htdy.plugins.cache_tiers.memory import MemoryTier
from htdy.plugins.cache_tiers.redis_tier import RedisTier

MakeCache = Callable[..., Awaitable[LayeredCache]]


@pytest.fixture
async def make_cache(redis_url: str, redis_prefix: str) -> AsyncIterator[MakeCache]:
    caches: list[LayeredCache] = []

    async def make(url: str = redis_url, heartbeat_s: float = 5.0, **kw: Any) -> LayeredCache:
        redis_tier = RedisTier(RedisTier.Options(url=url, prefix=redis_prefix, heartbeat_s=heartbeat_s))
        cache = LayeredCache([MemoryTier(), redis_tier], **kw)
        await cache.start()
        caches.append(cache)
        return cache

    yield make
    for c in caches:
        await c.close()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 3.0) -> None:
    end = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


async def subscribed(*caches: LayeredCache) -> None:
    """Wait until every node's invalidation listener is subscribed."""
    for c in caches:
        tier = c.tiers[-1].tier
        assert isinstance(tier, RedisTier)
        await eventually(functools.partial(_numsub, tier))


async def _numsub(tier: RedisTier) -> bool:
    counts = dict(await tier.client.pubsub_numsub(tier.channel))
    return int(counts.get(tier.channel.encode(), counts.get(tier.channel, 0))) > 0


def memory(cache: LayeredCache) -> MemoryTier:
    tier = cache.tiers[0].tier
    assert isinstance(tier, MemoryTier)
    return tier


async def test_values_roundtrip_and_backfill(make_cache: MakeCache) -> None:
    a = await make_cache()
    await a.set("json", {"name": "Ada", "skills": ["python"]}, ttl=30)
    await a.set("raw", b"%PDF-1.7\x00", ttl=30)
    await a.close()  # its invalidation events are out before b listens (they would drop b's copies)
    b = await make_cache()
    assert memory(b).get_nowait("json") is None
    assert await b.get("json") == {"name": "Ada", "skills": ["python"]}  # from Redis
    assert memory(b).get_nowait("json") is not None  # back-filled
    assert await b.get("raw") == b"%PDF-1.7\x00"
    assert b.stats["redis.hits"] == 2 and (await b.get("json")) and b.stats["memory.hits"] == 1


async def test_delete_on_one_node_drops_the_other_nodes_memory_entry(make_cache: MakeCache) -> None:
    a, b = await make_cache(), await make_cache()
    await subscribed(a, b)
    seen = b.stats["invalidations_received"]
    await a.set("profile:1", {"v": 1}, ttl=60)
    await eventually(lambda: _received_more(b, seen))  # a's write event reached b
    assert await b.get("profile:1") == {"v": 1}
    assert memory(b).get_nowait("profile:1") is not None
    await a.delete("profile:1")
    await eventually(lambda: _absent(b, "profile:1"))
    assert await b.get("profile:1") is None
    # a write on one node replaces the other node's in-process copy too
    await b.set("profile:2", "old", ttl=60)
    assert await a.get("profile:2") == "old"
    await b.set("profile:2", "new", ttl=60)
    await eventually(lambda: _absent(a, "profile:2"))
    assert await a.get("profile:2") == "new"


async def _received_more(cache: LayeredCache, seen: int) -> bool:
    return cache.stats["invalidations_received"] > seen


async def _absent(cache: LayeredCache, key: str) -> bool:
    return memory(cache).get_nowait(key) is None


async def test_bump_invalidates_a_namespace_on_every_node(make_cache: MakeCache) -> None:
    a, b = await make_cache(), await make_cache()
    await subscribed(a, b)
    await a.set("render:html", "v1 page", ttl=60, namespace="cv:42")
    assert await b.get("render:html", namespace="cv:42") == "v1 page"
    assert await a.bump("cv:42") == 1
    await eventually(lambda: _version_is(b, "cv:42", 1))
    assert await b.get("render:html", namespace="cv:42") is None
    assert await a.get("render:html", namespace="cv:42") is None
    # a node that starts later reads the counter from Redis
    c = await make_cache()
    assert await c.version("cv:42") == 1


async def _version_is(cache: LayeredCache, ns: str, v: int) -> bool:
    return await cache.version(ns) == v


async def test_single_flight_calls_the_loader_once(make_cache: MakeCache) -> None:
    cache = await make_cache()
    calls = 0

    async def loader() -> dict[str, int]:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return {"n": calls}

    results = await asyncio.gather(*(cache.get_or_set("hot", loader, ttl=30) for _ in range(50)))
    assert calls == 1 and all(r == {"n": 1} for r in results)
    assert await cache.get_or_set("hot", loader, ttl=30) == {"n": 1} and calls == 1


async def test_stale_while_revalidate(make_cache: MakeCache) -> None:
    cache = await make_cache()
    calls = 0

    async def loader() -> int:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.3)
        return calls

    assert await cache.get_or_set("k", loader, ttl=0.1, stale_ttl=10) == 1
    await asyncio.sleep(0.15)  # now stale
    t0 = time.perf_counter()
    stale = await asyncio.gather(*(cache.get_or_set("k", loader, ttl=0.1, stale_ttl=10) for _ in range(20)))
    assert time.perf_counter() - t0 < 0.2, "a stale value is served without waiting for the loader"
    assert stale == [1] * 20
    await eventually(lambda: _value_is(cache, "k", 2))
    assert calls == 2, "twenty stale reads trigger one refresh"
    assert cache.stats["stale_served"] == 20


async def _value_is(cache: LayeredCache, key: str, value: Any) -> bool:
    return await cache.get(key) == value


async def test_loader_failure_is_not_cached(make_cache: MakeCache) -> None:
    cache = await make_cache()

    async def broken() -> int:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        await cache.get_or_set("k", broken)
    assert await cache.get("k") is None

    async def ok() -> int:
        return 7

    assert await cache.get_or_set("k", ok) == 7


async def test_delete_during_load_does_not_resurrect(make_cache: MakeCache) -> None:
    cache = await make_cache()
    started = asyncio.Event()

    async def slow() -> str:
        started.set()
        await asyncio.sleep(0.1)
        return "old"

    task = asyncio.create_task(cache.get_or_set("k", slow, ttl=30))
    await started.wait()
    await cache.delete("k")
    assert await task == "old"
    assert await cache.get("k") is None


# ------------------------------------------------------------------ kill switch
async def test_dead_redis_opens_the_breaker_and_values_come_from_the_loader(
        make_cache: MakeCache, closed_port: int) -> None:
    cache = await make_cache(url=f"redis://127.0.0.1:{closed_port}/0", breaker_cooldown=30)
    calls = 0

    async def loader() -> str:
        nonlocal calls
        calls += 1
        return f"fresh-{calls}"

    t0 = time.perf_counter()
    assert await cache.get_or_set("a", loader, ttl=60) == "fresh-1"
    for i in range(200):
        await cache.get_or_set(f"k{i}", loader, ttl=60)
    elapsed = time.perf_counter() - t0
    assert cache.tiers[1].breaker.state == "open"
    assert elapsed < 1.0, f"201 reads with Redis down took {elapsed:.3f}s"
    assert cache.stats["redis.errors"] == 1, "one failed call, then the tier is skipped"
    assert await cache.get_or_set("a", loader) == "fresh-1"  # served by the memory tier
    report = await cache.check()
    assert report["memory"]["ok"] and not report["redis"]["ok"] and report["redis"]["breaker"] == "open"


async def test_hung_redis_costs_one_short_timeout(make_cache: MakeCache, blackhole_port: int) -> None:
    cache = await make_cache(url=f"redis://127.0.0.1:{blackhole_port}/0", timeout=0.2, breaker_cooldown=30)

    async def loader() -> str:
        return "from-db"

    t0 = time.perf_counter()
    assert await cache.get_or_set("first", loader) == "from-db"
    first = time.perf_counter() - t0
    t1 = time.perf_counter()
    for i in range(100):
        assert await cache.get_or_set(f"k{i}", loader) == "from-db"
    rest = time.perf_counter() - t1
    assert 0.15 < first < 0.6, first
    assert rest < 0.5, f"100 reads after the breaker opened took {rest:.3f}s (one timeout is 0.2s)"
    assert cache.stats["redis.errors"] == 1


async def test_recovered_redis_forgets_what_changed_while_it_was_away(
        make_cache: MakeCache, redis_proxy: Any) -> None:
    a = await make_cache(url=f"redis://127.0.0.1:{redis_proxy.port}/11", breaker_cooldown=0.2)
    b = await make_cache()  # talks to Redis directly
    await a.set("cv:7", "v1", ttl=60)
    assert await b.get("cv:7") == "v1"
    await redis_proxy.stop()
    await a.set("cv:7", "v2", ttl=60)  # Redis misses this write; the breaker opens
    assert a.tiers[1].breaker.state == "open"
    assert await a.get("cv:7") == "v2"
    await redis_proxy.start()
    await asyncio.sleep(0.25)
    await a.get("other")  # the probe closes the breaker and replays the missed change
    await eventually(lambda: _redis_value_gone(b, "cv:7"))
    assert a.tiers[1].breaker.state == "closed"


async def test_a_silently_hung_link_flushes_the_memory_tier(make_cache: MakeCache, redis_proxy: Any) -> None:
    a = await make_cache(url=f"redis://127.0.0.1:{redis_proxy.port}/11", heartbeat_s=0.1)
    await subscribed(a)
    await a.set("cv:9", "v1", ttl=60)
    redis_proxy.pause()  # no error, no FIN: only silence
    await asyncio.sleep(0.6)  # > 3 heartbeats: the listener gives up on the connection
    redis_proxy.resume()
    # it re-subscribes and, having possibly missed events, drops its in-process entries
    await eventually(lambda: _absent(a, "cv:9"))


async def _redis_value_gone(cache: LayeredCache, key: str) -> bool:
    return await cache.tiers[1].tier.get(key) is None


# ------------------------------------------------------------------ wiring
async def test_build_cache_from_settings(redis_url: str, redis_prefix: str) -> None:
    regs = build_registries(get_plugin_manager(load_entrypoints=False))
    settings = settings_from_dict({"cache": {"tiers": ["memory", "redis"], "remote_timeout_s": 0.1},
                                   "plugins": {"cache_tiers": {"redis": {"url": redis_url, "prefix": redis_prefix},
                                                               "memory": {"max_entries": 100}}}}, environ={})
    cache = build_cache(settings, regs)
    assert [t.name for t in cache.tiers] == ["memory", "redis"] and cache.timeout == 0.1
    await cache.start()
    try:
        assert await cache.get_or_set("x", _one) == 1
    finally:
        await cache.close()
    bad = settings_from_dict({"cache": {"tiers": ["memory"]}, "plugins": {"cache_tiers": {"memory": {"max_entrys": 1}}}},
                             environ={})
    with pytest.raises(ConfigError, match="max_entrys"):
        build_cache(bad, regs)


async def _one() -> int:
    return 1


async def test_memory_only_cache_needs_no_redis() -> None:
    """The default configuration (``tiers = ["memory"]``): versions live in the process."""
    regs = build_registries(get_plugin_manager(load_entrypoints=False))
    cache = build_cache(settings_from_dict({}, environ={}), regs)
    await cache.start()
    try:
        assert [t.name for t in cache.tiers] == ["memory"]
        assert await cache.get_or_set("k", _one, namespace="cv:1") == 1
        assert await cache.get("k", namespace="cv:1") == 1
        assert await cache.bump("cv:1") == 1 and await cache.bump("cv:1") == 2
        assert await cache.get("k", namespace="cv:1") is None
        assert (await cache.check(strict=True))["memory"]["ok"]
    finally:
        await cache.close()


async def test_strict_check_raises_when_redis_is_down(make_cache: MakeCache, closed_port: int) -> None:
    from htdy.core.host.errors import ServiceUnavailable

    cache = await make_cache(url=f"redis://127.0.0.1:{closed_port}/0")
    with pytest.raises(ServiceUnavailable):
        await cache.check(strict=True)
