"""Browser: the editor's parse review, on a real ``htdy serve`` with Debian's chromium.

A CV is stored through the service layer exactly as the upload worker stores a parse
(version 1 + extras with ``low_confidence`` and ``unassigned``): a real upload cannot be
made to produce those deterministically. The editor marks the unsure fields ("Check this",
confidence in the tooltip, described to screen readers), lists the lines it could not
place with copy / add, drops a mark once its field is edited, and keeps the hints that
still hold after saving. A CV without such extras (old or malformed) shows none of it.
Screenshots go to a pytest tmp dir and, when ``HTDY_SCREENSHOT_DIR`` is set, there too.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


B = sys.modules["htdy_tests_web.conftest_browser"]  # (loaded by conftest.py)
RUN = uuid.uuid4().hex[:6]
EMAIL = f"katherine-{RUN}@example.org"
RESUME: dict[str, Any] = {
    "basics": {"name": "Katherine Johnson", "label": "Mathematician", "summary": "Computes trajectories."},
    "work": [{"name": "NASA Langley", "position": "Mathematican", "startDate": "1953-06"},
             {"name": "West Virginia State", "position": "Teacher"}],
    "education": [{"institution": "West Virginia State College", "area": "Mathematics and Frensh"}],
    "volunteer": [{"organization": "Girl Scots", "position": "Troop leader"}],
}
LINES = ["Member of Alpha Kappa Alpha", "Presidential Medal of Freedom 2015"]
EXTRAS: dict[str, Any] = {
    "confidence": {"basics.name": 0.97, "work[0].position": 0.42, "education[0].area": 0.31,
                   "volunteer[0].organization": 0.2},
    "low_confidence": ["education[0].area", "volunteer[0].organization", "work[0].position"],
    "unassigned": [{"text": LINES[0], "page": 1, "x": 62.1, "y": 165.0},
                   {"text": LINES[1], "page": 2, "x": 40.0, "y": 700.5}],
    "kind": "pdf",
}

# Stores a CV with the given extras through the service layer, in the server's configuration.
SEED = """
import asyncio, json, sys
from htdy.core.commands.cli import Context
from htdy.core.commands.import_export import cli_services
from htdy.core.models import User
from htdy.core.services import cvs

