"""Built-in queue backends: ``inprocess`` (asyncio) and ``redis`` (sorted sets)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.interfaces import QueueBackend
from htdy.plugins.queue_backends.inprocess import InProcessQueue
from htdy.plugins.queue_backends.redis_queue import RedisQueue


@hookimpl
def htdy_register_queue_backends() -> Iterable[type[QueueBackend]]:
    return [InProcessQueue, RedisQueue]
