"""The app calls the event and route hooks (one ``test_hook_<name>`` per hook)."""
from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from htdy import hookimpl


class Recorder:
    def __init__(self) -> None:
        self.versions: list[tuple[str, int, str]] = []
        self.started: list[web.Application] = []
        self.parsed: list[str | None] = []

    @hookimpl
    def htdy_cv_version_created(self, cv_id: str, version: int, resume: dict[str, Any]) -> Any:
        async def record() -> None:  # a coroutine returned by a hook is awaited
            self.versions.append((cv_id, version, resume["basics"]["name"]))
        return record()

    @hookimpl
    def htdy_startup(self, app: web.Application) -> None:
        self.started.append(app)

    @hookimpl
    def htdy_register_routes(self) -> Any:
        async def hello(request: web.Request) -> web.Response:
            return web.json_response({"hello": "plugin"})
        return [web.get("/-/hello", hello)]

    @hookimpl
    def htdy_cv_parsed(self, resume: dict[str, Any], extras: dict[str, Any], filename: str | None) -> None:
        self.parsed.append(filename)
        resume.setdefault("meta", {})["canonical"] = "https://example.org/hooked"
        extras["hooked"] = True


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def htdy_plugins(recorder: Recorder) -> list[Any]:
    return [recorder]


async def test_hook_htdy_cv_version_created(client, signup, make_cv, recorder, resume):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    changed = dict(resume, basics={**resume["basics"], "name": "Ada King"})
    await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": changed}, headers=a["headers"])
    await client.patch(f"/api/v1/cvs/{cv['id']}", json={"title": "no new version"}, headers=a["headers"])
    assert recorder.versions == [(cv["id"], 1, "Ada Lovelace"), (cv["id"], 2, "Ada King")]


async def test_hook_htdy_startup(client, htdy_app, recorder):
    assert recorder.started == [htdy_app]


async def test_hook_htdy_register_routes(client):
    resp = await client.get("/-/hello")
    assert resp.status == 200 and await resp.json() == {"hello": "plugin"}


def test_hook_htdy_cv_parsed(recorder, tmp_path):
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.host.testing import make_settings
    from htdy.core.services.parsing.pipeline import parse_document

    pm = get_plugin_manager(extra=[recorder])
    result = parse_document(b"Ada Lovelace\nada@example.org\n", "cv.txt", make_settings(tmp_path),
                            build_registries(pm), pm)
    assert recorder.parsed == ["cv.txt"]
    assert result.extras["hooked"] is True and result.resume["meta"]["canonical"] == "https://example.org/hooked"
