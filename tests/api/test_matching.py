"""Job-ad matching through the API (issue 10 §2): a pasted or uploaded (PDF, DOCX) ad ranks
discoverable CVs with matched/missing skills, title similarity, relevant years and reasons;
bad input is a clear 4xx; saved searches alert (in-app and by mail) when a newly published
profile fits, once, and never for the profiles that fitted when the search was saved."""
from __future__ import annotations

import io
from typing import Any

import pytest

from htdy.core.host.testing import OUTBOX, OutboxPlugin, make_settings
from htdy.core.http import appkeys
from htdy.core.models import SavedSearch, SearchAlert

AD = """Senior Python Developer (m/f/d)

Requirements:
- 4+ years as a backend developer
- Python, Django, PostgreSQL
Nice to have: Docker
"""


def cv(name: str, title: str, skills: list[str], start: str = "2015-01", city: str = "Berlin") -> dict[str, Any]:
    return {"basics": {"name": name, "label": title, "location": {"city": city, "countryCode": "DE"}},
            "skills": [{"name": "Tech", "keywords": skills}],
            "work": [{"name": "Acme", "position": title, "startDate": start, "summary": ", ".join(skills)}]}


PY = cv("Paula Python", "Python Developer", ["Python", "Django", "Postgres", "Docker"])
HALF = cv("Hugo Half", "Backend-Entwickler", ["Python"], start="2024-06", city="Hamburg")
CHEF = cv("Carl Chef", "Head Chef", ["Cooking", "Kitchen management"])


@pytest.fixture
def htdy_plugins():
    OUTBOX.clear()
    return [OutboxPlugin()]


@pytest.fixture
def htdy_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url=database_url, mail={"backend": "t-outbox"},
                         server={"public_url": "https://cv.example.org"})


async def _match(client: Any, headers: dict[str, str], **body: Any) -> Any:
    resp = await client.post("/api/v1/match", json=body, headers=headers)
    assert resp.status == 200, await resp.text()
    return await resp.json()


async def test_match_a_pasted_ad(client, signup, make_cv) -> None:
    owner = await signup("owner@example.org")
    rec = await signup("rec@example.org")
    for resume in (PY, HALF, CHEF):
        await make_cv(owner["headers"], title=resume["basics"]["name"], resume=resume, discoverable=True)
    await make_cv(owner["headers"], title="private", resume=cv("Pia Private", "Python Developer", ["Python"]))
    out = await _match(client, rec["headers"], text=AD)
    assert out["matcher"] == "lexical"
    assert out["ad"] == {"title": "Senior Python Developer", "required": ["Python", "Django", "PostgreSQL"],
                         "preferred": ["Docker"], "min_years": 4.0, "language": "en"}
    names = [i["name"] for i in out["items"]]
    assert names[:2] == ["Paula Python", "Hugo Half"] and "Pia Private" not in names
    top, half = out["items"][0], out["items"][1]
    assert top["matched_skills"] == ["Python", "Django", "PostgreSQL"] and top["missing_skills"] == []
    assert top["preferred_skills"] == ["Docker"] and top["title_similarity"] >= 0.8
    assert top["relevant_years"] >= 4 and top["slug"] and 0 < half["fit"] < top["fit"] <= 1
    assert half["missing_skills"] == ["Django", "PostgreSQL"] and half["relevant_years"] < 4
    assert any(r.startswith("Has 3 of 3 required skills") for r in top["reasons"])
    # filters as in search
    out = await _match(client, rec["headers"], text=AD, filters={"city": "hamburg"})
    assert [i["name"] for i in out["items"]] == ["Hugo Half"]
    out = await _match(client, rec["headers"], text=AD, limit=1)
    assert len(out["items"]) == 1


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    html = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return HTML(string=f"<html><body>{html}</body></html>").write_pdf()


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        if line.strip():
            d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _form(data: bytes, filename: str, **fields: str) -> Any:
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("file", data, filename=filename, content_type="application/octet-stream")
    for k, v in fields.items():
        form.add_field(k, v)
    return form


async def test_match_an_uploaded_pdf_and_docx(client, signup, make_cv) -> None:
    owner = await signup("owner@example.org")
    rec = await signup("rec@example.org")
    for resume in (PY, HALF, CHEF):
        await make_cv(owner["headers"], title=resume["basics"]["name"], resume=resume, discoverable=True)
    for data, name in ((_pdf(AD), "ad.pdf"), (_docx(AD), "ad.docx")):
        resp = await client.post("/api/v1/match", data=_form(data, name, limit="2"), headers=rec["headers"])
        assert resp.status == 200, await resp.text()
        out = await resp.json()
        assert out["ad"]["title"] == "Senior Python Developer", name
        assert out["ad"]["required"] == ["Python", "Django", "PostgreSQL"], name
        assert [i["name"] for i in out["items"]] == ["Paula Python", "Hugo Half"], name
    resp = await client.post("/api/v1/match", data=_form(_docx(AD), "ad.docx", location="Hamburg"),
                             headers=rec["headers"])
    assert [i["name"] for i in (await resp.json())["items"]] == ["Hugo Half"]


