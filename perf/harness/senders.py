"""What each stream sends: one coroutine per stream, ``(session, ctx) → Outcome``.

A coroutine only sends and reads; the generator times it from the *scheduled* send time. A
status ≥ 400 is an error named ``HTTP <status>`` (429 included: rate limits are counted, never
retried); a transport failure is named by its exception type."""
from __future__ import annotations

import asyncio
import copy
import itertools
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from htdy.perf.harness.fixtures import SEARCH_QUERIES, unique_variant

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 htdy-perf-run"


@dataclass
class Outcome:
    error: str | None = None
    value_divisor: float = 1.0          # uploads: MB, so the recorded value is ms per MB
    follow_up: Awaitable[None] | None = None   # uploads: the parse-completion poll


@dataclass
class WriteCV:
    id: str
    token: str
    etag: str
    resume: dict[str, Any]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    revision: int = 1
    stale: bool = False        # a write timed out or broke: the target may have applied it


@dataclass
class Context:
    """Everything a worker's requests need (built from the spec the parent sends)."""
    base: str
    owners: list[tuple[str, str]]          # (token, cv id) of every test CV
    stable: list[tuple[str, str]]          # (token, cv id) of CVs nobody edits (cached renders)
    slugs: list[str]
    writes: list[WriteCV]
    docs: dict[str, dict[str, bytes]]      # stream → {"pdf": bytes, "docx": bytes}
    timeout_s: float
    parse_timeout_s: float
    rng: random.Random = field(default_factory=random.Random)
    counter: itertools.count = field(default_factory=itertools.count)   # type: ignore[type-arg]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _get(session: aiohttp.ClientSession, url: str, headers: dict[str, str] | None = None) -> Outcome:
    async with session.get(url, headers=headers) as resp:
        await resp.read()
        return Outcome(None if resp.status < 400 else f"HTTP {resp.status}")


