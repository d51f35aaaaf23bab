"""Job claiming, lease recovery and retries; start-up refusal on an unmigrated database;
``htdy migrate`` / ``import`` / ``export``."""
from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import aiohttp
import pytest
from click.testing import CliRunner

from htdy import hookimpl
from htdy.core.host.errors import ConfigError
from htdy.core.host.interfaces import StorageBackend
from htdy.core.host.testing import TEST_SECRET, make_settings
from htdy.core.http import appkeys
from htdy.core.models import Job
from htdy.core.services import utcnow


class FlakyStorage(StorageBackend):
    """Accepts writes, fails every read like an unreachable object store."""

    name = "flaky"

    async def put(self, key, data, *, content_type="application/octet-stream"):
        pass

    async def get(self, key):
        raise ConnectionError("object store unreachable")

    async def delete(self, key):
        pass

    async def exists(self, key):
        return False

    async def check(self):
        raise ConnectionError("object store unreachable")


class FlakyPlugin:
    @hookimpl
    def htdy_register_storage_backends(self):
        return [FlakyStorage]


async def _job(**kw) -> Job:
    return await Job.create(kind="test", available_at=utcnow(), payload={}, **kw)


async def test_claim_is_compare_and_set(htdy_client, htdy_app):
    worker = htdy_app[appkeys.services].worker
    job = await _job()
    won = await asyncio.gather(*[worker.claim(str(job.id)) for _ in range(5)])
    assert sorted(won) == [False] * 4 + [True]
    await job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1 and job.lease_until > utcnow()


async def test_sweep_requeues_expired_leases(htdy_client, htdy_app):
    worker = htdy_app[appkeys.services].worker
    dead = await _job(status="running", attempts=1, worker="dead:1", lease_until=utcnow() - timedelta(seconds=5))
    alive = await _job(status="running", attempts=1, worker="alive:1", lease_until=utcnow() + timedelta(minutes=5))
    assert await worker.sweep() == 1
    await dead.refresh_from_db()
    await alive.refresh_from_db()
    assert dead.status == "queued" and dead.worker is None and alive.status == "running"


@pytest.fixture
def flaky_settings(tmp_path):
    return make_settings(tmp_path, storage={"backend": "flaky"}, queue={"max_attempts": 2, "poll_interval_s": 0.1})


async def test_transient_errors_retry_then_fail(flaky_settings, aiohttp_client):
    from htdy.core.http.app import create_app

    client = await aiohttp_client(create_app(flaky_settings, plugins=[FlakyPlugin()]))
    resp = await client.post("/api/v1/auth/signup", json={"email": "a@example.org", "password": "worker-test-pass",
                                                           "name": "A"})
    h = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n", filename="cv.txt")
    job_id = (await (await client.post("/api/v1/uploads", data=fd, headers=h)).json())["job"]["id"]
    for _ in range(100):
        job = await (await client.get(f"/api/v1/jobs/{job_id}", headers=h)).json()
        if job["status"] == "failed":
            break
        await asyncio.sleep(0.1)
    assert job["status"] == "failed" and job["attempts"] == 2 and job["error"]["code"] == "storage_unavailable"
    # the file store is optional for readiness: the node reports it, and stays in the Service
    resp = await client.get("/readyz?verbose")
    ready = await resp.json()
    assert resp.status == 200 and ready["status"] == "degraded" and ready["degraded"] == ["storage"]
    assert ready["checks"]["storage"] == {"ok": False, "required": False, "error": "object store unreachable",
                                          "ms": ready["checks"]["storage"]["ms"]}
    assert ready["checks"]["database"]["ok"]


