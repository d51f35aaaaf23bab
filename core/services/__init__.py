"""Application services: the only code that writes to the database.

Every write is one transaction; side effects outside the database (search index,
cache invalidation, hooks, queue pushes) run after the commit. ``Services`` is the
explicit container ``create_app`` builds once and stores under ``appkeys.services``.
"""
from __future__ import annotations

import asyncio
import inspect
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy

    from htdy.core.cache import LayeredCache
    from htdy.core.config import Settings
    from htdy.core.interfaces import Mailer, QueueBackend, SearchBackend, StorageBackend
    from htdy.core.parsing import ParserPool
    from htdy.core.plugins import Registries
    from htdy.core.rendering import RenderService
    from htdy.core.services.events import EventRecorder
    from htdy.core.worker import JobWorker

log = logging.getLogger("htdy.services")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    pm: pluggy.PluginManager
    registries: Registries
    cache: LayeredCache
    storage: StorageBackend | None = None
    search: SearchBackend | None = None
    queue: QueueBackend | None = None
    mailer: Mailer | None = None
    render: RenderService | None = None
    parser_pool: ParserPool | None = None
    events: EventRecorder | None = None
    worker: JobWorker | None = None
    plugin_modules: tuple[str, ...] = ()  # extra plugins pool workers re-import
    matchers: dict[str, Any] = field(default_factory=dict)  # started on first use (services/matching.py)
    background: set[asyncio.Task[Any]] = field(default_factory=set)

    @property
    def conn_name(self) -> str:
        from htdy.core.db import primary_connection_name
        return primary_connection_name(self.settings)

    def spawn(self, coro: Any) -> None:
        """Run ``coro`` in the background, logging (not raising) its failure."""
        task = asyncio.ensure_future(coro)
        self.background.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self.background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())

    async def call_hook(self, name: str, **kwargs: Any) -> None:
        """Call an event hook; await coroutines it returns; never let a plugin break a write."""
        try:
            for result in getattr(self.pm.hook, name)(**kwargs):
                if inspect.isawaitable(result):
                    await result
        except Exception:
            log.exception("plugin hook %s failed", name)

    async def drain(self) -> None:
        if self.background:
            await asyncio.gather(*list(self.background), return_exceptions=True)
