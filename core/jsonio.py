"""JSON on the hot paths: orjson, with the output of the standard library's
``json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)``.

Every API body and every cache value is encoded here; orjson does it 5-10× faster than
``json`` (measured in ``htdy perf api``, see docs/performance.md). The options keep the
old output byte for byte where it mattered: datetimes and dataclasses go through
``default=str`` as before (orjson would write ISO ``T`` timestamps and dicts), dictionary
keys may be non-strings (``json`` turns ``1`` into ``"1"``, so does ``OPT_NON_STR_KEYS``).
What orjson refuses (integers beyond 64 bits, nesting deeper than 254) falls back to
``json``, so nothing that encoded before fails now.
"""
from __future__ import annotations

import json
from typing import Any

import orjson

_OPTS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON; anything JSON has no type for becomes ``str(value)``."""
    try:
        return orjson.dumps(data, default=str, option=_OPTS)
    except orjson.JSONEncodeError:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def dumps_strict(data: Any) -> bytes:
    """Compact UTF-8 JSON of JSON types only (``TypeError`` for anything else, as ``json``)."""
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
                            | orjson.OPT_PASSTHROUGH_DATACLASS)
    except orjson.JSONEncodeError as exc:
        if isinstance(exc.__cause__, TypeError) or "not JSON serializable" in str(exc):
            raise TypeError(str(exc)) from None
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def loads(raw: bytes | bytearray | memoryview | str) -> Any:
    """Parse JSON (``ValueError`` on bad input, as ``json.loads``)."""
    return orjson.loads(raw)
