"""Built-in matchers (job ad → ranked candidates): ``lexical``, the skills vocabulary plus
BM25 on the search backend. Registered by name and import path (``LazyImpl``), like every
built-in; a third-party matcher registers the same way (docs/plugins.md)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.registry import LazyImpl


@hookimpl
def htdy_register_matchers() -> Iterable[LazyImpl]:
    return [LazyImpl("lexical", "htdy.plugins.matchers.lexical:LexicalMatcher")]
