"""``POST /api/v1/uploads`` (202 + job) and ``GET /api/v1/jobs/{id}``."""
from __future__ import annotations

import uuid

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from htdy.core.host.errors import HtdyError, NotFound, PayloadTooLarge, ValidationFailed
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import check_text, respond, svc, user_id
from htdy.core.http.routing import ApiRoutes
from htdy.core.models import Job
from htdy.core.services import uploads

routes = ApiRoutes("uploads")
MAX_FIELD = 1024


async def read_limited(part: BodyPartReader, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := await part.read_chunk(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the file is larger than the {limit / 1048576:g} MB limit",
                                  details={"limit_bytes": limit})
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_form(request: web.Request, limit: int) -> tuple[bytes | None, str | None, str | None, str | None]:
    data: bytes | None = None
    filename = title = cv_id = None
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "file":
            filename = part.filename
            data = await read_limited(part, limit)
        elif part.name in ("title", "cv_id"):
            value = (await read_limited(part, MAX_FIELD)).decode("utf-8", "replace").strip() or None
            title, cv_id = (value, cv_id) if part.name == "title" else (title, value)
        else:
            await part.release()
    return data, filename, title, cv_id


@routes.post("/api/v1/uploads", summary="Upload a CV document to parse", response=s.UploadOut, status=202,
             multipart={"file": "the document (PDF, DOCX or text; type sniffed from content)",
                        "cv_id": "optional: add a version to this CV", "title": "optional title"},
             errors=(404, 413, 415, 422))
async def upload(request: web.Request) -> web.StreamResponse:
    """The document is stored and a parse job queued; poll ``links.job``."""
    uid = user_id(request)
    if not request.content_type.startswith("multipart/"):
        raise HtdyError("send multipart/form-data with a 'file' field", code="bad_request")
    limit = int(svc(request).settings.server.max_upload_mb * 1024 * 1024)
    try:
        data, filename, title, cv_id = await _read_form(request, limit)
    except (ValueError, HttpProcessingError) as exc:  # no boundary, a broken part header, …
        raise HtdyError(f"the multipart/form-data body is malformed: {str(exc).strip()[:200]}",
                        code="malformed_multipart") from None
    if data is None:
        raise ValidationFailed("the multipart field 'file' is missing", code="missing_file")
    check_text({"filename": filename, "title": title, "cv_id": cv_id}, "form")
    job = await uploads.accept(svc(request), uid, data, filename=filename, title=title, cv_id=cv_id)
    return respond(request, {"job": {"id": str(job.id), "status": job.status, "kind": job.kind},
                             "links": {"job": f"/api/v1/jobs/{job.id}"}}, status=202, cache="no-store",
                   headers={"Location": f"/api/v1/jobs/{job.id}"})


@routes.get("/api/v1/jobs/{job_id}", summary="A job's status and result", response=s.JobOut, errors=(404,))
async def get_job(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    try:
        job_id = uuid.UUID(request.match_info["job_id"])
    except ValueError:
        raise NotFound("no such job") from None
    job = await Job.get_or_none(id=job_id, user_id=uid)
    if job is None:
        raise NotFound("no such job")
    return respond(request, uploads.job_dict(job), cache="no-store")
