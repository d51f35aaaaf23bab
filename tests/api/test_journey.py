"""The whole journey on embedded defaults: sign up → upload a real PDF → parse job →
JSON Resume → render HTML and PDF → share (B reads, C gets 404) → discoverable → search."""
from __future__ import annotations

import aiohttp

CV_HTML = """<html><head><style>body{font-family:sans-serif;font-size:11pt} h1{font-size:22pt}</style></head>
<body><h1>Grace Hopper</h1><p>Rear Admiral, Computer Scientist</p>
<p>grace.hopper@example.org · +1 202 555 0142 · Arlington, VA</p>
<h2>Experience</h2><p><b>Senior Programmer</b>, Eckert-Mauchly Computer Corporation, 1949 – 1971</p>
<ul><li>Wrote the first compiler, A-0, for the UNIVAC I.</li><li>Led the design of FLOW-MATIC.</li></ul>
<h2>Education</h2><p>Yale University — PhD, Mathematics, 1930 – 1934</p>
<h2>Skills</h2><p>COBOL, Compilers, Mathematics</p></body></html>"""


def make_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=CV_HTML).write_pdf()  # type: ignore[no-any-return]


def form(data: bytes, filename: str = "grace.pdf", **fields: str) -> aiohttp.FormData:
    fd = aiohttp.FormData()
    fd.add_field("file", data, filename=filename, content_type="application/octet-stream")
    for k, v in fields.items():
        fd.add_field(k, v)
    return fd


async def test_journey(client, signup, wait_job):
    a = await signup("grace@example.org", "Grace")
    resp = await client.post("/api/v1/uploads", data=form(make_pdf()), headers=a["headers"])
    assert resp.status == 202, await resp.text()
    accepted = await resp.json()
    assert accepted["job"]["status"] == "queued" and accepted["links"]["job"].endswith(accepted["job"]["id"])

    job = await wait_job(a["headers"], accepted["job"]["id"])
    assert job["status"] == "done", job
    cv_id = job["result"]["cv_id"]
    assert job["result"]["version"] == 1

    resp = await client.get(f"/api/v1/cvs/{cv_id}", headers=a["headers"])
    cv = await resp.json()
    assert resp.status == 200 and cv["access"] == "owner" and cv["current_version"] == 1
    assert cv["resume"]["basics"]["name"] == "Grace Hopper"
    assert cv["resume"]["basics"]["email"] == "grace.hopper@example.org"
    assert cv["extras"].get("kind") == "pdf"

    resp = await client.get(f"/api/v1/cvs/{cv_id}/render?format=html&template=classic", headers=a["headers"])
    assert resp.status == 200 and resp.content_type == "text/html"
    assert "Grace Hopper" in await resp.text()
    resp = await client.get(f"/api/v1/cvs/{cv_id}/render?format=pdf", headers=a["headers"])
    assert resp.status == 200 and resp.content_type == "application/pdf"
    assert (await resp.read()).startswith(b"%PDF")
    etag = resp.headers["ETag"]
    resp = await client.get(f"/api/v1/cvs/{cv_id}/render?format=pdf", headers={**a["headers"], "If-None-Match": etag})
    assert resp.status == 304

    b = await signup("b@example.org")
    c = await signup("c@example.org")
    resp = await client.post(f"/api/v1/cvs/{cv_id}/shares", json={"email": "b@example.org", "access": "view"},
                             headers=a["headers"])
    assert resp.status == 201, await resp.text()
    resp = await client.get(f"/api/v1/cvs/{cv_id}", headers=b["headers"])
    assert resp.status == 200 and (await resp.json())["access"] == "view"
    resp = await client.get(f"/api/v1/cvs/{cv_id}", headers=c["headers"])
    assert resp.status == 404
    assert (await resp.json())["error"]["code"] == "not_found"

    resp = await client.get("/api/v1/search?q=compiler")
    assert (await resp.json())["total"] == 0  # not discoverable yet
    resp = await client.patch(f"/api/v1/cvs/{cv_id}", json={"discoverable": True}, headers=a["headers"])
    assert resp.status == 200, await resp.text()
    slug = (await resp.json())["slug"]
    assert slug
    resp = await client.get("/api/v1/search?q=Hopper")
    found = await resp.json()
    assert resp.status == 200 and [i["cv_id"] for i in found["items"]] == [cv_id]
    assert found["items"][0]["slug"] == slug and found["items"][0]["name"] == "Grace Hopper"
    resp = await client.get(f"/api/v1/profiles/{slug}")
    assert resp.status == 200 and (await resp.json())["resume"]["basics"]["name"] == "Grace Hopper"
