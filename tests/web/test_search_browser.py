"""Browser: the recruiter search on a real ``htdy serve`` with Debian's chromium — cards
show skills (never the CV's group names), the skills that matched stand out, each card
says why it matched, and the facets refine the search (issue 10 §1)."""
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


def _call(base: str, method: str, path: str, body: Any, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def _resume(name: str, groups: list[dict[str, Any]], city: str, title: str) -> dict[str, Any]:
    return {"basics": {"name": name, "label": title, "summary": f"{title} in {city}.",
                       "location": {"city": city, "countryCode": "DE"}},
            "skills": groups, "languages": [{"language": "Deutsch"}],
            "work": [{"name": "Acme", "position": title, "startDate": "2016-03"}]}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    B.check_browser()
    srv = B.Server(tmp_path_factory.mktemp("htdy-search-server"))
    srv.start()
    token = _call(srv.url, "POST", "/api/v1/auth/signup",
                  {"email": f"rec-{RUN}@example.org", "password": "correct horse battery", "name": "R"})["token"]
    for name, groups, city, title, open_ in (
            (f"Jo {RUN}", [{"name": "Programming languages", "keywords": ["JS", "TypeScript"]},
                           {"name": "Tools", "keywords": ["k8s", "Postgres"]}], "Berlin", "Frontend Lead", True),
            (f"Max {RUN}", [{"name": "Programming languages", "keywords": ["ECMAScript", "C#"]}], "Hamburg",
             "Backend Developer", False)):
        made = _call(srv.url, "POST", "/api/v1/cvs", {"title": name, "resume": _resume(name, groups, city, title),
                                                      "discoverable": True, "open_to_work": open_}, token)
        srv.cvs = getattr(srv, "cvs", []) + [made]
    yield srv
    srv.stop()


def test_search_cards_show_skills_and_reasons(server, shots) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS)
        page = b.new_page(base_url=server.url, viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto("/search?q=frontend&skill=javascript")
        card = page.locator(".result").first
        card.wait_for(timeout=30_000)
        assert page.locator(".result").count() == 1
        chips = card.locator(".chips li").all_inner_texts()
        assert set(chips) == {"JavaScript", "TypeScript", "Kubernetes", "PostgreSQL"}  # skills, not groups
        assert chips[0] == "JavaScript"  # the matched skill leads and stands out
        expect(card.locator(".chips li.match")).to_have_text(["JavaScript"])
        expect(card.locator(".why")).to_have_text("Matched skills: JavaScript · title: Frontend Lead · text: summary, keywords")
        expect(card.locator(".badge.open")).to_have_text("Open to work")
        shots(page, "search-reasons")

        # both are JavaScript people (JS and ECMAScript); the city facet narrows to one
        page.goto("/search?skill=JS")
        page.locator(".result").nth(1).wait_for()
        facets = page.locator("#facets")
        expect(facets.locator(".facet h2")).to_contain_text(["Skills", "City", "Country", "Speaks"])
        assert "Programming languages" not in facets.inner_text()
        facets.get_by_role("link", name="Hamburg 1").click()
        page.wait_for_url("**city=hamburg**")
        page.locator(".result").first.wait_for()
        assert page.locator(".result h2").all_inner_texts() == [f"Max {RUN}"]
        assert page.locator("#skill").input_value() == "JS"
        assert not errors, errors
        b.close()


def _visit(url: str, ua: str) -> None:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": ua}), timeout=30) as resp:
        resp.read()


def test_analytics_dashboard(server, shots) -> None:
    """Visitors (two browsers, one from search), a crawler (not counted), then the owner's
    dashboard: tiles, the SVG chart and its table."""
    from playwright.sync_api import expect, sync_playwright

    jo = server.cvs[0]
    for ua, ref in (("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ""),
                    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "?ref=search"),
                    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0", ""),
                    ("Googlebot/2.1 (+http://www.google.com/bot.html)", "")):
        _visit(f"{server.url}/p/{jo['slug']}{ref}", ua)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS)
        page = b.new_page(base_url=server.url, viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"/app/cvs/{jo['id']}/stats")
        page.wait_for_url("**/login?next=**")
        page.get_by_label("Email").fill(f"rec-{RUN}@example.org")
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"**/app/cvs/{jo['id']}/stats")
        tiles = page.locator(".tile")
        expect(tiles.filter(has_text="Profile views").locator(".tile-value")).to_have_text("3")
        expect(tiles.filter(has_text="Unique visitors").locator(".tile-value")).to_have_text("2")
        expect(tiles.filter(has_text="Clicks from search").locator(".tile-value")).to_have_text("1")
        assert page.locator("svg.chart rect.bar-views").count() == 30
        shots(page, "analytics-dashboard")
        page.get_by_role("link", name="90 days").click()
        page.wait_for_url("**days=90")
        assert page.locator("svg.chart rect.bar-views").count() == 90
        assert not errors, errors
        b.close()
