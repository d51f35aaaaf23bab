"""The untitled profile paragraph of a CV's head: prose set under (or beside) the name, before the
first section heading, with no "Profile"/"Summary" heading of its own. Many layouts print the
summary that way (JSON Resume themes, Canva, Word's own templates); without this it was left in
``extras.unassigned``."""
from __future__ import annotations

import re
from dataclasses import dataclass

from htdy.parsers.extract.contacts import EMAIL, PHONE, URL
from htdy.parsers.extract.dates import date_only
from htdy.parsers.extract.fields import join_lines
from htdy.parsers.extract.structure import clean
from htdy.parsers.extract.vocab import fold
from htdy.parsers.layout.chars import is_cjk
from htdy.parsers.layout.model import Line

_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")
_ALIGN = 8.0  # points: lines of one block share a left edge, a centre or a right edge


def _words(text: str) -> int:
    """Words of a text, a CJK character counting as half a word (a Chinese summary of 14
    characters is about as long as an English one of seven words)."""
    latin = len([w for w in re.split(r"\s+", "".join(" " if is_cjk(c) else c for c in text)) if w])
    return latin + sum(1 for c in text if is_cjk(c)) // 2


def _contact(text: str) -> bool:
    return bool(EMAIL.search(text) or URL.search(text) or PHONE.search(text)) or date_only(text)


@dataclass
class _Piece:
    text: str
    page: int
    x0: float
    x1: float


def _aligned(a: _Piece, b: _Piece) -> bool:
    return a.page == b.page and (abs(a.x0 - b.x0) < _ALIGN or abs(a.x1 - b.x1) < _ALIGN
                                 or abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) < _ALIGN)


def _prose(text: str) -> bool:
    """Running text: long enough to be a statement and either a sentence (one that ends) or long;
    not a tagline ("Python · Go · Cloud"), an address or a list of keywords."""
    n = _words(text)
    if n < 7:
        return False
    if text.count("|") + text.count("·") + text.count("•") >= 2:
        return False  # a tagline of keywords
    return bool(_SENTENCE_END.search(text)) or n >= 14


def head_summary(lines: list[Line], taken: str) -> str | None:
    """The head's profile paragraph among ``lines`` (the lines before the first heading): the
    cells whose text is not part of ``taken`` (the folded name, label, contacts and place already
    read), grouped into blocks of aligned lines, each block kept when its text reads as prose.
    A cell, not a line: a summary set beside the name shares its lines. None when there is none."""
    blocks: list[list[_Piece]] = []
    for ln in lines:
        for cell in ln.cell_spans(gap=2.0):
            t = clean("".join(sp.text for sp in cell))
            if not t or _contact(t) or fold(t) in taken:
                continue
            piece = _Piece(t, ln.page, min(sp.x0 for sp in cell), max(sp.x1 for sp in cell))
            if blocks and _aligned(blocks[-1][-1], piece):
                blocks[-1].append(piece)
            else:
                blocks.append([piece])
    kept = [t for b in blocks if _prose(t := join_lines([p.text for p in b]))]
    return join_lines(kept) if kept else None


def head_languages(lines: list[Line]) -> list[dict[str, str]]:
    """Languages listed among the head's contact items ("✉ ana@… 🌐 Nederlands, Engels, Italiaans",
    "Languages: English (C2), German (B1)"): a cell holding nothing but two or more language names
    (each with a level or none), or one or more after a "Languages" label."""
    from htdy.parsers.extract.lists import _language_list, _segment_languages
    from htdy.parsers.extract.vocab import heading_key

    for ln in lines:
        pieces = (p for cell in ln.cell_spans(gap=2.0)
                  for p in re.split(r"\s{3,}|[\ue000-\uf8ff]|\s[·|•]\s", "".join(sp.text for sp in cell)))
        for piece in pieces:  # (an icon font's glyph or a wide space sets contact items apart)
            t = clean(piece).strip(" ·|•")
            label, sep, rest = t.partition(":")
            labelled = bool(sep) and heading_key(label.strip()) == "languages"
            value = rest.strip() if labelled else t
            items = _segment_languages(value) if value and (labelled or _language_list(value)) else None
            if items and (labelled or len(items) >= 2):
                return items
    return []
