"""The report's plots (matplotlib, PNG): latency over time with the scenario's rate, the
percentile spectrum of every stream, throughput against its target."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from htdy.perf.harness import hist as H

GROUP_COLOURS = {"api_read": "tab:blue", "api_write": "tab:orange", "upload": "tab:brown", "parse": "tab:purple",
                 "analytics": "tab:olive", "render": "tab:green"}


def _plt() -> Any:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def representative(sc: dict[str, Any]) -> dict[str, Any]:
    """The median repeat by API read P95 (the one the time plots show)."""
    reps = sc["repeats"]
    key = [(r["groups"].get("api_read", {}).get("percentiles", {}).get("p95") or 0.0, i) for i, r in enumerate(reps)]
    return reps[sorted(key)[len(key) // 2][1]]


def latency_over_time(sc: dict[str, Any], path: Path) -> Path:
    plt = _plt()
    rep = representative(sc)
    fig, ax = plt.subplots(figsize=(11, 4.8))
    for key, g in rep["groups"].items():
        ys = [v if v is not None else math.nan for v in g["p95_per_s"]]
        ax.plot(range(len(ys)), ys, label=f"{key} P95", color=GROUP_COLOURS.get(key), lw=1.4)
    ax.set(xlabel="seconds into the run", ylabel="per-second P95 (ms; uploads ms/MB)", yscale="log",
           title=f"{sc['scenario']}: latency over time (repeat shown: median by read P95)")
    ax2 = ax.twinx()
    api = rep["services"].get("api", {})
    t, rate = 0.0, []
    for seconds, mult, _ in rep["segments"]:
        rate.append((t, t + seconds, mult))
        t += seconds
    offered_api = [next((m for a, b, m in rate if a <= s < b), rate[-1][2]) for s in range(len(api.get("ok_per_s", [])))]
    base = api.get("offered_rate", 0.0) / max(1e-9, sum(m * s for s, m, _ in rep["segments"]) / rep["duration_s"])
    ax2.step(range(len(offered_api)), [m * base for m in offered_api], where="post", color="grey", ls="--",
             label="offered API req/s")
    ax2.plot(range(len(api.get("ok_per_s", []))), api.get("ok_per_s", []), color="grey", lw=0.8, alpha=0.7,
             label="completed API req/s")
    ax2.set_ylabel("API req/s")
    ax2.set_ylim(bottom=0)
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], fontsize=7, loc="upper left", ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def spectrum(sc: dict[str, Any], hello: dict[str, Any] | None, path: Path) -> Path:
    plt = _plt()
    rep = representative(sc)
    fig, ax = plt.subplots(figsize=(11, 5.5))
    ax.set_prop_cycle(color=[plt.get_cmap("tab20")(i) for i in range(20)])
    items = [(n, s["hist"]) for n, s in sorted(rep["streams"].items()) if s["hist"]]
    if hello and hello.get("hist"):
        items.append(("hello world (baseline)", hello["hist"]))
    for name, enc in items:
        pts = [(p, v) for p, v in H.spectrum(H.decode(enc)) if p < 100]
        if not pts:
            continue
        xs = [1.0 / (1.0 - p / 100.0) for p, _ in pts]
        ax.plot(xs, [v for _, v in pts], label=name, lw=1.8 if name.startswith("hello") else 1.2,
                ls=":" if name.startswith("hello") else "-", **({"color": "black"} if name.startswith("hello") else {}))
    ticks = [1, 2, 10, 100, 1000, 10000]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(ticks, ["0%", "50%", "90%", "99%", "99.9%", "99.99%"])
    ax.set(xlabel="percentile", ylabel="ms (uploads: ms/MB)", title=f"{sc['scenario']}: percentile spectrum per stream")
    ax.legend(fontsize=7, ncol=2)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def throughput(scenarios: dict[str, Any], path: Path) -> Path:
    plt = _plt()
    names = list(scenarios)
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
    for ax, (svc, label) in zip(axes, (("api", "API req/s"), ("parse", "parses/s"), ("render", "renders/s")),
                                strict=True):
        off, ach, lo, hi = [], [], [], []
        for n in names:
            vals = [r["services"].get(svc, {}) for r in scenarios[n]["repeats"]]
            a = sorted(v.get("achieved_rate", 0.0) for v in vals) or [0.0]
            off.append(sorted(v.get("offered_rate", 0.0) for v in vals)[len(vals) // 2] if vals else 0.0)
            ach.append(a[len(a) // 2])
            lo.append(a[len(a) // 2] - a[0])
            hi.append(a[-1] - a[len(a) // 2])
        xs = range(len(names))
        ax.bar([x - 0.2 for x in xs], off, width=0.4, color="white", edgecolor="black", hatch="//",
               label="offered (target × scale)")
        ax.bar([x + 0.2 for x in xs], ach, width=0.4, yerr=[lo, hi], color="tab:blue", label="achieved (median, range)")
        ax.set_xticks(list(xs), names)
        ax.set(title=label, ylabel=label)
        ax.legend(fontsize=7)
    fig.suptitle("throughput vs target (§1.2 rates × scenario × --scale)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def make_all(results: dict[str, Any], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, sc in results["scenarios"].items():
        if not sc["repeats"]:
            continue
        out.append(latency_over_time(sc, folder / f"{name}-latency.png"))
        out.append(spectrum(sc, results.get("baseline", {}).get(name), folder / f"{name}-spectrum.png"))
    if results["scenarios"]:
        out.append(throughput(results["scenarios"], folder / "throughput.png"))
    return out
