"""The open-loop, multi-stream, multi-process load generator of ``htdy perf run``.

Every stream has a fixed schedule (``t0 + i / rate`` within each segment of the scenario's
profile) made before the run, whatever the target does; request *i* is timed from its
scheduled moment to its last byte, so a stalled target or a generator that fell behind
shows as latency (no coordinated omission — see ``htdy.perf.loadgen``). With N generator
processes, process *w* sends the requests *i* with ``i % N == w`` of each stream: together
they keep the one schedule, each on its own core.

Each process measures itself: how late it fired each request (send lag, a histogram), and
its CPU time per second. The parent calls the run INVALID when the lag or the CPU says the
generator, not the target, set the pace (``htdy.perf.harness.analysis``)."""
from __future__ import annotations

import asyncio
import heapq
import multiprocessing
import queue
import random
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp

from htdy.perf.harness import seed
from htdy.perf.harness import senders as rq
from htdy.perf.harness.hist import Recorder, encode, new_histogram
from htdy.perf.instance_gen import resume_for

MAX_IN_FLIGHT = 20_000


def grace_s(stream: str) -> float:
    """How long after the load window a completion still counts as throughput: the stream's
    §1.1 P95 target (a request answered within its target is served, one answered later is
    backlog)."""
    try:
        target = seed.RESPONSE[seed.stream(stream).target]
    except KeyError:
        return seed.RESPONSE["api_read"].p95 / 1000.0
    return (target.p95 if target.unit == "ms" else target.p95 * 5) / 1000.0   # uploads: ms/MB × 5 MB


def planned(rate_by_segment: list[tuple[float, float]]) -> int:
    """How many requests a stream's schedule holds (at least one)."""
    return max(1, sum(round(r * s) for s, r in rate_by_segment))


def schedule(stream: str, rate_by_segment: list[tuple[float, float]], worker: int, workers: int
             ) -> Iterator[tuple[float, str]]:
    """Offsets (s from t0) of this worker's share of one stream. ``rate_by_segment``:
    ``[(seconds, rate)]``. A stream with no request at all in the repeat gets one, in the
    middle (tiny ``--scale`` values still exercise every stream)."""
    if sum(round(r * s) for s, r in rate_by_segment) == 0:
        if worker == 0:
            yield sum(s for s, _ in rate_by_segment) / 2.0, stream
        return
    phase = (zlib.crc32(stream.encode()) % 1000) / 1000.0   # streams do not all fire at t0 together
    start = 0.0
    i = 0
    for seconds, rate in rate_by_segment:
        n = round(rate * seconds)
        for k in range(n):
            if i % workers == worker:
                yield start + (k + phase) * seconds / n, stream
            i += 1
        start += seconds


def _context(spec: dict[str, Any]) -> rq.Context:
    data = spec["data"]
    owners = [(u["token"], cv["id"]) for u in data["users"] for cv in u["cvs"]]
    stable = [(u["token"], u["cvs"][0]["id"]) for u in data["users"]]
    editable = [(u, cv) for u in data["users"] for cv in u["cvs"][1:]] or [(u, u["cvs"][0]) for u in data["users"]]
    mine = [e for i, e in enumerate(editable) if i % spec["workers"] == spec["worker"]] or editable[:1]
    writes = [rq.WriteCV(cv["id"], u["token"], cv["etag"], resume_for(i, 1, random.Random(i)))
              for i, (u, cv) in enumerate(mine)]
    docs = {name: {k: Path(p).read_bytes() for k, p in kinds.items()} for name, kinds in spec["docs"].items()}
    return rq.Context(base=spec["base"], owners=owners, stable=stable,
                      slugs=[cv["slug"] for u in data["users"] for cv in u["cvs"]], writes=writes, docs=docs,
                      timeout_s=spec["timeout_s"], parse_timeout_s=spec["parse_timeout_s"],
                      # a fresh seed per repeat: a fixed one sent the same "uncached" render keys
                      # (CV, accent colour) every repeat, so repeats after the first hit the cache
                      rng=random.Random())


