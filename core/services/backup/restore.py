"""``htdy restore``: a snapshot back into an empty database and storage.

Phases (each timed): ``check`` (the snapshot is complete, its migrations are known, the
target is empty unless forced), ``download`` (every artifact checked against the
manifest's sha256), ``database`` (natively when the engines match, else row by row in one
transaction), ``verify`` (row counts and digests per table equal the manifest's),
``migrate`` (pending migrations), ``files`` (every object checked and put into storage),
``reindex`` (the search index rebuilt from the restored rows).

A portable (row-by-row) load and its verification run in one transaction: a mismatch
rolls everything back. A native load is all or nothing by itself.
"""
from __future__ import annotations

import asyncio
import hashlib
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from tortoise import Tortoise, connections
from tortoise.transactions import in_transaction

from htdy.core.db import dialect_of, migration_files, primary_connection_name, run_migrations, tortoise_config
from htdy.core.host.errors import Conflict, HtdyError, Unsupported
from htdy.core.services.backup import database
from htdy.core.services.backup.snapshot import (
    CONCURRENCY,
    Progress,
    file_sha256,
    list_snapshots,
    object_key,
    read_manifest,
    snapshot_prefix,
)
from htdy.core.services.backup.tables import app_models, digest_table, load_table, quote, read_dump
from htdy.core.services.backup.target import Target

Method = Literal["auto", "native", "portable"]


@dataclass
class RestoreResult:
    id: str
    source: str
    method: str
    rows: dict[str, int]
    objects: int = 0
    bytes_objects: int = 0
    migrations_applied: list[str] = field(default_factory=list)
    reindexed: int = 0
    skipped_incomplete: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (f"snapshot={self.id} method={self.method} rows={sum(self.rows.values())} objects={self.objects} "
                f"reindexed={self.reindexed} seconds={sum(self.phases.values()):.2f}")


async def choose(target: Target, sid: str | None) -> tuple[str, list[str]]:
    """The snapshot to restore (``sid`` or the newest complete one) and the interrupted
    ones newer than it, which are skipped."""
    snaps = await list_snapshots(target)
    if sid is not None:
        if not any(s.id == sid for s in snaps):
            raise HtdyError(f"{target.where} has no snapshot {sid!r}", code="not_found")
        return sid, []
    complete = [s.id for s in snaps if s.complete]
    if not complete:
        what = f"only interrupted ones ({', '.join(s.id for s in snaps)})" if snaps else "none"
        raise HtdyError(f"{target.where} holds no complete snapshot: {what}", code="incomplete_backup")
    return complete[-1], [s.id for s in snaps if not s.complete and s.id > complete[-1]]


