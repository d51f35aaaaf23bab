"""One contract, both queue backends: in-process asyncio and the real Redis."""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import QueueBackend
from htdy.plugins.queue_backends.inprocess import InProcessQueue
from htdy.plugins.queue_backends.redis_queue import RedisQueue


@pytest.fixture(params=["inprocess", "redis"])
async def queue(request: pytest.FixtureRequest) -> AsyncIterator[QueueBackend]:
    q: QueueBackend
    if request.param == "inprocess":
        q = InProcessQueue()
    else:
        url = request.getfixturevalue("redis_url")
        q = RedisQueue(RedisQueue.Options(url=url, prefix=request.getfixturevalue("redis_prefix")))
    await q.start()
    yield q
    await q.close()


async def test_fifo_within_a_priority(queue: QueueBackend) -> None:
    for i in range(20):
        await queue.push("parse", f"job-{i}")
    assert await queue.depth("parse") == 20
    assert [await queue.pop("parse", 1) for _ in range(20)] == [f"job-{i}" for i in range(20)]
    assert await queue.depth("parse") == 0


async def test_higher_priority_pops_first(queue: QueueBackend) -> None:
    await queue.push("parse", "low", priority=-5)
    await queue.push("parse", "normal-1")
    await queue.push("parse", "urgent", priority=10)
    await queue.push("parse", "normal-2")
    await queue.push("parse", "huge", priority=10**9)  # clamped, still first
    assert [await queue.pop("parse", 1) for _ in range(5)] == ["huge", "urgent", "normal-1", "normal-2", "low"]
    for i in range(5):  # FIFO holds within a large priority too (exact scores)
        await queue.push("parse", f"p7-{i}", priority=-999)
        await queue.push("parse", f"hi-{i}", priority=999)
    order = [await queue.pop("parse", 1) for _ in range(10)]
    assert order == [f"hi-{i}" for i in range(5)] + [f"p7-{i}" for i in range(5)]


async def test_kinds_are_separate(queue: QueueBackend) -> None:
    await queue.push("parse", "p1")
    await queue.push("render", "r1")
    assert await queue.depth("parse") == 1 and await queue.depth("render") == 1
    assert await queue.pop("render", 1) == "r1"
    assert await queue.pop("render", 0) is None
    assert await queue.pop("parse", 0) == "p1"


async def test_duplicate_push_is_queued_once(queue: QueueBackend) -> None:
    await queue.push("parse", "same")
    await queue.push("parse", "same", priority=5)
    assert await queue.depth("parse") == 1
    assert await queue.pop("parse", 1) == "same"
    await queue.push("parse", "same")  # popped ids may be queued again (a retry)
    assert await queue.depth("parse") == 1


async def test_pop_times_out(queue: QueueBackend) -> None:
    t0 = time.perf_counter()
    assert await queue.pop("empty", 0.2) is None
    assert 0.15 <= time.perf_counter() - t0 < 1.0
    assert await queue.pop("empty", 0) is None


async def test_pop_wakes_when_a_job_arrives(queue: QueueBackend) -> None:
    waiter = asyncio.create_task(queue.pop("parse", 5))
    await asyncio.sleep(0.1)
    t0 = time.perf_counter()
    await queue.push("parse", "late")
    assert await waiter == "late"
    assert time.perf_counter() - t0 < 0.5


async def test_concurrent_consumers_get_each_job_once(queue: QueueBackend) -> None:
    for i in range(30):
        await queue.push("parse", f"j{i}")

    async def consume() -> list[str]:
        got = []
        while (job := await queue.pop("parse", 0.2)) is not None:
            got.append(job)
        return got

    results = await asyncio.gather(*(consume() for _ in range(4)))
    flat = [j for r in results for j in r]
    assert sorted(flat) == sorted(f"j{i}" for i in range(30))


async def test_check(queue: QueueBackend) -> None:
    await queue.check()


async def test_redis_queue_is_shared_between_nodes(redis_url: str, redis_prefix: str) -> None:
    a = RedisQueue(RedisQueue.Options(url=redis_url, prefix=redis_prefix))
    b = RedisQueue(RedisQueue.Options(url=redis_url, prefix=redis_prefix))
    try:
        await a.push("parse", "from-a")
        assert await b.depth("parse") == 1 and await b.pop("parse", 1) == "from-a"
    finally:
        await a.close()
        await b.close()


async def test_redis_queue_down_fails_fast(closed_port: int) -> None:
    q = RedisQueue(RedisQueue.Options(url=f"redis://127.0.0.1:{closed_port}/0"))
    t0 = time.perf_counter()
    with pytest.raises(ServiceUnavailable):
        await q.check()
    with pytest.raises(Exception):  # noqa: B017 - the job row stays queued; the caller logs it
        await q.push("parse", "x")
    assert time.perf_counter() - t0 < 2.0
    await q.close()
