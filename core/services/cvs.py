"""CVs: create, read (through the data-object cache), update, batch update, delete.

A CV's content lives in immutable, numbered versions; changing ``resume`` writes a new
one. ``revision`` is bumped on every change and drives ETags and ``If-Match``.
Reads go through ``cv:<id>`` in the layered cache (owner, user shares and the current
version in one entry), deleted after every committed write.
"""
from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from htdy.core.host.errors import Conflict, Forbidden, HtdyError, NotFound, ValidationFailed
from htdy.core.models import CV, CVVersion, Share
from htdy.core.services import Services, quota, review, utcnow
from htdy.core.services.validation import pydantic_details, validate_resume_or_raise

CV_TTL_S = 300
SLUG_RE = r"^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])?$"


class PreconditionFailed(HtdyError):
    status = 412
    code = "precondition_failed"


class CVCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    resume: dict[str, Any]
    discoverable: StrictBool = False
    open_to_work: StrictBool = False


class CVChanges(BaseModel):
    """What ``PATCH /cvs/{id}`` (and each batch update) may change."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, min_length=1, max_length=200)
    resume: dict[str, Any] | None = None
    discoverable: StrictBool | None = None
    open_to_work: StrictBool | None = None
    slug: str | None = Field(None, pattern=SLUG_RE)


def parse_uuid(value: str) -> str:
    """The canonical form of a CV id (``NotFound`` when it is none)."""
    try:
        return _canonical_uuid(str(value))
    except ValueError:
        raise NotFound("no such CV") from None


@lru_cache(maxsize=4096)
def _canonical_uuid(text: str) -> str:  # (every read of a CV parses its id: remembered)
    return str(uuid.UUID(text))


# --------------------------------------------------------------------------- reads
async def _load_entry(cv_id: str) -> dict[str, Any]:
    cv = await CV.get_or_none(id=cv_id).select_related("owner")
    if cv is None:
        return {}
    version = await CVVersion.get_or_none(cv_id=cv.id, number=cv.current_version)
    shares = await Share.filter(cv_id=cv.id, kind="user", user_id__isnull=False).values(
        "user_id", "access", "expires_at")
    return {
        "cv": {
            "id": str(cv.id), "title": cv.title,
            "owner": {"id": str(cv.owner.id), "name": cv.owner.name},
            "discoverable": cv.discoverable, "open_to_work": cv.open_to_work, "slug": cv.slug,
            "current_version": cv.current_version,
            "design": cv.design if isinstance(cv.design, dict) else {},
            "created_at": cv.created_at.isoformat(), "updated_at": cv.updated_at.isoformat(),
            "resume": version.resume if version else {}, "extras": version.extras if version else {},
        },
        "owner_id": str(cv.owner.id),
        "revision": cv.revision,
        "shares": {str(s["user_id"]): [s["access"], s["expires_at"].timestamp() if s["expires_at"] else None]
                   for s in shares},
    }


async def entry(svc: Services, cv_id: str, *, shared: bool = False) -> dict[str, Any] | None:
    """The CV's cache entry. ``shared``: the caller only reads it (no copy is decoded for it)."""
    cv_id = parse_uuid(cv_id)
    found = await svc.cache.get_or_set(f"cv:{cv_id}", lambda: _load_entry(cv_id), CV_TTL_S, shared=shared)
    return found or None


def access_of(e: dict[str, Any], user_id: str | None) -> str | None:
    if user_id is None:
        return None
    if e["owner_id"] == user_id:
        return "owner"
    share = e["shares"].get(user_id)
    if share and (share[1] is None or share[1] > time.time()):
        return str(share[0])
    return None


async def get_for(svc: Services, user_id: str | None, cv_id: str,
                  need: str = "view", *, shared: bool = False) -> tuple[dict[str, Any], str]:
    """The cache entry and the caller's access; 404 without access (never 403 for
    someone else's CV), 403 when the access is too weak for ``need``. ``shared`` as for ``entry``."""
    e = await entry(svc, cv_id, shared=shared)
    access = access_of(e, user_id) if e else None
    if e is None or access is None:
        raise NotFound("no such CV")
    if need == "owner" and access != "owner" or need == "edit" and access == "view":
        raise Forbidden(f"this needs {need} access to the CV; you have {access}")
    return e, access


