"""Cache tiers on their own: the same contract on ``memory`` and on the real Redis."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import CacheTier
from htdy.plugins.cache_tiers.memory import MemoryTier
from htdy.plugins.cache_tiers.redis_tier import RedisTier


@pytest.fixture(params=["memory", "redis"])
async def tier(request: pytest.FixtureRequest) -> AsyncIterator[CacheTier]:
    t: CacheTier
    if request.param == "memory":
        t = MemoryTier()
    else:
        url = request.getfixturevalue("redis_url")
        prefix = request.getfixturevalue("redis_prefix")
        t = RedisTier(RedisTier.Options(url=url, prefix=prefix))
    await t.start()
    yield t
    await t.close()


async def test_set_get_delete(tier: CacheTier) -> None:
    assert await tier.get("a") is None
    await tier.set("a", b"\x00\x01 value")
    assert await tier.get("a") == b"\x00\x01 value"
    await tier.set("b", b"2")
    await tier.delete("a", "b", "never-set")
    assert await tier.get("a") is None and await tier.get("b") is None


async def test_ttl_expires(tier: CacheTier) -> None:
    await tier.set("short", b"x", ttl=0.1)
    await tier.set("long", b"y", ttl=30)
    assert await tier.get("short") == b"x"
    await asyncio.sleep(0.2)
    assert await tier.get("short") is None
    assert await tier.get("long") == b"y"


async def test_zero_ttl_stores_nothing(tier: CacheTier) -> None:
    await tier.set("z", b"old")
    await tier.set("z", b"new", ttl=0)
    assert await tier.get("z") is None


async def test_check(tier: CacheTier) -> None:
    await tier.check()


def test_memory_is_bounded_by_entries() -> None:
    t = MemoryTier(MemoryTier.Options(max_entries=3))
    for k in "abc":
        t.set_nowait(k, b"v")
    t.get_nowait("a")  # a is now the most recently used
    t.set_nowait("d", b"v")
    assert [k for k in "abcd" if t.get_nowait(k) is not None] == ["a", "c", "d"]
    assert len(t) == 3 and t.evictions == 1


def test_memory_is_bounded_by_bytes() -> None:
    t = MemoryTier(MemoryTier.Options(max_bytes=1000))
    for i in range(50):
        t.set_nowait(f"k{i:02d}", b"x" * 97)  # 100 bytes with the key
    assert t.size_bytes <= 1000 and len(t) == 10
    assert t.get_nowait("k49") is not None and t.get_nowait("k00") is None
    t.set_nowait("huge", b"x" * 5000)  # larger than the whole tier: not stored
    assert t.get_nowait("huge") is None and len(t) == 10


async def test_memory_caps_ttl() -> None:
    t = MemoryTier(MemoryTier.Options(max_ttl_s=0.1))
    await t.set("k", b"v")  # no TTL asked: the cap applies
    await asyncio.sleep(0.15)
    assert await t.get("k") is None


async def test_redis_incr_and_prefix(redis_url: str, redis_prefix: str) -> None:
    t = RedisTier(RedisTier.Options(url=redis_url, prefix=redis_prefix))
    try:
        assert await t.incr("ver:x") == 1
        assert await t.incr("ver:x") == 2
        keys = [k async for k in t.client.scan_iter(match=f"{redis_prefix}*")]
        assert keys == [f"{redis_prefix}c:ver:x".encode()]
    finally:
        await t.close()


async def test_redis_check_fails_fast_when_down(closed_port: int) -> None:
    t = RedisTier(RedisTier.Options(url=f"redis://127.0.0.1:{closed_port}/0"))
    await t.start()  # start never fails: the cache must come up without Redis
    try:
        with pytest.raises(ServiceUnavailable):
            await t.check()
    finally:
        await t.close()
