"""Static assets with content-hashed names (seed §3.1.1: cache busting by filename hashing).

Every file in ``static/`` is published as ``/static/<stem>.<hash>.<ext>`` where ``hash`` is
the first 10 hex digits of the SHA-256 of its bytes. Those URLs never change meaning, so
they are served with ``Cache-Control: public, max-age=31536000, immutable``; a gzip copy
is prepared once and sent to clients that accept it. The file set is package data and is
read once per process.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from aiohttp import web

STATIC_PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
_COMPRESSIBLE = ("text/", "application/javascript", "image/svg+xml", "application/json")


@dataclass(frozen=True)
class Asset:
    name: str          # logical name, e.g. "app.js"
    hashed: str        # published name, e.g. "app.3f2a9c01de.js"
    data: bytes
    gz: bytes | None   # gzip copy (None when not worth it)
    media_type: str
    etag: str

    @property
    def url(self) -> str:
        return STATIC_PREFIX + self.hashed


def _hashed_name(name: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"


def _media_type(name: str) -> str:
    if name.endswith(".js"):
        return "application/javascript"
    if name.endswith(".svg"):
        return "image/svg+xml"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class AssetSet:
    by_name: dict[str, Asset]
    by_hashed: dict[str, Asset]

    def url(self, name: str) -> str:
        return self.by_name[name].url

    def urls(self) -> dict[str, str]:
        """Template context: ``{"js": "/static/app.<h>.js", "css": …, "icon": …}``."""
        out: dict[str, str] = {}
        for name, asset in self.by_name.items():
            stem, _, ext = name.rpartition(".")
            out[ext if stem == "app" else stem] = asset.url
        return out


@lru_cache(maxsize=1)
def load_assets() -> AssetSet:
    root = resources.files(__package__).joinpath("static")
    by_name: dict[str, Asset] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.is_file() or entry.name.startswith("."):
            continue
        data = entry.read_bytes()
        media_type = _media_type(entry.name)
        gz = None
        if media_type.startswith(_COMPRESSIBLE):
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            gz = packed if len(packed) < len(data) else None
        hashed = _hashed_name(entry.name, data)
        by_name[entry.name] = Asset(entry.name, hashed, data, gz, media_type,
                                    f'"{hashed.split(".")[-2]}"')
    return AssetSet(by_name, {a.hashed: a for a in by_name.values()})


def _accepts_gzip(request: web.Request) -> bool:
    accept = request.headers.get("Accept-Encoding", "")
    return any(part.split(";")[0].strip() == "gzip" for part in accept.split(","))


async def serve_static(request: web.Request) -> web.StreamResponse:
    asset = load_assets().by_hashed.get(request.match_info["name"])
    if asset is None:
        raise web.HTTPNotFound(text="unknown or outdated asset\n")
    headers = {"Cache-Control": IMMUTABLE, "ETag": asset.etag, "Vary": "Accept-Encoding",
               "X-Content-Type-Options": "nosniff"}
    if request.headers.get("If-None-Match") == asset.etag:
        return web.Response(status=304, headers=headers)
    body = asset.data
    if asset.gz is not None and _accepts_gzip(request):
        body = asset.gz
        headers["Content-Encoding"] = "gzip"
    resp = web.Response(body=body, headers=headers, content_type=asset.media_type,
                        charset="utf-8" if asset.media_type.startswith(("text/", "application/j")) else None)
    return resp
