"""``memory``: an in-process, bounded LRU cache tier with per-entry TTL.

Our own ~80 lines rather than aiocache's ``SimpleMemoryCache``: that one is an unbounded
dict (no entry or byte limit, expired entries linger until touched), and an in-process
tier in front of Redis must have a hard memory ceiling. Here both the number of entries
and the total bytes are bounded; the least recently used entries are evicted first,
expired ones are dropped when met. Everything is synchronous dict work on the event
loop (no awaits inside), so it needs no lock.
"""
from __future__ import annotations

import time
from collections import OrderedDict

from pydantic import Field

from htdy.core.host.interfaces import CacheTier, PluginOptions


class MemoryOptions(PluginOptions):
    max_entries: int = Field(10_000, ge=1)
    max_bytes: int = Field(64 * 1024 * 1024, ge=1)
    # Cap on any entry's lifetime here: bounds staleness if a cross-node invalidation is missed.
    max_ttl_s: float | None = Field(300, gt=0)


class MemoryTier(CacheTier):
    name = "memory"
    description = "In-process LRU with TTL, bounded by entries and bytes."
    Options = MemoryOptions
    options: MemoryOptions
    remote = False  # never times out: LayeredCache puts no breaker in front of it

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._data: OrderedDict[str, tuple[bytes, float | None]] = OrderedDict()
        self._bytes = 0
        self.evictions = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    async def get(self, key: str) -> bytes | None:
        return self.get_nowait(key)

    def get_nowait(self, key: str) -> bytes | None:
        item = self._data.get(key)
        if item is None:
            return None
        value, expires = item
        if expires is not None and expires <= time.monotonic():
            self._drop(key)
            return None
        self._data.move_to_end(key)
        return value

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self.set_nowait(key, value, ttl)

    def set_nowait(self, key: str, value: bytes, ttl: float | None = None) -> None:
        cap = self.options.max_ttl_s
        if cap is not None:
            ttl = cap if ttl is None else min(ttl, cap)
        if ttl is not None and ttl <= 0:
            self._drop(key)
            return
        size = len(value) + len(key)
        if size > self.options.max_bytes:
            self._drop(key)
            return
        self._drop(key)
        self._data[key] = (bytes(value), None if ttl is None else time.monotonic() + ttl)
        self._bytes += size
        while len(self._data) > self.options.max_entries or self._bytes > self.options.max_bytes:
            oldest = next(iter(self._data))
            self._drop(oldest)
            self.evictions += 1

    async def delete(self, *keys: str) -> None:
        self.delete_nowait(*keys)

    def delete_nowait(self, *keys: str) -> None:
        for key in keys:
            self._drop(key)

    def clear(self) -> None:
        self._data.clear()
        self._bytes = 0

    def _drop(self, key: str) -> None:
        item = self._data.pop(key, None)
        if item is not None:
            self._bytes -= len(item[0]) + len(key)
