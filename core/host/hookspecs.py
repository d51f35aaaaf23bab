"""The hooks htdy calls. Every hook is prefixed ``htdy_``; plugins implement them with
``@htdy.hookimpl``. Each one is documented in ``docs/plugins.md`` (a test checks).

Registration hooks are called once at start-up to build the registries; they return
an iterable of classes (or, for templates, ``Template`` objects), or of
``htdy.core.host.registry.LazyImpl`` references that name them by import path and are imported
on first use (what the built-in plugins do, to keep start-up cheap). Event hooks let
plugins react to what happens.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from aiohttp import web

    from htdy.core.host.interfaces import (
        CacheTier,
        Mailer,
        Matcher,
        Parser,
        QueueBackend,
        Renderer,
        SearchBackend,
        StorageBackend,
        Template,
    )
    from htdy.core.host.registry import LazyImpl

hookspec = pluggy.HookspecMarker("htdy")


@hookspec
def htdy_register_parsers() -> Iterable[type[Parser] | LazyImpl]:
    """Return parser classes (subclasses of ``htdy.core.host.interfaces.Parser``)."""


@hookspec
def htdy_register_renderers() -> Iterable[type[Renderer] | LazyImpl]:
    """Return renderer classes (subclasses of ``htdy.core.host.interfaces.Renderer``)."""


@hookspec
def htdy_register_templates() -> Iterable[Template | LazyImpl]:
    """Return ``htdy.core.host.interfaces.Template`` objects (template packs)."""


@hookspec
def htdy_register_storage_backends() -> Iterable[type[StorageBackend] | LazyImpl]:
    """Return storage backend classes."""


@hookspec
def htdy_register_cache_tiers() -> Iterable[type[CacheTier] | LazyImpl]:
    """Return cache tier classes."""


@hookspec
def htdy_register_search_backends() -> Iterable[type[SearchBackend] | LazyImpl]:
    """Return search backend classes."""


@hookspec
def htdy_register_queue_backends() -> Iterable[type[QueueBackend] | LazyImpl]:
    """Return queue backend classes."""


@hookspec
def htdy_register_mailers() -> Iterable[type[Mailer] | LazyImpl]:
    """Return mailer classes (subclasses of ``htdy.core.host.interfaces.Mailer``); ``[mail] backend``
    in htdy.toml picks one."""


@hookspec
def htdy_register_matchers() -> Iterable[type[Matcher] | LazyImpl]:
    """Return matcher classes (subclasses of ``htdy.core.host.interfaces.Matcher``): they rank
    discoverable CVs against a job ad; ``[matching] default`` in htdy.toml picks the one used
    when a request names none."""


@hookspec
def htdy_register_routes() -> Iterable[web.AbstractRouteDef]:
    """Return extra aiohttp routes (e.g. a ``web.RouteTableDef``) to add to the app."""


@hookspec
def htdy_register_commands(cli: click.Group) -> None:
    """Add sub-commands to the ``htdy`` command-line group ``cli``."""


@hookspec
def htdy_cv_parsed(resume: dict[str, Any], extras: dict[str, Any], filename: str | None) -> None:
    """Post-process a freshly parsed CV in place (e.g. map skills to a taxonomy).

    Called in the parser worker after the parser ran and before the data is validated
    and stored. Mutate ``resume`` / ``extras``; the return value is ignored."""


@hookspec
def htdy_cv_version_created(cv_id: str, version: int, resume: dict[str, Any]) -> None:
    """React to a new, committed CV version (called on the API node's event loop;
    a coroutine returned here is awaited)."""


@hookspec
def htdy_startup(app: web.Application) -> None:
    """Called once when the web app starts; a coroutine returned here is awaited."""
