"""OCR'd pages (:mod:`~htdy.parsers.layout.ocr_backend`) as the layout the other backends produce.

Sizes: each line's type size from how far its letters rise above the baseline (ascender line, cap
height — the document's own, measured on lines that hold both —, the height of Han and Hangul
characters), snapped to the few sizes the document uses, so that lines of one type compare equal
downstream as they do in a PDF. Bold: a word whose strokes are clearly wider than the body text's
for its size (CJK against CJK; the characters of one CJK line share a weight). Italic is unknown.
Words of one OCR line set close together become a span (split where the weight changes, at a wide
gap, after a word broken at a hyphen); :func:`~htdy.parsers.layout.chars.lines_from_spans` then
builds lines and cells from the boxes exactly as for a text layer. Boxes are in points, top-left
origin; a span's box runs from 0.8 em above its baseline to 0.2 em below, as a PDF's glyph boxes do.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from htdy.parsers.layout.chars import is_cjk, lines_from_spans
from htdy.parsers.layout.model import Line, Page, Span
from htdy.parsers.layout.ocr_backend import ASCENDER_EM, CAPITAL_EM, OcrPage, Word, line_em, rise, word_em

BOLD_RATIO = 1.2  # stroke width (per em) over the body text's that reads as bold
SPAN_GAP = 0.8  # a gap between words wider than this (in em) starts a new span (boxes hug the ink)
_LETTER_HYPHEN = re.compile(r"[^\W\d_][-\u2010]$")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def to_pages(pages: Sequence[tuple[int, OcrPage]]) -> list[tuple[int, Page]]:
    """The OCR'd pages (with their page index) as layout pages, bold and sizes decided over all."""
    only = [p for _, p in pages]
    resize(only)
    mark_bold(only)
    est = [(round(ln.size / p.scale, 2), sum(len(w.text) for w in ln.words)) for p in only for ln in p.lines
           if ln.sure]
    sizes = snap_sizes(est)
    groups = sorted(set(sizes.values()))
    for p in only:  # a line without a letter to measure ("& customer privacy") takes the nearest size
        for ln in p.lines:
            s = round(ln.size / p.scale, 2)
            if not ln.sure and groups and s not in sizes:
                near = min(groups, key=lambda g: abs(g - s))
                sizes[s] = near if abs(near - s) < 0.2 * s else round(4 * s) / 4
    return [(i, to_page(p, i, sizes)) for i, p in pages]


