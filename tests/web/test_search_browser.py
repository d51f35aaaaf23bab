"""Browser: the recruiter search on a real ``htdy serve`` with Debian's chromium — cards
show skills (never the CV's group names), the skills that matched stand out, each card
says why it matched, and the facets refine the search (issue 10 §1)."""
from __future__ import annotations

import importlib.util
import json
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def _helpers():
    name = "htdy_tests_web.conftest_browser"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("conftest_browser.py"))
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


B = _helpers()
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
        _call(srv.url, "POST", "/api/v1/cvs", {"title": name, "resume": _resume(name, groups, city, title),
                                               "discoverable": True, "open_to_work": open_}, token)
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
