"""Drafts: the unsaved state of a CV one editor is typing.

The editor sends its draft as the user types (debounced); the live preview renders it,
and it is still there after a reload. A draft is never a version: Save (``PATCH``) writes
the version and drops the saving user's draft, and so does a restore. Each editor of a
CV (the owner, people it is shared with for editing) has their own draft. A draft is any
JSON object — half-typed content need not be valid JSON Resume yet; Save validates.
"""
from __future__ import annotations

import json
from typing import Any

from tortoise.exceptions import IntegrityError

from htdy.core.host.errors import NotFound, PayloadTooLarge
from htdy.core.models import CV, CVDraft
from htdy.core.services import Services, cvs

MAX_DRAFT_BYTES = 1_000_000


def draft_dict(d: CVDraft, current_version: int) -> dict[str, Any]:
    return {"title": d.title, "resume": d.resume, "base_version": d.base_version,
            "updated_at": d.updated_at.isoformat(),
            # someone saved a newer version after this draft began
            "stale": d.base_version != current_version}


async def save(svc: Services, user_id: str, cv_id: str, resume: dict[str, Any], title: str | None) -> dict[str, Any]:
    e, _ = await cvs.get_for(svc, user_id, cv_id, need="edit")
    size = len(json.dumps(resume, ensure_ascii=False).encode())
    if size > MAX_DRAFT_BYTES:
        raise PayloadTooLarge(f"the draft is larger than {MAX_DRAFT_BYTES // 1000} kB",
                              details={"limit_bytes": MAX_DRAFT_BYTES, "size_bytes": size})
    cid = cvs.parse_uuid(cv_id)
    current = e["cv"]["current_version"]
    for _ in (1, 2):  # two tabs may create the same draft at once: the second updates it
        draft = await CVDraft.get_or_none(cv_id=cid, user_id=user_id)
        try:
            if draft is None:
                draft = await CVDraft.create(cv_id=cid, user_id=user_id, resume=resume, title=title,
                                             base_version=current)
            else:
                draft.resume, draft.title = resume, title
                await draft.save(update_fields=["resume", "title", "updated_at"])
            break
        except IntegrityError:
            continue
    assert draft is not None
    return draft_dict(draft, current)


OBJECTS = ("basics", "meta")


def renderable(resume: dict[str, Any]) -> dict[str, Any]:
    """A draft made safe to preview: top-level values of the wrong kind (``"basics": "x"``
    while the user types in the Raw JSON tab) are left out rather than failing the render;
    the renderers skip wrong types further down themselves."""
    return {k: v for k, v in resume.items()
            if (isinstance(v, dict) if k in OBJECTS else isinstance(v, list) or k == "$schema")}


async def get(svc: Services, user_id: str, cv_id: str) -> dict[str, Any]:
    e, _ = await cvs.get_for(svc, user_id, cv_id, need="edit")
    draft = await CVDraft.get_or_none(cv_id=cvs.parse_uuid(cv_id), user_id=user_id)
    if draft is None:
        raise NotFound("there is no draft of this CV", code="no_draft")
    return draft_dict(draft, e["cv"]["current_version"])


async def discard(svc: Services, user_id: str, cv_id: str) -> None:
    await cvs.get_for(svc, user_id, cv_id, need="edit")
    await CVDraft.filter(cv_id=cvs.parse_uuid(cv_id), user_id=user_id).delete()


async def drop_after_save(cv_id: str, user_id: str) -> None:
    """The user saved (or restored): their draft is now the version."""
    await CVDraft.filter(cv_id=cv_id, user_id=user_id).delete()


async def exists_for(cv: CV, user_id: str) -> bool:
    return await CVDraft.filter(cv_id=cv.id, user_id=user_id).exists()