async def restore(settings: Any, storage: Any, target: Target, *, snapshot: str | None = None, force: bool = False,
                  method: Method = "auto", reindex: Any = None, progress: Progress | None = None) -> RestoreResult:
    """Restore into the database of ``settings`` and ``storage`` (started). ``reindex`` is an
    async callable run last (the search rebuild), returning how many CVs it indexed."""
    report: Progress = progress or (lambda phase, done, total: None)
    clock = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        phases[name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    sid, skipped = await choose(target, snapshot)
    manifest = await read_manifest(target, sid)
    db = manifest["database"]
    unknown = [m for m in db["migrations"] if m not in migration_files()]
    if unknown:
        raise HtdyError(f"snapshot {sid} was made by a newer htdy ({manifest['htdy_version']}): unknown migrations "
                        f"{', '.join(unknown)}; upgrade htdy first", code="newer_backup")
    url = settings.database.url
    native_ok, why = await database.native_possible(url, db["engine"], db["server_version"])
    if method == "native" and not (native_ok and db["native"]):
        raise HtdyError(f"cannot restore snapshot {sid} natively: {why or 'it has no native dump'}")
    chosen = "native" if method != "portable" and native_ok and db["native"] else "portable"
    result = RestoreResult(sid, target.where, chosen, {t: i["rows"] for t, i in db["tables"].items()},
                           skipped_incomplete=skipped)

    await Tortoise.init(config=tortoise_config(settings))
    try:
        conn = connections.get(primary_connection_name(settings))
        await _check_empty(conn, storage, manifest, force)
        lap("check")
        with tempfile.TemporaryDirectory(prefix="htdy-restore-") as tmp:
            files = await _download(target, sid, manifest, Path(tmp), chosen, report)
            lap("download")
            if chosen == "native":
                await Tortoise.close_connections()
                await database.restore_native(url, db["engine"], files[db["native"]], db["server_version"])
                await Tortoise.init(config=tortoise_config(settings))
                conn = connections.get(primary_connection_name(settings))
                lap("database")
                await _verify(conn, db["tables"])
                lap("verify")
                result.migrations_applied = await run_migrations(settings)
                lap("migrate")
            else:
                result.migrations_applied = await run_migrations(settings)
                lap("migrate")
                async with in_transaction(primary_connection_name(settings)) as tx:
                    if force:
                        await _clear(tx)
                    await _load(tx, dialect_of(url), files, db["tables"], report)
                    lap("database")
                    await _verify(tx, db["tables"])
                    lap("verify")
        result.objects, result.bytes_objects = await _put_objects(target, storage, manifest["objects"], report)
        lap("files")
        if reindex is not None:
            report("reindex", 0, None)
            result.reindexed = int(await reindex())
            lap("reindex")
    finally:
        await Tortoise.close_connections()
    result.phases = phases
    return result


async def _check_empty(conn: Any, storage: Any, manifest: dict[str, Any], force: bool) -> None:
    busy = await database.nonempty_tables(conn)
    try:
        stored = bool(await storage.list_keys("", limit=1))
    except Unsupported:  # a backend that cannot list: look for the snapshot's own keys
        stored = any([await storage.exists(o["key"]) for o in manifest["objects"][:100]])
    if (busy or stored) and not force:
        what = [f"{t} has {n} rows" for t, n in sorted(busy.items())] + (["storage holds files"] if stored else [])
        raise Conflict("the target is not empty (" + "; ".join(what) + "); restore into an empty database and "
                       "storage, or pass --force to replace its rows and overwrite its files", code="target_not_empty")


async def _download(target: Target, sid: str, manifest: dict[str, Any], tmp: Path, method: str,
                    report: Progress) -> dict[str, Path]:
    """Fetch the artifacts this method needs, each checked against its sha256."""
    db = manifest["database"]
    names = [db["native"]] if method == "native" else [f"tables/{t}.jsonl.gz" for t in db["tables"]]
    out: dict[str, Path] = {}
    for i, name in enumerate(names):
        path = tmp / name.replace("/", "__")
        await target.get_file(snapshot_prefix(sid) + name, path)
        digest = await asyncio.to_thread(file_sha256, path)
        if digest != manifest["artifacts"][name]["sha256"]:
            raise HtdyError(f"snapshot {sid}: {name} does not match its checksum (damaged backup)",
                            code="corrupt_backup")
        out[name] = path
        report("download", i + 1, len(names))
    return out


async def _clear(conn: Any) -> None:
    for model in reversed(app_models()):
        await conn.execute_script(f"DELETE FROM {quote(model._meta.db_table)}")


async def _load(conn: Any, dialect: str, files: dict[str, Path], tables: dict[str, Any], report: Progress) -> None:
    models = {m._meta.db_table: m for m in app_models()}
    missing = [t for t in tables if t not in models]
    if missing:
        raise HtdyError(f"the snapshot has tables this htdy does not know: {', '.join(missing)}")
    total, done = sum(i["rows"] for i in tables.values()), 0
    for table, model in models.items():  # parents before children
        if table not in tables:
            continue
        data = await asyncio.to_thread(files[f"tables/{table}.jsonl.gz"].read_bytes)
        _, cols, rows = read_dump(data)
        await load_table(conn, dialect, model, cols, rows)
        done += len(rows)
        report("database", done, total)


async def _verify(conn: Any, tables: dict[str, Any]) -> None:
    models = {m._meta.db_table: m for m in app_models()}
    wrong = []
    for table, info in tables.items():
        rows, digest = await digest_table(conn, models[table], info["columns"])
        if rows != info["rows"]:
            wrong.append(f"{table}: {rows} rows, the snapshot has {info['rows']}")
        elif digest != info["digest"]:
            wrong.append(f"{table}: the rows differ from the snapshot's")
    if wrong:
        raise HtdyError("the restored database does not match the snapshot: " + "; ".join(wrong),
                        code="verify_failed")


async def _put_objects(target: Target, storage: Any, objects: list[dict[str, Any]],
                       report: Progress) -> tuple[int, int]:
    sem = asyncio.Semaphore(CONCURRENCY)
    done, size = 0, 0
    report("files", 0, len(objects))

    async def put(o: dict[str, Any]) -> None:
        nonlocal done, size
        async with sem:
            data = await target.get(object_key(o["sha256"]))
            if hashlib.sha256(data).hexdigest() != o["sha256"]:
                raise HtdyError(f"backup object {o['sha256']} is damaged (checksum mismatch)", code="corrupt_backup")
            await storage.put(o["key"], data, content_type=o["media_type"])
            done += 1
            size += len(data)
            report("files", done, len(objects))

    await asyncio.gather(*(put(o) for o in objects))
    return done, size
