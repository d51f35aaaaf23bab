"""The pieces ``LayeredCache`` (core/services/cache.py) is made of: the per-tier circuit breaker, the
tier wrapper, and the stored form of a value (a small header with its fresh-until and
expiry times, then bytes as they are or JSON)."""
from __future__ import annotations

import logging
import struct
import time
from dataclasses import dataclass, field
from typing import Any

from htdy.core import jsonio
from htdy.core.host.interfaces import CacheTier
from htdy.core.observability import metrics

log = logging.getLogger("htdy.cache")
_HEADER = struct.Struct(">cdd")  # kind, fresh-until, expires-at (epoch seconds; 0 = never)


class CircuitBreaker:
    """closed → (``threshold`` consecutive failures) → open → (``cooldown`` s) → half-open
    (one probe) → closed on success, open again on failure."""

    def __init__(self, threshold: int = 1, cooldown: float = 5.0) -> None:
        self.threshold, self.cooldown = threshold, cooldown
        self.state, self.failures, self.opened_at = "closed", 0, 0.0

    def allow(self) -> bool:
        if self.state == "closed":
            return True
        if time.monotonic() - self.opened_at < self.cooldown:
            return False  # open, or half-open with its probe still out
        self.state, self.opened_at = "half-open", time.monotonic()  # let one probe through
        return True

    def success(self) -> bool:
        """Record a success; True when this closed an open breaker (the tier recovered)."""
        recovered = self.state != "closed"
        self.state, self.failures = "closed", 0
        return recovered

    def failure(self) -> None:
        self.failures += 1
        if self.state == "half-open" or self.failures >= self.threshold:
            if self.state == "closed":
                log.warning("cache breaker opened after %d failure(s)", self.failures)
            self.state, self.opened_at = "open", time.monotonic()


@dataclass
class TierSlot:
    tier: CacheTier
    remote: bool
    breaker: CircuitBreaker
    pending: set[str] = field(default_factory=set)  # keys to delete (and re-publish) on recovery

    name: str = ""
    hits_key: str = ""

    def __post_init__(self) -> None:
        self.name = self.tier.name or type(self.tier).__name__
        self.hits_key = f"{self.name}.hits"

    def count(self, result: str) -> None:
        metrics.CACHE_LOOKUPS.inc((self.name, result))


@dataclass
class Entry:
    value: Any
    fresh_until: float
    expires_at: float


def encode(value: Any, fresh_until: float, expires_at: float) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return _HEADER.pack(b"b", fresh_until, expires_at) + bytes(value)
    body = jsonio.dumps_strict(value)
    return _HEADER.pack(b"j", fresh_until, expires_at) + body


def decode(raw: bytes) -> Entry | None:
    try:
        kind, fresh_until, expires_at = _HEADER.unpack_from(raw)
        body = memoryview(raw)[_HEADER.size:]
        value = bytes(body) if kind == b"b" else jsonio.loads(body)
    except (struct.error, ValueError):
        return None
    return Entry(value, fresh_until, expires_at)
