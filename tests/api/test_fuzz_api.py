"""The short schemathesis run of ``make fuzz-api`` (tests/fuzz/fuzz_api.py) inside the suite:
every check, every phase, a few examples per operation on SQLite — 0 server errors and 0
schema violations. The full run (both databases, ≥ 20,000 requests) is ``make fuzz-api``."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_api.py"


@pytest.mark.timeout(240)
def test_schemathesis_finds_no_server_error_and_no_violation():
    pytest.importorskip("schemathesis")
    out = subprocess.run([sys.executable, str(RUNNER), "--database", "sqlite", "--max-examples", "1"],
                         capture_output=True, text=True, timeout=230)
    text = out.stdout + out.stderr
    line = next((ln for ln in text.splitlines() if ln.startswith("sqlite:")), "")
    m = re.match(r"sqlite: (\d+) requests, (\d+) server errors \(5xx\), (\d+) violations", line)
    assert m, text[-3000:]
    requests, errors, violations = map(int, m.groups())
    assert requests > 500, line  # the run reached the API (every operation, several cases each)
    assert (errors, violations) == (0, 0), text[-3000:]
    assert out.returncode == 0, text[-3000:]
