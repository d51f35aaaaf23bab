"""Template packs: manifests, option specs and packaged files.

A template is a folder holding ``manifest.json``, ``layout.mustache``, ``style.css``,
optional ``partials/*.mustache`` (overriding htdy's shared partials), an optional
``template.typ`` (Typst variant) and a ``preview.png``. A pack is any package with such
folders; ``templates_from_package("my_pack")`` builds its ``Template`` objects for the
``htdy_register_templates`` hook."""
from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

from htdy.core.host.errors import ConfigError, RenderError
from htdy.core.host.interfaces import Template
from htdy.renderers.context import SECTION_KEYS
from htdy.renderers.i18n import DATE_FORMATS

FONT_PAIRS = ("sans", "serif", "mixed", "inter")
PAGE_SIZES = ("a4", "letter")
# every font size of a template times this factor; every page margin times this factor
FONT_SIZES = {"small": 0.92, "normal": 1.0, "large": 1.1}
MARGINS = {"narrow": 0.65, "normal": 1.0, "wide": 1.4}
ALWAYS_ENGINES = ("md", "txt")

COMMON_OPTIONS: dict[str, dict[str, Any]] = {
    "accent": {"type": "color", "default": "#1f4e79", "description": "Accent colour, #rrggbb."},
    "fonts": {"type": "choice", "default": "sans", "choices": list(FONT_PAIRS),
              "description": "Font pair: sans (Noto Sans), serif (Noto Serif), mixed (serif "
                             "headings, sans body), inter (Inter)."},
    "page_size": {"type": "choice", "default": "a4", "choices": list(PAGE_SIZES),
                  "description": "Paper size: a4 or letter (US Letter)."},
    "font_size": {"type": "choice", "default": "normal", "choices": list(FONT_SIZES),
                  "description": "Text size: small (92 %), normal or large (110 %) of the template's sizes."},
    "margins": {"type": "choice", "default": "normal", "choices": list(MARGINS),
                "description": "Page margins: narrow (65 %), normal or wide (140 %) of the template's."},
    "section_order": {"type": "list", "default": [], "choices": list(SECTION_KEYS),
                      "description": "Sections to put first, in this order; others follow."},
    "hide": {"type": "list", "default": [], "choices": list(SECTION_KEYS),
             "description": "Sections not to print."},
    "photo": {"type": "bool", "default": False,
              "description": "Show basics.image (only an embedded data: image ≤ 512 KB)."},
    "date_format": {"type": "choice", "default": "month_year", "choices": list(DATE_FORMATS),
                    "description": "month_year (Jan 2020), long (January 2020), numeric (01/2020), "
                                   "iso (2020-01), year (2020)."},
    "lang": {"type": "string", "default": "",
             "description": "Language for titles, labels and dates (default: meta.language, else the parser's detected language, else en)."},
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
SHARED_DIR = Path(__file__).parent / "templates" / "_shared"
_SOURCES: dict[tuple[str, str], dict[str, Any]] = {}


def merge_options(overrides: dict[str, Any]) -> dict[str, Any]:
    """The common option specs with a manifest's overrides (``null`` drops an option)."""
    out: dict[str, Any] = {}
    for name, spec in COMMON_OPTIONS.items():
        if name in overrides and overrides[name] is None:
            continue
        out[name] = {**spec, **(overrides.get(name) or {})}
    for name, spec in overrides.items():
        if name not in COMMON_OPTIONS and spec is not None:
            out[name] = dict(spec)
    return out


def load_template(path: Any) -> Template:
    """Build a ``Template`` from a folder (a Path or importlib.resources Traversable)."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"template at {path}: cannot read manifest.json: {exc}") from None
    missing = [k for k in ("id", "name", "version") if not manifest.get(k)]
    if missing or not _ID.match(str(manifest.get("id", ""))):
        raise ConfigError(f"template at {path}: manifest needs id (a-z0-9_-), name, version; missing {missing}")
    engines = tuple(dict.fromkeys([*manifest.get("engines", ["html", "pdf"]), *ALWAYS_ENGINES]))
    if "typst" in engines:
        typ = (path / "template.typ").read_text(encoding="utf-8")
        if re.search(r"#import\s+\"@|#include|\bread\(", typ):
            raise ConfigError(f"template {manifest['id']}: Typst templates may not import packages or read files")
    return Template(id=str(manifest["id"]), name=str(manifest["name"]), version=str(manifest["version"]),
                    path=path, description=str(manifest.get("description", "")), engines=engines,
                    options=merge_options(manifest.get("options") or {}),
                    preview=manifest.get("preview"), manifest=manifest)


def templates_from_package(package: str, folder: str = "templates") -> list[Template]:
    """Every template folder (one with a manifest.json) under ``package/folder``."""
    root = importlib.resources.files(package) / folder
    return [load_template(p) for p in sorted(root.iterdir(), key=lambda p: p.name)
            if p.is_dir() and (p / "manifest.json").is_file()]


def _coerce(name: str, spec: dict[str, Any], value: Any) -> Any:
    kind = spec.get("type", "string")
    bad = RenderError(f"option {name}: invalid value {value!r}", code="invalid_option",
                      details={"option": name, "spec": spec})
    if kind == "bool":
        if isinstance(value, str):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise bad
        return bool(value)
    if kind == "list":
        items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
            raise bad
        items = [v for v in items if v]
        if spec.get("choices") and any(v not in spec["choices"] for v in items):
            raise bad
        return items
    if not isinstance(value, str):
        raise bad
    if kind == "color" and not _COLOR.match(value):
        raise bad
    if kind == "choice" and value.lower() not in spec.get("choices", []):
        raise bad
    if kind == "string" and (len(value) > 64 or not re.match(r"^[\w-]*$", value)):
        raise bad
    return value.lower() if kind == "choice" else value


def resolve_options(template: Template, given: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults of every supported option, overridden by ``given`` (validated)."""
    opts = {name: spec.get("default") for name, spec in template.options.items()}
    for name, value in (given or {}).items():
        if name not in template.options:
            raise RenderError(f"template {template.id} has no option {name!r}; "
                              f"supported: {', '.join(sorted(template.options))}",
                              code="invalid_option")
        opts[name] = _coerce(name, template.options[name], value)
    return opts


def _read_sources(path: Any) -> dict[str, Any]:
    def read(p: Any) -> str | None:
        return p.read_text(encoding="utf-8") if p.is_file() else None

    partials: dict[str, str] = {}
    for base in (SHARED_DIR / "partials", path / "partials"):
        if base.is_dir():
            for f in base.iterdir():
                if f.name.endswith(".mustache"):
                    partials[f.name[:-9]] = f.read_text(encoding="utf-8")
    return {"layout": read(path / "layout.mustache") or read(SHARED_DIR / "layout.mustache") or "",
            "css": read(path / "style.css") or "", "typst": read(path / "template.typ"),
            "partials": partials}


def sources(template: Template) -> dict[str, Any]:
    """The template's files, read once per process (keyed by path and version)."""
    key = (str(template.path), template.version)
    if key not in _SOURCES:
        _SOURCES[key] = _read_sources(template.path)
    return _SOURCES[key]