def present(e: dict[str, Any], access: str) -> dict[str, Any]:
    out = {**e["cv"], "access": access}
    out["extras"] = review.visible_extras(out.get("extras"), access)
    return out


async def list_for(user_id: str, limit: int, cursor: tuple[str, str] | None) -> tuple[list[CV], int]:
    now = utcnow()
    shared = await Share.filter(Q(user_id=user_id, kind="user") &
                                (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
                                ).values_list("cv_id", flat=True)
    base = CV.filter(Q(owner_id=user_id) | Q(id__in=list(shared)))
    total = await base.count()
    q = base
    if cursor is not None:
        try:
            created, last_id = datetime.fromisoformat(cursor[0]), str(uuid.UUID(cursor[1]))
        except ValueError:
            raise ValidationFailed("invalid cursor", code="invalid_cursor") from None
        q = q.filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=last_id))
    rows = await q.order_by("-created_at", "-id").limit(limit + 1).select_related("owner")
    return rows, total


# --------------------------------------------------------------------------- writes
async def create(svc: Services, user_id: str, data: CVCreate, *, extras: dict[str, Any] | None = None,
                 source_file_id: str | None = None) -> str:
    validate_resume_or_raise(data.resume)
    await quota.check(svc, user_id, quota.json_bytes(data.resume))
    async with in_transaction(svc.conn_name):
        cv = await CV.create(owner_id=user_id, title=data.title, discoverable=data.discoverable,
                             open_to_work=data.open_to_work,
                             current_version=1)
        if data.discoverable:
            cv.slug = await _free_slug(data.resume, data.title)
            await cv.save(update_fields=["slug"])
        await write_version(cv.id, 1, data.resume, extras or {}, created_by=user_id, source_file_id=source_file_id)
    await after_commit(svc, [str(cv.id)], new_versions={str(cv.id): 1})
    return str(cv.id)


async def validate_changes(svc: Services, user_id: str, cv_id: Any, raw: Any) -> tuple[CVChanges | None, list[Any]]:
    """Check one update without writing; returns the parsed changes or a list of errors."""
    try:
        changes = CVChanges.model_validate(raw)
    except ValidationError as exc:
        return None, pydantic_details(exc)
    try:
        _, access = await get_for(svc, user_id, str(cv_id), need="edit")
    except HtdyError as exc:
        return None, [{"code": exc.code, "message": exc.message}]
    errors: list[Any] = []
    if access != "owner" and ({"discoverable", "open_to_work", "slug"} & changes.model_fields_set):
        errors.append({"code": "forbidden",
                       "message": "only the owner can change discoverable, open_to_work or slug"})
    if changes.resume is not None:
        try:
            validate_resume_or_raise(changes.resume)
        except ValidationFailed as exc:
            errors.append({"code": exc.code, "message": exc.message, "details": exc.details})
    if changes.slug and await CV.filter(slug=changes.slug).exclude(id=parse_uuid(cv_id)).exists():
        errors.append({"code": "slug_taken", "message": f"the slug {changes.slug!r} is taken"})
    return changes, errors


