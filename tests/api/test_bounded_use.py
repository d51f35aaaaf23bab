"""Issue 11, unbounded use: per-field size limits on CV data, the per-account storage quota,
the version pruning policy and the HTML render size limit — on SQLite and PostgreSQL."""
from __future__ import annotations

import copy
from datetime import timedelta

import aiohttp
import pytest

from htdy.core.host.testing import make_settings
from htdy.core.models import CV, CVVersion, Job, StoredFile
from htdy.core.schema import prune_invalid
from htdy.core.schema.limits import size_errors
from htdy.core.services import utcnow

QUOTA_MB = 0.05  # 52,428 bytes


@pytest.fixture
def htdy_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url=database_url, storage={"quota_mb": QUOTA_MB},
                         versions={"keep": 3})


def _with(resume, **basics):
    out = copy.deepcopy(resume)
    out["basics"].update(basics)
    return out


@pytest.mark.parametrize("field, size, ok", [
    ("summary", 10_000, True), ("summary", 10_001, False), ("name", 200, True), ("name", 201, False),
])
async def test_field_size_limits(client, signup, resume, field, size, ok):
    a = await signup("a@example.org")
    body = {"title": "t", "resume": _with(resume, **{field: "x" * size})}
    resp = await client.post("/api/v1/cvs", json=body, headers=a["headers"])
    out = await resp.json()
    if ok:
        assert resp.status == 201, out
        return
    assert resp.status == 422 and out["error"]["code"] == "invalid_resume"
    assert any(d.startswith(f"basics.{field}: {size} characters, at most") for d in out["error"]["details"])
    assert await CV.all().count() == 0  # nothing half-written
    # the same limit on an update, which leaves the CV as it was
    cv = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": resume}, headers=a["headers"])).json()
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": body["resume"]}, headers=a["headers"])
    assert resp.status == 422 and await CVVersion.filter(cv_id=cv["id"]).count() == 1


def test_lists_are_limited_and_parsed_documents_are_cut_not_refused():
    resume = {"basics": {"name": "N" * 500, "summary": "s" * 20_000},
              "work": [{"name": "Co", "highlights": ["h"] * 150}] + [{"name": f"c{i}"} for i in range(250)]}
    errors = size_errors(resume)
    assert "work: 251 items, at most 200 are allowed" in errors and "work.0.highlights: 150 items, at most 100 are allowed" in errors
    cut, warnings = prune_invalid(resume)
    assert size_errors(cut) == [] and len(cut["basics"]["name"]) == 200 and len(cut["basics"]["summary"]) == 10_000
    assert len(cut["work"]) == 200 and len(cut["work"][0]["highlights"]) == 100
    assert any("cut basics.summary from 20000 to 10000" in w for w in warnings)


async def test_storage_quota_refuses_writes_that_go_over(client, signup, resume):
    a = await signup("quota@example.org")
    big = _with(resume, summary="q" * 9_000)
    for _ in range(5):  # ~9.3 kB each: 5 fit in 52 kB
        resp = await client.post("/api/v1/cvs", json={"title": "t", "resume": big}, headers=a["headers"])
        assert resp.status == 201, await resp.text()
    cvs_before = await CV.all().count()
    resp = await client.post("/api/v1/cvs", json={"title": "t", "resume": big}, headers=a["headers"])
    out = await resp.json()
    assert resp.status == 413 and out["error"]["code"] == "quota_exceeded"
    assert out["error"]["details"]["quota"] == int(QUOTA_MB * 1024 * 1024)
    assert await CV.all().count() == cvs_before
    first = (await (await client.get("/api/v1/cvs", headers=a["headers"])).json())["items"][0]
    resp = await client.patch(f"/api/v1/cvs/{first['id']}", json={"resume": big}, headers=a["headers"])
    assert resp.status == 413 and await CVVersion.filter(cv_id=first["id"]).count() == 1
    # an upload counts its bytes too, and leaves no job and no file when refused
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n" + b"notes " * 3000, filename="cv.txt")
    resp = await client.post("/api/v1/uploads", data=fd, headers=a["headers"])
    assert resp.status == 413 and (await resp.json())["error"]["code"] == "quota_exceeded"
    assert await Job.all().count() == 0 and await StoredFile.all().count() == 0
    # another account has its own quota; deleting frees space
    b = await signup("other@example.org")
    assert (await client.post("/api/v1/cvs", json={"title": "t", "resume": big}, headers=b["headers"])).status == 201
    assert (await client.delete(f"/api/v1/cvs/{first['id']}", headers=a["headers"])).status == 204
    assert (await client.post("/api/v1/cvs", json={"title": "t", "resume": big}, headers=a["headers"])).status == 201


