"""The official JSON Resume schema (``@jsonresume/schema`` 1.3.1) and validation helpers."""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "jsonresume.schema.json"


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Resume schema as a dict (loaded once)."""
    text = resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft7Validator, FormatChecker

    return Draft7Validator(schema(), format_checker=FormatChecker())


def _path(err: Any) -> str:
    out = ""
    for p in err.absolute_path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "<root>"


def validate_resume(data: Any) -> list[str]:
    """Errors of ``data`` against the JSON Resume schema and htdy's size limits
    (``htdy.core.schema.limits``) as ``"path: message"`` strings (empty when valid)."""
    from htdy.core.schema.limits import size_errors

    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{_path(e)}: {e.message}" for e in errors] + size_errors(data)


def prune_invalid(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return a copy of ``data`` with every value the schema rejects removed and every
    value over a size limit cut, and a warning per change. The root must be an object."""
    from htdy.core.schema.limits import truncate

    out, warnings = truncate(data)
    for _ in range(50):
        errs = list(_validator().iter_errors(out))
        if not errs:
            break
        removed = False
        for e in errs:
            path = list(e.absolute_path)
            if not path:
                continue
            parent: Any = out
            try:
                for p in path[:-1]:
                    parent = parent[p]
                del parent[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            warnings.append(f"dropped {_path(e)}: {e.message}")
            removed = True
            break
        if not removed:
            warnings.extend(f"invalid {_path(e)}: {e.message}" for e in errs)
            break
    return out, warnings


__all__ = ["prune_invalid", "schema", "validate_resume"]
