"""Accessibility: axe-core (npm, fetched once into a cache dir) run inside chromium on
every page, against the web routes + the in-memory fake API served from a thread.
No serious or critical violations allowed (colour contrast included)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiohttp import web

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

AXE_VERSION = "4.14.1"


B = sys.modules["htdy_tests_web.conftest_browser"]  # (loaded by conftest.py)


def axe_source() -> str:
    if path := os.environ.get("HTDY_AXE_JS"):
        return Path(path).read_text()
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "htdy-tests" / f"axe-{AXE_VERSION}"
    js = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not js.exists():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(cache),
                            f"axe-core@{AXE_VERSION}"], check=True, capture_output=True, timeout=180)
        except (OSError, subprocess.SubprocessError) as exc:
            B.unavailable(f"axe-core could not be installed with npm: {exc}")
    return js.read_text()


@pytest.fixture(scope="module")
def fake_server():
    B.check_browser()
    from htdy_tests_web.fakeapi import make_fake_api, publish_sample  # loaded by conftest

    from htdy.plugins.web import htdy_register_routes

    port = B.free_port()
    ready = threading.Event()
    loop = asyncio.new_event_loop()
    app = make_fake_api()
    app.router.add_routes(htdy_register_routes())
    publish_sample(app)
    runner = web.AppRunner(app)

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(20)
    yield f"http://127.0.0.1:{port}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture(scope="module")
def page(fake_server):
    from playwright.sync_api import sync_playwright

    source = axe_source()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS)
        ctx = browser.new_context(base_url=fake_server, viewport={"width": 1280, "height": 900}, bypass_csp=True)
        pg = ctx.new_page()
        pg.axe_source = source  # type: ignore[attr-defined]
        # sign up once so the app pages have a session and data
        pg.goto("/signup")
        pg.fill("#name", "Grace Hopper")
        pg.fill("#email", "grace@example.org")
        pg.fill("#password", "correct horse battery")
        pg.click("button[type=submit]")
        pg.wait_for_url("**/app")
        yield pg
        browser.close()


def run_axe(page) -> list[dict]:
    page.add_script_tag(content=page.axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path,ready", [
    ("/", "h1"), ("/signup", "#auth-form"), ("/login", "#auth-form"), ("/search?q=ada", ".result"),
    ("/p/ada-lovelace", "h1"), ("/app", "#my-cvs[aria-busy=false]"), ("/app/cvs/cv0", "#f-basics-name"),
    ("/app/cvs/cv0/stats", "svg.chart"), ("/match", "#match-form"),
])
def test_no_serious_axe_violations(page, path, ready):
    page.goto(path)
    page.wait_for_selector(ready)
    page.wait_for_timeout(150)
    assert run_axe(page) == []
