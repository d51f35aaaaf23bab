"""Group positioned characters into spans and lines (shared by the PDF backends).

A backend feeds characters in content-stream order as tuples
``(text, x0, top, x1, bottom, size, font_index)``; ``fonts[font_index]`` is
``(name, bold, italic)``. Runs of characters on one baseline in one font become
:class:`Span` objects; spans whose vertical extents overlap become a :class:`Line`;
a wide horizontal gap inside a line starts a new cell (table column, right-aligned
date, second text column).
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence

from htdy.parsers.layout.model import Line, Span
from htdy.parsers.layout.sanitize import SPACING_ACCENT

Char = tuple[str, float, float, float, float, float, int]
Font = tuple[str, bool, bool]

SPACE_GAP = 0.18  # x gap (in font sizes) that reads as a word space
CELL_GAP = 1.6  # x gap (in font sizes) that starts a new cell

# Glyphs of TeX's T1 (Cork) and TS1 encodings in a font without a ToUnicode map (moderncv and
# most pdflatex documents without \pdfgentounicode) reach us as their one-byte codes: control
# characters no real text holds (Python even reads 0x1C–0x1F as whitespace). The codes that
# matter for a CV are the dashes, the f-ligatures and TS1's bullet.
CONTROL_GLYPHS = {
    "\x15": "\u2013", "\x16": "\u2014",  # en dash, em dash ("2018--2020", "---")
    "\x1b": "ff", "\x1c": "fi", "\x1d": "fl", "\x1e": "ffi", "\x1f": "ffl",
    "\x88": "\u2022",  # TS1 \textbullet
}


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_cjk(ch: str) -> bool:
    """A character of CJK text (Han, kana, Hangul, CJK punctuation, full-width forms)."""
    return bool(ch) and bool(_CJK.match(ch))


def font_style(name: str, weight: int = 0, italic_flag: bool = False) -> Font:
    """(clean name, bold, italic) from a PDF font name like ``ABCDEF+Lato-BoldItalic``."""
    clean = name.split("+", 1)[-1]
    low = clean.lower()
    bold = weight >= 600 or any(k in low for k in ("bold", "black", "heavy", "semibold", "demi"))
    bold = bold or low.endswith(("-bd", ",bold", "-sb", "-b"))
    italic = italic_flag or "italic" in low or "oblique" in low or low.endswith(("-it", "-i"))
    return clean, bold, italic


def _ligature_letter(text: str, x0: float, x1: float, size: float, last: tuple[float, float] | None,
                     same_run: bool) -> bool:
    """A letter in the very box of the glyph before it: a ligature's second (or third) letter."""
    return same_run and last is not None and text.isalpha() and not _RTL.match(text) and x1 - x0 > 0.05 * size \
        and abs(x0 - last[0]) < 0.02 * size and abs(x1 - last[1]) < 0.02 * size


