"""Test data for ``htdy perf run``, made through the target's public API and removed after.

* users (sign-up), each with CVs (``POST /api/v1/cvs``) made discoverable with a slug, so the
  public profile and search streams have something to find;
* CV documents of about 100 KB, 1 MB and 5 MB as PDF (WeasyPrint) and DOCX (python-docx): a
  real CV text plus a photo-like image of random pixels that sets the size. Each upload gets
  a unique variant (a PDF comment after ``%%EOF``, a ZIP comment for DOCX) so content-addressed
  storage cannot turn repeats into no-ops;
* cleanup: ``DELETE /api/v1/me`` per user, which removes CVs, versions, shares, jobs and files."""
from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import random
import secrets
import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from htdy.perf.instance_gen import resume_for

SEARCH_QUERIES = (("python", "Python"), ("engineer", "Go"), ("backend", "PostgreSQL"), ("systems", "Rust"),
                  ("software", "Kubernetes"), ("reliable", "Redis"))


class SetupError(RuntimeError):
    """The target refused a set-up step (the message says which and why)."""


@dataclass
class TestUser:
    email: str
    password: str
    token: str
    cvs: list[dict[str, str]] = field(default_factory=list)   # {id, slug, etag}


@dataclass
class TestData:
    run_id: str
    users: list[TestUser]

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "users": [asdict(u) for u in self.users]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TestData:
        return cls(data["run_id"], [TestUser(**u) for u in data["users"]])


async def _json(resp: aiohttp.ClientResponse) -> Any:
    raw = await resp.read()
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return raw[:300].decode(errors="replace")


def _explain(step: str, status: int, body: Any) -> SetupError:
    hint = ""
    if status == 429:
        hint = (" — the target rate-limits this; for a benchmark turn limits off on the target "
                "([ratelimit] enabled = false, or HTDY_RATELIMIT__ENABLED=false) and restart it")
    elif status == 403 and "verified" in str(body):
        hint = " — the target wants e-mail verification ([auth] verify_email); benchmark a target without it"
    return SetupError(f"{step}: HTTP {status}: {str(body)[:300]}{hint}")


async def create(session: aiohttp.ClientSession, base: str, *, users: int, cvs_per_user: int,
                 run_id: str | None = None) -> TestData:
    """Sign up ``users`` accounts with ``cvs_per_user`` discoverable CVs each (concurrently)."""
    run_id = run_id or secrets.token_hex(4)
    rng = random.Random(run_id)

    async def one(i: int) -> TestUser:
        email = f"perf-{run_id}-{i:03d}@example.org"
        password = secrets.token_urlsafe(18)
        async with session.post(f"{base}/api/v1/auth/signup",
                                json={"email": email, "password": password, "name": f"Perf User {i}"}) as r:
            body = await _json(r)
            if r.status != 201 or not isinstance(body, dict) or not body.get("token"):
                raise _explain(f"sign-up of {email}", r.status, body)
        user = TestUser(email, password, body["token"])
        auth = {"Authorization": f"Bearer {user.token}"}
        for j in range(cvs_per_user):
            n = i * cvs_per_user + j
            slug = f"perf-{run_id}-{n:04d}"
            payload = {"title": f"Perf CV {n}", "resume": resume_for(n, 1, rng)}
            async with session.post(f"{base}/api/v1/cvs", json=payload, headers=auth) as r:
                cv = await _json(r)
                if r.status != 201:
                    raise _explain("create CV", r.status, cv)
            async with session.patch(f"{base}/api/v1/cvs/{cv['id']}", headers=auth,
                                     json={"discoverable": True, "open_to_work": True, "slug": slug}) as r:
                body = await _json(r)
                if r.status != 200:
                    raise _explain("make CV discoverable", r.status, body)
                user.cvs.append({"id": str(cv["id"]), "slug": body.get("slug") or slug,
                                 "etag": r.headers.get("ETag", "")})
        return user

    made: list[TestUser] = []
    try:
        for start in range(0, users, 4):    # a few at a time: sign-up hashes a password (CPU)
            made += await asyncio.gather(*(one(i) for i in range(start, min(users, start + 4))))
    except BaseException:
        await remove(session, base, TestData(run_id, made))
        raise
    return TestData(run_id, made)


async def remove(session: aiohttp.ClientSession, base: str, data: TestData) -> list[str]:
    """Delete every test account with everything it owns; returns problems (empty when clean)."""
    problems: list[str] = []
    for u in data.users:
        try:
            async with session.delete(f"{base}/api/v1/me", json={"password": u.password},
                                      headers={"Authorization": f"Bearer {u.token}"}) as r:
                if r.status not in (204, 401):
                    problems.append(f"{u.email}: HTTP {r.status} {(await r.read())[:200]!r}")
        except (aiohttp.ClientError, OSError) as exc:
            problems.append(f"{u.email}: {exc}")
    return problems