async def engine(spec: dict[str, Any], ready: Any, start: Any) -> dict[str, Any]:
    """Run one worker's share of the schedule; returns its recorders, lag and CPU."""
    ctx = _context(spec) if spec.get("data") else rq.Context(
        base=spec["base"], owners=[], stable=[], slugs=[], writes=[], docs={},
        timeout_s=spec["timeout_s"], parse_timeout_s=spec["parse_timeout_s"])
    streams: dict[str, list[tuple[float, float]]] = spec["streams"]
    window = max(sum(sec for sec, _ in segs) for segs in streams.values())
    recs = {name: Recorder(window + grace_s(name)) for name in streams}
    if any(n.startswith("upload_") for n in streams):
        recs["parse"] = Recorder(window + grace_s("parse"))
    lag = new_histogram()
    lag_per_s: dict[int, float] = {}
    cpu_per_s: dict[int, float] = {}
    in_flight: set[asyncio.Task[None]] = set()
    clock = time.monotonic
    timeouts = {n: (spec["timeout_s"] if not n.startswith(("upload_", "render_")) else spec["slow_timeout_s"])
                for n in streams}
    connector = aiohttp.TCPConnector(limit=spec["connections"], limit_per_host=spec["connections"],
                                     ttl_dns_cache=300)
    async with aiohttp.ClientSession(connector=connector, headers={"User-Agent": rq.UA},
                                     timeout=aiohttp.ClientTimeout(total=None)) as session:

        async def follow(scheduled: float, t0: float, aw: Any) -> None:
            try:
                await aw
            except (rq.JobFailed, TimeoutError, aiohttp.ClientError, OSError) as exc:
                recs["parse"].error(scheduled - t0, str(exc) if isinstance(exc, rq.JobFailed) else type(exc).__name__)
                return
            recs["parse"].ok(scheduled - t0, (clock() - scheduled) * 1000.0, clock() - t0)

        async def one(name: str, scheduled: float, t0: float) -> None:
            rec = recs[name]
            try:
                async with asyncio.timeout(max(0.001, timeouts[name] - (clock() - scheduled))):
                    out = await rq.SENDERS[name](session, ctx)
            except (TimeoutError, aiohttp.ClientError, OSError, ValueError, KeyError) as exc:
                rec.error(scheduled - t0, type(exc).__name__)
                return
            if out.error:
                rec.error(scheduled - t0, out.error)
                return
            rec.ok(scheduled - t0, (clock() - scheduled) * 1000.0 / out.value_divisor, clock() - t0)
            if out.follow_up is not None:
                task = asyncio.create_task(follow(scheduled, t0, out.follow_up))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)

        for w in ctx.writes:    # the current ETags (an earlier repeat moved them on); not timed
            async with session.get(f"{ctx.base}/api/v1/cvs/{w.id}", headers={"Authorization": f"Bearer {w.token}"}) as r:
                await r.read()
                w.etag = r.headers.get("ETag", w.etag)
        plan = heapq.merge(*(schedule(n, segs, spec["worker"], spec["workers"]) for n, segs in streams.items()))
        await asyncio.get_running_loop().run_in_executor(None, ready.wait)
        while start.value == 0.0:
            await asyncio.sleep(0.001)
        t0 = start.value
        cpu0 = time.process_time()
        last_sec, cpu_mark = -1, cpu0
        for offset, name in plan:
            due = t0 + offset
            now = clock()
            while due > now:
                await asyncio.sleep(min(due - now, 0.5))
                now = clock()
            if int(now - t0) > last_sec:    # this process's CPU seconds per second of the run
                cpu_now = time.process_time()
                if last_sec >= 0:
                    cpu_per_s[last_sec] = (cpu_now - cpu_mark) / (int(now - t0) - last_sec)
                last_sec, cpu_mark = int(now - t0), cpu_now
            late_ms = (now - due) * 1000.0
            lag.record_value(max(1, int(late_ms * 1000)))
            sec = int(offset)
            lag_per_s[sec] = max(lag_per_s.get(sec, 0.0), late_ms)
            if len(in_flight) >= MAX_IN_FLIGHT:
                recs[name].error(offset, "dropped: too many in flight")
                continue
            recs[name].sent += 1
            task = asyncio.create_task(one(name, due, t0))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        sending_s = clock() - t0
        cpu_sending = time.process_time() - cpu0
        while in_flight:
            await asyncio.wait(set(in_flight), timeout=spec["slow_timeout_s"] + spec["parse_timeout_s"] + 5)
            if in_flight:
                for task in list(in_flight):
                    task.cancel()
                break
    return {"worker": spec["worker"], "streams": {n: r.to_dict() for n, r in recs.items()},
            "lag": encode(lag), "lag_per_s": lag_per_s, "cpu_per_s": cpu_per_s,
            "sending_s": sending_s, "cpu_sending_s": cpu_sending}


def worker_main(spec: dict[str, Any], out: Any, ready: Any, start: Any) -> None:
    try:
        import uvloop
        result = uvloop.run(engine(spec, ready, start))
    except ImportError:   # pragma: no cover - uvloop is in the perf and dev extras
        result = asyncio.run(engine(spec, ready, start))
    except BaseException as exc:   # report, so the parent does not wait for nothing
        out.put({"worker": spec["worker"], "failed": f"{type(exc).__name__}: {exc}"})
        raise
    out.put(result)


def run_processes(specs: list[dict[str, Any]], wait_s: float, on_start: Any = None) -> list[dict[str, Any]]:
    """Start one process per spec, start them together, collect their results.
    ``on_start(t0)`` is called in the parent with the common monotonic start time."""
    # a fork server that has imported the generator once: a repeat's processes start in
    # milliseconds instead of each importing aiohttp and htdy again (spawn), and none inherits
    # the parent's threads (fork)
    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(["htdy.perf.harness.generator"])
    out = mp.Queue()
    ready = mp.Barrier(len(specs) + 1)
    start = mp.Value("d", 0.0)
    procs = [mp.Process(target=worker_main, args=(s, out, ready, start), daemon=True) for s in specs]
    for p in procs:
        p.start()
    results: list[dict[str, Any]] = []
    try:
        try:
            ready.wait(timeout=120)
        except Exception as exc:
            raise RuntimeError("a generator process did not start (see its error above)") from exc
        t0 = time.monotonic() + 0.2
        start.value = t0
        if on_start:
            on_start(t0)
        deadline = time.monotonic() + wait_s
        while len(results) < len(specs):
            try:
                results.append(out.get(timeout=1.0))
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise RuntimeError("generator processes did not finish in time") from None
                if sum(p.exitcode not in (None, 0) for p in procs) > sum("failed" in r for r in results):
                    raise RuntimeError("a generator process died") from None
        failed = [r["failed"] for r in results if "failed" in r]
        if failed:
            raise RuntimeError("generator failed: " + "; ".join(failed))
        return sorted(results, key=lambda r: r["worker"])
    finally:
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
