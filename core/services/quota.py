"""Bounded use per account: a storage quota and the version pruning policy.

* Quota (``[storage] quota_mb``, 0 = none): the bytes of an owner's CV versions (their JSON
  content and parse extras) plus the uploaded files those versions and the owner's unfinished
  jobs keep. A write that would go over is ``413 quota_exceeded`` and writes nothing.
* Pruning (``[versions] keep`` newest per CV, ``max_age_days``; 0 = no such rule): after
  every new version, older ones past either rule are deleted — never the current version
  (which is also what a public profile serves). A pruned version's file is left to
  ``htdy storage gc``.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from tortoise import connections

from htdy.core.host.errors import HtdyError
from htdy.core.models import CV, CVVersion
from htdy.core.services import Services, utcnow

log = logging.getLogger("htdy.quota")

_VERSIONS_SQL = {
    "sqlite": "SELECT COALESCE(SUM(LENGTH(CAST(v.resume AS BLOB)) + LENGTH(CAST(v.extras AS BLOB))), 0) AS n "
              "FROM cv_versions v JOIN cvs c ON c.id = v.cv_id WHERE c.owner_id = ?",
    "postgres": "SELECT COALESCE(SUM(octet_length(v.resume::text) + octet_length(v.extras::text)), 0) AS n "
                "FROM cv_versions v JOIN cvs c ON c.id = v.cv_id WHERE c.owner_id = $1",
}
_FILES_SQL = {
    "sqlite": "SELECT COALESCE(SUM(f.size), 0) AS n FROM stored_files f WHERE f.id IN ("
              "SELECT v.source_file_id FROM cv_versions v JOIN cvs c ON c.id = v.cv_id WHERE c.owner_id = ? "
              "UNION SELECT j.file_id FROM jobs j WHERE j.user_id = ? AND j.status IN ('queued', 'running'))",
    "postgres": "SELECT COALESCE(SUM(f.size), 0) AS n FROM stored_files f WHERE f.id IN ("
                "SELECT v.source_file_id FROM cv_versions v JOIN cvs c ON c.id = v.cv_id WHERE c.owner_id = $1 "
                "UNION SELECT j.file_id FROM jobs j WHERE j.user_id = $1 AND j.status IN ('queued', 'running'))",
}


class QuotaExceeded(HtdyError):
    status = 413
    code = "quota_exceeded"


def _dialect(conn: Any) -> str:
    return "postgres" if "postgres" in str(getattr(conn.capabilities, "dialect", "")) else "sqlite"


async def usage(svc: Services, user_id: str) -> int:
    """Bytes the account uses (versions + files)."""
    conn = connections.get(svc.conn_name)
    dialect = _dialect(conn)
    uid = str(user_id)
    total = 0
    for sql, params in ((_VERSIONS_SQL[dialect], [uid]),
                        (_FILES_SQL[dialect], [uid, uid] if dialect == "sqlite" else [uid])):
        rows = await conn.execute_query_dict(sql, params)
        total += int(rows[0]["n"] or 0)
    return total


async def check(svc: Services, user_id: str, adding: int) -> None:
    """Refuse (``413 quota_exceeded``) a write of ``adding`` bytes that would go over the quota."""
    quota_mb = svc.settings.storage.quota_mb
    if quota_mb <= 0 or adding <= 0:
        return
    limit = int(quota_mb * 1024 * 1024)
    used = await usage(svc, user_id)
    if used + adding > limit:
        raise QuotaExceeded(f"this would use {used + adding} bytes of your {limit}-byte storage quota; delete "
                            "CVs or old versions first", details={"used": used, "adding": adding, "quota": limit})


def json_bytes(value: Any) -> int:
    import json

    return len(json.dumps(value, ensure_ascii=False, default=str).encode())


async def owner_of(cv_id: Any) -> str | None:
    owner = await CV.filter(id=cv_id).values_list("owner_id", flat=True)
    return str(owner[0]) if owner else None


async def prune(svc: Services, cv_id: Any) -> int:
    """Apply the pruning policy to one CV; returns how many versions were deleted."""
    keep, max_age = svc.settings.versions.keep, svc.settings.versions.max_age_days
    if keep <= 0 and max_age <= 0:
        return 0
    current = await CV.filter(id=cv_id).values_list("current_version", flat=True)
    if not current:
        return 0
    protected = {current[0]}
    oldest = utcnow() - timedelta(days=max_age) if max_age > 0 else None
    rows = await CVVersion.filter(cv_id=cv_id).order_by("-number").values_list("id", "number", "created_at")
    drop = [vid for i, (vid, number, created) in enumerate(rows) if number not in protected
            and ((keep > 0 and i >= keep) or (oldest is not None and created < oldest))]
    if drop:
        await CVVersion.filter(id__in=drop).delete()
        log.info("pruned %d old version(s) of CV %s", len(drop), cv_id)
    return len(drop)
