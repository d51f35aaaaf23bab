"""CVs: create, read (fields/include, ETag/304), PATCH (versions, If-Match), delete,
list with cursor pagination, versions and restore, stats."""
from __future__ import annotations


async def test_create_read_update_delete(client, signup, make_cv, resume):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], title="Main")
    assert cv["current_version"] == 1 and cv["access"] == "owner" and cv["owner"]["name"] == "a"
    assert cv["resume"] == resume and cv["slug"] is None and not cv["discoverable"]
    url = f"/api/v1/cvs/{cv['id']}"

    resp = await client.get(url, headers=a["headers"])
    assert resp.status == 200 and resp.headers["Cache-Control"].startswith("private")
    etag = resp.headers["ETag"]
    resp = await client.get(url, headers={**a["headers"], "If-None-Match": etag})
    assert resp.status == 304 and resp.headers["ETag"] == etag

    resp = await client.get(url + "?fields=id,title&include=versions,shares", headers=a["headers"])
    body = await resp.json()
    assert set(body) == {"id", "title", "versions", "shares"} and body["versions"][0]["number"] == 1
    assert (await client.get(url + "?fields=nope", headers=a["headers"])).status == 422
    assert (await client.get(url + "?include=everything", headers=a["headers"])).status == 422

    changed = dict(resume, basics={**resume["basics"], "label": "Engineer"})
    resp = await client.patch(url, json={"resume": changed, "title": "Renamed"}, headers={**a["headers"], "If-Match": etag})
    assert resp.status == 200, await resp.text()
    body = await resp.json()
    assert body["current_version"] == 2 and body["title"] == "Renamed"
    assert body["resume"]["basics"]["label"] == "Engineer"
    assert (await client.get(url, headers={**a["headers"], "If-None-Match": etag})).status == 200  # changed

    resp = await client.patch(url, json={"title": "stale"}, headers={**a["headers"], "If-Match": etag})
    assert resp.status == 412 and (await resp.json())["error"]["code"] == "precondition_failed"
    resp = await client.patch(url, json={"title": "no version change"}, headers=a["headers"])
    assert (await resp.json())["current_version"] == 2

    bad = await client.patch(url, json={"resume": {"basics": {"name": 42}}}, headers=a["headers"])
    assert bad.status == 422 and (await bad.json())["error"]["code"] == "invalid_resume"
    assert (await client.patch(url, json={"title": ""}, headers=a["headers"])).status == 422
    assert (await client.patch(url, json={"owner": "x"}, headers=a["headers"])).status == 422

    assert (await client.delete(url, headers=a["headers"])).status == 204
    assert (await client.get(url, headers=a["headers"])).status == 404
    assert (await client.get("/api/v1/cvs/not-a-uuid", headers=a["headers"])).status == 404


async def test_create_rejects_invalid_resume(client, signup):
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/cvs", json={"title": "x", "resume": {"basics": {"email": 5}}}, headers=a["headers"])
    err = (await resp.json())["error"]
    assert resp.status == 422 and err["code"] == "invalid_resume" and err["details"]
    resp = await client.post("/api/v1/cvs", json={"title": "x", "resume": "nope"}, headers=a["headers"])
    assert resp.status == 422


