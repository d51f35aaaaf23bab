"""``htdy search reindex``: rebuilds the search index from the database, run for real as
``htdy`` in a subprocess against the database the API test app uses (SQLite, and again
PostgreSQL) and its embedded index — and against OpenSearch (osmem) after a switch of
``[search] backend``. CVs are made through the API; the live path's documents are the
reference the rebuilt ones must equal."""
from __future__ import annotations

import asyncio
import copy
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from htdy.core.host.testing import make_settings
from htdy.core.http import appkeys
from htdy.core.models import CV
from htdy.core.services import search_index

pytestmark = pytest.mark.timeout(300)


def _resume(base: dict[str, Any], name: str, skill: str) -> dict[str, Any]:
    r = copy.deepcopy(base)
    r["basics"]["name"] = name
    r["skills"] = [{"name": "Topics", "keywords": [skill, "reindex"]}]  # skills are keywords, not group names
    return r


def _config(tmp_path: Path, database_url: str, search: str = "embedded", **plugin: Any) -> Path:
    """An htdy.toml for the command: the test app's database, storage and search file."""
    cfg = tmp_path / f"htdy-{search}.toml"
    lines = [f'[database]\nurl = "{database_url}"', f'[search]\nbackend = "{search}"',
             f'[plugins.storage_backends.local]\nroot = "{tmp_path / "files"}"',
             f'[plugins.search_backends.embedded]\npath = "{tmp_path / "search.sqlite3"}"']
    if plugin:
        lines.append(f"[plugins.search_backends.{search}]\n" + "\n".join(f"{k} = {json.dumps(v)}" for k, v in plugin.items()))
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


async def _htdy(cfg: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HTDY_CONFIG=str(cfg), HTDY_DISABLE_ENTRYPOINTS="1")
    cmd = [sys.executable, "-c", "from htdy.core.commands.cli import main; main()", *args]
    return await asyncio.to_thread(subprocess.run, cmd, env=env, capture_output=True, text=True, timeout=240)


async def _reindex(cfg: Path, *extra: str) -> str:
    out = await _htdy(cfg, "search", "reindex", *extra)
    assert out.returncode == 0, out.stderr
    assert "\x1b[" not in out.stderr  # no progress bar when stderr is not a terminal
    return out.stdout.strip().splitlines()[-1]


def _docs(path: Path) -> dict[str, dict[str, Any]]:
    """The embedded index's stored documents, by cv_id."""
    with sqlite3.connect(path) as db:
        return {cv_id: json.loads(doc) for cv_id, doc in db.execute("SELECT cv_id, doc FROM cv_docs")}


def _wipe(path: Path) -> None:
    """The index is lost (a new server, a deleted file): every table emptied."""
    with sqlite3.connect(path) as db:
        for table in ("cv_fts", "cv_facets", "cv_docs"):
            db.execute(f"DELETE FROM {table}")


async def _found(client: Any, q: str = "") -> dict[str, str]:
    """``{cv_id: name}`` the public search API answers."""
    resp = await client.get("/api/v1/search", params={"q": q, "limit": "100"})
    assert resp.status == 200, await resp.text()
    return {i["cv_id"]: i["name"] for i in (await resp.json())["items"]}


async def _backend_ids(search: Any) -> set[str]:
    return {h.cv_id for h in (await search.search("", limit=100)).hits}


