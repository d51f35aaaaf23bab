"""The database half of a snapshot, read at one instant.

* SQLite: the online backup API copies the live file page by page into a private copy
  (consistent even while the server writes); rows, counts and the stored-file list are
  then read from that copy.
* PostgreSQL: one ``REPEATABLE READ, READ ONLY`` transaction exports its snapshot;
  ``pg_dump -Fc --snapshot=…`` dumps exactly that snapshot while the same transaction
  reads the rows and the stored-file list. When ``pg_dump`` is missing or older than the
  server (it refuses newer servers), the engine-neutral rows alone are kept and the
  manifest says why.

Restoring natively (same engine) puts that file back — the backup API again, or
``pg_restore --single-transaction`` (all or nothing).
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from htdy.core.db import dialect_of
from htdy.core.host.errors import ConfigError, HtdyError
from htdy.core.services.backup.tables import BATCH, TableDump, app_models, dump_table, quote

NATIVE_NAMES = {"sqlite": "database.sqlite3", "postgres": "database.pgdump"}


@dataclass
class DbSnapshot:
    engine: str
    migrations: list[str] = field(default_factory=list)  # applied, in order
    tables: dict[str, TableDump] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)  # stored_files: sha256, size, key, type
    native: Path | None = None
    native_note: str = ""
    server_version: str = ""


def sqlite_path(url: str) -> Path:
    path = url.split("://", 1)[1].split("?", 1)[0]
    if not path or path == ":memory:":
        raise ConfigError("database.url: an in-memory SQLite database cannot be backed up or restored")
    return Path(path).expanduser()


def pg_dsn(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without tortoise's pool options and without the password (returned as
    ``PGPASSWORD`` for the environment, so it never shows in a process list)."""
    parts = urlsplit("postgresql://" + url.split("://", 1)[1])
    env = {"PGPASSWORD": unquote(parts.password)} if parts.password else {}
    host = parts.hostname or ""
    netloc = (f"{unquote(parts.username)}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    query = "&".join(q for q in parts.query.split("&") if q and q.split("=")[0] not in ("minsize", "maxsize"))
    return urlunsplit(("postgresql", netloc, parts.path, query, "")), env


async def _pg_connect(url: str) -> Any:
    import asyncpg

    dsn, env = pg_dsn(url)
    return await asyncpg.connect(dsn, password=env.get("PGPASSWORD"), timeout=10)


# --------------------------------------------------------------------------- snapshot
async def snapshot(url: str, workdir: Path) -> DbSnapshot:
    """Read the database at ``url`` at one instant into ``workdir``."""
    if dialect_of(url) == "sqlite":
        return await _sqlite_snapshot(sqlite_path(url), workdir)
    return await _pg_snapshot(url, workdir)


async def _collect(snap: DbSnapshot, fetch: Any) -> None:
    for model in app_models():
        snap.tables[model._meta.db_table] = await dump_table(model, fetch)
    async for batch in fetch("SELECT version FROM aerich WHERE app = 'models' ORDER BY id"):
        snap.migrations += [str(r[0]) for r in batch]
    async for batch in fetch('SELECT "sha256", "size", "storage_key", "media_type" FROM "stored_files"'):
        snap.files += [{"sha256": r[0], "size": int(r[1]), "key": r[2], "media_type": r[3]} for r in batch]


async def _sqlite_snapshot(path: Path, workdir: Path) -> DbSnapshot:
    if not path.is_file():
        raise HtdyError(f"{path}: the SQLite database does not exist")
    copy = workdir / NATIVE_NAMES["sqlite"]

    def backup() -> str:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)  # all pages in one step: one consistent read transaction
            return str(src.execute("SELECT sqlite_version()").fetchone()[0])
        finally:
            dst.close()
            src.close()

    snap = DbSnapshot("sqlite", native=copy, server_version=await asyncio.to_thread(backup))
    db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True, check_same_thread=False)
    try:
        async def fetch(sql: str) -> AsyncIterator[list[tuple[Any, ...]]]:
            cur = db.execute(sql)
            while rows := await asyncio.to_thread(cur.fetchmany, BATCH):
                yield rows

        await _collect(snap, fetch)
    finally:
        db.close()
    return snap


