"""The editor's API: server-side drafts with a live render (never a version), the saved
design used by every render (editor, download, share link, public profile), the
field-by-field version diff."""
from __future__ import annotations

import re
import subprocess


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def page_size_pt(data: bytes) -> tuple[float, float]:
    import pypdfium2

    page = pypdfium2.PdfDocument(data)[0]
    return page.get_width(), page.get_height()


async def test_draft_is_kept_rendered_and_dropped_on_save(client, signup, make_cv, resume):
    a = await signup("d@example.org")
    b = await signup("viewer@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    resp = await client.get(url + "/draft", headers=a["headers"])
    assert resp.status == 404 and (await resp.json())["error"]["code"] == "no_draft"

    typed = {**resume, "basics": {**resume["basics"], "label": "Draft headline"}}
    resp = await client.put(url + "/draft", json={"resume": typed, "title": "Typing"}, headers=a["headers"])
    assert resp.status == 200, await resp.text()
    body = await resp.json()
    assert body["resume"]["basics"]["label"] == "Draft headline" and body["base_version"] == 1 and not body["stale"]
    # half-typed content that Save would refuse is still a draft (and still previews)
    half = {**typed, "basics": {**typed["basics"], "email": "not-an-email-yet"}}
    assert (await client.put(url + "/draft", json={"resume": half}, headers=a["headers"])).status == 200
    assert (await client.put(url + "/draft", json={"resume": []}, headers=a["headers"])).status == 422
    # no version was written; the CV itself did not change
    got = await (await client.get(url, headers=a["headers"])).json()
    assert got["current_version"] == 1 and got["resume"]["basics"]["label"] == "Analyst"
    versions = await (await client.get(url + "/versions", headers=a["headers"])).json()
    assert [v["number"] for v in versions["items"]] == [1]

    html = await client.get(url + "/draft/render?format=html", headers=a["headers"])
    assert html.status == 200 and "Draft headline" in await html.text()
    assert html.headers["Cache-Control"] == "private, no-cache"
    assert "sandbox" in html.headers["Content-Security-Policy"]
    pdf = await client.get(url + "/draft/render?format=pdf", headers=a["headers"])
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    assert "Draft headline" in pdf_text(await pdf.read())
    # the saved render is untouched by the draft
    saved = await client.get(url + "/render?format=html", headers=a["headers"])
    assert "Draft headline" not in await saved.text()

    # a draft with top-level values of the wrong kind (typed in the Raw JSON tab) still previews
    odd = {"basics": "Ada", "work": "none", "skills": [{"name": "Maths"}], "meta": 5}
    assert (await client.put(url + "/draft", json={"resume": odd}, headers=a["headers"])).status == 200
    for fmt in ("html", "pdf"):
        resp = await client.get(url + f"/draft/render?format={fmt}", headers=a["headers"])
        assert resp.status == 200, (fmt, await resp.text())
    assert "Maths" in await (await client.get(url + "/draft/render", headers=a["headers"])).text()
    await client.put(url + "/draft", json={"resume": half}, headers=a["headers"])
    # the draft survives a "reload" (a new read)
    assert (await (await client.get(url + "/draft", headers=a["headers"])).json())["resume"] == half
    # viewers have no drafts
    await client.post(url + "/shares", json={"email": "viewer@example.org", "access": "view"}, headers=a["headers"])
    assert (await client.put(url + "/draft", json={"resume": typed}, headers=b["headers"])).status == 403
    assert (await client.get(url + "/draft/render", headers=b["headers"])).status == 403

    # Save turns it into version 2 and drops the draft
    resp = await client.patch(url, json={"resume": typed}, headers=a["headers"])
    assert resp.status == 200 and (await resp.json())["current_version"] == 2
    assert (await client.get(url + "/draft", headers=a["headers"])).status == 404
    # with no draft the preview shows the current version
    assert "Draft headline" in await (await client.get(url + "/draft/render", headers=a["headers"])).text()

    # a draft begun before someone else's save is stale; DELETE discards it
    await client.put(url + "/draft", json={"resume": resume}, headers=a["headers"])
    await client.post(url + "/versions/1/restore", headers=a["headers"])  # a restore drops it too
    assert (await client.get(url + "/draft", headers=a["headers"])).status == 404
    await client.put(url + "/draft", json={"resume": resume}, headers=a["headers"])
    await client.patch(url, json={"title": "renamed only"}, headers=a["headers"])  # no new version: kept
    assert (await client.get(url + "/draft", headers=a["headers"])).status == 200
    assert (await client.delete(url + "/draft", headers=a["headers"])).status == 204
    assert (await client.get(url + "/draft", headers=a["headers"])).status == 404


async def test_draft_stale_and_too_large(client, signup, make_cv, resume):
    a = await signup("s@example.org")
    b = await signup("editor@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    await client.post(url + "/shares", json={"email": "editor@example.org", "access": "edit"}, headers=a["headers"])
    await client.put(url + "/draft", json={"resume": resume}, headers=a["headers"])
    # each editor has their own draft; B saves a new version, A's draft is now behind it
    typed = {**resume, "basics": {**resume["basics"], "label": "B's edit"}}
    assert (await client.put(url + "/draft", json={"resume": typed}, headers=b["headers"])).status == 200
    assert (await client.patch(url, json={"resume": typed}, headers=b["headers"])).status == 200
    assert (await client.get(url + "/draft", headers=b["headers"])).status == 404
    mine = await (await client.get(url + "/draft", headers=a["headers"])).json()
    assert mine["stale"] and mine["base_version"] == 1 and mine["resume"] == resume
    big = {"basics": {"summary": "x" * 1_100_000}}
    resp = await client.put(url + "/draft", json={"resume": big}, headers=a["headers"])
    assert resp.status == 413, await resp.text()
    assert (await (await client.get(url + "/draft", headers=a["headers"])).json())["resume"] == resume


async def test_design_is_validated_and_used_by_every_render(client, signup, make_cv, resume):
    a = await signup("design@example.org")
    resume["work"].append({"name": "Secret Startup", "position": "Founder", "startDate": "1850-01"})
    cv = await make_cv(a["headers"], resume=resume, discoverable=True)
    url = f"/api/v1/cvs/{cv['id']}"
    assert (await (await client.get(url + "/design", headers=a["headers"])).json()) == {
        "template": None, "options": {}, "hidden_items": []}

    for bad, code in [({"template": "nope"}, "unknown_template"),
                      ({"options": {"accent": "red"}}, "invalid_option"),
                      ({"options": {"font_size": "huge"}}, "invalid_option"),
                      ({"options": {"colour": "#000"}}, "invalid_option"),
                      ({"hidden_items": ["work"]}, "invalid_design"),
                      ({"extra": 1}, "validation_failed")]:
        resp = await client.put(url + "/design", json=bad, headers=a["headers"])
        assert resp.status == 422, bad
        assert (await resp.json())["error"]["code"] == code, (bad, await resp.text())

    etag = (await client.get(url, headers=a["headers"])).headers["ETag"]
    design = {"template": "modern", "options": {"accent": "#0F766E", "page_size": "letter", "font_size": "large",
                                               "margins": "narrow", "hide": ["skills"], "photo": True,
                                               "section_order": ["work", "summary"]},
              "hidden_items": ["work.1"]}
    resp = await client.put(url + "/design", json=design, headers=a["headers"])
    assert resp.status == 200, await resp.text()
    saved = await resp.json()
    assert saved["template"] == "modern" and saved["options"]["page_size"] == "letter"
    got = await client.get(url, headers=a["headers"])
    body = await got.json()
    assert body["design"] == saved and body["current_version"] == 1  # not a version
    assert got.headers["ETag"] != etag

    # editor preview / download: modern, letter, accent, no skills, no hidden work entry
    html = await (await client.get(url + "/render?format=html", headers=a["headers"])).text()
    assert "#0f766e" in html and "Secret Startup" not in html and "Analytical Engine Co" in html
    assert "algorithms" not in html  # the hidden skills section
    assert re.search(r"size:\s*letter", html)
    pdf = await (await client.get(url + "/render?format=pdf", headers=a["headers"])).read()
    w, h = page_size_pt(pdf)
    assert (round(w), round(h)) == (612, 792)  # US Letter
    assert "Secret Startup" not in pdf_text(pdf)
    # the request may still choose another template: the design's options it has still apply
    html = await (await client.get(url + "/render?format=html&template=classic&option.accent=%23aa0000",
                                   headers=a["headers"])).text()
    assert "#aa0000" in html and "Secret Startup" not in html

    # public profile PDF (and the share link) use the design too
    slug = body["slug"]
    pdf = await (await client.get(f"/api/v1/profiles/{slug}/render?format=pdf")).read()
    assert (round(page_size_pt(pdf)[0]), "Secret Startup" in pdf_text(pdf)) == (612, False)
    link = await (await client.post(url + "/shares", json={"link": True}, headers=a["headers"])).json()
    token = link["url"].rsplit("/", 1)[1]
    shared = await client.get(f"/api/v1/shared/{token}/render?format=pdf")
    assert shared.status == 200 and shared.headers["Cache-Control"] == "private, no-cache"
    assert round(page_size_pt(await shared.read())[0]) == 612
    assert (await client.get("/api/v1/shared/not-a-token/render?format=pdf")).status == 404

    # font size and margins change the layout: large text on narrow margins vs small on wide
    small = {"template": "classic", "options": {"font_size": "small", "margins": "wide"}}
    assert (await client.put(url + "/design", json=small, headers=a["headers"])).status == 200
    html_small = await (await client.get(url + "/render?format=html", headers=a["headers"])).text()
    assert (await client.put(url + "/design", json={**small, "options": {"font_size": "large", "margins": "narrow"}},
                             headers=a["headers"])).status == 200
    html_large = await (await client.get(url + "/render?format=html", headers=a["headers"])).text()

    def root_size(doc: str) -> float:
        return float(re.search(r"html\{[^}]*font-size:([\d.]+)pt", doc).group(1))

    def page_margin(doc: str) -> float:
        return float(re.search(r"@page\{margin:([\d.]+)mm", doc).group(1))

    assert root_size(html_small) < 9.5 < root_size(html_large)
    assert page_margin(html_small) > 15 > page_margin(html_large)


async def test_version_diff(client, signup, make_cv, resume):
    a = await signup("diff@example.org")
    other = await signup("stranger@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}"
    v2 = {**resume, "basics": {**resume["basics"], "label": "Engineer"},
          "work": [{**resume["work"][0], "highlights": ["Wrote the first program"]}],
          "languages": [{"language": "French"}]}
    v2.pop("skills")
    await client.patch(url, json={"resume": v2}, headers=a["headers"])
    resp = await client.get(url + "/diff?older=1&newer=2", headers=a["headers"])
    assert resp.status == 200, await resp.text()
    d = await resp.json()
    by_path = {c["path"]: c for c in d["changes"]}
    assert by_path["basics.label"] == {"path": "basics.label", "kind": "changed", "old": "Analyst", "new": "Engineer"}
    assert by_path["work[0].highlights[0]"]["kind"] == "added"
    assert by_path["languages[0].language"] == {"path": "languages[0].language", "kind": "added", "old": None,
                                                "new": "French"}
    assert by_path["skills[0].keywords[1]"] == {"path": "skills[0].keywords[1]", "kind": "removed",
                                                "old": "notes", "new": None}
    assert "basics.name" not in by_path
    assert d["counts"] == {"added": 2, "removed": 3, "changed": 1} and not d["truncated"]
    # newer defaults to the current version; the reverse direction swaps added and removed
    assert (await (await client.get(url + "/diff?older=1", headers=a["headers"])).json())["newer"] == 2
    rev = await (await client.get(url + "/diff?older=2&newer=1", headers=a["headers"])).json()
    assert rev["counts"] == {"added": 3, "removed": 2, "changed": 1}
    assert (await client.get(url + "/diff?older=9", headers=a["headers"])).status == 404
    assert (await client.get(url + "/diff?older=x", headers=a["headers"])).status == 422
    assert (await client.get(url + "/diff", headers=a["headers"])).status == 422
    assert (await client.get(url + "/diff?older=1", headers=other["headers"])).status == 404


def test_diff_orders_positions_numerically():
    from htdy.core.services.diff import diff, flatten

    old = {"work": [{"name": str(i)} for i in range(12)], "meta": {}}
    new = {"work": [{"name": str(i)} for i in range(11)] + [{"name": "changed"}], "meta": {"x": [1]}}
    changes = diff(old, new)
    assert [c["path"] for c in changes] == ["meta", "meta.x[0]", "work[11].name"]
    assert changes[0]["kind"] == "removed" and changes[1]["kind"] == "added"
    assert flatten({"a": [], "b": {"c": None}}) == {"a": [], "b.c": None}
    assert diff({"a": 1}, {"a": True}) == [{"path": "a", "kind": "changed", "old": 1, "new": True}]
