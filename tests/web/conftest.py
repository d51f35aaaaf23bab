"""Fixtures for the web frontend tests.

* ``web_app`` / ``web_client``: the web plugin's routes, registered through the plugin
  manager exactly like a third-party plugin, on top of an in-memory fake of the JSON API.
* Browser fixtures live in ``test_browser.py`` (real server, real chromium).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from aiohttp import web

_HERE = Path(__file__).parent


def _load(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _HERE / f"{name.split('.')[-1]}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


fakeapi = _load("htdy_tests_web.fakeapi")
# the browser helpers, loaded once: browser test modules take them from sys.modules
_load("htdy_tests_web.conftest_browser")


def web_routes() -> list[web.AbstractRouteDef]:
    """The routes every plugin contributes, collected the way the app does it."""
    import pluggy

    import htdy.plugins.web
    from htdy.core.host import hookspecs

    pm = pluggy.PluginManager("htdy")
    pm.add_hookspecs(hookspecs)
    pm.register(htdy.plugins.web, name="htdy.plugins.web")
    routes: list[web.AbstractRouteDef] = []
    for result in pm.hook.htdy_register_routes():
        routes.extend(result)
    return routes


@pytest.fixture
def web_app() -> web.Application:
    app = fakeapi.make_fake_api()
    app.router.add_routes(web_routes())
    return app


@pytest.fixture
async def web_client(aiohttp_client, web_app):
    return await aiohttp_client(web_app)


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """``shots(page, name)`` saves a screenshot to a temporary folder and, when set, to
    ``$HTDY_SCREENSHOT_DIR``. The viewport grows to the page instead of a stitched full-page
    capture: sticky header/panels stay in place and the preview iframe stays painted."""
    import os
    from pathlib import Path

    dirs = [tmp_path_factory.mktemp("screenshots")]
    if extra := os.environ.get("HTDY_SCREENSHOT_DIR"):
        dirs.append(Path(extra))
        dirs[-1].mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str, full_page: bool = True) -> None:
        size = page.viewport_size
        if full_page and size:
            height = min(page.evaluate("document.documentElement.scrollHeight"), 8000)
            page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
            page.wait_for_timeout(200)
        for d in dirs:
            page.screenshot(path=str(d / f"{name}.png"))
        if full_page and size:
            page.set_viewport_size(size)
    shoot.dirs = dirs  # type: ignore[attr-defined]
    return shoot
