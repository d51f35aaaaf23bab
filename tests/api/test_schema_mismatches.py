"""Issue 11, the schema mismatches schemathesis reported: a literal path beside a template
(`/api/v1/cvs/batch` beside `/api/v1/cvs/{cv_id}`), typed path parameters, documented
statuses, and a malformed multipart body — checked against the OpenAPI document itself."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("method", ["OPTIONS", "GET", "PATCH", "DELETE", "PUT"])
async def test_cvs_batch_is_not_a_cv_id(client, signup, method):
    a = await signup("batch@example.org")
    resp = await client.request(method, "/api/v1/cvs/batch", headers=a["headers"])
    assert resp.status == 405 and resp.headers["Allow"] == "POST"  # not GET, PATCH, DELETE of /cvs/{cv_id}
    assert (await resp.json())["error"]["code"] == "method_not_allowed"


async def test_allow_lists_the_documented_methods_of_a_template(client, signup, make_cv):
    a = await signup("allow@example.org")
    cv = await make_cv(a["headers"])
    resp = await client.request("PUT", f"/api/v1/cvs/{cv['id']}", headers=a["headers"])
    assert resp.status == 405 and resp.headers["Allow"] == "DELETE,GET,PATCH"
    # an id that is no UUID is no CV: 404 from the router, as for an unknown one
    assert (await client.get("/api/v1/cvs/not-a-uuid", headers=a["headers"])).status == 404


async def test_path_parameters_are_typed_and_statuses_documented(client):
    spec = await (await client.get("/api/openapi.json")).json()
    op = spec["paths"]["/api/v1/cvs/{cv_id}/versions/{n}"]["get"]
    params = {p["name"]: p["schema"] for p in op["parameters"]}
    assert params["cv_id"]["format"] == "uuid" and params["n"] == {"type": "integer", "minimum": 1,
                                                                   "maximum": 2**31 - 1}
    assert {"404", "422"} <= set(op["responses"])
    versions = spec["paths"]["/api/v1/cvs/{cv_id}/versions"]["get"]["responses"]
    assert "404" in versions  # was undocumented
    create = spec["paths"]["/api/v1/cvs"]["post"]["responses"]["201"]
    assert create["links"]["GET/api/v1/cvs/{cv_id}"]["parameters"] == {"cv_id": "$response.body#/id"}
    read = spec["paths"]["/api/v1/cvs/{cv_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert len(read["schema"]["anyOf"]) == 2  # whole, or only the `fields` asked for
    upload = spec["paths"]["/api/v1/uploads"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["schema"]["additionalProperties"] is False


@pytest.mark.parametrize("content_type, body", [
    ("multipart/form-data", b""),  # no boundary
    ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="\x13"\r\n\r\nx\r\n--b--\r\n'),
])
async def test_a_malformed_multipart_body_is_400(client, signup, content_type, body):
    a = await signup("mp@example.org")
    resp = await client.post("/api/v1/uploads", data=body, headers={**a["headers"], "Content-Type": content_type})
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "malformed_multipart"


def _fuzz_expected(operation: str) -> list[str]:
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).parents[1] / "fuzz" / "schemathesis.toml").read_text())
    for entry in config["operations"]:
        if operation in entry["include-name"]:
            return [s.upper() for s in entry["checks"]["positive_data_acceptance"]["expected-statuses"]]
    return []


async def test_schema_valid_refusals_are_documented_and_expected(client, signup, make_cv):
    """`make fuzz-api` on PostgreSQL (stateful phase): `PUT …/design` with a template the server
    lacks is `422 unknown_template`, which no JSON schema of a plugin-defined name can rule out;
    the operation says so and the fuzz config expects it. A number beyond ±(2^53 − 1) in a
    free-form object is refused on every operation: the API's description says so."""
    a = await signup("design@example.org")
    cv = await make_cv(a["headers"])
    resp = await client.put(f"/api/v1/cvs/{cv['id']}/design", json={"template": "no-such-template", "options": {}},
                            headers=a["headers"])
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "unknown_template"
    spec = await (await client.get("/api/openapi.json")).json()
    put_design = spec["paths"]["/api/v1/cvs/{cv_id}/design"]["put"]
    assert "unknown_template" in put_design["description"] and "invalid_option" in put_design["description"]
    assert "number_out_of_range" in spec["info"]["description"]
    for op in ("PUT /api/v1/cvs/{cv_id}/design", "PUT /api/v1/cvs/{cv_id}/draft", "POST /api/v1/cvs",
               "PATCH /api/v1/cvs/{cv_id}", "POST /api/v1/cvs/batch"):
        assert "422" in _fuzz_expected(op), op
