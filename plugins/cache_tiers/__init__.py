"""Built-in cache tiers: ``memory`` (in-process, bounded LRU) and ``redis`` (shared).

``htdy.core.cache.LayeredCache`` composes the tiers named in ``[cache] tiers``."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.interfaces import CacheTier
from htdy.plugins.cache_tiers.memory import MemoryTier
from htdy.plugins.cache_tiers.redis_tier import RedisTier


@hookimpl
def htdy_register_cache_tiers() -> Iterable[type[CacheTier]]:
    return [MemoryTier, RedisTier]
