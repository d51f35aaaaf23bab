"""The infrastructure plugins register through the hooks like any third-party plugin,
and their options are validated (unknown keys rejected)."""
from __future__ import annotations

import pydantic
import pytest

from htdy.core.host.plugins import Registries, build_registries, get_plugin_manager


@pytest.fixture(scope="module")
def regs() -> Registries:
    return build_registries(get_plugin_manager(load_entrypoints=False))


def test_builtins_are_registered_by_their_plugin_modules(regs: Registries) -> None:
    expected = {
        "storage_backends": ({"local", "s3"}, "htdy.storage_backends.builtin"),
        "cache_tiers": ({"memory", "redis"}, "htdy.plugins.cache_tiers"),
        "search_backends": ({"embedded", "opensearch"}, "htdy.plugins.search_backends"),
        "queue_backends": ({"inprocess", "redis", "jobrows"}, "htdy.plugins.queue_backends"),
    }
    for slot, (names, owner) in expected.items():
        registry = getattr(regs, slot)
        assert names <= set(registry.names()), slot
        for name in names:
            assert registry.owner(name) == owner
            cls = registry.get(name)
            assert cls.description and cls(cls.Options()).options is not None


@pytest.mark.parametrize(("slot", "name", "options"), [
    ("storage_backends", "local", {"root": "/srv/htdy", "fsync": False}),
    ("storage_backends", "s3", {"endpoint_url": "http://127.0.0.1:9000", "bucket": "b", "region": "eu-central-2",
                                "access_key_id": "k", "secret_access_key": "s"}),
    ("cache_tiers", "memory", {"max_entries": 5000, "max_bytes": 1 << 20, "max_ttl_s": 60}),
    ("cache_tiers", "redis", {"url": "redis://cache:6379/0", "prefix": "app:", "socket_timeout_s": 0.1}),
    ("queue_backends", "redis", {"url": "redis://cache:6379/0", "prefix": "app:"}),
    ("search_backends", "embedded", {"path": "var/search.sqlite3"}),
    ("search_backends", "opensearch", {"hosts": ["https://os:9200"], "index_prefix": "htdy", "username": "u",
                                       "password": "p"}),
])
def test_options_validate_and_reject_unknown_keys(regs: Registries, slot: str, name: str,
                                                  options: dict[str, object]) -> None:
    cls = getattr(regs, slot).get(name)
    cls.Options.model_validate(options)
    with pytest.raises(pydantic.ValidationError):
        cls.Options.model_validate({**options, "no_such_option": 1})


def test_secrets_are_not_printed(regs: Registries) -> None:
    s3 = regs.storage_backends.get("s3")
    opts = s3.Options.model_validate({"secret_access_key": "hunter2"})
    assert "hunter2" not in repr(opts) and "hunter2" not in str(opts.model_dump())
