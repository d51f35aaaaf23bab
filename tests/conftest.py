"""Shared, generic fixtures: availability of the local services.

A missing service skips the tests that need it with a reason — unless
``HTDY_REQUIRE_SERVICES=1`` (CI), where it fails them instead.
"""
from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import pytest

from htdy.core.host.testing import port_open, skip_or_fail

PG_HOST = os.environ.get("HTDY_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("HTDY_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("HTDY_TEST_PG_USER", "postgres")


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/postgres", timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture
def pg_database_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards (a sync
    fixture, so it can be requested from parametrised fixtures)."""
    if not port_open(PG_HOST, PG_PORT):
        skip_or_fail(f"postgresql unavailable: nothing listens on {PG_HOST}:{PG_PORT}")
    name = f"htdy_t_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # refused, auth, …
        skip_or_fail(f"postgresql unavailable: {exc}")
    yield f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
