"""Runs scenarios: builds each repeat's schedule from the seed's rates, splits it over the
generator processes, samples the target meanwhile and summarises; measures the hello-world
baseline and the §6.3 page budget."""
from __future__ import annotations

import gzip
import math
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from htdy.perf.harness import analysis, generator, seed
from htdy.perf.harness.target import Sampler

GENERATOR_RPS_PER_PROCESS = 1500.0   # what one Python process sends comfortably (aiohttp + uvloop)


@dataclass
class RunOptions:
    base: str
    scale: float
    duration: float
    repeats: int
    workers: int | None         # None: as many as the rate needs (≤ CPUs)
    connections: int
    timeout_s: float
    slow_timeout_s: float
    parse_timeout_s: float
    target_pid: int | None


def offered(multiplier_segments: list[seed.Segment], scale: float) -> dict[str, list[tuple[float, float]]]:
    return {s.name: [(seg.seconds, seed.stream_rate(s, seg.multiplier, scale)) for seg in multiplier_segments]
            for s in seed.STREAMS}


def workers_for(rate: float, requested: int | None) -> int:
    if requested:
        return requested
    return max(1, min(os.cpu_count() or 1, math.ceil(rate / GENERATOR_RPS_PER_PROCESS)))


def _total_rate(plan: dict[str, list[tuple[float, float]]]) -> float:
    return max((sum(segs[i][1] for segs in plan.values()) for i in range(len(next(iter(plan.values()))))),
               default=0.0)


