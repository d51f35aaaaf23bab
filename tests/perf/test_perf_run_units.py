"""Fast checks of ``htdy perf run``'s parts: the open-loop schedule split over generator
processes, latency timed from the schedule, INVALID runs, verdict rules, spike recovery,
unique upload documents and the loopback guard."""
from __future__ import annotations

import asyncio
import io
import math
import zipfile
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp import web
from click.testing import CliRunner

from htdy.perf.harness import analysis, generator, seed, verdict
from htdy.perf.harness import hist as H
from htdy.perf.harness.fixtures import unique_variant


def test_workers_share_one_schedule_exactly() -> None:
    segs = [(2.0, 50.0), (1.0, 150.0)]          # base → 3× for the spike's first two thirds
    one = [t for t, _ in generator.schedule("s", segs, 0, 1)]
    parts = [[t for t, _ in generator.schedule("s", segs, w, 3)] for w in range(3)]
    assert len(one) == 250 == generator.planned(segs)
    assert sorted(t for p in parts for t in p) == one            # same instants, none twice
    assert {len(p) for p in parts} <= {83, 84}
    assert sum(t < 2.0 for t in one) == 100 and sum(t >= 2.0 for t in one) == 150
    assert all(0 <= a < b for a, b in zip(one, one[1:], strict=False))


def test_a_stream_too_slow_for_the_repeat_still_sends_once() -> None:
    assert [t for t, _ in generator.schedule("upload_5m", [(3.0, 0.01)], 0, 2)] == [1.5]
    assert list(generator.schedule("upload_5m", [(3.0, 0.01)], 1, 2)) == []
    assert generator.planned([(3.0, 0.01)]) == 1


def test_scenario_profiles_follow_the_seed() -> None:
    assert [(s.seconds, s.multiplier) for s in seed.profile("spike", 30)] == [(10, 1), (10, 3), (10, 1)]
    assert seed.profile("peak", 20)[0].multiplier == 3 and seed.profile("stress", 20)[0].multiplier == 5
    api = sum(seed.stream_rate(s, 1.0, 1.0) for s in seed.STREAMS if s.service == "api")
    parse = sum(seed.stream_rate(s, 1.0, 1.0) for s in seed.STREAMS if s.service == "parse")
    render = sum(seed.stream_rate(s, 1.0, 1.0) for s in seed.STREAMS if s.service == "render")
    assert (api, parse, render) == pytest.approx((1000, 10, 20))
    assert sum(seed.stream_rate(s, 3.0, 0.1) for s in seed.STREAMS if s.service == "api") == pytest.approx(300)


@pytest.fixture
async def stalling_server() -> AsyncIterator[str]:
    """Answers at once, except that it stalls every request for 0.4 s after the first 0.5 s."""
    t0: list[float] = []

    async def handler(request: web.Request) -> web.Response:
        now = asyncio.get_running_loop().time()
        t0.append(t0[0] if t0 else now)
        if 0.5 <= now - t0[0] < 0.9:
            await asyncio.sleep(0.9 - (now - t0[0]))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def test_engine_times_from_the_schedule_and_records_each_second(stalling_server: str) -> None:
    spec = {"base": stalling_server, "worker": 0, "workers": 1, "streams": {"hello": [(2.0, 100.0)]}, "data": None,
            "docs": {}, "connections": 4, "timeout_s": 5.0, "slow_timeout_s": 5.0, "parse_timeout_s": 1.0}
    ready = SimpleNamespace(wait=lambda: None)
    start = SimpleNamespace(value=0.0)

    async def go() -> dict[str, Any]:
        task = asyncio.create_task(generator.engine(spec, ready, start))
        await asyncio.sleep(0.05)
        start.value = __import__("time").monotonic() + 0.05
        return await task
    res = await go()
    rep = analysis.summarise([res], spec["streams"], [seed.Segment(2.0, 1.0)])
    s = rep["streams"]["hello"]
    assert s["ok"] == 200 and s["errors"] == {}
    # requests scheduled during the 0.4 s stall waited for it: the median is small, the tail is not
    assert s["percentiles"]["p50"] < 100 and s["percentiles"]["p99"] > 250
    assert [row["ok"] for row in s["series"]] == [100, 100]
    assert s["series"][0]["p99"] > 250 > s["series"][1]["p50"]
    assert H.decode(s["hist"]).get_total_count() == 200
    assert rep["generator"]["workers"] == 1 and "p99" in rep["generator"]["send_lag_ms"]


