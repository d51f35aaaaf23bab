"""What a section holds, read from its content: the learned answer for headings the vocabulary does
not know ("Percorso professionale", a designer's "Where I've been", a language we have no words for).

A section the rules could only call ``other`` is classified by a small LightGBM model (trained by
``make train`` on the generated corpus, ``parsers/training/``) from language-independent content
statistics: dated lines, bullets, line lengths, list separators, degree / job / company words,
language names and levels, e-mail and URLs, where the section sits. When it is confident the
section takes the predicted key and is read like one with a known heading.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from htdy.parsers.extract.body_model import EXTRACTOR
from htdy.parsers.extract.dates import date_only, find_range
from htdy.parsers.extract.sections import Section
from htdy.parsers.extract.structure import BULLET, clean
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    LEVEL_WORDS,
    NATURAL_LANGUAGES,
    TITLE_WORDS,
    fold,
    has_word,
)

KEYS = ("work", "education", "skills", "languages", "summary", "projects", "certificates", "awards",
        "interests", "contact", "none")  # none: the line over it is no section heading at all
MODEL_FILE = Path(__file__).resolve().parent.parent / "models" / "sections.txt"
THRESHOLD = 0.6
_CEFR = re.compile(r"\b[ABC][12]\b")
_LIST = re.compile(r"[,;•·|/]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def section_features(sec: Section, index: int, count: int, prev_key: str) -> list[float]:
    texts = [clean(ln.text) for ln in sec.lines if clean(ln.text)]
    folded = [fold(t) for t in texts]
    words = [len(t.split()) for t in texts]
    sizes = [ln.size for ln in sec.lines] or [0.0]
    body = sorted(sizes)[len(sizes) // 2] or 1.0
    return [
        float(len(texts)), float(sum(words)),
        sum(words) / len(words) if words else 0.0,
        _share([find_range(t) is not None for t in texts]),
        _share([date_only(t) for t in texts]),
        _share([bool(BULLET.match(t)) for t in texts]),
        _share([t.endswith((".", "。")) for t in texts]),
        _share([n <= 3 for n in words]),
        _share([n >= 12 for n in words]),
        _share([len(_LIST.findall(t)) >= 2 for t in texts]),
        _share([":" in t for t in texts]),
        _share([bool(re.search(r"\d", t)) for t in texts]),
        _share([bool(re.search(r"\b(19|20)\d{2}\b", t)) for t in texts]),
        _share([has_word(f, DEGREE_WORDS) for f in folded]),
        _share([has_word(f, INSTITUTION_WORDS) for f in folded]),
        _share([has_word(f, TITLE_WORDS) for f in folded]),
        _share([has_word(f, LEGAL_FORMS) for f in folded]),
        _share([has_word(f, NATURAL_LANGUAGES) for f in folded]),
        _share([any(w in LEVEL_WORDS for w in f.split()) for f in folded]),
        _share([bool(_CEFR.search(t)) for t in texts]),
        _share([("@" in t) or bool(re.search(r"https?://|www\.|\+?\d[\d ]{7,}", t)) for t in texts]),
        _share([bool(_CJK.search(t)) for t in texts]),
        _share([ln.bold for ln in sec.lines]),
        _share([ln.italic for ln in sec.lines]),
        max(sizes) / body,
        float(index), float(count - index - 1), index / max(count - 1, 1),
        float(KEYS.index(prev_key)) if prev_key in KEYS else -1.0,
        float(len(sec.title.split())) if sec.title else 0.0,
        float(len({round(ln.x0) for ln in sec.lines})),
    ]


@lru_cache(maxsize=1)
def _booster() -> Any:
    if not MODEL_FILE.exists():
        return None
    from htdy.parsers.extract.gbm import Booster

    return Booster(MODEL_FILE)


def classify(sections: list[Section]) -> list[tuple[str, float] | None]:
    """For each section the rules left as ``other``: (key, probability) when the model is sure
    enough, else None; None everywhere with ``extractor = "rules"`` or without a model file."""
    out: list[tuple[str, float] | None] = [None] * len(sections)
    todo = [i for i, s in enumerate(sections) if s.key == "other" and s.lines]
    if not todo or EXTRACTOR.get() != "model" or _booster() is None:
        return out
    real = [s for s in sections if s.key != "preamble"]
    rows = []
    for i in todo:
        k = real.index(sections[i])
        rows.append(section_features(sections[i], k, len(real), real[k - 1].key if k else "preamble"))
    probs = _booster().predict(rows)
    for i, p in zip(todo, probs, strict=True):
        best = max(range(len(p)), key=p.__getitem__)
        if p[best] >= THRESHOLD and KEYS[best] != "none":
            out[i] = (KEYS[best], float(p[best]))
    return out


# sections that stand on their own rather than inside an entry: a smaller "Projects", "Skills",
# "Summary" or "Achievements" is far more often a part of a job or a degree
STANDALONE = ("languages", "certificates", "awards", "interests")


def confirms(sections: list[Section]) -> list[bool]:
    """For each section under a smaller known heading ("Languages" set like an entry title): True
    when the model reads its content as that section (probability >= 0.5), so it is a section of
    its own rather than a sub-heading inside an entry. False everywhere without the model."""
    out = [False] * len(sections)
    todo = [i for i, s in enumerate(sections) if s.smaller and s.lines and s.key in STANDALONE]
    if not todo or EXTRACTOR.get() != "model" or _booster() is None:
        return out
    real = [s for s in sections if s.key != "preamble"]
    rows = []
    for i in todo:
        k = real.index(sections[i])
        rows.append(section_features(sections[i], k, len(real), real[k - 1].key if k else "preamble"))
    for i, p in zip(todo, _booster().predict(rows), strict=True):
        out[i] = p[KEYS.index(sections[i].key)] >= 0.5
    return out
