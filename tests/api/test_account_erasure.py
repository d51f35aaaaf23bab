"""What deleting removes, checked where it lives.

* Deleting a CV deletes its uploaded originals (row and blob) unless another CV uses them.
* ``htdy storage gc`` finds orphaned files (dry run by default) and deletes them with --yes.
* Deleting an account leaves nothing of the user: every table of the models (found by
  introspection, so a new table is covered without touching this test) is read row by row,
  every blob in the storage backend is read, the search index and the cache are asked — on
  SQLite and PostgreSQL, with local storage and S3 (``moto_server``, the stand-in the
  storage contract suite uses).
* The export zip holds every CV with all versions, the originals, shares, analytics and
  the account's data; ``htdy export --user`` writes the same zip.
"""
from __future__ import annotations

import importlib.util
import io
import json
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from tortoise import Tortoise

from htdy.core.host.testing import make_settings
from htdy.core.http import appkeys
from htdy.core.models import StoredFile


def _backends_conftest() -> Any:
    name = "htdy_tests_backends.conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "backends" / "conftest.py")
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


moto_url = _backends_conftest().moto_url  # the session's S3 stand-in (tests/backends/conftest.py)


@pytest.fixture(params=["local", "s3"])
def storage_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def htdy_settings(tmp_path, database_url, storage_kind, request):
    plugins: dict[str, Any] = {}
    if storage_kind == "s3":
        plugins["storage_backends"] = {"s3": {
            "endpoint_url": request.getfixturevalue("moto_url"), "bucket": f"htdy-{uuid.uuid4().hex[:10]}",
            "region": "eu-central-1", "access_key_id": "test", "secret_access_key": "test", "prefix": "blobs",
            "create_bucket": True}}
    return make_settings(tmp_path, database_url=database_url, storage={"backend": storage_kind}, plugins=plugins)


def form(data: bytes, name: str = "cv.txt") -> aiohttp.FormData:
    fd = aiohttp.FormData()
    fd.add_field("file", data, filename=name, content_type="text/plain")
    return fd


def text_cv(marker: str, name: str) -> bytes:
    return (f"{name}\nData engineer\n{marker.lower()}@example.org\n\nExperience\n"
            f"Engineer, Marker Works {marker}\n2019 - 2023\nBuilt pipelines.\n\nSkills\nPython, SQL\n").encode()


async def upload(client, headers, data: bytes, wait_job) -> str:
    resp = await client.post("/api/v1/uploads", data=form(data), headers=headers)
    assert resp.status == 202, await resp.text()
    job = await wait_job(headers, (await resp.json())["job"]["id"])
    assert job["status"] == "done", job
    return str(job["result"]["cv_id"])


async def blobs(app) -> dict[str, bytes]:
    storage = app[appkeys.services].storage
    return {key: await storage.get(key) async for key, _, _ in storage.scan("")}


async def walk_tables(needles: list[str]) -> tuple[dict[str, int], list[str]]:
    """Every row of every model's table: (rows read per table, the cells holding a needle)."""
    checked: dict[str, int] = {}
    found: list[str] = []
    for app_models in Tortoise.apps.values():
        for model in app_models.values():
            table = model._meta.db_table
            rows = await model.all().values()
            checked[table] = len(rows)
            for row in rows:
                for column, value in row.items():
                    text = json.dumps(value, default=str) if not isinstance(value, str) else value
                    found += [f"{table}.{column}: {n}" for n in needles if n.lower() in text.lower()]
    return checked, found


async def test_deleting_a_cv_deletes_its_files(client, signup, wait_job, htdy_app):
    a, b = await signup("a@example.org"), await signup("b@example.org")
    own = text_cv("OWNFILE", "Ann Own")
    shared_bytes = text_cv("SAMEFILE", "Same Bytes")
    cv_own = await upload(client, a["headers"], own, wait_job)
    cv_same_a = await upload(client, a["headers"], shared_bytes, wait_job)
    await upload(client, b["headers"], shared_bytes, wait_job)  # same bytes: one stored file for both
    assert len(await blobs(htdy_app)) == 2 and await StoredFile.all().count() == 2

    assert (await client.delete(f"/api/v1/cvs/{cv_own}", headers=a["headers"])).status == 204
    left = await blobs(htdy_app)
    assert len(left) == 1 and b"OWNFILE" not in b"".join(left.values())
    assert await StoredFile.all().count() == 1
    assert (await client.delete(f"/api/v1/cvs/{cv_same_a}", headers=a["headers"])).status == 204
    assert len(await blobs(htdy_app)) == 1  # b's CV still uses it


