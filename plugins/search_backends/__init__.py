"""Built-in search backends: ``embedded`` (SQLite FTS5) and ``opensearch``, imported on
first use (``LazyImpl``)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_search_backends() -> Iterable[LazyImpl]:
    return [LazyImpl("embedded", "htdy.plugins.search_backends.embedded:EmbeddedSearch"),
            LazyImpl("opensearch", "htdy.plugins.search_backends.opensearch:OpenSearchSearch")]
