"""pytest plugin for htdy and its plugin authors (entry point ``pytest11``: ``htdy``).

Fixtures:

* ``htdy_plugins`` — extra plugin objects (modules or instances) for the app; override it.
* ``htdy_settings`` — settings in a temporary directory: SQLite database, local storage,
  embedded search, in-process queue, one parser/renderer worker, migrations applied at start.
* ``htdy_app`` — ``create_app(htdy_settings, plugins=htdy_plugins)``.
* ``htdy_client`` — an aiohttp test client of ``htdy_app`` (started: database migrated).

Helpers: ``make_settings``; ``OutboxPlugin`` + ``OUTBOX``, a mailer named ``t-outbox`` that keeps
what it is given (``htdy_plugins`` → ``[OutboxPlugin()]``, ``mail={"backend": "t-outbox"}``).

Needs pytest-aiohttp and pytest-asyncio (``pip install 'htdy[testing]'``); an ``async def``
test that takes an ``htdy_*`` fixture is marked ``asyncio`` here, so no pytest-asyncio
configuration is needed.

A ten-line plugin test::

    import pytest
    from htdy import hookimpl

    class Hello:
        @hookimpl
        def htdy_register_routes(self):
            from aiohttp import web
            return [web.get("/hello", lambda r: web.json_response({"hi": 1}))]

    @pytest.fixture
    def htdy_plugins():
        return [Hello()]

    async def test_hello(htdy_client):
        assert (await (await htdy_client.get("/hello")).json()) == {"hi": 1}
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from htdy import hookimpl

if TYPE_CHECKING:
    from htdy.core.host.config import Settings

try:  # pytest-asyncio runs the async fixture in its default (strict) mode too
    import pytest_asyncio

    _async_fixture: Any = pytest_asyncio.fixture
except ImportError:  # pragma: no cover - htdy[testing] installs it
    _async_fixture = pytest.fixture


def services_required() -> bool:
    """True under ``HTDY_REQUIRE_SERVICES=1`` (CI): a missing service fails tests, never skips them."""
    import os
    return os.environ.get("HTDY_REQUIRE_SERVICES", "") in ("1", "true", "yes")


def skip_or_fail(message: str) -> None:
    """Skip with ``message`` — or fail, when services are required."""
    if services_required():
        pytest.fail(f"{message} (HTDY_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections on ``host:port``."""
    import socket
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


# a split node refuses to start without a real secret; tests share this one
TEST_SECRET = "htdy-test-secret-0123456789abcdefghijklmnop"


def make_settings(tmp_path: Path, *, database_url: str | None = None, **sections: dict[str, Any]) -> Settings:
    """Settings for tests: everything embedded under ``tmp_path``; ``sections`` override
    whole keys of the named sections (e.g. ``queue={"max_attempts": 1}``)."""
    from htdy.core.host.config import settings_from_dict

    data: dict[str, Any] = {
        "database": {"url": database_url or f"sqlite://{tmp_path}/htdy.sqlite3", "auto_migrate": True},
        "parsing": {"workers": 1, "timeout_s": 60},
        "rendering": {"workers": 1},
        "queue": {"poll_interval_s": 0.2},
        "server": {"shutdown_timeout_s": 5},
        "node": {"warm_pools": False},
        # tests sign up and log in by the dozen from one address; the limits have their own tests
        "ratelimit": {"enabled": False},
        "auth": {"argon2_time_cost": 1, "argon2_memory_kib": 1024, "secret_key": TEST_SECRET},
        "plugins": {"storage_backends": {"local": {"root": str(tmp_path / "files"), "fsync": False}},
                    "search_backends": {"embedded": {"path": str(tmp_path / "search.sqlite3")}}},
    }
    for section, values in sections.items():
        if section == "plugins":  # [plugins.<slot>.<name>]: merged per slot
            for slot, tables in values.items():
                data["plugins"].setdefault(slot, {}).update(tables)
            continue
        data.setdefault(section, {}).update(values)
    return settings_from_dict(data, "<htdy tests>", environ={})


OUTBOX: list[Any] = []  # the messages the test mailer "t-outbox" was given (clear it per test)


@functools.cache
def _outbox_mailer() -> type:
    from htdy.core.host.interfaces import Mail, Mailer  # (here: the pytest plugin loads no pydantic at start)

    class OutboxMailer(Mailer):
        name = "t-outbox"

        async def send(self, mail: Mail) -> None:
            OUTBOX.append(mail)

    return OutboxMailer


class OutboxPlugin:
    """Registers the test mailer ``t-outbox``: every message it is given lands in ``OUTBOX``."""

    @hookimpl
    def htdy_register_mailers(self) -> list[type]:
        return [_outbox_mailer()]


@pytest.fixture
def htdy_plugins() -> list[Any]:
    """Extra plugins for ``htdy_app``; override in your conftest or test module."""
    return []


@pytest.fixture
def htdy_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def htdy_app(htdy_settings: Settings, htdy_plugins: list[Any]) -> Any:
    from htdy.core.http.app import create_app

    return create_app(htdy_settings, plugins=htdy_plugins)


@_async_fixture
async def htdy_client(htdy_app: Any, aiohttp_client: Any) -> Any:
    return await aiohttp_client(htdy_app)


HTDY_FIXTURES = frozenset({"htdy_client", "htdy_app", "htdy_settings", "htdy_plugins"})


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: Any, name: str, obj: Any) -> None:
    """``async def test_…(htdy_client)`` runs without the author configuring pytest-asyncio
    (``asyncio_mode = "auto"``): such tests are marked ``asyncio`` before they are collected."""
    import inspect

    if not (name.startswith("test") and inspect.iscoroutinefunction(obj)):
        return
    try:
        wanted = set(inspect.signature(obj).parameters)
    except (TypeError, ValueError):
        return
    if wanted & HTDY_FIXTURES and not any(m.name == "asyncio" for m in getattr(obj, "pytestmark", [])):
        pytest.mark.asyncio(obj)