async def test_other_users_get_404(client, signup, make_cv):
    a, b = await signup("a@example.org"), await signup("b@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    for method in ("get", "delete"):
        resp = await getattr(client, method)(url, headers=b["headers"])
        assert resp.status == 404
    assert (await client.patch(url, json={"title": "x"}, headers=b["headers"])).status == 404
    assert (await client.get(url + "/versions", headers=b["headers"])).status == 404
    assert (await client.get(url + "/render?format=html", headers=b["headers"])).status == 404


async def test_list_with_cursor(client, signup, make_cv):
    a = await signup("a@example.org")
    ids = [(await make_cv(a["headers"], title=f"cv {i}"))["id"] for i in range(5)]
    seen, cursor = [], None
    for _ in range(5):
        url = "/api/v1/cvs?limit=2&fields=id,title" + (f"&cursor={cursor}" if cursor else "")
        page = await (await client.get(url, headers=a["headers"])).json()
        assert page["total"] == 5 and len(page["items"]) <= 2
        assert all(set(i) == {"id", "title"} for i in page["items"])
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    assert (await client.get("/api/v1/cvs?cursor=%%%", headers=a["headers"])).status == 422
    assert (await client.get("/api/v1/cvs?limit=1000", headers=a["headers"])).status == 422


async def test_versions_and_restore(client, signup, make_cv, resume):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    v2 = dict(resume, basics={**resume["basics"], "name": "Ada King"})
    await client.patch(url, json={"resume": v2}, headers=a["headers"])
    versions = await (await client.get(url + "/versions", headers=a["headers"])).json()
    assert [v["number"] for v in versions["items"]] == [2, 1]
    resp = await client.get(url + "/versions/1", headers=a["headers"])
    assert resp.status == 200 and (await resp.json())["resume"]["basics"]["name"] == "Ada Lovelace"
    assert (await client.get(url + "/versions/9", headers=a["headers"])).status == 404
    assert (await client.get(url + "/versions/x", headers=a["headers"])).status == 422
    resp = await client.post(url + "/versions/1/restore", headers=a["headers"])
    assert resp.status == 201
    body = await resp.json()
    assert body["current_version"] == 3 and body["resume"]["basics"]["name"] == "Ada Lovelace"
    v3 = await (await client.get(url + "/versions/3", headers=a["headers"])).json()
    assert v3["extras"]["restored_from"] == 1


async def test_render_formats_and_templates(client, signup, make_cv):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}/render"
    for fmt, ctype in (("html", "text/html"), ("md", "text/markdown"), ("txt", "text/plain")):
        resp = await client.get(f"{url}?format={fmt}", headers=a["headers"])
        assert resp.status == 200 and resp.content_type == ctype, (fmt, await resp.text())
        assert "Ada Lovelace" in await resp.text()
    resp = await client.get(f"{url}?format=html&template=nope", headers=a["headers"])
    assert resp.status == 404 and (await resp.json())["error"]["code"] == "unknown_template"
    assert (await client.get(f"{url}?format=docx", headers=a["headers"])).status == 422
    templates = await (await client.get("/api/v1/templates")).json()
    assert "classic" in [t["id"] for t in templates["items"]]


async def test_stats_owner_only(client, signup, make_cv):
    a, b = await signup("a@example.org"), await signup("b@example.org")
    cv = await make_cv(a["headers"])
    stats = await (await client.get(f"/api/v1/cvs/{cv['id']}/stats", headers=a["headers"])).json()
    assert {k: stats[k] for k in ("view", "download", "search_appearance", "search_click", "share_open",
                                  "unique_visitors")} == dict.fromkeys(
        ("view", "download", "search_appearance", "search_click", "share_open", "unique_visitors"), 0)
    assert stats["days"] == 30 and len(stats["series"]) == 30 and stats["shares"] == []
    await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"email": "b@example.org"}, headers=a["headers"])
    assert (await client.get(f"/api/v1/cvs/{cv['id']}/stats", headers=b["headers"])).status == 403


async def test_save_after_restore_with_the_restores_etag(client, signup, make_cv, resume):
    """The ETag a restore answers with is the one the next save must send (the editor's flow)."""
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    resp = await client.patch(url, json={"resume": dict(resume, basics={**resume["basics"], "label": "X"})},
                              headers=a["headers"])
    assert resp.status == 200
    await client.get(url, headers=a["headers"])  # a cached read in between, as the editor makes
    resp = await client.post(url + "/versions/1/restore", headers=a["headers"])
    assert resp.status == 201
    tag = resp.headers["ETag"]
    resp = await client.get(url, headers=a["headers"])  # the editor reloads the restored CV
    # (the read's ETag names the same revision; its variant part may differ)
    assert resp.headers["ETag"].split("-r")[1][:2] == tag.split("-r")[1][:2] and (await resp.json())["current_version"] == 3
    resp = await client.patch(url, json={"resume": dict(resume, basics={**resume["basics"], "label": "Y"})},
                              headers={**a["headers"], "If-Match": tag})
    assert resp.status == 200, await resp.text()
    assert (await resp.json())["current_version"] == 4
