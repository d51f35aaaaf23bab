"""Verdicts: each seed target (§1.1 response times, §1.2 throughput, §6.2 alert thresholds)
× scenario, from the median over the repeats.

* a §1.1 row (P95 target or P99 maximum): PASS when the median and every repeat are within
  it; WARN when the median is but some repeat is not (unstable); FAIL when the median is not.
* a §1.2 row (the scenario's offered rate, × ``--scale``): the achieved rate of completed
  requests, PASS ≥ 99 % of the offered rate, WARN ≥ 90 %, FAIL below.
* §6.2 rows: API P95 warning > 500 ms / critical > 1 s, error rate warning > 1 % / critical
  > 5 % → PASS / WARN / FAIL.
A scenario whose repeats were mostly INVALID (the generator could not keep its schedule)
gets INVALID instead of a verdict: its figures say more about the generator than the target."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from htdy.perf.harness import seed

THROUGHPUT_PASS = 0.99
THROUGHPUT_WARN = 0.90


@dataclass
class Row:
    scenario: str
    target: str
    wanted: str
    values: list[float]
    unit: str
    verdict: str
    note: str = ""

    @property
    def median(self) -> float:
        vals = [v for v in self.values if not math.isnan(v)]
        return statistics.median(vals) if vals else math.nan

    def measured(self) -> str:
        vals = [v for v in self.values if not math.isnan(v)]
        if not vals:
            return "—"
        f = _fmt(self.unit)
        if len(vals) == 1:
            return f(vals[0])
        return f"{f(statistics.median(vals))} [{f(min(vals))}–{f(max(vals))}]"


def _fmt(unit: str) -> Any:
    if unit == "%":
        return lambda v: f"{v * 100:.2f} %"
    if unit in ("req/s", "/s"):
        return lambda v: f"{v:,.1f} {unit}"
    if unit == "s":
        return lambda v: f"{v:.0f} s"
    return lambda v: f"{v:,.1f} {unit}" if v < 100 else f"{v:,.0f} {unit}"


def _below(values: list[float], limit: float) -> str:
    vals = [v for v in values if not math.isnan(v)]
    if not vals:
        return "n/a"
    if statistics.median(vals) >= limit:
        return "FAIL"
    return "PASS" if max(vals) < limit else "WARN"


def _bands(value: float, warn: float, crit: float) -> str:
    if math.isnan(value):
        return "n/a"
    return "PASS" if value <= warn else "WARN" if value <= crit else "FAIL"


def _ratio(values: list[float]) -> str:
    vals = [v for v in values if not math.isnan(v)]
    if not vals:
        return "n/a"
    m = statistics.median(vals)
    return "PASS" if m >= THROUGHPUT_PASS else "WARN" if m >= THROUGHPUT_WARN else "FAIL"


def scenario_rows(sc: dict[str, Any]) -> list[Row]:
    name = sc["scenario"]
    reps = sc["repeats"]
    if not reps:
        return []
    invalid = sum(not r["generator"]["valid"] for r in reps) > len(reps) / 2
    if name == "ramp":      # its steps are a table of their own; the verdict is where the knee is
        knees = [float(r.get("ramp", {}).get("knee", {}).get("last_good_api_rps") or math.nan) for r in reps]
        why = "; ".join(sorted({r.get("ramp", {}).get("knee", {}).get("reason", "") for r in reps}))
        base = reps[0].get("ramp", {}).get("steps", [{}])[0].get("api_offered_rps", math.nan)
        return [Row(name, "ramp: knee (last API rate within the §1.1 read target and ≤ 1 % errors)",
                    f"≥ {base:,.1f} req/s (1× baseline × scale)", knees, "req/s", _ratio([k / base for k in knees])
                    if base == base else "n/a", note=f"stopped by: {why}")]
    rows: list[Row] = []

    def group_p(key: str, q: str) -> list[float]:
        return [float(r["groups"].get(key, {}).get("percentiles", {}).get(q) or math.nan) for r in reps]

    for key, t in seed.RESPONSE.items():
        if not any(key in r["groups"] for r in reps):
            continue
        unit = t.unit
        p95, p99 = group_p(key, "p95"), group_p(key, "p99")
        rows.append(Row(name, f"{t.label} P95", f"< {t.p95:,.0f} {unit}", p95, unit, _below(p95, t.p95)))
        rows.append(Row(name, f"{t.label} P99", f"< {t.p99:,.0f} {unit}", p99, unit, _below(p99, t.p99)))
    for svc, label, unit in (("api", "§1.2 API servers", "req/s"), ("parse", "§1.2 CV parser", "/s"),
                             ("render", "§1.2 Template rendering", "/s")):
        offered = [r["services"].get(svc, {}).get("offered_rate", math.nan) for r in reps]
        achieved = [r["services"].get(svc, {}).get("achieved_rate", math.nan) for r in reps]
        ratio = [a / o if o else math.nan for a, o in zip(achieved, offered, strict=True)]
        off = statistics.median([o for o in offered if not math.isnan(o)] or [math.nan])
        mult = max(s[1] for s in sc["segments"]) if name != "spike" else "1→3→1"
        rows.append(Row(name, f"{label} ({mult}× baseline × scale)", f"≥ {off:,.1f} {unit} offered", achieved, unit,
                        _ratio(ratio), note=f"achieved/offered {statistics.median(ratio):.3f}"
                        if not all(math.isnan(x) for x in ratio) else ""))
    api_p95 = group_p("api_read", "p95")
    if api_p95:
        m = statistics.median([v for v in api_p95 if not math.isnan(v)] or [math.nan])
        rows.append(Row(name, "§6.2 API latency alert (P95, reads)", "warn > 500 ms, critical > 1 s", api_p95, "ms",
                        _bands(m, seed.ALERT_API_P95_WARN_MS, seed.ALERT_API_P95_CRIT_MS)))
    errs = [_error_rate(r) for r in reps]
    rows.append(Row(name, "§6.2 Error rate (all streams)", "warn > 1 %, critical > 5 %", errs, "%",
                    _bands(statistics.median(errs), seed.ALERT_ERROR_WARN, seed.ALERT_ERROR_CRIT)))
    if name == "spike":
        rec = [float(r.get("spike", {}).get("recovery_s", math.nan)) for r in reps]
        ok = all(r.get("spike", {}).get("recovered") for r in reps)
        rows.append(Row(name, "§6.1 spike: time until the rolling P95 recovers", "recovers in the after-phase",
                        rec, "s", "PASS" if ok else "WARN", note="" if ok else "not recovered in every repeat"))
    if name == "endurance":
        d = [float(r.get("drift", {}).get("p95_drift", math.nan)) for r in reps]
        rows.append(Row(name, "§6.1 endurance: read P95 drift (last ÷ first fifth)", "≤ 1.5×", d, "×",
                        _below(d, 1.5)))
        rss = [float(r.get("drift", {}).get("rss_mb_end", math.nan)) - float(r.get("drift", {}).get("rss_mb_start",
               math.nan)) for r in reps]
        rows.append(Row(name, "§6.1 endurance: target RSS growth", "info", rss, "MB", "info"))
    if invalid:
        for row in rows:
            row.note = (row.note + "; " if row.note else "") + f"verdict would be {row.verdict}"
            row.verdict = "INVALID"
    return rows


def _error_rate(rep: dict[str, Any]) -> float:
    ok = sum(s["ok"] for n, s in rep["streams"].items() if n != "hello")
    err = sum(sum(s["errors"].values()) for n, s in rep["streams"].items() if n != "hello")
    return err / (ok + err) if ok + err else 0.0


def budget_rows(budget: dict[str, Any]) -> list[Row]:
    if not budget or "error" in budget:
        return []
    return [Row("page", "§6.3 JavaScript bundle (gzipped)", f"≤ {seed.BUDGET_JS_GZ // 1024} KB",
                [budget["js_gz"] / 1024], "KB", "PASS" if budget["js_gz"] <= seed.BUDGET_JS_GZ else "FAIL"),
            Row("page", "§6.3 CSS (gzipped)", f"≤ {seed.BUDGET_CSS_GZ // 1024} KB", [budget["css_gz"] / 1024], "KB",
                "PASS" if budget["css_gz"] <= seed.BUDGET_CSS_GZ else "FAIL")]