def _worker(lag_ms: float, cpu: float) -> dict[str, Any]:
    lag = H.new_histogram()
    for _ in range(100):
        lag.record_value(int(lag_ms * 1000) or 1)
    return {"lag": H.encode(lag), "sending_s": 10.0, "cpu_sending_s": 10.0 * cpu, "lag_per_s": {}, "cpu_per_s": {}}


def test_a_late_or_saturated_generator_makes_the_repeat_invalid() -> None:
    assert analysis.generator_health([_worker(2, 0.3)], 10)["valid"]
    late = analysis.generator_health([_worker(8, 0.3)], 10)           # late as a rule
    assert not late["valid"] and "send lag P50" in late["invalid_reasons"][0]
    jitter = analysis.generator_health([_worker(1, 0.3)] * 9 + [_worker(40, 0.3)], 10)   # a tail of 40 ms
    assert jitter["valid"] and "send lag P99" in jitter["notes"][0]
    stall = analysis.generator_health([_worker(1, 0.3)] * 9 + [_worker(150, 0.3)], 10, read_p99=200.0)
    assert not stall["valid"] and "stalled" in stall["invalid_reasons"][0]
    # the same stalls next to a target whose reads take seconds: they cannot change its verdict
    slow = analysis.generator_health([_worker(1, 0.3)] * 9 + [_worker(150, 0.3)], 10, read_p99=2000.0)
    assert slow["valid"] and "small next to the read P99" in slow["notes"][0]
    busy = analysis.generator_health([_worker(1, 0.3), _worker(1, 0.97)], 10)
    assert not busy["valid"] and "process 1" in busy["invalid_reasons"][0]


def _rep(read_p95: float, read_p99: float, api_ratio: float = 1.0, valid: bool = True,
         errors: int = 0) -> dict[str, Any]:
    return {"groups": {"api_read": {"percentiles": {"p95": read_p95, "p99": read_p99}}},
            "services": {"api": {"offered_rate": 100.0, "achieved_rate": 100.0 * api_ratio}},
            "streams": {"read_own_cv": {"ok": 1000 - errors, "errors": {"HTTP 429": errors} if errors else {}}},
            "generator": {"valid": valid}}


def _rows(reps: list[dict[str, Any]]) -> dict[str, verdict.Row]:
    rows = verdict.scenario_rows({"scenario": "base", "segments": [[10, 1.0, "base"]], "repeats": reps})
    return {r.target: r for r in rows}


def test_verdicts_use_the_median_and_flag_unstable_repeats() -> None:
    rows = _rows([_rep(20, 40), _rep(25, 60), _rep(30, 90)])
    assert rows["§1.1 API read operations P95"].verdict == "PASS"
    assert rows["§1.1 API read operations P95"].measured() == "25.0 ms [20.0 ms–30.0 ms]"
    rows = _rows([_rep(150, 300), _rep(180, 400), _rep(260, 700)])     # one repeat over the target
    assert rows["§1.1 API read operations P95"].verdict == "WARN"
    assert rows["§1.1 API read operations P99"].verdict == "WARN"
    rows = _rows([_rep(250, 600), _rep(300, 900), _rep(150, 400)])     # the median misses it
    assert rows["§1.1 API read operations P95"].verdict == "FAIL"
    assert rows["§6.2 API latency alert (P95, reads)"].verdict == "PASS"  # < 500 ms


def test_throughput_and_error_verdicts() -> None:
    api = "§1.2 API servers (1.0× baseline × scale)"
    assert _rows([_rep(5, 9, 0.995)] * 3)[api].verdict == "PASS"
    assert _rows([_rep(5, 9, 0.95)] * 3)[api].verdict == "WARN"
    assert _rows([_rep(5, 9, 0.5)] * 3)[api].verdict == "FAIL"
    assert _rows([_rep(5, 9, errors=20)] * 3)["§6.2 Error rate (all streams)"].verdict == "WARN"   # 2 %
    assert _rows([_rep(5, 9, errors=80)] * 3)["§6.2 Error rate (all streams)"].verdict == "FAIL"  # 8 %


