"""Recruiter search through the API: skills (not group names) with the vocabulary, the
structured filters, facets and reasons; the owner's open-to-work flag (issue 10 §1)."""
from __future__ import annotations

from typing import Any


def cv(name: str, groups: list[dict[str, Any]], *, city: str, country: str, work: list[dict[str, Any]],
       languages: list[str], label: str = "") -> dict[str, Any]:
    return {"basics": {"name": name, "label": label, "location": {"city": city, "countryCode": country}},
            "skills": groups, "work": work, "languages": [{"language": x} for x in languages]}


GOPHER = cv("Rob Gopher", [{"name": "Languages", "keywords": ["Go", "JS", "C#"]},
                           {"name": "Postgres", "level": "expert"}],
            city="Zürich", country="CH", languages=["Deutsch", "English"], label="Engineer",
            work=[{"name": "Acme", "position": "Staff Engineer", "startDate": "2015-01"},
                  {"name": "Old Co", "position": "Intern", "startDate": "2012-01", "endDate": "2013-01"}])
WEB = cv("Ana Web", [{"name": "Frameworks", "keywords": ["React.js", "C"]}], city="Lyon", country="FR",
         languages=["Français"], label="Developer",
         work=[{"name": "Web SA", "position": "Frontend Developer", "startDate": "2023-06"}])


async def ids(client: Any, **params: str) -> list[str]:
    resp = await client.get("/api/v1/search", params=params)
    assert resp.status == 200, await resp.text()
    return [i["name"] for i in (await resp.json())["items"]]


async def test_skills_not_group_names(client, signup, make_cv) -> None:
    a = await signup("rob@example.org")
    made = await make_cv(a["headers"], resume=GOPHER, discoverable=True, open_to_work=True)
    assert made["open_to_work"] is True
    await make_cv(a["headers"], resume=WEB, discoverable=True)
    assert await ids(client, skill="Go") == ["Rob Gopher"]  # the example
    assert await ids(client, skill="Languages") == [] and await ids(client, skill="frameworks") == []
    assert await ids(client, skill="javascript") == ["Rob Gopher"]
    assert await ids(client, skill="PostgreSQL") == ["Rob Gopher"]  # a group without keywords is a skill
    assert await ids(client, skill="c") == ["Ana Web"] and await ids(client, skill="C#") == ["Rob Gopher"]
    assert await ids(client, city="zurich") == ["Rob Gopher"]
    assert await ids(client, language="German") == ["Rob Gopher"]
    assert await ids(client, language="french") == ["Ana Web"]
    assert await ids(client, min_years="8") == ["Rob Gopher"]  # 2015 → now, plus a year of internship
    assert await ids(client, title="staff") == ["Rob Gopher"]
    assert await ids(client, open_to_work="true") == ["Rob Gopher"]
    assert await ids(client, open_to_work="false") == ["Ana Web"]

    resp = await client.get("/api/v1/search", params={"q": "react", "facets": "true"})
    body = await resp.json()
    [item] = body["items"]
    assert item["skills"] == ["React", "C"] and item["title"] == "Frontend Developer"
    assert item["reasons"] == {"skills": ["React"], "title": None, "text": []}
    assert body["facets"]["country"] == [{"value": "fr", "label": "France", "count": 1}]
    assert await ids(client, country="France") == ["Ana Web"] and await ids(client, country="fr") == ["Ana Web"]
    resp = await client.get("/api/v1/search", params={"facets": "true"})
    facets = (await resp.json())["facets"]
    assert {f["label"]: f["count"] for f in facets["open_to_work"]} == {"Open to work": 1}
    assert {f["label"] for f in facets["skill"]} == {"Go", "JavaScript", "C#", "PostgreSQL", "React", "C"}


async def test_open_to_work_is_the_owners_and_reindexed(client, signup, make_cv) -> None:
    a = await signup("owner@example.org")
    b = await signup("editor@example.org")
    made = await make_cv(a["headers"], resume=WEB, discoverable=True)
    await client.post(f"/api/v1/cvs/{made['id']}/shares", json={"email": "editor@example.org", "access": "edit"},
                      headers=a["headers"])
    resp = await client.patch(f"/api/v1/cvs/{made['id']}", json={"open_to_work": True}, headers=b["headers"])
    assert resp.status == 403
    assert await ids(client, open_to_work="true") == []
    resp = await client.patch(f"/api/v1/cvs/{made['id']}", json={"open_to_work": True}, headers=a["headers"])
    assert resp.status == 200 and (await resp.json())["open_to_work"] is True
    assert await ids(client, open_to_work="true") == ["Ana Web"]
    resp = await client.patch(f"/api/v1/cvs/{made['id']}", json={"open_to_work": "yes"}, headers=a["headers"])
    assert resp.status == 422


async def test_bad_filters_are_422(client) -> None:
    for params in ({"min_years": "lots"}, {"open_to_work": "maybe"}, {"max_years": "-3"}, {"facets": "perhaps"}):
        resp = await client.get("/api/v1/search", params=params)
        assert resp.status == 422, params
    resp = await client.get("/api/v1/search", params={"skill": ",".join(f"s{i}" for i in range(12))})
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "bad_filter"
