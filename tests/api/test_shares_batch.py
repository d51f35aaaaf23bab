"""Shares (user view/edit, links, removal) and the all-or-nothing batch update."""
from __future__ import annotations


async def test_user_shares(client, signup, make_cv):
    a, b, c = await signup("a@example.org"), await signup("b@example.org"), await signup("c@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    resp = await client.post(url + "/shares", json={"email": "b@example.org", "access": "view"}, headers=a["headers"])
    share = await resp.json()
    assert resp.status == 201 and share["kind"] == "user" and share["user"]["email"] == "b@example.org"
    assert (await client.post(url + "/shares", json={"email": "b@example.org"}, headers=a["headers"])).status == 409
    assert (await client.post(url + "/shares", json={"email": "zz@example.org"}, headers=a["headers"])).status == 404
    assert (await client.post(url + "/shares", json={"email": "a@example.org"}, headers=a["headers"])).status == 422
    assert (await client.post(url + "/shares", json={"email": "c@example.org", "link": True},
                              headers=a["headers"])).status == 422

    assert (await client.get(url, headers=b["headers"])).status == 200
    resp = await client.patch(url, json={"title": "by b"}, headers=b["headers"])
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "forbidden"
    assert (await client.get(url + "/shares", headers=b["headers"])).status == 403
    assert (await client.get(url, headers=c["headers"])).status == 404
    listed = await (await client.get("/api/v1/cvs", headers=b["headers"])).json()
    assert [i["id"] for i in listed["items"]] == [cv["id"]] and listed["items"][0]["access"] == "view"

    resp = await client.post(url + "/shares", json={"email": "c@example.org", "access": "edit"}, headers=a["headers"])
    assert resp.status == 201
    resp = await client.patch(url, json={"title": "by c"}, headers=c["headers"])
    assert resp.status == 200 and (await resp.json())["access"] == "edit"
    assert (await client.patch(url, json={"discoverable": True}, headers=c["headers"])).status == 403
    assert (await client.delete(url, headers=c["headers"])).status == 403

    items = (await (await client.get(url + "/shares", headers=a["headers"])).json())["items"]
    assert len(items) == 2
    assert (await client.delete(f"{url}/shares/{share['id']}", headers=a["headers"])).status == 204
    assert (await client.get(url, headers=b["headers"])).status == 404
    assert (await client.delete(f"{url}/shares/{share['id']}", headers=a["headers"])).status == 404


async def test_link_shares(client, signup, make_cv):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}/shares"
    resp = await client.post(url, json={"link": True, "access": "view", "expires_at": "2999-01-01T00:00:00Z"},
                             headers=a["headers"])
    link = await resp.json()
    assert resp.status == 201 and link["kind"] == "link" and link["url"].startswith("/api/v1/shared/")
    resp = await client.get(link["url"])  # anonymous
    body = await resp.json()
    assert resp.status == 200 and body["id"] == cv["id"] and body["access"] == "view"
    assert (await client.get("/api/v1/shared/not-a-token")).status == 404
    assert all("url" not in s for s in (await (await client.get(url, headers=a["headers"])).json())["items"])
    assert (await client.post(url, json={"link": True, "expires_at": "2000-01-01T00:00:00Z"},
                              headers=a["headers"])).status == 422
    await client.delete(f"{url}/{link['id']}", headers=a["headers"])
    assert (await client.get(link["url"])).status == 404


async def test_batch_all_or_nothing(client, signup, make_cv, resume):
    a, b = await signup("a@example.org"), await signup("b@example.org")
    one, two = await make_cv(a["headers"], title="one"), await make_cv(a["headers"], title="two")
    foreign = await make_cv(b["headers"], title="b's")
    updates = [
        {"id": one["id"], "changes": {"title": "one!"}},
        {"id": two["id"], "changes": {"resume": {"basics": {"name": 7}}}},
        {"id": foreign["id"], "changes": {"title": "stolen"}},
        {"id": one["id"], "changes": {"bogus": 1}},
    ]
    resp = await client.post("/api/v1/cvs/batch", json={"updates": updates}, headers=a["headers"])
    err = (await resp.json())["error"]
    assert resp.status == 422 and [d["index"] for d in err["details"]] == [1, 2, 3]
    got = await (await client.get(f"/api/v1/cvs/{one['id']}", headers=a["headers"])).json()
    assert got["title"] == "one"  # nothing applied

    new_resume = dict(resume, basics={**resume["basics"], "name": "Batch Name"})
    updates = [{"id": one["id"], "changes": {"title": "one!", "discoverable": True}},
               {"id": two["id"], "changes": {"resume": new_resume}}]
    resp = await client.post("/api/v1/cvs/batch", json={"updates": updates}, headers=a["headers"])
    assert resp.status == 200, await resp.text()
    results = (await resp.json())["results"]
    assert results[0]["title"] == "one!" and results[0]["slug"] and results[1]["current_version"] == 2
    assert (await client.post("/api/v1/cvs/batch", json={"updates": []}, headers=a["headers"])).status == 422
    dup = [{"id": one["id"], "changes": {"slug": "same-slug"}}, {"id": two["id"], "changes": {"slug": "same-slug"}}]
    resp = await client.post("/api/v1/cvs/batch", json={"updates": dup}, headers=a["headers"])
    assert resp.status == 422 and [d["index"] for d in (await resp.json())["error"]["details"]] == [1]
