"""A dependency outage is a ``503`` with a stable code, never a ``500``.

Each backend plugin speaks its own client's exceptions (botocore's ``EndpointConnectionError``,
opensearch-py's ``ConnectionError``, redis-py's ``ConnectionError``, ``OSError`` for a full disk),
none of which the host can list. ``guard`` wraps the data methods of a started backend: what they
raise becomes ``ServiceUnavailable`` with ``<kind>_unavailable`` (``storage_unavailable``,
``search_unavailable``, ``queue_unavailable``) and ``Retry-After``; htdy's own errors
(``NotFound``…) and programming errors pass through unchanged."""
from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from htdy.core.host.errors import HtdyError, ServiceUnavailable

log = logging.getLogger("htdy.outages")
METHODS = {"storage": ("put", "get", "delete", "exists"),
           "search": ("index", "remove", "search"),
           "queue": ("push", "pop", "depth")}
PROGRAMMING_ERRORS = (TypeError, AttributeError, NameError, AssertionError, ImportError, NotImplementedError)
RETRY_AFTER_S = 5
B = TypeVar("B")


def unavailable(kind: str, cause: BaseException | None = None) -> ServiceUnavailable:
    exc = ServiceUnavailable(f"the {kind} service is unavailable; try again later", code=f"{kind}_unavailable",
                             details={"cause": type(cause).__name__} if cause is not None else None)
    exc.headers = {"Retry-After": str(RETRY_AFTER_S)}  # type: ignore[attr-defined]
    return exc


def guard(backend: B, kind: str) -> B:
    """``backend`` with its ``METHODS[kind]`` turning outages into ``<kind>_unavailable``."""
    for name in METHODS.get(kind, ()):  # (a mailer handles its own failures: services.mail)
        setattr(backend, name, _wrap(getattr(backend, name), kind, getattr(backend, "name", "?")))
    return backend


def _wrap(method: Callable[..., Awaitable[Any]], kind: str, backend: str) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return await method(*args, **kwargs)
        except (HtdyError, *PROGRAMMING_ERRORS):
            raise
        except Exception as exc:
            log.warning("%s backend %s: %s failed: %s: %s", kind, backend, method.__name__, type(exc).__name__, exc)
            raise unavailable(kind, exc) from exc
    return call
