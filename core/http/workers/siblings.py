"""The cache-invalidation channel between the workers of one ``htdy serve``.

Each worker keeps its own in-process cache tier. When no configured tier carries
invalidations between processes (Redis does), a change made through one worker — a profile
unpublished, a CV edited, a token revoked — must still reach the copies the other workers
hold before they answer again. ``SiblingChannel`` is the ``publish``/``subscribe`` side of
a cache tier for ``LayeredCache``: a Unix datagram socket per worker in the abstract
namespace (``\\0htdy-<supervisor pid>-<index>``, no file to clean up), each message sent
to every sibling at once, while the request that made the change is still being handled.
A message is read in the event loop's reader callback and applied synchronously, so a
request that reaches a sibling after the change's response was sent finds the copy gone.

A sibling that is down (restarting) misses the message; it starts with an empty cache.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable
from typing import Any

from htdy.core.http.workers import WorkerPlace

log = logging.getLogger("htdy.cache.siblings")
MAX_DATAGRAM = 200_000


def address(group: int, index: int) -> bytes:
    return f"\0htdy-{group}-{index}".encode()


class SiblingChannel:
    name = "siblings"
    remote = False

    def __init__(self, place: WorkerPlace) -> None:
        self.place = place
        self._sock: socket.socket | None = None
        self._callback: Callable[[bytes | None], Any] | None = None
        self.subscribed = asyncio.Event()
        self.sent = self.received = self.lost = 0

    async def start(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        sock.bind(address(self.place.group, self.place.index))
        sock.setblocking(False)
        self._sock = sock
        asyncio.get_running_loop().add_reader(sock.fileno(), self._readable)
        self.subscribed.set()

    async def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._sock.fileno())
            self._sock.close()
            self._sock = None

    async def check(self) -> None:
        if self._sock is None:
            raise ConnectionError("the sibling channel is not open")

    def subscribe(self, callback: Callable[[bytes | None], Any]) -> None:
        self._callback = callback

    async def publish(self, message: bytes) -> None:
        self.send(message)

    def send(self, message: bytes) -> None:
        if self._sock is None or len(message) > MAX_DATAGRAM:
            if self._sock is not None:
                log.warning("cache invalidation of %d bytes not sent to the sibling workers", len(message))
            self.lost += 1
            return
        for i in range(self.place.count):
            if i == self.place.index:
                continue
            try:
                self._sock.sendto(message, address(self.place.group, i))
                self.sent += 1
            except (ConnectionRefusedError, FileNotFoundError):
                pass  # that worker is (re)starting: it starts with an empty cache
            except OSError as exc:  # a full buffer: that worker is stalled
                self.lost += 1
                log.warning("cache invalidation not delivered to worker %d: %s", i, exc)

    def _readable(self) -> None:
        assert self._sock is not None
        while True:
            try:
                message = self._sock.recv(MAX_DATAGRAM + 1)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            self.received += 1
            if self._callback is not None:
                result = self._callback(message)
                if asyncio.iscoroutine(result):
                    asyncio.ensure_future(result)
