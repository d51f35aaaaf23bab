"""One contract, both search backends: SQLite FTS5 and OpenSearch (osmem-server stand-in).
Scores differ between engines (and osmem's BM25 is not Lucene's): only orders that any
sane ranking must agree on are asserted."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from htdy.core.host.errors import ValidationFailed
from htdy.core.host.interfaces import SearchBackend, SearchPage
from htdy.plugins.search_backends.embedded import EmbeddedSearch
from htdy.plugins.search_backends.opensearch import OpenSearchSearch

DOCS = {
    "ada": {"name": "Ada Lovelace", "label": "Python Developer",
            "summary": "Backend engineer building data pipelines in Python and Go.",
            "skills": ["Python", "Go", "Postgres"], "location": "Berlin, Germany",
            "keywords": ["backend", "data"], "title": "Senior Backend Engineer", "city": "Berlin",
            "country": "de", "languages": ["English", "Deutsch (C1)"], "years": 12.5, "open_to_work": True},
    "grace": {"name": "Grace Hopper", "label": "COBOL Engineer",
              "summary": "Compilers and mainframes. Some Python scripting.",
              "skills": ["COBOL", "Fortran"], "location": "Zurich, Switzerland", "keywords": ["compilers"],
              "title": "Compiler Engineer", "city": "Zürich", "country": "CH", "languages": ["English"],
              "years": 30},
    "linus": {"name": "Linus Torvalds", "label": "Systems Programmer", "summary": "C and Rust kernel work.",
              "skills": ["C", "Rust", "Linux", "k8s"], "location": "Helsinki, Finland", "keywords": [],
              "title": "Kernel Maintainer", "city": "Helsinki", "country": "FI",
              "languages": ["Finnish", "Swedish", "English"], "years": 4},
    "jose": {"name": "José Müller", "label": "Frontend Developer", "summary": "JavaScript and TypeScript; React.",
             "skills": ["JS", "TypeScript", "React.js", "C#"], "location": "München, Germany",
             "title": "Frontend Developer", "city": "München", "country": "DE",
             "languages": ["Deutsch", "Español"], "years": 1.5, "open_to_work": True},
    "margaret": {"name": "Margaret Hamilton", "label": "Software Engineer",
                 "summary": "Flight software <script>alert(1)</script> and reliability.",
                 "skills": ["Java EE", "Python", "C++"], "location": "Berlin, Germany", "keywords": ["apollo"],
                 "title": "Director of Software Engineering", "city": "Berlin", "country": "DE",
                 "languages": ["English"], "years": 7},
}


@pytest.fixture(params=["embedded", "opensearch"])
async def search(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SearchBackend]:
    backend: SearchBackend
    if request.param == "embedded":
        backend = EmbeddedSearch(EmbeddedSearch.Options(path=str(tmp_path / "search.sqlite3")))
    else:
        url = request.getfixturevalue("osmem_url")
        backend = OpenSearchSearch(OpenSearchSearch.Options(hosts=[url], index_prefix="htdy-test"))
    await backend.start()
    for cv_id, doc in DOCS.items():
        await backend.index(cv_id, doc)
    try:
        yield backend
    finally:
        await backend.close()


async def ids(search: SearchBackend, query: str, filters: dict[str, str] | None = None) -> list[str]:
    page = await search.search(query, filters=filters)
    return [h.cv_id for h in page.hits]


async def test_single_word_ranks_the_strongest_match_first(search: SearchBackend) -> None:
    page = await search.search("python")
    assert {h.cv_id for h in page.hits} == {"ada", "grace", "margaret"} and page.total == 3
    assert page.hits[0].cv_id == "ada"  # name/label/skills/summary all say Python
    assert page.hits[-1].cv_id == "grace"  # only the summary mentions it
    assert all(h.score > 0 for h in page.hits)
    assert [h.score for h in page.hits] == sorted((h.score for h in page.hits), reverse=True)


async def test_prefix_matching(search: SearchBackend) -> None:
    assert set(await ids(search, "pyth")) == {"ada", "grace", "margaret"}
    assert set(await ids(search, "typescr")) == {"jose"}


async def test_all_words_must_match(search: SearchBackend) -> None:
    assert set(await ids(search, "python berlin")) == {"ada", "margaret"}
    assert await ids(search, "python helsinki") == []


async def test_skill_filter_is_exact_and_case_insensitive(search: SearchBackend) -> None:
    assert set(await ids(search, "", filters={"skill": "PYTHON"})) == {"ada", "margaret"}
    assert await ids(search, "", filters={"skill": "java"}) == []
    assert await ids(search, "", filters={"skill": "java ee"}) == ["margaret"]
    assert set(await ids(search, "engineer", filters={"skill": "python"})) == {"ada", "margaret"}


async def test_location_filter(search: SearchBackend) -> None:
    assert await ids(search, "", filters={"location": "germany"}) == ["ada", "jose", "margaret"]
    assert await ids(search, "", filters={"location": "Berlin"}) == ["ada", "margaret"]
    assert await ids(search, "developer", filters={"location": "berlin", "skill": "python"}) == ["ada"]


async def test_empty_query_lists_everything_in_id_order(search: SearchBackend) -> None:
    page = await search.search("")
    assert page.total == 5 and [h.cv_id for h in page.hits] == sorted(DOCS)


async def test_pagination(search: SearchBackend) -> None:
    seen = []
    for offset in (0, 2, 4):
        page = await search.search("", limit=2, offset=offset)
        assert page.total == 5
        seen += [h.cv_id for h in page.hits]
    assert seen == sorted(DOCS)
    ranked = [h.cv_id for h in (await search.search("python", limit=1, offset=1)).hits]
    assert len(ranked) == 1 and ranked[0] != "ada"


async def test_highlights_are_marked_and_escaped(search: SearchBackend) -> None:
    page = await search.search("python")
    ada = next(h for h in page.hits if h.cv_id == "ada")
    assert any("<mark>Python</mark>" in frag for frags in ada.highlights.values() for frag in frags)
    page = await search.search("flight")
    [hit] = page.hits
    summary = " ".join(hit.highlights["summary"])
    assert "<mark>Flight</mark>" in summary and "<script>" not in summary and "&lt;script&gt;" in summary


async def test_document_roundtrip(search: SearchBackend) -> None:
    [hit] = (await search.search("hopper")).hits
    assert hit.document == {"cv_id": "grace", "name": "Grace Hopper", "label": "COBOL Engineer",
                            "summary": "Compilers and mainframes. Some Python scripting.",
                            "skills": ["COBOL", "Fortran"], "skill_keys": ["cobol", "fortran"],
                            "location": "Zurich, Switzerland", "keywords": ["compilers"],
                            "title": "Compiler Engineer", "city": "Zürich", "country": "CH",
                            "languages": ["English"], "years": 30.0, "open_to_work": False,
                                "experience": []}
    [hit] = (await search.search("müller")).hits
    assert hit.document["skills"] == ["JavaScript", "TypeScript", "React", "C#"]  # onto the vocabulary
    assert hit.document["languages"] == ["German", "Spanish"]


async def test_reindex_replaces_and_remove_deletes(search: SearchBackend) -> None:
    await search.index("ada", dict(DOCS["ada"], summary="Now writing Haskell.", skills=["Haskell"]))
    assert await ids(search, "haskell") == ["ada"]
    assert await ids(search, "", filters={"skill": "python"}) == ["margaret"]
    assert (await search.search("")).total == 5
    await search.remove("ada")
    await search.remove("ada")  # removing twice is fine
    await search.remove("never-indexed")
    assert await ids(search, "haskell") == [] and (await search.search("")).total == 4


async def test_hostile_queries_are_plain_words(search: SearchBackend) -> None:
    for q in ['python" OR -*(', "NEAR(a b)", "skills:python", "AND", "'; DROP TABLE cv_docs; --", "🙂"]:
        await search.search(q)
    assert set(await ids(search, 'python" -*(')) == {"ada", "grace", "margaret"}


async def test_bad_filter_and_page_rejected(search: SearchBackend) -> None:
    with pytest.raises(ValidationFailed):
        await search.search("x", filters={"salary": "lots"})
    with pytest.raises(ValidationFailed):
        await search.search("x", limit=0)


async def test_check(search: SearchBackend) -> None:
    await search.check()


# ------------------------------------------------------------------ backend-specific
async def test_embedded_folds_diacritics(tmp_path: Path) -> None:
    s = EmbeddedSearch(EmbeddedSearch.Options(path=str(tmp_path / "s.sqlite3")))
    await s.start()
    try:
        await s.index("jose", DOCS["jose"])
        assert await ids(s, "munchen") == ["jose"] and await ids(s, "jose") == ["jose"]
    finally:
        await s.close()


async def test_opensearch_forgives_typos(osmem_url: str) -> None:
    s = OpenSearchSearch(OpenSearchSearch.Options(hosts=[osmem_url], index="typos"))
    await s.start()
    try:
        for cv_id, doc in DOCS.items():
            await s.index(cv_id, doc)
        assert (await ids(s, "pyhton"))[0] == "ada"
        assert "grace" in await ids(s, "compilrs")
    finally:
        await s.close()


async def test_searches_during_reindexing_see_whole_documents(search: SearchBackend) -> None:
    async def writer() -> None:
        for i in range(30):
            await search.index("ada", dict(DOCS["ada"], summary=f"revision {i} of the summary"))

    async def reader() -> list[int]:
        totals = []
        for _ in range(30):
            totals.append((await search.search("", filters={"location": "berlin"})).total)
            await asyncio.sleep(0)
        return totals

    _, totals = await asyncio.gather(writer(), reader())
    assert set(totals) == {2}, "a document being replaced never disappears or doubles"


# ------------------------------------------------------------------ skills vocabulary, filters, facets
async def test_skill_filter_uses_the_vocabulary(search: SearchBackend) -> None:
    # indexed as "JS", "Postgres", "k8s": found by their canonical names and other aliases
    for skill in ("JS", "javascript", "ECMAScript", "JavaScript"):
        assert await ids(search, "", filters={"skill": skill}) == ["jose"], skill
    assert await ids(search, "", filters={"skill": "PostgreSQL"}) == ["ada"]
    assert await ids(search, "", filters={"skill": "postgres"}) == ["ada"]
    assert await ids(search, "", filters={"skill": "Kubernetes"}) == ["linus"]
    assert await ids(search, "", filters={"skill": "K8S"}) == ["linus"]
    assert await ids(search, "", filters={"skill": "React"}) == ["jose"]  # indexed as "React.js"


async def test_c_sharp_and_c_plus_plus_are_not_c(search: SearchBackend) -> None:
    assert await ids(search, "", filters={"skill": "C"}) == ["linus"]
    assert await ids(search, "", filters={"skill": "c#"}) == ["jose"]
    assert await ids(search, "", filters={"skill": "C++"}) == ["margaret"]
    assert await ids(search, "C#") == ["jose"]
    assert await ids(search, "c++") == ["margaret"]
    assert await ids(search, "C") == ["linus"]


async def test_query_names_skills_by_alias(search: SearchBackend) -> None:
    assert await ids(search, "k8s") == ["linus"]
    assert await ids(search, "postgres") == ["ada"]
    assert await ids(search, "js react") == ["jose"]
    assert await ids(search, "Go") == ["ada"]  # the skill, not every word starting with "go"


async def test_skill_filter_needs_every_skill_and_is_accent_insensitive(search: SearchBackend) -> None:
    assert await ids(search, "", filters={"skill": "python, postgres"}) == ["ada"]
    assert set(await ids(search, "", filters={"skill": "Python"})) == {"ada", "margaret"}
    assert await ids(search, "", filters={"skill": "PostgréSQL"}) == ["ada"]
    with pytest.raises(ValidationFailed):
        await search.search("", filters={"skill": ",".join(f"s{i}" for i in range(11))})


async def test_place_language_filters(search: SearchBackend) -> None:
    assert await ids(search, "", filters={"country": "de"}) == ["ada", "jose", "margaret"]
    assert await ids(search, "", filters={"country": "Germany"}) == ["ada", "jose", "margaret"]
    assert await ids(search, "", filters={"country": "CHE"}) == ["grace"]
    assert await ids(search, "", filters={"city": "zurich"}) == ["grace"]
    assert await ids(search, "", filters={"city": "Munchen"}) == ["jose"]
    assert await ids(search, "", filters={"city": "berlin", "skill": "c++"}) == ["margaret"]
    assert await ids(search, "", filters={"language": "German"}) == ["ada", "jose"]  # "Deutsch (C1)"
    assert await ids(search, "", filters={"language": "deutsch"}) == ["ada", "jose"]
    assert await ids(search, "", filters={"language": "english"}) == ["ada", "grace", "linus", "margaret"]


async def test_experience_title_and_open_to_work_filters(search: SearchBackend) -> None:
    assert await ids(search, "", filters={"min_years": "5"}) == ["ada", "grace", "margaret"]
    assert await ids(search, "", filters={"max_years": "5"}) == ["jose", "linus"]
    assert await ids(search, "", filters={"min_years": "5", "max_years": "10"}) == ["margaret"]
    assert await ids(search, "", filters={"open_to_work": "true"}) == ["ada", "jose"]
    assert await ids(search, "", filters={"open_to_work": "false"}) == ["grace", "linus", "margaret"]
    assert await ids(search, "", filters={"title": "backend engineer"}) == ["ada"]
    assert await ids(search, "", filters={"title": "engineer"}) == ["ada", "grace", "margaret"]
    for bad in ({"min_years": "lots"}, {"max_years": "-1"}, {"open_to_work": "maybe"}):
        with pytest.raises(ValidationFailed):
            await search.search("", filters=bad)


def counts(page: SearchPage, facet: str) -> dict[str, int]:
    return {f["label"]: f["count"] for f in page.facets[facet]}


async def test_facets_count_every_match(search: SearchBackend) -> None:
    page = await search.search("", limit=1, facets=True)
    assert counts(page, "skill")["Python"] == 2 and counts(page, "skill")["C#"] == 1
    assert page.facets["skill"][0] == {"value": "python", "label": "Python", "count": 2}  # most common first
    assert counts(page, "country") == {"Germany": 3, "Switzerland": 1, "Finland": 1}
    assert [f["value"] for f in page.facets["country"]] == ["de", "fi", "ch"]  # by count, then name
    assert counts(page, "city") == {"Berlin": 2, "Zürich": 1, "Helsinki": 1, "München": 1}
    assert counts(page, "language")["English"] == 4 and counts(page, "language")["German"] == 2
    assert [(f["value"], f["count"]) for f in page.facets["years"]] == [("0-2", 1), ("2-5", 1), ("5-10", 1),
                                                                        ("10+", 2)]
    assert counts(page, "open_to_work") == {"Open to work": 2}
    page = await search.search("python", facets=True)
    assert counts(page, "country") == {"Germany": 2, "Switzerland": 1}
    page = await search.search("", filters={"skill": "c"}, facets=True)
    assert counts(page, "city") == {"Helsinki": 1}
    assert (await search.search("python")).facets == {}  # only when asked


async def test_hits_say_why_they_matched(search: SearchBackend) -> None:
    page = await search.search("python")
    why = {h.cv_id: h.reasons for h in page.hits}
    assert why["ada"] == {"skills": ["Python"], "title": "Python Developer", "text": ["summary"]}
    assert why["margaret"] == {"skills": ["Python"], "title": None, "text": []}
    assert why["grace"] == {"skills": [], "title": None, "text": ["summary"]}
    [hit] = (await search.search("frontend", filters={"skill": "JS"})).hits
    assert hit.reasons == {"skills": ["JavaScript"], "title": "Frontend Developer", "text": []}
    [hit] = (await search.search("k8s kernel")).hits
    assert hit.reasons == {"skills": ["Kubernetes"], "title": "Kernel Maintainer", "text": ["summary"]}


async def test_opensearch_adds_new_fields_to_an_older_index_and_asks_for_a_rebuild(osmem_url: str) -> None:
    from opensearchpy import AsyncOpenSearch

    old = {"dynamic": "strict", "properties": {"cv_id": {"type": "keyword"}, "name": {"type": "text"},
                                               "skills_lc": {"type": "keyword"}}}
    client = AsyncOpenSearch(hosts=[osmem_url])
    await client.indices.create(index="older", body={"mappings": old})
    await client.close()
    s = OpenSearchSearch(OpenSearchSearch.Options(hosts=[osmem_url], index="older"))
    await s.start()
    try:
        assert s.needs_rebuild
        await s.index("ada", DOCS["ada"])
        assert await ids(s, "", filters={"skill": "postgresql"}) == ["ada"]
    finally:
        await s.close()
    again = OpenSearchSearch(OpenSearchSearch.Options(hosts=[osmem_url], index="older"))
    await again.start()
    try:
        assert not again.needs_rebuild  # up to date now
    finally:
        await again.close()
