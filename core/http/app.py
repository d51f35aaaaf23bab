"""``create_app``: the aiohttp application for the roles in ``[node] roles``.

Small on purpose: build the plugin manager and registries, check every name
``htdy.toml`` selects (unknown → ``ConfigError`` at start-up with the known names),
wire the services, mount routes, and hold every resource in a ``cleanup_ctx``
(cleanup runs only for what started). Roles: ``api`` mounts the REST API; ``parser``
runs the parse-job workers; ``renderer`` mounts ``POST /internal/render``.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import types
from collections.abc import AsyncIterator, Iterable
from typing import Any

from aiohttp import web

from htdy.core.host.config import Settings
from htdy.core.host.plugin_checks import check_config, instantiate
from htdy.core.host.plugins import Registries, build_registries, get_plugin_manager
from htdy.core.http import appkeys
from htdy.core.http.api import mount
from htdy.core.http.middlewares import app_middleware
from htdy.core.http.ratelimit import install as install_rate_limits
from htdy.core.services import Services

__all__ = ["create_app", "instantiate"]

log = logging.getLogger("htdy.app")


def create_app(settings: Settings, *, plugins: Iterable[Any] = ()) -> web.Application:
    from htdy.core.services.cache import build_cache

    extra = tuple(plugins)
    pm = get_plugin_manager(extra=extra)
    regs: Registries = build_registries(pm)
    check_config(regs, settings)  # every config mistake fails here, before anything starts
    limit = int(settings.server.max_upload_mb * 1024 * 1024) + 256 * 1024
    app = web.Application(middlewares=[app_middleware], client_max_size=limit)
    install_rate_limits(app, settings)
    app[appkeys.settings] = settings
    app[appkeys.pm] = pm
    app[appkeys.registries] = regs
    svc = Services(settings=settings, pm=pm, registries=regs, cache=build_cache(settings, regs),
                   plugin_modules=_module_names(extra))
    app[appkeys.services] = svc

    if settings.has_role("api") or settings.has_role("renderer"):
        from htdy.core.services.ats.service import AtsService
        from htdy.core.services.rendering.service import RenderService, internal_routes

        svc.render = RenderService(settings, pm, registries=regs, cache=svc.cache,
                                   extra_modules=_module_names(extra))
        svc.ats = AtsService(svc.render, lambda data, filename: svc.parsers().parse(data, filename))
        if settings.has_role("renderer") and settings.split:
            # only a split deployment's renderer node takes renders from other nodes
            app.router.add_routes(internal_routes(svc.render))

    mount(app, api=settings.has_role("api"))
    for routes in pm.hook.htdy_register_routes():
        if routes:
            app.router.add_routes(routes)

    app.cleanup_ctx.append(_resources)
    app.on_startup.append(_startup_hook)
    return app


# ------------------------------------------------------------------ resources
async def _resources(app: web.Application) -> AsyncIterator[None]:
    """Every resource, in order, as one context: when one fails to start, those already
    started are closed before the error propagates (aiohttp cleans up only after a complete
    start-up — a half-open database left its thread behind and the process hung on exit)."""
    steps = [_database, _cache, _backends, _events, _parser_pool, _rendering]
    if app[appkeys.settings].has_role("parser"):
        steps.append(_workers)
    started: list[contextlib.AbstractAsyncContextManager[None]] = []
    try:
        for step in steps:
            ctx: contextlib.AbstractAsyncContextManager[None] = contextlib.asynccontextmanager(step)(app)
            await ctx.__aenter__()
            started.append(ctx)
        yield
    finally:
        # closed as after a normal run (each step's code after its ``yield`` runs), newest first
        errors = []
        for ctx in reversed(started):
            try:
                await ctx.__aexit__(None, None, None)
            except Exception as exc:  # noqa: BLE001 - close the others, then report
                errors.append(exc)
        if errors:
            raise errors[0]


async def _database(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.db import close_db, init_db

    ctx = await init_db(app[appkeys.settings])
    yield
    await close_db(ctx)


async def _rebuild_search(svc: Any) -> None:
    """A search index from an older build (``SearchBackend.needs_rebuild``): what
    ``htdy search reindex`` does, in the background, once."""
    from htdy.core.services import search_index

    log.warning("search index schema changed: rebuilding it from the database")
    result = await search_index.reindex(svc)
    svc.search.needs_rebuild = False
    log.warning("search index rebuilt: %s", result.summary())


async def _cache(app: web.Application) -> AsyncIterator[None]:
    cache = app[appkeys.services].cache
    await cache.start()
    yield
    await cache.close()


async def _backends(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.services.outages import guard
    from htdy.core.services.storage_metrics import metered

    svc, settings, regs = app[appkeys.services], app[appkeys.settings], app[appkeys.registries]
    started: list[Any] = []
    try:
        for attr, registry, name in (("storage", regs.storage_backends, settings.storage.backend),
                                     ("queue", regs.queue_backends, settings.queue.backend),
                                     ("search", regs.search_backends, settings.search.backend),
                                     ("mailer", regs.mailers, settings.mail.backend)):
            backend = instantiate(settings, registry, name)
            await backend.start()
            started.append(backend)
            backend = guard(backend, attr)  # an outage answers 503 <attr>_unavailable
            setattr(svc, attr, metered(backend) if attr == "storage" else backend)
        if svc.search is not None and svc.search.needs_rebuild:
            svc.spawn(_rebuild_search(svc))
        yield
    finally:
        if svc.search_catch_up is not None:
            svc.search_catch_up.cancel()  # (waiting CVs: `htdy search reindex` after a restart)
        from htdy.core.services import matching

        await matching.close(svc)
        for backend in reversed(started):
            await backend.close()


async def _events(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.services.events import EventRecorder

    svc = app[appkeys.services]
    svc.events = EventRecorder(svc.conn_name)
    await svc.events.start()
    yield
    await svc.events.close()
    await svc.drain()


def _module_names(plugins: Iterable[Any]) -> tuple[str, ...]:
    """Extra plugins that are modules can be re-imported by process-pool workers."""
    return tuple(p.__name__ for p in plugins if isinstance(p, types.ModuleType))


async def _rendering(app: web.Application) -> AsyncIterator[None]:
    settings, svc = app[appkeys.settings], app[appkeys.services]
    if svc.render is not None and settings.has_role("renderer") and settings.node.warm_pools:
        svc.spawn(svc.render.start())  # warm the pool in the background
    yield
    if svc.render is not None:
        await svc.render.close()


async def _parser_pool(app: web.Application) -> AsyncIterator[None]:
    """The parser pool is started on first use (``Services.parsers``); closed here, last."""
    svc = app[appkeys.services]
    yield
    if svc.parser_pool is not None:
        await asyncio.to_thread(svc.parser_pool.close, False)


async def _workers(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.services.jobs.worker import JobWorker

    settings, svc = app[appkeys.settings], app[appkeys.services]
    worker = svc.worker = JobWorker(svc, pool_factory=svc.parsers)
    if settings.node.warm_pools:
        worker.pool()
    await worker.start()
    yield
    await worker.stop()


async def _startup_hook(app: web.Application) -> None:
    await app[appkeys.services].call_hook("htdy_startup", app=app)
