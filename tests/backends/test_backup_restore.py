"""``htdy backup`` / ``htdy restore`` run for real (subprocesses) on generated instances:
backup → wipe → restore compares every table row and every stored object byte for byte,
on SQLite + local files and on PostgreSQL + S3 (moto_server, the S3 stand-in), and across
them both ways; the incremental copy, the refusals, damage detection, retention, and a
backup killed half-way."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.testing import make_settings

pytestmark = pytest.mark.timeout(600)

RUN = "from htdy.core.commands.cli import main; main()"


@dataclass
class Instance:
    """One htdy installation: its database, its storage (local or S3) and search file."""

    root: Path
    database_url: str
    storage: str = "local"
    s3: dict[str, Any] = field(default_factory=dict)
    extra_plugins: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def plugins(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``[plugins.<slot>.<name>]`` tables (the extra plugins are storage backends)."""
        storage: dict[str, dict[str, Any]] = {"local": {"root": str(self.root / "files"), "fsync": False}}
        if self.s3:
            storage["s3"] = dict(self.s3)
        storage.update(self.extra_plugins)
        return {"storage_backends": storage,
                "search_backends": {"embedded": {"path": str(self.root / "search.sqlite3")}}}

    def settings(self, storage: str | None = None) -> Any:
        return make_settings(self.root, database_url=self.database_url,
                             storage={"backend": storage or self.storage}, plugins=self.plugins)

    def config(self, storage: str | None = None) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"database": {"url": self.database_url}, "storage": {"backend": storage or self.storage},
                "auth": {"argon2_time_cost": 1, "argon2_memory_kib": 1024}, "plugins": self.plugins}
        path = self.root / f"htdy-{storage or self.storage}.toml"
        path.write_text(_toml(data))
        return path


def _toml(data: dict[str, Any]) -> str:
    """``{section: {key: value}}`` and ``plugins: {slot: {name: {key: value}}}`` as TOML."""
    out = []
    for section, values in data.items():
        if section == "plugins":
            for slot, tables in values.items():
                for name, opts in tables.items():
                    out.append(f"[plugins.{slot}.{json.dumps(name)}]")
                    out += [f"{k} = {json.dumps(v)}" for k, v in opts.items() if v is not None]
        else:
            out.append(f"[{section}]")
            out += [f"{k} = {json.dumps(v)}" for k, v in values.items()]
    return "\n".join(out) + "\n"


def htdy(cfg: Path, *args: str, script: str = RUN, timeout: float = 240,
         path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HTDY_CONFIG=str(cfg), HTDY_DISABLE_ENTRYPOINTS="1")
    if path is not None:  # where pg_dump/pg_restore are looked up
        env["PATH"] = path
    return subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def htdy_json(cfg: Path, *args: str, path: str | None = None) -> dict[str, Any]:
    out = htdy(cfg, *args, "--json", path=path)
    assert out.returncode == 0, out.stderr + out.stdout
    result: dict[str, Any] = json.loads(out.stdout)
    return result


async def populate(inst: Instance, cvs: int, *, seed: int = 1, file_kb: int = 4) -> dict[str, int]:
    from htdy.perf.instance_gen import generate, services

    async with services(inst.settings()) as svc:
        return await generate(svc, cvs, seed=seed, file_kb=file_kb, per_user=4)


async def contents(inst: Instance) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bytes]]:
    """Every row of every table (through the models, ordered by primary key) and every
    stored object's bytes, read independently of the backup code."""
    from tortoise import Tortoise

    from htdy.core.db import close_db, init_db
    from htdy.core.models import StoredFile
    from htdy.perf.instance_gen import services

    settings = inst.settings()
    db = await init_db(settings, migrate=False)
    try:
        rows = {}
        for model in Tortoise.apps["models"].values():
            if model._meta.db_table == "aerich":
                continue
            rows[model._meta.db_table] = await model.all().order_by(model._meta.pk_attr).values()
        keys = await StoredFile.all().values_list("storage_key", flat=True)
    finally:
        await close_db(db)
    async with services(settings) as svc:
        assert svc.storage is not None
        blobs = {str(k): await svc.storage.get(str(k)) for k in keys}
    return rows, blobs


async def wipe(inst: Instance) -> None:
    """Lose the instance: database emptied (file deleted / database recreated), files gone."""
    import shutil

    from htdy.core.db import dialect_of
    from htdy.storage_backends.s3 import S3Storage

    if dialect_of(inst.database_url) == "sqlite":
        Path(inst.database_url.split("://", 1)[1]).unlink()
    else:
        import asyncpg

        name = inst.database_url.rsplit("/", 1)[1]
        admin = await asyncpg.connect(inst.database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://")
                                      + "/postgres")
        try:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
    if inst.storage == "s3":
        s3 = S3Storage(S3Storage.Options.model_validate(inst.s3))
        await s3.start()
        try:
            for key in await s3.list_keys(""):
                await s3.delete(key)
        finally:
            await s3.close()
    shutil.rmtree(inst.root / "files", ignore_errors=True)
    (inst.root / "search.sqlite3").unlink(missing_ok=True)