def _signed(body: dict, stamp: int | None = None, secret: str = TEST_SECRET) -> tuple[bytes, dict[str, str]]:
    import hashlib
    import hmac
    import json
    import time

    raw = json.dumps(body).encode()
    ts = str(int(time.time()) if stamp is None else stamp)
    sig = hmac.new(secret.encode(), ts.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return raw, {"Content-Type": "application/json", "X-Htdy-Timestamp": ts, "X-Htdy-Signature": sig}


async def test_roles_decide_what_runs(tmp_path, aiohttp_client):
    import time

    from htdy.core.http.app import create_app

    renderer = await aiohttp_client(create_app(make_settings(tmp_path, node={"roles": ["renderer"]})))
    assert (await renderer.get("/api/v1/me")).status == 404
    job = {"resume": {"basics": {"name": "Ada"}}, "fmt": "html", "template_id": "classic"}
    raw, headers = _signed(job)
    resp = await renderer.post("/internal/render", data=raw, headers=headers)
    assert resp.status == 200 and "Ada" in await resp.text()
    # unsigned, signed with another secret, a replay from two minutes ago, a tampered body
    assert (await renderer.post("/internal/render", json=job)).status == 403
    raw, headers = _signed(job, secret="another-secret-0123456789abcdefghijkl")
    assert (await renderer.post("/internal/render", data=raw, headers=headers)).status == 403
    raw, headers = _signed(job, stamp=int(time.time()) - 120)
    resp = await renderer.post("/internal/render", data=raw, headers=headers)
    assert resp.status == 403 and (await resp.json())["error"]["message"] == "signature expired"
    raw, headers = _signed(job)
    resp = await renderer.post("/internal/render", data=raw.replace(b"Ada", b"Eve"), headers=headers)
    assert resp.status == 403
    assert renderer.app[appkeys.services].worker is None
    await renderer.close()
    api = await aiohttp_client(create_app(make_settings(tmp_path, node={"roles": ["api"]})))
    assert (await api.get("/api/v1/me")).status == 401
    assert (await api.post("/internal/render", json={})).status in (404, 405)
    assert api.app[appkeys.services].worker is None


async def test_one_process_node_has_no_internal_render(tmp_path, aiohttp_client):
    """Every role in one process renders in its own pool: no endpoint takes renders from outside."""
    from htdy.core.http.app import create_app

    client = await aiohttp_client(create_app(make_settings(tmp_path)))
    raw, headers = _signed({"resume": {"basics": {"name": "Ada"}}, "fmt": "html"})
    assert (await client.post("/internal/render", data=raw, headers=headers)).status in (404, 405)
    assert (await client.get("/api/v1/me")).status == 401


@pytest.mark.parametrize("secret, why", [("", "is empty"), ("change-me-64-random-bytes", "placeholder"),
                                         ("CHANGE-ME", "placeholder"), ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder"),
                                         ("s3cret", "at least 32")])
def test_split_node_refuses_a_weak_secret(secret, why):
    from htdy.core.host.config import settings_from_dict

    for data in ({"node": {"roles": ["renderer"]}}, {"node": {"roles": ["api"]}},
                 {"rendering": {"gateway": "http", "renderer_url": "http://r:8080"}}):
        with pytest.raises(ConfigError, match=f"htdy.toml: auth.secret_key: .*{why}"):
            settings_from_dict({**data, "auth": {"secret_key": secret}}, "htdy.toml", environ={})
    # one process needs none
    assert settings_from_dict({"auth": {"secret_key": secret}}, "htdy.toml", environ={}).split is False


async def test_unknown_backend_fails_at_start_up(tmp_path):
    from htdy.core.http.app import create_app

    with pytest.raises(ConfigError, match="known: .*local"):
        create_app(make_settings(tmp_path, storage={"backend": "nope"}))


async def test_unmigrated_database_refuses_to_start(tmp_path, database_url):
    from htdy.core.db import close_db, init_db

    settings = make_settings(tmp_path, database_url=database_url, database={"auto_migrate": False})
    with pytest.raises(ConfigError, match="htdy migrate"):
        await init_db(settings)
    await close_db(await init_db(settings, migrate=True))
    await close_db(await init_db(settings))  # migrated now


def test_migrate_import_export(tmp_path, resume):
    from htdy.core.commands.cli import _load_commands, cli
    from htdy.core.db import close_db, init_db
    from htdy.core.models import User

    _load_commands()
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f'[database]\nurl = "sqlite://{tmp_path}/cli.sqlite3"\n'
                   f'[plugins.storage_backends.local]\nroot = "{tmp_path}/files"\n[plugins.search_backends.embedded]\npath = "{tmp_path}/s.sqlite3"\n')
    runner = CliRunner()
    out = runner.invoke(cli, ["-c", str(cfg), "migrate", "--check"])
    assert out.exit_code == 1 and "pending" in out.output
    out = runner.invoke(cli, ["-c", str(cfg), "migrate"])
    assert out.exit_code == 0 and "applied" in out.output
    assert "up to date" in runner.invoke(cli, ["-c", str(cfg), "migrate"]).output

    async def add_user() -> None:
        db = await init_db(make_settings(tmp_path, database_url=f"sqlite://{tmp_path}/cli.sqlite3"))
        await User.create(email="cli@example.org", name="Cli", password_hash="x")
        await close_db(db)
    asyncio.run(add_user())

    src = tmp_path / "ada.json"
    src.write_text(json.dumps(resume))
    out = runner.invoke(cli, ["-c", str(cfg), "import", str(src), "--email", "cli@example.org"])
    assert out.exit_code == 0, out.output
    cv_id = out.output.strip()
    dst = tmp_path / "out.json"
    out = runner.invoke(cli, ["-c", str(cfg), "export", cv_id, "-o", str(dst)])
    assert out.exit_code == 0, out.output
    assert json.loads(dst.read_text()) == resume
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"basics": {"name": 3}}))
    out = runner.invoke(cli, ["-c", str(cfg), "import", str(bad), "--email", "cli@example.org"])
    assert out.exit_code == 2 and "JSON Resume" in out.output
    out = runner.invoke(cli, ["-c", str(cfg), "import", str(src), "--email", "nobody@example.org"])
    assert out.exit_code == 2 and "no user" in out.output


