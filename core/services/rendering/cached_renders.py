"""Which cache entries hold a CV's renders (PDF, HTML, ATS reports), so deleting the CV or
its owner's account deletes them too instead of leaving them in Redis until they expire.

Render keys are hashes of everything that shapes the output, so they cannot be found from
the CV id; each render remembers its key under ``renders-of:<cv_id>`` (newest few hundred;
a lost update under concurrent renders leaves one entry to expire on its own TTL)."""
from __future__ import annotations

from typing import Any

INDEX_TTL_S = 7 * 24 * 3600 + 3600  # outlives the renders it points to
MAX_KEYS = 300


def _index(cv_id: str) -> str:
    return f"renders-of:{cv_id}"


async def remember(cache: Any, cv_id: Any, key: str) -> None:
    if not cv_id:
        return
    keys = list(await cache.get(_index(str(cv_id))) or [])
    if key in keys:
        return
    keys = (keys + [key])[-MAX_KEYS:]
    await cache.set(_index(str(cv_id)), keys, INDEX_TTL_S)


async def forget(cache: Any, cv_id: str) -> int:
    """Delete every remembered render of ``cv_id`` (and the index); returns how many."""
    keys = list(await cache.get(_index(cv_id)) or [])
    await cache.delete(*keys, _index(cv_id))
    return len(keys)