async def _three_cvs(signup: Any, make_cv: Any, resume: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    a = await signup("owner@example.org")
    ada = await make_cv(a["headers"], title="ada", discoverable=True,
                        resume=_resume(resume, "Ada Lovelace", "Mathematics"))
    bob = await make_cv(a["headers"], title="bob", discoverable=True,
                        resume=_resume(resume, "Bob Babbage", "Engineering"))
    carol = await make_cv(a["headers"], title="carol", resume=_resume(resume, "Carol Private", "Secrecy"))
    return a, ada, bob, carol


async def test_reindex_rebuilds_a_lost_embedded_index(client, htdy_app, signup, make_cv, resume, tmp_path,
                                                     database_url):
    search = htdy_app[appkeys.services].search
    index_file = tmp_path / "search.sqlite3"
    cfg = _config(tmp_path, database_url)
    _, ada, bob, carol = await _three_cvs(signup, make_cv, resume)
    assert await _found(client) == {ada["id"]: "Ada Lovelace", bob["id"]: "Bob Babbage"}
    live = _docs(index_file)  # what the live path wrote after each change
    assert set(live) == {ada["id"], bob["id"]}

    _wipe(index_file)
    assert await _found(client) == {} and await _found(client, "lovelace") == {}
    assert await _reindex(cfg, "--batch", "1") == "indexed=2 removed=0"  # one CV per batch: keyset paging
    assert _docs(index_file) == live  # the same documents, byte for byte as JSON
    assert await _found(client) == {ada["id"]: "Ada Lovelace", bob["id"]: "Bob Babbage"}
    assert set(await _found(client, "lovelace")) == {ada["id"]}
    resp = await client.get("/api/v1/search", params={"skill": "engineering"})
    assert [i["slug"] for i in (await resp.json())["items"]] == [bob["slug"]]

    # Bob private behind the live path's back (a restored backup), an entry of a deleted CV
    await CV.filter(id=bob["id"]).update(discoverable=False)
    ghost = str(uuid.uuid4())
    await search.index(ghost, search_index.document_for(ghost, "ghost", resume))
    assert await _backend_ids(search) == {ada["id"], bob["id"], ghost}
    assert await _reindex(cfg) == "indexed=1 removed=2"
    assert await _backend_ids(search) == {ada["id"]}
    assert await _found(client) == {ada["id"]: "Ada Lovelace"}
    assert await _found(client, "babbage") == {}
    assert carol["id"] not in _docs(index_file)

    # idempotent: nothing left to do, the same index
    assert await _reindex(cfg, "--batch", "1000") == "indexed=1 removed=0"
    assert _docs(index_file) == {ada["id"]: live[ada["id"]]}


async def test_reindex_after_switching_to_opensearch(client, htdy_app, signup, make_cv, resume, tmp_path,
                                                     database_url, osmem_url):
    """CVs made while the embedded backend was configured; ``[search] backend`` switched to
    OpenSearch: the new index is built from the database, then kept in step."""
    from htdy.plugins.search_backends.opensearch import OpenSearchSearch

    owner, ada, bob, _ = await _three_cvs(signup, make_cv, resume)
    live = _docs(tmp_path / "search.sqlite3")
    opts = {"hosts": [osmem_url], "index_prefix": "htdy-reindex", "replicas": 0}
    cfg = _config(tmp_path, database_url, "opensearch", **opts)
    assert await _reindex(cfg) == "indexed=2 removed=0"

    os_search = OpenSearchSearch(OpenSearchSearch.Options(**opts))
    await os_search.start()
    try:
        page = await os_search.search("", limit=100)
        assert {h.cv_id: h.document for h in page.hits} == live  # what the live path gave the embedded one
        assert [h.cv_id for h in (await os_search.search("lovelace")).hits] == [ada["id"]]

        resp = await client.patch(f"/api/v1/cvs/{bob['id']}", json={"discoverable": False}, headers=owner["headers"])
        assert resp.status == 200, await resp.text()
        assert await _reindex(cfg) == "indexed=1 removed=1"
        assert await _backend_ids(os_search) == {ada["id"]}
        assert await _reindex(cfg) == "indexed=1 removed=0"
    finally:
        await os_search.close()


def test_reindex_beyond_what_search_can_list(tmp_path, resume, monkeypatch):
    """An index larger than the search interface can page through: private CVs are still
    removed; entries of deleted CVs past the window are counted, and the exit status is 1.
    (The window is shrunk to one entry instead of indexing 10 100 documents.)"""
    from htdy.core.commands.cli import _load_commands, cli
    from htdy.core.db import close_db, init_db
    from htdy.core.models import CVVersion, User
    from htdy.core.services import Services
    from htdy.plugins.search_backends.embedded import EmbeddedSearch

    settings = make_settings(tmp_path)
    ghosts = ["ffffffff-ffff-4fff-bfff-fffffffffff1", "ffffffff-ffff-4fff-bfff-fffffffffff2"]  # last by cv_id

    async def setup() -> dict[str, str]:
        db = await init_db(settings, migrate=True)
        search = EmbeddedSearch(EmbeddedSearch.Options(path=str(tmp_path / "search.sqlite3")))
        await search.start()
        try:
            user = await User.create(email="o@example.org", name="O", password_hash="x")
            ids = {}
            for name, public in (("Ada", True), ("Bob", True), ("Dan", False)):
                cv = await CV.create(owner=user, title=name, discoverable=public, slug=name.lower() if public else None,
                                     current_version=1)
                await CVVersion.create(cv=cv, number=1, resume=_resume(resume, name, "Skill"))
                ids[name] = str(cv.id)
            svc = Services(settings=settings, pm=None, registries=None, cache=None, search=search)  # type: ignore[arg-type]
            await search_index.sync(svc, ids["Ada"])
            # Dan was public once: his entry is stale; two CVs were deleted without the index knowing
            await search.index(ids["Dan"], search_index.document_for(ids["Dan"], "dan", resume))
            for g in ghosts:
                await search.index(g, search_index.document_for(g, None, resume))
            return ids
        finally:
            await search.close()
            await close_db(db)

    ids = asyncio.run(setup())
    monkeypatch.setattr(search_index, "SCAN_PAGE", 1)
    monkeypatch.setattr(search_index, "SCAN_MAX_OFFSET", 0)
    _load_commands()
    cfg = _config(tmp_path, settings.database.url)
    # a terminal: the progress bar is drawn (rich, on stderr)
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda self: True))
    out = CliRunner().invoke(cli, ["-c", str(cfg), "search", "reindex", "--batch", "2"])
    assert out.exit_code == 1, out.output
    assert out.stdout.strip().splitlines()[-1] == "indexed=2 removed=1 unchecked=2"
    assert "indexing discoverable CVs" in out.stderr and "2 index entries could not be checked" in out.stderr

    async def left() -> set[str]:
        search = EmbeddedSearch(EmbeddedSearch.Options(path=str(tmp_path / "search.sqlite3")))
        await search.start()
        try:
            return await _backend_ids(search)
        finally:
            await search.close()

    assert asyncio.run(left()) == {ids["Ada"], ids["Bob"], *ghosts}


