"""Parse-review extras (``confidence``, ``low_confidence``, ``unassigned``) reach the client
through ``GET /cvs/{id}`` and ``/versions/{n}``, survive an edit where they still hold
(``carried_from``), are hidden from view-only readers where they hold document text, are
documented in the OpenAPI spec, and missing or malformed extras never cause a 500."""
from __future__ import annotations

import copy
from typing import Any

from htdy.core.http import appkeys
from htdy.core.services import cvs

RESUME: dict[str, Any] = {
    "basics": {"name": "Katherine Johnson", "summary": "Computes trajectories."},
    "work": [{"name": "NASA Langley", "position": "Mathematican", "startDate": "1953-06"},
             {"name": "West Virginia State", "position": "Teacher"}],
    "education": [{"institution": "West Virginia State College", "area": "Mathematics and French"}],
}
EXTRAS: dict[str, Any] = {
    "confidence": {"basics.name": 0.97, "work[0].position": 0.42, "work[1].position": 0.8,
                   "education[0].area": 0.31},
    "low_confidence": ["education[0].area", "work[0].position"],
    "unassigned": [{"text": "Member of Alpha Kappa Alpha", "page": 1, "x": 62.1, "y": 165.0},
                   {"text": "Congressional Gold Medal recipient", "page": 2, "x": 40.0, "y": 700.5}],
    "warnings": ["2 field(s) read with low confidence: education[0].area, work[0].position"],
    "kind": "pdf",
}


async def _seed(app: Any, user_id: str, extras: Any, resume: dict[str, Any] | None = None) -> str:
    """A CV as the upload worker stores it: version 1 with the parser's extras."""
    data = cvs.CVCreate(title="Katherine", resume=copy.deepcopy(resume or RESUME))
    return await cvs.create(app[appkeys.services], user_id, data, extras=copy.deepcopy(extras))


async def test_extras_reach_the_client_and_survive_edits(client, htdy_app, signup):
    a = await signup("kj@example.org")
    cv_id = await _seed(htdy_app, a["user"]["id"], EXTRAS)
    url = f"/api/v1/cvs/{cv_id}"

    cv = await (await client.get(url, headers=a["headers"])).json()
    assert cv["extras"]["low_confidence"] == EXTRAS["low_confidence"]
    assert cv["extras"]["confidence"]["work[0].position"] == 0.42
    assert cv["extras"]["unassigned"] == EXTRAS["unassigned"]
    assert "carried_from" not in cv["extras"]
    v1 = await (await client.get(url + "/versions/1", headers=a["headers"])).json()
    assert v1["extras"]["unassigned"] == EXTRAS["unassigned"]
    listed = await (await client.get("/api/v1/cvs?fields=id,extras", headers=a["headers"])).json()
    assert listed["items"][0]["extras"]["low_confidence"] == EXTRAS["low_confidence"]

    # fix work[0].position, put one unplaced line into the summary, move nothing else
    edited = copy.deepcopy(RESUME)
    edited["work"][0]["position"] = "Mathematician"
    edited["basics"]["summary"] += "\nCongressional Gold Medal recipient"
    resp = await client.patch(url, json={"resume": edited}, headers=a["headers"])
    assert resp.status == 200, await resp.text()
    ex = (await resp.json())["extras"]
    assert ex["low_confidence"] == ["education[0].area"]
    assert ex["unassigned"] == [EXTRAS["unassigned"][0]]
    assert ex["confidence"] == {"basics.name": 0.97, "work[1].position": 0.8, "education[0].area": 0.31}
    assert ex["carried_from"] == 1 and "warnings" not in ex and "kind" not in ex

    # a second edit still points at the parsed version; a title-only change writes no version
    edited["education"][0]["area"] = "Mathematics, French"
    ex = (await (await client.patch(url, json={"resume": edited}, headers=a["headers"])).json())["extras"]
    assert "low_confidence" not in ex and ex["unassigned"] == [EXTRAS["unassigned"][0]]
    assert ex["carried_from"] == 1
    cv = await (await client.patch(url, json={"title": "KJ"}, headers=a["headers"])).json()
    assert cv["current_version"] == 3 and cv["extras"] == ex
    v3 = await (await client.get(url + "/versions/3", headers=a["headers"])).json()
    assert v3["extras"] == ex

    # restoring the parsed version brings its hints back
    restored = await (await client.post(url + "/versions/1/restore", headers=a["headers"])).json()
    assert restored["extras"]["low_confidence"] == EXTRAS["low_confidence"]
    assert restored["extras"]["restored_from"] == 1


