"""The plugin host: one pluggy manager, built-ins registered like third-party plugins.

Built-in behaviour lives in plain ``@hookimpl`` modules named (as strings, so the core
imports none of them) in ``DEFAULT_PLUGINS``. Those modules are cheap to import: their
registration hooks return ``LazyImpl`` references (``htdy.core.registry``), so building the
registries imports no implementation; each one is imported when it is first used.
Third-party distributions register under the entry-point group ``htdy``.
``HTDY_DISABLE_ENTRYPOINTS=1`` switches autoloading off; ``HTDY_TRACE_HOOKS=1`` logs every
hook call.
"""
from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from htdy.core import hookspecs
from htdy.core.errors import ConfigError
from htdy.core.registry import Registry, item_name

if TYPE_CHECKING:  # annotations only: importing them would load pydantic on every CLI start
    from htdy.core.interfaces import (
        CacheTier,
        Mailer,
        Parser,
        QueueBackend,
        Renderer,
        SearchBackend,
        StorageBackend,
        Template,
    )

log = logging.getLogger("htdy.plugins")

ENTRY_POINT_GROUP = "htdy"

DEFAULT_PLUGINS: tuple[str, ...] = (
    "htdy.parsers.builtin",
    "htdy.renderers.builtin",
    "htdy.storage_backends.builtin",
    "htdy.plugins.cache_tiers",
    "htdy.plugins.search_backends",
    "htdy.plugins.queue_backends",
    "htdy.plugins.mailers",
    "htdy.plugins.web",
    "htdy.perf.commands",
)


def get_plugin_manager(extra: Iterable[Any] = (), *, load_entrypoints: bool | None = None) -> pluggy.PluginManager:
    """Build a plugin manager: hookspecs, built-ins, entry points, then ``extra`` objects."""
    pm = pluggy.PluginManager("htdy")
    pm.add_hookspecs(hookspecs)
    for modname in DEFAULT_PLUGINS:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:  # a built-in that this build does not ship yet
                log.warning("built-in plugin %s not found", modname)
                continue
            raise
        pm.register(mod, name=modname)
    if load_entrypoints is None:
        load_entrypoints = os.environ.get("HTDY_DISABLE_ENTRYPOINTS", "") not in ("1", "true", "yes")
    if load_entrypoints:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i}"
        if pm.is_registered(plugin):
            continue
        pm.register(plugin, name=name)
    pm.check_pending()
    if os.environ.get("HTDY_TRACE_HOOKS"):
        pm.trace.root.setwriter(lambda msg: log.info("hook %s", msg.rstrip()))
        pm.enable_tracing()
    return pm


@dataclass
class Registries:
    """Every slot's registry, built once from the hooks at start-up."""

    parsers: Registry[type[Parser]] = field(default_factory=lambda: Registry("parser"))
    renderers: Registry[type[Renderer]] = field(default_factory=lambda: Registry("renderer"))
    templates: Registry[Template] = field(default_factory=lambda: Registry("template"))
    storage_backends: Registry[type[StorageBackend]] = field(
        default_factory=lambda: Registry("storage backend"))
    cache_tiers: Registry[type[CacheTier]] = field(default_factory=lambda: Registry("cache tier"))
    search_backends: Registry[type[SearchBackend]] = field(
        default_factory=lambda: Registry("search backend"))
    queue_backends: Registry[type[QueueBackend]] = field(
        default_factory=lambda: Registry("queue backend"))
    mailers: Registry[type[Mailer]] = field(default_factory=lambda: Registry("mailer"))


_SLOTS = {
    "parsers": "htdy_register_parsers",
    "renderers": "htdy_register_renderers",
    "templates": "htdy_register_templates",
    "storage_backends": "htdy_register_storage_backends",
    "cache_tiers": "htdy_register_cache_tiers",
    "search_backends": "htdy_register_search_backends",
    "queue_backends": "htdy_register_queue_backends",
    "mailers": "htdy_register_mailers",
}