def s3_options(moto_url: str, bucket: str | None = None, prefix: str = "files") -> dict[str, Any]:
    return {"endpoint_url": moto_url, "bucket": bucket or f"htdy-{uuid.uuid4().hex[:10]}", "region": "eu-central-1",
            "access_key_id": "test", "secret_access_key": "test", "prefix": prefix, "create_bucket": True}


def run(coro: Any) -> Any:
    return asyncio.run(coro)



def _sqlite(root: Path) -> Instance:
    return Instance(root, f"sqlite://{root}/htdy.sqlite3")


def _pg_s3(root: Path, pg_url: str, moto_url: str) -> Instance:
    return Instance(root, pg_url, storage="s3", s3=s3_options(moto_url))


def _assert_same(before: tuple, after: tuple) -> None:
    rows_a, blobs_a = before
    rows_b, blobs_b = after
    assert set(rows_a) == set(rows_b)
    for table in rows_a:
        assert rows_b[table] == rows_a[table], f"table {table} differs"
    assert blobs_b == blobs_a  # every stored object, byte for byte
    assert rows_a["cvs"] and rows_a["cv_versions"] and blobs_a  # a real instance was compared


def test_sqlite_local_backup_wipe_restore(tmp_path: Path) -> None:
    inst = _sqlite(tmp_path / "a")
    made = run(populate(inst, 8))
    before = run(contents(inst))
    cfg = inst.config()
    first = htdy_json(cfg, "backup", "--to", str(tmp_path / "bk"))
    assert first["rows"]["cvs"] == 8 and first["rows"]["cv_versions"] == 24
    assert first["objects"] == first["objects_new"] == made["files"] and first["native_dump"] == "database.sqlite3"

    again = htdy_json(cfg, "backup", "--to", str(tmp_path / "bk"))  # incremental: nothing new to copy
    assert again["objects"] == made["files"] and again["objects_new"] == 0 and again["bytes_new"] == 0

    run(wipe(inst))
    out = htdy(cfg, "restore", "--from", str(tmp_path / "bk"))
    assert out.returncode == 0, out.stderr
    assert f"snapshot={again['id']} method=native" in out.stdout  # the newest complete snapshot
    for phase in ("check=", "download=", "database=", "verify=", "migrate=", "files=", "reindex="):
        assert phase in out.stdout
    assert "reindexed=4" in out.stdout  # every other CV is discoverable
    _assert_same(before, run(contents(inst)))

    # the portable path gives the same instance (forced over the restored one)
    result = htdy_json(cfg, "restore", "--from", str(tmp_path / "bk"), "--method", "portable", "--force")
    assert result["method"] == "portable" and result["objects"] == made["files"]
    _assert_same(before, run(contents(inst)))


@pytest.mark.postgres
def test_postgres_s3_backup_wipe_restore(tmp_path: Path, pg_database_url: str, moto_url: str) -> None:
    inst = _pg_s3(tmp_path / "a", pg_database_url, moto_url)
    run(populate(inst, 8))
    before = run(contents(inst))
    cfg = inst.config()
    target = f"s3://{inst.s3['bucket']}-bk/nightly"  # another bucket, created with [plugins.storage_backends.s3]'s endpoint
    first = htdy_json(cfg, "backup", "--to", target)
    assert first["native_dump"] == "database.pgdump" and first["engine"] == "postgres"
    assert first["objects_new"] == 8

    run(wipe(inst))
    result = htdy_json(cfg, "restore", "--from", target)
    assert result["method"] == "native" and result["id"] == first["id"]  # pg_restore
    _assert_same(before, run(contents(inst)))


@pytest.mark.postgres
def test_postgres_without_a_usable_pg_dump_keeps_the_portable_rows(tmp_path: Path, pg_database_url: str) -> None:
    """An image whose pg_dump is older than the server (it would refuse to dump it): the
    backup says why it has no native dump, and the restore loads the portable rows."""
    inst = Instance(tmp_path / "a", pg_database_url)
    run(populate(inst, 3))
    before = run(contents(inst))
    tools = tmp_path / "old-tools"
    tools.mkdir()
    for name in ("pg_dump", "pg_restore"):
        (tools / name).write_text("#!/bin/sh\necho \"$0 (PostgreSQL) 9.6.24\"\n")
        (tools / name).chmod(0o755)
    bk = tmp_path / "bk"
    out = htdy(inst.config(), "backup", "--to", str(bk), path=str(tools))
    assert out.returncode == 0, out.stderr
    assert "no native database dump" in out.stdout
    (snap,) = (bk / "snapshots").iterdir()
    manifest = json.loads((snap / "manifest.json").read_text())
    assert manifest["database"]["native"] is None and "older than the server" in manifest["database"]["native_note"]
    run(wipe(inst))
    result = htdy_json(inst.config(), "restore", "--from", str(bk), path=str(tools))
    assert result["method"] == "portable"
    _assert_same(before, run(contents(inst)))
    out = htdy(inst.config(), "restore", "--from", str(bk), "--method", "native", "--force", path=str(tools))
    assert out.returncode == 2 and "natively" in out.stderr