async def test_storage_gc(client, signup, wait_job, htdy_app, htdy_settings, tmp_path):
    """Orphans left by earlier code (a file row no version uses, a blob without a row) are
    listed by a dry run, kept by it, and deleted by --yes; files in use stay."""
    from htdy.core.models import CVVersion

    a = await signup("a@example.org")
    cv_kept = await upload(client, a["headers"], text_cv("KEPTFILE", "Kept File"), wait_job)
    cv_orphan = await upload(client, a["headers"], text_cv("ORPHANROW", "Orphan Row"), wait_job)
    # what deleting a CV did before: the CV went, its file row and blob stayed
    file_id = (await CVVersion.get(cv_id=cv_orphan)).source_file_id
    await CVVersion.filter(cv_id=cv_orphan).update(source_file_id=None)
    storage = htdy_app[appkeys.services].storage
    await storage.put("cv-files/" + "f" * 64, b"a blob without a row")
    orphan_key = (await StoredFile.get(id=file_id)).storage_key

    config = tmp_path / "gc.toml"
    config.write_text(_toml(htdy_settings))
    dry = await run_cli("--config", str(config), "storage", "gc", "--min-age", "0")
    assert dry.exit_code == 0, dry.output
    assert f"would delete {orphan_key}" in dry.output and "would delete cv-files/" + "f" * 64 in dry.output
    assert "2 orphaned files" in dry.output and "dry run: nothing deleted" in dry.output
    assert len(await blobs(htdy_app)) == 3  # a dry run deletes nothing
    young = await run_cli("--config", str(config), "storage", "gc", "--yes")
    assert "0 orphaned files" in young.output  # younger than an hour: left alone
    done = await run_cli("--config", str(config), "storage", "gc", "--min-age", "0", "--yes")
    assert done.exit_code == 0 and "deleted 2" in done.output, done.output
    left = await blobs(htdy_app)
    assert len(left) == 1 and b"KEPTFILE" in next(iter(left.values()))
    assert not await StoredFile.filter(id=file_id).exists()
    assert (await client.get(f"/api/v1/cvs/{cv_kept}", headers=a["headers"])).status == 200


