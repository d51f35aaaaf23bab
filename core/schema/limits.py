"""Size limits on CV data, on top of the JSON Resume schema (which has none): a summary of
10,000 characters, a name of 200, at most 200 entries in a section, 100 items in a list…

``size_errors`` says what is over (what the API answers ``422 invalid_resume`` with);
``truncate`` cuts a parsed document down to them instead (an upload is never refused for
a long summary; the parse warnings say what was cut).
"""
from __future__ import annotations

import copy
import fnmatch
import json
from typing import Any

# characters per string, by path (``*`` any key or index); the first matching pattern wins
STRING_LIMITS: tuple[tuple[str, int], ...] = (
    ("basics.name", 200),
    ("basics.label", 200),
    ("basics.email", 320),
    ("basics.phone", 100),
    ("basics.summary", 10_000),
    ("basics.image", 2_000),
    ("basics.url", 2_000),
    ("basics.profiles.*.url", 2_000),
    ("basics.location.*", 200),
    ("*.summary", 10_000),
    ("*.description", 10_000),
    ("*.highlights.*", 2_000),
    ("*.courses.*", 500),
    ("*.keywords.*", 200),
    ("*.url", 2_000),
    ("*.name", 300),
    ("*.position", 300),
    ("*.institution", 300),
    ("*.area", 300),
    ("*.studyType", 300),
    ("*.title", 300),
)
DEFAULT_STRING_LIMIT = 5_000  # any other string
SECTION_ITEMS = 200           # entries of a top-level section (work, education, …)
LIST_ITEMS = 100              # items of any other list (highlights, keywords, profiles)
MAX_JSON_BYTES = 1_000_000    # the whole resume, serialised


def string_limit(path: str) -> int:
    for pattern, limit in STRING_LIMITS:
        if fnmatch.fnmatchcase(path, pattern):
            return limit
    return DEFAULT_STRING_LIMIT


def _walk(node: Any, path: list[str]) -> Any:
    """Yield (path, node) for every value below ``node``."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, [*path, str(k)])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, [*path, str(i)])


def _list_limit(path: list[str]) -> int:
    return SECTION_ITEMS if len(path) == 1 else LIST_ITEMS


def size_errors(resume: Any) -> list[str]:
    """``"path: problem"`` for every value over its limit (empty when none is)."""
    errors: list[str] = []
    for path, value in _walk(resume, []):
        where = ".".join(path) or "<root>"
        if isinstance(value, str) and len(value) > (limit := string_limit(where)):
            errors.append(f"{where}: {len(value)} characters, at most {limit} are allowed")
        elif isinstance(value, list) and len(value) > (limit := _list_limit(path)):
            errors.append(f"{where}: {len(value)} items, at most {limit} are allowed")
    if not errors:
        size = len(json.dumps(resume, ensure_ascii=False).encode())
        if size > MAX_JSON_BYTES:
            errors.append(f"<root>: {size} bytes as JSON, at most {MAX_JSON_BYTES} are allowed")
    return errors


def truncate(resume: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``resume`` cut to the limits, and a warning per cut."""
    out = copy.deepcopy(resume)
    warnings: list[str] = []

    def cut(node: Any, path: list[str]) -> Any:
        where = ".".join(path)
        if isinstance(node, str) and len(node) > (limit := string_limit(where)):
            warnings.append(f"cut {where} from {len(node)} to {limit} characters")
            return node[:limit]
        if isinstance(node, list):
            if len(node) > (limit := _list_limit(path)):
                warnings.append(f"kept the first {limit} of {len(node)} items of {where}")
                node = node[:limit]
            return [cut(v, [*path, str(i)]) for i, v in enumerate(node)]
        if isinstance(node, dict):
            return {k: cut(v, [*path, str(k)]) for k, v in node.items()}
        return node

    out = cut(out, [])
    return out, warnings
