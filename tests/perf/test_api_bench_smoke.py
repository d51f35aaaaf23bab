"""Fast checks of the perf harness: the open-loop generator measures latency from the
scheduled send time (so queueing behind a slow server shows), its NAME=value output format,
and the wrk output parser of ``htdy perf api``."""
from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from htdy.perf import api_bench, loadgen

LINE = re.compile(r"^[A-Z][A-Z0-9_]*=(-?[0-9.]+|nan)$")


@pytest.fixture
async def slow_server() -> AsyncIterator[str]:
    """A handler that takes 50 ms: 20 req/s is all one connection can carry."""
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return web.Response(text="ok")

    async def fast(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/slow", handler)
    app.router.add_get("/fast", fast)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_open_loop_counts_queueing_from_the_schedule(slow_server: str) -> None:
    # 40 req/s offered to a 20 req/s server over one connection for 1 s: request n waits for
    # the n-1 before it, so latency grows to ~0.5 s. A closed-loop tool would report ~50 ms.
    res = await loadgen.run_open_loop(f"{slow_server}/slow", rate=40, duration_s=1.0, connections=1,
                                      timeout_s=5.0)
    assert res.sent == 40 and res.errors == 0 and res.ok == 40
    assert res.latencies_ms == sorted(res.latencies_ms)
    assert res.p(50) > 150, res.latencies_ms          # median request queued ~10 service times
    assert res.p(99) > 600, res.latencies_ms          # the last ones waited ~40 × 50 ms − 1 s
    assert res.latencies_ms[0] >= 45                  # nobody is faster than the handler
    assert res.achieved_rate < 30                     # the server, not the schedule, set the pace


async def test_open_loop_keeps_the_rate_when_the_server_keeps_up(slow_server: str) -> None:
    res = await loadgen.run_open_loop(f"{slow_server}/fast", rate=200, duration_s=1.0, connections=16)
    assert res.sent == 200 and res.errors == 0
    assert 150 <= res.achieved_rate <= 210
    assert res.p(50) < 50


async def test_open_loop_output_format(slow_server: str) -> None:
    res = await loadgen.run_open_loop(f"{slow_server}/fast", rate=50, duration_s=0.5, connections=4)
    lines = res.lines("OPEN_LOOP_50")
    assert lines and all(LINE.match(ln) for ln in lines), lines
    names = [ln.split("=")[0] for ln in lines]
    for want in ("TARGET_RPS", "ACHIEVED_RPS", "P50_MS", "P95_MS", "P99_MS", "ERRORS"):
        assert f"OPEN_LOOP_50_{want}" in names


async def test_open_loop_counts_errors(slow_server: str) -> None:
    res = await loadgen.run_open_loop(f"{slow_server}/missing", rate=50, duration_s=0.2, connections=4)
    assert res.errors == res.sent == 10 and res.ok == 0
    assert res.error_samples == {"HTTP 404": 10}


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert loadgen.percentile(values, 50) == 50
    assert loadgen.percentile(values, 99) == 99
    assert loadgen.percentile(values, 100) == 100
    assert loadgen.percentile([], 50) != loadgen.percentile([], 50)   # NaN


WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41234/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    1.20ms  30.71ms   90.12%
    Req/Sec     6.30k   412.55     7.01k    71.00%
  Latency Distribution
     50%    4.90ms
     75%    5.40ms
     90%    6.10ms
     99%   11.53ms
  125431 requests in 10.01s, 18.66MB read
  Non-2xx or 3xx responses: 12
Requests/sec:  12530.81
Transfer/sec:      1.86MB
"""


def test_wrk_output_parser() -> None:
    r = loadgen.parse_wrk(WRK_OUTPUT)
    assert r.rps == pytest.approx(12530.81)
    assert r.percentiles_ms == {50: 4.9, 75: 5.4, 90: 6.1, 99: 11.53}
    assert r.requests == 125431 and r.non_2xx == 12 and r.socket_errors == 0
    slow = loadgen.parse_wrk(WRK_OUTPUT.replace("11.53ms", "1.20s").replace("4.90ms", "850.00us")
                               + "  Socket errors: connect 0, read 3, write 0, timeout 7\n")
    assert slow.percentiles_ms[99] == 1200 and slow.percentiles_ms[50] == 0.85
    assert slow.socket_errors == 10


def test_only_loopback_is_ever_loaded() -> None:
    with pytest.raises(SystemExit):
        loadgen.main(["http://192.0.2.1/", "--rate", "1", "--duration", "0.1"])


@pytest.fixture
async def contract_api() -> AsyncIterator[tuple[str, list[tuple[str, str, object]]]]:
    """Just enough of docs/api-contract.md to check the benchmark's set-up calls."""
    calls: list[tuple[str, str, object]] = []

    async def signup(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append(("POST", request.path, body))
        assert {"email", "password", "name"} <= set(body)
        return web.json_response({"user": {"id": "u1", "email": body["email"], "name": body["name"]},
                                  "token": "tok-1"}, status=201)

    async def create(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append(("POST", request.path, body))
        assert request.headers["Authorization"] == "Bearer tok-1"
        assert body["resume"]["basics"]["name"]
        return web.json_response({"id": "cv1", "title": body["title"], "current_version": 1}, status=201)

    async def patch(request: web.Request) -> web.Response:
        body = await request.json()
        calls.append(("PATCH", request.path, body))
        assert request.headers["Authorization"] == "Bearer tok-1"
        return web.json_response({"id": "cv1", **body})

    app = web.Application()
    app.router.add_post("/api/v1/auth/signup", signup)
    app.router.add_post("/api/v1/cvs", create)
    app.router.add_patch("/api/v1/cvs/{id}", patch)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}", calls
    finally:
        await runner.cleanup()


async def test_seed_data_follows_the_contract(contract_api: tuple[str, list[tuple[str, str, object]]]) -> None:
    base, calls = contract_api
    token, cv_id, slug = await asyncio.to_thread(api_bench.seed_data, base)
    assert (token, cv_id) == ("tok-1", "cv1")
    assert [c[:2] for c in calls] == [("POST", "/api/v1/auth/signup"), ("POST", "/api/v1/cvs"),
                                      ("PATCH", "/api/v1/cvs/cv1")]
    assert calls[2][2] == {"discoverable": True, "slug": slug}
    assert re.fullmatch(r"[a-z0-9-]+", slug)


def test_perf_api_is_registered() -> None:
    from click.testing import CliRunner

    from htdy.core.commands.cli import _load_commands, cli
    _load_commands()
    result = CliRunner().invoke(cli, ["perf", "api", "--help"])
    assert result.exit_code == 0, result.output
    for opt in ("--duration", "--connections", "--keep-server", "--rates"):
        assert opt in result.output


def test_plot_writes_a_png(tmp_path: object) -> None:
    from pathlib import Path
    out = Path(str(tmp_path)) / "api.png"
    wrk = loadgen.parse_wrk(WRK_OUTPUT)
    ol = loadgen.OpenLoopResult(url="u", target_rate=500, duration_s=1, connections=1, ok=3,
                                elapsed_s=1.0, latencies_ms=[1.0, 2.0, 3.0])
    assert api_bench.plot(out, {"hello": wrk, "cv_get": wrk}, {"cv_get@500": ol})
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