async def test_an_index_from_an_older_build_is_rebuilt_at_start(aiohttp_client, tmp_path, resume):
    """The embedded index's schema changed (a new build): the file is emptied at start-up
    and rebuilt from the database in the background — no search result is lost for good."""
    from htdy.core.http.app import create_app

    settings = make_settings(tmp_path)
    client = await aiohttp_client(create_app(settings))
    token = (await (await client.post("/api/v1/auth/signup", json={
        "email": "o@example.org", "name": "O", "password": "correct horse battery"})).json())["token"]
    made = await client.post("/api/v1/cvs", json={"title": "Ada", "discoverable": True,
                                                  "resume": _resume(resume, "Ada Lovelace", "Go")},
                             headers={"Authorization": f"Bearer {token}"})
    assert made.status == 201
    await client.close()
    with sqlite3.connect(tmp_path / "search.sqlite3") as db:  # as an older build left it
        db.execute("PRAGMA user_version = 1")

    app = create_app(make_settings(tmp_path))
    client = await aiohttp_client(app)
    svc = app[appkeys.services]
    await svc.drain()  # the background rebuild
    assert not svc.search.needs_rebuild
    found = await (await client.get("/api/v1/search", params={"skill": "go"})).json()
    assert [i["name"] for i in found["items"]] == ["Ada Lovelace"]
