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
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pluggy

    from htdy.core.host.config import Settings
    from htdy.core.host.interfaces import Mailer, QueueBackend, SearchBackend, StorageBackend
    from htdy.core.host.plugins import Registries
    from htdy.core.services.ats.service import AtsService
    from htdy.core.services.cache import LayeredCache
    from htdy.core.services.events import EventRecorder
    from htdy.core.services.parsing.pipeline import ParserPool
    from htdy.core.services.rendering.service import RenderService

log = logging.getLogger("htdy.services")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Worker(Protocol):
    """What the app holds of the parse-job workers (``htdy.core.services.jobs.worker.JobWorker``), named by
    behaviour so this module need not import the worker, which imports the services."""

    async def start(self) -> None: ...

    async def stop(self, timeout: float | None = None) -> None: ...


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
    ats: AtsService | None = None
    events: EventRecorder | None = None
    worker: Worker | None = None
    plugin_modules: tuple[str, ...] = ()  # extra plugins pool workers re-import
    matchers: dict[str, Any] = field(default_factory=dict)  # started on first use (services/matching.py)
    background: set[asyncio.Task[Any]] = field(default_factory=set)
    # CVs whose search index update failed (an outage) and the task that indexes them once
    # the search service answers again (htdy.core.services.search_index.catch_up)
    search_pending: set[str] = field(default_factory=set)
    search_catch_up: asyncio.Task[Any] | None = None

    def parsers(self) -> ParserPool:
        """The parser process pool, started on first use: shared by the parse-job workers (the
        parser role, ``[parsing] workers`` processes) and the ATS check (one process on a node
        without the parser role)."""
        if self.parser_pool is None:
            from htdy.core.services.parsing.pipeline import ParserPool

            workers = None if self.settings.has_role("parser") else 1
            self.parser_pool = ParserPool(self.settings, workers=workers, extra_plugins=self.plugin_modules)
        return self.parser_pool

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
