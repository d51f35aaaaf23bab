"""Fixtures for the backend contract suites: real Redis, moto (S3) and osmem (OpenSearch).

A missing service skips its tests with a reason, unless ``HTDY_REQUIRE_SERVICES=1``
(CI), where it fails them: a green CI must never hide an unreached service.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.testing import port_open, skip_or_fail

REDIS_HOST = os.environ.get("HTDY_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("HTDY_TEST_REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("HTDY_TEST_REDIS_DB", "11"))  # this suite's own DB number


def require_service(name: str, reachable: bool, reason: str) -> None:
    """Skip (or, under ``HTDY_REQUIRE_SERVICES=1``, fail) when ``name`` is unreachable."""
    if reachable:
        return
    skip_or_fail(f"{name} unavailable: {reason}")



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def closed_port() -> int:
    """A loopback port with nothing listening (connections are refused at once)."""
    return free_port()


@pytest.fixture
def redis_url() -> str:
    require_service("redis", port_open(REDIS_HOST, REDIS_PORT), f"nothing listens on {REDIS_HOST}:{REDIS_PORT}")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix unique to the test; its keys are deleted afterwards."""
    import redis

    prefix = f"htdy-test:{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=500))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def _wait_port(host: str, port: int, proc: subprocess.Popen[bytes], deadline_s: float = 20.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        if port_open(host, port, 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {host}:{port} within {deadline_s}s")


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """``moto_server`` on a free loopback port for the whole session (the S3 stand-in)."""
    exe = Path(sys.executable).with_name("moto_server")
    binary = str(exe) if exe.exists() else shutil.which("moto_server")
    if binary is None:
        require_service("moto_server", False, "moto[server] is not installed (pip install 'htdy[dev]')")
        raise AssertionError("unreachable")
    port = free_port()
    proc = subprocess.Popen([binary, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port("127.0.0.1", port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)
        if proc.poll() is None:
            proc.kill()


class TcpProxy:
    """A loopback TCP proxy that can be switched off (connections refused and cut) and on:
    a stand-in for a Redis that dies and comes back, in front of the real one."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: Any = None
        self._conns: set[Any] = set()
        self._flowing: Any = None
        # when set, the first client message holding these bytes is not forwarded: every
        # connection is cut there and then (a database lost in the middle of a transaction)
        self.cut_on: bytes | None = None
        self.cut_done: Any = None
        self._cutting: Any = None

    def pause(self) -> None:
        """Hold all traffic without closing anything: a hung link, not a dead one."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    async def start(self) -> None:
        import asyncio

        self._flowing = asyncio.Event()
        self._flowing.set()
        self.cut_done = asyncio.Event()

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, upstream: bool = False) -> None:
            try:
                while data := await reader.read(65536):
                    await self._flowing.wait()
                    if upstream and self.cut_on is not None and self.cut_on in data:
                        self.cut_on = None

                        async def cut() -> None:
                            await self.stop()
                            self.cut_done.set()
                        self._cutting = asyncio.ensure_future(cut())
                        return
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
            self._conns.update((writer, up_writer))
            await asyncio.gather(pipe(reader, up_writer, upstream=True), pipe(up_reader, writer))

        self._server = await asyncio.start_server(handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for w in list(self._conns):
                w.close()
            self._conns.clear()
            await self._server.wait_closed()
            self._server = None


@pytest.fixture
async def redis_proxy(redis_url: str) -> AsyncIterator[TcpProxy]:
    proxy = TcpProxy(REDIS_HOST, REDIS_PORT)
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
async def blackhole_port() -> AsyncIterator[int]:
    """A port that accepts connections and never answers (a hung Redis)."""
    import asyncio

    held: list[asyncio.StreamWriter] = []

    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)
        with contextlib.suppress(Exception):
            while await reader.read(65536):
                pass

    server = await asyncio.start_server(swallow, "127.0.0.1", 0)
    yield int(server.sockets[0].getsockname()[1])
    server.close()
    for w in held:
        w.close()
