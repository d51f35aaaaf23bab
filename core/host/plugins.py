"""The plugin host: one pluggy manager, built-ins registered like third-party plugins.

Built-in behaviour lives in plain ``@hookimpl`` modules named (as strings, so the core
imports none of them) in ``DEFAULT_PLUGINS``. Those modules are cheap to import: their
registration hooks return ``LazyImpl`` references (``htdy.core.host.registry``), so building the
registries imports no implementation; each one is imported when it is first used.
Third-party distributions register under the entry-point group ``htdy``.
``HTDY_DISABLE_ENTRYPOINTS=1`` switches autoloading off; ``HTDY_TRACE_HOOKS=1`` logs every
hook call.
"""
from __future__ import annotations

import difflib
import importlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import pluggy

from htdy.core.host import hookspecs
from htdy.core.host.errors import ConfigError
from htdy.core.host.registry import Registry, item_name

if TYPE_CHECKING:  # annotations only: importing them would load pydantic on every CLI start
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
    "htdy.plugins.matchers",
    "htdy.plugins.web",
)
# `htdy perf` (htdy.perf.commands) is not built in: the distribution registers it under the
# entry-point group, like any third-party plugin (pyproject.toml, [project.entry-points.htdy]).


@dataclass(frozen=True)
class BrokenPlugin:
    """A third-party plugin left out because it could not be loaded: it raised on import, it
    implements a hook htdy does not have, or a registration hook raised."""

    name: str            # the entry point's name (or the plugin's)
    distribution: str    # "htdy-foo 1.0", or "" when not from a distribution
    entry_point: str     # "foo = htdy_foo", or ""
    error: str           # one line: "ModuleNotFoundError: No module named 'x'"

    def line(self) -> str:
        where = ", ".join(x for x in (self.distribution, f"entry point {self.entry_point}"
                                      if self.entry_point else "") if x)
        return f"plugin {self.name} ({where or 'not from a distribution'}) is broken and not loaded: {self.error}"


class HtdyPluginManager(pluggy.PluginManager):
    """pluggy's manager, plus what the entry points that could not be loaded said."""

    def __init__(self) -> None:
        super().__init__("htdy")
        self.broken: list[BrokenPlugin] = []
        self.distributions: dict[str, dict[str, str]] = {}  # plugin name -> {"name", "version"}
        self.entry_points: dict[str, str] = {}               # plugin name -> "name = module"

    def mark_broken(self, name: str, error: BaseException | str) -> None:
        """Record ``name`` as broken (and unregister it), once."""
        if any(b.name == name for b in self.broken):
            return
        plugin = self.get_plugin(name)
        if plugin is not None:
            self.unregister(plugin)
        dist = self.distributions.get(name)
        text = error if isinstance(error, str) else _one_line(error)
        self.broken.append(BrokenPlugin(name, f"{dist['name']} {dist['version']}" if dist else "",
                                        self.entry_points.get(name, ""), text))
        log.warning("%s", self.broken[-1].line())


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _unknown_hooks(pm: pluggy.PluginManager, plugin: Any) -> list[str]:
    """Hooks ``plugin`` implements that htdy does not specify (a misspelled name)."""
    known = [n for n in dir(hookspecs) if n.startswith("htdy_")]
    out = []
    for caller in pm.get_hookcallers(plugin) or []:
        if caller.has_spec() or all(i.optionalhook for i in caller.get_hookimpls() if i.plugin is plugin):
            continue
        guess = difflib.get_close_matches(caller.name, known, n=1)
        out.append(f"{caller.name!r} is not an htdy hook" + (f" (did you mean {guess[0]!r}?)" if guess else ""))
    return out


def _load_entrypoints(pm: HtdyPluginManager) -> None:
    """pluggy's ``load_setuptools_entrypoints``, one plugin at a time: a plugin that raises on
    import or implements an unknown hook is recorded in ``pm.broken``; the others load."""
    import importlib.metadata

    for dist in list(importlib.metadata.distributions()):
        for ep in dist.entry_points:
            if ep.group != ENTRY_POINT_GROUP or pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
                continue
            pm.distributions[ep.name] = {"name": dist.metadata["Name"], "version": dist.version}
            pm.entry_points[ep.name] = f"{ep.name} = {ep.value}"
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except Exception as exc:  # noqa: BLE001 - any import-time failure of a third party
                pm.mark_broken(ep.name, exc)
                continue
            if unknown := _unknown_hooks(pm, plugin):
                pm.mark_broken(ep.name, "; ".join(unknown))


def get_plugin_manager(extra: Iterable[Any] = (), *, load_entrypoints: bool | None = None) -> HtdyPluginManager:
    """Build a plugin manager: hookspecs, built-ins, entry points, then ``extra`` objects.
    A third-party plugin that cannot be loaded is left out and listed in ``pm.broken``
    (``htdy plugins`` shows it, ``htdy check`` fails on it); built-ins and ``extra``
    objects must load."""
    pm = HtdyPluginManager()
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
        _load_entrypoints(pm)
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
    matchers: Registry[type[Matcher]] = field(default_factory=lambda: Registry("matcher"))

    def __post_init__(self) -> None:
        for f in fields(self):  # each registry knows its slot: [plugins.<slot>.<name>]
            getattr(self, f.name).key = f.name


_SLOTS = {
    "parsers": "htdy_register_parsers",
    "renderers": "htdy_register_renderers",
    "templates": "htdy_register_templates",
    "storage_backends": "htdy_register_storage_backends",
    "cache_tiers": "htdy_register_cache_tiers",
    "search_backends": "htdy_register_search_backends",
    "queue_backends": "htdy_register_queue_backends",
    "mailers": "htdy_register_mailers",
    "matchers": "htdy_register_matchers",
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
            try:
                result = list(impl.function() or ())
            except Exception as exc:  # noqa: BLE001 - a plugin's bug, reported as its own
                if isinstance(pm, HtdyPluginManager) and owner in pm.entry_points:
                    pm.mark_broken(owner, f"{hookname}() raised {_one_line(exc)}")
                    continue
                raise ConfigError(f"plugin {owner}: {hookname}() raised {_one_line(exc)}") from exc
            for item in result:
                registry.add(item_name(item), item, owner=owner)
    return regs


def plugin_distribution(pm: pluggy.PluginManager, plugin: Any) -> dict[str, str] | None:
    name = pm.get_name(plugin)
    if isinstance(pm, HtdyPluginManager) and name in pm.distributions:
        return pm.distributions[name]
    for p, dist in pm.list_plugin_distinfo():
        if p is plugin:
            return {"name": dist.project_name, "version": dist.version}
    return None


def describe_plugins(pm: pluggy.PluginManager) -> list[dict[str, Any]]:
    """What ``htdy plugins`` and ``/-/plugins.json`` show; broken plugins carry their ``error``."""
    out = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        if plugin is None:
            continue
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        dist = plugin_distribution(pm, plugin)
        if dist is None and name in DEFAULT_PLUGINS:
            dist = {"name": "htdy", "version": _htdy_version()}
        out.append({"name": name, "builtin": name in DEFAULT_PLUGINS, "distribution": dist,
                    "hooks": hooks, "status": "loaded"})
    for b in getattr(pm, "broken", []):
        dist = pm.distributions.get(b.name) if isinstance(pm, HtdyPluginManager) else None
        out.append({"name": b.name, "builtin": False, "distribution": dist, "hooks": [],
                    "status": "broken", "entry_point": b.entry_point, "error": b.error})
    return out


def _htdy_version() -> str:
    from htdy import __version__
    return __version__
