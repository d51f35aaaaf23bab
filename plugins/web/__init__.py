"""The end-user web frontend, a built-in plugin registered like any third-party one.

Server-rendered pages (chevron templates in ``templates/``) with one small vanilla
JavaScript file and one stylesheet (``static/``, served under content-hashed names with
a one-year immutable cache). App pages talk to the JSON API from the browser; the public
profile ``/p/{slug}`` is fully server-rendered and CDN-cacheable. See ``docs/web.md``.

The pages (and with them aiohttp and the API layer) are imported inside the hook, which
only ``create_app`` calls: registering this plugin costs a command-line start nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from htdy import hookimpl

if TYPE_CHECKING:
    from aiohttp import web


@hookimpl
def htdy_register_routes() -> Iterable[web.AbstractRouteDef]:
    from .account import routes as account_routes
    from .pages import routes

    return [*routes, *account_routes]
