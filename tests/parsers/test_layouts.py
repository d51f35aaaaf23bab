"""Regression guard for our two stand-ins of the sealed evaluation sets, each with JSON Resume truth:
tests/parsers/layouts/ (Europass, Canva-like, Word/Google Docs and LaTeX CVs in eight languages) and
tests/parsers/themes/ (the visible corpus's people in unseen themes of the same tools; per-document
masks in docs/MANIFEST.json, as the corpus has). Every document parses, and the per-field F1 of the
shared scorer (../shared/tools/score_parser.py, imported, not re-implemented) stays at or above the
floors below, which sit 0.01 under the last measured scores; raise them when the parser gets better.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document

HERE = Path(__file__).resolve().parent
SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_parser.py"
SETS = ("layouts", "themes")

# F1 per field over a whole set (pdfium backend, in-process), 0.01 under the last measurement
# (see each set's README for the history): one document regressing on a field trips it.
FLOORS: dict[str, dict[str, float]] = {
    "layouts": {
        "basics.name": 0.99, "basics.email": 0.99, "basics.phone": 0.99, "basics.urls": 0.99,
        "basics.city": 0.99, "work.name": 0.99, "work.position": 0.99, "work.startDate": 0.99,
        "work.endDate": 0.99, "education.institution": 0.99, "education.area": 0.99,
        "education.studyType": 0.99, "education.startDate": 0.99, "education.endDate": 0.99, "skills": 0.99,
    },
    "themes": {
        "basics.name": 0.99, "basics.email": 0.99, "basics.phone": 0.99, "basics.urls": 0.96,
        "basics.city": 0.931, "work.name": 0.963, "work.position": 0.954, "work.startDate": 0.952,
        "work.endDate": 0.957, "education.institution": 0.814, "education.area": 0.813, "education.studyType": 0.825,
        "education.startDate": 0.881, "education.endDate": 0.866, "skills": 0.972,
    },
}
OVERALL_FLOORS = {"layouts": 0.99, "themes": 0.924}


def _docs(name: str) -> list[Path]:
    return sorted(p for p in (HERE / name / "docs").iterdir() if p.suffix in (".pdf", ".docx"))


def _load_scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is not available (the scorer ships in ../shared/tools)")
    spec = importlib.util.spec_from_file_location("htdy_layouts_score_parser", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module", params=SETS)
def parsed(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    """(set name, document name → JSON Resume or the exception its parse raised), pdfium, in-process."""
    pm = get_plugin_manager(load_entrypoints=False)
    settings, regs = settings_from_dict({}, environ={}), build_registries(pm, slots=("parsers",))
    out: dict[str, Any] = {}
    for p in _docs(request.param):
        try:
            out[p.name] = parse_document(p.read_bytes(), p.name, settings, regs, pm).resume
        except Exception as exc:  # noqa: BLE001 - reported by test_every_document_parses
            out[p.name] = exc
    return request.param, out


@pytest.mark.parametrize("name", SETS)
def test_set_is_complete(name: str) -> None:
    docs, truths = _docs(name), {p.stem for p in (HERE / name / "truth").glob("[0-9]*.json")}
    assert len(docs) >= 24 and len(truths) >= 12
    assert {p.name[:3] for p in docs} == truths


def test_every_document_parses(parsed: tuple[str, dict[str, Any]]) -> None:
    _, docs = parsed
    errors = {k: repr(v) for k, v in docs.items() if isinstance(v, Exception)}
    assert not errors, errors
    for name, resume in docs.items():
        assert resume.get("basics", {}).get("name"), f"{name}: no name found"


def test_field_floors(parsed: tuple[str, dict[str, Any]]) -> None:
    sc = _load_scorer()
    set_name, docs = parsed
    manifest_path = HERE / set_name / "docs" / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")).get("docs", {}) if manifest_path.is_file() else {}
    total: dict[str, Any] = defaultdict(sc.Counts)
    for name, resume in docs.items():
        truth = json.loads((HERE / set_name / "truth" / f"{name[:3]}.json").read_text(encoding="utf-8"))
        mask = manifest.get(name, {}) if isinstance(manifest.get(name), dict) else {}
        counts = sc.score_doc(truth, resume if isinstance(resume, dict) else {}, mask)
        for f, c in counts.items():
            total[f].add(c)
    scores = {f: total[f].prf()[2] for f in sc.FIELDS}
    below = {f: f"{scores[f]:.3f} < {floor}" for f, floor in FLOORS[set_name].items()
             if scores[f] is None or scores[f] < floor}
    overall = sc.macro(total)
    if overall < OVERALL_FLOORS[set_name]:
        below["OVERALL_F1"] = f"{overall:.3f} < {OVERALL_FLOORS[set_name]}"
    assert not below, (f"{set_name} set regressed: {below} "
                       f"(all: { {f: round(v or 0, 3) for f, v in scores.items()} }, overall {overall:.3f})")