async def apply_changes(svc: Services, user_id: str, cv_id: str, ch: CVChanges,
                        expected_revision: int | None = None) -> int | None:
    """Apply validated changes inside the caller's transaction; returns the new version number."""
    updates: dict[str, Any] = {"revision": F("revision") + 1, "updated_at": utcnow()}
    if ch.resume is not None:
        updates["current_version"] = F("current_version") + 1
        await quota.check(svc, await quota.owner_of(cv_id) or user_id, quota.json_bytes(ch.resume))
    for name in ("title", "discoverable", "open_to_work", "slug"):
        if name in ch.model_fields_set and (getattr(ch, name) is not None or name == "slug"):
            updates[name] = getattr(ch, name)
    q = CV.filter(id=cv_id)
    if expected_revision is not None:
        q = q.filter(revision=expected_revision)
    if not await q.update(**updates):
        raise PreconditionFailed("the CV changed since you read it (ETag mismatch)")
    cv = await CV.get(id=cv_id)
    if cv.discoverable and not cv.slug:
        # with a new resume, its version row is written below: take the slug from the resume
        source = ch.resume if ch.resume is not None else (
            await CVVersion.get(cv_id=cv_id, number=cv.current_version)).resume
        cv.slug = await _free_slug(source, cv.title)
        await cv.save(update_fields=["slug"])
    if ch.resume is None:
        return None
    previous = await CVVersion.get_or_none(cv_id=cv_id, number=cv.current_version - 1)
    extras = (review.carry_forward(previous.extras, previous.resume, ch.resume, previous.number)
              if previous else {})  # the parse-review hints that still hold
    await write_version(cv_id, cv.current_version, ch.resume, extras, created_by=user_id)
    return cv.current_version


async def write_version(cv_id: Any, number: int, resume: dict[str, Any], extras: dict[str, Any], *,
                        created_by: Any, source_file_id: Any = None) -> None:
    """The one place a CV version row is written (versions are immutable: never updated, only
    added), inside the caller's transaction, after the CV row's ``current_version`` moved on."""
    await CVVersion.create(cv_id=cv_id, number=number, resume=resume, extras=extras,
                           source_file_id=source_file_id, created_by_id=created_by)


async def add_parsed_version(user_id: Any, resume: dict[str, Any], extras: dict[str, Any], *,
                             cv_id: Any = None, title: str | None = None, source_file_id: Any = None) -> tuple[str, int]:
    """A parsed upload lands, inside the caller's transaction (the parse job's, which marks the
    job done in the same one): a new version of ``cv_id`` — the uploader's edit access is checked
    again, a share revoked while the job waited must not let it land — or a new CV titled
    ``title``. Returns (CV id, version number)."""
    validate_resume_or_raise(resume)
    if cv_id:
        cv = await CV.get_or_none(id=cv_id)
        if cv is None:
            raise HtdyError("the CV this upload was for no longer exists", code="cv_gone")
        await _check_still_editor(cv, user_id)
        await CV.filter(id=cv_id).update(current_version=F("current_version") + 1,
                                         revision=F("revision") + 1, updated_at=utcnow())
        number = (await CV.get(id=cv_id)).current_version
    else:
        cv = await CV.create(owner_id=user_id, title=str(title or "Uploaded CV")[:200], current_version=1)
        cv_id, number = str(cv.id), 1
    await write_version(cv_id, number, resume, extras, created_by=user_id, source_file_id=source_file_id)
    return str(cv_id), number


async def _check_still_editor(cv: CV, user_id: Any) -> None:
    if user_id is not None and str(cv.owner_id) == str(user_id):
        return
    now = utcnow()
    still = await Share.filter(Q(cv_id=cv.id, kind="user", user_id=user_id, access="edit") &
                               (Q(expires_at__isnull=True) | Q(expires_at__gt=now))).exists()
    if not still:
        raise HtdyError("the uploader no longer has edit access to this CV", code="access_revoked")


async def update(svc: Services, user_id: str, cv_id: str, raw: Any, if_match: int | None = None) -> None:
    changes, errors = await validate_changes(svc, user_id, cv_id, raw)
    if changes is None or errors:
        _raise_first(errors)
    assert changes is not None
    cv_id = parse_uuid(cv_id)
    try:
        async with in_transaction(svc.conn_name):
            version = await apply_changes(svc, user_id, cv_id, changes, if_match)
    except IntegrityError:
        raise Conflict("the slug is taken", code="slug_taken") from None
    if version:
        from htdy.core.services import drafts

        await drafts.drop_after_save(cv_id, user_id)
    await after_commit(svc, [cv_id], {cv_id: version} if version else {})