async def test_view_only_readers_do_not_get_unassigned_text(client, htdy_app, signup):
    a, b, c = await signup("a@example.org"), await signup("b@example.org"), await signup("c@example.org")
    cv_id = await _seed(htdy_app, a["user"]["id"], EXTRAS)
    url = f"/api/v1/cvs/{cv_id}"
    for email, access in (("b@example.org", "view"), ("c@example.org", "edit")):
        resp = await client.post(url + "/shares", json={"email": email, "access": access}, headers=a["headers"])
        assert resp.status == 201, await resp.text()
    viewer = await (await client.get(url, headers=b["headers"])).json()
    assert viewer["access"] == "view" and "unassigned" not in viewer["extras"]
    assert viewer["extras"]["low_confidence"] == EXTRAS["low_confidence"]
    version = await (await client.get(url + "/versions/1", headers=b["headers"])).json()
    assert "unassigned" not in version["extras"]
    editor = await (await client.get(url, headers=c["headers"])).json()
    assert editor["access"] == "edit" and editor["extras"]["unassigned"] == EXTRAS["unassigned"]
    link = await (await client.post(url + "/shares", json={"link": True}, headers=a["headers"])).json()
    anonymous = await (await client.get("/api/v1/shared/" + link["url"].rsplit("/", 1)[1])).json()
    assert "unassigned" not in anonymous["extras"]


async def test_missing_or_malformed_extras_are_harmless(client, htdy_app, signup):
    a = await signup("a@example.org")
    broken = {"confidence": [1, 2], "low_confidence": "work[0].position",
              "unassigned": [5, {"text": 7}, {"page": 1}, "loose"]}
    for extras in ({}, {"imported_from": "kj.json"}, broken,
                   {"low_confidence": [3, None, "nope[9].x"], "unassigned": [{"text": ""}], "carried_from": True}):
        cv_id = await _seed(htdy_app, a["user"]["id"], extras)
        url = f"/api/v1/cvs/{cv_id}"
        got = await client.get(url, headers=a["headers"])
        assert got.status == 200 and (await got.json())["extras"] == extras
        changed = copy.deepcopy(RESUME)
        changed["basics"]["name"] = "K. Johnson"
        resp = await client.patch(url, json={"resume": changed}, headers=a["headers"])
        assert resp.status == 200, await resp.text()
        ex = (await resp.json())["extras"]
        assert set(ex) <= {"confidence", "low_confidence", "unassigned", "carried_from"}, ex
        assert all(isinstance(line, dict) and isinstance(line.get("text"), str) for line in ex.get("unassigned", []))
    # a CV created through the API has no parse extras, before and after an edit
    resp = await client.post("/api/v1/cvs", json={"title": "blank", "resume": RESUME}, headers=a["headers"])
    cv = await resp.json()
    assert cv["extras"] == {}
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": {"basics": {"name": "X"}}},
                              headers=a["headers"])
    assert resp.status == 200 and (await resp.json())["extras"] == {}


async def test_openapi_documents_the_review_extras(client):
    spec = await (await client.get("/api/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    ref = "#/components/schemas/Extras"
    assert schemas["CVOut"]["properties"]["extras"]["$ref"] == ref
    assert ref in str(schemas["VersionOut"]["properties"]["extras"])
    props = schemas["Extras"]["properties"]
    assert props["low_confidence"] == {**props["low_confidence"], "type": "array", "items": {"type": "string"}}
    assert props["confidence"]["additionalProperties"] == {"type": "number"}
    assert props["unassigned"]["items"] == {"$ref": "#/components/schemas/UnassignedLine"}
    assert "carried_from" in props and schemas["Extras"].get("additionalProperties") is True
    assert not schemas["Extras"].get("required")  # every key may be absent
    line = schemas["UnassignedLine"]
    assert line["required"] == ["text"] and {"text", "page", "x", "y"} <= set(line["properties"])
