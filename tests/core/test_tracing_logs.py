"""Request ids across nodes and the log stream: the HTTP render gateway sends the request id as
``X-Request-ID`` and a W3C ``traceparent`` and the renderer node logs its render line under it;
cache reads are counted per tier; ``htdy serve`` with JSON logs writes nothing but JSON lines."""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
import structlog
from aiohttp import web

from htdy.core.host.config import settings_from_dict
from htdy.core.observability import metrics
from htdy.core.observability.logging import configure_logging
from htdy.core.observability.tracing import parse_traceparent, trace_id_for, traceparent
from htdy.core.services.cache import LayeredCache
from htdy.plugins.cache_tiers.memory import MemoryTier

SECRET = "tracing-test-secret-0123456789abcdefghijklmnop"
HTDY = str(Path(sys.executable).with_name("htdy"))
RESUME = {"basics": {"name": "Ada Lovelace", "email": "ada@example.org"}}


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Any:
    configure_logging("INFO", "json")
    caplog.set_level(logging.INFO)

    def events(name: str) -> list[dict[str, Any]]:
        return [r.msg for r in caplog.records if isinstance(r.msg, dict) and r.msg.get("event") == name]
    yield events
    structlog.contextvars.clear_contextvars()


def test_traceparent_round_trip() -> None:
    rid = uuid.uuid4().hex
    header = traceparent(rid)
    assert parse_traceparent(header) == (rid, header.split("-")[2])
    other = trace_id_for("req-42")  # not a 32-hex id: hashed to one, stably
    assert len(other) == 32 and int(other, 16) and other == trace_id_for("req-42")
    for bad in ("", "00-" + "0" * 32 + "-" + "1" * 16 + "-01", "01-" + rid + "-" + "1" * 16 + "-01",
                "00-" + rid + "-xyz-01"):
        assert parse_traceparent(bad) is None


async def test_the_render_gateway_carries_the_request_id_to_the_renderer_node(aiohttp_server: Any, logs: Any):
    from htdy.core.http.middlewares import request_context
    from htdy.core.services.rendering.service import RenderService, internal_routes

    node = RenderService(settings_from_dict({"auth": {"secret_key": SECRET}}, environ={}), mode="inprocess")
    app = web.Application(middlewares=[request_context])
    app.add_routes(internal_routes(node))
    server = await aiohttp_server(app)
    api = RenderService(settings_from_dict({"rendering": {"gateway": "http", "renderer_url": str(server.make_url("/"))},
                                            "auth": {"secret_key": SECRET}}, environ={}))
    rid = uuid.uuid4().hex
    structlog.contextvars.bind_contextvars(request_id=rid)
    out = await api.render(RESUME, template_id="classic", fmt="md")
    structlog.contextvars.unbind_contextvars("request_id")
    assert out.content.startswith(b"# Ada")
    lines = [e for e in logs("render") if e.get("request_id") == rid]
    node_line = next(e for e in lines if e["mode"] == "inprocess")
    api_line = next(e for e in lines if e["mode"] == "http")
    assert node_line["trace_id"] == rid and len(node_line["parent_id"]) == 16  # from the traceparent
    assert node_line["outcome"] == api_line["outcome"] == "ok" and node_line["format"] == "md"
    assert api_line["duration_ms"] >= node_line["duration_ms"] > 0
    access = next(e for e in logs("request") if e.get("request_id") == rid)
    assert access["route"] == "/internal/render" and access["trace_id"] == rid


class DownTier(MemoryTier):
    name = "down"
    remote = True

    async def get(self, key: str) -> bytes | None:
        raise ConnectionError("down")


def _count(tier: str, result: str) -> float:
    return metrics.REGISTRY.get_sample_value("htdy_cache_lookups_total", {"tier": tier, "result": result}) or 0.0


async def test_cache_reads_are_counted_per_tier_and_the_breaker_state_is_exported() -> None:
    from htdy.core.services.metrics_sampling import _cache_breakers

    cache = LayeredCache([MemoryTier(), DownTier()], breaker_cooldown=60)
    before = {(t, r): _count(t, r) for t in ("memory", "down") for r in ("hit", "miss", "unavailable")}
    assert await cache.get("k") is None          # memory misses, the remote tier fails (breaker opens)
    await cache.set("k", {"v": 1})
    assert await cache.get("k") == {"v": 1}      # memory hit: the remote tier is not asked
    delta = {k: _count(*k) - v for k, v in before.items()}
    assert delta[("memory", "miss")] == 1 and delta[("memory", "hit")] == 1
    assert delta[("down", "unavailable")] == 1 and delta[("down", "hit")] == delta[("down", "miss")] == 0
    await _cache_breakers(type("Svc", (), {"cache": cache})())
    assert metrics.REGISTRY.get_sample_value("htdy_cache_breaker_open", {"tier": "down"}) == 1
    assert metrics.REGISTRY.get_sample_value("htdy_cache_breaker_open", {"tier": "memory"}) == 0


def test_serve_with_json_logs_writes_only_json_lines(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f'[database]\nurl = "sqlite://{tmp_path}/db.sqlite3"\nauto_migrate = true\n'
                   '[node]\nwarm_pools = false\n[logging]\nformat = "json"\n'
                   f'[plugins.search_backends.embedded]\npath = "{tmp_path}/s.sqlite3"\n'
                   f'[plugins.storage_backends.local]\nroot = "{tmp_path}/files"\n')
    env = dict(os.environ, HTDY_DISABLE_ENTRYPOINTS="1", PYTHONWARNINGS="always")
    env.pop("HTDY_CONFIG", None)
    proc = subprocess.Popen([HTDY, "-c", str(cfg), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/me", timeout=2):
                    pass
            except urllib.error.HTTPError as exc:
                assert exc.code == 401
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "htdy serve did not start"
                time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    lines = [line for line in err.splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is a JSON object
    assert any(r["event"] == "listening" and str(port) in r["detail"] for r in records)
    assert any(r["event"] == "request" and r["status"] == 401 for r in records)