def spans_from_chars(chars: Iterable[Char], fonts: Sequence[Font]) -> list[Span]:
    spans: list[Span] = []
    cur: Span | None = None
    cur_font = -1
    cur_rtl = False  # the span is right-to-left text (glyphs may come right to left)
    pending_space = False
    soft_break = False  # the pending space is a line break the text layer made up, not a space glyph
    narrow: dict[int, float] = {}  # span index -> the narrow gap before it, at a change of font
    parts: list[list[str]] = []  # per span: its characters
    gaps: list[list[float]] = []  # per span: the gap before each character after the first, in font sizes
    where: list[list[tuple[int, float]] | None] = []  # per span: (index in its text, x middle) per glyph
    last: tuple[float, float] | None = None  # the box of the glyph added last
    for text, x0, top, x1, bottom, size, fi in chars:
        if len(text) > 1 and _RTL.match(text):
            text = text[::-1]  # a ligature's letters (لأ) in the visual order of the rest
        if not text or text in "\r\n":
            soft_break = soft_break or not pending_space
            pending_space = True if cur is not None else pending_space
            continue
        if text.isspace():
            pending_space, soft_break = True, False
            continue
        size = size or (bottom - top) or 1.0
        if cur is not None and _ligature_letter(text, x0, x1, size, last, fi == cur_font and not pending_space) \
                and (text != cur.text[-1:] or text in "ft"):  # ("ff", "tt"; not a glyph drawn twice for bold)
            # the second letter of a ligature ("ti", "fi", "ffi" drawn as one glyph): pdfium gives it
            # the glyph's box, which starts where the first letter's does; no gap, no new span
            if where[-1] is not None:
                where[-1].append((len(cur.text), (x0 + x1) / 2))  # type: ignore[union-attr]
            cur.text += text
            parts[-1].append(text)
            gaps[-1].append(statistics.median(gaps[-1]) if gaps[-1] else 0.0)
            continue
        last = (x0, x1)
        if cur is not None:
            h = cur.bottom - cur.top
            mid = (top + bottom) / 2
            same_row = cur.top - 0.25 * h <= mid <= cur.bottom + 0.25 * h
            gap = x0 - cur.x1
            room = 0.6 if pending_space else 0.3
            g = gaps[-1]
            if gap > room * size and text.isalpha() and (
                    min(g[-3:]) >= 0.08 if g else len(cur.text.strip()) == 1 and cur.text.isalpha()):
                # letter-spaced so far ("C H E…"): the letters of a word, and words set far apart
                # ("I S T R U Z I O N E   E"), stay one span; _unspace finds the words
                room = max(room, 2.5 if len(g) >= 3 else 1.0)
            left = cur.x0 - x1  # right-to-left text in reading order: each glyph left of the last
            # a right-to-left run goes on with a letter of its script or a mark inside it (צ'ק)
            rtl_run = cur_rtl and fi == cur_font and (bool(_RTL.match(text)) or (
                len(text) == 1 and not text.isalnum() and not text.isspace() and x1 <= cur.x0 + 0.1 * size))
            if rtl_run and same_row and abs(x0 - cur.x0) < 0.05 * size and abs(size - cur.size) < 0.2:
                # the second letter of a ligature (pdfium lists لآ as آ, ل in one box): after the first
                body = cur.text.lstrip()
                cur.text = cur.text[:len(cur.text) - len(body)] + body[0] + text + body[1:]
                parts[-1].insert(1, text)
                gaps[-1].insert(0, 0.0)
                pending_space = soft_break = False
                continue
            leftward = x0 < cur.x0 - 0.1 * size and rtl_run
            if (same_row and not leftward and -0.5 * size <= gap <= room * size and fi == cur_font
                    and abs(size - cur.size) < 0.2):
                # pdfium makes up a line break between text objects, even between the letters of
                # one word each drawn on its own ("L e a n" in a CJK page's fallback font)
                if (pending_space and not (soft_break and abs(gap) < 0.05 * size)) or gap > SPACE_GAP * size \
                        or _cjk_word_gap(cur.text, text, gap / size, gaps[-1]):
                    cur.text += " "
                if where[-1] is not None:
                    where[-1].append((len(cur.text), (x0 + x1) / 2))  # type: ignore[union-attr]
                cur.text += text
                parts[-1].append(text)
                gaps[-1].append(gap / size)
                cur.x1 = max(cur.x1, x1)
                cur.top = min(cur.top, top)
                cur.bottom = max(cur.bottom, bottom)
                pending_space = soft_break = False
                continue
            if (same_row and leftward and fi == cur_font and -0.5 * size <= left <= 0.6 * size
                    and abs(size - cur.size) < 0.2):
                # kept in visual order, like the left-to-right runs; _logical() reorders the span
                lead = " " if pending_space or left > SPACE_GAP * size else ""
                cur.text = text + lead + cur.text.lstrip()
                where[-1] = None  # (right-to-left: no accents of ours to place)
                parts[-1].insert(0, text)
                gaps[-1].insert(0, left / size)
                cur.x0 = min(cur.x0, x0)
                cur.top = min(cur.top, top)
                cur.bottom = max(cur.bottom, bottom)
                pending_space = soft_break = False
                continue
        name, bold, italic = fonts[fi] if 0 <= fi < len(fonts) else ("", False, False)
        lead = " " if pending_space else ""
        if not lead and cur is not None and same_row and SPACE_GAP / 3 * size < gap < CELL_GAP * size:
            narrow[len(spans)] = gap / size  # decided below, once the letter spacing of both sides is known
        cur = Span(lead + text, x0, top, x1, bottom, name, size, bold, italic)
        cur_font = fi
        cur_rtl = bool(_RTL.match(text))
        spans.append(cur)
        parts.append([text])
        gaps.append([])
        where.append([(len(lead), (x0 + x1) / 2)])
        pending_space = soft_break = False
    _place_accents(spans, where)
    for k, gap in narrow.items():
        # a word gap at a change of font may be narrower than this font's own space: the space
        # between "<big>Johanna</big> <big bold>Meier</big>" is set in the paragraph's small type.
        # Loose boxes are advance widths, so the letters of a word touch, unless the type is
        # tracked ("S" + small caps "OFTWARE" 0.05 em apart): the gap must be wider than that.
        tracking = [statistics.median(g) for g in (gaps[k - 1], gaps[k]) if g]
        if gap > 2 * max(tracking, default=0.0) and not spans[k - 1].text.endswith(" "):
            spans[k].text = " " + spans[k].text
    for sp, chars_, gaps_ in zip(spans, parts, gaps, strict=True):
        if (len(gaps_) >= 4 or (len(gaps_) >= 2 and min(gaps_) >= 0.08)) and " " in sp.text:
            _unspace(sp, chars_, gaps_)
    for sp in spans:  # combining accents and ligatures as single characters ("ć", "fi")
        if not sp.text.isascii() and not _RTL.search(sp.text):  # (right-to-left text: in _bidi())
            sp.text = unicodedata.normalize("NFKC", sp.text)
    return _glyph_fallbacks([sp for sp in spans if sp.text])


