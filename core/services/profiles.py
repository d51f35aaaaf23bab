"""Public profiles: which CV a slug names (only while it is discoverable), the list of
them (for sitemaps), and the finished bytes of public reads, cached per (kind, slug,
revision, variant) in the cache tiers.

Why this is correct without explicit purges: every change to a CV (edit, publish,
unpublish, slug, open-to-work, shares) bumps its ``revision`` and drops its ``cv:{id}``
entry (``cvs.after_commit``), so the next request sees the new state — a profile made
private is gone at once — and the bytes of an older revision are never asked for again
(they expire with ``PUBLIC_TTL_S``)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from htdy.core.models import CV
from htdy.core.services import Services, cvs
from htdy.core.services.rendering import cached_renders

SLUG_TTL_S = 60
PUBLIC_TTL_S = 3600


async def _cv_id(svc: Services, slug: str) -> str | None:
    key = f"slug:{slug}"
    cv_id = await svc.cache.get(key, shared=True)
    if not cv_id:
        row = await CV.filter(slug=slug, discoverable=True).first().values("id")
        if row is None:
            return None
        cv_id = str(row["id"])
        await svc.cache.set(key, cv_id, SLUG_TTL_S)
    return str(cv_id)


async def lookup(svc: Services, slug: str) -> dict[str, Any] | None:
    """The cache entry (``cvs.entry``) of the discoverable CV at ``slug``, or ``None``."""
    cv_id = await _cv_id(svc, slug)
    if cv_id is None:
        return None
    e = await cvs.entry(svc, cv_id)
    if e is None or not e["cv"]["discoverable"] or e["cv"]["slug"] != slug:  # stale mapping
        await svc.cache.delete(f"slug:{slug}")
        return None
    return e


async def head(svc: Services, slug: str) -> dict[str, Any] | None:
    """``{id, slug, revision, owner_id}`` of the discoverable CV at ``slug``, or ``None``: what a
    cached public read needs, from a small entry (``pub:{id}``, dropped with ``cv:{id}``
    by ``cvs.after_commit``) instead of decoding the whole CV on every request."""
    cv_id = await _cv_id(svc, slug)
    if cv_id is None:
        return None

    async def load() -> dict[str, Any]:
        e = await cvs.entry(svc, cv_id)
        if e is None:
            return {}
        cv = e["cv"]
        return {"id": cv["id"], "slug": cv["slug"], "discoverable": cv["discoverable"], "revision": e["revision"],
                "owner_id": e["owner_id"]}

    h = await svc.cache.get_or_set(f"pub:{cv_id}", load, cvs.CV_TTL_S, stale_ttl=0, shared=True)
    if not h or not h["discoverable"] or h["slug"] != slug:
        await svc.cache.delete(f"slug:{slug}")
        return None
    return dict(h)


def cv_language(cv: dict[str, Any]) -> str | None:
    """The CV's language: ``meta.language``, else the one the parser detected, else ``None``."""
    meta = cv["resume"].get("meta") if isinstance(cv.get("resume"), dict) else None
    declared = meta.get("language") if isinstance(meta, dict) else None
    extras = cv.get("extras")
    found = declared or (extras.get("language") if isinstance(extras, dict) else None)
    return found if isinstance(found, str) and found else None


def payload(e: dict[str, Any]) -> dict[str, Any]:
    """``GET /api/v1/profiles/{slug}``'s body."""
    cv = e["cv"]
    slug = cv["slug"]
    return {"slug": slug, "cv_id": cv["id"], "name": (cv["resume"].get("basics") or {}).get("name"),
            "resume": cv["resume"], "updated_at": cv["updated_at"], "open_to_work": bool(cv.get("open_to_work")),
            "revision": e["revision"], "language": cv_language(cv),
            "links": {"html": f"/p/{slug}", "pdf": f"/api/v1/profiles/{slug}/render?format=pdf"}}


async def cached_bytes(svc: Services, kind: str, h: dict[str, Any], variant: str,
                       build: Callable[[], Awaitable[bytes]]) -> bytes:
    """The finished bytes of one public read of the CV whose ``head`` is ``h`` at its
    revision (built once per key however many requests wait for it)."""
    key = f"public:{kind}:{h['slug']}:{h['revision']}:{variant}"

    async def built() -> bytes:
        out = await build()
        await cached_renders.remember(svc.cache, h["id"], key)  # gone with the CV or its account
        return out

    value = await svc.cache.get_or_set(key, built, PUBLIC_TTL_S, stale_ttl=0, shared=True)
    return value if isinstance(value, bytes) else bytes(value)


async def listing(after: str | None, limit: int) -> tuple[list[dict[str, str]], str | None]:
    """Discoverable profiles in slug order after ``after``: ``[{slug, updated_at}]`` and the
    cursor of the next page (``None`` on the last)."""
    query = CV.filter(discoverable=True, slug__isnull=False)
    if after:
        query = query.filter(slug__gt=after)
    rows = await query.order_by("slug").limit(limit + 1).values("slug", "updated_at")
    items = [{"slug": r["slug"], "updated_at": _iso(r["updated_at"])} for r in rows[:limit]]
    return items, (items[-1]["slug"] if len(rows) > limit else None)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
