"""From the generator processes' raw results to one repeat's summary: per-stream figures and
per-second series, groups by seed target (§1.1), service throughput (§1.2), whether the
generator kept its schedule (INVALID otherwise), spike recovery and endurance drift."""
from __future__ import annotations

import math
import statistics
from typing import Any

from htdy.perf.harness import generator, seed
from htdy.perf.harness import hist as H

# The generator could not keep the rate (INVALID) beyond these: late as a rule (median), a
# saturated process, or stalls (P99) long enough to matter next to what it measured: over
# MAX_SEND_LAG_P99_MS *and* over STALL_SHARE of the API reads' P99. Lag counts into every
# latency (timed from the schedule), so a jittery generator errs on the slow side, never the
# fast one: a target whose read P99 is ten times the lag fails on its own. Smaller stalls
# (over NOISY_SEND_LAG_P99_MS) only add a note.
MAX_SEND_LAG_P50_MS = 5.0
MAX_SEND_LAG_P99_MS = 100.0
NOISY_SEND_LAG_P99_MS = 25.0
STALL_SHARE = 0.25
MAX_GENERATOR_CPU = 0.90      # of one core, while sending
ROLLING_S = 3                 # spike recovery: rolling window of the per-second P95


def _series(m: dict[str, Any], seconds: int) -> list[dict[str, float]]:
    rows = []
    for s in range(seconds):
        vals = m["seconds"].get(s, [])
        err = m["errors_per_s"].get(s, 0)
        rows.append({"t": s, "ok": len(vals), "err": err,
                     "p50": H.nearest_rank(vals, 50), "p95": H.nearest_rank(vals, 95),
                     "p99": H.nearest_rank(vals, 99), "max": max(vals) if vals else math.nan})
    return rows


def _clean(x: float) -> float | None:
    return None if isinstance(x, float) and math.isnan(x) else x


def summarise(workers: list[dict[str, Any]], offered: dict[str, list[tuple[float, float]]],
              segments: list[seed.Segment]) -> dict[str, Any]:
    """One repeat: ``workers`` are the generator results, ``offered`` the schedule per stream."""
    duration = sum(s.seconds for s in segments)
    seconds = max(1, math.ceil(duration))
    names = sorted({n for w in workers for n in w["streams"]})
    streams: dict[str, Any] = {}
    hists: dict[str, Any] = {}
    raw_seconds: dict[str, dict[int, list[float]]] = {}
    for name in names:
        m = H.merge([w["streams"][name] for w in workers if name in w["streams"]])
        h = m["hist"]
        hists[name] = h
        raw_seconds[name] = m["seconds"]
        ok = h.get_total_count()
        n_err = sum(m["errors"].values())
        planned = float(generator.planned(offered[name]) if name in offered else
                        sum(generator.planned(v) for k, v in offered.items() if k.startswith("upload_")))
        streams[name] = {
            "offered": round(planned, 2), "sent": m["sent"], "ok": ok, "errors": m["errors"],
            "error_rate": n_err / (ok + n_err) if ok + n_err else 0.0,
            "offered_rate": planned / duration if duration else 0.0,
            "achieved_rate": m["in_window"] / duration if duration else 0.0, "in_window": m["in_window"],
            "done_per_s": [m["done_per_s"].get(s, 0) for s in range(seconds + 1)],
            "percentiles": H.percentiles_ms(h), "mean": round(h.get_mean_value() / 1000.0, 3) if ok else None,
            "hist": H.encode(h), "series": _series(m, seconds),
            "unit": "ms/MB" if name.startswith("upload_") else "ms",
        }
    groups = {}
    for key in seed.RESPONSE:
        members = [n for n in names if n != "hello" and seed.stream(n).target == key]
        if not members:
            continue
        g = H.new_histogram()
        for n in members:
            if hists[n].get_total_count():
                g.add(hists[n])
        ok = sum(streams[n]["ok"] for n in members)
        err = sum(sum(streams[n]["errors"].values()) for n in members)
        per_s = {s: [v for n in members for v in raw_seconds[n].get(s, [])] for s in range(seconds)}
        groups[key] = {"streams": members, "ok": ok, "errors": err, "error_rate": err / (ok + err) if ok + err else 0.0,
                       "percentiles": H.percentiles_ms(g), "hist": H.encode(g),
                       "p95_per_s": [_clean(H.nearest_rank(per_s[s], 95)) for s in range(seconds)]}
    services = {}
    for svc in ("api", "parse", "render"):
        members = [n for n in names if n in offered and n != "hello" and seed.stream(n).service == svc]
        if not members:
            continue
        done = [n for n in members if not n.startswith("upload_")] + (["parse"] if svc == "parse" and "parse" in streams else [])
        ok = sum(streams[n]["in_window"] for n in done)
        err = sum(sum(streams[n]["errors"].values()) for n in members) + (
            sum(streams["parse"]["errors"].values()) if svc == "parse" and "parse" in streams else 0)
        planned = sum(streams[n]["offered"] for n in members)
        services[svc] = {"offered_rate": planned / duration, "achieved_rate": ok / duration,
                         "error_rate": err / planned if planned else 0.0,
                         "ok_per_s": [sum(streams[n]["done_per_s"][s] for n in done) for s in range(seconds)]}
    return {"duration_s": duration, "segments": [[s.seconds, s.multiplier, s.label] for s in segments],
            "streams": streams, "groups": groups, "services": services,
            "generator": generator_health(workers, seconds, _clean(
                groups.get("api_read", {}).get("percentiles", {}).get("p99", math.nan)))}


