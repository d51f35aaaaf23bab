"""Built-in cache tiers: ``memory`` (in-process, bounded LRU) and ``redis`` (shared),
imported on first use (``LazyImpl``: the redis client is only loaded where it is selected).

``htdy.core.services.cache.LayeredCache`` composes the tiers named in ``[cache] tiers``."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_cache_tiers() -> Iterable[LazyImpl]:
    return [LazyImpl("memory", "htdy.plugins.cache_tiers.memory:MemoryTier"),
            LazyImpl("redis", "htdy.plugins.cache_tiers.redis_tier:RedisTier")]