async def test_read_replica_routing(tmp_path, database_url):
    """With ``read_replicas`` set, reads go through the replica connection (here the same
    database under a second connection name) and writes through the primary."""
    from tortoise import connections

    from htdy.core.db import close_db, init_db, tortoise_config
    from htdy.core.models import User

    settings = make_settings(tmp_path, database_url=database_url, database={"read_replicas": [database_url]})
    config = tortoise_config(settings)
    primary = next(iter(config["connections"]))
    assert f"{primary}_replica0" in config["connections"] and config["routers"]
    db = await init_db(settings)
    try:
        await User.create(email="r@example.org", name="R", password_hash="x")
        assert (await User.get(email="r@example.org")).name == "R"
        assert connections.get(f"{primary}_replica0") is not None
    finally:
        await close_db(db)


class SlowStorage(FlakyStorage):
    """Reads hang (a stuck object store), so a job is still running at shutdown."""

    name = "slow"

    async def get(self, key):
        await asyncio.sleep(60)
        raise AssertionError("unreachable")


class SlowPlugin:
    @hookimpl
    def htdy_register_storage_backends(self):
        return [SlowStorage]


async def _running_slow_job(settings, aiohttp_client) -> tuple:
    """An app whose storage reads hang, and the id of an upload's job once it is running."""
    from htdy.core.http.app import create_app

    app = create_app(settings, plugins=[SlowPlugin()])
    client = await aiohttp_client(app)
    resp = await client.post("/api/v1/auth/signup", json={"email": "a@example.org", "password": "worker-test-pass",
                                                           "name": "A"})
    h = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n", filename="cv.txt")
    job_id = (await (await client.post("/api/v1/uploads", data=fd, headers=h)).json())["job"]["id"]
    for _ in range(100):
        if (await Job.get(id=job_id)).status == "running":
            break
        await asyncio.sleep(0.05)
    return app, job_id


async def test_graceful_stop_requeues_running_jobs(tmp_path, aiohttp_client):

    settings = make_settings(tmp_path, storage={"backend": "slow"}, queue={"poll_interval_s": 0.05})
    app, job_id = await _running_slow_job(settings, aiohttp_client)
    await app[appkeys.services].worker.stop(timeout=0.1)
    job = await Job.get(id=job_id)
    assert job.status == "queued" and job.attempts == 0 and job.worker is None


async def test_heartbeat_keeps_a_long_job_and_a_dead_workers_job_is_retried_soon(tmp_path, aiohttp_client):
    """A running job's lease is renewed while it runs (a slow parse is never taken over), and
    a job whose worker died is queued again within about lease_s + lease_s / 3, not minutes."""

    settings = make_settings(tmp_path, storage={"backend": "slow"},
                             queue={"poll_interval_s": 0.05, "lease_s": 1.5})
    app, job_id = await _running_slow_job(settings, aiohttp_client)
    first = await Job.get(id=job_id)
    await asyncio.sleep(4.0)                        # well past the 1.5 s lease
    job = await Job.get(id=job_id)
    assert job.status == "running" and job.worker == first.worker and job.attempts == 1
    assert job.lease_until > first.lease_until      # renewed

    # a worker that died (its row still says running, nobody renews it)
    dead = await _job(status="running", attempts=1, worker="dead:1",
                      lease_until=utcnow() + timedelta(seconds=1.5))
    t0 = asyncio.get_running_loop().time()
    while (await Job.get(id=dead.id)).status == "running":
        assert asyncio.get_running_loop().time() - t0 < 5, "not re-queued within lease + sweep"
        await asyncio.sleep(0.1)
    await app[appkeys.services].worker.stop(timeout=0.1)
