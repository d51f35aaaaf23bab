"""Issue 11: one live fault test per dependency — PostgreSQL, OpenSearch, Redis, file storage.
Each dependency is really taken away (a TCP proxy in this process between the app and the
real server, cut and restored; a storage whose disk is full) and each test asserts the status
and code the API answers, what ``/readyz`` says, that nothing is half-written, and recovery."""
from __future__ import annotations

import asyncio
import errno
import uuid
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest

from htdy import hookimpl
from htdy.core.host.testing import make_settings
from htdy.core.http.app import create_app

from .conftest import REDIS_DB, REDIS_HOST, REDIS_PORT, TcpProxy
from .test_readiness import eventually, ready

PASSWORD = "correct horse battery staple"
RESUME = {"basics": {"name": "Grace Hopper", "label": "Compiler author"},
          "skills": [{"name": "COBOL"}], "work": [{"name": "Navy", "position": "Rear admiral"}]}


async def _signup(client: Any, email: str) -> dict[str, str]:
    resp = await client.post("/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": "F"})
    assert resp.status == 201, await resp.text()
    client.session.cookie_jar.clear()
    return {"Authorization": f"Bearer {(await resp.json())['token']}"}


@pytest.mark.postgres
async def test_postgresql_lost_mid_transaction_writes_nothing_and_comes_back(pg_database_url, tmp_path,
                                                                             aiohttp_client):
    url = urlsplit(pg_database_url)
    proxy = TcpProxy(url.hostname or "127.0.0.1", int(url.port or 5432))
    await proxy.start()
    via_proxy = pg_database_url.replace(f"{url.hostname}:{url.port}", f"127.0.0.1:{proxy.port}")
    client = await aiohttp_client(create_app(make_settings(tmp_path, database_url=via_proxy)))
    try:
        headers = await _signup(client, "pg@example.org")
        # the connection dies inside the CV's transaction: after its `cvs` row, at its first version
        proxy.cut_on = b'INSERT INTO "cv_versions"'
        resp = await client.post("/api/v1/cvs", json={"title": "Lost", "resume": RESUME, "discoverable": True},
                                 headers=headers)
        body = await resp.json()
        assert proxy.cut_done.is_set(), "the write never reached its version insert"
        assert resp.status == 503 and body["error"]["code"] == "database_unavailable", body
        assert resp.headers["Retry-After"] == "5"
        # while it is down: reads and writes 503 with the code, /readyz unready
        for method, path, kw in (("GET", "/api/v1/cvs", {}),
                                 ("POST", "/api/v1/cvs", {"json": {"title": "x", "resume": RESUME}})):
            resp = await client.request(method, path, headers=headers, **kw)
            assert resp.status == 503 and (await resp.json())["error"]["code"] == "database_unavailable"
        status, body = await ready(client)
        assert status == 503 and body["error"]["code"] == "database_unavailable"
        await proxy.start()
        await eventually(client, 200)
        listed = await (await client.get("/api/v1/cvs", headers=headers)).json()
        assert listed["total"] == 0  # the interrupted transaction left no CV behind
        conn = await asyncpg.connect(pg_database_url)
        try:
            assert await conn.fetchval("SELECT count(*) FROM cvs") == 0
            assert await conn.fetchval("SELECT count(*) FROM cv_versions") == 0
        finally:
            await conn.close()
        again = await client.post("/api/v1/cvs", json={"title": "Kept", "resume": RESUME}, headers=headers)
        assert again.status == 201
    finally:
        await proxy.stop()