def build_registries(pm: pluggy.PluginManager, slots: Iterable[str] | None = None) -> Registries:
    """Call the registration hooks and fill each slot's registry (duplicate names fail here).
    ``slots`` limits this to some slots (``htdy parse`` needs only ``parsers``); the others
    stay empty."""
    wanted = set(_SLOTS) if slots is None else set(slots)
    if unknown := wanted - set(_SLOTS):
        raise ValueError(f"unknown registry slots: {', '.join(sorted(unknown))}")
    regs = Registries()
    for slot, hookname in _SLOTS.items():
        if slot not in wanted:
            continue
        registry: Registry[Any] = getattr(regs, slot)
        caller = getattr(pm.hook, hookname)
        for impl in caller.get_hookimpls():
            owner = impl.plugin_name
            result = impl.function()
            if result is None:
                continue
            for item in result:
                registry.add(item_name(item), item, owner=owner)
    return regs


def plugin_distribution(pm: pluggy.PluginManager, plugin: Any) -> dict[str, str] | None:
    for p, dist in pm.list_plugin_distinfo():
        if p is plugin:
            return {"name": dist.project_name, "version": dist.version}
    return None


def describe_plugins(pm: pluggy.PluginManager) -> list[dict[str, Any]]:
    """What ``htdy plugins`` and ``/-/plugins.json`` show."""
    out = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        if plugin is None:
            continue
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        dist = plugin_distribution(pm, plugin)
        if dist is None and name in DEFAULT_PLUGINS:
            dist = {"name": "htdy", "version": _htdy_version()}
        out.append({"name": name, "builtin": name in DEFAULT_PLUGINS, "distribution": dist,
                    "hooks": hooks})
    return out


def _htdy_version() -> str:
    from htdy import __version__
    return __version__


def check_selected(regs: Registries, selected: dict[str, list[str]]) -> None:
    """Fail at start-up if htdy.toml names an implementation nobody registered
    (``selected`` is usually ``selections(settings)``). The selected implementations are
    imported here, so a lazily registered one that cannot be imported fails at start-up too."""
    errors = []
    for slot, names in selected.items():
        registry: Registry[Any] = getattr(regs, slot)
        for n in names:
            if n not in registry:
                known = ", ".join(registry.names()) or "none"
                errors.append(f"unknown {registry.slot} {n!r}; known: {known} — is the plugin installed?")
    if errors:
        raise ConfigError("; ".join(errors))
    for slot, names in selected.items():
        for n in names:
            getattr(regs, slot).get(n)


def validate_options(cls: Any, name: str, data: dict[str, Any], source: str = "htdy.toml") -> Any:
    """``cls.Options`` validated from ``data`` (the ``[plugins.<name>]`` table); a ``ConfigError``
    naming the table otherwise. An ``Options`` model may also check what the plugin needs on this
    machine (the OCR parser: that tesseract is installed), so that fails here too."""
    from pydantic import ValidationError

    try:
        return cls.Options.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join((f"{'.'.join(map(str, e['loc']))}: " if e["loc"] else "")
                             + e["msg"].removeprefix("Value error, ") for e in exc.errors())
        raise ConfigError(f"{source}: [plugins.{name}] {problems}") from None


def check_parser_options(regs: Registries, settings: Any) -> None:
    """Fail at start-up if a selected parser rejects its ``[plugins.<name>]`` options (parsers are
    otherwise built only in the pool's workers, on the first document)."""
    for name in sorted(set(settings.parsing.parsers.values())):
        validate_options(regs.parsers.get(name), name, settings.plugin_options(name), settings.source)


def selections(settings: Any) -> dict[str, list[str]]:
    """The implementation names ``htdy.toml`` selects, per registry slot."""
    return {
        "storage_backends": [settings.storage.backend],
        "cache_tiers": list(settings.cache.tiers),
        "search_backends": [settings.search.backend],
        "queue_backends": [settings.queue.backend],
        "mailers": [settings.mail.backend],
        "parsers": sorted(set(settings.parsing.parsers.values())),
    }
