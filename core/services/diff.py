"""Field-by-field differences between two versions of a CV.

Both resumes are flattened to leaf paths in the notation the parse review uses
(``work[0].highlights[1]``, ``basics.location.city``); a path only in the newer one is
``added``, only in the older one ``removed``, in both with another value ``changed``.
List entries are compared by position, so an entry inserted at the top shows as changes
to the entries below it — what a reader sees when the two are printed side by side.
"""
from __future__ import annotations

from typing import Any

from htdy.core.services import Services, versions

MAX_CHANGES = 2000


def flatten(doc: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf path → value; an empty object or list is a leaf of its own."""
    out: dict[str, Any] = {}
    if isinstance(doc, dict) and doc:
        for key, value in doc.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(doc, list) and doc:
        for i, value in enumerate(doc):
            out.update(flatten(value, f"{prefix}[{i}]"))
    elif prefix:
        out[prefix] = doc
    return out


def _order(path: str) -> tuple[Any, ...]:
    # numeric positions sort as numbers: work[2] before work[10]
    parts: list[Any] = []
    for chunk in path.replace("]", "").split("["):
        head, *rest = chunk.split(".")
        parts.append(int(head) if head.isdigit() else head)
        parts.extend(rest)
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in parts)


def diff(old: Any, new: Any) -> list[dict[str, Any]]:
    a, b = flatten(old), flatten(new)
    changes = []
    for path in sorted(a.keys() | b.keys(), key=_order):
        if path not in b:
            changes.append({"path": path, "kind": "removed", "old": a[path], "new": None})
        elif path not in a:
            changes.append({"path": path, "kind": "added", "old": None, "new": b[path]})
        elif a[path] != b[path] or type(a[path]) is not type(b[path]):
            changes.append({"path": path, "kind": "changed", "old": a[path], "new": b[path]})
    return changes


async def compare(svc: Services, user_id: str, cv_id: str, older: int, newer: int) -> dict[str, Any]:
    va = await versions.get_version(svc, user_id, cv_id, older)
    vb = await versions.get_version(svc, user_id, cv_id, newer)
    changes = diff(va.resume, vb.resume)
    counts = {k: sum(1 for c in changes if c["kind"] == k) for k in ("added", "removed", "changed")}
    return {"older": older, "newer": newer, "counts": counts, "changes": changes[:MAX_CHANGES],
            "truncated": len(changes) > MAX_CHANGES}
