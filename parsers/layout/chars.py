"""Group positioned characters into spans and lines (shared by the PDF backends).

A backend feeds characters in content-stream order as tuples
``(text, x0, top, x1, bottom, size, font_index)``; ``fonts[font_index]`` is
``(name, bold, italic)``. Runs of characters on one baseline in one font become
:class:`Span` objects; spans whose vertical extents overlap become a :class:`Line`;
a wide horizontal gap inside a line starts a new cell (table column, right-aligned
date, second text column).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from htdy.parsers.layout.model import Line, Span

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


def font_style(name: str, weight: int = 0, italic_flag: bool = False) -> Font:
    """(clean name, bold, italic) from a PDF font name like ``ABCDEF+Lato-BoldItalic``."""
    clean = name.split("+", 1)[-1]
    low = clean.lower()
    bold = weight >= 600 or any(k in low for k in ("bold", "black", "heavy", "semibold", "demi"))
    bold = bold or low.endswith(("-bd", ",bold", "-sb", "-b"))
    italic = italic_flag or "italic" in low or "oblique" in low or low.endswith(("-it", "-i"))
    return clean, bold, italic


def spans_from_chars(chars: Iterable[Char], fonts: Sequence[Font]) -> list[Span]:
    spans: list[Span] = []
    cur: Span | None = None
    cur_font = -1
    pending_space = False
    parts: list[list[str]] = []  # per span: its characters
    gaps: list[list[float]] = []  # per span: the gap before each character after the first, in font sizes
    for text, x0, top, x1, bottom, size, fi in chars:
        if not text or text in "\r\n":
            pending_space = True if cur is not None else pending_space
            continue
        if text.isspace():
            pending_space = True
            continue
        size = size or (bottom - top) or 1.0
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
            if (same_row and -0.5 * size <= gap <= room * size and fi == cur_font
                    and abs(size - cur.size) < 0.2):
                if pending_space or gap > SPACE_GAP * size:
                    cur.text += " "
                cur.text += text
                parts[-1].append(text)
                gaps[-1].append(gap / size)
                cur.x1 = max(cur.x1, x1)
                cur.top = min(cur.top, top)
                cur.bottom = max(cur.bottom, bottom)
                pending_space = False
                continue
        name, bold, italic = fonts[fi] if 0 <= fi < len(fonts) else ("", False, False)
        lead = " " if pending_space else ""
        cur = Span(lead + text, x0, top, x1, bottom, name, size, bold, italic)
        cur_font = fi
        spans.append(cur)
        parts.append([text])
        gaps.append([])
        pending_space = False
    for sp, chars_, gaps_ in zip(spans, parts, gaps, strict=True):
        if len(gaps_) >= 4 and " " in sp.text:
            _unspace(sp, chars_, gaps_)
    for sp in spans:  # combining accents and ligatures as single characters ("ć", "fi")
        if not sp.text.isascii():
            sp.text = unicodedata.normalize("NFKC", sp.text)
    return spans


def _unspace(sp: Span, chars: list[str], gaps: list[float]) -> None:
    """Letter-spaced text (CSS ``letter-spacing``, Word's "expanded" spacing: "E X P E R I E N C E")
    has every glyph set apart by about the same gap; a word space is that gap plus a space's
    width. Rebuild the words: a space only where the gap is clearly wider than the letters' own."""
    apart = sorted(gaps)
    if apart[len(apart) // 10] < 0.08:  # glyphs of ordinary text touch
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
                band = next((bd for bd in same if min(bd[1], s.bottom) - max(bd[0], s.top) >= 0.3 * sh), None)
                if band is None and same:
                    continue
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
    for row in rows:
        row.sort(key=lambda s: s.x0)
        cells: list[int] = []
        c = 0
        prev: Span | None = None
        for s in row:
            if prev is not None:
                gap = s.x0 - prev.x1
                size = max(prev.size, s.size, 1.0)
                if gap > CELL_GAP * size:
                    c += 1
                    s.text = s.text.lstrip()
                elif gap > SPACE_GAP * size and not s.text.startswith(" "):
                    s.text = " " + s.text
            else:
                s.text = s.text.lstrip()
            cells.append(c)
            prev = s
        lines.append(Line(spans=row, page=page, cells=cells))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines
