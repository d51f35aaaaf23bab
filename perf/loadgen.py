"""An open-loop (constant arrival rate) HTTP load generator.

Closed-loop tools (wrk, locust, autocannon) send the next request only when a connection is
free, so a server stall also stalls the load and the stalled requests are never counted —
*coordinated omission*. Here request *i* is scheduled at ``t0 + i / rate`` whatever happened
before, and its latency is measured from that scheduled time: time spent waiting for a free
connection, or because the generator itself ran late, counts against the server, as it would
for real users arriving independently.

    python -m htdy.perf.loadgen http://127.0.0.1:8080/healthz --rate 500 --duration 10

ends with ``NAME=value`` lines (see :meth:`OpenLoopResult.lines`). Also here: a thin wrapper
around ``wrk --latency`` (closed loop) and a parser for its output.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import re
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import aiohttp


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of already sorted values; NaN when empty."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass
class OpenLoopResult:
    url: str
    target_rate: float
    duration_s: float
    connections: int
    sent: int = 0
    ok: int = 0
    errors: int = 0                 # non-2xx/3xx, connection errors, timeouts
    dropped: int = 0                # never sent: too many requests already in flight
    elapsed_s: float = 0.0          # first scheduled send → last response
    max_send_lag_ms: float = 0.0    # how late the generator itself fired (its own health)
    latencies_ms: list[float] = field(default_factory=list)   # successful requests, sorted
    error_samples: dict[str, int] = field(default_factory=dict)

    @property
    def achieved_rate(self) -> float:
        """Completed successful requests per second of the run."""
        return self.ok / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q)

    @property
    def error_rate(self) -> float:
        total = self.sent + self.dropped
        return (self.errors + self.dropped) / total if total else 0.0

    def lines(self, prefix: str) -> list[str]:
        """``NAME=value`` lines, names ``{prefix}_…``."""
        def f(v: float) -> str:
            return "nan" if math.isnan(v) else f"{v:.2f}"
        return [
            f"{prefix}_TARGET_RPS={self.target_rate:g}",
            f"{prefix}_ACHIEVED_RPS={self.achieved_rate:.1f}",
            f"{prefix}_SENT={self.sent}",
            f"{prefix}_ERRORS={self.errors + self.dropped}",
            f"{prefix}_P50_MS={f(self.p(50))}",
            f"{prefix}_P95_MS={f(self.p(95))}",
            f"{prefix}_P99_MS={f(self.p(99))}",
            f"{prefix}_MAX_MS={f(self.latencies_ms[-1] if self.latencies_ms else math.nan)}",
            f"{prefix}_MAX_SEND_LAG_MS={self.max_send_lag_ms:.2f}",
        ]


async def run_open_loop(url: str, rate: float, duration_s: float, *,
                        headers: Mapping[str, str] | None = None, connections: int = 256,
                        timeout_s: float = 10.0, max_in_flight: int = 20_000,
                        method: str = "GET") -> OpenLoopResult:
    """Send ``rate`` requests per second to ``url`` for ``duration_s`` seconds, open loop.

    Latency = response fully read − scheduled send time. ``connections`` bounds the client's
    connection pool (requests beyond it queue inside the client, and that wait is counted).
    A request not answered within ``timeout_s`` of its scheduled time is an error."""
    if rate <= 0 or duration_s <= 0:
        raise ValueError("rate and duration must be positive")
    total = max(1, int(round(rate * duration_s)))
    interval = 1.0 / rate
    res = OpenLoopResult(url=url, target_rate=rate, duration_s=duration_s, connections=connections)
    latencies: list[float] = []
    clock = time.perf_counter   # uvloop's loop.time() only has millisecond resolution
    connector = aiohttp.TCPConnector(limit=connections, limit_per_host=connections,
                                     force_close=False, ttl_dns_cache=None)
    in_flight: set[asyncio.Task[None]] = set()

    async with aiohttp.ClientSession(connector=connector, headers=dict(headers or {}),
                                     timeout=aiohttp.ClientTimeout(total=None)) as session:

        async def one(scheduled: float) -> None:
            remaining = timeout_s - (clock() - scheduled)
            try:
                async with asyncio.timeout(max(remaining, 0.001)):
                    async with session.request(method, url) as resp:
                        await resp.read()
                        status = resp.status
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                res.errors += 1
                key = type(exc).__name__
                res.error_samples[key] = res.error_samples.get(key, 0) + 1
                return
            if status >= 400:
                res.errors += 1
                res.error_samples[f"HTTP {status}"] = res.error_samples.get(f"HTTP {status}", 0) + 1
                return
            res.ok += 1
            latencies.append((clock() - scheduled) * 1000.0)

        # Warm one connection so the first scheduled request does not pay for the handshake alone.
        try:
            async with session.request(method, url) as resp:
                await resp.read()
        except (aiohttp.ClientError, OSError):
            pass

        t0 = clock() + 0.05
        i = 0
        while i < total:
            now = clock()
            due = t0 + i * interval
            if due > now:
                await asyncio.sleep(due - now)
                continue
            # Fire everything that is due (the loop may have woken late); each request keeps
            # its own scheduled time, so lateness is charged to the latency, not hidden.
            while i < total and t0 + i * interval <= now:
                scheduled = t0 + i * interval
                res.max_send_lag_ms = max(res.max_send_lag_ms, (now - scheduled) * 1000.0)
                if len(in_flight) >= max_in_flight:
                    res.dropped += 1
                else:
                    task = asyncio.create_task(one(scheduled))
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                    res.sent += 1
                i += 1
        if in_flight:
            await asyncio.wait(set(in_flight), timeout=timeout_s + 1.0)
        for task in list(in_flight):
            task.cancel()
        res.elapsed_s = max(clock() - t0, duration_s)

    latencies.sort()
    res.latencies_ms = latencies
    return res


def run(url: str, rate: float, duration_s: float, **kwargs: object) -> OpenLoopResult:
    """Synchronous wrapper (uses uvloop when it is installed)."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is in the dev and fast extras
        return asyncio.run(run_open_loop(url, rate, duration_s, **kwargs))  # type: ignore[arg-type]
    return uvloop.run(run_open_loop(url, rate, duration_s, **kwargs))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ wrk (closed loop)
