"""Everything an account holds, as one zip (``GET /api/v1/me/export``, ``htdy export --user``).

Layout::

    README.txt                  what each file is
    account.json                the account, its API tokens (never the secrets), sessions, jobs
    shared-with-me.json         CVs other people share with this account
    cvs/<cv id>/cv.json         title, slug, visibility, shares (with whom, links, invitations),
                                analytics (totals and the aggregated event rows), version list
    cvs/<cv id>/versions/<n>.json          version n as JSON Resume
    cvs/<cv id>/versions/<n>.extras.json   what the parser noted beside it (when any)
    cvs/<cv id>/files/<sha256>.<ext>       the uploaded originals the versions were made from
    drafts.json                 unsaved editor drafts (this account's, on any CV it may edit)

The zip is built in a thread (deflate is CPU work); uploads are at most ``max_upload_mb``
each, so it is held in memory.
"""
from __future__ import annotations

import asyncio
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from htdy.core.models import (
    CV,
    ApiToken,
    CVDraft,
    CVVersion,
    Job,
    ProfileEvent,
    Session,
    Share,
    StoredFile,
    User,
)
from htdy.core.services import Services, utcnow

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "text": "txt"}
README = """htdy data export

account.json          your account, API tokens (names and dates, never the secrets), sessions, uploads (jobs)
shared-with-me.json   CVs other people share with you
cvs/<id>/cv.json      each CV: title, public slug, shares, analytics, versions
cvs/<id>/versions/    every version as JSON Resume (https://jsonresume.org); *.extras.json: parser notes
cvs/<id>/files/       the documents you uploaded
drafts.json           your unsaved editor drafts (on your CVs and on CVs shared with you for editing)
"""


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if k.endswith("id") and v is not None else _iso(v)) for k, v in row.items()}


async def collect(svc: Services, user_id: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """``(documents, files)``: JSON documents and blobs by their path in the archive."""
    user = await User.get(id=user_id)
    docs: dict[str, Any] = {}
    blobs: dict[str, bytes] = {}
    docs["account.json"] = {
        "exported_at": utcnow().isoformat(),
        "user": {"id": str(user.id), "email": user.email, "name": user.name,
                 "created_at": _iso(user.created_at), "updated_at": _iso(user.updated_at),
                 "two_factor": user.totp_enabled},  # never the secret
        "api_tokens": [_clean(t) for t in await ApiToken.filter(user_id=user_id).order_by("created_at").values(
            "id", "name", "kind", "created_at", "last_used_at", "expires_at")],
        "sessions": [_clean(s) for s in await Session.filter(user_id=user_id).order_by("created_at").values(
            "created_at", "expires_at")],
        "jobs": [_clean(j) for j in await Job.filter(user_id=user_id).order_by("created_at").values(
            "id", "kind", "status", "error_code", "payload", "result", "created_at", "finished_at")],
    }
    shared = await Share.filter(user_id=user_id, kind="user").select_related("cv__owner")
    docs["shared-with-me.json"] = [{"cv_id": str(s.cv.id), "title": s.cv.title, "owner": s.cv.owner.name,
                                    "access": s.access, "expires_at": _iso(s.expires_at)} for s in shared]
    docs["drafts.json"] = [{"cv_id": str(d.cv_id), "title": d.title, "resume": d.resume, "base_version": d.base_version,
                            "updated_at": _iso(d.updated_at)}
                           for d in await CVDraft.filter(user_id=user_id).order_by("updated_at")]
    for cv in await CV.filter(owner_id=user_id).order_by("created_at"):
        base = f"cvs/{cv.id}"
        versions = await CVVersion.filter(cv_id=cv.id).order_by("number")
        shares = await Share.filter(cv_id=cv.id).order_by("created_at").select_related("user")
        events = await ProfileEvent.filter(cv_id=cv.id).order_by("created_at").values("kind", "count", "created_at")
        stats = await svc.events.stats(str(cv.id)) if svc.events is not None else {}
        files: dict[str, str] = {}
        for v in versions:
            docs[f"{base}/versions/{v.number}.json"] = v.resume
            if v.extras:
                docs[f"{base}/versions/{v.number}.extras.json"] = v.extras
            if v.source_file_id and str(v.source_file_id) not in files:
                f = await StoredFile.get_or_none(id=v.source_file_id)
                if f is not None and svc.storage is not None:
                    path = f"files/{f.sha256}.{EXTENSIONS.get(f.kind, 'bin')}"  # relative to the CV's folder
                    blobs[f"{base}/{path}"] = await svc.storage.get(f.storage_key)
                    files[str(v.source_file_id)] = path
        docs[f"{base}/cv.json"] = {
            "id": str(cv.id), "title": cv.title, "discoverable": cv.discoverable, "slug": cv.slug,
            "current_version": cv.current_version, "design": cv.design, "created_at": _iso(cv.created_at),
            "updated_at": _iso(cv.updated_at),
            "versions": [{"number": v.number, "created_at": _iso(v.created_at),
                          "resume": f"versions/{v.number}.json",
                          "source_file": files.get(str(v.source_file_id)) if v.source_file_id else None}
                         for v in versions],
            "shares": [{"kind": s.kind, "access": s.access, "expires_at": _iso(s.expires_at),
                        "created_at": _iso(s.created_at),
                        "email": s.user.email if s.user is not None else s.email} for s in shares],
            "analytics": {"totals": stats, "events": [_clean(e) for e in events]},
        }
    return docs, blobs


def build_zip(docs: dict[str, Any], blobs: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", README)
        for path, doc in docs.items():
            zf.writestr(path, json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n")
        for path, data in blobs.items():
            zf.writestr(path, data)
    return buf.getvalue()


async def export_zip(svc: Services, user_id: str) -> bytes:
    docs, blobs = await collect(svc, user_id)
    return await asyncio.to_thread(build_zip, docs, blobs)
