"""Typed ``web.AppKey``s: everything the app shares lives under one of these
(no string keys, no attributes set on the application)."""
from __future__ import annotations

import pluggy
from aiohttp import web

from htdy.core.host.config import Settings
from htdy.core.host.plugins import Registries
from htdy.core.http.routing import ApiRoutes
from htdy.core.services import Services

settings = web.AppKey("settings", Settings)
pm = web.AppKey("pm", pluggy.PluginManager)
registries = web.AppKey("registries", Registries)
services = web.AppKey("services", Services)
api_routes = web.AppKey("api_routes", ApiRoutes)

# per-request state set by the middlewares
request_id = web.RequestKey("request_id", str)
user = web.RequestKey("user", dict)  # {"id", "email", "name"} or absent/None when anonymous
auth_via = web.RequestKey("auth_via", str)  # "token" | "session"
