"""Request ids across processes. The API binds each request's id (``X-Request-ID``, else a new
one) to the log context; a job it enqueues stores it, and the worker binds it again, so every
line of that job carries it. Calls to a renderer node send it as ``X-Request-ID`` and as a W3C
``traceparent`` (``00-<trace id>-<parent id>-01``, the trace id derived from the request id), so a
tracing proxy or collector between the nodes can follow it too."""
from __future__ import annotations

import hashlib
import re
import secrets

import structlog

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


def current_request_id() -> str | None:
    """The request id bound to this task's log context (None outside a request or job)."""
    from htdy.core.observability.logging import REQUEST

    ctx = REQUEST.get()
    rid = (ctx or {}).get("request_id") or structlog.contextvars.get_contextvars().get("request_id")
    return str(rid) if rid else None


def trace_id_for(request_id: str) -> str:
    """A 32-hex trace id: the request id itself when it is one (ours are uuid4 hex), else its hash."""
    rid = request_id.lower()
    if re.fullmatch(r"[0-9a-f]{32}", rid) and rid != "0" * 32:
        return rid
    return hashlib.sha256(request_id.encode()).hexdigest()[:32]


def traceparent(request_id: str) -> str:
    return f"00-{trace_id_for(request_id)}-{secrets.token_hex(8)}-01"


def parse_traceparent(value: str) -> tuple[str, str] | None:
    """(trace id, parent id) of a valid version-00 header, else None."""
    m = _TRACEPARENT.match(value.strip().lower())
    if m is None or m.group(1) == "0" * 32 or m.group(2) == "0" * 16:
        return None
    return m.group(1), m.group(2)


def outgoing_headers() -> dict[str, str]:
    """Headers that carry the current request id to another htdy node."""
    rid = current_request_id()
    return {"X-Request-ID": rid, "traceparent": traceparent(rid)} if rid else {}
