"""Fast: the editor page carries the parse-review pieces (review.js before editor.js, the
"Text we could not place" panel and the note, both hidden until the script fills them)."""
from __future__ import annotations

from htdy.plugins.web.assets import load_assets


async def test_editor_page_loads_the_review_script_and_panel(web_client):
    web_client.session.cookie_jar.update_cookies({"htdy_session": "x"})
    body = await (await web_client.get("/app/cvs/cv42")).text()
    review, editor = load_assets().url("review.js"), load_assets().url("editor.js")
    assert f'<script src="{review}" defer></script>' in body
    assert body.index(review) < body.index(editor)  # editor.js calls window.htdyReview
    assert '<details class="card panel unplaced-panel" id="unplaced-panel" hidden open>' in body
    assert "Text we could not place" in body and 'id="unplaced-list"' in body
    assert '<label for="unplaced-target">' in body and 'id="unplaced-target"' in body
    assert '<p class="review-note" id="review-note" hidden></p>' in body


async def test_review_script_is_served_hashed(web_client):
    asset = load_assets().by_name["review.js"]
    resp = await web_client.get(asset.url, headers={"Accept-Encoding": "gzip"})
    assert resp.status == 200 and resp.headers["Cache-Control"].endswith("immutable")
    assert "window.htdyReview" in await resp.text()
    assert asset.url not in (await (await web_client.get("/")).text())  # only the editor loads it
