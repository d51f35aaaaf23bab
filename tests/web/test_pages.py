"""Fast tests: every page renders, caching headers, hashed static assets, budgets,
the public profile (ETag/304, no JavaScript), redirects for signed-out visitors."""
from __future__ import annotations

import gzip
import re

import pytest

from htdy.plugins.web.assets import load_assets

JS_BUDGET = 300 * 1024   # seed/DESIGN: JS ≤ 300 KB gzipped
CSS_BUDGET = 50 * 1024   # CSS ≤ 50 KB gzipped


@pytest.mark.parametrize("path,needle", [
    ("/", "Help them discover"), ("/signup", "Create your account"), ("/login", "Welcome back"),
    ("/logout", "end your session"), ("/search", "Find talent"),
])
async def test_public_pages_render(web_client, path, needle):
    resp = await web_client.get(path)
    assert resp.status == 200
    assert resp.content_type == "text/html"
    body = await resp.text()
    assert needle in body
    assert '<main id="main"' in body and 'lang="en"' in body and "Skip to main content" in body
    assert resp.headers["Cache-Control"] == "no-cache"
    assert resp.headers["ETag"]
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    # no third-party assets, no inline script
    assert not re.search(r'(src|href)="(https?:)?//', body)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", body)


async def test_html_etag_gives_304(web_client):
    first = await web_client.get("/")
    again = await web_client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    assert again.headers["Cache-Control"] == "no-cache"


async def test_forms_are_labelled(web_client):
    body = await (await web_client.get("/signup")).text()
    for field in ("name", "email", "password"):
        assert f'<label for="{field}">' in body and f'id="{field}"' in body
    assert 'data-api="/api/v1/auth/signup"' in body


@pytest.mark.parametrize("path", ["/app", "/app/cvs/abc"])
async def test_app_pages_need_a_session(web_client, path):
    resp = await web_client.get(path, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/login?next=" + path


async def test_app_pages_render_with_a_session(web_client):
    web_client.session.cookie_jar.update_cookies({"htdy_session": "x"})
    dash = await web_client.get("/app")
    assert dash.status == 200
    body = await dash.text()
    assert 'id="upload-file"' in body and 'id="dropzone"' in body and "Log out" in body
    ed = await web_client.get("/app/cvs/cv42")
    body = await ed.text()
    assert 'data-cv-id="cv42"' in body and load_assets().url("editor.js") in body
    assert 'role="tablist"' in body and 'id="preview"' in body


async def test_login_next_is_sanitised(web_client):
    body = await (await web_client.get("/login?next=//evil.example/x")).text()
    assert 'name="next" value="/app"' in body
    body = await (await web_client.get("/login?next=/app/cvs/1")).text()
    assert 'name="next" value="/app/cvs/1"' in body


async def test_static_assets_are_hashed_and_immutable(web_client):
    assets = load_assets()
    page = await (await web_client.get("/")).text()
    for name in ("app.js", "app.css", "icon.svg"):
        asset = assets.by_name[name]
        assert re.fullmatch(r"[a-z]+\.[0-9a-f]{10}\.[a-z]+", asset.hashed)
        assert asset.url in page
        resp = await web_client.get(asset.url, headers={"Accept-Encoding": "gzip"})
        assert resp.status == 200
        assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert await resp.read() == asset.data  # the client decodes the gzip body
        again = await web_client.get(asset.url, headers={"If-None-Match": resp.headers["ETag"]})
        assert again.status == 304


async def test_unknown_or_stale_asset_is_404(web_client):
    assert (await web_client.get("/static/app.0000000000.js")).status == 404
    assert (await web_client.get("/static/app.js")).status == 404


async def test_gzip_is_sent_when_accepted(web_client):
    url = load_assets().url("app.js")
    resp = await web_client.get(url, headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
    assert resp.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(await resp.read()) == load_assets().by_name["app.js"].data


def test_asset_budget():
    assets = load_assets().by_name.values()
    js = sum(len(gzip.compress(a.data)) for a in assets if a.name.endswith(".js"))
    css = sum(len(gzip.compress(a.data)) for a in assets if a.name.endswith(".css"))
    assert 0 < js <= JS_BUDGET, js
    assert 0 < css <= CSS_BUDGET, css
    assert len([a for a in assets if a.name.endswith(".css")]) == 1


def test_plugin_is_a_default_builtin():
    from htdy.core.host.plugins import DEFAULT_PLUGINS

    assert "htdy.plugins.web" in DEFAULT_PLUGINS