async def test_versions_are_pruned_but_never_the_current_one(client, signup, make_cv, resume):
    a = await signup("prune@example.org")
    cv = await make_cv(a["headers"])
    for i in range(5):
        resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": _with(resume, label=f"v{i + 2}")},
                                  headers=a["headers"])
        assert resp.status == 200
    numbers = [v["number"] for v in (await (await client.get(f"/api/v1/cvs/{cv['id']}/versions",
                                                               headers=a["headers"])).json())["items"]]
    assert numbers == [6, 5, 4]  # keep = 3, newest first; the current (6) among them
    assert (await client.get(f"/api/v1/cvs/{cv['id']}/versions/2", headers=a["headers"])).status == 404
    # restoring an old kept version writes a new one and prunes again
    resp = await client.post(f"/api/v1/cvs/{cv['id']}/versions/4/restore", headers=a["headers"])
    assert resp.status == 201
    assert await CVVersion.filter(cv_id=cv["id"]).count() == 3


async def test_age_pruning_keeps_the_current_version(tmp_path, database_url, aiohttp_client, resume):
    from htdy.core.http.app import create_app
    from htdy.core.services import quota

    app = create_app(make_settings(tmp_path, database_url=database_url, versions={"keep": 0, "max_age_days": 30}))
    client = await aiohttp_client(app)
    resp = await client.post("/api/v1/auth/signup", json={"email": "age@example.org", "password": "correct horse battery",
                                                           "name": "Age"})
    headers = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    client.session.cookie_jar.clear()
    cv = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": resume}, headers=headers)).json()
    await CVVersion.filter(cv_id=cv["id"]).update(created_at=utcnow() - timedelta(days=90))  # v1: old, current
    from htdy.core.http import appkeys
    assert await quota.prune(app[appkeys.services], cv["id"]) == 0  # the current version stays, however old
    await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": _with(resume, label="new")}, headers=headers)
    assert [v.number for v in await CVVersion.filter(cv_id=cv["id"])] == [2]


async def test_html_render_size_limit(tmp_path, database_url, aiohttp_client, resume):
    """A CV's HTML is ~200-300 KiB (fonts are inlined); the limit refuses what is far beyond."""
    from htdy.core.http.app import create_app

    app = create_app(make_settings(tmp_path, database_url=database_url, rendering={"workers": 1, "max_html_kb": 400}))
    client = await aiohttp_client(app)
    resp = await client.post("/api/v1/auth/signup", json={"email": "html@example.org", "password": "correct horse battery",
                                                           "name": "Html"})
    headers = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    client.session.cookie_jar.clear()
    small = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": resume}, headers=headers)).json()
    resp = await client.get(f"/api/v1/cvs/{small['id']}/render?format=html", headers=headers)
    assert resp.status == 200 and len(await resp.read()) < 400 * 1024
    long = copy.deepcopy(resume)
    long["work"] = [{"name": f"Company {i}", "position": "Engineer", "summary": "w " * 4000} for i in range(60)]
    big = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": long}, headers=headers)).json()
    resp = await client.get(f"/api/v1/cvs/{big['id']}/render?format=html", headers=headers)
    out = await resp.json()
    assert resp.status == 422 and out["error"]["code"] == "too_large" and out["error"]["details"]["max_kb"] == 400
