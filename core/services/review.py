"""Parse-review hints that outlive an edit.

A parsed version's ``extras`` say which fields the parser was unsure of (``confidence``,
``low_confidence``) and which lines of the document it could not place (``unassigned``);
the web editor marks those fields and lists those lines. A version written by an edit
keeps the hints that still hold, so saving one fix does not hide the rest:

* ``confidence`` / ``low_confidence`` — only paths whose value is unchanged;
* ``unassigned`` — only lines whose words are still mostly absent from the CV (the
  parser's own rule), so a line the user added to the summary leaves the list;
* ``carried_from`` — the number of the version whose parse the hints come from.

Older versions have none of these keys; anything malformed is dropped, never raised on.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

REVIEW_KEYS = ("confidence", "low_confidence", "unassigned")
_PATH = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_WORD = re.compile(r"\w{2,}")
_MISSING = object()


def value_at(doc: Any, path: str) -> Any:
    """``work[0].highlights[1]`` → that value, or a private sentinel when absent."""
    cur = doc
    for key, index in _PATH.findall(path):
        if key and isinstance(cur, dict) and key in cur:
            cur = cur[key]
        elif index and isinstance(cur, list) and int(index) < len(cur):
            cur = cur[int(index)]
        else:
            return _MISSING
    return cur


def _strings(doc: Any) -> Iterator[str]:
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for v in doc.values():
            yield from _strings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _strings(v)


def _unchanged(path: Any, old: Any, new: Any) -> bool:
    if not isinstance(path, str):
        return False
    before = value_at(old, path)
    return before is not _MISSING and before == value_at(new, path)


def carry_forward(old_extras: Any, old_resume: Any, new_resume: Any, old_number: int) -> dict[str, Any]:
    """The review hints of ``old_extras`` that still hold for ``new_resume`` ({} when none)."""
    if not isinstance(old_extras, dict) or not any(k in old_extras for k in REVIEW_KEYS):
        return {}
    out: dict[str, Any] = {}
    conf = old_extras.get("confidence")
    if isinstance(conf, dict):
        out["confidence"] = {p: c for p, c in conf.items()
                             if isinstance(c, (int, float)) and _unchanged(p, old_resume, new_resume)}
    low = old_extras.get("low_confidence")
    if isinstance(low, list):
        out["low_confidence"] = [p for p in low if _unchanged(p, old_resume, new_resume)]
    lines = old_extras.get("unassigned")
    if isinstance(lines, list):
        have = {w for s in _strings(new_resume) for w in _WORD.findall(s.casefold())}
        kept = []
        for line in lines:
            if not isinstance(line, dict) or not isinstance(line.get("text"), str):
                continue
            words = _WORD.findall(line["text"].casefold())
            if not words or sum(w in have for w in words) < 0.5 * len(words):
                kept.append(line)
        out["unassigned"] = kept
    out = {k: v for k, v in out.items() if v}
    if not out:
        return {}
    origin = old_extras.get("carried_from")
    out["carried_from"] = origin if isinstance(origin, int) and not isinstance(origin, bool) else old_number
    return out


def visible_extras(extras: Any, access: str) -> Any:
    """What a reader with ``access`` sees: view-only readers (user shares, links) do not get
    ``unassigned`` — document text the owner has not put into the CV."""
    if access == "view" and isinstance(extras, dict) and "unassigned" in extras:
        return {k: v for k, v in extras.items() if k != "unassigned"}
    return extras
