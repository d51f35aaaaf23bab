"""The learned reading of an entry's header: which words are the employer, the job title, the
school, the degree, the field of study, the place, the dates.

The rules split a header into pieces and guess each piece's role from word lists; they break on
orders and joiners they were not written for ("看護学（学士）", "Informatik (M.Sc.)", "X по
направлению «Y»"). A linear-chain CRF (python-crfsuite, trained by ``make train`` on the generated
corpus, ``parsers/training/``) labels each word of the header from its own form, the vocabularies
(degree, school, job, company, month words, the gazetteer), its type and its place in the lines
and cells, and its neighbours. Labels: work ``ORG POS LOC DATE O``; education ``INST DEG AREA
LOC DATE O``. A field is taken from the model when it finds one run of that label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from htdy.parsers.extract.body_model import EXTRACTOR
from htdy.parsers.extract.places import is_city
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    ORG_WORDS,
    TITLE_WORDS,
    fold,
)
from htdy.parsers.layout.model import Line

MODELS = Path(__file__).resolve().parent.parent / "models"
FIELDS = {"work": {"ORG": "name", "POS": "position"},
          "education": {"INST": "institution", "DEG": "studyType", "AREA": "area"}}
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+|[^\W_]+(?:['’.-][^\W_]+)*\.?|\S")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _word_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.strip(".") for p in phrases for w in p.split() if len(w.strip(".")) > 1)


_DEGREE = _word_set(DEGREE_WORDS)
_SCHOOL = _word_set(INSTITUTION_WORDS)
_JOB = _word_set(TITLE_WORDS)
_ORG = _word_set(ORG_WORDS) | _word_set(LEGAL_FORMS)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class Token:
    text: str
    line: int
    cell: int
    start: int  # offset in its line's text
    end: int
    bold: bool
    italic: bool
    size: float


def tokenize(header: list[Line]) -> tuple[list[Token], list[str]]:
    """Tokens of the header lines with their offsets in the line text (``Line.text``: spans
    joined, whitespace collapsed, cells joined by one space) and the style of their first letter."""
    toks: list[Token] = []
    texts: list[str] = []
    for li, ln in enumerate(header):
        chars: list[str] = []
        owner: list[tuple[int, Any]] = []  # (cell, span) of each kept character
        for ci, spans in enumerate(ln.cell_spans()):
            if chars:
                chars.append(" ")
                owner.append((ci, spans[0]))
            started = False
            for sp in spans:
                for c in sp.text:
                    if c.isspace():
                        if started and chars[-1] != " ":
                            chars.append(" ")
                            owner.append((ci, sp))
                        continue
                    chars.append(c)
                    owner.append((ci, sp))
                    started = True
            while chars and chars[-1] == " ":
                chars.pop()
                owner.pop()
        text = "".join(chars)
        texts.append(text)
        for m in _TOKEN.finditer(text):
            ci, sp = owner[m.start()]
            toks.append(Token(m.group(), li, ci, m.start(), m.end(), sp.bold, sp.italic, sp.size))
    return toks, texts


def _shape(w: str) -> str:
    if _CJK.search(w):
        return "CJK"
    s = re.sub(r"[A-ZÀ-ÞА-ЯΑ-Ω]", "X", w)
    s = re.sub(r"[a-zß-ÿа-яα-ω]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)[:6]


def _flags(w: str) -> dict[str, float]:
    f = fold(w).strip(".")
    out: dict[str, float] = {}
    if f in _DEGREE or (_CJK.search(w) and any(d in f for d in ("学士", "修士", "博士", "硕士", "학사", "석사", "박사"))):
        out["degree"] = 1.0
    if f in _SCHOOL or (_CJK.search(w) and re.search("大学|大學|学院|학교|대학", w)):
        out["school"] = 1.0
    if f in _JOB:
        out["job"] = 1.0
    if f in _ORG:
        out["org"] = 1.0
    if _YEAR.match(w):
        out["year"] = 1.0
    if len(f) > 2 and not _CJK.search(w) and is_city(w):
        out["city"] = 1.0
    return out


def features(toks: list[Token], size: float) -> list[dict[str, Any]]:
    own = []
    for i, t in enumerate(toks):
        w = t.text
        d: dict[str, Any] = {"bias": 1.0, "w": fold(w)[:20], "shape": _shape(w), "suf3": fold(w)[-3:],
                             "line": min(t.line, 4), "cell": min(t.cell, 3), "bold": float(t.bold),
                             "italic": float(t.italic), "big": float(t.size > size * 1.05),
                             "punct": float(not any(c.isalnum() for c in w)), "upper": float(w[:1].isupper()),
                             "first_in_line": float(i == 0 or toks[i - 1].line != t.line),
                             "last_in_line": float(i + 1 == len(toks) or toks[i + 1].line != t.line)}
        d.update(_flags(w))
        own.append(d)
    rows = []
    for i, d in enumerate(own):
        row = dict(d)
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < len(own):
                o = own[j]
                row.update({f"{k}:{n}": v for n, v in o.items() if n in ("w", "shape", "punct", "degree", "school",
                                                                         "job", "org", "year", "city", "bold",
                                                                         "italic", "line")})
                row[f"{k}:same_line"] = float(toks[j].line == toks[i].line)
            else:
                row[f"{k}:edge"] = 1.0
        rows.append(row)
    return rows


@lru_cache(maxsize=4)
def _tagger(kind: str) -> Any:
    path = MODELS / f"headers_{kind}.crfsuite"
    if not path.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _runs(toks: list[Token], texts: list[str], labels: list[str], conf: list[float]
          ) -> dict[str, list[tuple[str, float]]]:
    """Text of each run of one label, cut from the line text (keeps the printed punctuation),
    with the mean marginal probability of its words."""
    out: dict[str, list[tuple[str, float]]] = {}
    i = 0
    while i < len(toks):
        lab = labels[i]
        j = i
        while j + 1 < len(toks) and labels[j + 1] == lab and toks[j + 1].line == toks[i].line:
            j += 1
        if lab != "O":
            text = texts[toks[i].line][toks[i].start:toks[j].end].strip(" ,;|·•–-—(")
            if lab != "DATE" and text.endswith(")") and "(" not in text:
                text = text[:-1]
            if text:
                out.setdefault(lab, []).append((text, sum(conf[i:j + 1]) / (j - i + 1)))
        i = j + 1
    return out


def tag(header: list[Line], kind: str) -> dict[str, tuple[str, float]] | None:
    """Fields the model reads in a work / education header with their confidence, or None
    (rules only, no model)."""
    if not header or EXTRACTOR.get() != "model":
        return None
    tagger = _tagger(kind)
    if tagger is None:
        return None
    toks, texts = tokenize(header)
    if not toks:
        return None
    size = sorted(t.size for t in toks)[len(toks) // 2] or 10.0
    tagger.set(features(toks, size))
    labels = tagger.tag()
    conf = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
    runs = _runs(toks, texts, labels, conf)
    fields: dict[str, tuple[str, float]] = {}
    for lab, name in FIELDS[kind].items():
        if len(runs.get(lab, [])) == 1:  # one run: the model is clear about it
            fields[name] = runs[lab][0]
    return fields


# A field the rules left empty is taken at FILL confidence; one the rules read otherwise is
# replaced at REPLACE. Chosen on held-out generated families (`make parse-eval`): work titles and
# employers gained from filling but lost from replacing, education fields gained from both.
FILL = 0.5
REPLACE = {"work": 1.01, "education": 1.01}


def apply(header: list[Line], res: dict[str, Any], kind: str) -> dict[str, Any]:
    """The rules' fields, completed (and where the model is sure, corrected) by the model. The
    model's confidence in each field it has a reading for goes to ``res["_confidence"]``: its
    own probability where the output agrees with it, the rest where the rules' reading stands
    against it (such fields are the ones to check)."""
    tagged = tag(header, kind)
    confidence: dict[str, float] = {}
    for name, (text, conf) in (tagged or {}).items():
        have = res.get(name)
        if not have and conf >= FILL:
            res[name] = text
        elif have and fold(have) != fold(text) and conf >= REPLACE[kind]:
            res[name] = text
        if res.get(name):
            confidence[name] = round(conf if fold(res[name]) == fold(text) else 1.0 - conf, 3)
    if confidence:
        res["_confidence"] = confidence
    return res
