"""Labelled sections from the generated corpus, for the section model (``extract/section_model.py``).

Each section the pipeline split is labelled by the heading it was printed under: the person's
``view['headings']`` says which localised title names which section. Every labelled section is a
training row, whatever the rules made of its title, because the model reads only the content:
at run time it sees exactly the sections whose title the vocabulary did not know.
"""
from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from htdy.parsers.extract.section_model import KEYS, section_features
from htdy.parsers.training.masks import squash


def _key_of(title: str, headings: dict[str, str]) -> str | None:
    k = squash(title).strip(":")
    if not k:
        return None
    best = max(((fuzz.ratio(k, squash(h)), key) for key, h in headings.items() if h), default=(0.0, None))
    return best[1] if best[0] >= 90 and best[1] in KEYS else None


def rows_from(trace: dict[str, Any], view: dict[str, Any]) -> dict[str, list[Any]]:
    """Feature rows and labels of the sections the pipeline split in one document."""
    headings = view.get("headings") or {}
    secs = [s for _, _, s in trace.get("sections", []) if s.key != "preamble"]
    rows, labels = [], []
    for i, s in enumerate(secs):
        key = _key_of(s.title, headings)
        if key is None and s.tentative:
            key = "none"  # a line only its type made a heading candidate, and none it was
        if key is None or not s.lines:
            continue
        rows.append(section_features(s, i, len(secs), secs[i - 1].key if i else "preamble"))
        labels.append(KEYS.index(key))
    return {"rows": rows, "labels": labels}
