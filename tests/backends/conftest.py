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

import pytest

REDIS_HOST = os.environ.get("HTDY_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("HTDY_TEST_REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("HTDY_TEST_REDIS_DB", "11"))  # this suite's own DB number


def require_service(name: str, reachable: bool, reason: str) -> None:
    """Skip (or, under ``HTDY_REQUIRE_SERVICES=1``, fail) when ``name`` is unreachable."""
    if reachable:
        return
    message = f"{name} unavailable: {reason}"
    if os.environ.get("HTDY_REQUIRE_SERVICES", "") in ("1", "true", "yes"):
        pytest.fail(f"{message} (HTDY_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def closed_port() -> int:
    """A loopback port with nothing listening (connections are refused at once)."""
    return free_port()


@pytest.fixture
def redis_url() -> str:
    require_service("redis", port_open(REDIS_HOST, REDIS_PORT), f"nothing listens on {REDIS_HOST}:{REDIS_PORT}")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


@pytest.fixture
async def redis_prefix(redis_url: str) -> AsyncIterator[str]:
    """A key prefix unique to the test; its keys are deleted afterwards."""
    import redis.asyncio as aioredis

    prefix = f"htdy-test:{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = aioredis.Redis.from_url(redis_url)
    try:
        keys = [k async for k in client.scan_iter(match=f"{prefix}*", count=500)]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


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