# ------------------------------------------------------------------------------ documents
CV_HTML = """<html><head><style>body{{font-family:sans-serif;font-size:11pt}} h1{{font-size:22pt}}
img{{width:60mm}}</style></head><body><h1>Perf Tester {n}</h1><p>Senior Software Engineer</p>
<p>perf.tester{n}@example.org · +41 44 555 01 {n:02d} · Zurich, Switzerland</p>
<h2>Experience</h2><p><b>Staff Engineer</b>, Analytical Engines AG, 2019 – present</p>
<ul><li>Cut P99 latency of the booking API by 60 %.</li><li>Built an open-loop load generator.</li></ul>
<p><b>Software Engineer</b>, Difference Works GmbH, 2014 – 2019</p>
<ul><li>Ran PostgreSQL at 20,000 transactions per second.</li></ul>
<h2>Education</h2><p>ETH Zurich — MSc, Computer Science, 2012 – 2014</p>
<h2>Skills</h2><p>Python, PostgreSQL, Kubernetes, Redis</p>
<img src="data:image/png;base64,{img}"></body></html>"""


def _noise_png(nbytes: int, seed: int) -> bytes:
    """A PNG of random pixels (incompressible) of about ``nbytes``."""
    from PIL import Image

    side = max(8, int((max(nbytes, 192) / 3) ** 0.5))
    raw = random.Random(seed).randbytes(side * side * 3)
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), raw).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def make_pdf(size: int, n: int = 1) -> bytes:
    from weasyprint import HTML

    base = len(HTML(string=CV_HTML.format(n=n, img=base64.b64encode(_noise_png(64, n)).decode())).write_pdf())
    img = _noise_png(max(64, size - base), n)
    return HTML(string=CV_HTML.format(n=n, img=base64.b64encode(img).decode())).write_pdf()  # type: ignore[no-any-return]


def make_docx(size: int, n: int = 1) -> bytes:
    import docx
    from docx.shared import Mm

    d = docx.Document()
    d.add_heading(f"Perf Tester {n}", 0)
    d.add_paragraph("Senior Software Engineer")
    d.add_paragraph(f"perf.tester{n}@example.org · +41 44 555 01 {n:02d} · Zurich, Switzerland")
    d.add_heading("Experience", 1)
    d.add_paragraph("Staff Engineer, Analytical Engines AG, 2019 – present")
    d.add_paragraph("Cut P99 latency of the booking API by 60 %.", style="List Bullet")
    d.add_paragraph("Software Engineer, Difference Works GmbH, 2014 – 2019")
    d.add_heading("Education", 1)
    d.add_paragraph("ETH Zurich — MSc, Computer Science, 2012 – 2014")
    d.add_heading("Skills", 1)
    d.add_paragraph("Python, PostgreSQL, Kubernetes, Redis")
    d.add_picture(io.BytesIO(_noise_png(max(64, size - 40_000), n)), width=Mm(60))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def unique_variant(doc: bytes, kind: str, nonce: bytes) -> bytes:
    """The same document with a few different bytes that every reader ignores."""
    if kind == "pdf":
        return doc + b"\n%" + nonce.hex().encode() + b"\n"
    # DOCX is a ZIP: set the end-of-central-directory comment (python-docx writes none)
    eocd = doc.rfind(b"PK\x05\x06")
    if eocd < 0 or len(doc) - eocd != 22:
        raise ValueError("not a ZIP without a comment")
    return doc[:eocd + 20] + struct.pack("<H", len(nonce)) + nonce


DOCS_VERSION = 1     # bump when the documents change


def documents_cache() -> Path:
    """Where the generated documents are kept between runs (``$XDG_CACHE_HOME/htdy``)."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "htdy" / f"perf-docs-v{DOCS_VERSION}"


def build_documents(folder: Path, sizes: dict[str, int]) -> dict[str, dict[str, str]]:
    """``{stream: {"pdf": path, "docx": path}}`` for each size, made once and kept in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, str]] = {}
    for i, (name, size) in enumerate(sizes.items()):
        out[name] = {}
        for kind, make in (("pdf", make_pdf), ("docx", make_docx)):
            path = folder / f"{name}.{kind}"
            if not path.exists():
                part = path.with_suffix(f".{os.getpid()}.part")
                part.write_bytes(make(size, i + 1))
                part.replace(path)          # never a half-written document for a concurrent run
            out[name][kind] = str(path)
    return out
