"""Browser: the recruiter's job-ad match page on a real ``htdy serve`` with Debian's chromium
(issue 10 §2) — a pasted ad ranks the discoverable candidates, each card shows the required
skills it has and lacks, the nice-to-haves, its fit and reasons; an uploaded PDF ad gives the
same ranking; a search is saved and listed."""
from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


B = sys.modules["htdy_tests_web.conftest_browser"]  # (loaded by conftest.py)
RUN = uuid.uuid4().hex[:6]
AD = """Senior Backend Developer (m/w/d)

Requirements:
- 3+ years of experience as a backend developer
- Python, Django and PostgreSQL
- Kubernetes

Nice to have:
- Redis
"""


def _call(base: str, method: str, path: str, body: Any, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def _resume(name: str, title: str, skills: list[str], start: str) -> dict[str, Any]:
    return {"basics": {"name": name, "label": title, "location": {"city": "Berlin", "countryCode": "DE"}},
            "skills": [{"name": "Tech", "keywords": skills}],
            "work": [{"name": "Acme", "position": title, "startDate": start}]}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    B.check_browser()
    srv = B.Server(tmp_path_factory.mktemp("htdy-match-server"))
    srv.start()
    token = _call(srv.url, "POST", "/api/v1/auth/signup",
                  {"email": f"own-{RUN}@example.org", "password": "correct horse battery", "name": "O"})["token"]
    _call(srv.url, "POST", "/api/v1/auth/signup",
          {"email": f"rec-{RUN}@example.org", "password": "correct horse battery", "name": "R"})
    for name, title, skills, start in (
            (f"Ada {RUN}", "Backend-Entwickler", ["Python", "Django", "Postgres", "k8s", "Redis"], "2017-01"),
            (f"Ben {RUN}", "Python Developer", ["Python", "Flask"], "2024-09"),
            (f"Cleo {RUN}", "UX Designer", ["Figma", "Sketch"], "2015-01")):
        _call(srv.url, "POST", "/api/v1/cvs", {"title": name, "resume": _resume(name, title, skills, start),
                                               "discoverable": True, "open_to_work": name.startswith("Ada")}, token)
    yield srv
    srv.stop()


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string="".join(f"<p>{x}</p>" for x in text.splitlines() if x.strip())).write_pdf()


def test_match_page_ranks_and_explains(server, shots, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS)
        page = b.new_page(base_url=server.url, viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto("/match")
        page.wait_for_url("**/login?next=**")
        page.get_by_label("Email").fill(f"rec-{RUN}@example.org")
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/match")
        expect(page.locator("#ad-matcher option:checked")).to_have_attribute("value", "lexical")  # the default
        page.get_by_label("Job ad").fill(AD)
        page.get_by_role("button", name="Find candidates").click()
        cards = page.locator(".match-result")
        cards.nth(1).wait_for(timeout=30_000)
        assert cards.locator("h2 a").all_inner_texts() == [f"Ada {RUN}", f"Ben {RUN}"]  # the designer shares nothing
        ada, ben = cards.nth(0), cards.nth(1)
        expect(ada.locator(".chips li.match")).to_have_text(["Python", "Django", "PostgreSQL", "Kubernetes"])
        expect(ada.locator(".chips li.missing")).to_have_count(0)
        expect(ada.locator(".chips li.nice")).to_have_text(["Redis"])
        expect(ben.locator(".chips li.missing")).to_have_text(["Django", "PostgreSQL", "Kubernetes"])
        expect(ada.locator(".why li").first).to_have_text("Has 4 of 4 required skills: Python, Django, PostgreSQL, "
                                                          "Kubernetes")
        expect(ada.locator(".badge.open")).to_have_text("Open to work")
        expect(page.locator("#ad-read")).to_contain_text("“Senior Backend Developer”")
        fits = [int(t.split()[0]) for t in cards.locator(".score-value").all_inner_texts()]
        assert fits[0] > fits[1] > 0
        shots(page, "match-job-ad")

        page.get_by_role("button", name="Save search").click()
        expect(page.locator("#saved-list li")).to_contain_text(["Senior Backend Developer (m/w/d)"])

        ad_pdf = tmp_path / "ad.pdf"
        ad_pdf.write_bytes(_pdf(AD))
        page.get_by_label("Job ad").fill("")
        page.get_by_label("…or upload it").set_input_files(str(ad_pdf))
        page.get_by_role("button", name="Find candidates").click()
        expect(page.locator("#match-count")).to_contain_text("2 candidates")
        assert cards.locator("h2 a").all_inner_texts() == [f"Ada {RUN}", f"Ben {RUN}"]

        # a bad upload is a clear message, not a broken page
        bad = tmp_path / "ad.pdf"
        bad.write_bytes(b"%PDF-1.4\n%%EOF\n")
        page.get_by_label("…or upload it").set_input_files(str(bad))
        page.get_by_role("button", name="Find candidates").click()
        expect(page.locator("#match-error")).to_be_visible()
        assert not errors, errors
        b.close()
