"""The learned part of reading an entry's body: which lines start a highlight, which go on with
the line before, which are description text.

Bullets are often no text at all (a CSS list marker or a drawn disc), so the bullet glyph alone
loses them. A small gradient-boosted model (LightGBM, trained by ``make train`` on the generated
corpus, ``parsers/training/``) reads each body line with its neighbours: indent, gaps, how full the
previous line is, how it ends, capitals, type, and the rule's own answer as a feature. Roles:
``B`` starts a highlight, ``I`` continues the previous item, ``S`` is description text.

The model file ships in the package (``parsers/models/body_lines.txt``) and is loaded lazily; with
``extractor = "rules"`` (or no model file) the rule decides alone.
"""
from __future__ import annotations

import json
import re
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from htdy.parsers.extract.structure import BULLET
from htdy.parsers.layout.model import Line

ROLES = ("B", "I", "S")
MODEL_FILE = Path(__file__).resolve().parent.parent / "models" / "body_lines.txt"
EXTRACTOR: ContextVar[str] = ContextVar("htdy_extractor", default="model")

_BULLET = BULLET
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s+")
_PUA_START = re.compile(r"^\s*[\ue000-\uf8ff]")
_END = {".": 0, "!": 0, "?": 0, "。": 0, ":": 1, ";": 2, ",": 3}


def _text(ln: Line) -> str:
    return " ".join(ln.text.split())


def rule_roles(body: list[Line]) -> list[str]:
    """The rule (``fields.body_text``): a bullet glyph starts a highlight, an indented line after a
    highlight continues it, anything else is description."""
    out: list[str] = []
    x_first = body[0].x0 if body else 0.0
    cur = ""
    for ln in body:
        t = _text(ln)
        if _BULLET.match(t):
            out.append("B")
            cur = "B"
        elif cur == "B" and ln.x0 > x_first + 2:
            out.append("I")
        else:
            out.append("S")
            cur = "S"
    return out


def _one(ln: Line, size: float) -> list[float]:
    t = _text(ln)
    last = t[-1:] if t else ""
    words = t.split()
    return [
        1.0 if _BULLET.match(t) else 0.0,
        1.0 if _NUMBERED.match(t) else 0.0,
        1.0 if _PUA_START.match(ln.text) else 0.0,
        float(_END.get(last, 4)),
        1.0 if t[:1].isupper() else (2.0 if t[:1].isdigit() else (0.0 if t[:1].islower() else 3.0)),
        float(len(words)),
        float(len(t)),
        1.0 if ln.bold else 0.0,
        1.0 if ln.italic else 0.0,
        ln.size / size if size else 1.0,
        1.0 if ln.spans and ln.spans[0].font and ln.spans[0].font == ln.spans[-1].font else 0.0,
    ]


_PER_LINE = 11


def line_features(body: list[Line], geometry: bool = True) -> list[list[float]]:
    """One row per body line: its own features, its neighbours' (±1, ±2) and its geometry in the
    entry (indent, gaps, fill), plus the rule's role."""
    if not body:
        return []
    size = sorted(ln.size for ln in body)[len(body) // 2] or 10.0
    x_min = min(ln.x0 for ln in body)
    x_max = max(ln.x1 for ln in body)
    width = max(x_max - x_min, 1.0)
    own = [_one(ln, size) for ln in body]
    rules = rule_roles(body)
    blank = [-1.0] * _PER_LINE
    rows = []
    for i, ln in enumerate(body):
        prev = body[i - 1] if i else None
        nxt = body[i + 1] if i + 1 < len(body) else None
        geo = [
            (ln.x0 - x_min) / size,
            (ln.x0 - prev.x0) / size if prev and prev.page == ln.page else 0.0,
            (nxt.x0 - ln.x0) / size if nxt and nxt.page == ln.page else 0.0,
            (ln.top - prev.bottom) / size if prev and prev.page == ln.page else 5.0,
            (nxt.top - ln.bottom) / size if nxt and nxt.page == ln.page else 5.0,
            (prev.x1 - x_min) / width if prev else 0.0,
            (ln.x1 - x_min) / width,
            (x_max - prev.x1) / size if prev else 0.0,
            float(i), float(len(body) - i - 1),
            1.0 if geometry else 0.0,
            float(ROLES.index(rules[i])),
            float(ROLES.index(rules[i - 1])) if i else -1.0,
            1.0 if prev and _first_word_fits(prev, ln, x_max) else 0.0,
        ]
        ctx = []
        for d in (-2, -1, 1, 2):
            j = i + d
            ctx.extend(own[j] if 0 <= j < len(body) else blank)
        rows.append(own[i] + geo + ctx)
    return rows


def _first_word_fits(prev: Line, ln: Line, x_max: float) -> bool:
    """The line's first word would have fitted at the end of the previous line: a deliberate
    break (a new item), not a wrap."""
    t = _text(ln)
    first = _BULLET.sub("", t).split()[:1]
    if not first or not t:
        return False
    per_char = (ln.x1 - ln.x0) / max(len(t), 1)
    return prev.x1 + per_char * (len(first[0]) + 1) < x_max - 1


@lru_cache(maxsize=1)
def _booster() -> Any:
    if not MODEL_FILE.exists():
        return None
    from htdy.parsers.extract.gbm import Booster

    return Booster(MODEL_FILE)


def model_info() -> dict[str, Any]:
    meta = MODEL_FILE.with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def predict_roles(body: list[Line], geometry: bool = True) -> tuple[list[str], list[float]] | None:
    """Roles and their probabilities from the model, or None (rules only / no model)."""
    if not body or EXTRACTOR.get() != "model":
        return None
    booster = _booster()
    if booster is None:
        return None
    probs = booster.predict(line_features(body, geometry))
    roles = [ROLES[max(range(len(p)), key=p.__getitem__)] for p in probs]
    if roles and roles[0] == "I":
        roles[0] = "S"
    _glyphs_start_items(body, roles)
    return roles, [max(p) for p in probs]


_STRONG_GLYPHS = frozenset("•▪◦‣►■□●○◆▸➢✓✔\u2022\u25aa\u25cf\u27a2\uf0b7\uf0a7")


def _glyphs_start_items(body: list[Line], roles: list[str]) -> None:
    """A printed bullet glyph starts an item whatever the model says (it learned that the first
    line under a header is often a description); dashes and stars, which also start plain
    lines, are left to the model."""
    for i, ln in enumerate(body):
        if roles[i] != "B" and _text(ln).lstrip()[:1] in _STRONG_GLYPHS:
            roles[i] = "B"
