"""CI smoke run of ``htdy perf run``: the ``base`` scenario at a tiny scale against a
``make run``-style server (``htdy migrate`` then ``htdy serve``, SQLite, everything embedded,
rate limits off) started here. Asserts that the report is complete and ratio thresholds
only — no absolute times, so a slow or busy CI machine does not fail it."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from htdy.perf import api_bench
from htdy.perf.harness import hist as H
from htdy.perf.harness import seed

DURATION = 3


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Path]]:
    tmp = Path(tempfile.mkdtemp(prefix="htdy-perf-smoke-"))
    port = api_bench.free_port()
    cfg = api_bench.write_config(tmp, port)
    env = {k: v for k, v in os.environ.items() if not (k.startswith("HTDY_") and "__" in k)}
    env["HTDY_CONFIG"] = str(cfg)
    mig = subprocess.run(api_bench.htdy_argv(cfg, "migrate"), capture_output=True, text=True, env=env, cwd=tmp,
                         timeout=120)
    assert mig.returncode == 0, mig.stderr
    srv = api_bench.Server("htdy serve", api_bench.htdy_argv(cfg, "serve"), port, tmp / "serve.log", env=env)
    try:
        srv.wait_ready("/livez")
        yield srv.base, tmp
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def run_dir(server: tuple[str, Path]) -> Path:
    base, tmp = server
    out = tmp / "report"
    proc = subprocess.run(
        [*api_bench.htdy_argv(tmp / "htdy.toml", "perf", "run"), "--target", base, "--scenario", "base",
         "--scale", "0.02", "--duration", str(DURATION), "--repeats", "2", "--users", "2", "--out", str(out),
         "--note", "CI smoke"],
        capture_output=True, text=True, timeout=180, cwd=tmp)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_report_is_complete(run_dir: Path) -> None:
    results = json.loads((run_dir / "results.json").read_text())
    reps = results["scenarios"]["base"]["repeats"]
    assert len(reps) == 2
    for rep in reps:
        names = set(rep["streams"])
        assert {s.name for s in seed.STREAMS} | {"parse"} <= names
        for name, s in rep["streams"].items():
            assert s["ok"] + sum(s["errors"].values()) >= 1, name
            assert len(s["series"]) == DURATION                     # per-second series
            if s["ok"]:
                assert H.decode(s["hist"]).get_total_count() == s["ok"]
        assert {"api_read", "api_write", "upload", "parse", "render", "analytics"} <= set(rep["groups"])
        assert rep["target_samples"], "the target process was not sampled"
        assert "rss_mb" in rep["target_samples"][-1]
    md = (run_dir / "report.md").read_text()
    for target in seed.RESPONSE.values():
        assert f"| base | {target.label} P95 |" in md and f"| base | {target.label} P99 |" in md
    for label in ("§1.2 API servers", "§1.2 CV parser", "§1.2 Template rendering", "§6.2 Error rate",
                  "§6.3 JavaScript bundle", "Hello-world baseline"):
        assert label in md
    verdicts = [line.split("|")[5].strip() for line in md.splitlines() if line.startswith("| base | §")]
    assert verdicts and set(verdicts) <= {"**PASS**", "**WARN**", "**FAIL**", "**INVALID**"}
    html = (run_dir / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 3
    for png in ("base-latency.png", "base-spectrum.png", "throughput.png"):
        assert (run_dir / "plots" / png).read_bytes()[:4] == b"\x89PNG"
    assert results["cleanup"] == "removed 2 accounts"


def test_ratios_within_thresholds(run_dir: Path) -> None:
    results = json.loads((run_dir / "results.json").read_text())
    hello = results["baseline"]["base"]
    assert hello["achieved_rate"] / hello["offered_rate"] >= 0.95
    for rep in results["scenarios"]["base"]["repeats"]:
        api = rep["services"]["api"]
        assert api["achieved_rate"] / api["offered_rate"] >= 0.9, api
        ok = sum(s["ok"] for s in rep["streams"].values())
        err = sum(sum(s["errors"].values()) for s in rep["streams"].values())
        assert err / (ok + err) <= 0.01, {n: s["errors"] for n, s in rep["streams"].items() if s["errors"]}
        assert rep["streams"]["parse"]["ok"] == sum(rep["streams"][n]["ok"] for n in seed.UPLOAD_BYTES)
        reads, h = rep["groups"]["api_read"]["percentiles"]["p50"], hello["percentiles"]["p50"]
        assert reads / h <= 50, (reads, h)       # a cached read is a few hello-worlds, not hundreds


def test_test_data_is_removed(server: tuple[str, Path], run_dir: Path) -> None:
    db = sqlite3.connect(server[1] / "htdy.sqlite3")
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        user_table = next(t for t in ("users", "user") if t in tables)
        assert db.execute(f"select count(*) from {user_table} where email like 'perf-%'").fetchone()[0] == 0
        cv_table = next(t for t in ("cvs", "cv") if t in tables)
        assert db.execute(f"select count(*) from {cv_table}").fetchone()[0] == 0
    finally:
        db.close()


def test_report_rerenders_from_results(server: tuple[str, Path], run_dir: Path) -> None:
    before = (run_dir / "report.md").read_text()
    (run_dir / "report.md").unlink()
    (run_dir / "plots" / "throughput.png").unlink()
    proc = subprocess.run([*api_bench.htdy_argv(server[1] / "htdy.toml", "perf", "report"), str(run_dir)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (run_dir / "report.md").read_text() == before
    assert (run_dir / "plots" / "throughput.png").exists()
    assert "PASS=" in proc.stdout and sys.executable