@pytest.mark.postgres
@pytest.mark.parametrize("direction", ["laptop-to-cluster", "cluster-to-laptop"])
def test_cross_backend_restore(tmp_path: Path, pg_database_url: str, moto_url: str, direction: str) -> None:
    laptop, cluster = _sqlite(tmp_path / "laptop"), _pg_s3(tmp_path / "cluster", pg_database_url, moto_url)
    source, dest = (laptop, cluster) if direction == "laptop-to-cluster" else (cluster, laptop)
    run(populate(source, 9, seed=3))
    before = run(contents(source))
    backup = htdy_json(source.config(), "backup", "--to", str(tmp_path / "bk"))
    result = htdy_json(dest.config(), "restore", "--from", str(tmp_path / "bk"))
    assert result["method"] == "portable" and result["id"] == backup["id"]
    assert result["rows"] == backup["rows"] and result["objects"] == backup["objects"]
    _assert_same(before, run(contents(dest)))

    # the restored instance works: a new backup from it holds the same rows
    again = htdy_json(dest.config(), "backup", "--to", str(tmp_path / "bk2"))
    assert again["rows"] == backup["rows"]


def test_refuses_a_non_empty_target_and_damaged_backups(tmp_path: Path) -> None:
    inst, other = _sqlite(tmp_path / "a"), _sqlite(tmp_path / "b")
    run(populate(inst, 4))
    run(populate(other, 2, seed=7))
    other_before = run(contents(other))
    bk = tmp_path / "bk"
    snap = htdy_json(inst.config(), "backup", "--to", str(bk))

    out = htdy(other.config(), "restore", "--from", str(bk))
    assert out.returncode == 2 and "not empty" in out.stderr and "--force" in out.stderr
    assert "users has 1 rows" in out.stderr and "storage holds files" in out.stderr
    _assert_same(other_before, run(contents(other)))  # nothing touched

    # a damaged table file: refused before anything is written
    empty = _sqlite(tmp_path / "c")
    victim = bk / "snapshots" / snap["id"] / "tables" / "cvs.jsonl.gz"
    victim.write_bytes(victim.read_bytes()[:-3] + b"xyz")
    out = htdy(empty.config(), "restore", "--from", str(bk), "--method", "portable")
    assert out.returncode == 2 and "does not match its checksum" in out.stderr
    assert not (empty.root / "files").exists() or not any((empty.root / "files").rglob("*.*"))

    # made by a newer htdy: refused, naming the migration
    manifest = bk / "snapshots" / snap["id"] / "manifest.json"
    data = json.loads(manifest.read_text())
    data["database"]["migrations"].append("9_20991231000000_future.py")
    manifest.write_text(json.dumps(data))
    out = htdy(empty.config(), "restore", "--from", str(bk))
    assert out.returncode == 2 and "newer htdy" in out.stderr and "9_20991231000000_future.py" in out.stderr

    out = htdy(inst.config(), "backup", "--to", "ftp://host/x")
    assert out.returncode == 2 and "no storage backend opens ftp:// URLs" in out.stderr and "s3" in out.stderr


def test_retention_keeps_the_newest_and_their_objects(tmp_path: Path) -> None:
    import sqlite3

    inst = _sqlite(tmp_path / "a")
    run(populate(inst, 3))
    bk = tmp_path / "bk"
    old = htdy_json(inst.config(), "backup", "--to", str(bk))
    # one stored file leaves the instance (as a failed parse's file does); two CVs arrive
    with sqlite3.connect(inst.root / "htdy.sqlite3") as db:
        (gone,) = db.execute("SELECT sha256 FROM stored_files ORDER BY sha256 LIMIT 1").fetchone()
        db.execute("UPDATE jobs SET file_id = NULL WHERE file_id = (SELECT id FROM stored_files WHERE sha256 = ?)",
                   (gone,))
        db.execute("DELETE FROM stored_files WHERE sha256 = ?", (gone,))
    run(populate(inst, 2, seed=9))
    new = htdy_json(inst.config(), "backup", "--to", str(bk), "--keep", "1")
    assert new["pruned"] == [old["id"]] and new["objects"] == 4
    assert [p.name for p in (bk / "snapshots").iterdir()] == [new["id"]]
    objects = {p.name for p in (bk / "objects").rglob("*") if p.is_file()}
    assert len(objects) == 4 and gone not in objects  # named by no remaining snapshot: removed
    fresh = _sqlite(tmp_path / "c")
    assert htdy_json(fresh.config(), "restore", "--from", str(bk))["objects"] == 4