def capital_height(pages: Sequence[OcrPage]) -> float:
    """The document's cap height in em, from lines holding words of both kinds (it varies from
    font to font more than the ascender height does)."""
    ratios = []
    for p in pages:
        for ln in p.lines:
            asc = sorted(r[0] for w in ln.words if (r := rise(ln, w)) and r[1])
            cap = sorted(r[0] for w in ln.words if (r := rise(ln, w)) and not r[1])
            if asc and cap:
                ratios.append(cap[len(cap) // 2] / asc[len(asc) // 2])
    if len(ratios) < 3:
        return CAPITAL_EM
    ratios.sort()
    return min(max(ratios[len(ratios) // 2] * ASCENDER_EM, 0.6), 0.8)


def resize(pages: Sequence[OcrPage]) -> None:
    """Each line's size again, with the document's own cap height."""
    capital = capital_height(pages)
    for p in pages:
        for ln in p.lines:
            ln.size = line_em(ln.words, [word_em(ln, w, capital) for w in ln.words]) or ln.size


def _median(values: list[tuple[float, int]]) -> float | None:
    """The median of (value, weight) pairs."""
    if len(values) < 5:
        return None
    values.sort()
    total, acc = sum(n for _, n in values), 0
    for v, n in values:
        acc += n
        if acc >= total / 2:
            return v
    return values[-1][0]


def mark_bold(pages: Sequence[OcrPage]) -> None:
    """Bold: stroke width per em well above the body text's (the median, by characters; CJK
    characters, thinner strokes for their size, against their own median)."""
    ratios: dict[bool, list[tuple[float, int]]] = {True: [], False: []}
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                if w.stroke is not None and ln.size > 0 and any(ch.isalnum() for ch in w.text):
                    ratios[_is_square(w.text)].append((w.stroke / ln.size, len(w.text)))
    body = {k: _median(v) for k, v in ratios.items()}
    latin, square = body[False] or body[True], body[True] or body[False]
    if latin is None or square is None:
        return
    limit = BOLD_RATIO
    for p in pages:
        for ln in p.lines:
            words = sorted(ln.words, key=lambda w: w.x0)
            # each word's stroke against its script's body text: 1.0 is the body's weight
            ratio = [w.stroke / ln.size / (square if _is_square(w.text) else latin)
                     if w.stroke is not None and ln.size > 0 and any(ch.isalnum() for ch in w.text)
                     else None for w in words]
            # CJK characters vary too much one by one: those of one OCR line share a weight
            cjk = [(r, len(w.text)) for w, r in zip(words, ratio, strict=True) if r is not None
                   and _is_square(w.text)]
            if cjk:
                mean = sum(r * n for r, n in cjk) / sum(n for _, n in cjk)
                ratio = [mean if r is not None and _is_square(w.text) else r
                         for w, r in zip(words, ratio, strict=True)]
            for w, r in zip(words, ratio, strict=True):
                w.bold = r is not None and r > limit
            # a short word (one or two CJK characters, "of", "&") between two of one weight takes it
            for i in range(len(words)):
                near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
                if len(words[i].text) <= 2 and near and all(n.bold != words[i].bold for n in near) \
                        and (len(near) == 2 or len(near[0].text) >= 3):
                    words[i].bold = near[0].bold
            # a word just under the limit beside a bold word of about its weight is bold too ("iOS
            # Software Engineer": one heading, one weight)
            for order in (range(1, len(words)), range(len(words) - 2, -1, -1)):
                for i in order:
                    j = i - 1 if order.step == 1 else i + 1
                    r, rn = ratio[i], ratio[j]
                    if not words[i].bold and words[j].bold and r is not None and rn is not None \
                            and r > 0.9 * limit and r > 0.9 * rn:
                        words[i].bold = True
            prev: Word | None = None
            for w, r in zip(words, ratio, strict=True):
                if r is None:  # punctuation ("/", "|", "–") takes the type of the word before it
                    w.bold = prev.bold if prev is not None else False
                prev = w


def snap_sizes(sizes: Sequence[tuple[float, int]], tolerance: float = 0.06) -> dict[float, float]:
    """Map each estimated size (with its number of characters) to the size of its group, rounded
    to a quarter point: the most used size (the body text) takes every size within ``tolerance``
    of it, then the most used of the rest, and so on."""
    weight: dict[float, int] = {}
    for s, c in sizes:
        weight[s] = weight.get(s, 0) + max(c, 1)
    left = sorted(weight)
    out: dict[float, float] = {}
    while left:
        # the peak: the size with the most characters within half the tolerance around it
        peak = max(left, key=lambda s: sum(weight[t] for t in left if abs(t - s) <= 0.5 * tolerance * s))
        group = [t for t in left if abs(t - peak) <= tolerance * peak]
        n = sum(weight[t] for t in group)
        mean = round(4 * sum(t * weight[t] for t in group) / n) / 4
        for t in group:
            out[t] = mean
        left = [t for t in left if t not in out]
    return out


def _is_square(text: str) -> bool:
    """Mostly Han, kana or Hangul."""
    return sum(1 for ch in text if is_cjk(ch)) * 2 > len(text)


def _logical_to_visual(text: str) -> str:
    """tesseract gives right-to-left words in reading order; the layout wants the page's order."""
    return text[::-1] if _RTL.search(text) else text


def _span_gap(text: str, size: float) -> float:
    """How wide a gap after ``text`` may be inside a span: narrow after a word broken at a hyphen
    ("Bach-" | "Northeastern University" in a table row: the word goes on below, in its cell)."""
    return (0.4 if _LETTER_HYPHEN.search(text[-2:]) else SPAN_GAP) * size


def _joined(a: str, b: str, gap: float, size: float) -> str:
    if is_cjk(a[-1:]) and is_cjk(b[:1]) and gap < size:  # CJK text has no spaces between words
        return a + b
    if (is_cjk(a[-1:]) or is_cjk(b[:1])) and gap < 0.3 * size:
        return a + b
    if a.endswith(("http:", "https:")) and b.startswith("//"):
        return a + b
    return a + " " + b


def to_page(p: OcrPage, index: int, sizes: dict[float, float]) -> Page:
    """The page in points: each OCR line's words as spans (split at wide gaps and bold changes)."""
    k = 1 / p.scale
    spans: list[Span] = []
    for ln in p.lines:
        est = round(ln.size / p.scale, 2)
        size = sizes.get(est, est)
        words = sorted(ln.words, key=lambda w: w.x0)
        cur: Span | None = None
        last: Word | None = None
        for w in words:
            text = w.text if _RTL.search(w.text) else unicodedata.normalize("NFKC", w.text)
            text = _logical_to_visual(text)
            base = ln.baseline + ln.slope * (w.x0 + w.x1) / 2
            top, bottom = (base - 0.8 * ln.size) * k, (base + 0.2 * ln.size) * k
            gap = (w.x0 - last.x1) * k if last is not None else 0.0
            if cur is not None and last is not None and (last.bold == w.bold or cur.text == "•") \
                    and (gap < _span_gap(cur.text, size) or (cur.text == "•" and gap < 1.5 * size)):
                cur.text = _joined(cur.text, text, gap, size)
                cur.x1 = w.x1 * k
                cur.top, cur.bottom = min(cur.top, top), max(cur.bottom, bottom)
                cur.bold = cur.bold or w.bold
            else:
                if cur is not None and cur.bold and not w.bold and cur.text[-1:] in ",;" \
                        and gap < SPAN_GAP * size:
                    # "Company, Title": the comma after a bold name belongs to the plain text after it
                    cur.text, text = cur.text[:-1], cur.text[-1] + " " + text
                    cur.x1 -= 0.25 * size
                    x0 = cur.x1
                else:
                    x0 = w.x0 * k
                cur = Span(text, x0, top, w.x1 * k, bottom, "OCR", size, w.bold, False)
                spans.append(cur)
            last = w
    page = Page(width=p.width, height=p.height)
    page.lines = [_merged(ln) for ln in lines_from_spans(spans, index)]
    return page


def _merged(ln: Line) -> Line:
    """Spans of one type set close together on a line, which OCR put in two lines or blocks
    ("Andrew" | "Westling" across a sidebar's gutter), as one span."""
    spans: list[Span] = []
    cells: list[int] = []
    for s, c in zip(ln.spans, ln.cells or [0] * len(ln.spans), strict=True):
        prev = spans[-1] if spans else None
        if prev is not None and cells[-1] == c and prev.bold == s.bold and prev.size == s.size \
                and s.x0 - prev.x1 < _span_gap(prev.text, s.size):
            prev.text = _joined(prev.text, s.text.lstrip(), s.x0 - prev.x1, s.size)
            prev.x1, prev.top, prev.bottom = s.x1, min(prev.top, s.top), max(prev.bottom, s.bottom)
            continue
        spans.append(s)
        cells.append(c)
    ln.spans, ln.cells = spans, cells
    return ln
