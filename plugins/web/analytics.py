"""``/app/cvs/{id}/stats``: the owner's analytics dashboard, fully server-rendered — the
numbers come from ``GET /api/v1/cvs/{id}/stats`` (with the visitor's session), the charts
are inline SVG built here (no chart library, no JavaScript)."""
from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import quote

from aiohttp import web

from . import data
from .html import render_page

PERIODS = (30, 90)
W, H, PAD_L, PAD_B, PAD_T = 720, 200, 34, 22, 10
SERIES = (("view", "Views", "bar-views"), ("unique_visitors", "Unique visitors", "bar-unique"))
TILES = (("view", "Profile views"), ("unique_visitors", "Unique visitors"), ("search_appearance",
         "Search appearances"), ("search_click", "Clicks from search"), ("download", "PDF downloads"),
         ("share_open", "Share-link opens"))


def _nice_max(n: int) -> int:
    for step in (1, 2, 5):
        for mag in (1, 10, 100, 1000, 10_000, 100_000):
            if step * mag >= n:
                return max(step * mag, 1)
    return n


def chart(series: list[dict[str, Any]]) -> str:
    """Grouped bars (views, unique visitors) per day, with a y axis and monthly ticks; each
    bar carries a <title> for hover and screen readers; a table below repeats the data."""
    top = _nice_max(max([d[k] for d in series for k, _, _ in SERIES] + [1]))
    plot_w, plot_h = W - PAD_L - 6, H - PAD_B - PAD_T
    slot = plot_w / max(len(series), 1)
    bar = max(slot / 2 - 0.5, 0.6)
    parts = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for frac in (0, 0.5, 1):
        y = PAD_T + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{PAD_L}" x2="{W - 6}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">{round(top * frac)}</text>')
    for i, day in enumerate(series):
        x0 = PAD_L + i * slot
        for j, (key, label, cls) in enumerate(SERIES):
            value = int(day[key])
            h = plot_h * value / top
            parts.append(f'<rect class="{cls}" x="{x0 + j * bar:.1f}" y="{PAD_T + plot_h - h:.1f}" '
                         f'width="{bar:.1f}" height="{h:.1f}"><title>{day["date"]}: {value} {label.lower()}'
                         f'</title></rect>')
        d = date.fromisoformat(day["date"])
        if d.day == 1 or i == 0:
            parts.append(f'<text class="axis" x="{x0:.1f}" y="{H - 6}">{d.strftime("%d %b")}</text>')
    parts.append("</svg>")
    return "".join(parts)


async def stats_page(request: web.Request) -> web.StreamResponse:
    cv_id = request.match_info["cv_id"]
    try:
        days = int(request.query.get("days", "30"))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    status, _, body = await data.internal_get(request, f"/api/v1/cvs/{quote(cv_id)}/stats?days={days}",
                                              forward_cookies=True)
    if status == 401:
        return web.Response(status=302, headers={"Location": "/login?next=" + quote(request.path_qs, safe="/")})
    if status != 200:
        message = "Only the owner of this CV can see its analytics." if status == 403 else \
            "This CV does not exist or you cannot see it."
        return render_page(request, "notfound", page="notfound", title="Analytics", status=404 if status != 403
                           else 403, heading="No analytics here", noindex=True, message=message)
    stats = json.loads(body)
    series = stats.get("series") or []
    period = {k: sum(int(d.get(k, 0)) for d in series) for k, _ in TILES}
    tiles = [{"label": label, "value": period[key], "total": stats.get(key) if key != "unique_visitors" else None}
             for key, label in TILES]  # unique visitors are per day: no all-time figure
    shares = [{"id": s["share_id"][:8], "opens": s["opens"], "removed": s["removed"]} for s in stats.get("shares", [])]
    return render_page(request, "analytics", page="analytics", title="Analytics", noindex=True, cv_id=cv_id,
                       days=days, tiles=tiles, chart=chart(series),
                       rows=list(reversed(series)),
                       periods=[{"days": p, "current": p == days} for p in PERIODS],
                       shares=shares, has_shares=bool(shares))