def test_mostly_invalid_repeats_give_no_verdict() -> None:
    rows = _rows([_rep(5, 9, valid=False), _rep(5, 9, valid=False), _rep(5, 9)])
    assert {r.verdict for r in rows.values()} == {"INVALID"}
    assert "verdict would be PASS" in rows["§1.1 API read operations P95"].note


def test_spike_recovery_is_measured_after_the_spike() -> None:
    p95 = [5.0] * 10 + [80.0] * 10 + [60.0, 40.0, 9.0, 8.0, 7.0, 6.0, 5.0, 5.0, 5.0, 5.0]
    rep = {"segments": [[10, 1, "base"], [10, 3, "spike"], [10, 1, "after"]], "groups": {"api_read": {"p95_per_s": p95}}}
    out = analysis.spike_recovery(rep)
    assert out["recovered"] and out["pre_p95_ms"] == 5.0 and out["threshold_ms"] == 10.0
    assert out["recovery_s"] == 5.0          # rolling 3 s window all ≤ 10 ms from second 22..24
    rep["groups"]["api_read"]["p95_per_s"] = p95[:20] + [80.0] * 10
    assert not analysis.spike_recovery(rep)["recovered"]


def test_uploads_are_unique_but_still_valid_documents() -> None:
    import docx

    from htdy.perf.harness.fixtures import make_docx

    d = make_docx(60_000)
    a, b = unique_variant(d, "docx", b"a" * 16), unique_variant(d, "docx", b"b" * 16)
    assert a != b and len(a) == len(d) + 16
    assert zipfile.ZipFile(io.BytesIO(a)).testzip() is None
    assert "Perf Tester" in docx.Document(io.BytesIO(a)).paragraphs[0].text
    pdf = unique_variant(b"%PDF-1.7\n...%%EOF\n", "pdf", b"x" * 16)
    assert pdf.startswith(b"%PDF") and pdf.endswith(b"\n") and b"%%EOF" in pdf


def test_percentiles_come_from_the_histogram() -> None:
    h = H.new_histogram()
    for v in range(1, 10_001):
        h.record_value(v * 1000)     # 1 … 10,000 ms
    p = H.percentiles_ms(h)
    assert p["p50"] == pytest.approx(5000, rel=1e-3) and p["p99"] == pytest.approx(9900, rel=1e-3)
    assert p["p0"] == pytest.approx(1, rel=1e-3) and p["p100"] == pytest.approx(10_000, rel=1e-3)
    assert math.isnan(H.percentiles_ms(H.new_histogram())["p50"])


def test_a_remote_target_needs_confirmation() -> None:
    from htdy.core.commands.cli import _load_commands, cli
    _load_commands()
    result = CliRunner().invoke(cli, ["perf", "run", "--target", "http://192.0.2.1:8080"])
    assert result.exit_code == 2 and "--allow-remote" in result.output
    result = CliRunner().invoke(cli, ["perf", "run", "--target", "http://127.0.0.1:9", "--scenario", "soak"])
    assert result.exit_code == 2 and "unknown scenario soak" in result.output


def _seed_text() -> str:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "shared" / "seed"
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "Performance Standards and Scaling Strategy" in text:
            return text
    pytest.skip("../shared/seed is not beside the repository")