@dataclass
class WrkResult:
    rps: float = 0.0
    requests: int = 0
    percentiles_ms: dict[int, float] = field(default_factory=dict)
    non_2xx: int = 0
    socket_errors: int = 0
    raw: str = ""

    def p(self, q: int) -> float:
        return self.percentiles_ms.get(q, math.nan)


_UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNITS_MS[unit], 6)


def parse_wrk(text: str) -> WrkResult:
    """Figures from ``wrk --latency`` output."""
    r = WrkResult(raw=text)
    if m := re.search(r"^Requests/sec:\s+([0-9.]+)", text, re.M):
        r.rps = float(m.group(1))
    if m := re.search(r"^\s*(\d+) requests in", text, re.M):
        r.requests = int(m.group(1))
    for q, v, unit in re.findall(r"^\s+(\d+)%\s+([0-9.]+)(us|ms|s|m)\s*$", text, re.M):
        r.percentiles_ms[int(q)] = _ms(v, unit)
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        r.non_2xx = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        r.socket_errors = sum(int(g) for g in m.groups())
    return r


def run_wrk(url: str, *, duration: int, connections: int, threads: int,
            headers: dict[str, str] | None = None) -> WrkResult:
    cmd = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    proc = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=duration + 30)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr.strip()}")
    return parse_wrk(proc.stdout)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise RuntimeError("wrk is not installed (Debian package 'wrk')")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.perf.loadgen", description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("--rate", type=float, default=500.0, help="requests per second (default 500)")
    ap.add_argument("--duration", type=float, default=10.0, help="seconds (default 10)")
    ap.add_argument("--connections", type=int, default=256, help="client connection pool (default 256)")
    ap.add_argument("--timeout", type=float, default=10.0, help="per request, from its schedule")
    ap.add_argument("-H", "--header", action="append", default=[], help="'Name: value'")
    ap.add_argument("--prefix", default="OPEN_LOOP", help="prefix of the NAME=value lines")
    args = ap.parse_args(argv)
    host = (args.url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]).strip("[]")
    if host not in ("127.0.0.1", "localhost", "::1"):
        ap.error("load is only ever sent to the loopback interface")
    headers = dict(h.split(":", 1) for h in args.header)
    res = run(args.url, args.rate, args.duration, headers={k.strip(): v.strip() for k, v in headers.items()},
              connections=args.connections, timeout_s=args.timeout)
    if res.error_samples:
        print("errors:", ", ".join(f"{k} ×{v}" for k, v in sorted(res.error_samples.items())))
    print("\n".join(res.lines(args.prefix)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
