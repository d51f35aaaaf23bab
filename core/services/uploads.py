"""Uploads: size limit → sniff → content-addressed store → job row → queue push.

Nothing is parsed here; the parser role's workers pick the job up. A rejected upload
leaves no row and no stored blob. Blobs are keyed by sha256, so the same document
uploaded twice is stored once.
"""
from __future__ import annotations

import hashlib
import logging
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from htdy.core.host.errors import HtdyError, ParseError, PayloadTooLarge, ServiceUnavailable
from htdy.core.models import Job, StoredFile
from htdy.core.observability.tracing import current_request_id
from htdy.core.services import Services, cvs, quota, utcnow

log = logging.getLogger("htdy.uploads")
MEDIA_TYPES = {"pdf": "application/pdf", "text": "text/plain",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def storage_key(sha: str) -> str:
    return f"cv-files/{sha}"


def check_size(svc: Services, size: int) -> None:
    limit = int(svc.settings.server.max_upload_mb * 1024 * 1024)
    if size > limit:
        raise PayloadTooLarge(f"the file is larger than the {svc.settings.server.max_upload_mb:g} MB limit",
                              details={"limit_bytes": limit, "size_bytes": size})


def sniff(data: bytes, svc: Services | None = None, filename: str | None = None) -> str:
    from htdy.core.services.parsing.sniff import plugin_sniffers
    from htdy.core.services.parsing.sniff import sniff as _sniff
    try:
        sniffers = plugin_sniffers(svc.settings, svc.registries) if svc is not None else ()
        return _sniff(data, filename=filename, sniffers=sniffers)
    except ParseError as exc:
        if exc.code == "unsupported_type":
            exc.status = 415
        raise


async def accept(svc: Services, user_id: str, data: bytes, *, filename: str | None, title: str | None,
                 cv_id: str | None) -> Job:
    check_size(svc, len(data))
    kind = sniff(data, svc, filename)
    if cv_id:
        await cvs.get_for(svc, user_id, cv_id, need="edit")
        cv_id = cvs.parse_uuid(cv_id)
    # the CV owner's quota (an editor's upload counts for the owner)
    await quota.check(svc, (await quota.owner_of(cv_id) if cv_id else None) or user_id, len(data))
    assert svc.storage is not None and svc.queue is not None
    sha = hashlib.sha256(data).hexdigest()
    key = storage_key(sha)
    existing = await StoredFile.get_or_none(sha256=sha)
    stored_now = False
    try:
        if existing is None or not await svc.storage.exists(key):
            await svc.storage.put(key, data, content_type=MEDIA_TYPES.get(kind, "application/octet-stream"))
            stored_now = existing is None
    except HtdyError:
        raise
    except Exception as exc:  # noqa: BLE001 - any backend's failure (disk full, read-only, S3 down)
        log.warning("storage write failed: %s: %s", type(exc).__name__, exc)
        raise ServiceUnavailable("file storage is unavailable; nothing was saved, try again later",
                                 code="storage_unavailable") from None
    # the request id travels with the job: the worker logs its lines under it
    payload = {"filename": filename, "title": title, "cv_id": cv_id, "request_id": current_request_id()}
    try:
        for attempt in (1, 2):  # a concurrent upload of the same bytes may win the file row
            file = existing if attempt == 1 else await StoredFile.get(sha256=sha)
            try:
                async with in_transaction(svc.conn_name):
                    if file is None:
                        file = await StoredFile.create(
                            sha256=sha, size=len(data), kind=kind, storage_key=key,
                            media_type=MEDIA_TYPES.get(kind, "application/octet-stream"))
                    job = await Job.create(kind="parse", user_id=user_id, file=file, available_at=utcnow(),
                                           payload=payload)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
                stored_now = False
    except BaseException:
        if stored_now:
            await svc.storage.delete(key)
        raise
    try:
        await svc.queue.push("parse", str(job.id), job.priority)
    except Exception:  # the row is the truth: workers re-scan queued jobs
        log.warning("queue push failed for job %s; a worker will find it by scanning", job.id, exc_info=True)
    return job


def job_dict(job: Job) -> dict[str, Any]:
    return {"id": str(job.id), "kind": job.kind, "status": job.status, "attempts": job.attempts,
            "error": {"code": job.error_code, "message": job.error_message} if job.status == "failed" else None,
            "result": job.result, "created_at": job.created_at.isoformat(),
            "updated_at": job.updated_at.isoformat()}