def _toml(settings) -> str:
    """The parts of the test settings the CLI needs, as an htdy.toml (JSON strings, numbers
    and booleans are TOML values too)."""
    lines = ["[database]", f"url = {json.dumps(settings.database.url)}",
             "[storage]", f"backend = {json.dumps(settings.storage.backend)}"]
    for slot, tables in settings.plugins.items():  # [plugins.<slot>.<name>]
        for name, options in tables.items():
            lines.append(f"[plugins.{slot}.{name}]")
            lines += [f"{k} = {json.dumps(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


async def run_cli(*args: str) -> Any:
    """``htdy ARGS`` in a subprocess (the command opens its own database connections; in this
    process they would replace the test app's)."""
    import asyncio
    import os
    import subprocess

    env = dict(os.environ, HTDY_DISABLE_ENTRYPOINTS="1")
    cmd = [sys.executable, "-c", "from htdy.core.commands.cli import main; main()", *args]
    done = await asyncio.to_thread(subprocess.run, cmd, env=env, capture_output=True, text=True, timeout=240)
    done.output = done.stdout + done.stderr  # type: ignore[attr-defined]
    done.exit_code = done.returncode  # type: ignore[attr-defined]
    return done


async def test_account_deletion_leaves_nothing(client, signup, make_cv, wait_job, htdy_app, resume):
    import copy

    olgas = copy.deepcopy(resume)  # Olga's own CV: nothing of Vic's in it
    marker = uuid.uuid4().hex[:12].upper()
    vic = await signup(f"vic-{marker}@example.org", name=f"Vic {marker}")
    other = await signup("olga@example.org", name="Olga")
    svc = htdy_app[appkeys.services]

    cv_file = await upload(client, vic["headers"], text_cv(marker, f"Vic {marker}"), wait_job)
    resume["basics"]["name"] = f"Vic {marker}"
    cv_public = (await make_cv(vic["headers"], title=f"Public {marker}", resume=resume, discoverable=True))["id"]
    resume["basics"]["summary"] = f"Second version {marker}"
    assert (await client.patch(f"/api/v1/cvs/{cv_public}", json={"resume": resume}, headers=vic["headers"])).status == 200
    slug = (await (await client.get(f"/api/v1/cvs/{cv_public}", headers=vic["headers"])).json())["slug"]
    # shares both ways, a link, an invitation, an edit on someone else's CV
    assert (await client.post(f"/api/v1/cvs/{cv_file}/shares", json={"email": "olga@example.org"},
                              headers=vic["headers"])).status == 201
    assert (await client.post(f"/api/v1/cvs/{cv_file}/shares", json={"link": True}, headers=vic["headers"])).status == 201
    assert (await client.post(f"/api/v1/cvs/{cv_file}/shares", json={"email": f"friend-{marker}@example.org"},
                              headers=vic["headers"])).status == 201
    olga_cv = (await make_cv(other["headers"], title="Olga's CV", resume=olgas))["id"]
    assert (await client.post(f"/api/v1/cvs/{olga_cv}/shares", json={"email": f"vic-{marker}@example.org",
                                                                     "access": "edit"},
                              headers=other["headers"])).status == 201
    edited = {**olgas, "basics": {"name": "Olga", "label": "edited by Vic"}}
    assert (await client.patch(f"/api/v1/cvs/{olga_cv}", json={"resume": edited}, headers=vic["headers"])).status == 200
    # Vic's unsaved draft on Olga's CV, and a design on his own
    typed = {**olgas, "basics": {"name": "Olga", "label": f"draft by {marker}"}}
    assert (await client.put(f"/api/v1/cvs/{olga_cv}/draft", json={"resume": typed}, headers=vic["headers"])).status == 200
    olga_file_cv = await upload(client, other["headers"], text_cv("OLGAFILE", "Olga"), wait_job)
    # analytics, a cached render, search, tokens, a reset link
    assert (await client.get(f"/api/v1/profiles/{slug}")).status == 200
    await svc.events.flush()
    assert (await client.get(f"/api/v1/cvs/{cv_file}/render?format=html", headers=vic["headers"])).status == 200
    render_keys = list(await svc.cache.get(f"renders-of:{cv_file}") or [])
    assert render_keys and await svc.cache.get(render_keys[0]) is not None
    assert (await svc.search.search(marker)).total == 1
    made = await client.post("/api/v1/tokens", json={"name": "ci"}, headers=vic["headers"])
    api_token = (await made.json())["token"]
    assert (await client.post("/api/v1/auth/password-reset", json={"email": f"vic-{marker}@example.org"})).status == 202
    await svc.drain()
    import pyotp  # two-factor sign-in on: a secret on the user, recovery codes in their table
    secret = (await (await client.post("/api/v1/me/2fa/setup", json={"password": "correct horse battery"},
                                       headers=vic["headers"])).json())["secret"]
    resp = await client.post("/api/v1/me/2fa/enable", json={"code": pyotp.TOTP(secret).now()}, headers=vic["headers"])
    assert resp.status == 200

    me = (await (await client.get("/api/v1/me", headers=vic["headers"])).json())
    needles = [marker, me["id"], cv_file, cv_public, slug, secret]
    checked, found = await walk_tables(needles)
    assert found and "users" in checked  # the walk sees the user's data before the deletion
    before = await blobs(htdy_app)
    assert any(marker.encode() in b for b in before.values())

    resp = await client.request("DELETE", "/api/v1/me", json={"password": "wrong"}, headers=vic["headers"])
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "wrong_password"
    resp = await client.request("DELETE", "/api/v1/me", json={"password": "correct horse battery"},
                                headers=vic["headers"])
    assert resp.status == 204

    checked, found = await walk_tables(needles)
    assert found == [], found
    expected_tables = {"users", "api_tokens", "sessions", "password_resets", "recovery_codes", "email_verifications",
                       "stored_files", "cvs", "cv_versions", "cv_drafts", "shares", "jobs", "profile_events", "aerich"}
    assert expected_tables <= set(checked), checked
    print("\ntables walked after deletion (rows read):", json.dumps(checked, sort_keys=True))
    after = await blobs(htdy_app)
    assert not any(marker.encode() in b for b in after.values())
    assert len(after) == 1 and b"OLGAFILE" in next(iter(after.values()))  # Olga's file stays
    assert (await svc.search.search(marker)).total == 0
    assert [await svc.cache.get(k) for k in render_keys] == [None] * len(render_keys)
    assert await svc.cache.get(f"renders-of:{cv_file}") is None
    for token in (vic["token"], api_token):
        assert (await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})).status == 401
    # Olga keeps her CVs (the version Vic wrote stays, without his name)
    for cid in (olga_cv, olga_file_cv):
        got = await client.get(f"/api/v1/cvs/{cid}", headers=other["headers"])
        assert got.status == 200
    assert (await (await client.get(f"/api/v1/cvs/{olga_cv}", headers=other["headers"])).json())["current_version"] == 2
    assert (await client.get(f"/api/v1/profiles/{slug}")).status == 404


