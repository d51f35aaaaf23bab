"""``htdy backup``: one consistent snapshot of the database and the stored files it
references, written to a :mod:`target <htdy.core.services.backup.target>`.

Order matters for safety: the database is read at one instant (``database.snapshot``),
then its tables and native dump are written, then every stored file the snapshot
references is copied unless the target already has it (objects are content-addressed, so
a second backup copies only new ones), and the manifest goes last, in one atomic write.
A backup killed at any point leaves a snapshot folder without a manifest: ``restore``
refuses it, and earlier snapshots (and the objects they name) are untouched.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from htdy.core.host.errors import HtdyError, NotFound
from htdy.core.services.backup import database
from htdy.core.services.backup.target import Target

FORMAT = 1
MANIFEST = "manifest.json"
CONCURRENCY = 8
Progress = Callable[[str, int, int | None], None]


def object_key(sha: str) -> str:
    return f"objects/{sha[:2]}/{sha}"


def snapshot_prefix(sid: str) -> str:
    return f"snapshots/{sid}/"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


@dataclass
class SnapshotInfo:
    id: str
    complete: bool


async def list_snapshots(target: Target) -> list[SnapshotInfo]:
    """Every snapshot in ``target``, oldest first; ``complete`` when its manifest exists."""
    seen: dict[str, bool] = {}
    for key in await target.list_keys("snapshots/"):
        parts = key.split("/")
        if len(parts) >= 3:
            seen[parts[1]] = seen.get(parts[1], False) or (len(parts) == 3 and parts[2] == MANIFEST)
    return [SnapshotInfo(sid, done) for sid, done in sorted(seen.items())]


async def read_manifest(target: Target, sid: str) -> dict[str, Any]:
    try:
        data = await target.get(snapshot_prefix(sid) + MANIFEST)
    except NotFound:
        raise HtdyError(f"snapshot {sid} in {target.where} is incomplete (no manifest): the backup was "
                        "interrupted; restore an earlier one", code="incomplete_backup") from None
    try:
        manifest: dict[str, Any] = json.loads(data)
    except ValueError:
        raise HtdyError(f"snapshot {sid}: the manifest is not valid JSON", code="corrupt_backup") from None
    if manifest.get("format") != FORMAT:
        raise HtdyError(f"snapshot {sid}: backup format {manifest.get('format')!r} is not supported "
                        f"(this htdy reads format {FORMAT})", code="corrupt_backup")
    return manifest


@dataclass
class BackupResult:
    id: str
    target: str
    engine: str
    migration_head: str | None
    rows: dict[str, int]
    objects: int = 0
    objects_new: int = 0
    bytes_new: int = 0
    bytes_objects: int = 0
    bytes_database: int = 0
    native_dump: str | None = None
    phases: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (f"snapshot={self.id} rows={sum(self.rows.values())} objects={self.objects} "
                f"new_objects={self.objects_new} new_bytes={self.bytes_new} db_bytes={self.bytes_database} "
                f"seconds={sum(self.phases.values()):.2f}")


async def backup(url: str, storage: Any, target: Target, *, version: str, keep: int | None = None,
                 progress: Progress | None = None) -> BackupResult:
    """Snapshot the database at ``url`` and the files it references (read from ``storage``)
    into ``target``; with ``keep``, then drop all but the newest ``keep`` complete snapshots."""
    report: Progress = progress or (lambda phase, done, total: None)
    clock = time.perf_counter()
    now = datetime.now(UTC)
    # sorts by time (to the microsecond: "newest" must be well defined), unique across hosts
    sid = now.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + secrets.token_hex(3)
    prefix = snapshot_prefix(sid)
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        phases[name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="htdy-backup-") as tmp:
        report("database", 0, 1)
        snap = await database.snapshot(url, Path(tmp))
        report("database", 1, 1)
        lap("snapshot")
        artifacts: dict[str, dict[str, Any]] = {}
        report("write", 0, len(snap.tables))
        if snap.native is not None:
            name = database.NATIVE_NAMES[snap.engine]
            await target.put_file(prefix + name, snap.native)
            artifacts[name] = {"sha256": await asyncio.to_thread(file_sha256, snap.native),
                               "size": snap.native.stat().st_size}
        for i, (table, dump) in enumerate(snap.tables.items(), 1):
            name = f"tables/{table}.jsonl.gz"
            await target.put(prefix + name, dump.data)
            artifacts[name] = {"sha256": _sha256(dump.data), "size": len(dump.data)}
            report("write", i, len(snap.tables))
        lap("database")
        result = BackupResult(sid, target.where, snap.engine, snap.migrations[-1] if snap.migrations else None,
                              {t: d.rows for t, d in snap.tables.items()},
                              bytes_database=sum(a["size"] for a in artifacts.values()),
                              native_dump=database.NATIVE_NAMES[snap.engine] if snap.native else None)
        objects = await _copy_objects(snap.files, storage, target, result, report)
        lap("files")
        manifest = {
            "format": FORMAT, "id": sid, "created_at": now.isoformat(), "htdy_version": version,
            "database": {"engine": snap.engine, "server_version": snap.server_version,
                         "migrations": snap.migrations, "migration_head": result.migration_head,
                         "native": database.NATIVE_NAMES[snap.engine] if snap.native else None,
                         "native_note": snap.native_note,
                         "tables": {t: d.info() for t, d in snap.tables.items()}},
            "artifacts": artifacts,
            "objects": objects,
            "problems": result.problems,
        }
        # last, in one atomic write: from here on the snapshot exists
        await target.put(prefix + MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        lap("manifest")
    if keep is not None:
        result.pruned = await prune(target, keep)
        lap("prune")
    result.phases = phases
    return result


async def _copy_objects(files: list[dict[str, Any]], storage: Any, target: Target, result: BackupResult,
                        report: Progress) -> list[dict[str, Any]]:
    """Copy each referenced stored file the target lacks; checks every byte copied."""
    have = set(await target.list_keys("objects/"))
    unique = {f["sha256"]: f for f in files}
    todo = [f for sha, f in sorted(unique.items()) if object_key(sha) not in have]
    result.objects = len(unique)
    result.bytes_objects = sum(int(f["size"]) for f in unique.values())
    done, lost = 0, set()
    report("files", 0, len(todo))
    sem = asyncio.Semaphore(CONCURRENCY)

    async def copy(f: dict[str, Any]) -> None:
        nonlocal done
        async with sem:
            try:
                data = await storage.get(f["key"])
            except NotFound:
                result.problems.append(f"stored file {f['sha256']} ({f['key']}) is missing from storage")
                lost.add(f["sha256"])
                return
            if _sha256(data) != f["sha256"]:
                result.problems.append(f"stored file {f['key']} does not match its sha256 (corrupt); not copied")
                lost.add(f["sha256"])
                return
            await target.put(object_key(f["sha256"]), data)
            result.objects_new += 1
            result.bytes_new += len(data)
            done += 1
            report("files", done, len(todo))

    await asyncio.gather(*(copy(f) for f in todo))
    return [{"sha256": sha, "size": int(f["size"]), "key": f["key"], "media_type": f["media_type"]}
            for sha, f in sorted(unique.items()) if sha not in lost]


async def prune(target: Target, keep: int) -> list[str]:
    """Keep the newest ``keep`` complete snapshots; delete older snapshots (complete or
    interrupted) and the objects no remaining manifest names. An interrupted snapshot newer
    than the newest complete one may be a backup still running: it and every object stay."""
    snaps = await list_snapshots(target)
    complete = [s.id for s in snaps if s.complete]
    if keep < 1 or not complete:
        return []
    kept = set(complete[-keep:])
    newest = complete[-1]
    doomed = [s.id for s in snaps if s.id not in kept and s.id < newest]
    running = [s.id for s in snaps if not s.complete and s.id > newest]
    for sid in doomed:
        keys = await target.list_keys(snapshot_prefix(sid))
        # the manifest first: a half-deleted snapshot must read as incomplete
        for key in sorted(keys, key=lambda k: not k.endswith("/" + MANIFEST)):
            await target.delete(key)
    if not running:
        await target.sweep(older_than_s=3600)
        wanted: set[str] = set()
        for sid in kept:
            wanted |= {object_key(o["sha256"]) for o in (await read_manifest(target, sid))["objects"]}
        for key in await target.list_keys("objects/"):
            if key not in wanted:
                await target.delete(key)
    return doomed