def generator_health(workers: list[dict[str, Any]], seconds: int, read_p99: float | None = None) -> dict[str, Any]:
    lag = H.new_histogram()
    for w in workers:
        if w["lag"]:
            lag.add(H.decode(w["lag"]))
    cpu = [w["cpu_sending_s"] / w["sending_s"] if w["sending_s"] > 0 else 0.0 for w in workers]
    lag_s = [max((float(w["lag_per_s"].get(s, w["lag_per_s"].get(str(s), 0.0))) for w in workers), default=0.0)
             for s in range(seconds)]
    cpu_s = [sum(float(w["cpu_per_s"].get(s, w["cpu_per_s"].get(str(s), 0.0))) for w in workers) * 100
             for s in range(seconds)]
    out = {"workers": len(workers), "send_lag_ms": H.percentiles_ms(lag), "cpu_per_worker": [round(c, 3) for c in cpu],
           "lag_max_per_s": lag_s, "cpu_pct_per_s": cpu_s, "read_p99_ms": read_p99}
    return judge(out)


def judge(g: dict[str, Any]) -> dict[str, Any]:
    """Set ``valid``, ``invalid_reasons`` and ``notes`` of a repeat's generator summary from its
    stored figures (``htdy perf report`` judges again, so a changed rule applies to old runs)."""
    p, read_p99 = g["send_lag_ms"], g.get("read_p99_ms")
    reasons, notes = [], []
    if (p.get("p50") or 0) > MAX_SEND_LAG_P50_MS:
        reasons.append(f"send lag P50 {p['p50']:.1f} ms > {MAX_SEND_LAG_P50_MS:g} ms: the generator fell behind "
                       "its schedule (busy machine, or too few --workers)")
    lag99 = p.get("p99") or 0.0
    if lag99 > MAX_SEND_LAG_P99_MS and not lag99 <= STALL_SHARE * (read_p99 or 0.0):
        reasons.append(f"send lag P99 {lag99:.1f} ms > {MAX_SEND_LAG_P99_MS:g} ms and > {STALL_SHARE:.0%} of the "
                       f"API read P99 ({read_p99 or 0.0:.1f} ms): the generator stalled")
    elif lag99 > MAX_SEND_LAG_P99_MS:
        notes.append(f"send lag P99 {lag99:.1f} ms, small next to the read P99 {read_p99:.0f} ms, which includes it")
    elif lag99 > NOISY_SEND_LAG_P99_MS:
        notes.append(f"send lag P99 {lag99:.1f} ms: latencies include up to that much generator delay")
    for i, c in enumerate(g["cpu_per_worker"]):
        if c > MAX_GENERATOR_CPU:
            reasons.append(f"generator process {i} used {c:.0%} of a core while sending (> {MAX_GENERATOR_CPU:.0%}): "
                           "add --workers")
    g.update(valid=not reasons, invalid_reasons=reasons, notes=notes)
    return g


def rejudge(results: dict[str, Any]) -> None:
    """Judge every repeat's generator again (reading a results.json, maybe of an older run)."""
    for sc in results["scenarios"].values():
        for rep in sc["repeats"]:
            g = rep["generator"]
            if g.get("read_p99_ms") is None:
                g["read_p99_ms"] = rep["groups"].get("api_read", {}).get("percentiles", {}).get("p99")
            judge(g)
            for step in rep.get("ramp", {}).get("steps", []):
                step.setdefault("valid", g["valid"])


def spike_recovery(rep: dict[str, Any], target_ms: float = seed.RESPONSE["api_read"].p95) -> dict[str, Any]:
    """Seconds from the end of the spike until the rolling P95 of API reads is back: at most
    twice its pre-spike level (and at least 5 ms above it), and under the §1.1 target."""
    segs = rep["segments"]
    p95 = rep["groups"].get("api_read", {}).get("p95_per_s", [])
    if len(segs) != 3 or not p95:
        return {}
    pre_end, spike_end = int(segs[0][0]), int(segs[0][0] + segs[1][0])
    before = [v for v in p95[:pre_end] if v is not None]
    if not before:
        return {}
    pre = statistics.median(before)
    threshold = min(target_ms, max(2 * pre, pre + 5.0))
    peak = max((v for v in p95[pre_end:spike_end] if v is not None), default=math.nan)
    for t in range(spike_end, len(p95)):
        window = [v for v in p95[max(0, t - ROLLING_S + 1):t + 1] if v is not None]
        if window and sorted(window)[-1] <= threshold and t - ROLLING_S + 1 >= spike_end - 1:
            return {"pre_p95_ms": pre, "threshold_ms": threshold, "spike_max_p95_ms": peak,
                    "recovery_s": float(t - spike_end + 1), "recovered": True}
    return {"pre_p95_ms": pre, "threshold_ms": threshold, "spike_max_p95_ms": peak,
            "recovery_s": float(len(p95) - spike_end), "recovered": False}


def drift(rep: dict[str, Any], samples: list[dict[str, float]]) -> dict[str, Any]:
    """Endurance: API read P95 of the first fifth vs the last fifth, RSS and open files."""
    p95 = [v for v in rep["groups"].get("api_read", {}).get("p95_per_s", []) if v is not None]
    out: dict[str, Any] = {}
    if len(p95) >= 5:
        k = max(1, len(p95) // 5)
        first, last = statistics.median(p95[:k]), statistics.median(p95[-k:])
        out.update(p95_first_ms=first, p95_last_ms=last, p95_drift=last / first if first else math.nan)
    for key in ("rss_mb", "open_files"):
        vals = [s[key] for s in samples if key in s]
        if vals:
            out[f"{key}_start"], out[f"{key}_end"], out[f"{key}_max"] = vals[0], vals[-1], max(vals)
    return out
