"""Rendering beyond HTML: a given version, the ATS check, the public profile's PDF."""
from __future__ import annotations


async def test_render_version_ats_and_profile_pdf(client, signup, make_cv, resume):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], discoverable=True)
    url = f"/api/v1/cvs/{cv['id']}"
    changed = dict(resume, basics={**resume["basics"], "name": "Ada King"})
    await client.patch(url, json={"resume": changed}, headers=a["headers"])
    old = await client.get(url + "/render?format=txt&version=1", headers=a["headers"])
    new = await client.get(url + "/render?format=txt", headers=a["headers"])
    assert "Ada Lovelace" in await old.text() and "Ada King" in await new.text()
    assert old.headers["ETag"] != new.headers["ETag"]
    assert (await client.get(url + "/render?format=txt&version=7", headers=a["headers"])).status == 404

    resp = await client.get(url + "/ats-check?template=classic", headers=a["headers"])
    assert resp.status == 200, await resp.text()
    report = await resp.json()
    assert report["template"] == "classic" and report["pages"] >= 1

    resp = await client.get(f"/api/v1/profiles/{cv['slug']}/render?format=pdf")
    assert resp.status == 200 and (await resp.read()).startswith(b"%PDF")
    assert resp.headers["Cache-Control"] == "public, max-age=300, s-maxage=900"


async def test_render_etag_follows_normalised_options(client, signup, make_cv):
    """Equivalent spellings of the same options are one render (same ETag, 304);
    a different option value is another."""
    a = await signup("etag@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}/render?format=html&template=classic"
    base = await client.get(url + "&option.accent=%2300F", headers=a["headers"])
    assert base.status == 200, await base.text()
    etag = base.headers["ETag"]
    same = await client.get(url + "&option.accent=%230000ff", headers={**a["headers"], "If-None-Match": etag})
    assert same.status == 304
    other = await client.get(url + "&option.accent=%23ff0000", headers={**a["headers"], "If-None-Match": etag})
    assert other.status == 200 and other.headers["ETag"] != etag
