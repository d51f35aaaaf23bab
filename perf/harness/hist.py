"""Latency recording: an HdrHistogram per stream (the ``hdrhistogram`` package: values in
microseconds from 1 µs to one hour at 3 significant digits, so every percentile is within
0.1 %), plus the raw values of each second for the per-second series."""
from __future__ import annotations

import math
from array import array
from typing import Any

from hdrh.histogram import HdrHistogram

HIGHEST_US = 3_600_000_000
DIGITS = 3
SPECTRUM = (0.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0)


def new_histogram() -> HdrHistogram:
    return HdrHistogram(1, HIGHEST_US, DIGITS)


def encode(hist: HdrHistogram) -> str:
    """The histogram's standard compressed, base64 form (what HdrHistogram tools read)."""
    return "" if hist.get_total_count() == 0 else hist.encode().decode("ascii")


def decode(encoded: str) -> HdrHistogram:
    return HdrHistogram.decode(encoded)


class Recorder:
    """One stream of one worker: a histogram of good requests, error counts by kind, and
    each second's values (keyed by the second of the *scheduled* send)."""

    def __init__(self, deadline_s: float = float("inf")) -> None:
        self.deadline_s = deadline_s        # completions after it do not count as throughput
        self.hist = new_histogram()
        self.in_window = 0
        self.done_per_s: dict[int, int] = {}
        self.sent = 0
        self.errors: dict[str, int] = {}
        self.seconds: dict[int, array[float]] = {}
        self.errors_per_s: dict[int, int] = {}

    def ok(self, offset_s: float, value_ms: float, done_s: float) -> None:
        """A good answer: scheduled ``offset_s`` into the run, finished at ``done_s``."""
        self.hist.record_value(min(HIGHEST_US, max(1, int(value_ms * 1000))))
        self.seconds.setdefault(int(offset_s), array("d")).append(value_ms)
        self.done_per_s[int(done_s)] = self.done_per_s.get(int(done_s), 0) + 1
        if done_s <= self.deadline_s:
            self.in_window += 1

    def error(self, offset_s: float, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        sec = int(offset_s)
        self.errors_per_s[sec] = self.errors_per_s.get(sec, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return {"hist": encode(self.hist), "sent": self.sent,
                "errors": self.errors, "seconds": {k: v.tolist() for k, v in self.seconds.items()},
                "errors_per_s": self.errors_per_s, "in_window": self.in_window, "done_per_s": self.done_per_s}


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One stream over all workers: summed counts, added histograms, joined seconds."""
    hist = new_histogram()
    out: dict[str, Any] = {"sent": 0, "errors": {}, "seconds": {}, "errors_per_s": {}, "in_window": 0,
                           "done_per_s": {}}
    for p in parts:
        if p["hist"]:
            hist.add(decode(p["hist"]))
        out["sent"] += p["sent"]
        for k, v in p["errors"].items():
            out["errors"][k] = out["errors"].get(k, 0) + v
        for s, vals in p["seconds"].items():
            out["seconds"].setdefault(int(s), []).extend(vals)
        for s, n in p["errors_per_s"].items():
            out["errors_per_s"][int(s)] = out["errors_per_s"].get(int(s), 0) + n
        for s, n in p["done_per_s"].items():
            out["done_per_s"][int(s)] = out["done_per_s"].get(int(s), 0) + n
        out["in_window"] += p["in_window"]
    out["hist"] = hist
    return out


def percentiles_ms(hist: HdrHistogram, qs: tuple[float, ...] = SPECTRUM) -> dict[str, float]:
    """``{"p50": ms, …}`` (``p0`` = min, ``p100`` = max); NaN for an empty histogram."""
    if hist.get_total_count() == 0:
        return {f"p{q:g}": math.nan for q in qs}
    out = {}
    for q in qs:
        v = hist.get_min_value() if q == 0 else hist.get_max_value() if q == 100 else hist.get_value_at_percentile(q)
        out[f"p{q:g}"] = round(v / 1000.0, 3)
    return out


def spectrum(hist: HdrHistogram) -> list[tuple[float, float]]:
    """The percentile distribution ``[(percentile, ms)]`` HdrHistogram plots draw (5 ticks
    per half distance)."""
    if hist.get_total_count() == 0:
        return []
    return [(round(it.percentile_level_iterated_to, 6), round(it.value_iterated_to / 1000.0, 3))
            for it in hist.get_percentile_iterator(5)]


def nearest_rank(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    s = sorted(values)
    return s[min(len(s), max(1, math.ceil(q / 100 * len(s)))) - 1]
