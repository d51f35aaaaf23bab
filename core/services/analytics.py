"""Analytics for the candidate: which requests count, and the numbers the owner sees.

What counts: a profile view, a click from search results (``?ref=search``), a PDF
download of the public profile, a share-link open — never the CV owner's own requests,
never a known bot, crawler, link previewer or HTTP library (by ``User-Agent``; an empty one
included). A visitor who sends ``DNT: 1`` or ``Sec-GPC: 1`` is counted in the day's totals
but never identified: no visitor hash is made for them.

Unique visitors per day: ``HMAC(salt of the day, client address | user agent | CV)``,
truncated to 128 bits. The salt is random, shared by the nodes through the database and
deleted the day after (``EventRecorder``), so a stored hash cannot be linked to another
day's nor tested against a known address. No address is ever stored.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiohttp import web
from tortoise.functions import Count, Sum

from htdy.core.http import appkeys
from htdy.core.http.clientip import client_ip
from htdy.core.models import EVENT_KINDS, ProfileEvent, ProfileVisitor, Share
from htdy.core.services import Services

_BOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|mediapartners|facebookexternalhit|embedly|preview|validator|"
    r"lighthouse|headless|pingdom|uptime|monitor|curl/|wget/|python-requests|python-urllib|python/|"
    r"aiohttp|httpx|go-http-client|okhttp|java/|libwww|httpclient|axios|node-fetch|wrk|scrapy|phantomjs",
    re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(_BOTS.search(user_agent))


def private(request: web.Request) -> bool:
    """The visitor asked not to be tracked (``DNT: 1`` or Global Privacy Control)."""
    return request.headers.get("DNT", "").strip() == "1" or request.headers.get("Sec-GPC", "").strip() == "1"


def today() -> date:
    return datetime.now(UTC).date()


def visitor_hash(salt: str, address: str, user_agent: str, cv_id: str) -> str:
    msg = f"{address}|{user_agent}|{cv_id}".encode()
    return hmac.new(salt.encode(), msg, hashlib.sha256).hexdigest()[:32]


def record(svc: Services, request: web.Request, cv_id: str, owner_id: str | None, kind: str, *,
           ref: str | None = None, visit: bool = False) -> bool:
    """Count one event of ``kind`` for ``cv_id`` unless the owner or a bot made the request;
    with ``visit``, also note the (hashed) visitor of the day. Never awaits: the recorder
    buffers and writes in batches. Returns whether it counted."""
    events = svc.events
    if events is None:
        return False
    user = request.get(appkeys.user) or {}
    ua = request.headers.get("User-Agent", "")
    if (owner_id and user.get("id") == owner_id) or is_bot(ua):
        return False
    events.record(cv_id, kind, ref=ref)
    if visit and not private(request):
        events.visit(cv_id, client_ip(request), ua)
    return True


async def stats(svc: Services, cv_id: str, days: int) -> dict[str, Any]:
    """All-time totals per kind, and per day of the last ``days`` (UTC): each kind and the
    unique visitors; the share-link opens per share."""
    assert svc.events is not None
    totals = await svc.events.stats(cv_id)
    first = today() - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    series: dict[str, dict[str, int]] = {
        (first + timedelta(days=i)).isoformat(): {**{k: 0 for k in EVENT_KINDS}, "unique_visitors": 0}
        for i in range(days)}
    rows = await ProfileEvent.filter(cv_id=cv_id, created_at__gte=start).values("kind", "count", "created_at")
    for r in rows:
        day = r["created_at"].astimezone(UTC).date().isoformat() if r["created_at"].tzinfo else \
            r["created_at"].date().isoformat()
        if day in series and r["kind"] in EVENT_KINDS:
            series[day][r["kind"]] += int(r["count"])
    visitors = await ProfileVisitor.filter(cv_id=cv_id, day__gte=first).group_by("day") \
        .annotate(n=Count("id")).values("day", "n")
    for v in visitors:
        key = v["day"].isoformat() if isinstance(v["day"], date) else str(v["day"])[:10]
        if key in series:
            series[key]["unique_visitors"] = int(v["n"])
    for (cid, day_, _), _n in svc.events.pending_visitors.items():  # not written yet
        key = day_.isoformat()
        if cid == str(cv_id) and key in series:
            series[key]["unique_visitors"] += 1
    for (cid, kind, _ref), n in svc.events.pending.items():
        if cid == str(cv_id) and kind in EVENT_KINDS:
            series[today().isoformat()][kind] += n
    shares = await ProfileEvent.filter(cv_id=cv_id, kind="share_open", ref__isnull=False).group_by("ref") \
        .annotate(n=Sum("count")).values("ref", "n")
    opens = {str(r["ref"]): int(r["n"] or 0) for r in shares}
    for (cid, kind, ref), n in svc.events.pending.items():
        if cid == str(cv_id) and kind == "share_open" and ref:
            opens[ref] = opens.get(ref, 0) + n
    live = await Share.filter(cv_id=cv_id, kind="link").values("id", "created_at", "expires_at")
    per_share = [{"share_id": str(s["id"]), "opens": opens.pop(str(s["id"]), 0), "removed": False,
                  "created_at": s["created_at"].isoformat()} for s in live]
    per_share += [{"share_id": ref, "opens": n, "removed": True, "created_at": None} for ref, n in opens.items()]
    return {**totals, "days": days,
            "unique_visitors": sum(d["unique_visitors"] for d in series.values()),
            "series": [{"date": d, **v} for d, v in series.items()], "shares": per_share}
