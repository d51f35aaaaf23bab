"""The job-matching evaluation (``htdy perf match``): the generator's truth, the written
relevance rules, the metrics, and a small, fast run of the command (the full run is
``htdy perf match``)."""
from __future__ import annotations

import json
import re
from datetime import date

from click.testing import CliRunner

from htdy.perf.match_bench import command
from htdy.perf.match_data import Ad, Profile, generate, grade, ndcg_at, recall_at
from htdy.perf.match_roles import ROLES

LINE = re.compile(r"^(NDCG10|RECALL20)_([A-Z0-9_]+)=([0-9.]+)$")
ROLE = {r.id: r for r in ROLES}


def _profile(role: str, skills: set[str], years: float) -> Profile:
    return Profile("p", ROLE[role], "en", skills, years, {})


def test_relevance_rules() -> None:
    ad = Ad("a", ROLE["backend_python"], "en", ["Python", "Django", "PostgreSQL", "Docker"], [], 3, "")
    assert grade(ad, _profile("backend_python", {"Python", "Django", "PostgreSQL"}, 4)) == 3
    assert grade(ad, _profile("backend_python", {"Python", "Django", "PostgreSQL"}, 1)) == 2  # too junior
    assert grade(ad, _profile("backend_python", {"Flask"}, 9)) == 2              # the role, not the skills
    assert grade(ad, _profile("backend_java", {"Python", "Django", "PostgreSQL"}, 9)) == 2  # family + skills
    assert grade(ad, _profile("frontend", set(), 9)) == 1                        # the family only
    assert grade(ad, _profile("data_scientist", {"Python", "Docker"}, 9)) == 1  # half the skills
    assert grade(ad, _profile("nurse", {"Python"}, 9)) == 0


def test_metrics() -> None:
    grades = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at(["a", "b", "c"], grades) == 1.0
    assert 0 < ndcg_at(["c", "b", "a"], grades) < ndcg_at(["a", "c", "b"], grades) < 1
    assert ndcg_at(["x", "y"], grades) == 0.0
    assert recall_at(["a", "x"], grades) == 0.5 and recall_at(["b", "a"], grades) == 1.0


def test_generated_set_is_seeded_multilingual_and_graded() -> None:
    pool, ads = generate(60, 10, seed=3, today=date(2026, 12, 1))
    again, _ = generate(60, 10, seed=3, today=date(2026, 12, 1))
    assert [p.resume for p in pool] == [p.resume for p in again]
    assert len({p.lang for p in pool}) >= 5 and len({a.lang for a in ads}) == 5
    assert len({a.role.id for a in ads}) == 10
    for ad in ads:
        assert ad.role.title(ad.lang) in ad.text and all(s in ad.text for s in ad.required)
        assert all(g in (1, 2, 3) for g in ad.grades.values())
        same = [p for p in pool if p.role.id == ad.role.id]
        assert all(ad.grades.get(p.id, 0) >= 2 for p in same)


def test_perf_match_small_run(tmp_path) -> None:
    result = CliRunner().invoke(command, ["--profiles", "60", "--ads", "8", "--seed", "5",
                                          "--matcher", "lexical", "--dump", str(tmp_path / "set")])
    assert result.exit_code == 0, result.output
    values = {(m.group(1), m.group(2)): float(m.group(3)) for line in result.output.splitlines()
              if (m := LINE.match(line))}
    assert set(values) == {(k, n) for k in ("NDCG10", "RECALL20") for n in ("FULLTEXT", "LEXICAL")}
    assert all(0 <= v <= 1 for v in values.values())
    # the vocabulary, titles and years must beat plain full-text search on the same set
    assert values[("NDCG10", "LEXICAL")] > values[("NDCG10", "FULLTEXT")]
    ads = json.loads((tmp_path / "set" / "ads.json").read_text())
    profiles = json.loads((tmp_path / "set" / "profiles.json").read_text())
    assert len(ads) == 8 and len(profiles) == 60 and all("grades" in a for a in ads)


def test_generated_set_does_not_depend_on_the_hash_seed() -> None:
    import os
    import subprocess
    import sys

    code = ("import json; from datetime import date; from htdy.perf.match_data import generate; "
            "p, a = generate(80, 5, seed=2, today=date(2026, 1, 1)); "
            "print(json.dumps([x.resume for x in p] + [x.text for x in a], sort_keys=True))")
    outs = {subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONHASHSEED=str(s)),
                           capture_output=True, text=True, check=True, timeout=120).stdout for s in (1, 2)}
    assert len(outs) == 1
