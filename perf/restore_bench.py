"""``htdy perf restore --cvs N``: how long a backup and a restore of an instance of N CVs
take, and how big the backup is — against the seed's recovery targets (§1.3: database
and storage < 30 minutes, API < 15 minutes).

Generates the instance through the services (``instance_gen``: users, N CVs with
``--versions`` versions each, one uploaded file of ``--file-kb`` KB each) in a throw-away
directory, SQLite + local files unless ``--source-db`` names a PostgreSQL database; backs
it up to a directory (``BACKUP_S``), backs up again (``BACKUP_INCREMENTAL_S``: nothing new
to copy), then restores into a fresh SQLite + local files, or into ``--target-db`` (an
empty PostgreSQL database), with the search index rebuilt (``RESTORE_S`` and one
``RESTORE_<PHASE>_S`` per phase). Ends with ``NAME=value`` lines.
"""
from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import click

DB_TARGET_S = 30 * 60      # seed §1.3 database services: disaster recovery < 30 minutes
STORAGE_TARGET_S = 30 * 60  # storage services < 30 minutes
API_TARGET_S = 15 * 60      # API services < 15 minutes


def _settings(root: Path, database_url: str | None) -> Any:
    from htdy.core.host.config import settings_from_dict

    return settings_from_dict({
        "database": {"url": database_url or f"sqlite://{root}/htdy.sqlite3", "auto_migrate": True},
        "auth": {"argon2_time_cost": 1, "argon2_memory_kib": 1024},  # generated accounts: cheap hashes
        "plugins": {"storage_backends": {"local": {"root": str(root / "files"), "fsync": False}},
                    "search_backends": {"embedded": {"path": str(root / "search.sqlite3")}}},
    }, "<htdy perf restore>")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@click.command("restore")
@click.option("--cvs", type=click.IntRange(1), default=2000, show_default=True, help="CVs to generate.")
@click.option("--versions", type=click.IntRange(1, 20), default=3, show_default=True, help="Versions per CV.")
@click.option("--file-kb", type=click.IntRange(1, 10240), default=20, show_default=True,
              help="Size of each CV's uploaded file.")
@click.option("--source-db", default=None, metavar="URL", help="An empty PostgreSQL database for the instance.")
@click.option("--target-db", default=None, metavar="URL", help="An empty PostgreSQL database to restore into.")
@click.option("--keep", "keep_dir", is_flag=True, help="Keep the working directory (printed).")
def command(cvs: int, versions: int, file_kb: int, source_db: str | None, target_db: str | None,
            keep_dir: bool) -> None:
    """Time a backup and a restore of a generated instance against the seed's recovery targets."""
    from rich.progress import Progress

    from htdy.core.host.plugins import get_plugin_manager
    from htdy.core.services import backup
    from htdy.perf.instance_gen import generate, services

    work = Path(tempfile.mkdtemp(prefix="htdy-perf-restore-"))
    source, dest, bk = _settings(work / "source", source_db), _settings(work / "restored", target_db), work / "bk"
    pm = get_plugin_manager()
    figures: dict[str, Any] = {}
    try:
        async def make() -> dict[str, int]:
            async with services(source) as svc:
                with Progress(transient=True) as bar:
                    task = bar.add_task("generating CVs", total=cvs)
                    return await generate(svc, cvs, versions=versions, file_kb=file_kb,
                                          progress=lambda done, total: bar.update(task, completed=done))

        t = time.perf_counter()
        made = asyncio.run(make())
        figures["GENERATE_S"] = round(time.perf_counter() - t, 1)
        figures.update({k.upper(): v for k, v in made.items()})

        t = time.perf_counter()
        first = asyncio.run(backup.run_backup(source, pm, str(bk)))
        figures["BACKUP_S"] = round(time.perf_counter() - t, 2)
        figures["BACKUP_BYTES"] = _size(bk)
        figures["BACKUP_DB_BYTES"] = first.bytes_database
        figures["BACKUP_OBJECT_BYTES"] = first.bytes_objects
        figures["BACKUP_NATIVE_DUMP"] = first.native_dump or "none"
        t = time.perf_counter()
        again = asyncio.run(backup.run_backup(source, pm, str(bk)))
        figures["BACKUP_INCREMENTAL_S"] = round(time.perf_counter() - t, 2)
        figures["BACKUP_INCREMENTAL_NEW_OBJECTS"] = again.objects_new

        t = time.perf_counter()
        restored = asyncio.run(backup.run_restore(dest, pm, str(bk)))
        figures["RESTORE_S"] = round(time.perf_counter() - t, 2)
        figures["RESTORE_METHOD"] = restored.method
        for phase, seconds in restored.phases.items():
            figures[f"RESTORE_{phase.upper()}_S"] = seconds
        figures["RESTORE_ROWS"] = sum(restored.rows.values())
        figures["RESTORE_OBJECTS"] = restored.objects
        db_s = sum(restored.phases.get(p, 0) for p in ("check", "download", "database", "verify", "migrate"))
        figures["DB_RECOVERY_S"] = round(db_s, 2)
        figures["DB_RECOVERY_TARGET_MET"] = db_s < DB_TARGET_S
        figures["STORAGE_RECOVERY_S"] = restored.phases.get("files", 0)
        figures["STORAGE_RECOVERY_TARGET_MET"] = restored.phases.get("files", 0) < STORAGE_TARGET_S
        figures["API_RECOVERY_TARGET_MET"] = figures["RESTORE_S"] < API_TARGET_S
    finally:
        if keep_dir:
            click.echo(f"working directory: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for name, value in figures.items():
        click.echo(f"{name}={value}")
