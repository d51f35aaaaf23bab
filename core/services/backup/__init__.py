"""Backup and restore of a whole instance: the database and the stored files together
(``htdy backup`` / ``htdy restore``; docs/backup.md).

* :mod:`.target` — where snapshots live (a directory, or a storage backend by URL)
* :mod:`.database` — reading the database at one instant; native dumps and restores
* :mod:`.tables` — every row in an engine-neutral form, with per-table digests
* :mod:`.snapshot` — the backup itself, the manifest, listing and retention
* :mod:`.restore` — the restore, its checks and timings

This module wires them to the configured plugins (through the registries only).
"""
from __future__ import annotations

from typing import Any

from htdy.core.services.backup.restore import Method, RestoreResult
from htdy.core.services.backup.snapshot import BackupResult, Progress, SnapshotInfo, list_snapshots
from htdy.core.services.backup.target import Target, open_target

__all__ = ["BackupResult", "Method", "RestoreResult", "SnapshotInfo", "Target", "list_snapshots",
           "open_target", "run_backup", "run_restore", "run_list"]


async def _storage(settings: Any, regs: Any) -> Any:
    from htdy.core.http.app import instantiate

    storage = instantiate(settings, regs.storage_backends, settings.storage.backend)
    await storage.start()
    return storage


async def run_backup(settings: Any, pm: Any, location: str, *, keep: int | None = None,
                     progress: Progress | None = None) -> BackupResult:
    """Back up the instance ``settings`` describes to ``location`` (a directory or URL)."""
    from htdy import __version__
    from htdy.core.db import close_db, init_db
    from htdy.core.host.plugins import build_registries
    from htdy.core.services.backup.snapshot import backup

    regs = build_registries(pm, ["storage_backends"])
    target = open_target(location, settings, regs)
    db = await init_db(settings, migrate=False)  # a database with pending migrations is refused here
    try:
        storage = await _storage(settings, regs)
        try:
            await target.open()
            try:
                return await backup(settings.database.url, storage, target, version=__version__, keep=keep,
                                    progress=progress)
            finally:
                await target.close()
        finally:
            await storage.close()
    finally:
        await close_db(db)


async def run_restore(settings: Any, pm: Any, location: str, *, snapshot: str | None = None, force: bool = False,
                      method: Method = "auto", reindex: bool = True,
                      progress: Progress | None = None) -> RestoreResult:
    """Restore ``location``'s snapshot into the database and storage ``settings`` describe,
    then rebuild the configured search backend's index."""
    from htdy.core.host.plugins import build_registries
    from htdy.core.http.app import instantiate
    from htdy.core.services import Services, search_index
    from htdy.core.services.backup.restore import restore
    from htdy.core.services.cache import build_cache

    regs = build_registries(pm)
    target = open_target(location, settings, regs)

    async def rebuild() -> int:
        svc = Services(settings=settings, pm=pm, registries=regs, cache=build_cache(settings, regs))
        svc.search = instantiate(settings, regs.search_backends, settings.search.backend)
        await svc.search.start()
        try:
            done = await search_index.reindex(
                svc, progress=(lambda phase, n, total: progress("reindex", n, total)) if progress else None)
        finally:
            await svc.search.close()
        return done.indexed

    storage = await _storage(settings, regs)
    try:
        await target.open()
        try:
            return await restore(settings, storage, target, snapshot=snapshot, force=force, method=method,
                                 reindex=rebuild if reindex else None, progress=progress)
        finally:
            await target.close()
    finally:
        await storage.close()


async def run_list(settings: Any, pm: Any, location: str) -> list[SnapshotInfo]:
    from htdy.core.host.plugins import build_registries

    target = open_target(location, settings, build_registries(pm, ["storage_backends"]))
    await target.open()
    try:
        return await list_snapshots(target)
    finally:
        await target.close()