def run_once(opts: RunOptions, plan: dict[str, list[tuple[float, float]]], segments: list[seed.Segment],
             data: dict[str, Any] | None, docs: dict[str, dict[str, str]], base: str | None = None,
             pid: int | None = None) -> tuple[dict[str, Any], list[dict[str, float]]]:
    """One repeat: generator processes over ``plan``; returns (summary, target samples)."""
    n = workers_for(_total_rate(plan), opts.workers)
    url = base or opts.base
    specs = [{"base": url, "worker": w, "workers": n, "streams": plan, "data": data, "docs": docs,
              "connections": max(8, opts.connections // n), "timeout_s": opts.timeout_s,
              "slow_timeout_s": opts.slow_timeout_s, "parse_timeout_s": opts.parse_timeout_s} for w in range(n)]
    sampler = Sampler(url, pid)
    duration = sum(s.seconds for s in segments)
    try:
        results = generator.run_processes(
            specs, wait_s=duration + opts.slow_timeout_s + opts.parse_timeout_s + 120, on_start=sampler.begin)
    finally:
        samples = sampler.finish()
    rep = analysis.summarise(results, plan, segments)
    rep["target_samples"] = samples
    return rep, samples


def run_scenario(opts: RunOptions, name: str, data: dict[str, Any], docs: dict[str, dict[str, str]],
                 say: Callable[[str], None]) -> dict[str, Any]:
    segments = seed.profile(name, opts.duration)
    out: dict[str, Any] = {"scenario": name, "what": seed.SCENARIOS[name].what,
                           "segments": [[s.seconds, s.multiplier, s.label] for s in segments], "repeats": []}
    for r in range(opts.repeats):
        if name == "ramp":
            out["repeats"].append(_ramp(opts, segments, data, docs, say, r))
            continue
        say(f"{name} repeat {r + 1}/{opts.repeats}: {_rates_text(segments, opts.scale)} for {opts.duration:g}s")
        rep, samples = run_once(opts, offered(segments, opts.scale), segments, data, docs, pid=opts.target_pid)
        if name == "spike":
            rep["spike"] = analysis.spike_recovery(rep)
        if name == "endurance":
            rep["drift"] = analysis.drift(rep, samples)
        say("  " + _one_line(rep))
        out["repeats"].append(rep)
    return out


def _ramp(opts: RunOptions, segments: list[seed.Segment], data: dict[str, Any], docs: dict[str, dict[str, str]],
          say: Callable[[str], None], r: int) -> dict[str, Any]:
    """Steps of rising load, one run each, until the knee: API read P95 over the §1.1
    target, errors over 1 % (§6.2), or the generator could not keep the rate."""
    steps: list[dict[str, Any]] = []
    knee: dict[str, Any] = {}
    for seg in segments:
        say(f"ramp repeat {r + 1}/{opts.repeats} step {seg.label}: {_rates_text([seg], opts.scale)}")
        rep, _ = run_once(opts, offered([seg], opts.scale), [seg], data, docs, pid=opts.target_pid)
        say("  " + _one_line(rep))
        p95 = rep["groups"].get("api_read", {}).get("percentiles", {}).get("p95", math.nan)
        err = rep["services"].get("api", {}).get("error_rate", 0.0)
        step = {"multiplier": seg.multiplier, "api_offered_rps": rep["services"]["api"]["offered_rate"],
                "api_achieved_rps": rep["services"]["api"]["achieved_rate"], "api_read_p95_ms": p95,
                "api_error_rate": err, "valid": rep["generator"]["valid"], "repeat": rep}
        steps.append(step)
        why = ("generator limit" if not rep["generator"]["valid"] else
               "P95 over target" if p95 > seed.RESPONSE["api_read"].p95 else
               "errors over 1 %" if err > seed.ALERT_ERROR_WARN else "")
        if why:
            last_good = steps[-2]["api_achieved_rps"] if len(steps) > 1 else 0.0
            knee = {"reason": why, "at_multiplier": seg.multiplier, "at_api_rps": step["api_offered_rps"],
                    "last_good_api_rps": last_good}
            break
    if not knee:
        knee = {"reason": "not reached", "at_multiplier": None, "at_api_rps": None,
                "last_good_api_rps": steps[-1]["api_achieved_rps"]}
    merged = dict(steps[-1]["repeat"])
    merged["ramp"] = {"steps": [{k: v for k, v in s.items() if k != "repeat"} for s in steps], "knee": knee}
    return merged


def _rates_text(segments: list[seed.Segment], scale: float) -> str:
    return " → ".join(f"{seed.BASE_API_RPS * s.multiplier * scale:g} API req/s, "
                      f"{seed.BASE_PARSES_PER_S * s.multiplier * scale:g} uploads/s, "
                      f"{seed.BASE_RENDERS_PER_S * s.multiplier * scale:g} renders/s" for s in segments)


def _one_line(rep: dict[str, Any]) -> str:
    api = rep["services"].get("api", {})
    read = rep["groups"].get("api_read", {}).get("percentiles", {})
    g = rep["generator"]
    return (f"API {api.get('achieved_rate', 0):.0f}/{api.get('offered_rate', 0):.0f} req/s, read P95 "
            f"{read.get('p95', math.nan):.1f} ms P99 {read.get('p99', math.nan):.1f} ms, errors "
            f"{api.get('error_rate', 0):.2%}, send lag P99 {g['send_lag_ms'].get('p99', math.nan):.1f} ms"
            + ("" if g["valid"] else "  INVALID"))


# ------------------------------------------------------------------------------ hello world
HELLO_SERVER = Path(__file__).with_name("hello_server.py")


def hello_baseline(opts: RunOptions, api_rate: float, port: int, log: Path,
                   say: Callable[[str], None]) -> dict[str, Any]:
    """An aiohttp hello world (one process, uvloop) driven by the same generator at the
    scenario's API rate, for ratios that hold across machines."""
    from htdy.perf.api_bench import Server

    srv = Server("hello", [sys.executable, str(HELLO_SERVER), str(port)], port, log)
    try:
        srv.wait_ready("/")
        seg = [seed.Segment(min(opts.duration, 10.0), 1.0, "hello")]
        say(f"hello-world baseline: {api_rate:g} req/s for {seg[0].seconds:g}s")
        rep, _ = run_once(opts, {"hello": [(seg[0].seconds, api_rate)]}, seg, None, {}, base=srv.base, pid=srv.proc.pid)
    finally:
        srv.stop()
    s = rep["streams"]["hello"]
    return {"rate": api_rate, "duration_s": seg[0].seconds, "percentiles": s["percentiles"], "ok": s["ok"],
            "errors": s["errors"], "achieved_rate": s["achieved_rate"], "offered_rate": s["offered_rate"],
            "hist": s["hist"], "generator": rep["generator"]}


# ------------------------------------------------------------------------------ §6.3 budget
def page_budget(base: str, slug: str) -> dict[str, Any]:
    """Gzipped bytes of the scripts and style sheets the public profile page loads."""
    def get(url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.read()  # type: ignore[no-any-return]

    page = f"{base}/p/{slug}"
    try:
        html = get(page).decode(errors="replace")
    except (urllib.error.URLError, OSError) as exc:
        return {"page": page, "error": str(exc)}
    out: dict[str, Any] = {"page": page, "js_gz": 0, "css_gz": 0, "assets": []}
    inline_css = sum(len(gzip.compress(m.encode())) for m in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
    inline_js = sum(len(gzip.compress(m.encode())) for m in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>",
                                                                      html, re.S))
    out["css_gz"] += inline_css
    out["js_gz"] += inline_js
    refs = [("js", u) for u in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)]
    refs += [("css", u) for u in re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", html)]
    refs += [("css", u) for u in re.findall(r"<link[^>]*href=\"([^\"]+)\"[^>]*rel=\"stylesheet\"", html)]
    for kind, ref in dict.fromkeys(refs):
        url = ref if ref.startswith("http") else base + ref if ref.startswith("/") else f"{base}/p/{ref}"
        try:
            size = len(gzip.compress(get(url)))
        except (urllib.error.URLError, OSError):
            continue
        out[f"{kind}_gz"] += size
        out["assets"].append({"url": ref, "kind": kind, "gz_bytes": size})
    return out