def _major(version: str) -> int:
    m = re.search(r"(\d+)", version)
    return int(m.group(1)) if m else 0


async def _run(*cmd: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
                                                env={**os.environ, **(env or {})})
    out, err = await proc.communicate()
    return proc.returncode or 0, (err or out).decode(errors="replace").strip()


async def pg_tool(name: str, server_version: str) -> tuple[str | None, str]:
    """The path of ``pg_dump``/``pg_restore`` if it can handle this server, else why not."""
    exe = shutil.which(name)
    if exe is None:
        return None, f"{name} is not installed (apt-get install postgresql-client)"
    _, text = await _run(exe, "--version")
    if _major(text.split("(PostgreSQL)", 1)[-1]) < _major(server_version):
        return None, f"{text} is older than the server ({server_version})"
    return exe, ""


async def _pg_snapshot(url: str, workdir: Path) -> DbSnapshot:
    conn = await _pg_connect(url)
    try:
        version = str(await conn.fetchval("SHOW server_version"))
        snap = DbSnapshot("postgres", server_version=version)
        tx = conn.transaction(isolation="repeatable_read", readonly=True)
        await tx.start()
        try:
            exported = await conn.fetchval("SELECT pg_export_snapshot()")
            exe, snap.native_note = await pg_tool("pg_dump", version)
            dump = None
            if exe is not None:
                dsn, env = pg_dsn(url)
                out = workdir / NATIVE_NAMES["postgres"]
                dump = asyncio.ensure_future(_run(exe, "--format=custom", "--no-owner", "--no-privileges",
                                                  f"--snapshot={exported}", f"--file={out}", f"--dbname={dsn}",
                                                  env=env))

            async def fetch(sql: str) -> AsyncIterator[list[tuple[Any, ...]]]:
                cur = await conn.cursor(sql)
                while rows := await cur.fetch(BATCH):
                    yield [tuple(r) for r in rows]

            try:
                await _collect(snap, fetch)
            finally:
                if dump is not None:
                    rc, err = await dump  # the exporting transaction must outlive pg_dump's start
                    if rc != 0:
                        raise HtdyError(f"pg_dump failed (exit {rc}): {err}")
                    snap.native = out
        finally:
            await tx.rollback()
    finally:
        await conn.close()
    return snap


# --------------------------------------------------------------------------- native restore
async def restore_native(url: str, engine: str, file: Path, server_version: str) -> None:
    """Replace the database at ``url`` with the native dump ``file`` (all or nothing)."""
    if engine == "sqlite":
        dest = sqlite_path(url)
        dest.parent.mkdir(parents=True, exist_ok=True)

        def copy() -> None:
            src, dst = sqlite3.connect(f"file:{file}?mode=ro", uri=True), sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()

        await asyncio.to_thread(copy)
        return
    exe, why = await pg_tool("pg_restore", server_version)
    if exe is None:
        raise HtdyError(f"cannot restore the pg_dump natively: {why}; use --method portable")
    dsn, env = pg_dsn(url)
    rc, err = await _run(exe, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                         "--exit-on-error", f"--dbname={dsn}", str(file), env=env)
    if rc != 0:
        raise HtdyError(f"pg_restore failed (exit {rc}), nothing was restored: {err}")


async def native_possible(url: str, engine: str, server_version: str) -> tuple[bool, str]:
    if dialect_of(url) != engine:
        return False, f"the snapshot is {engine}, the target is {dialect_of(url)}"
    if engine == "postgres":
        exe, why = await pg_tool("pg_restore", server_version)
        return exe is not None, why
    return True, ""


async def nonempty_tables(conn: Any) -> dict[str, int]:
    """Tables of the target database (tortoise connection) that hold rows."""
    out = {}
    for model in app_models():
        table = model._meta.db_table
        try:
            _, rows = await conn.execute_query(f"SELECT COUNT(*) FROM {quote(table)}")
        except Exception as exc:  # noqa: BLE001 - table missing: an empty (unmigrated) database
            if "exist" in str(exc).lower() or "no such table" in str(exc).lower():
                continue
            raise
        n = int(list(rows[0])[0])
        if n:
            out[table] = n
    return out