SLOW_STORAGE = '''
import asyncio
from htdy import hookimpl
from htdy.storage_backends.local import LocalStorage

class SlowLocal(LocalStorage):
    name = "slow-local"

    async def get(self, key):
        await asyncio.sleep(0.25)
        return await super().get(key)

@hookimpl
def htdy_register_storage_backends():
    return [SlowLocal]
'''

WITH_SLOW = """
import sys
sys.path.insert(0, {path!r})
import slowstore
import htdy.core.commands.cli as cli
from htdy.core.host.plugins import get_plugin_manager
pm = get_plugin_manager(extra=[slowstore])
cli.cli_plugin_manager = lambda: pm
cli.main()
"""


def test_a_backup_killed_half_way_is_refused_and_the_previous_one_is_intact(tmp_path: Path) -> None:
    inst = _sqlite(tmp_path / "a")
    run(populate(inst, 3))
    before = run(contents(inst))
    bk = tmp_path / "bk"
    good = htdy_json(inst.config(), "backup", "--to", str(bk))
    good_manifest = (bk / "snapshots" / good["id"] / "manifest.json").read_bytes()
    good_objects = {p: p.read_bytes() for p in (bk / "objects").rglob("*") if p.is_file()}

    run(populate(inst, 40, seed=5))  # 40 new files; each takes 0.25 s to read from the slow storage
    (tmp_path / "plug").mkdir()
    (tmp_path / "plug" / "slowstore.py").write_text(SLOW_STORAGE)
    inst.extra_plugins = {"slow-local": {"root": str(inst.root / "files"), "fsync": False}}
    cfg = inst.config("slow-local")
    env_script = WITH_SLOW.format(path=str(tmp_path / "plug"))
    import os
    proc = subprocess.Popen([sys.executable, "-c", env_script, "backup", "--to", str(bk)],
                            env=dict(os.environ, HTDY_CONFIG=str(cfg), HTDY_DISABLE_ENTRYPOINTS="1"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    def copied_objects() -> list[Path]:  # complete ones: a write in flight is a hidden .tmp- file
        return [p for p in (bk / "objects").rglob("*")
                if p.is_file() and p not in good_objects and not p.name.startswith(".tmp-")]

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if copied_objects():
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    snaps = sorted(p.name for p in (bk / "snapshots").iterdir())
    assert len(snaps) == 2 and snaps[0] == good["id"]
    partial = snaps[1]
    assert not (bk / "snapshots" / partial / "manifest.json").exists()
    copied = copied_objects()
    assert 0 < len(copied) < 40  # really half-way

    # the earlier snapshot is untouched
    assert (bk / "snapshots" / good["id"] / "manifest.json").read_bytes() == good_manifest
    assert all(p.read_bytes() == data for p, data in good_objects.items())

    listing = htdy(inst.config(), "restore", "--from", str(bk), "--list")
    assert f"{partial}  INCOMPLETE" in listing.stdout and f"{good['id']}  complete" in listing.stdout
    fresh = _sqlite(tmp_path / "c")
    out = htdy(fresh.config(), "restore", "--from", str(bk), "--snapshot", partial)
    assert out.returncode == 2 and "incomplete" in out.stderr and "interrupted" in out.stderr
    out = htdy(fresh.config(), "restore", "--from", str(bk))  # the newest complete one, with a warning
    assert out.returncode == 0, out.stderr
    assert f"skipped interrupted snapshot {partial}" in out.stderr and f"snapshot={good['id']}" in out.stdout
    _assert_same(before, run(contents(fresh)))

    # the next backup completes and copies only what the killed one had not
    inst.extra_plugins = {}
    done = htdy_json(inst.config(), "backup", "--to", str(bk))
    assert done["objects"] == 43 and done["objects_new"] == 40 - len(copied)

    # retention removes the interrupted snapshot and, once stale, what killed writes left
    stale = bk / "objects" / "ab" / ".tmp-killed.part"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"half an object")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    last = htdy_json(inst.config(), "backup", "--to", str(bk), "--keep", "2")
    assert sorted(last["pruned"]) == sorted([good["id"], partial])
    assert sorted(p.name for p in (bk / "snapshots").iterdir()) == [done["id"], last["id"]]
    assert not stale.exists()  # the killed run's own temp files are younger than an hour: kept for now
