"""``htdy serve`` with ``[server] workers = 2``: both workers answer on one port, a change
made through one worker is seen by the next request on the other (sibling cache
invalidation), parse jobs run exactly once (database queue), a killed worker is started
again, and SIGTERM to the supervisor ends every worker (one server start: seconds count). A real server process, real sockets, new connections per request (the
kernel hands each to either worker)."""
from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from htdy.core.http.workers import WorkerPlace, current

HTDY = str(Path(sys.executable).with_name("htdy"))


def call(base: str, method: str, path: str, body: Any = None, token: str | None = None,
         data: bytes | None = None, ctype: str | None = None) -> tuple[int, Any]:
    raw = json.dumps(body).encode() if body is not None else data
    req = urllib.request.Request(base + path, data=raw, method=method)
    req.add_header("Connection", "close")  # a new connection each time: either worker may take it
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if ctype:
        req.add_header("Content-Type", ctype)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, out = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, out = exc.code, exc.read()
    try:
        return status, json.loads(out) if out else None
    except ValueError:
        return status, out


@pytest.fixture
def server(tmp_path: Path) -> Any:
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f"""
[server]
port = 0
workers = 2
shutdown_timeout_s = 5
[database]
url = "sqlite://{tmp_path}/db.sqlite3"
auto_migrate = true
[auth]
secret_key = "{secrets.token_hex(32)}"
[node]
warm_pools = false
[parsing]
workers = 1
[logging]
level = "INFO"
[plugins.storage_backends.local]
root = "{tmp_path}/files"
[plugins.search_backends.embedded]
path = "{tmp_path}/search.sqlite3"
""")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HTDY_")}
    env["HTDY_DISABLE_ENTRYPOINTS"] = "1"
    log = tmp_path / "serve.log"
    fh = log.open("wb")
    proc = subprocess.Popen([HTDY, "-c", str(cfg), "serve"], stdout=fh, stderr=subprocess.STDOUT, env=env,
                            cwd=tmp_path, start_new_session=True)
    deadline = time.monotonic() + 90
    ports: set[str] = set()
    while time.monotonic() < deadline and len(re.findall(r"Running on http://127\.0\.0\.1:(\d+)", log.read_text())) < 2:
        assert proc.poll() is None, log.read_text()
        time.sleep(0.2)
    ports = set(re.findall(r"Running on http://127\.0\.0\.1:(\d+)", log.read_text()))
    assert len(ports) == 1, log.read_text()  # two workers, one port
    try:
        yield proc, f"http://127.0.0.1:{ports.pop()}", log
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        fh.close()