async def test_opensearch_down_answers_503_and_the_index_catches_up(osmem_url, tmp_path, aiohttp_client,
                                                                    monkeypatch):
    from htdy.core.services import search_index

    monkeypatch.setattr(search_index, "CATCH_UP_INTERVAL_S", 0.3)
    target = urlsplit(osmem_url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", int(target.port or 80))
    await proxy.start()
    s = make_settings(tmp_path, search={"backend": "opensearch"}, plugins={"search_backends": {"opensearch": {
        "hosts": [f"http://127.0.0.1:{proxy.port}"], "index_prefix": f"f{uuid.uuid4().hex[:6]}",
        "replicas": 0, "timeout_s": 5}}})
    client = await aiohttp_client(create_app(s))
    try:
        headers = await _signup(client, "os@example.org")
        before = await client.post("/api/v1/cvs", json={"title": "A", "resume": RESUME, "discoverable": True},
                                   headers=headers)
        assert before.status == 201
        assert (await (await client.get("/api/v1/search?q=hopper")).json())["total"] == 1
        await proxy.stop()
        resp = await client.get("/api/v1/search?q=hopper")
        assert resp.status == 503 and (await resp.json())["error"]["code"] == "search_unavailable"
        status, body = await ready(client)
        assert status == 200 and body["status"] == "degraded" and body["degraded"] == ["search"]
        # writes go on; the index is updated once search is back, with the state of that moment
        lovelace = {**RESUME, "basics": {"name": "Ada Lovelace", "label": "Analyst"}}
        made = await client.post("/api/v1/cvs", json={"title": "B", "resume": lovelace, "discoverable": True},
                                 headers=headers)
        assert made.status == 201
        hidden = await client.patch(f"/api/v1/cvs/{(await before.json())['id']}", json={"discoverable": False},
                                    headers=headers)
        assert hidden.status == 200
        await proxy.start()
        deadline = asyncio.get_running_loop().time() + 15
        while True:
            hopper = await (await client.get("/api/v1/search?q=hopper")).json()
            ada = await (await client.get("/api/v1/search?q=lovelace")).json()
            if (hopper.get("total"), ada.get("total")) == (0, 1) or asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.3)
        assert (hopper["total"], ada["total"]) == (0, 1), (hopper, ada)  # no reindex was run by hand
        assert (await ready(client))[1]["status"] == "ok"
    finally:
        await proxy.stop()


async def test_redis_down_keeps_the_api_serving_from_the_database(redis_url, tmp_path, aiohttp_client):
    proxy = TcpProxy(REDIS_HOST, REDIS_PORT)
    await proxy.start()
    url = f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}"
    prefix = f"htdy-fault:{uuid.uuid4().hex[:8]}:"
    s = make_settings(tmp_path, cache={"tiers": ["memory", "redis"]},
                      plugins={"cache_tiers": {"redis": {"url": url, "prefix": prefix}}})
    client = await aiohttp_client(create_app(s))
    try:
        headers = await _signup(client, "redis@example.org")
        cv = await (await client.post("/api/v1/cvs", json={"title": "R", "resume": RESUME}, headers=headers)).json()
        await proxy.stop()
        read = await client.get(f"/api/v1/cvs/{cv['id']}", headers=headers)
        assert read.status == 200  # the cache is optional: reads fall through to the database
        edit = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"title": "Renamed"}, headers=headers)
        assert edit.status == 200
        status, body = await ready(client)
        assert status == 200 and body["degraded"] == ["cache"]
        await proxy.start()
        await eventually(client, 200)
        # no stale copy survived the outage: the rename is what every read sees
        got = await (await client.get(f"/api/v1/cvs/{cv['id']}", headers=headers)).json()
        assert got["title"] == "Renamed"
    finally:
        await proxy.stop()


class FullDisk:
    """The local storage plugin with a disk that fills up on demand (as root here, chmod
    cannot make a directory unwritable)."""

    full = False

    @hookimpl
    def htdy_register_storage_backends(self) -> list[type]:
        from htdy.storage_backends.local import LocalStorage

        class FillingStorage(LocalStorage):
            name = "t-filling"

            async def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> None:
                if FullDisk.full:
                    raise OSError(errno.ENOSPC, "No space left on device")
                await super().put(key, data, content_type=content_type)
        return [FillingStorage]


async def test_storage_unwritable_is_503_and_leaves_no_job_or_file(tmp_path, aiohttp_client):
    import aiohttp

    from htdy.core.models import Job, StoredFile

    s = make_settings(tmp_path, storage={"backend": "t-filling"},
                      plugins={"storage_backends": {"t-filling": {"root": str(tmp_path / "files"), "fsync": False}}})
    client = await aiohttp_client(create_app(s, plugins=[FullDisk()]))
    headers = await _signup(client, "disk@example.org")
    FullDisk.full = True
    try:
        form = aiohttp.FormData()
        form.add_field("file", b"Grace Hopper\ngrace@example.org\n\nExperience\nNavy, 1943\n", filename="cv.txt")
        resp = await client.post("/api/v1/uploads", data=form, headers=headers)
        body = await resp.json()
        assert resp.status == 503 and body["error"]["code"] == "storage_unavailable"
        assert resp.headers["Retry-After"] == "5"
        assert await Job.all().count() == 0 and await StoredFile.all().count() == 0
        assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
        status, body = await ready(client, verbose=True)
        assert status == 200  # the node still serves everything that needs no new file
        cv = await client.post("/api/v1/cvs", json={"title": "JSON only", "resume": RESUME}, headers=headers)
        assert cv.status == 201
    finally:
        FullDisk.full = False
    form = aiohttp.FormData()
    form.add_field("file", b"Grace Hopper\ngrace@example.org\n", filename="cv.txt")
    assert (await client.post("/api/v1/uploads", data=form, headers=headers)).status == 202