async def test_bad_input_is_a_clear_error(client, signup) -> None:
    rec = await signup("rec@example.org")
    h = rec["headers"]
    cases = [({"text": "too short"}, "validation_failed"), ({"text": " " * 25 + "x"}, "bad_job_ad"),
             ({"text": AD, "matcher": "nope"}, "unknown_matcher"),
             ({"text": AD, "limit": 0}, "validation_failed"), ({"text": AD, "filters": {"colour": "red"}}, "bad_filter"),
             ({"text": AD, "url": "http://example.org/ad"}, "validation_failed")]
    for body, code in cases:
        resp = await client.post("/api/v1/match", json=body, headers=h)
        assert resp.status == 422, body
        assert (await resp.json())["error"]["code"] == code, body
    resp = await client.post("/api/v1/match", data=_form(b"%PDF-1.4\n%%EOF\n", "ad.pdf"), headers=h)
    assert resp.status == 422 and (await resp.json())["error"]["code"] in ("corrupt", "empty")
    resp = await client.post("/api/v1/match", data=_form(b"\x00\x01\x02 binary", "ad.bin"), headers=h)
    assert 400 <= resp.status < 500
    resp = await client.post("/api/v1/match", json={"text": AD})
    assert resp.status == 401
    # multipart without its boundary: 400, not a server error (found by schemathesis)
    resp = await client.post("/api/v1/match", data=b'{"text": "x"}',
                             headers={**h, "Content-Type": "multipart/form-data"})
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "malformed_multipart"