def _cjk_word_gap(before: str, ch: str, gap: float, earlier: list[float]) -> bool:
    """A space between two CJK characters ("鈴木 健一"): the space glyph of a CJK font is narrower
    than SPACE_GAP, and a browser's PDF holds no space glyph at all. CJK glyphs' advance boxes
    touch, so a gap of an eighth of an em, several times the gaps before it in the same run, is a
    space; an evenly tracked heading ("学 歴 書", every gap alike) is not cut that way."""
    return (is_cjk(ch) and is_cjk(before[-1:]) and gap >= 0.12 and bool(earlier)
            and gap >= 3 * max(max(earlier[-3:]), 0.02))


_MARKS = {**SPACING_ACCENT, "`": "\u0300"}  # (OT1's grave accent glyph reads as a backtick)


def _place_accents(spans: list[Span], where: list[list[tuple[int, float]] | None]) -> None:
    """An accent drawn apart from its letter (LaTeX without T1 fonts builds "ü" from "u" and a
    diaeresis glyph, which the text layer may give after the whole line: "Schlusselkunden ̈") goes
    back on the letter under it, as a combining mark; its own span is emptied."""
    for k, acc in enumerate(spans):
        mark = acc.text.strip()
        if len(mark) != 1 or not (mark in _MARKS or unicodedata.combining(mark)):
            continue
        mid = (acc.x0 + acc.x1) / 2
        for j, host in enumerate(spans):
            pos = where[j]
            if j == k or pos is None or not (host.x0 <= mid <= host.x1) or not (
                    host.top < acc.bottom and acc.top < host.bottom + 0.3 * host.size):
                continue
            i, x = min(pos, key=lambda p: abs(p[1] - mid))
            if not host.text[i:i + 1].isalpha() or abs(x - mid) > 0.6 * host.size:
                break
            host.text = host.text[:i + 1] + _MARKS.get(mark, mark) + host.text[i + 1:]
            where[j] = [(n + (n > i), xx) for n, xx in pos]
            acc.text = ""
            break


