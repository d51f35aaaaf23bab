"""The ``[plugins.<slot>.<name>]`` tables of the role configs are accepted by the plugins that
will read them — the same start-up check ``htdy check`` and ``htdy serve`` run: every table
names a registered plugin of its slot and passes that plugin's ``Options`` model."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.config import load_settings
from htdy.core.host.plugin_checks import check_config
from htdy.core.host.plugins import build_registries, get_plugin_manager

OPERATOR_SECRET = "an-operators-own-secret-0123456789abcdef"  # the template's CHANGE-ME is refused
DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("role", ("api", "parser", "renderer"))
def test_plugin_options_validate(role: str, kind: Any) -> None:
    env = dict(kind("Secret")["htdy-secrets"]["stringData"], HTDY_PUBLIC_URL="https://htdy.example.com",
               HTDY_SECRET_KEY=OPERATOR_SECRET)
    settings = load_settings(DEPLOY / "config" / f"{role}.toml", environ=env)
    regs = build_registries(get_plugin_manager(load_entrypoints=False))
    check_config(regs, settings)
    raw = tomllib.loads((DEPLOY / "config" / f"{role}.toml").read_text(encoding="utf-8"))
    tables = {(slot, name) for slot, names in raw["plugins"].items() for name in names}
    # the Redis cache tier and the Redis queue each read their own table
    assert {("cache_tiers", "redis"), ("queue_backends", "redis"), ("storage_backends", "s3")} <= tables
    assert settings.plugin_options("queue_backends", "redis")["url"] == env["HTDY_REDIS_URL"]


@pytest.mark.parametrize("role", ("api", "parser", "renderer"))
def test_create_app_accepts_the_role_config(role: str, kind: Any) -> None:
    """The real app factory builds from each role config: every plugin name it selects is
    registered and every [plugins.*] table is accepted (nothing is started or connected)."""
    create_app = pytest.importorskip("htdy.core.http.app").create_app
    env = dict(kind("Secret")["htdy-secrets"]["stringData"], HTDY_PUBLIC_URL="https://htdy.example.com",
               HTDY_SECRET_KEY=OPERATOR_SECRET)
    app = create_app(load_settings(DEPLOY / "config" / f"{role}.toml", environ=env))
    paths = {r.resource.canonical for r in app.router.routes() if r.resource is not None}
    assert {"/healthz", "/readyz", "/metrics"} <= paths
    assert ("/api/v1/cvs" in paths) == (role == "api")
