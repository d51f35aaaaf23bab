"""The shape of ``[plugins.*]`` in htdy.toml, checked when the settings are read.

Plugin options are keyed by slot and name — ``[plugins.<slot>.<name>]``, the slot being a
registry of ``htdy.core.host.plugins`` (``parsers``, ``renderers``, ``storage_backends``…) — because
names are unique only within a slot: the PDF parser and the WeasyPrint renderer are both
``pdf``. The old form, ``[plugins.<name>]``, fails here with the table(s) to write instead;
whether a table names a registered plugin and whether its options are valid is checked once
the registries exist (``htdy.core.host.plugins.check_config``)."""
from __future__ import annotations

import difflib
from typing import Any

from htdy.core.host.errors import ConfigError

DOCS = 'docs/plugins.md, "Plugin options"'


def slot_names() -> list[str]:
    from htdy.core.host.plugins import _SLOTS

    return sorted(_SLOTS)


def check_plugin_tables(plugins: Any, source: str) -> None:
    """Raise ``ConfigError`` unless ``plugins`` is ``{slot: {name: {option: value}}}`` with known slots."""
    if plugins is None:
        return
    if not isinstance(plugins, dict):
        raise ConfigError(f"{source}: plugins: expected tables [plugins.<slot>.<name>] ({DOCS})")
    slots = slot_names()
    problems = []
    for key, table in plugins.items():
        if key in slots:
            if not isinstance(table, dict):
                problems.append(f"{source}: plugins.{key}: expected tables [plugins.{key}.<name>]")
                continue
            problems += [f"{source}: [plugins.{key}] {name}: expected a table of options, "
                         f"[plugins.{key}.{name}]" for name, opts in table.items() if not isinstance(opts, dict)]
        elif isinstance(table, dict) and table and all(isinstance(v, dict) for v in table.values()):
            guess = difflib.get_close_matches(key, slots, n=1)
            hint = f" (did you mean [plugins.{guess[0]}.*]?)" if guess else ""
            problems.append(f"{source}: [plugins.{key}]: unknown plugin slot {key!r}{hint}; "
                            f"known slots: {', '.join(slots)}")
        else:
            problems.append(old_form_message(key, source, slots))
    if problems:
        raise ConfigError("\n".join(problems))


def old_form_message(name: str, source: str, slots: list[str]) -> str:
    """What to write instead of ``[plugins.<name>]``: the slots that really register ``name``."""
    owners = _slots_registering(name)
    head = f"{source}: [plugins.{name}]: plugin options are keyed by slot now"
    if owners:
        tables = " or ".join(f"[plugins.{slot}.{name}]" for slot in owners)
        both = f" ({name!r} is registered in {len(owners)} slots; each reads only its own table)" \
            if len(owners) > 1 else ""
        return f"{head}; move this table to {tables}{both} ({DOCS})"
    return (f"{head}: [plugins.<slot>.{name}], <slot> being one of {', '.join(slots)}; "
            f"no installed plugin registers {name!r} ({DOCS})")


def _slots_registering(name: str) -> list[str]:
    """Only on the error path: build the registries to say where ``name`` lives."""
    try:
        from htdy.core.host.plugins import build_registries, get_plugin_manager

        regs = build_registries(get_plugin_manager())
        return [slot for slot in slot_names() if name in getattr(regs, slot)]
    except Exception:  # noqa: BLE001 - a hint only; the message stands without it
        return []
