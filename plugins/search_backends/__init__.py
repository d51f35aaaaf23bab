"""Built-in search backends: ``embedded`` (SQLite FTS5) and ``opensearch``."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.interfaces import SearchBackend
from htdy.plugins.search_backends.embedded import EmbeddedSearch
from htdy.plugins.search_backends.opensearch import OpenSearchSearch


@hookimpl
def htdy_register_search_backends() -> Iterable[type[SearchBackend]]:
    return [EmbeddedSearch, OpenSearchSearch]