async def main():
    spec = json.loads(sys.argv[1])
    async with cli_services(Context(None)) as svc:
        user = await User.get(email=spec["email"])
        data = cvs.CVCreate(title=spec["title"], resume=spec["resume"])
        print(await cvs.create(svc, str(user.id), data, extras=spec["extras"]))

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    B.check_browser()
    if os.environ.get("HTDY_WEB_TEST_URL"):
        pytest.skip("stores a parse through the service layer: needs the test's own server")
    srv = B.Server(tmp_path_factory.mktemp("htdy-review-server"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def seed(server, title: str, extras: Any, resume: dict[str, Any] = RESUME) -> str:
    spec = {"email": EMAIL, "title": title, "resume": resume, "extras": extras}
    done = subprocess.run([sys.executable, "-c", SEED, json.dumps(spec)], env=server.env(), cwd=server.root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def page(browser, server):
    ctx = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900},
                              permissions=["clipboard-read", "clipboard-write"])
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.set_default_timeout(30_000)
    pg.goto("/signup")
    pg.get_by_label("Full name").fill("Katherine Johnson")
    pg.get_by_label("Email").fill(EMAIL)
    pg.get_by_label("Password").fill("correct horse battery")
    pg.get_by_role("button", name="Create account").click()
    pg.wait_for_url("**/app")
    yield pg
    ctx.close()


def _field(page, control_id: str):
    return page.locator(f"div.field:has(> #{control_id})")


def test_review_marks_panel_and_edit(page, server, shots):
    from playwright.sync_api import expect

    cv_id = seed(server, "Katherine (parsed)", EXTRAS)
    page.goto(f"/app/cvs/{cv_id}")
    page.locator("#f-basics-name").wait_for()

    # the unsure fields carry a calm mark with the confidence in a tooltip and for screen readers
    position, area = _field(page, "f-work-0-position"), _field(page, "f-education-0-area")
    for field, control, pct in ((position, "f-work-0-position", "42%"), (area, "f-education-0-area", "31%")):
        expect(field).to_have_class(re.compile(r"\bneeds-check\b"))
        hint = field.locator(".check-hint")
        expect(hint).to_be_visible()
        expect(hint).to_contain_text("Check this")
        assert pct in (hint.get_attribute("title") or "")
        expect(page.locator(f"#{control}")).to_have_attribute("aria-describedby", f"{control}-check")
        expect(hint.locator(".visually-hidden")).to_contain_text(pct)
        assert field.locator(f"#{control}").evaluate("e => getComputedStyle(e).borderColor") != \
            page.locator("#f-work-1-position").evaluate("e => getComputedStyle(e).borderColor")
    expect(page.locator(".needs-check")).to_have_count(2)  # not basics.name (0.97), not work[1]
    note = page.locator("#review-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("3 fields")
    expect(note).to_contain_text("volunteer[0].organization")  # not in the form: named, see Raw JSON

    # the lines we could not place, with their page
    panel = page.locator("#unplaced-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("summary")).to_contain_text("Text we could not place")
    expect(page.locator("#unplaced-count")).to_have_text("2")
    items = page.locator("#unplaced-list li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(LINES[0])
    expect(items.nth(0)).to_contain_text("page 1")
    expect(items.nth(1)).to_contain_text("page 2")
    page.wait_for_timeout(200)
    shots(page, "review-01-marked")
    shots(page, "review-01-top-viewport", full_page=False)
    position.locator(".check-hint").hover()  # the tooltip is native (title): not in screenshots
    shots(page, "review-01-marked-viewport", full_page=False)

    # copy a line to the clipboard
    items.nth(0).get_by_role("button", name=re.compile("^Copy")).click()
    expect(items.nth(0).get_by_role("button", name=re.compile("^Copy"))).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == LINES[0]

    # add the other one as a highlight of the first position
    page.get_by_label("“Add” puts a line into").select_option(label="Highlight of: Mathematican · NASA Langley")
    items.nth(1).get_by_role("button", name=re.compile("^Add")).click()
    expect(items.nth(1)).to_have_class(re.compile(r"\bis-added\b"))
    expect(items.nth(1)).to_contain_text("Added to the highlights of Mathematican · NASA Langley")
    expect(page.locator("#unplaced-count")).to_have_text("1")
    assert LINES[1] in page.locator("#f-work-0-highlights").input_value()
    expect(page.locator(".needs-check")).to_have_count(2)  # the re-rendered form keeps its marks

    # a mark follows its entry when the list is reordered
    page.get_by_role("button", name="Move Mathematican · NASA Langley down").click()
    expect(_field(page, "f-work-1-position")).to_have_class(re.compile(r"\bneeds-check\b"))
    expect(page.locator("#f-work-1-position")).to_have_value("Mathematican")
    expect(_field(page, "f-work-0-position")).not_to_have_class(re.compile(r"\bneeds-check\b"))
    page.get_by_role("button", name="Move Mathematican · NASA Langley up").click()
    expect(position).to_have_class(re.compile(r"\bneeds-check\b"))

    # editing a marked field removes its mark, and only that one
    page.locator("#f-work-0-position").fill("Mathematician")
    expect(position).not_to_have_class(re.compile(r"\bneeds-check\b"))
    expect(position.locator(".check-hint")).to_have_count(0)
    assert page.locator("#f-work-0-position").get_attribute("aria-describedby") is None
    expect(area).to_have_class(re.compile(r"\bneeds-check\b"))
    expect(note).to_contain_text("2 fields")
    shots(page, "review-02-edited")

    # after saving, the hints that still hold are still there (also after a reload)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#version-badge")).to_have_text("Version 2")
    for _ in range(2):
        expect(page.locator(".needs-check")).to_have_count(1)
        expect(area).to_have_class(re.compile(r"\bneeds-check\b"))
        expect(items).to_have_count(1)
        expect(items.nth(0)).to_contain_text(LINES[0])
        page.reload()
        page.locator("#f-basics-name").wait_for()
    shots(page, "review-03-saved")

    # through the raw JSON tab: an unchanged value keeps its mark, a changed one loses it
    for fixed, marks in ((False, 1), (True, 0)):
        page.get_by_role("tab", name="Raw JSON").click()
        if fixed:
            raw = page.locator("#raw-json")
            raw.fill(raw.input_value().replace("Mathematics and Frensh", "Mathematics and French"))
        page.get_by_role("tab", name="Sections").click()
        expect(page.locator(".needs-check")).to_have_count(marks)
    expect(note).to_contain_text("1 field ")
    expect(note).to_contain_text("volunteer[0].organization")

    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "review-04-mobile", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert not page.errors, page.errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("extras", [
    {}, {"imported_from": "old.json", "warnings": []},
    {"confidence": [1], "low_confidence": "work[0].position", "unassigned": [5, {"text": 7}, {"page": 1}, "x"]},
    {"low_confidence": ["nope[3].x", 7, None], "unassigned": [{"text": "   "}]},
], ids=["none", "old", "malformed", "dangling"])
def test_no_review_without_usable_extras(page, server, extras):
    cv_id = seed(server, "Katherine (old)", extras)
    page.goto(f"/app/cvs/{cv_id}")
    page.locator("#f-basics-name").wait_for()
    page.wait_for_timeout(200)
    assert page.locator("#f-basics-name").input_value() == "Katherine Johnson"
    assert page.locator(".needs-check, .check-hint").count() == 0
    assert page.locator("#unplaced-panel").is_hidden() and page.locator("#review-note").is_hidden()
    assert not page.errors, page.errors  # type: ignore[attr-defined]
