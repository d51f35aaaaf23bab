"""What a cached render is keyed by and stored as.

``normalize_options`` writes a template's options the way the renderer reads them, so equal
renders share one cache entry; ``render_cache_key`` hashes (CV id + version, template id +
version, options, format, renderer, htdy version); ``pack``/``unpack`` keep the media type and
page count beside the bytes."""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Protocol

from htdy import __version__
from htdy.core.host.interfaces import RenderOutput, Template

CACHE_TTL_S = 7 * 24 * 3600


class AsyncCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None: ...


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_HEX3 = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")


def _normalize_value(spec: dict[str, Any], value: Any) -> Any:
    kind = spec.get("type", "string")
    if kind == "color" and isinstance(value, str):
        v = value.strip().lower()
        m = _HEX3.fullmatch(v)
        return "#" + "".join(c * 2 for c in m.groups()) if m else v
    if kind == "choice" and isinstance(value, str):
        return value.strip().lower()
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        return value
    if kind == "list":
        items = value.split(",") if isinstance(value, str) else value
        if isinstance(items, list | tuple) and all(isinstance(v, str) for v in items):
            return [v.strip() for v in items if v.strip()]
        return value
    return value


def normalize_options(template: Template | None, options: dict[str, Any] | None) -> dict[str, Any]:
    """The options a render really uses, for cache keys: every option the template
    supports with its default filled in, given values written the way the renderer reads
    them (colours as lower-case ``#rrggbb``, choices lower-case, lists split on commas,
    booleans from ``true``/``false``…), keys sorted. ``{}``, ``{"accent": "#00F"}`` and
    ``{"accent": "#0000ff"}`` are one entry when ``#0000ff`` is the default. Values a spec
    does not describe (unknown options) are kept as given; the renderer rejects them."""
    specs: dict[str, Any] = template.options if template is not None else {}
    out = {name: _normalize_value(spec, spec.get("default")) for name, spec in specs.items()
           if isinstance(spec, dict)}
    for name, value in (options or {}).items():
        spec = specs.get(name)
        out[name] = _normalize_value(spec, value) if isinstance(spec, dict) else value
    return dict(sorted(out.items()))


def render_cache_key(*, cv_version: Any, template_id: str, template_version: str, fmt: str,
                     options: dict[str, Any] | None = None, engine: str = "", cv_id: Any = "") -> str:
    """A stable key for one render: (CV id + version, template id + version, options,
    format, renderer, htdy version). A new CV version or template version changes it.
    ``RenderService`` passes options through ``normalize_options`` first."""
    payload = json.dumps({"cv": [str(cv_id), str(cv_version)], "t": [template_id, template_version],
                          "o": options or {}, "f": fmt, "e": engine, "v": __version__},
                         sort_keys=True, separators=(",", ":"), default=str)
    return "render:" + hashlib.sha256(payload.encode()).hexdigest()[:40]


def resume_version(resume: dict[str, Any]) -> str:
    """Content hash of a CV, for callers without a stored version number."""
    return hashlib.sha256(json.dumps(resume, sort_keys=True, default=str).encode()).hexdigest()[:24]


def pack(out: RenderOutput) -> bytes:
    meta = json.dumps({"m": out.media_type, "p": out.pages}).encode()
    return meta + b"\n" + out.content


def unpack(data: bytes) -> RenderOutput:
    meta, _, content = data.partition(b"\n")
    m = json.loads(meta)
    return RenderOutput(content, m["m"], m["p"])
