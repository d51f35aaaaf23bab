"""Labelled body lines from the generated corpus, for the body-line model (``extract/body_model.py``).

The document is parsed by the pipeline itself (so the model learns on the lines it will see at run
time); each work entry the pipeline found is aligned to the truth entry of the same employer, and
each of its body lines is labelled by the truth text it came from: the beginning of a highlight
(``B``), the rest of a highlight or of the description (``I``), the beginning of the description
(``S``). Lines that match no truth text (a location line, a stray header piece) keep their features
for their neighbours but give no training row.
"""
from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from htdy.parsers.extract.body_model import ROLES, line_features
from htdy.parsers.training.masks import squash

_BULLET = re.compile(r"^\s*[^\w\s(\"'«„“]\s*")


def _where(line: str, texts: list[str]) -> tuple[int, bool] | None:
    """(index of the truth text holding the line, the line is its beginning)."""
    k = squash(_BULLET.sub("", line))
    if len(k) < 3:
        return None
    for i, t in enumerate(texts):
        st = squash(t)
        pos = st.find(k)
        if pos >= 0:
            return i, pos <= 2
    best = max(((fuzz.partial_ratio(k, squash(t)), i) for i, t in enumerate(texts)), default=(0, -1))
    if best[0] >= 92:
        st = squash(texts[best[1]])
        return best[1], fuzz.ratio(k[:20], st[:20]) >= 85
    return None


def label_entry(body_texts: list[str], truth: dict[str, Any]) -> list[str | None]:
    highlights = [h for h in truth.get("highlights") or [] if isinstance(h, str)]
    summary = truth.get("summary") if isinstance(truth.get("summary"), str) else ""
    texts = highlights + ([summary] if summary else [])
    out: list[str | None] = []
    for t in body_texts:
        w = _where(t, texts)
        if w is None:
            out.append(None)
            continue
        i, first = w
        is_summary = summary and i == len(texts) - 1
        out.append(("S" if is_summary else "B") if first else "I")
    return out


def _match(company: str, work: list[dict[str, Any]]) -> dict[str, Any] | None:
    best = max(((fuzz.ratio(squash(company), squash(w.get("name") or "")), w) for w in work),
               default=(0.0, None), key=lambda x: x[0])
    return best[1] if best[0] >= 85 else None


def rows_from(trace: dict[str, Any], truth: dict[str, Any], geometry: bool) -> dict[str, list[Any]]:
    """Feature rows and labels of the work entries the pipeline traced in one document."""
    from htdy.parsers.extract.structure import clean

    rows: list[list[float]] = []
    labels: list[int] = []
    for entry, result in trace.get("work", []):
        body = [ln for ln in entry.body if clean(ln.text)]
        tw = _match(result.get("name") or "", truth.get("work") or [])
        if not body or tw is None:
            continue
        labs = label_entry([clean(ln.text) for ln in body], tw)
        variants = [body]
        bare = _without_glyphs(body)
        if bare is not None:
            variants.append(bare)
        for lines in variants:
            for f, lab in zip(line_features(lines, geometry), labs, strict=True):
                if lab is not None:
                    rows.append(f)
                    labels.append(ROLES.index(lab))
    return {"rows": rows, "labels": labels}


def _without_glyphs(body: list[Any]) -> list[Any] | None:
    """The same lines with their bullet glyphs taken away, as when bullets are drawn shapes or
    CSS markers that leave no text (augmentation: the model must read such bullets from the
    layout). None when no line has a glyph."""
    from dataclasses import replace

    from htdy.parsers.extract.structure import BULLET

    out, changed = [], False
    for ln in body:
        first = ln.spans[0]
        stripped = BULLET.sub("", first.text)
        if stripped != first.text and (stripped.strip() or len(ln.spans) > 1):
            spans = [replace(first, text=stripped)] if stripped.strip() else []
            out.append(replace(ln, spans=spans + ln.spans[1:], cells=(ln.cells[1:] if not spans and ln.cells
                                                                      else ln.cells)))
            changed = True
        else:
            out.append(ln)
    return out if changed else None
