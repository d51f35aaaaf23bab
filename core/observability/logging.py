"""Structured logs (structlog): JSON lines (or console) on stderr, request id bound per
request through contextvars. Standard-library loggers and ``warnings`` go through the same
renderer, and worker processes (render and parse pools) configure the same format at start
(``configure_child_logging``), so no plain-text line mixes into the JSON stream."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import MutableMapping
from contextvars import ContextVar
from typing import Any

import structlog

_configured: tuple[str, str] | None = None
CHILD_ENV = "HTDY_LOG_CHILD"  # "<level>:<format>" for pool workers (not a settings override: no "__")
# the request being handled (request_id, and trace_id/parent_id from another node): one
# context variable set and reset per request — structlog's bind/unbind of three keys cost
# ~5 % of a cached read — merged into every line of the request by ``merge_request``
REQUEST: ContextVar[dict[str, str] | None] = ContextVar("htdy_request", default=None)


def merge_request(logger: Any, method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    ctx = REQUEST.get()
    if ctx:
        for key, value in ctx.items():
            event_dict.setdefault(key, value)
    return event_dict


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    global _configured
    if _configured == (level, fmt):
        return
    _configured = (level, fmt)
    os.environ[CHILD_ENV] = f"{level}:{fmt}"
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        merge_request,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (structlog.processors.JSONRenderer() if fmt == "json"
                                           else structlog.dev.ConsoleRenderer(colors=False))
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, renderer])
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.set_name("htdy")
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "htdy"] + [handler]
    root.setLevel(level)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn() as log records, not raw stderr text


def route_to_stdlib() -> None:
    """Until ``configure_logging`` runs (``serve`` and ``worker`` call it), send structlog's
    events through the standard ``logging`` module (stderr, warnings and above by default)
    instead of structlog's default of printing to stdout, where a command's own output
    (``--json``, ``-o -``) goes. A no-op once structlog is configured."""
    if structlog.is_configured():
        return
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, structlog.stdlib.add_log_level,
                    structlog.dev.ConsoleRenderer(colors=False)],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
    )


def configure_child_logging() -> None:
    """In a pool worker: the parent's format (inherited through the environment), if it set one."""
    level, _, fmt = os.environ.get(CHILD_ENV, "").partition(":")
    if level and fmt in ("json", "console"):
        configure_logging(level, fmt)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)  # type: ignore[no-any-return]
