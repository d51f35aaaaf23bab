"""Immutable CV versions: list, read, restore (restoring writes a new version)."""
from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from htdy.core.host.errors import NotFound
from htdy.core.models import CVVersion
from htdy.core.services import Services, cvs


def version_dict(v: CVVersion, *, content: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"number": v.number, "created_at": v.created_at.isoformat(),
                           "created_by": str(v.created_by_id) if v.created_by_id else None,
                           "source_file": str(v.source_file_id) if v.source_file_id else None}
    if content:
        out.update(resume=v.resume, extras=v.extras)
    return out


async def list_versions(svc: Services, user_id: str, cv_id: str) -> list[dict[str, Any]]:
    await cvs.get_for(svc, user_id, cv_id)
    rows = await CVVersion.filter(cv_id=cvs.parse_uuid(cv_id)).order_by("-number")
    return [version_dict(v) for v in rows]


async def get_version(svc: Services, user_id: str | None, cv_id: str, number: int) -> CVVersion:
    await cvs.get_for(svc, user_id, cv_id)
    v = await CVVersion.get_or_none(cv_id=cvs.parse_uuid(cv_id), number=number)
    if v is None:
        raise NotFound(f"CV has no version {number}")
    return v


async def restore(svc: Services, user_id: str, cv_id: str, number: int) -> int:
    await cvs.get_for(svc, user_id, cv_id, need="edit")
    old = await get_version(svc, user_id, cv_id, number)
    cid = cvs.parse_uuid(cv_id)
    async with in_transaction(svc.conn_name):
        new = await cvs.apply_changes(svc, user_id, cid, cvs.CVChanges(resume=old.resume))
        assert new is not None
        await CVVersion.filter(cv_id=cid, number=new).update(extras={**old.extras, "restored_from": number})
    from htdy.core.services import drafts

    await drafts.drop_after_save(cid, user_id)
    await cvs.after_commit(svc, [cid], {cid: new})
    return new