def _glyph_fallbacks(spans: list[Span]) -> list[Span]:
    """A letter or two drawn in another font inside a word, touching its neighbours ("Ú" "č" "etní":
    an accented letter from a fallback face, or flagged bold by its subset) is part of that word,
    in the word's own style: a change of type inside a word never separates two fields."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (prev is not None and sp.text[:1].isalpha() and prev.text[-1:].isalpha()
                and abs(sp.size - prev.size) < 0.2 and -0.1 * sp.size <= sp.x0 - prev.x1 <= 0.05 * sp.size
                and min(len(prev.text.strip()), len(sp.text)) <= 2 and prev.top < sp.bottom and sp.top < prev.bottom
                and not _RTL.search(prev.text + sp.text)):
            keep = prev if len(prev.text.strip()) >= len(sp.text) else sp
            out[-1] = Span(prev.text + sp.text, prev.x0, min(prev.top, sp.top), max(prev.x1, sp.x1),
                           max(prev.bottom, sp.bottom), keep.font, keep.size, keep.bold, keep.italic,
                           prev.link or sp.link)
            continue
        out.append(sp)
    return out


# a left-to-right run inside right-to-left text: Latin words with the spaces between them, or a
# number ("2019", "04/2019", "2019-2021"); numbers apart are runs of their own ("2021 - 2019")
_LTR_RUN = re.compile(r"[A-Za-z\u00c0-\u024f0-9][\w.'’&+#@/:%-]*(?: +[A-Za-z\u00c0-\u024f][\w.'’&+#@/:%-]*)*")
# in the reversed text, digit groups with single spaces between them ("0218 883 950") are one
# left-to-right run, a phone number set in its own order; groups whose "+" came last on the page
# ("4567 123 55 966+") were laid out right to left one by one, and stay runs of their own
_RUNS = re.compile(r"(?<!\d)\+?\d{1,4}(?: \d{1,4}){1,5}\+?(?!\d)|" + _LTR_RUN.pattern)
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def strong_letters(text: str) -> tuple[int, int]:
    """Letters of right-to-left scripts, other letters."""
    rtl = len(_RTL.findall(text))
    return rtl, sum(1 for ch in text if ch.isalpha()) - rtl


def _logical(text: str, rtl_base: bool) -> str:
    """Text from the visual order of the page (the glyphs left to right) to reading order: in
    left-to-right text the right-to-left runs reversed; in right-to-left text the whole reversed
    with its left-to-right runs (Latin words, numbers) put back."""
    lead = text[:len(text) - len(text.lstrip())]
    body = text[len(lead):]
    if not rtl_base:
        return lead + re.sub(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+(?:\s+[\u0590-\u08ff\ufb1d-\ufdff"
                             r"\ufe70-\ufeff]+)*", lambda m: m.group(0)[::-1], body)
    out: list[str] = []
    rev = body[::-1]
    pos = 0
    for m in _RUNS.finditer(rev):
        out.append(rev[pos:m.start()].translate(_MIRROR))
        run = m.group(0)
        # digit groups laid out one by one (their "+" last on the page): each group turned back alone
        out.append(re.sub(r"\d+", lambda g: g.group(0)[::-1], run) if run[:1] == "+" and " " in run else run[::-1])
        pos = m.end()
    out.append(rev[pos:].translate(_MIRROR))
    return lead + "".join(out)


def _unspace(sp: Span, chars: list[str], gaps: list[float]) -> None:
    """Letter-spaced text (CSS ``letter-spacing``, Word's "expanded" spacing: "E X P E R I E N C E")
    has every glyph set apart by about the same gap; a word space is that gap plus a space's
    width. Rebuild the words: a space only where the gap is clearly wider than the letters' own."""
    apart = sorted(gaps)
    if apart[len(apart) // 2] < 0.08:  # glyphs of ordinary text touch (kerned pairs of tracked text may too)
        return
    base = apart[len(apart) // 4]
    lead = " " if sp.text.startswith(" ") else ""
    out = [chars[0]]
    for ch, g in zip(chars[1:], gaps, strict=True):
        if g > base + 0.2:
            out.append(" ")
        out.append(ch)
    sp.text = lead + "".join(out)


def lines_from_spans(spans: list[Span], page: int) -> list[Line]:
    """Cluster spans into lines by vertical overlap; order top to bottom."""
    spans = sorted(spans, key=lambda s: ((s.top + s.bottom) / 2, s.x0))
    rows: list[list[Span]] = []
    bounds: list[tuple[float, float]] = []
    bands: list[list[list[float]]] = []  # per row: [top, bottom, size] of each text line of one size in it
    for s in spans:
        mid = (s.top + s.bottom) / 2
        placed = False
        # a span joins a recent row whose vertical band contains its middle
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            t, b = bounds[k]
            h = min(b - t, s.bottom - s.top) or 1.0
            overlap = min(b, s.bottom) - max(t, s.top)
            if t <= mid <= b and overlap >= 0.5 * h:
                # two lines of the same type beside a taller text (an address and a phone line
                # right of a large name) stay two lines
                sh = s.bottom - s.top
                same = [bd for bd in bands[k] if abs(bd[2] - s.size) < 1.0]
                # (a glyph with a tight box, a CJK font's "～" between two dates, overlaps by its own height)
                band = next((bd for bd in same if min(bd[1], s.bottom) - max(bd[0], s.top)
                             >= 0.3 * min(sh, bd[1] - bd[0])), None)
                if band is None and same:
                    continue
                if any(_stacked(s, o) for o in rows[k]):
                    continue  # a row grown tall by a text beside it (a sidebar line between two lines)
                rows[k].append(s)
                bounds[k] = (min(t, s.top), max(b, s.bottom))
                if band is None:
                    bands[k].append([s.top, s.bottom, s.size])
                else:
                    band[0], band[1] = min(band[0], s.top), max(band[1], s.bottom)
                placed = True
                break
        if not placed:
            rows.append([s])
            bounds.append((s.top, s.bottom))
            bands.append([[s.top, s.bottom, s.size]])
    lines = []
    # a page set right to left: a line mixing scripts is a right-to-left paragraph even when its
    # Latin letters (an e-mail address) outnumber the Arabic ones
    rtl_letters, other_letters = strong_letters("".join(s.text for s in spans))
    rtl_page = rtl_letters > other_letters
    for row in rows:
        row.sort(key=lambda s: s.x0)
        cells: list[int] = []
        c = 0
        prev: Span | None = None
        for s in row:
            if prev is not None:
                gap = s.x0 - prev.x1
                size = max(prev.size, s.size, 1.0)
                if size > 1.6 * max(min(prev.size, s.size), 1.0):
                    size = max(min(prev.size, s.size), 1.0)  # a small line beside a big name: the small type's gap
                if gap > CELL_GAP * size:
                    c += 1
                    s.text = s.text.lstrip()
                elif not s.text.startswith(" ") and (gap > SPACE_GAP * size or _caps_then_word(prev, s)):
                    s.text = " " + s.text
            else:
                s.text = s.text.lstrip()
            cells.append(c)
            prev = s
        line = Line(spans=row, page=page, cells=cells)
        lines.append(_bidi(line, rtl_page) if any(_RTL.search(s.text) for s in row) else line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _caps_then_word(a: Span, b: Span) -> bool:
    """A title in capitals run up against a capitalised word in other type ("BERUFSERFAHRUNG" in a
    margin touching "Marketing Manager"): two words, where small capitals ("S" + "OFTWARE") are one."""
    tail = a.text.rstrip()[-3:]
    return (a.bold, round(a.size, 1)) != (b.bold, round(b.size, 1)) and len(tail) == 3 and tail.isalpha() \
        and tail.isupper() and bool(re.match(r"[^\W\d_][^\W\d_A-ZÀ-ÞА-Я]", b.text)) and b.text[:1].isupper()


def _stacked(a: Span, b: Span) -> bool:
    """Two spans one above the other: mostly over the same x, with their middles a good part of a
    line apart (not a ligature's letter drawn over its neighbour or text printed twice for bold)."""
    narrow = min(a.x1 - a.x0, b.x1 - b.x0)
    over = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom - a.top, b.bottom - b.top) or 1.0
    return narrow > 0 and over > 0.5 * narrow and abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 > 0.4 * h


def _bidi(ln: Line, rtl_page: bool = False) -> Line:
    """A line holding right-to-left script (Hebrew, Arabic) in reading order: each cell with such
    text (or, in a right-to-left line, a cell of numbers only: "2019 - 2015") becomes one span
    whose text is reordered (:func:`_logical`); its spans' geometry is kept as the cell's box."""
    rtl, ltr = strong_letters("".join(s.text for s in ln.spans))
    line_rtl = rtl >= ltr or rtl_page
    groups: list[list[Span]] = []
    ids: list[int] = []
    for s, c in zip(ln.spans, ln.cells, strict=True):
        if not ids or ids[-1] != c:
            groups.append([])
            ids.append(c)
        groups[-1].append(s)
    spans: list[Span] = []
    cells: list[int] = []
    for c, g in zip(ids, groups, strict=True):
        text = "".join(s.text for s in g).strip()
        r, lt = strong_letters(text)
        if r or (line_rtl and not lt and any(ch.isdigit() for ch in text)):
            base = r >= lt or (line_rtl and r > 0) or not lt
            main = max(g, key=lambda s: len(s.text))
            text = unicodedata.normalize("NFKC", _logical(text, base))
            g = [Span(text, min(s.x0 for s in g), min(s.top for s in g), max(s.x1 for s in g),
                      max(s.bottom for s in g), main.font, max(s.size for s in g), main.bold, main.italic,
                      next((s.link for s in g if s.link), None))]
        spans.extend(g)
        cells.extend([c] * len(g))
    return Line(spans=spans, page=ln.page, cells=cells, source=ln.source)
