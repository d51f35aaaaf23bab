"""Observability behaviour: the metrics the alert rules use move with real work, the queue depth
counts the database (not the queue backend), job and render log lines carry the request id that
started them, across the HTTP render gateway as a ``traceparent``."""
from __future__ import annotations

import asyncio
import logging
import os
import uuid
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
import structlog
from prometheus_client.parser import text_string_to_metric_families
from tortoise.transactions import in_transaction

from htdy.core.host.testing import make_settings, port_open, skip_or_fail
from htdy.core.http import appkeys
from htdy.core.http.app import create_app
from htdy.core.models import Job
from htdy.core.observability import metrics
from htdy.core.observability.logging import configure_logging
from htdy.core.services import utcnow
from htdy.core.services.metrics_sampling import _db_pool

REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('HTDY_TEST_REDIS_DB', '11')}"


async def scrape(client: Any) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    resp = await client.get("/metrics")
    assert resp.status == 200
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for fam in text_string_to_metric_families(await resp.text()) for s in fam.samples}


def value(samples: dict[Any, float], name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    return sum(v for (n, ls), v in samples.items() if n == name and labels.items() <= dict(ls).items())


def form(data: bytes) -> aiohttp.FormData:
    fd = aiohttp.FormData()
    fd.add_field("file", data, filename="cv.bin", content_type="application/octet-stream")
    return fd


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Any:
    """structlog event dicts as the JSON renderer gets them (``event``, bound context…)."""
    configure_logging("INFO", "json")
    caplog.set_level(logging.INFO)

    def events(name: str) -> list[dict[str, Any]]:
        return [r.msg for r in caplog.records if isinstance(r.msg, dict) and r.msg.get("event") == name]
    yield events
    structlog.contextvars.clear_contextvars()


async def test_a_job_carries_the_request_id_and_is_measured(client, signup, wait_job, logs):
    a = await signup("obs@example.org")
    before = await scrape(client)
    rid = f"obs-{uuid.uuid4().hex[:8]}"
    resp = await client.post("/api/v1/uploads", data=form(b"Ada Lovelace\nada@example.org\nAnalyst\n"),
                             headers={**a["headers"], "X-Request-ID": rid})
    assert resp.status == 202
    job_id = (await resp.json())["job"]["id"]
    assert (await wait_job(a["headers"], job_id))["status"] == "done"
    assert (await Job.get(id=job_id)).payload["request_id"] == rid  # stored with the job

    # the worker writes its job line just after it marks the job done: wait for it
    for _ in range(100):
        line = next((e for e in logs("job") if e["id"] == job_id), None)
        if line is not None:
            break
        await asyncio.sleep(0.05)
    assert line is not None, "no job log line"
    assert line["request_id"] == rid and line["kind"] == "parse" and line["outcome"] == "done"
    assert line["attempts"] == 1 and line["worker"] and line["duration_ms"] > 0 and line["error_code"] is None
    after = await scrape(client)
    assert value(after, "htdy_job_latency_seconds_count", kind="parse", outcome="done") == \
        value(before, "htdy_job_latency_seconds_count", kind="parse", outcome="done") + 1
    for op in ("put", "get"):  # the upload stored the file, the worker read it back
        assert value(after, "htdy_storage_operations_total", backend="local", op=op, outcome="ok") > \
            value(before, "htdy_storage_operations_total", backend="local", op=op, outcome="ok")


async def test_a_failed_job_counts_its_error_code(client, signup, wait_job, logs):
    a = await signup("bad@example.org")
    before = await scrape(client)
    resp = await client.post("/api/v1/uploads", data=form(b"%PDF-1.4\n%%EOF\n"), headers=a["headers"])
    job = await wait_job(a["headers"], (await resp.json())["job"]["id"])
    assert job["status"] == "failed"
    code = job["error"]["code"]
    after = await scrape(client)
    key = {"kind": "parse", "code": code, "retry": "false"}
    assert value(after, "htdy_job_failures_total", **key) == value(before, "htdy_job_failures_total", **key) + 1
    assert value(after, "htdy_job_latency_seconds_count", kind="parse", outcome="failed") == \
        value(before, "htdy_job_latency_seconds_count", kind="parse", outcome="failed") + 1
    line = next(e for e in logs("job") if e["id"] == job["id"])
    assert line["outcome"] == "failed" and line["error_code"] == code
    # the file of the failed job was deleted through the storage service (and counted)
    assert value(after, "htdy_storage_operations_total", op="delete", outcome="ok") > \
        value(before, "htdy_storage_operations_total", op="delete", outcome="ok")


async def test_error_responses_are_counted_by_code(client):
    before = await scrape(client)
    assert (await client.get("/api/v1/me")).status == 401
    after = await scrape(client)
    assert value(after, "htdy_http_errors_total", status="401") == value(before, "htdy_http_errors_total",
                                                                          status="401") + 1


async def test_queue_depth_counts_the_database_not_the_queue_backend(tmp_path, database_url, aiohttp_client):
    """Jobs the queue backend never saw (a Redis restarted, say) still count: the row is the truth."""
    if not port_open("127.0.0.1", 6379):
        skip_or_fail("Redis is not running on 127.0.0.1:6379")
    prefix = f"htdy-obs-{uuid.uuid4().hex[:8]}:"
    settings = make_settings(tmp_path, database_url=database_url, node={"roles": ["api"]},
                             queue={"backend": "redis"},
                             plugins={"queue_backends": {"redis": {"url": REDIS_URL, "prefix": prefix}}})
    client = await aiohttp_client(create_app(settings))
    now = utcnow()
    for _ in range(3):
        await Job.create(kind="parse", available_at=now)
    await Job.create(kind="parse", status="running", available_at=now, worker="gone:1",
                     lease_until=now - timedelta(seconds=30))
    await Job.create(kind="parse", status="running", available_at=now, worker="alive:1",
                     lease_until=now + timedelta(seconds=30))
    samples = await scrape(client)
    assert value(samples, "htdy_queue_depth", kind="parse") == 3
    assert value(samples, "htdy_queue_backend_depth", kind="parse") == 0  # Redis holds none of them
    assert value(samples, "htdy_jobs_lease_expired", kind="parse") == 1
    assert value(samples, "htdy_jobs", kind="parse", status="running") == 2


async def test_db_pool_gauges_follow_connections_in_use(tmp_path, database_url, aiohttp_client):
    settings = make_settings(tmp_path, database_url=database_url, node={"roles": ["api"]},
                             database={"pool_max": 7})
    client = await aiohttp_client(create_app(settings))
    postgres = database_url.startswith("postgres")
    idle = await scrape(client)
    assert value(idle, "htdy_db_pool_size") == (7 if postgres else 1)
    name = "postgres" if postgres else "sqlite"
    async with in_transaction():  # holds a connection (SQLite: its only one) while the pool is sampled
        await _db_pool(client.app[appkeys.services])  # (what /metrics runs first)
        in_use = metrics.REGISTRY.get_sample_value("htdy_db_pool_in_use", {"connection": name})
    assert in_use == value(idle, "htdy_db_pool_in_use", connection=name) + 1
    after = await scrape(client)
    assert value(after, "htdy_db_pool_in_use", connection=name) == value(idle, "htdy_db_pool_in_use",
                                                                         connection=name)