async def batch_update(svc: Services, user_id: str, updates: list[dict[str, Any]]) -> list[str]:
    """Validate every update first (422 listing each invalid one), then apply all of
    them in one transaction or none."""
    invalid, parsed = [], []
    seen: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for i, upd in enumerate(updates):
        changes, errors = await validate_changes(svc, user_id, upd.get("id"), upd.get("changes"))
        if changes is not None and not errors:
            cid = parse_uuid(upd["id"])
            if cid in seen:
                errors.append({"code": "duplicate", "message": f"same CV as update {seen[cid]}"})
            seen.setdefault(cid, i)
            if changes.slug and changes.slug in slugs:
                errors.append({"code": "slug_taken", "message": f"same slug as update {slugs[changes.slug]}"})
            if changes.slug:
                slugs.setdefault(changes.slug, i)
        if errors:
            invalid.append({"index": i, "id": upd.get("id"), "errors": errors})
        elif changes is not None:
            parsed.append((parse_uuid(upd["id"]), changes))
    if invalid:
        raise ValidationFailed(f"{len(invalid)} of {len(updates)} updates are invalid; nothing was changed",
                               details=invalid)
    versions: dict[str, int] = {}
    try:
        async with in_transaction(svc.conn_name):
            for cid, ch in parsed:
                v = await apply_changes(svc, user_id, cid, ch)
                if v:
                    versions[cid] = v
    except IntegrityError:
        raise Conflict("a slug is taken; nothing was changed", code="slug_taken") from None
    ids = [cid for cid, _ in parsed]
    await after_commit(svc, ids, versions)
    return ids


async def delete(svc: Services, user_id: str, cv_id: str) -> None:
    """Delete the CV with its versions, shares and profile events, then its cached renders,
    search entry and the uploaded originals no other CV uses (``erasure``)."""
    from htdy.core.services import erasure

    await get_for(svc, user_id, cv_id, need="owner")
    cv_id = parse_uuid(cv_id)
    file_ids = await erasure.files_of_cvs([cv_id])
    async with in_transaction(svc.conn_name):
        await CV.filter(id=cv_id).delete()
    await erasure.forget_cvs(svc, [cv_id])
    await erasure.release_files(svc, file_ids)


async def touch(cv_id: str) -> None:
    """Bump the revision (share changes alter the representation)."""
    await CV.filter(id=cv_id).update(revision=F("revision") + 1, updated_at=utcnow())


async def after_commit(svc: Services, cv_ids: Iterable[str], new_versions: dict[str, int]) -> None:
    """Invalidate caches, re-index search, tell plugins about new versions."""
    from htdy.core.services import search_index

    ids = list(cv_ids)
    if ids:
        # cv: the full entry; pub: the public head (services/profiles.py) of the same CV
        await svc.cache.delete(*[k for i in ids for k in (f"cv:{i}", f"pub:{i}")])
    for cid in ids:
        await search_index.sync(svc, cid)
    for cid, number in new_versions.items():
        version = await CVVersion.get(cv_id=cid, number=number)
        await svc.call_hook("htdy_cv_version_created", cv_id=cid, version=number, resume=version.resume)
        await quota.prune(svc, cid)  # [versions] keep / max_age_days (never the current one)


def _raise_first(errors: list[Any]) -> None:
    codes = {e.get("code") for e in errors if isinstance(e, dict)}
    if "not_found" in codes:
        raise NotFound("no such CV")
    if "forbidden" in codes:
        raise Forbidden(next(e["message"] for e in errors if e.get("code") == "forbidden"))
    if codes == {"slug_taken"}:
        raise Conflict(errors[0]["message"], code="slug_taken")
    if len(errors) == 1 and isinstance(errors[0], dict) and errors[0].get("code"):
        raise ValidationFailed(errors[0]["message"], code=errors[0]["code"], details=errors[0].get("details"))
    raise ValidationFailed("the changes are invalid", details=errors)


def slugify(text: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:40].strip("-")


async def _free_slug(resume: dict[str, Any], title: str) -> str:
    base = slugify(str((resume.get("basics") or {}).get("name") or title)) or "cv"
    for _ in range(20):
        candidate = f"{base}-{secrets.token_hex(3)}"
        if not await CV.filter(slug=candidate).exists():
            return candidate
    raise Conflict("could not find a free slug")
