"""Browser: the editor (issue 9 §2) on a real ``htdy serve`` with Debian's chromium.

* live preview of the unsaved draft (debounced, in the page; PDF on demand), no version
  per keystroke, the draft back after a reload, Save makes the version;
* the Design panel: saved with the CV, used by the preview, the download, the public
  profile's PDF and the share link's PDF; single entries hidden from the outputs;
* comparing two versions field by field, then restoring;
* a new file uploaded as the next version, an expiring link, deleting the CV;
* the parser's warnings above the form;
* every page at 360, 375 and 414 px: no horizontal scroll, no serious axe-core violations.

Screenshots (``editor-live-preview-desktop`` / ``-360``, ``editor-diff-desktop`` / ``-360``)
go to a pytest tmp dir and, when ``HTDY_SCREENSHOT_DIR`` is set, there too.
"""
from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]


def _load(name: str, file: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(file))
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


B = sys.modules["htdy_tests_web.conftest_browser"]  # (loaded by conftest.py)
RUN = uuid.uuid4().hex[:6]
EMAIL = f"grace-{RUN}@example.org"
RESUME: dict[str, Any] = {
    "basics": {"name": "Grace Hopper", "label": "Computer scientist", "email": "grace@example.org",
               "summary": "Wrote the first compiler."},
    "work": [{"name": "Eckert-Mauchly Computer Corporation", "position": "Senior Programmer", "startDate": "1949-01",
              "highlights": ["Wrote the A-0 compiler"]},
             {"name": "Harvard Computation Lab", "position": "Research Fellow", "startDate": "1944-07"}],
    "education": [{"institution": "Yale University", "studyType": "PhD", "area": "Mathematics"}],
    "skills": [{"name": "Languages", "keywords": ["COBOL", "FLOW-MATIC"]}],
}
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
        print(await cvs.create(svc, str(user.id), cvs.CVCreate(title=spec["title"], resume=spec["resume"]),
                               extras=spec["extras"]))

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    B.check_browser()
    srv = B.Server(tmp_path_factory.mktemp("htdy-editor-server"))
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


def _new_page(browser, server, width: int = 1280, height: int = 900, state: Any = None):
    ctx = browser.new_context(base_url=server.url, viewport={"width": width, "height": height}, bypass_csp=True,
                              storage_state=state, accept_downloads=True)
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: d.accept())
    pg.set_default_timeout(30_000)
    return ctx, pg


@pytest.fixture(scope="module")
def page(browser, server):
    ctx, pg = _new_page(browser, server)
    pg.goto("/signup")
    pg.get_by_label("Full name").fill("Grace Hopper")
    pg.get_by_label("Email").fill(EMAIL)
    pg.get_by_label("Password").fill("correct horse battery")
    pg.get_by_role("button", name="Create account").click()
    pg.wait_for_url("**/app")
    yield pg
    ctx.close()


