"""``htdy_storage_operations_total`` and its latency histogram, counted in the storage service
layer: whatever backend plugin is configured, each data call through ``Services.storage`` is
counted by backend name, operation and outcome (``ok``, ``not_found``, ``error``)."""
from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from htdy.core.host.errors import NotFound
from htdy.core.observability import metrics

OPERATIONS = ("put", "get", "delete", "exists")
B = TypeVar("B")


def metered(backend: B) -> B:
    """``backend`` with its data methods counted; the name is the plugin's ``name``."""
    name = str(getattr(backend, "name", "") or type(backend).__name__)
    for op in OPERATIONS:
        setattr(backend, op, _wrap(getattr(backend, op), name, op))
    return backend


def _wrap(method: Callable[..., Awaitable[Any]], backend: str, op: str) -> Callable[..., Awaitable[Any]]:
    counter = {o: metrics.STORAGE_OPS.labels(backend, op, o) for o in ("ok", "not_found", "error")}
    seconds = metrics.STORAGE_SECONDS.labels(backend, op)

    @functools.wraps(method)
    async def call(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        outcome = "error"
        try:
            result = await method(*args, **kwargs)
            outcome = "ok"
            return result
        except (NotFound, FileNotFoundError, KeyError):
            outcome = "not_found"
            raise
        finally:
            counter[outcome].inc()
            seconds.observe(time.perf_counter() - t0)
    return call
