"""``create_app``: the aiohttp application for the roles in ``[node] roles``.

Small on purpose: build the plugin manager and registries, check every name
``htdy.toml`` selects (unknown → ``ConfigError`` at start-up with the known names),
wire the services, mount routes, and hold every resource in a ``cleanup_ctx``
(cleanup runs only for what started). Roles: ``api`` mounts the REST API; ``parser``
runs the parse-job workers; ``renderer`` mounts ``POST /internal/render``.
"""
from __future__ import annotations

import asyncio
import types
from collections.abc import AsyncIterator, Iterable
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from htdy.core import appkeys
from htdy.core.api import mount
from htdy.core.api.middlewares import authenticate, errors, request_context
from htdy.core.config import Settings
from htdy.core.errors import ConfigError
from htdy.core.plugins import (
    Registries,
    build_registries,
    check_parser_options,
    check_selected,
    get_plugin_manager,
    selections,
)
from htdy.core.ratelimit import install as install_rate_limits
from htdy.core.ratelimit import rate_limit
from htdy.core.services import Services


def instantiate(settings: Settings, registry: Any, name: str) -> Any:
    """An instance of the plugin class ``name`` with its validated ``[plugins.<name>]`` options."""
    cls = registry.get(name)
    try:
        options = cls.Options.model_validate(settings.plugin_options(name))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{settings.source}: [plugins.{name}] {problems}") from None
    return cls(options)


def create_app(settings: Settings, *, plugins: Iterable[Any] = ()) -> web.Application:
    from htdy.core.cache import build_cache

    extra = tuple(plugins)
    pm = get_plugin_manager(extra=extra)
    regs: Registries = build_registries(pm)
    check_selected(regs, selections(settings))
    check_parser_options(regs, settings)
    limit = int(settings.server.max_upload_mb * 1024 * 1024) + 256 * 1024
    app = web.Application(middlewares=[request_context, errors, authenticate, rate_limit], client_max_size=limit)
    install_rate_limits(app, settings)
    app[appkeys.settings] = settings
    app[appkeys.pm] = pm
    app[appkeys.registries] = regs
    svc = Services(settings=settings, pm=pm, registries=regs, cache=build_cache(settings, regs),
                   plugin_modules=_module_names(extra))
    app[appkeys.services] = svc

    if settings.has_role("api") or settings.has_role("renderer"):
        from htdy.core.rendering import RenderService, internal_routes

        svc.render = RenderService(settings, pm, cache=svc.cache, extra_modules=_module_names(extra))
        if settings.has_role("renderer") and settings.split:
            # only a split deployment's renderer node takes renders from other nodes
            app.router.add_routes(internal_routes(svc.render))

    mount(app, api=settings.has_role("api"))
    for routes in pm.hook.htdy_register_routes():
        if routes:
            app.router.add_routes(routes)

    app.cleanup_ctx.extend([_database, _cache, _backends, _events, _rendering])
    if settings.has_role("parser"):
        app.cleanup_ctx.append(_workers)
    app.on_startup.append(_startup_hook)
    return app


# ------------------------------------------------------------------ resources
async def _database(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.db import close_db, init_db

    ctx = await init_db(app[appkeys.settings])
    yield
    await close_db(ctx)


async def _cache(app: web.Application) -> AsyncIterator[None]:
    cache = app[appkeys.services].cache
    await cache.start()
    yield
    await cache.close()


async def _backends(app: web.Application) -> AsyncIterator[None]:
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
            setattr(svc, attr, backend)
        yield
    finally:
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


async def _workers(app: web.Application) -> AsyncIterator[None]:
    from htdy.core.parsing import ParserPool
    from htdy.core.worker import JobWorker

    settings, svc = app[appkeys.settings], app[appkeys.services]
    modules = svc.plugin_modules
    worker = svc.worker = JobWorker(svc, pool_factory=lambda: ParserPool(settings, extra_plugins=modules))
    if settings.node.warm_pools:
        worker.pool()
    await worker.start()
    yield
    await worker.stop()
    if svc.parser_pool is not None:
        await asyncio.to_thread(svc.parser_pool.close, False)


async def _startup_hook(app: web.Application) -> None:
    await app[appkeys.services].call_hook("htdy_startup", app=app)
