"""Registries of named implementations, one per plugin slot (tox 4's pattern)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from htdy.core.errors import ConfigError, PluginNotFound

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps a name to an implementation; duplicates fail loudly at start-up."""

    def __init__(self, slot: str) -> None:
        self.slot = slot
        self._items: dict[str, T] = {}
        self._owners: dict[str, str] = {}

    def add(self, name: str, item: T, owner: str = "?") -> None:
        if not name:
            raise ConfigError(f"{self.slot}: plugin {owner} registered an implementation without a name")
        if name in self._items:
            raise ConfigError(
                f"{self.slot} {name!r} is registered twice (by {self._owners[name]} and {owner})")
        self._items[name] = item
        self._owners[name] = owner

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise PluginNotFound(
                f"unknown {self.slot} {name!r}; known: {known} — is the plugin installed?",
                details={"slot": self.slot, "name": name, "known": sorted(self._items)},
            ) from None

    def owner(self, name: str) -> str:
        return self._owners[name]

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[tuple[str, T]]:
        return sorted(self._items.items())


def item_name(item: Any) -> str:
    """The key an item registers under: a template's ``id``, otherwise the class's ``name``."""
    from htdy.core.interfaces import Template
    if isinstance(item, Template):
        return item.id
    return str(getattr(item, "name", ""))
