"""Database wiring: tortoise-orm configuration, read-replica routing, migrations.

* SQLite by default (``sqlite://var/htdy.sqlite3``; the folder is created), PostgreSQL
  through asyncpg (``postgres://…``).
* Connection names carry the dialect (``sqlite`` / ``postgres``, replicas ``…_replica0``):
  tortoise caches its SQL executors by connection name, so one process that switches
  engines (the test-suite) must not reuse a name.
* Migrations are aerich version files in ``migrations/models`` and are run by
  ``htdy migrate``. The app refuses to start while migrations are pending unless
  ``[database] auto_migrate = true`` (what ``htdy serve --migrate`` and the test fixtures use).
"""
from __future__ import annotations

import contextvars
import random
from pathlib import Path
from typing import Any, ClassVar

from tortoise import Tortoise, connections
from tortoise.exceptions import OperationalError

from htdy.core.host.config import Settings
from htdy.core.host.errors import ConfigError

APP = "models"
MODEL_MODULES = ["htdy.core.models", "aerich.models"]
MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"


def dialect_of(url: str) -> str:
    scheme = url.split("://", 1)[0].lower()
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgres", "postgresql", "asyncpg", "psycopg"):
        return "postgres"
    raise ConfigError(f"database.url: unsupported database {scheme!r} (use sqlite:// or postgres://)")


def _normalise(url: str, settings: Settings) -> str:
    if dialect_of(url) == "sqlite":
        path = url.split("://", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        return url
    url = "postgres://" + url.split("://", 1)[1]
    sep = "&" if "?" in url else "?"
    if "minsize=" not in url:
        url += f"{sep}minsize={settings.database.pool_min}&maxsize={settings.database.pool_max}"
    return url


class ReplicaRouter:
    """Reads go to a random read replica, writes to the primary."""

    primary: ClassVar[str] = ""
    replicas: ClassVar[tuple[str, ...]] = ()

    def db_for_read(self, model: Any) -> str:
        return random.choice(self.replicas) if self.replicas else self.primary

    def db_for_write(self, model: Any) -> str:
        return self.primary


def primary_connection_name(settings: Settings) -> str:
    return dialect_of(settings.database.url)


def tortoise_config(settings: Settings) -> dict[str, Any]:
    primary = primary_connection_name(settings)
    conns: dict[str, Any] = {primary: _normalise(settings.database.url, settings)}
    replicas = []
    for i, url in enumerate(settings.database.read_replicas):
        if dialect_of(url) != dialect_of(settings.database.url):
            raise ConfigError("database.read_replicas must use the primary's database engine")
        name = f"{primary}_replica{i}"
        conns[name] = _normalise(url, settings)
        replicas.append(name)
    config: dict[str, Any] = {
        "connections": conns,
        "apps": {APP: {"models": MODEL_MODULES, "default_connection": primary}},
        "use_tz": True,
        "timezone": "UTC",
    }
    if replicas:
        router = type("HtdyReplicaRouter", (ReplicaRouter,),
                      {"primary": primary, "replicas": tuple(replicas)})
        config["routers"] = [router]
    return config


def migration_files() -> list[str]:
    folder = MIGRATIONS_ROOT / APP
    files = [p.name for p in folder.glob("*.py") if p.stem.split("_", 1)[0].isdigit()]
    return sorted(files, key=lambda n: int(n.split("_", 1)[0]))


async def applied_migrations(conn_name: str) -> list[str]:
    conn = connections.get(conn_name)
    try:
        _, rows = await conn.execute_query("SELECT version FROM aerich WHERE app = 'models'")
    except (OperationalError, Exception) as exc:  # table missing: nothing applied
        if "aerich" in str(exc).lower() or isinstance(exc, OperationalError):
            return []
        raise
    return [r["version"] for r in rows]


async def pending_migrations(settings: Settings) -> list[str]:
    done = set(await applied_migrations(primary_connection_name(settings)))
    return [f for f in migration_files() if f not in done]


async def run_migrations(settings: Settings) -> list[str]:
    """Apply pending migrations (tortoise must be initialised). Returns what ran."""
    from aerich import Command

    if not await pending_migrations(settings):
        return []
    cmd = Command(tortoise_config(settings), app=APP, location=str(MIGRATIONS_ROOT))
    await cmd.init()
    return await cmd.upgrade(run_in_transaction=True)


def _global_context_free() -> bool:
    """True when no tortoise context is registered as the process-wide fallback."""
    from tortoise.context import get_current_context

    return contextvars.Context().run(get_current_context) is None


async def init_db(settings: Settings, *, migrate: bool | None = None) -> Any:
    """Open the connections; check (or, with ``migrate``, apply) migrations. Returns the
    tortoise context to pass to ``close_db``."""
    # The global fallback lets tasks that did not inherit the start-up context (a test
    # runner's finalizer, a cleanup run from another task) use the same connections;
    # there is one per process, so a second database opened meanwhile stays task-local.
    ctx = await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=_global_context_free())
    auto = settings.database.auto_migrate if migrate is None else migrate
    try:
        if auto:
            await run_migrations(settings)
        else:
            pending = await pending_migrations(settings)
            if pending:
                raise ConfigError(
                    f"the database {_redact(settings.database.url)} is not migrated "
                    f"({len(pending)} pending: {', '.join(pending)}); run `htdy migrate` first "
                    "(or `htdy serve --migrate`)")
    except BaseException:
        await ctx.close_connections()
        raise
    return ctx


async def close_db(ctx: Any = None) -> None:
    """Close the connections of ``ctx`` (what ``init_db`` returned), else the current ones."""
    if ctx is not None:
        await ctx.close_connections()
    else:
        await Tortoise.close_connections()


async def check_db(settings: Settings) -> None:
    conn = connections.get(primary_connection_name(settings))
    await conn.execute_query("SELECT 1")


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
    return url
