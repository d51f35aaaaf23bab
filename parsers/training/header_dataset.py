"""Labelled header words from the generated corpus, for the header CRFs (``extract/header_model.py``).

Each work / education entry the pipeline found is matched to the person's printed entry (the view
saved beside the truth) whose employer / school its header shows; each value the view printed
(employer, job title, school, degree, field, place, dates) is found in the header lines and its
words take that value's label. An entry is used only when every printed value was found, so no
word is labelled ``O`` by mistake.
"""
from __future__ import annotations

from typing import Any

from htdy.parsers.extract.header_model import features, tokenize
from htdy.parsers.training.masks import squash

KEYS = {"work": ("company", [("ORG", "company"), ("POS", "position"), ("LOC", "location")]),
        "education": ("institution", [("INST", "institution"), ("DEG", "studyType"), ("AREA", "area"),
                                      ("LOC", "location")])}


def _find(texts: list[str], value: str, taken: list[tuple[int, int, int]]) -> tuple[int, int, int] | None:
    low = value.casefold()
    for li, t in enumerate(texts):
        start = 0
        while (pos := t.casefold().find(low, start)) >= 0:
            span = (li, pos, pos + len(value))
            if not any(a == li and s < span[2] and span[1] < e for a, s, e in taken):
                return span
            start = pos + 1
    return None


def label_header(texts: list[str], toks: list[Any], view_entry: dict[str, Any], kind: str) -> list[str] | None:
    taken: list[tuple[int, int, int]] = []
    found: list[tuple[str, tuple[int, int, int]]] = []
    for lab, key in KEYS[kind][1]:
        value = view_entry.get(key)
        if not value:
            continue
        span = _find(texts, value, taken)
        if span is None:
            if lab == "LOC":
                continue  # a template may leave the place out
            return None
        taken.append(span)
        found.append((lab, span))
    dates = [view_entry.get("dates")] if view_entry.get("dates") else []
    for d in dates or [view_entry.get("start"), view_entry.get("end")]:
        if d:
            span = _find(texts, d, taken)
            if span:
                taken.append(span)
                found.append(("DATE", span))
    labels = []
    for t in toks:
        lab = next((lab for lab, (li, s, e) in found if t.line == li and s <= t.start and t.end <= e), "O")
        labels.append(lab)
    return labels


def rows_from(trace: dict[str, Any], view: dict[str, Any]) -> dict[str, list[Any]]:
    """Feature and label sequences of the work / education headers traced in one document."""
    out: dict[str, list[Any]] = {"work": [], "education": []}
    for kind, (key, _) in KEYS.items():
        for e, _result in trace.get(kind, []):
            toks, texts = tokenize(e.header)
            if not toks:
                continue
            joined = squash(" ".join(texts))
            cands = [v for v in view.get(kind) or [] if v.get(key) and squash(v[key]) in joined]
            if not cands:
                continue
            ve = max(cands, key=lambda v: len(v[key]))
            labels = label_header(texts, toks, ve, kind)
            if labels is None:
                continue
            size = sorted(t.size for t in toks)[len(toks) // 2] or 10.0
            out[kind].append((features(toks, size), labels))
    return out
