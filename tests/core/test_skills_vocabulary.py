"""The skills vocabulary (core/skills) and the search document built from a CV
(core/services/search_document)."""
from __future__ import annotations

from datetime import date

import pytest

from htdy.core.services.search_document import (
    current_title,
    document_for,
    skills_and_groups,
    years_of_experience,
)
from htdy.core.skills import Vocabulary, fold, vocabulary


def names(texts: list[str]) -> list[str]:
    return [t.name for t in vocabulary().skills_in(texts)]


def test_shipped_with_source_and_licence() -> None:
    v = vocabulary()
    assert v.licence == "CC0-1.0" and "htdy project" in v.source
    assert len(set(v.skills.values())) >= 200 and len(set(v.languages.values())) >= 30


def test_fold_keeps_the_symbols_that_tell_skills_apart() -> None:
    assert fold("  Ç++ ") == "c++" and fold("C#") == "c#" and fold(".NET") == ".net"
    assert fold("Node.js.") == "node.js" and fold("• PostgréSQL,") == "postgresql"
    assert len({fold(x) for x in ("C", "C#", "C++", ".NET", "F#")}) == 5


def test_aliases_and_canonical_names() -> None:
    assert names(["JS", "Postgres", "k8s", "golang", "ReactJS"]) == [
        "JavaScript", "PostgreSQL", "Kubernetes", "Go", "React"]
    assert names(["C#", "C", "C++", "c sharp"]) == ["C#", "C", "C++"]  # "c sharp" is C# again
    assert names(["Maschinelles Lernen", "Apprentissage automatique"]) == ["Machine Learning"]


def test_free_text_skills_are_split_and_normalised() -> None:
    assert names(["Python (Django, Flask)", "Go / Rust", "CI/CD", "Java - advanced"]) == [
        "Python", "Django", "Flask", "Go", "Rust", "CI/CD", "Java"]
    assert names(["Underwater basket weaving"]) == ["Underwater basket weaving"]  # unknown: kept whole
    assert names(["python", "PYTHON", "Python3"]) == ["Python"]


def test_spoken_languages() -> None:
    v = vocabulary()
    assert [v.language(x) for x in ("Deutsch (C1)", "English: native", "Español", "日本語", "klingon")] == [
        "German", "English", "Spanish", "Japanese", "Klingon"]


def test_query_skills_take_the_longest_phrase() -> None:
    found, rest = vocabulary().query_skills("senior ruby on rails dev with machine learning")
    assert [t.name for t, _ in found] == ["Ruby on Rails", "Machine Learning"]
    assert rest == "senior dev with"


def test_an_alias_naming_two_skills_fails_loudly() -> None:
    with pytest.raises(ValueError, match="names both"):
        Vocabulary({"skills": {"Go": ["golang"], "Golang2": ["GoLang"]}, "languages": {}})


RESUME = {
    "basics": {"name": "Rob", "label": "Gopher", "location": {"city": "Zürich", "countryCode": "CH"}},
    "skills": [{"name": "Languages", "keywords": ["Go", "JS"]}, {"name": "Python", "keywords": ["Django"]},
               {"name": "Postgres"}],
    "languages": [{"language": "Deutsch"}],
    "work": [{"position": "Staff Engineer", "startDate": "2020-01"},
             {"position": "Engineer", "startDate": "2015-01", "endDate": "2020-06"},  # overlaps
             {"position": "Intern", "startDate": "2012-01", "endDate": "2012-12"},
             {"position": "Future", "startDate": "2099-01"}],
}


def test_skills_are_keywords_not_group_names() -> None:
    skills, groups = skills_and_groups(RESUME)
    assert skills == ["Go", "JS", "Python", "Django", "Postgres"] and groups == ["Languages"]


def test_years_count_overlaps_once() -> None:
    # months counted inclusively: 2015-01..2025-01 (121, the overlap once) + 2012-01..2012-12 (12) = 133
    assert years_of_experience(RESUME, today=date(2025, 1, 15)) == 11.1
    assert years_of_experience({"work": [{"startDate": "garbage"}]}) is None


def test_current_title() -> None:
    assert current_title(RESUME) == "Staff Engineer"
    assert current_title({"work": [{"position": "A", "startDate": "2010", "endDate": "2012"},
                                   {"position": "B", "startDate": "2012", "endDate": "2019-03"}]}) == "B"
    assert current_title({"basics": {"label": "Headline"}}) == "Headline"


def test_document_for() -> None:
    doc = document_for("id", "rob", RESUME, open_to_work=True)
    assert doc["city"] == "Zürich" and doc["country"] == "CH" and doc["languages"] == ["Deutsch"]
    assert doc["title"] == "Staff Engineer" and doc["open_to_work"] is True and doc["years"] > 10
    assert "Languages" in doc["keywords"] and "Languages" not in doc["skills"]
    assert document_for("id", None, {"basics": "junk", "skills": "junk", "work": 3})["skills"] == []