def workers_of(log: Path, route: str) -> set[int]:
    found = set()
    for line in log.read_text().splitlines():
        if line.startswith("{") and '"request"' in line:
            entry = json.loads(line)
            if entry.get("route") == route and "worker" in entry:
                found.add(int(entry["worker"]))
    return found


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_two_workers_share_one_port_changes_and_jobs_restart_and_stop_together(server: Any) -> None:
    proc, base, log = server
    workers = children(proc.pid)
    assert len(workers) == 2

    status, body = call(base, "POST", "/api/v1/auth/signup",
                        {"email": "w@example.org", "password": secrets.token_urlsafe(16), "name": "W"})
    assert status == 201, body
    token = body["token"]
    status, cv = call(base, "POST", "/api/v1/cvs", {"title": "CV", "resume": {"basics": {"name": "Ada"}}}, token)
    assert status == 201
    slug = f"ada-{secrets.token_hex(3)}"
    assert call(base, "PATCH", f"/api/v1/cvs/{cv['id']}", {"discoverable": True, "slug": slug}, token)[0] == 200

    # both workers read (and cache) the public profile…
    for _ in range(40):
        assert call(base, "GET", f"/api/v1/profiles/{slug}")[0] == 200
    assert workers_of(log, "/api/v1/profiles/{slug}") == {0, 1}
    # …and unpublishing it through one of them removes it from both at once
    assert call(base, "PATCH", f"/api/v1/cvs/{cv['id']}", {"discoverable": False}, token)[0] == 200
    assert [call(base, "GET", f"/api/v1/profiles/{slug}")[0] for _ in range(20)] == [404] * 20

    # parse jobs (database queue): every upload parsed exactly once, none lost
    jobs = []
    for i in range(6):
        text = f"Person {i} {uuid.uuid4().hex[:6]}\np{i}@example.org\n\nExperience\nEngineer, Co {i}, 2020 - 2021\n"
        boundary = uuid.uuid4().hex
        data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv{i}.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
        status, body = call(base, "POST", "/api/v1/uploads", data=data, token=token,
                            ctype=f"multipart/form-data; boundary={boundary}")
        assert status == 202, body
        jobs.append(body["job"]["id"])
    deadline, done = time.monotonic() + 120, {}
    while time.monotonic() < deadline and len(done) < len(jobs):
        for job_id in jobs:
            status, job = call(base, "GET", f"/api/v1/jobs/{job_id}", token=token)
            if status == 200 and job["status"] in ("done", "failed"):
                done[job_id] = job
        time.sleep(0.5)
    assert len(done) == len(jobs), f"not finished: {set(jobs) - set(done)}"
    assert all(j["status"] == "done" and j["attempts"] == 1 for j in done.values()), done
    assert len({j["result"]["cv_id"] for j in done.values()}) == len(jobs)
    status, listing = call(base, "GET", "/api/v1/cvs?limit=50", token=token)
    assert listing["total"] == len(jobs) + 1  # one CV per upload, and the first one

    # a worker that dies is started again, and the server keeps answering
    os.kill(workers[0], signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (len(children(proc.pid)) < 2 or workers[0] in children(proc.pid)
                                           or log.read_text().count("Running on") < 3):
        time.sleep(0.2)
    now = children(proc.pid)
    assert len(now) == 2 and workers[0] not in now and proc.poll() is None
    assert all(call(base, "GET", "/livez")[0] == 200 for _ in range(10))

    # SIGTERM to the supervisor ends both workers, gracefully
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(30) == 0
    for pid in now:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_worker_place_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTDY_WORKER", "1/2/4242")
    assert current() == WorkerPlace(1, 2, 4242)
    for bad in ("", "x", "0/1/5", "2/2/5", "1/2"):
        monkeypatch.setenv("HTDY_WORKER", bad)
        assert current() is None


async def test_sibling_caches_drop_what_another_worker_changed() -> None:
    import asyncio

    from htdy.core.http.workers.siblings import SiblingChannel
    from htdy.core.services.cache import LayeredCache
    from htdy.plugins.cache_tiers.memory import MemoryTier

    group = 4_000_000 + os.getpid()  # (a name no real supervisor has)
    a = LayeredCache([MemoryTier()], channel=SiblingChannel(WorkerPlace(0, 2, group)))
    b = LayeredCache([MemoryTier()], channel=SiblingChannel(WorkerPlace(1, 2, group)))
    await a.start()
    await b.start()
    try:
        await b.set("cv:1", {"title": "old"})
        assert await b.get("cv:1", shared=True) == {"title": "old"}
        assert await b.get("cv:1", shared=True) is await b.get("cv:1", shared=True)  # decoded once
        await a.delete("cv:1")  # sent before delete() returns…
        await asyncio.sleep(0.05)  # …and applied in b's reader callback
        assert await b.get("cv:1", shared=True) is None
        await a.set("slug:x", "1")
        await asyncio.sleep(0.05)
        await b.set("slug:x", "2")  # a write on one worker drops the other's copy
        await asyncio.sleep(0.05)
        assert await a.get("slug:x") is None and await b.get("slug:x") == "2"
    finally:
        await a.close()
        await b.close()


def test_hot_metrics_export_what_prometheus_client_would() -> None:
    from prometheus_client import CollectorRegistry, generate_latest

    from htdy.core.observability.hotmetrics import HotCounter, HotGauge, HotHistogram

    reg = CollectorRegistry()
    c = HotCounter("t_requests_total", "doc", ["route"], registry=reg)
    h = HotHistogram("t_seconds", "doc", ["route"], registry=reg, buckets=(0.01, 0.1, 1))
    g = HotGauge("t_in_flight", "doc", registry=reg)
    c.inc(("/a",))
    c.inc(("/a",), 2)
    for v in (0.005, 0.01, 0.05, 2.0):
        h.observe(("/a",), v)
    g.value = 3
    assert reg.get_sample_value("t_requests_total", {"route": "/a"}) == 3
    assert [reg.get_sample_value("t_seconds_bucket", {"route": "/a", "le": le}) for le in ("0.01", "0.1", "1.0", "+Inf")] \
        == [2, 3, 3, 4]  # an observation equal to a bound falls in that bucket
    assert reg.get_sample_value("t_seconds_count", {"route": "/a"}) == 4
    assert abs(reg.get_sample_value("t_seconds_sum", {"route": "/a"}) - 2.065) < 1e-9
    assert reg.get_sample_value("t_in_flight") == 3
    assert b'# TYPE t_requests_total counter' in generate_latest(reg)
