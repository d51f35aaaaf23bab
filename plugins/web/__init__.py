"""The end-user web frontend, a built-in plugin registered like any third-party one.

Server-rendered pages (chevron templates in ``templates/``) with one small vanilla
JavaScript file and one stylesheet (``static/``, served under content-hashed names with
a one-year immutable cache). App pages talk to the JSON API from the browser; the public
profile ``/p/{slug}`` is fully server-rendered and CDN-cacheable. See ``docs/web.md``.
"""
from __future__ import annotations

from collections.abc import Iterable

from aiohttp import web

from htdy import hookimpl

from .pages import routes


@hookimpl
def htdy_register_routes() -> Iterable[web.AbstractRouteDef]:
    return routes