def call(page, method: str, path: str, body: Any = None) -> Any:
    """The JSON API with the page's session (cookie + CSRF pair)."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "htdy_csrf")
    resp = page.request.fetch(path, method=method, headers={"X-CSRF-Token": csrf},
                              data=json.dumps(body) if body is not None else None)
    return resp


def new_cv(page, title: str, resume: dict[str, Any] = RESUME) -> str:
    resp = call(page, "POST", "/api/v1/cvs", {"title": title, "resume": resume})
    assert resp.status == 201, resp.text()
    return str(resp.json()["id"])


def preview_text(page) -> str:
    frame = page.frame_locator("#preview")
    return frame.locator("body").inner_text()


def wait_preview(page, needle: str, present: bool = True, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            text = preview_text(page)
        except Exception:  # noqa: BLE001 — the frame is navigating
            text = ""
        if (needle in text) == present:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"preview {'lacks' if present else 'still has'} {needle!r}: {text[:400]!r}")


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def pdf_width_pt(data: bytes) -> int:
    import pypdfium2

    return round(pypdfium2.PdfDocument(io.BytesIO(data))[0].get_width())


def test_live_preview_of_the_draft(page, browser, server, shots):
    from playwright.sync_api import expect

    cv = new_cv(page, "Live preview")
    page.goto(f"/app/cvs/{cv}")
    page.locator("#f-basics-label").wait_for()
    wait_preview(page, "Computer scientist")
    page.locator("#f-basics-label").fill("Rear admiral and compiler pioneer")
    wait_preview(page, "Rear admiral and compiler pioneer")  # the draft, before any Save
    expect(page.locator("#save-status")).to_contain_text("draft kept")
    versions = call(page, "GET", f"/api/v1/cvs/{cv}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1]  # typing made no version
    assert call(page, "GET", f"/api/v1/cvs/{cv}").json()["resume"]["basics"]["label"] == "Computer scientist"
    # PDF on demand: the draft as a PDF
    href = page.locator("#preview-pdf").get_attribute("href")
    assert href and "/draft/render" in href
    pdf = page.request.get(href)
    assert pdf.status == 200 and "Rear admiral" in pdf_text(pdf.body())
    shots(page, "editor-live-preview-desktop")

    # the draft survives a reload (it is kept on the server)
    page.reload()
    expect(page.locator("#f-basics-label")).to_have_value("Rear admiral and compiler pioneer")
    expect(page.locator("#draft-note")).to_be_visible()
    wait_preview(page, "Rear admiral and compiler pioneer")
    m_ctx, mobile = _new_page(browser, server, width=360, height=780, state=page.context.storage_state())
    mobile.goto(f"/app/cvs/{cv}")
    expect(mobile.locator("#f-basics-label")).to_have_value("Rear admiral and compiler pioneer")
    wait_preview(mobile, "Rear admiral")
    shots(mobile, "editor-live-preview-360")
    m_ctx.close()

    # Save turns the draft into version 2; no draft is left
    page.locator("#save-btn").click()
    expect(page.locator("#version-badge")).to_have_text("Version 2")
    expect(page.locator("#draft-note")).to_be_hidden()
    assert call(page, "GET", f"/api/v1/cvs/{cv}/draft").status == 404
    assert call(page, "GET", f"/api/v1/cvs/{cv}").json()["resume"]["basics"]["label"] == "Rear admiral and compiler pioneer"
    # the raw JSON tab previews too; Discard drops a draft and shows the saved CV again
    page.locator("#f-basics-label").fill("Discard me")
    wait_preview(page, "Discard me")
    page.reload()
    page.locator("#draft-discard").click()
    expect(page.locator("#f-basics-label")).to_have_value("Rear admiral and compiler pioneer")
    expect(page.locator("#draft-note")).to_be_hidden()
    assert page.errors == []  # type: ignore[attr-defined]


def test_design_panel_saved_and_used_everywhere(page):
    from playwright.sync_api import expect

    cv = new_cv(page, "Designed")
    page.goto(f"/app/cvs/{cv}")
    page.locator("#f-basics-name").wait_for()
    expect(page.locator("#template-select option[value=modern]")).to_have_count(1)

    def saved() -> dict[str, Any]:
        return dict(call(page, "GET", f"/api/v1/cvs/{cv}/design").json())

    def settle(pred, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            d = saved()
            if pred(d):
                return d
            page.wait_for_timeout(200)
        raise AssertionError(saved())

    page.locator("#template-select").select_option("modern")
    page.locator("#d-page-size").select_option("letter")
    page.locator("#d-font-size").select_option("large")
    page.locator("#d-margins").select_option("narrow")
    page.locator("#d-accent").evaluate("e => { e.value = '#aa3300'; e.dispatchEvent(new Event('change')); }")
    page.locator("#d-show-skills").uncheck()  # a hidden section
    for _ in range(2):  # summary, work, volunteer, education → summary, education, work, volunteer
        page.locator("#d-sections button[aria-label='Move Education up']").click()
    page.locator("#hide-work-1").check()  # one hidden entry
    d = settle(lambda d: d.get("hidden_items") == ["work.1"] and d["options"].get("accent") == "#aa3300")
    assert d["template"] == "modern" and d["options"]["page_size"] == "letter"
    assert d["options"]["hide"] == ["skills"] and d["options"]["font_size"] == "large"
    assert d["options"]["section_order"].index("education") < d["options"]["section_order"].index("work")
    wait_preview(page, "Harvard Computation Lab", present=False)
    text = preview_text(page)
    assert "COBOL" not in text and "Eckert-Mauchly" in text
    assert text.index("Yale University") < text.index("Eckert-Mauchly")

    # the download (the saved version) uses it
    pdf = page.request.get(page.locator("#pdf-link").get_attribute("href") or "")
    assert pdf.status == 200 and pdf_width_pt(pdf.body()) == 612  # US Letter
    assert "Harvard Computation Lab" not in pdf_text(pdf.body())
    # … the public profile's PDF and a share link's PDF too
    call(page, "PATCH", f"/api/v1/cvs/{cv}", {"discoverable": True, "slug": f"grace-{RUN}"})
    pdf = page.request.get(f"/p/grace-{RUN}/cv.pdf")
    assert pdf.status == 200 and pdf_width_pt(pdf.body()) == 612 and "COBOL" not in pdf_text(pdf.body())
    link = call(page, "POST", f"/api/v1/cvs/{cv}/shares", {"link": True}).json()
    token = link["page_url"].rsplit("/", 1)[1]
    share_page = page.context.new_page()
    share_page.goto(f"/s/{token}")
    href = share_page.get_by_role("link", name=re.compile("PDF")).get_attribute("href")
    pdf = page.request.get(href or "")
    assert pdf.status == 200 and pdf_width_pt(pdf.body()) == 612 and "Harvard" not in pdf_text(pdf.body())
    share_page.close()

    # the design stays after a reload; moving an entry moves its "hidden" mark with it
    page.reload()
    expect(page.locator("#template-select")).to_have_value("modern")
    expect(page.locator("#hide-work-1")).to_be_checked()
    page.locator("button[aria-label='Move Research Fellow · Harvard Computation Lab up']").click()
    settle(lambda d: d.get("hidden_items") == ["work.0"])
    expect(page.locator("#hide-work-0")).to_be_checked()
    page.locator("#design-reset").click()
    settle(lambda d: d["options"] == {} and d["hidden_items"] == [] and d["template"] == "modern")
    assert page.errors == []  # type: ignore[attr-defined]


def test_compare_versions_then_restore(page, browser, server, shots):
    from playwright.sync_api import expect

    cv = new_cv(page, "History")
    for label, extra in (("Programmer", {}), ("Rear admiral", {"languages": [{"language": "English"}]})):
        call(page, "PATCH", f"/api/v1/cvs/{cv}", {"resume": {**RESUME, **extra, "basics": {**RESUME["basics"], "label": label}}})
    page.goto(f"/app/cvs/{cv}")
    page.locator("#f-basics-name").wait_for()
    page.locator("#versions-panel summary").click()
    expect(page.locator("#version-list li")).to_have_count(3)
    expect(page.locator("#diff-older")).to_have_value("2")
    page.locator("#diff-older").select_option("1")
    page.get_by_role("button", name="Compare", exact=True).click()
    view = page.locator("#diff-view")
    expect(view.locator("h3")).to_have_text("Version 1 → version 3")
    changed = view.locator("li.diff-changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("Basics › label")
    expect(changed.locator("del")).to_have_text("Computer scientist")
    expect(changed.locator("ins")).to_have_text("Rear admiral")
    added = view.locator("li.diff-added")
    expect(added).to_have_count(1)
    expect(added).to_contain_text("Languages 1 › language")
    expect(view.locator(".diff-counts")).to_have_text("1 added · 0 removed · 1 changed")
    shots(page, "editor-diff-desktop")
    m_ctx, mobile = _new_page(browser, server, width=360, height=780, state=page.context.storage_state())
    mobile.goto(f"/app/cvs/{cv}")
    mobile.locator("#f-basics-name").wait_for()
    mobile.locator("#versions-panel summary").click()
    mobile.locator("#version-list li:nth-child(3) button", has_text="Compare").click()
    expect(mobile.locator("#diff-view li.diff-changed")).to_have_count(1)
    mobile.locator("#diff-view").scroll_into_view_if_needed()
    sw, cw = mobile.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sw <= cw
    shots(mobile, "editor-diff-360", full_page=False)
    m_ctx.close()

    view.locator("#diff-restore").click()  # restore version 1 from the comparison
    expect(page.locator("#version-badge")).to_have_text("Version 4")
    expect(page.locator("#f-basics-label")).to_have_value("Computer scientist")
    body = call(page, "GET", f"/api/v1/cvs/{cv}").json()
    assert body["current_version"] == 4 and "languages" not in body["resume"]
    assert page.errors == []  # type: ignore[attr-defined]


def test_upload_a_new_version_expiring_link_and_delete(page, tmp_path):
    from playwright.sync_api import expect

    cv = new_cv(page, "To replace")
    page.goto(f"/app/cvs/{cv}")
    page.locator("#f-basics-name").wait_for()
    page.locator("#versions-panel summary").click()
    page.locator("#version-file").set_input_files(str(B.make_cv_pdf(tmp_path / "hopper.pdf")))
    expect(page.locator("#version-upload-status")).to_contain_text("Version 2 was made from hopper.pdf", timeout=120_000)
    expect(page.locator("#version-badge")).to_have_text("Version 2")
    body = call(page, "GET", f"/api/v1/cvs/{cv}").json()
    assert body["current_version"] == 2 and body["title"] == "To replace"
    assert "COBOL" in json.dumps(body["resume"])
    versions = call(page, "GET", f"/api/v1/cvs/{cv}/versions").json()["items"]
    assert versions[0]["source_file"] and not versions[1]["source_file"]

    # an expiring view link from the Sharing panel
    page.locator("#link-expiry").select_option("7")
    page.locator("#link-share").click()
    expect(page.locator("#share-list li")).to_contain_text("expires")
    shares = call(page, "GET", f"/api/v1/cvs/{cv}/shares").json()["items"]
    expires = datetime.fromisoformat(shares[0]["expires_at"])
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)

    # delete the CV from the editor (after a confirmation)
    page.locator("#delete-cv").click()
    page.wait_for_url("**/app")
    assert call(page, "GET", f"/api/v1/cvs/{cv}").status == 404
    expect(page.locator("#my-cvs")).not_to_contain_text("To replace")
    assert page.errors == []  # type: ignore[attr-defined]


def test_parser_warnings_shown(page, server):
    from playwright.sync_api import expect

    extras = {"warnings": ["two columns detected on 1 page(s)", "1 field(s) read with low confidence: work[0].position"],
              "confidence": {"work[0].position": 0.3}, "low_confidence": ["work[0].position"],
              "unassigned": [{"text": "Member of the ACM", "page": 1, "x": 1.0, "y": 2.0}]}
    spec = {"email": EMAIL, "title": "Parsed", "resume": RESUME, "extras": extras}
    done = subprocess.run([sys.executable, "-c", SEED, json.dumps(spec)], env=server.env(), cwd=server.root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cv = done.stdout.strip().splitlines()[-1]
    page.goto(f"/app/cvs/{cv}")
    box = page.locator("#parse-warnings")
    expect(box).to_be_visible()
    expect(box.locator("li")).to_have_count(2)
    expect(box).to_contain_text("two columns detected")
    expect(page.locator("div.field:has(> #f-work-0-position)")).to_have_class(re.compile(r"\bneeds-check\b"))
    expect(page.locator("#unplaced-list li")).to_contain_text("Member of the ACM")
    # a CV that was not parsed shows no warnings box
    page.goto(f"/app/cvs/{new_cv(page, 'Typed')}")
    page.locator("#f-basics-name").wait_for()
    expect(box).to_be_hidden()


WIDTHS = (360, 375, 414)


def test_every_page_fits_small_screens(page, browser, server):
    """No horizontal scroll at 360, 375 and 414 px on every page (the editor with every
    panel open and a comparison shown), and no serious or critical axe-core violation at 360 px."""
    axe = _load("htdy_tests_web.test_a11y", "test_a11y.py")
    source = axe.axe_source()
    cv = new_cv(page, "Mobile")
    call(page, "PATCH", f"/api/v1/cvs/{cv}", {"discoverable": True, "slug": f"mobile-{RUN}"})
    call(page, "PATCH", f"/api/v1/cvs/{cv}", {"resume": {**RESUME, "basics": {**RESUME["basics"], "label": "v2"}}})
    token = call(page, "POST", f"/api/v1/cvs/{cv}/shares", {"link": True}).json()["page_url"].rsplit("/", 1)[1]
    state = page.context.storage_state()
    signed_in = [("/app", "#my-cvs[aria-busy=false]"), (f"/app/cvs/{cv}", "#f-basics-name"),
                 (f"/app/cvs/{cv}/stats", "svg.chart, .stats-empty, h1"), ("/account", "h1"),
                 ("/search?q=grace", "#result-count"), (f"/p/mobile-{RUN}", "h1"), (f"/s/{token}", "h1"),
                 ("/p/no-such-profile", "h1")]
    signed_out = [("/", "h1"), ("/signup", "#auth-form"), ("/login", "#auth-form"), ("/forgot-password", "h1"),
                  ("/logout", "h1")]
    problems: list[str] = []
    for pages, st in ((signed_in, state), (signed_out, None)):
        ctx, pg = _new_page(browser, server, width=WIDTHS[0], height=740, state=st)
        for path, ready in pages:
            pg.set_viewport_size({"width": WIDTHS[0], "height": 740})
            pg.goto(path)
            try:
                pg.wait_for_selector(ready, timeout=15_000)
            except Exception as exc:  # noqa: BLE001 — report the page, go on with the others
                problems.append(f"{path}: {ready} not shown ({type(exc).__name__})")
                continue
            if path == f"/app/cvs/{cv}":  # open every panel, with a comparison shown
                pg.locator("#versions-panel summary").click()
                pg.locator("#ats-panel summary").click()
                pg.locator("#diff-form button").click()
                pg.locator("#diff-view li").first.wait_for()
            pg.wait_for_timeout(150)
            pg.axe_source = source  # type: ignore[attr-defined]
            for v in axe.run_axe(pg):  # at 360 px
                problems.append(f"{path}: axe {v['id']} ({v['impact']}): {v['nodes']}")
            for width in WIDTHS:
                pg.set_viewport_size({"width": width, "height": 740})
                pg.wait_for_timeout(100)
                sw, cw = pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if sw > cw:
                    problems.append(f"{width}px {path}: {sw}px of content in a {cw}px window")
        assert pg.errors == [], pg.errors  # type: ignore[attr-defined]
        ctx.close()
    assert problems == [], "\n".join(problems)
