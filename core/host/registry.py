"""Registries of named implementations, one per plugin slot (tox 4's pattern).

A registration hook may return, instead of a class, a ``LazyImpl(name, "pkg.module:Class")``:
the registry knows the name at once (so duplicates and unknown names still fail at start-up)
but imports the module only when the implementation is first used (``get``/``items``).
The built-in plugins do this, so a command that parses a PDF never imports redis, aiohttp
or the database layer."""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from htdy.core.host.errors import ConfigError, PluginNotFound

T = TypeVar("T")


@dataclass(frozen=True)
class LazyImpl:
    """An implementation registered by name and import path, imported on first use.

    ``target`` is ``"package.module:attribute"`` (the attribute may be dotted). Once
    imported, the object's own name (a class's ``name``, a template's ``id``) must equal
    ``name``, otherwise the registry raises ``ConfigError``. ``capabilities`` declares class
    attributes the host reads before anything is imported (a renderer's ``formats`` and
    ``engine``); once imported, the class must agree with them."""

    name: str
    target: str
    capabilities: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def load(self) -> Any:
        modname, sep, attr = self.target.partition(":")
        if not sep or not modname or not attr:
            raise ConfigError(f"lazy implementation {self.name!r}: target {self.target!r} is not 'module:attribute'")
        obj: Any = importlib.import_module(modname)
        for part in attr.split("."):
            obj = getattr(obj, part)
        return obj


class Registry(Generic[T]):
    """Maps a name to an implementation; duplicates fail loudly at start-up."""

    def __init__(self, slot: str, key: str = "") -> None:
        self.slot = slot  # what one item is called in messages ("parser")
        self.key = key    # the slot's name in [plugins.<key>.<name>] ("parsers"); set by Registries
        self._items: dict[str, T | LazyImpl] = {}
        self._owners: dict[str, str] = {}

    def add(self, name: str, item: T | LazyImpl, owner: str = "?") -> None:
        if not name:
            raise ConfigError(f"{self.slot}: plugin {owner} registered an implementation without a name")
        if name in self._items:
            raise ConfigError(
                f"{self.slot} {name!r} is registered twice (by {self._owners[name]} and {owner})")
        self._items[name] = item
        self._owners[name] = owner

    def _resolve(self, name: str) -> T:
        item = self._items[name]
        if not isinstance(item, LazyImpl):
            return item
        try:
            loaded = item.load()
        except ConfigError:
            raise
        except Exception as exc:  # noqa: BLE001 - a plugin's import error, in one line
            text = " ".join(str(exc).split())
            raise ConfigError(f"{self.slot} {name!r} (registered by {self._owners[name]}) cannot be imported "
                              f"from {item.target}: {type(exc).__name__}: {text}") from exc
        actual = item_name(loaded)
        if actual != name:
            raise ConfigError(f"{self.slot} {name!r} (registered by {self._owners[name]}) imports "
                              f"{item.target}, which is named {actual!r}")
        for key, declared in item.capabilities.items():
            if getattr(loaded, key, None) != declared:
                raise ConfigError(f"{self.slot} {name!r} (registered by {self._owners[name]}) declares "
                                  f"{key} = {declared!r}, but {item.target} has {getattr(loaded, key, None)!r}")
        self._items[name] = loaded
        return cast(T, loaded)

    def get(self, name: str) -> T:
        if name not in self._items:
            known = ", ".join(sorted(self._items)) or "none"
            raise PluginNotFound(
                f"unknown {self.slot} {name!r}; known: {known} — is the plugin installed?",
                details={"slot": self.slot, "name": name, "known": sorted(self._items)},
            )
        return self._resolve(name)

    def capability(self, name: str, key: str, default: Any = None) -> Any:
        """A class attribute of ``name`` (``formats``, ``engine``…) without importing it when it
        was registered lazily with that capability declared; otherwise from the class."""
        item = self._items.get(name)
        if item is None:
            self.get(name)  # raises PluginNotFound with the known names
        if isinstance(item, LazyImpl) and key in item.capabilities:
            return item.capabilities[key]
        return getattr(self.get(name), key, default)

    def having(self, key: str, value: Any) -> list[str]:
        """Names whose capability ``key`` contains (a tuple) or equals ``value``, sorted."""
        out = []
        for name in sorted(self._items):
            got = self.capability(name, key)
            if got == value or (isinstance(got, tuple | list | set | frozenset) and value in got):
                out.append(name)
        return out

    def is_loaded(self, name: str) -> bool:
        """Whether ``name``'s implementation is imported (always, unless registered lazily)."""
        return not isinstance(self._items[name], LazyImpl)

    def owner(self, name: str) -> str:
        return self._owners[name]

    def names(self) -> list[str]:
        return sorted(self._items)

    def first(self) -> str | None:
        """The name registered first (built-ins register before entry points), or ``None``."""
        return next(iter(self._items), None)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[tuple[str, T]]:
        """Every (name, implementation), importing the lazily registered ones."""
        return [(name, self._resolve(name)) for name in sorted(self._items)]


def item_name(item: Any) -> str:
    """The key an item registers under: a template's ``id``, otherwise the class's ``name``."""
    if isinstance(item, LazyImpl):
        return item.name
    from htdy.core.host.interfaces import Template
    if isinstance(item, Template):
        return item.id
    return str(getattr(item, "name", ""))