async def hello(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    return await _get(session, f"{ctx.base}/")


async def read_own_cv(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    token, cv = ctx.rng.choice(ctx.owners)
    return await _get(session, f"{ctx.base}/api/v1/cvs/{cv}", _auth(token))


async def read_profile_json(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    return await _get(session, f"{ctx.base}/api/v1/profiles/{ctx.rng.choice(ctx.slugs)}")


async def read_profile_html(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    return await _get(session, f"{ctx.base}/p/{ctx.rng.choice(ctx.slugs)}")


async def search(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    q, skill = ctx.rng.choice(SEARCH_QUERIES)
    return await _get(session, f"{ctx.base}/api/v1/search?q={q}&skill={skill}&limit=20")


async def analytics(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    token, cv = ctx.rng.choice(ctx.stable)
    return await _get(session, f"{ctx.base}/api/v1/cvs/{cv}/stats?days=30", _auth(token))


async def write_cv_update(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    """A new version with ``If-Match``: a CV of this worker that no request is editing now
    (each worker owns its CVs, so a 412 means the target lost an update, not a race here)."""
    free = [w for w in ctx.writes if not w.lock.locked()]
    cv = ctx.rng.choice(free) if free else ctx.writes[next(ctx.counter) % len(ctx.writes)]
    async with cv.lock:
        try:
            if cv.stale:    # as a real editor would: read the CV again before writing (timed)
                await _refresh(session, ctx, cv)
            cv.revision += 1
            resume = copy.deepcopy(cv.resume)
            resume["basics"]["summary"] = f"Revision {cv.revision}: builds systems that stay up."
            async with session.patch(f"{ctx.base}/api/v1/cvs/{cv.id}", json={"resume": resume},
                                     headers={**_auth(cv.token), "If-Match": cv.etag}) as resp:
                await resp.read()
                if resp.status == 200:
                    cv.etag = resp.headers.get("ETag", cv.etag)
                    return Outcome()
                status = resp.status
        except BaseException:       # timed out or broke: the next write re-reads first
            cv.stale = True
            raise
        if status == 412:   # re-read the current ETag (not timed) so the next write can go on
            await _refresh(session, ctx, cv)
        return Outcome(f"HTTP {status}")


async def _refresh(session: aiohttp.ClientSession, ctx: Context, cv: WriteCV) -> None:
    async with session.get(f"{ctx.base}/api/v1/cvs/{cv.id}", headers=_auth(cv.token)) as r:
        await r.read()
        cv.etag = r.headers.get("ETag", cv.etag)
        cv.stale = r.status != 200


async def write_share(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    """A link share of a CV nobody edits (a share moves the CV's ETag: on an edited CV the
    next ``If-Match`` would fail because of the harness, not the target)."""
    token, cv = ctx.rng.choice(ctx.stable)
    async with session.post(f"{ctx.base}/api/v1/cvs/{cv}/shares", json={"link": True, "access": "view"},
                            headers=_auth(token)) as resp:
        await resp.read()
        return Outcome(None if resp.status < 400 else f"HTTP {resp.status}")


async def render_cached(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    token, cv = ctx.rng.choice(ctx.stable)
    return await _get(session, f"{ctx.base}/api/v1/cvs/{cv}/render?format=pdf&template=classic", _auth(token))


async def render_uncached(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
    token, cv = ctx.rng.choice(ctx.stable)
    colour = f"%23{ctx.rng.randrange(1 << 24):06x}"     # a new cache key (16 M colours)
    return await _get(session, f"{ctx.base}/api/v1/cvs/{cv}/render?format=pdf&template=classic"
                               f"&option.accent={colour}", _auth(token))


def _upload(name: str) -> Callable[[aiohttp.ClientSession, Context], Awaitable[Outcome]]:
    async def send(session: aiohttp.ClientSession, ctx: Context) -> Outcome:
        n = next(ctx.counter)
        kind = "pdf" if n % 2 == 0 else "docx"
        doc = unique_variant(ctx.docs[name][kind], kind, ctx.rng.randbytes(16))
        token, _ = ctx.rng.choice(ctx.owners)
        form = aiohttp.FormData()
        form.add_field("file", doc, filename=f"cv-{n}.{kind}", content_type="application/octet-stream")
        form.add_field("title", f"Perf upload {n}")
        async with session.post(f"{ctx.base}/api/v1/uploads", data=form, headers=_auth(token)) as resp:
            if resp.status != 202:
                await resp.read()
                return Outcome(f"HTTP {resp.status}", len(doc) / 1048576)
            body: dict[str, Any] = await resp.json(content_type=None)
        job = body.get("links", {}).get("job") or f"/api/v1/jobs/{body['job']['id']}"
        return Outcome(None, len(doc) / 1048576, follow_up=_poll(session, ctx, job, token))
    return send


async def _poll(session: aiohttp.ClientSession, ctx: Context, job: str, token: str) -> None:
    """Poll the job until it is done (50 ms, growing to 250 ms); raises on failure."""
    delay = 0.05
    deadline = time.monotonic() + ctx.parse_timeout_s
    while time.monotonic() < deadline:
        async with session.get(job if job.startswith("http") else f"{ctx.base}{job}", headers=_auth(token)) as resp:
            if resp.status != 200:
                raise JobFailed(f"job poll HTTP {resp.status}")
            body: dict[str, Any] = await resp.json(content_type=None)
        status = body.get("status")
        if status == "done":
            return
        if status == "failed":
            raise JobFailed(f"parse failed: {(body.get('error') or {}).get('code', '?')}")
        await asyncio.sleep(delay)
        delay = min(0.25, delay * 1.5)
    raise JobFailed("parse timeout")


class JobFailed(Exception):
    pass


SENDERS: dict[str, Callable[[aiohttp.ClientSession, Context], Awaitable[Outcome]]] = {
    "hello": hello,
    "read_own_cv": read_own_cv,
    "read_profile_json": read_profile_json,
    "read_profile_html": read_profile_html,
    "search": search,
    "analytics": analytics,
    "write_cv_update": write_cv_update,
    "write_share": write_share,
    "upload_100k": _upload("upload_100k"),
    "upload_1m": _upload("upload_1m"),
    "upload_5m": _upload("upload_5m"),
    "render_cached": render_cached,
    "render_uncached": render_uncached,
}
