"""Built-in queue backends: ``inprocess`` (asyncio), ``redis`` (sorted sets) and ``jobrows``
(the job rows, polled), imported on first use (``LazyImpl``)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_queue_backends() -> Iterable[LazyImpl]:
    return [LazyImpl("inprocess", "htdy.plugins.queue_backends.inprocess:InProcessQueue"),
            LazyImpl("redis", "htdy.plugins.queue_backends.redis_queue:RedisQueue"),
            LazyImpl("jobrows", "htdy.plugins.queue_backends.database:DatabaseQueue")]
