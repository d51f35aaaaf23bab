"""What both search backends share: document shape, query terms, filters, highlights."""
from __future__ import annotations

import html
import re
from typing import Any

from htdy.core.errors import ValidationFailed

TEXT_FIELDS = ("name", "label", "summary", "skills", "location", "keywords")
# Field weights: a match in the name, title or skills says more than one in the summary.
WEIGHTS = {"name": 3.0, "label": 2.0, "summary": 1.0, "skills": 3.0, "location": 1.0, "keywords": 2.0}
FILTERS = ("skill", "location")
MAX_TERMS = 16
# Private-use code points mark highlights inside the engine; we HTML-escape the text
# and only then turn them into <mark> tags, so CV text can never inject markup.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(cv_id: str, document: dict[str, Any]) -> dict[str, Any]:
    """The stored document: the contract's keys only, lists as lists of strings."""

    def as_list(v: Any) -> list[str]:
        if v is None:
            return []
        if isinstance(v, str):
            return [v] if v.strip() else []
        return [str(x) for x in v if x is not None and str(x).strip()]

    return {
        "cv_id": str(cv_id),
        "name": str(document.get("name") or ""),
        "label": str(document.get("label") or ""),
        "summary": str(document.get("summary") or ""),
        "skills": as_list(document.get("skills")),
        "location": str(document.get("location") or ""),
        "keywords": as_list(document.get("keywords")),
    }


def terms(query: str) -> list[str]:
    """Words of a free-text query, lower-cased; operators and punctuation are ignored."""
    return [t.lower() for t in _WORD.findall(query or "")][:MAX_TERMS]


def check_filters(filters: dict[str, str] | None) -> dict[str, str]:
    filters = {k: v for k, v in (filters or {}).items() if v is not None and str(v).strip()}
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise ValidationFailed(f"unknown search filter(s): {', '.join(unknown)}; known: {', '.join(FILTERS)}",
                               code="bad_filter")
    return {k: str(v).strip() for k, v in filters.items()}


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= 100 or offset < 0 or offset > 10_000:
        raise ValidationFailed("limit must be 1–100 and offset 0–10000", code="bad_page")


def render_highlight(fragment: str) -> str:
    return html.escape(fragment, quote=False).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