def test_harness_targets_are_the_seeds_tables() -> None:
    """§1.1, §1.2 and §6.2 as the seed states them (a changed seed fails here, not silently)."""
    import re

    text = _seed_text()

    def row(label: str, section: str = "### 1.1") -> list[str]:
        m = re.search(r"^\|\s*" + re.escape(label) + r"\s*\|(.*)$", text[text.index(section):], re.M)
        assert m, label
        return [c.strip() for c in m.group(1).split("|")]

    def secs(cell: str) -> float:
        m = re.search(r"([0-9.]+)\s*(ms|s)\b", cell)
        assert m, cell
        return float(m.group(1)) * (1 if m.group(2) == "ms" else 1000)

    for label, key in (("API Read Operations", "api_read"), ("API Write Operations", "api_write"),
                       ("File Upload (per MB)", "upload"), ("CV Parsing Operations", "parse"),
                       ("Complex Data Processing", "analytics"), ("Template Rendering", "render")):
        cells = row(label)
        assert (secs(cells[0]), secs(cells[1])) == (seed.RESPONSE[key].p95, seed.RESPONSE[key].p99), label
    rate = {label: float(row(label, "### 1.2")[0].split()[0].replace(",", ""))
            for label in ("API Servers", "CV Parser", "Template Rendering")}
    assert rate == {"API Servers": seed.BASE_API_RPS, "CV Parser": seed.BASE_PARSES_PER_S,
                    "Template Rendering": seed.BASE_RENDERS_PER_S}
    assert float(row("API Servers", "### 1.2")[1].split()[0].replace(",", "")) == seed.PEAK_API_RPS
    assert "Peak load: 3x" in text and "Stress test: 5x" in text
    assert "API latency > 500ms (P95): Warning" in text and "API latency > 1s (P95): Critical" in text
    assert "Error rate > 1%: Warning" in text and "Error rate > 5%: Critical" in text
    assert "JavaScript bundle: max 300KB" in text and "CSS: max 50KB" in text


@pytest.fixture
async def etag_api() -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """One CV with a revision ETag; ``state["slow"]`` makes the next PATCH apply, then hang."""
    state: dict[str, Any] = {"rev": 1, "slow": False, "statuses": []}

    async def get(request: web.Request) -> web.Response:
        return web.json_response({}, headers={"ETag": f'"cv1-{state["rev"]}"'})

    async def patch(request: web.Request) -> web.Response:
        if request.headers.get("If-Match") != f'"cv1-{state["rev"]}"':
            state["statuses"].append(412)
            return web.json_response({}, status=412)
        state["rev"] += 1
        state["statuses"].append(200)
        if state.pop("slow", False):
            await asyncio.sleep(1.0)
        return web.json_response({}, headers={"ETag": f'"cv1-{state["rev"]}"'})

    app = web.Application()
    app.router.add_get("/api/v1/cvs/cv1", get)
    app.router.add_patch("/api/v1/cvs/cv1", patch)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}", state
    finally:
        await runner.cleanup()


async def test_a_write_that_timed_out_is_reread_before_the_next(etag_api: tuple[str, dict[str, Any]]) -> None:
    import aiohttp

    from htdy.perf.harness import senders

    base, state = etag_api
    cv = senders.WriteCV("cv1", "tok", '"cv1-1"', {"basics": {"summary": ""}})
    ctx = senders.Context(base=base, owners=[], stable=[], slugs=[], writes=[cv], docs={}, timeout_s=1,
                          parse_timeout_s=1)
    async with aiohttp.ClientSession() as session:
        assert (await senders.write_cv_update(session, ctx)).error is None and cv.etag == '"cv1-2"'
        state["slow"] = True                      # applied by the target, but the client gives up
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await senders.write_cv_update(session, ctx)
        assert cv.stale
        assert (await senders.write_cv_update(session, ctx)).error is None    # re-read, not a 412
    assert state["statuses"] == [200, 200, 200] and state["rev"] == 4


async def test_each_repeat_sends_new_uncached_render_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Repeats build their worker's context from the same spec; with a fixed seed every repeat
    asked for the same (CV, accent) renders, all cache hits after the first repeat."""
    from htdy.perf.harness import senders

    urls: list[str] = []

    async def fake_get(session: Any, url: str, headers: Any) -> senders.Outcome:
        urls.append(url)
        return senders.Outcome(None)

    monkeypatch.setattr(senders, "_get", fake_get)
    users = [{"token": f"t{u}", "cvs": [{"id": f"cv{u}-{c}", "etag": '"1"', "slug": f"s{u}{c}"} for c in range(2)]}
             for u in range(3)]
    spec = {"data": {"users": users}, "docs": {}, "base": "http://127.0.0.1:1", "timeout_s": 1,
            "parse_timeout_s": 1, "worker": 0, "workers": 1}
    repeats = []
    for _ in range(2):
        ctx = generator._context(spec)
        urls.clear()
        for _ in range(20):
            await senders.render_uncached(None, ctx)  # type: ignore[arg-type]
        repeats.append(set(urls))
    assert len(repeats[0]) == 20 and not repeats[0] & repeats[1]
