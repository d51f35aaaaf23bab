"""Shares (user view/edit, links, removal) and the all-or-nothing batch update."""
from __future__ import annotations

import json
import re

from yarl import URL


def _path(absolute: str) -> str:
    """The test client takes paths; the API answers absolute URLs."""
    return URL(absolute).raw_path


async def test_user_shares(client, signup, make_cv):
    a, b, c = await signup("a@example.org"), await signup("b@example.org"), await signup("c@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    resp = await client.post(url + "/shares", json={"email": "b@example.org", "access": "view"}, headers=a["headers"])
    share = await resp.json()
    assert resp.status == 201 and share["kind"] == "user" and share["user"]["email"] == "b@example.org"
    assert (await client.post(url + "/shares", json={"email": "b@example.org"}, headers=a["headers"])).status == 409
    # an address without an account gets an invitation: the same answer (docs: test_share_invitations)
    assert (await client.post(url + "/shares", json={"email": "zz@example.org"}, headers=a["headers"])).status == 201
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
    assert sorted(i["user"]["email"] for i in items) == ["b@example.org", "c@example.org", "zz@example.org"]
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
    base = str(client.make_url("")).rstrip("/")
    assert resp.status == 201 and link["kind"] == "link" and link["url"].startswith(base + "/api/v1/shared/")
    token = link["url"].rsplit("/", 1)[1]
    assert link["page_url"] == f"{base}/s/{token}"
    resp = await client.get(_path(link["url"]))  # anonymous
    body = await resp.json()
    assert resp.status == 200 and body["id"] == cv["id"] and body["access"] == "view"
    assert (await client.get("/api/v1/shared/not-a-token")).status == 404
    listed = (await (await client.get(url, headers=a["headers"])).json())["items"]
    assert [(s["kind"], s["url"], s["page_url"]) for s in listed] == [("link", None, None)]  # only a hash is kept
    assert token not in json.dumps(listed)
    assert (await client.post(url, json={"link": True, "expires_at": "2000-01-01T00:00:00Z"},
                              headers=a["headers"])).status == 422
    await client.delete(f"{url}/{link['id']}", headers=a["headers"])
    assert (await client.get(_path(link["url"]))).status == 404


async def test_share_urls_are_absolute(client, signup, make_cv):
    """List and create responses carry absolute addresses built from the request's origin;
    a user share's are the CV's own (API and editor page) and survive in the list."""
    a, b = await signup("a@example.org"), await signup("b@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}/shares"
    base = str(client.make_url("")).rstrip("/")
    resp = await client.post(url, json={"email": "b@example.org", "access": "view"}, headers=a["headers"])
    created = await resp.json()
    assert resp.status == 201
    assert created["url"] == f"{base}/api/v1/cvs/{cv['id']}"
    assert created["page_url"] == f"{base}/app/cvs/{cv['id']}"
    listed = (await (await client.get(url, headers=a["headers"])).json())["items"]
    assert [(s["url"], s["page_url"]) for s in listed] == [(created["url"], created["page_url"])]
    # the recipient reads the CV at that address with their own credentials, nobody else can
    assert (await client.get(_path(created["url"]), headers=b["headers"])).status == 200
    assert (await client.get(_path(created["url"]))).status == 401
    # the Host the request came in with decides the origin when no public_url is configured
    listed = (await (await client.get(url, headers={**a["headers"], "Host": "cv.example.net:8443"})).json())["items"]
    assert listed[0]["url"] == f"http://cv.example.net:8443/api/v1/cvs/{cv['id']}"


async def test_share_urls_use_the_configured_public_url(tmp_path, database_url, aiohttp_client):
    from htdy.core.host.testing import make_settings
    from htdy.core.http.app import create_app

    settings = make_settings(tmp_path, database_url=database_url,
                             server={"public_url": "https://cv.example.org/htdy/"})
    client = await aiohttp_client(create_app(settings))
    resp = await client.post("/api/v1/auth/signup", json={"email": "a@example.org", "password": "correct horse battery",
                                                          "name": "A"})
    headers = {"Authorization": f"Bearer {(await resp.json())['token']}"}
    client.session.cookie_jar.clear()
    cv = await (await client.post("/api/v1/cvs", json={"title": "t", "resume": {"basics": {"name": "A"}}},
                                  headers=headers)).json()
    resp = await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"link": True}, headers=headers)
    link = await resp.json()
    assert resp.status == 201, link
    assert re.fullmatch(r"https://cv\.example\.org/htdy/api/v1/shared/[\w-]+", link["url"]), link
    assert link["page_url"] == "https://cv.example.org/htdy/s/" + link["url"].rsplit("/", 1)[1]


def test_share_links_without_a_web_frontend():
    from htdy.core.services.shares import ShareLinks

    links = ShareLinks(base="https://api.example.org")
    assert links.for_link("tok") == {"url": "https://api.example.org/api/v1/shared/tok", "page_url": None}
    assert links.for_user("c1") == {"url": "https://api.example.org/api/v1/cvs/c1", "page_url": None}


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


async def test_openapi_documents_share_urls(client):
    spec = await (await client.get("/api/openapi.json")).json()
    props = spec["components"]["schemas"]["ShareOut"]["properties"]
    assert "absolute" in props["url"]["description"].lower() and "public_url" in props["url"]["description"]
    assert "/s/{token}" in props["page_url"]["description"]
    listing = spec["paths"]["/api/v1/cvs/{cv_id}/shares"]["get"]
    assert "only its token's hash is stored" in listing["description"]
