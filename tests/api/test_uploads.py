"""Uploads: bad input leaves no row and no stored file; parse failures end the job
``failed`` with the parser's code and remove the orphaned file."""
from __future__ import annotations

import os
from pathlib import Path

import aiohttp
import pytest

from htdy.core.host.testing import make_settings
from htdy.core.models import CV, Job, StoredFile

LIMIT_MB = 0.25


@pytest.fixture
def htdy_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url=database_url, server={"max_upload_mb": LIMIT_MB})


def form(data: bytes, **fields: str) -> aiohttp.FormData:
    fd = aiohttp.FormData()
    fd.add_field("file", data, filename="cv.bin", content_type="application/octet-stream")
    for k, v in fields.items():
        fd.add_field(k, v)
    return fd


def stored_files(settings) -> list[Path]:
    root = Path(settings.plugin_options("storage_backends", "local")["root"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def assert_nothing_left(settings) -> None:
    assert await Job.all().count() == 0
    assert await StoredFile.all().count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize("data, status, code", [
    (os.urandom(4096), 415, "unsupported_type"),
    (b"", 422, "empty"),
    (b"   \n\n  ", 422, "empty"),
    (b"\x89PNG\r\n\x1a\n" + os.urandom(100), 415, "unsupported_type"),
    (b"%PDF-1.4\n" + b"0" * int(LIMIT_MB * 1024 * 1024), 413, "too_large"),
])
async def test_bad_uploads_leave_nothing(client, signup, htdy_settings, data, status, code):
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/uploads", data=form(data), headers=a["headers"])
    body = await resp.json()
    assert resp.status == status, body
    assert body["error"]["code"] == code and body["error"]["request_id"]
    await assert_nothing_left(htdy_settings)


async def test_upload_request_errors(client, signup, htdy_settings):
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/uploads", json={"file": "x"}, headers=a["headers"])
    assert resp.status == 400
    fd = aiohttp.FormData(default_to_multipart=True)
    fd.add_field("other", "x")
    resp = await client.post("/api/v1/uploads", data=fd, headers=a["headers"])
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "missing_file"
    resp = await client.post("/api/v1/uploads", data=form(b"Plain text CV\nAda"), headers={})
    assert resp.status == 401
    resp = await client.post("/api/v1/uploads", data=form(b"Ada Lovelace\nada@example.org", cv_id="nope"),
                             headers=a["headers"])
    assert resp.status == 404
    await assert_nothing_left(htdy_settings)


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n%%EOF\n",  # a PDF with no pages
    None,  # a truncated real PDF
])
async def test_unparseable_pdf_fails_job_and_removes_file(client, signup, wait_job, htdy_settings, data):
    if data is None:
        from weasyprint import HTML
        full = HTML(string="<h1>Ada Lovelace</h1><p>ada@example.org</p>").write_pdf()
        data = full[: len(full) // 3]
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/uploads", data=form(data), headers=a["headers"])
    assert resp.status == 202
    job = await wait_job(a["headers"], (await resp.json())["job"]["id"])
    assert job["status"] == "failed" and job["error"]["code"] in ("corrupt", "empty", "no_text_layer")
    assert job["result"] is None and job["error"]["message"]
    assert await CV.all().count() == 0
    assert await StoredFile.all().count() == 0 and stored_files(htdy_settings) == []


async def test_text_upload_new_version_and_dedup(client, signup, wait_job, make_cv, htdy_settings):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    text = b"Ada Lovelace\nada.lovelace@example.org\n\nExperience\nProgrammer, Analytical Engine Co, 1842 - 1843\n"
    resp = await client.post("/api/v1/uploads", data=form(text, cv_id=cv["id"]), headers=a["headers"])
    job = await wait_job(a["headers"], (await resp.json())["job"]["id"])
    assert job["status"] == "done", job
    assert job["result"] == {"cv_id": cv["id"], "version": 2}
    got = await (await client.get(f"/api/v1/cvs/{cv['id']}", headers=a["headers"])).json()
    assert got["current_version"] == 2 and got["resume"]["basics"]["email"] == "ada.lovelace@example.org"
    resp = await client.post("/api/v1/uploads", data=form(text, title="Copy"), headers=a["headers"])
    job = await wait_job(a["headers"], (await resp.json())["job"]["id"])
    assert job["status"] == "done" and job["result"]["version"] == 1
    assert await StoredFile.all().count() == 1 and len(stored_files(htdy_settings)) == 1  # content-addressed
    b = await signup("b@example.org")
    assert (await client.get(f"/api/v1/jobs/{job['id']}", headers=b["headers"])).status == 404


@pytest.mark.parametrize("change", ["revoke", "view"])
async def test_upload_of_an_editor_whose_share_ends_before_the_job_runs_does_not_land(
        client, signup, make_cv, htdy_app, change):
    """The worker checks the uploader's access again when it writes the version: an editor
    whose share is revoked (or lowered to view) while the upload waits adds nothing."""
    from htdy.core.http import appkeys

    owner, editor = await signup("owner@example.org"), await signup("editor@example.org")
    cv = await make_cv(owner["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    share = await (await client.post(url + "/shares", json={"email": "editor@example.org", "access": "edit"},
                                     headers=owner["headers"])).json()
    worker = htdy_app[appkeys.services].worker
    await worker.stop(timeout=1)                       # the job waits in the queue
    text = b"Mallory Intruder\nmallory@example.org\n\nExperience\nBoss, Takeover Ltd, 2020 - 2021\n"
    resp = await client.post("/api/v1/uploads", data=form(text, cv_id=cv["id"]), headers=editor["headers"])
    assert resp.status == 202
    job_id = (await resp.json())["job"]["id"]
    if change == "revoke":
        assert (await client.delete(f"{url}/shares/{share['id']}", headers=owner["headers"])).status == 204
    else:
        await client.delete(f"{url}/shares/{share['id']}", headers=owner["headers"])
        resp = await client.post(url + "/shares", json={"email": "editor@example.org", "access": "view"},
                                 headers=owner["headers"])
        assert resp.status == 201
    assert await worker.claim(job_id)
    await worker.run(job_id)
    job = await Job.get(id=job_id)
    assert job.status == "failed" and job.error_code == "access_revoked"
    got = await (await client.get(url, headers=owner["headers"])).json()
    assert got["current_version"] == 1 and got["resume"]["basics"]["name"] != "Mallory Intruder"
    assert await StoredFile.all().count() == 0          # the orphaned upload is removed


async def test_upload_of_a_current_editor_lands(client, signup, make_cv, htdy_app):
    from htdy.core.http import appkeys

    owner, editor = await signup("owner@example.org"), await signup("editor@example.org")
    cv = await make_cv(owner["headers"])
    await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"email": "editor@example.org", "access": "edit"},
                      headers=owner["headers"])
    worker = htdy_app[appkeys.services].worker
    await worker.stop(timeout=1)
    resp = await client.post("/api/v1/uploads", data=form(b"Ada Lovelace\nada@example.org\n", cv_id=cv["id"]),
                             headers=editor["headers"])
    job_id = (await resp.json())["job"]["id"]
    assert await worker.claim(job_id)
    await worker.run(job_id)
    assert (await Job.get(id=job_id)).status == "done"
    got = await (await client.get(f"/api/v1/cvs/{cv['id']}", headers=owner["headers"])).json()
    assert got["current_version"] == 2
