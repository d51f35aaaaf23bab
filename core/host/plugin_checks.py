"""Start-up checks of what htdy.toml asks of the plugins (``htdy check``, ``create_app``,
``htdy parse``): every name it selects is registered and importable, every
``[plugins.<slot>.<name>]`` table names a registered plugin and passes that plugin's
``Options`` model, ``[rendering]`` names a known template and a renderer that makes PDFs,
and ``[parsing] parsers`` maps kinds the sniffer knows to parsers that read them. Every
problem names the file and the key, and what is known or expected; all are reported at once,
one a line.

Options are built the same way here and where plugins are instantiated (``plugin_options``),
so what passed the check is what runs."""
from __future__ import annotations

import re
from typing import Any

from htdy.core.host.errors import ConfigError
from htdy.core.host.registry import Registry


def host_defaults(settings: Any) -> dict[str, dict[str, Any]]:
    """Options the host fills in per slot when the plugin's model has the key and its table
    does not set it: the page limits of ``[parsing]`` and ``[rendering]``."""
    return {"parsers": {"max_pages": settings.parsing.max_pages},
            "renderers": {"max_pages": settings.rendering.max_pages}}


def option_data(cls: Any, table: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    fields = getattr(getattr(cls, "Options", None), "model_fields", {})
    return {**{k: v for k, v in defaults.items() if k in fields}, **table}


def config_dir(source: str) -> str | None:
    """The folder of the configuration file ``source`` names (``None`` for defaults or a dict):
    relative paths in it are relative to that folder."""
    from pathlib import Path

    p = Path(source)
    return str(p.resolve().parent) if source and not source.startswith("<") and p.is_file() else None


def validate_options(cls: Any, slot: str, name: str, data: dict[str, Any], source: str = "htdy.toml") -> Any:
    """``cls.Options`` validated from ``data``; otherwise a ``ConfigError`` naming the file, the
    table and, per problem, the key and what is expected. An ``Options`` model may also check
    what the plugin needs on this machine (the OCR parser: that tesseract is installed)."""
    from pydantic import ValidationError

    where = f"{source}: [plugins.{slot}.{name}]"
    model = getattr(cls, "Options", None)
    if model is None:
        if data:
            raise ConfigError(f"{where}: {slot} take no options")
        return None
    try:
        return model.model_validate(data, context={"config_dir": config_dir(source)})
    except ValidationError as exc:
        known = ", ".join(model.model_fields) or "none"
        problems = []
        for e in exc.errors():
            key = ".".join(map(str, e["loc"]))
            if e["type"] == "extra_forbidden":
                problems.append(f"{key}: unknown option; known: {known}")
                continue
            msg = e["msg"].removeprefix("Value error, ")
            if e["loc"] and "input" in e and not isinstance(e["input"], dict):
                msg += f" (got {e['input']!r})"
            problems.append(f"{key}: {msg}" if key else msg)
        raise ConfigError(f"{where} " + "; ".join(problems)) from None


def plugin_options(settings: Any, registry: Registry[Any], name: str) -> Any:
    """The validated options of ``registry``'s ``name`` (``[plugins.<slot>.<name>]`` plus the
    host's defaults for its slot)."""
    cls = registry.get(name)
    data = option_data(cls, settings.plugin_options(registry.key, name),
                       host_defaults(settings).get(registry.key, {}))
    return validate_options(cls, registry.key, name, data, settings.source)


def instantiate(settings: Any, registry: Registry[Any], name: str) -> Any:
    """An instance of the plugin class ``name`` with its validated options."""
    return registry.get(name)(plugin_options(settings, registry, name))


def selections(settings: Any) -> dict[str, list[str]]:
    """The implementation names ``htdy.toml`` selects, per registry slot."""
    return {
        "storage_backends": [settings.storage.backend],
        "cache_tiers": list(settings.cache.tiers),
        "search_backends": [settings.search.backend],
        "queue_backends": [settings.queue.backend],
        "mailers": [settings.mail.backend],
        "matchers": [settings.matching.default] if settings.matching.default else [],
        "parsers": sorted(set(settings.parsing.parsers.values())),
    }


def check_selected(regs: Any, selected: dict[str, list[str]]) -> None:
    """Fail if htdy.toml names an implementation nobody registered. The selected ones are
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


def check_config(regs: Any, settings: Any, *, pm: Any = None, parsers_only: bool = False) -> None:
    """Every check above; one ``ConfigError`` listing every problem. With ``pm``, plugins that
    could not be loaded are problems too (``htdy check``; a server only warns about them).
    ``parsers_only``: what ``htdy parse`` needs."""
    src = settings.source
    errors: list[str] = [b.line() for b in getattr(pm, "broken", [])]
    selected = selections(settings)
    if parsers_only:
        selected = {"parsers": selected["parsers"]}
    try:
        check_selected(regs, selected)
    except ConfigError as exc:
        errors.append(f"{src}: {exc.message}")
        raise ConfigError("\n".join(errors)) from None
    to_validate = {(slot, n) for slot, names in selected.items() for n in names}
    for slot, tables in settings.plugins.items():
        if parsers_only and slot != "parsers":
            continue
        registry: Registry[Any] = getattr(regs, slot)
        for name in tables:
            if name in registry:
                to_validate.add((slot, name))
            else:
                errors.append(f"{src}: [plugins.{slot}.{name}]: no {registry.slot} {name!r} is registered; "
                              f"known: {', '.join(registry.names()) or 'none'} — is the plugin installed?")
    if not parsers_only and (settings.has_role("api") or settings.has_role("renderer")):
        errors += _check_rendering(regs, settings, to_validate)
    errors += _check_parsing(regs, settings)
    for slot, name in sorted(to_validate):
        try:
            plugin_options(settings, getattr(regs, slot), name)
        except ConfigError as exc:
            errors.append(exc.message)
    if errors:
        raise ConfigError("\n".join(errors))  # one problem a line


def _check_rendering(regs: Any, settings: Any, to_validate: set[tuple[str, str]]) -> list[str]:
    src, rs, errors = settings.source, settings.rendering, []
    if rs.default_template not in regs.templates:
        errors.append(f"{src}: rendering.default_template: unknown template {rs.default_template!r}; known: "
                      f"{', '.join(regs.templates.names()) or 'none'} — is the template pack installed?")
    if rs.pdf_engine not in regs.renderers:
        errors.append(f"{src}: rendering.pdf_engine: unknown renderer {rs.pdf_engine!r}; known: "
                      f"{', '.join(regs.renderers.names()) or 'none'} — is the plugin installed?")
    else:
        try:
            formats = regs.renderers.get(rs.pdf_engine).formats
        except ConfigError as exc:
            return [*errors, f"{src}: rendering.pdf_engine: {exc.message}"]
        if "pdf" not in formats:
            errors.append(f"{src}: rendering.pdf_engine: renderer {rs.pdf_engine!r} does not make PDFs "
                          f"(its formats: {', '.join(formats)})")
        to_validate.add(("renderers", rs.pdf_engine))
    if rs.gateway == "http" and not rs.renderer_url:
        errors.append(f"{src}: rendering.renderer_url: required when rendering.gateway is 'http'")
    return errors


def _check_parsing(regs: Any, settings: Any) -> list[str]:
    """Each ``[parsing] parsers`` kind is one htdy recognises (``pdf``, ``docx``, ``text``) or one
    its parser declares and recognises itself (``Parser.sniff``); the parser reads that kind."""
    from htdy.core.services.parsing.sniff import KINDS, recognises

    src, errors = settings.source, []
    taught = {k for n in set(settings.parsing.parsers.values()) if n in regs.parsers
              if recognises(cls := regs.parsers.get(n)) for k in (getattr(cls, "kinds", ()) or ())}
    for kind, name in settings.parsing.parsers.items():
        cls = regs.parsers.get(name)
        reads = tuple(getattr(cls, "kinds", ()) or ())
        if kind not in KINDS and not (kind in reads and recognises(cls)):
            why = (f"parser {name!r} declares it but does not recognise it (no Parser.sniff)" if kind in reads
                   else f"the sniffer knows: {', '.join(sorted({*KINDS, *taught}))}")
            errors.append(f"{src}: parsing.parsers.{kind}: unknown document kind {kind!r}; {why} "
                          "(a parser plugin can teach it more: docs/plugins.md)")
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,19}", kind):
            errors.append(f"{src}: parsing.parsers.{kind}: a document kind is 1-20 characters a-z, 0-9, '_', '-'")
        if reads and kind not in reads:
            errors.append(f"{src}: parsing.parsers.{kind}: parser {name!r} does not read {kind!r} documents "
                          f"(it reads: {', '.join(reads)})")
    return errors