async def test_matchers_and_openapi(client) -> None:
    resp = await client.get("/api/v1/matchers")
    items = (await resp.json())["items"]
    assert {"name": "lexical", "default": True} in [{k: i[k] for k in ("name", "default")} for i in items]
    spec = await (await client.get("/api/openapi.json")).json()
    content = spec["paths"]["/api/v1/match"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/json", "multipart/form-data"}
    assert "/api/v1/me/saved-searches/{search_id}/alerts" in spec["paths"]
    assert "MatchOut" in spec["components"]["schemas"]


async def test_a_too_short_ad_is_refused_by_the_schema(client, signup) -> None:
    """The 20-character minimum is part of the request schema (OpenAPI ``minLength``), so a
    client or schemathesis sees it; a shorter ad is the schema's 422 naming the field."""
    spec = await (await client.get("/api/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    for name in ("MatchIn", "SavedSearchIn"):
        assert schemas[name]["properties"]["text"]["minLength"] == 20, name
        assert schemas[name]["properties"]["text"]["maxLength"] == 50_000, name
    h = (await signup("rec@example.org"))["headers"]
    for path, extra in (("/api/v1/match", {}), ("/api/v1/me/saved-searches", {"name": "x"})):
        resp = await client.post(path, json={**extra, "text": "Python developer"}, headers=h)  # 16 characters
        err = (await resp.json())["error"]
        assert resp.status == 422 and err["code"] == "validation_failed", (path, err)
        assert [d["loc"] for d in err["details"]] == ["text"] and err["details"][0]["type"] == "string_too_short"


async def _sent(client: Any) -> list[Any]:
    await client.app[appkeys.services].drain()
    return [m for m in OUTBOX if m.kind == "saved_search_alert"]


async def test_saved_search_alerts_on_newly_published_profiles(client, signup, make_cv) -> None:
    owner = await signup("owner@example.org")
    rec = await signup("rec@example.org")
    await make_cv(owner["headers"], title="Paula", resume=PY, discoverable=True)
    resp = await client.post("/api/v1/me/saved-searches", headers=rec["headers"],
                             json={"name": "Python backend", "text": AD})
    assert resp.status == 201, await resp.text()
    saved = await resp.json()
    assert saved["notify"] == "email" and saved["new_alerts"] == 0
    assert await SearchAlert.filter(baseline=True).count() == 1  # Paula fitted already: no alert for her
    inapp = await (await client.post("/api/v1/me/saved-searches", headers=rec["headers"],
                                     json={"name": "quiet", "text": AD, "notify": "in_app"})).json()

    # a new fitting profile: one alert per saved search, one mail (the in-app one is not mailed)
    new = await make_cv(owner["headers"], title="Quentin",
                        resume=cv("Quentin Quick", "Senior Python Developer", ["Python", "Django", "PostgreSQL"]),
                        discoverable=True)
    mails = await _sent(client)
    assert len(mails) == 1 and mails[0].to == "rec@example.org"
    assert "Quentin Quick" in mails[0].text and f"https://cv.example.org/p/{new['slug']}" in mails[0].text
    # a profile that does not fit, a private one, and an edit of an alerted one: nothing more
    await make_cv(owner["headers"], title="Carl", resume=CHEF, discoverable=True)
    await make_cv(owner["headers"], title="Pia", resume=cv("Pia Private", "Python Developer",
                                                           ["Python", "Django", "PostgreSQL"]))
    resp = await client.patch(f"/api/v1/cvs/{new['id']}", json={"title": "Quentin 2"}, headers=owner["headers"])
    assert resp.status in (200, 204), await resp.text()
    assert len(await _sent(client)) == 1
    listed = await (await client.get("/api/v1/me/saved-searches", headers=rec["headers"])).json()
    assert {s["name"]: s["new_alerts"] for s in listed["items"]} == {"Python backend": 1, "quiet": 1}
    alerts = await (await client.get(f"/api/v1/me/saved-searches/{inapp['id']}/alerts",
                                     headers=rec["headers"])).json()
    assert [(a["slug"], a["seen"]) for a in alerts["items"]] == [(new["slug"], False)]
    assert alerts["items"][0]["fit"] >= 0.6
    again = await (await client.get(f"/api/v1/me/saved-searches/{inapp['id']}/alerts",
                                    headers=rec["headers"])).json()
    assert again["items"][0]["seen"] is True
    # the owner's own saved search never alerts about the owner's CVs; other users see nothing
    other = await signup("other@example.org")
    resp = await client.get(f"/api/v1/me/saved-searches/{inapp['id']}/alerts", headers=other["headers"])
    assert resp.status == 404
    resp = await client.delete(f"/api/v1/me/saved-searches/{inapp['id']}", headers=rec["headers"])
    assert resp.status == 204 and await SavedSearch.filter(id=inapp["id"]).count() == 0


async def test_saved_search_bad_input_writes_nothing(client, signup) -> None:
    rec = await signup("rec@example.org")
    for body in ({"name": "x", "text": "short"}, {"name": "x", "text": AD, "matcher": "nope"},
                 {"name": "x", "text": AD, "filters": {"colour": "red"}}, {"name": "", "text": AD},
                 {"name": "x", "text": AD, "notify": "sms"}):
        resp = await client.post("/api/v1/me/saved-searches", json=body, headers=rec["headers"])
        assert resp.status == 422, body
    assert await SavedSearch.all().count() == 0
    resp = await client.delete("/api/v1/me/saved-searches/not-a-uuid", headers=rec["headers"])
    assert resp.status == 404


async def test_cli_match(client, signup, make_cv, tmp_path, database_url) -> None:
    import asyncio
    import json
    import os
    import subprocess
    import sys

    owner = await signup("owner@example.org")
    for resume in (PY, HALF, CHEF):
        await make_cv(owner["headers"], title=resume["basics"]["name"], resume=resume, discoverable=True)
    cfg = tmp_path / "cli.toml"
    cfg.write_text(f'[database]\nurl = "{database_url}"\n[plugins.search_backends.embedded]\n'
                   f'path = "{tmp_path / "search.sqlite3"}"\n')
    (tmp_path / "ad.txt").write_text(AD)
    (tmp_path / "ad.docx").write_bytes(_docx(AD))
    (tmp_path / "empty.txt").write_text("  \n")

    async def htdy(*args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, HTDY_CONFIG=str(cfg), HTDY_DISABLE_ENTRYPOINTS="1")
        cmd = [sys.executable, "-c", "from htdy.core.commands.cli import main; main()", "match", *args]
        return await asyncio.to_thread(subprocess.run, cmd, env=env, capture_output=True, text=True, timeout=240)

    out = await htdy(str(tmp_path / "ad.txt"), "--limit", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Senior Python Developer — requires Python, Django, PostgreSQL")
    assert "Paula Python" in lines[1] and "Hugo Half" in lines[3] and "missing: Django, PostgreSQL" in lines[4]
    out = await htdy(str(tmp_path / "ad.docx"), "--json")
    assert out.returncode == 0, out.stderr
    assert [i["name"] for i in json.loads(out.stdout)["items"]][:2] == ["Paula Python", "Hugo Half"]
    out = await htdy(str(tmp_path / "empty.txt"))
    assert out.returncode != 0 and "at least 20 characters" in out.stderr and "Traceback" not in out.stderr
    out = await htdy(str(tmp_path / "missing.pdf"))
    assert out.returncode != 0 and "does not exist" in out.stderr
