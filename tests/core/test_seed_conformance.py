"""docs/seed-conformance.md stays true: every test it cites exists (file and function), every
repository path it names exists, every row has a known status, and the counts table adds up."""
from __future__ import annotations

import collections
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "seed-conformance.md"
STATUSES = {"M", "I", "D", "X"}


def _rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| seed", "| ---", "| status", "| **")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0][:2] in ("M ", "I ", "D ", "X "):  # the counts table
            continue
        rows.append(cells)
    return rows


def test_every_row_has_a_status_and_an_answer() -> None:
    rows = _rows()
    assert len(rows) > 80
    for cells in rows:
        assert set(cells[1].split("/")) <= STATUSES, cells
        assert cells[2] not in ("", "—"), f"row {cells[0]!r} names nothing that implements or designs it"


def test_cited_tests_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    cited = re.findall(r"(tests/[\w/]+\.py)(?:::(test_\w+))?", text)
    assert len(cited) > 30
    for path, func in cited:
        file = REPO / path
        assert file.is_file(), f"{path} does not exist"
        if func:
            assert re.search(rf"def {func}\(", file.read_text(encoding="utf-8")), f"{path}::{func} does not exist"
    for short, func in re.findall(r"`(test_\w+\.py)::(test_\w+)`", text):
        matches = list((REPO / "tests").rglob(short))
        assert matches and any(re.search(rf"def {func}\(", m.read_text(encoding="utf-8")) for m in matches), \
            f"{short}::{func} does not exist"


def test_cited_paths_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:core|deploy|plugins|parsers|renderers|storage_backends|perf|migrations)/[\w./-]+?)`",
                           text))
    assert len(paths) > 15
    for p in sorted(paths):
        assert (REPO / p.rstrip("/")).exists(), f"{p} does not exist"


def test_counts_add_up() -> None:
    counted = collections.Counter(cells[1].split("/")[0] for cells in _rows())
    table = dict(re.findall(r"^\| ([MIDX]) — [^|]+\| (\d+) \|$", DOC.read_text(encoding="utf-8"), re.M))
    assert {k: int(v) for k, v in table.items()} == dict(counted)
