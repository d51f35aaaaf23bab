"""``report.md`` and ``report.html`` from ``results.json`` (``htdy perf report DIR`` re-renders
them). Both come from the same tables; the HTML embeds the plots, which are also written as
PNG files to ``DIR/plots/``."""
from __future__ import annotations

import base64
import html
import json
import math
from pathlib import Path
from typing import Any

from htdy.perf.harness import plots, seed
from htdy.perf.harness.verdict import Row, budget_rows, scenario_rows

Table = tuple[str, list[str], list[list[str]]]


def _n(v: Any, digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{v:,.{digits}f}"


def verdict_table(results: dict[str, Any]) -> tuple[Table, list[Row]]:
    rows: list[Row] = []
    for sc in results["scenarios"].values():
        rows += scenario_rows(sc)
    rows += budget_rows(results.get("budget", {}))
    body = [[r.scenario, r.target, r.wanted, r.measured(), f"**{r.verdict}**", r.note] for r in rows]
    reps = {len(sc["repeats"]) for sc in results["scenarios"].values()}
    title = f"Verdicts (median [min–max] over {'/'.join(map(str, sorted(reps))) or 0} repeats)"
    return (title, ["scenario", "seed target", "target", "measured", "verdict", "note"], body), rows


def generator_table(results: dict[str, Any]) -> Table:
    body = []
    for name, sc in results["scenarios"].items():
        for i, r in enumerate(sc["repeats"]):
            g = r["generator"]
            body.append([name, str(i + 1), str(g["workers"]), _n(g["send_lag_ms"].get("p99"), 2),
                         _n(g["send_lag_ms"].get("p100"), 1), " / ".join(f"{c:.0%}" for c in g["cpu_per_worker"]),
                         ("valid" + "".join(f" ({n})" for n in g.get("notes", []))) if g["valid"]
                         else "**INVALID**: " + "; ".join(g["invalid_reasons"])])
    return ("Generator health (open loop: late sends or a saturated generator invalidate a repeat)",
            ["scenario", "repeat", "processes", "send lag P99 ms", "max ms", "CPU per process", "status"], body)


def baseline_table(results: dict[str, Any]) -> Table:
    body = []
    for name, hello in results.get("baseline", {}).items():
        sc = results["scenarios"].get(name)
        if not sc or not sc["repeats"]:
            continue
        rep = plots.representative(sc)
        read = rep["groups"].get("api_read", {}).get("percentiles", {})
        hp = hello["percentiles"]
        ratio = [(read.get(q) or math.nan) / hp[q] if hp.get(q) else math.nan for q in ("p50", "p95", "p99")]
        body.append([name, _n(hello["rate"], 0), f"{_n(hp.get('p50'), 2)} / {_n(hp.get('p95'), 2)} / {_n(hp.get('p99'), 2)}",
                     f"{_n(read.get('p50'), 2)} / {_n(read.get('p95'), 2)} / {_n(read.get('p99'), 2)}",
                     " / ".join(_n(x, 1) + "×" for x in ratio),
                     _n(hello["achieved_rate"] / hello["offered_rate"] if hello["offered_rate"] else math.nan, 3)])
    return ("Hello-world baseline in the same run (same generator, same API rate; ratios hold across machines)",
            ["scenario", "req/s", "hello P50 / P95 / P99 ms", "API reads P50 / P95 / P99 ms", "ratio reads ÷ hello",
             "hello achieved ÷ offered"], body)


def streams_table(name: str, sc: dict[str, Any]) -> Table:
    rep = plots.representative(sc)
    body = []
    for n, s in sorted(rep["streams"].items()):
        p = s["percentiles"]
        errs = ", ".join(f"{k} ×{v}" for k, v in sorted(s["errors"].items())) or "0"
        body.append([n, s["unit"], _n(s["offered_rate"], 2), _n(s["achieved_rate"], 2), str(s["ok"]), _n(p.get("p50"), 1),
                     _n(p.get("p95"), 1), _n(p.get("p99"), 1), _n(p.get("p100"), 1), errs])
    return (f"Streams of `{name}` (median repeat)", ["stream", "unit", "offered/s", "achieved/s", "ok", "P50", "P95",
                                                     "P99", "max", "errors"], body)


def target_table(results: dict[str, Any]) -> Table:
    body = []
    for name, sc in results["scenarios"].items():
        rep = plots.representative(sc)
        s = rep.get("target_samples") or []

        def col(key: str, s: list[dict[str, float]] = s) -> str:
            vals = [x[key] for x in s if key in x]
            return f"{_n(vals[0], 0)} → {_n(vals[-1], 0)} (max {_n(max(vals), 0)})" if vals else "—"
        body.append([name, col("rss_mb"), col("open_files"), col("cpu_pct"), col("queue_parse"), col("requests_in_flight")])
    return ("Target process with its parser/renderer pools (from /proc on this machine, and /metrics), "
            "start → end (max); CPU % of one core",
            ["scenario", "RSS MB", "open files", "CPU %", "parse queue", "requests in flight"], body)


def _md(t: Table) -> str:
    title, head, body = t
    lines = [f"## {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def _html(t: Table) -> str:
    title, head, body = t

    def cell(c: str) -> str:
        c = html.escape(c)
        return c.replace("**", "<b>", 1).replace("**", "</b>", 1) if c.count("**") >= 2 else c
    rows = "".join("<tr>" + "".join(f"<td class='{_cls(c)}'>{cell(c)}</td>" for c in r) + "</tr>" for r in body)
    return (f"<h2>{html.escape(title)}</h2><table><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in head)}</tr>"
            f"{rows}</table>")


def _code(text: str) -> str:
    """Escaped, with markdown's `code` spans as <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _cls(c: str) -> str:
    return {"**PASS**": "pass", "**WARN**": "warn", "**FAIL**": "fail", "**INVALID**": "invalid"}.get(c, "")


def _header(results: dict[str, Any]) -> list[str]:
    m = results["meta"]
    return [f"target `{m['target']}` · scenarios {', '.join(results['scenarios'])} · scale {m['scale']:g} · "
            f"{m['duration']:g} s per repeat · {m['repeats']} repeats · started {m['started_at']}",
            f"htdy {m.get('htdy_version', '?')} · machine: {m.get('cpus')} CPUs, load average {_n(m.get('loadavg_start'), 2)}"
            f" → {_n(m.get('loadavg_end'), 2)} · command: `{m.get('command', '')}`",
            *([f"note: {m['note']}"] if m.get("note") else []),
            "Rates: the seed's baselines (§1.2: 1,000 API req/s, 10 parses/s, 20 renders/s) × scenario × scale; "
            "latency is timed from each request's scheduled send (open loop). Page load (FCP/TTI) is a browser "
            "metric and not measured by load; database transactions/s and storage operations/s are not "
            "separately offered."]


def _notes(results: dict[str, Any]) -> list[str]:
    notes = []
    limited = sum(v for sc in results["scenarios"].values() for r in sc["repeats"] for s in r["streams"].values()
                  for k, v in s["errors"].items() if k == "HTTP 429")
    if limited:
        notes.append(f"The target rate-limited {limited} requests (HTTP 429, counted as errors, never retried). For a "
                     "capacity benchmark turn limits off on the target: `[ratelimit] enabled = false` "
                     "(or `HTDY_RATELIMIT__ENABLED=false`) and restart it.")
    if cleanup := results.get("cleanup"):
        notes.append(f"Test data: {cleanup}")
    return notes


def write(results: dict[str, Any], folder: Path) -> dict[str, Path]:
    """Write report.md, report.html and plots/*.png; returns their paths."""
    pngs = plots.make_all(results, folder / "plots")
    (vt, _) = verdict_table(results)
    tables = [vt, generator_table(results), baseline_table(results), target_table(results)]
    tables += [streams_table(n, sc) for n, sc in results["scenarios"].items() if sc["repeats"]]
    tables += _extra_tables(results)
    header, notes = _header(results), _notes(results)
    md = ["# htdy perf run", "", *[f"{h}  " for h in header], "", *[f"> {n}" for n in notes], ""]
    md += [_md(t) for t in tables]
    md += ["## Plots", ""] + [f"![{p.stem}](plots/{p.name})" for p in pngs]
    (folder / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    imgs = "".join(f"<figure><img alt='{p.stem}' src='data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}'>"
                   f"<figcaption>{p.name}</figcaption></figure>" for p in pngs)
    page = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>htdy perf run</title><style>{CSS}</style>"
            f"</head><body><h1>htdy perf run</h1>{''.join(f'<p>{_code(h)}</p>' for h in header)}"
            f"{''.join(f'<p class=note>{_code(n)}</p>' for n in notes)}{''.join(_html(t) for t in tables)}"
            f"<h2>Plots</h2>{imgs}</body></html>")
    (folder / "report.html").write_text(page, encoding="utf-8")
    return {"md": folder / "report.md", "html": folder / "report.html", **{p.stem: p for p in pngs}}


def _extra_tables(results: dict[str, Any]) -> list[Table]:
    out: list[Table] = []
    ramp = results["scenarios"].get("ramp")
    if ramp and ramp["repeats"]:
        body = [[str(i + 1), f"{s['multiplier']:g}×", _n(s["api_offered_rps"], 1), _n(s["api_achieved_rps"], 1),
                 _n(s["api_read_p95_ms"], 1), f"{s['api_error_rate']:.2%}", "valid" if s["valid"] else "INVALID"]
                for i, r in enumerate(ramp["repeats"]) for s in r.get("ramp", {}).get("steps", [])]
        out.append(("Ramp steps", ["repeat", "step", "API offered req/s", "achieved", "read P95 ms", "errors", "generator"],
                    body))
    return out


CSS = ("body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px}table{border-collapse:collapse;"
       "margin:1rem 0;font-size:.85rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}"
       "td.pass{background:#d9f2d9}td.warn{background:#fff2cc}td.fail{background:#f8d0d0}td.invalid{background:#ddd}"
       "img{max-width:100%}.note{background:#fff2cc;padding:.5rem}")


def load(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def seed_rates() -> str:
    return (f"{seed.BASE_API_RPS:g} API req/s, {seed.BASE_PARSES_PER_S:g} parses/s, "
            f"{seed.BASE_RENDERS_PER_S:g} renders/s")
