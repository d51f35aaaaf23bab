"""Analytics for the candidate (issue 10 §3): views and unique visitors per day by a
salted daily hash (no address stored), search clicks, public PDF downloads and share-link
opens; the owner's own requests, bots and HTTP libraries never count; DNT / Sec-GPC
visitors are counted but not identified; writes are buffered off the request path."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from htdy.core.http import appkeys
from htdy.core.models import AnalyticsSalt, ProfileEvent, ProfileVisitor
from htdy.core.services import analytics

FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
CHROME = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"}


async def stats(client: Any, headers: dict[str, str], cv_id: str, days: int = 30) -> dict[str, Any]:
    resp = await client.get(f"/api/v1/cvs/{cv_id}/stats", params={"days": str(days)}, headers=headers)
    assert resp.status == 200, await resp.text()
    return dict(await resp.json())


async def test_views_and_unique_visitors(client, signup, make_cv, htdy_app) -> None:
    events = htdy_app[appkeys.services].events
    a = await signup("owner@example.org")
    cv = await make_cv(a["headers"], discoverable=True)
    url = f"/api/v1/profiles/{cv['slug']}"
    for _ in range(3):
        assert (await client.get(url, headers=FIREFOX)).status == 200
    await client.get(url, headers=CHROME)
    await client.get(url + "?ref=search", headers=CHROME)
    await client.get(f"/p/{cv['slug']}", headers=CHROME)             # the web page counts the same way
    await client.get(url, headers={**CHROME, "DNT": "1"})             # counted, not identified
    await client.get(url, headers={"User-Agent": "Mozilla/5.0 (Macintosh)", "Sec-GPC": "1"})
    for bot in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32",
                "facebookexternalhit/1.1", "Mozilla/5.0 HeadlessChrome/120", ""):
        await client.get(url, headers={"User-Agent": bot})
    await client.get(url, headers={**a["headers"], **FIREFOX})        # the owner's own view
    assert await ProfileEvent.all().count() == 0, "nothing is written on the request path"
    before = await stats(client, a["headers"], cv["id"])
    assert before["view"] == 8 and before["search_click"] == 1       # buffered counts are included

    await events.flush()
    s = await stats(client, a["headers"], cv["id"])
    today = s["series"][-1]
    assert s["view"] == 8 and today["view"] == 8 and today["search_click"] == 1
    assert today["unique_visitors"] == 2 and s["unique_visitors"] == 2  # Firefox, Chrome (same address)
    assert len(s["series"]) == 30 and s["series"][-1]["date"] == analytics.today().isoformat()
    assert len((await stats(client, a["headers"], cv["id"], 90))["series"]) == 90
    assert (await client.get(f"/api/v1/cvs/{cv['id']}/stats", params={"days": "91"},
                             headers=a["headers"])).status == 422

    # no address is stored: only 32-hex hashes, whatever the client's address is
    rows = await ProfileVisitor.all().values("visitor", "day")
    assert len(rows) == 2 and all(len(r["visitor"]) == 32 and int(r["visitor"], 16) >= 0 for r in rows)
    assert all("127.0.0.1" not in str(r) for r in rows)


async def test_downloads_shares_and_impressions(client, signup, make_cv, htdy_app) -> None:
    events = htdy_app[appkeys.services].events
    a = await signup("owner@example.org")
    cv = await make_cv(a["headers"], discoverable=True)
    assert (await client.get(f"/api/v1/cvs/{cv['id']}/render?format=pdf", headers=a["headers"])).status == 200
    assert (await client.get(f"/api/v1/profiles/{cv['slug']}/render?format=pdf", headers=FIREFOX)).status == 200
    assert (await client.get(f"/api/v1/profiles/{cv['slug']}/render?format=pdf",
                             headers={**a["headers"], **FIREFOX})).status == 200   # owner: not a download
    share = await (await client.post(f"/api/v1/cvs/{cv['id']}/shares", json={"link": True},
                                     headers=a["headers"])).json()
    token = share["url"].rstrip("/").rsplit("/", 1)[-1]
    for _ in range(2):
        await client.get(f"/api/v1/shared/{token}", headers=CHROME)
    await client.get(f"/api/v1/shared/{token}", headers={**a["headers"], **CHROME})
    await client.get("/api/v1/search", params={"q": ""}, headers=FIREFOX)
    await client.get("/api/v1/search", params={"q": ""}, headers={"User-Agent": "Bingbot/2.0"})
    await events.flush()
    s = await stats(client, a["headers"], cv["id"])
    assert (s["download"], s["share_open"], s["search_appearance"]) == (1, 2, 1)
    assert s["shares"] == [{"share_id": share["id"], "opens": 2, "removed": False,
                            "created_at": s["shares"][0]["created_at"]}]
    await client.delete(f"/api/v1/cvs/{cv['id']}/shares/{share['id']}", headers=a["headers"])
    s = await stats(client, a["headers"], cv["id"])
    assert s["shares"] == [{"share_id": share["id"], "opens": 2, "removed": True, "created_at": None}]


async def test_daily_salts_rotate_and_old_ones_are_deleted(client, htdy_app) -> None:
    events = htdy_app[appkeys.services].events
    today = analytics.today()
    await AnalyticsSalt.create(day=today - timedelta(days=3), salt="old")
    events.salts.clear()
    await events.rotate_salts()
    days = sorted(r["day"] for r in await AnalyticsSalt.all().values("day"))
    assert days == [today, today + timedelta(days=1)]
    assert events.salts[today] != events.salts[today + timedelta(days=1)]
    h1 = analytics.visitor_hash(events.salts[today], "203.0.113.9", "UA", "cv")
    h2 = analytics.visitor_hash(events.salts[today + timedelta(days=1)], "203.0.113.9", "UA", "cv")
    assert h1 != h2 and "203.0.113.9" not in h1  # another day, another hash


def test_bots() -> None:
    assert analytics.is_bot("") and analytics.is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert analytics.is_bot("Slackbot-LinkExpanding 1.0") and analytics.is_bot("Python/3.11 aiohttp/3.13")
    assert not analytics.is_bot(FIREFOX["User-Agent"]) and not analytics.is_bot(CHROME["User-Agent"])