async def test_export(client, signup, make_cv, wait_job, htdy_app, htdy_settings, resume, tmp_path):
    a = await signup("ex@example.org", name="Exa")
    await signup("friend@example.org")
    original = text_cv("EXPORTED", "Exa Port")
    cv_file = await upload(client, a["headers"], original, wait_job)
    cv_json = (await make_cv(a["headers"], title="Second", discoverable=True))["id"]
    resume["basics"]["label"] = "Edited"
    await client.patch(f"/api/v1/cvs/{cv_json}", json={"resume": resume}, headers=a["headers"])
    await client.post(f"/api/v1/cvs/{cv_json}/shares", json={"email": "friend@example.org"}, headers=a["headers"])
    slug = (await (await client.get(f"/api/v1/cvs/{cv_json}", headers=a["headers"])).json())["slug"]
    # an anonymous visitor's browser (HTTP libraries and the owner are not counted)
    await client.get(f"/api/v1/profiles/{slug}", headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"})
    await htdy_app[appkeys.services].events.flush()

    # an unsaved draft and a saved design are the account's data too
    draft = {**resume, "basics": {**resume["basics"], "label": "Half typed"}}
    assert (await client.put(f"/api/v1/cvs/{cv_json}/draft", json={"resume": draft}, headers=a["headers"])).status == 200
    assert (await client.put(f"/api/v1/cvs/{cv_json}/design", json={"template": "modern"},
                             headers=a["headers"])).status == 200
    assert (await client.get("/api/v1/me/export")).status == 401
    resp = await client.get("/api/v1/me/export", headers=a["headers"])
    assert resp.status == 200 and resp.content_type == "application/zip"
    assert "attachment" in resp.headers["Content-Disposition"]
    zf = zipfile.ZipFile(io.BytesIO(await resp.read()))
    names = set(zf.namelist())
    account = json.loads(zf.read("account.json"))
    assert account["user"]["email"] == "ex@example.org" and account["api_tokens"]
    assert "token_hash" not in json.dumps(account)
    assert f"cvs/{cv_json}/versions/1.json" in names and f"cvs/{cv_json}/versions/2.json" in names
    assert json.loads(zf.read(f"cvs/{cv_json}/versions/2.json"))["basics"]["label"] == "Edited"
    meta = json.loads(zf.read(f"cvs/{cv_json}/cv.json"))
    assert [s["email"] for s in meta["shares"]] == ["friend@example.org"]
    assert meta["analytics"]["totals"]["view"] == 1 and meta["analytics"]["events"]
    file_meta = json.loads(zf.read(f"cvs/{cv_file}/cv.json"))
    assert zf.read(f"cvs/{cv_file}/" + file_meta["versions"][0]["source_file"]) == original
    assert f"cvs/{cv_file}/versions/1.extras.json" in names and "README.txt" in names
    drafts = json.loads(zf.read("drafts.json"))
    assert [(d["cv_id"], d["resume"]["basics"]["label"]) for d in drafts] == [(cv_json, "Half typed")]
    assert meta["design"]["template"] == "modern"
    from htdy.core.services.validation import validate_resume_or_raise
    for n in names:
        if n.endswith(".json") and "/versions/" in n and not n.endswith(".extras.json"):
            validate_resume_or_raise(json.loads(zf.read(n)))

    config = tmp_path / "export.toml"
    config.write_text(_toml(htdy_settings))
    out = tmp_path / "mine.zip"
    res = await run_cli("--config", str(config), "export", "--user", "EX@example.org", "-o", str(out))
    assert res.exit_code == 0 and "2 CVs" in res.output, res.output
    assert set(zipfile.ZipFile(out).namelist()) == names
    from click.testing import CliRunner

    from htdy.core.commands.cli import cli
    bad = CliRunner().invoke(cli, ["--config", str(config), "export"])
    assert bad.exit_code == 2 and "CV_ID or --user" in bad.output
