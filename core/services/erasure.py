"""What deleting removes: a CV's uploaded originals, a whole account, and files nobody uses.

Uploaded documents are content-addressed and shared: two people who upload the same bytes
share one ``stored_files`` row and one blob. A file goes when nothing uses it any more — no
CV version made from it, no parse job still waiting for it. Rows go in a transaction; the
blobs are deleted after the commit (a blob whose delete fails is an orphan that
``htdy storage gc`` removes later — never a row pointing at nothing).
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from htdy.core.host.errors import Unauthorized
from htdy.core.models import CV, ApiToken, CVVersion, Job, PasswordReset, Session, Share, StoredFile, User
from htdy.core.services import Services, search_index, utcnow
from htdy.core.services.rendering import cached_renders

log = logging.getLogger("htdy.erasure")
ACTIVE_JOBS = ("queued", "running")
FILE_PREFIX = "cv-files/"


async def _in_use(file_id: Any) -> bool:
    return (await CVVersion.filter(source_file_id=file_id).exists()
            or await Job.filter(file_id=file_id, status__in=ACTIVE_JOBS).exists())


async def release_files(svc: Services, file_ids: Any) -> list[str]:
    """Delete the stored files among ``file_ids`` that nothing uses any more (rows, then
    blobs); returns their storage keys."""
    keys: list[str] = []
    for fid in {str(f) for f in file_ids if f}:
        async with in_transaction(svc.conn_name):
            file = await StoredFile.get_or_none(id=fid)
            if file is None or await _in_use(fid):
                continue
            await Job.filter(file_id=fid).update(file_id=None)  # finished jobs keep no link to it
            await StoredFile.filter(id=fid).delete()
        keys.append(file.storage_key)
    await _delete_blobs(svc, keys)
    return keys


async def _delete_blobs(svc: Services, keys: list[str]) -> None:
    if svc.storage is None:
        if keys:
            log.warning("no storage backend started: %d blobs left for `htdy storage gc`", len(keys))
        return
    for key in keys:
        try:
            await svc.storage.delete(key)
        except Exception as exc:  # noqa: BLE001 - any backend's failure; gc finds the orphan later
            log.warning("deleting blob %s failed (`htdy storage gc` will): %s: %s", key, type(exc).__name__, exc)


async def forget_cvs(svc: Services, cv_ids: list[str]) -> None:
    """After deleted CVs' rows are committed: their cache entries, cached renders, search
    entries and not yet written profile events."""
    if not cv_ids:
        return
    await svc.cache.delete(*(k for c in cv_ids for k in (f"cv:{c}", f"pub:{c}")))
    for cid in cv_ids:
        await cached_renders.forget(svc.cache, cid)
        await search_index.remove(svc, cid)
    if svc.events is not None:
        for key in [k for k in svc.events.pending if k[0] in set(cv_ids)]:
            del svc.events.pending[key]


async def files_of_cvs(cv_ids: list[str]) -> list[str]:
    return [str(f) for f in await CVVersion.filter(cv_id__in=cv_ids, source_file_id__isnull=False)
            .values_list("source_file_id", flat=True)]


# --------------------------------------------------------------------------- accounts
async def delete_account(svc: Services, user_id: str, password: str | None, *, check_password: bool = True) -> dict[str, int]:
    """Delete the user and everything that is theirs: CVs (versions, shares, profile events),
    shares with them and invitations to their address, tokens, sessions, reset links, jobs,
    uploaded files nobody else uses, search entries and cached renders. Versions they wrote
    on other people's CVs stay with those CVs, without their name (``created_by`` cleared)."""
    from htdy.core.services.accounts import _hasher, _verify

    user = await User.get(id=user_id)
    if check_password:
        h, _ = _hasher(svc)
        if not await asyncio.to_thread(_verify, h, user.password_hash, password or ""):
            raise Unauthorized("the password is wrong", code="wrong_password")
    cv_ids = [str(c) for c in await CV.filter(owner_id=user_id).values_list("id", flat=True)]
    file_ids = await files_of_cvs(cv_ids)
    file_ids += [str(f) for f in await Job.filter(user_id=user_id, file_id__isnull=False).values_list("file_id", flat=True)]
    secrets_ = [*await Session.filter(user_id=user_id).values_list("token_hash", flat=True),
                *await ApiToken.filter(user_id=user_id).values_list("token_hash", flat=True)]
    shared_with_me = [str(c) for c in await Share.filter(Q(user_id=user_id) | Q(email=user.email))
                      .values_list("cv_id", flat=True)]
    async with in_transaction(svc.conn_name):
        await CVVersion.filter(created_by_id=user_id).exclude(cv_id__in=cv_ids).update(created_by_id=None)
        await Share.filter(Q(user_id=user_id) | Q(email=user.email)).delete()
        await CV.filter(owner_id=user_id).delete()  # cascades: versions, shares, profile events
        await Job.filter(user_id=user_id).delete()
        for model in (PasswordReset, ApiToken, Session):
            await model.filter(user_id=user_id).delete()
        await User.filter(id=user_id).delete()
    await forget_cvs(svc, cv_ids)
    await svc.cache.delete(*(f"cv:{c}" for c in shared_with_me), *(f"auth:{h}" for h in secrets_))
    removed = await release_files(svc, file_ids)
    log.info("account deleted: %d CVs, %d files", len(cv_ids), len(removed))
    return {"cvs": len(cv_ids), "files": len(removed)}


# --------------------------------------------------------------------------- storage gc
@dataclass
class Orphan:
    key: str
    reason: str
    file_id: str | None = None
    size: int | None = None


@dataclass
class GcReport:
    orphans: list[Orphan] = field(default_factory=list)
    deleted: int = 0
    scanned_blobs: int = 0


async def find_orphans(svc: Services, *, min_age_s: float = 3600) -> GcReport:
    """Stored files nothing uses (rows and their blobs) and blobs without a row, older than
    ``min_age_s`` (an upload in progress writes its blob a moment before its row)."""
    assert svc.storage is not None
    cutoff = utcnow() - timedelta(seconds=min_age_s)
    report = GcReport()
    known: set[str] = set()
    for row in await StoredFile.all().values("id", "storage_key", "size", "created_at"):
        known.add(row["storage_key"])
        if row["created_at"] <= cutoff and not await _in_use(row["id"]):
            report.orphans.append(Orphan(row["storage_key"], "no CV version or pending job uses it",
                                         str(row["id"]), row["size"]))
    async for key, size, modified in svc.storage.scan(FILE_PREFIX):
        report.scanned_blobs += 1
        if key not in known and modified <= cutoff.timestamp():
            report.orphans.append(Orphan(key, "no stored_files row", None, size))
    return report


async def collect(svc: Services, report: GcReport) -> int:
    """Delete what ``find_orphans`` found (rows re-checked in their transaction)."""
    keys: list[str] = []
    for o in report.orphans:
        if o.file_id is None:
            keys.append(o.key)
            continue
        async with in_transaction(svc.conn_name):
            if await _in_use(o.file_id):
                continue
            await Job.filter(file_id=o.file_id).update(file_id=None)
            if await StoredFile.filter(id=o.file_id).delete():
                keys.append(o.key)
    await _delete_blobs(svc, keys)
    report.deleted = len(keys)
    return len(keys)
