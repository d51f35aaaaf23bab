"""Lines an entry's reading must put together first: dates stacked start over end in a date
margin (alone, or beside a title wrapped over the same lines), a bold title wrapped in lower case,
and entries printed side by side in a grid."""
from __future__ import annotations

import re
from dataclasses import replace

from htdy.parsers.extract.dates import date_only, find_range
from htdy.parsers.extract.degrees import names_degree
from htdy.parsers.extract.structure import clean
from htdy.parsers.layout.model import Line


def _start_over_end(upper: str, lower: str) -> bool:
    """Two lone dates, each a single point, the lower one later: a range printed start over end."""
    a, b = find_range(upper), find_range(lower)
    return bool(date_only(upper) and date_only(lower) and a and b and a.start and b.start
                and a.start == a.end and b.start == b.end and b.start > a.start)


def join_stacked_dates(lines: list[Line]) -> list[Line]:
    """A lone date printed on the line under another lone date, flush with it ("2006" / "2012"):
    one range, start over end."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == ln.page and abs(prev.x0 - ln.x0) < 4 \
                and _start_over_end(prev.text, ln.text):
            first = ln.spans[0]
            out[-1] = Line(spans=[*prev.spans, replace(first, text="– " + first.text), *ln.spans[1:]],
                           page=prev.page, source=prev.source)
            continue
        if prev is not None and (joined := _stacked_beside_title(prev, ln) or _bold_title_goes_on(prev, ln)) is not None:
            out[-1] = joined
            continue
        out.append(ln)
    return out


def _bold_title_goes_on(prev: Line, ln: Line) -> Line | None:
    """A bold title wrapped onto the next line in lower case, right under the title's own start
    ("2007  Уральский федеральный" / "университет"): one line."""
    cells = prev.cell_spans()
    last = cells[-1]
    t = clean(ln.text)
    if (prev.page != ln.page or len(ln.cell_spans()) != 1 or not t[:1].islower() or not last[0].bold
            or not ln.spans[0].bold or abs(last[0].x0 - ln.x0) >= 4 or find_range(t) or names_degree(t)
            or re.search(r"[.,;:]$", clean("".join(s.text for s in last)))
            or not -0.3 * ln.size <= ln.top - prev.bottom < 0.8 * max(ln.size, prev.size)):
        return None
    cell = prev.cells[-1] if prev.cells else 0
    return Line(spans=[*prev.spans, replace(ln.spans[0], text=" " + ln.spans[0].text.lstrip()), *ln.spans[1:]],
                page=prev.page, source=prev.source,
                cells=(prev.cells or [0] * len(prev.spans)) + [cell] * len(ln.spans))


def _stacked_beside_title(prev: Line, ln: Line) -> Line | None:
    """Two lines each opening with a lone year or month in a date margin, beside a title wrapped
    over them ("2007  Санкт-Петербургский" / "2009  государственный университет"): one line, the
    range start over end, the title's two halves joined — only when the second half goes on in
    lower case, in the first half's type (two one-line entries each start with a capital)."""
    a_cells, b_cells = prev.cell_spans(), ln.cell_spans()
    if prev.page != ln.page or len(a_cells) < 2 or len(b_cells) < 2 or abs(prev.x0 - ln.x0) >= 4:
        return None
    if not _start_over_end(clean("".join(s.text for s in a_cells[0])), clean("".join(s.text for s in b_cells[0]))):
        return None
    a_text, b_text = a_cells[1], b_cells[1]
    rest = clean("".join(s.text for s in b_text))
    if not rest[:1].islower() or abs(a_text[0].x0 - b_text[0].x0) >= 4 or a_text[0].bold != b_text[0].bold \
            or abs(a_text[0].size - b_text[0].size) >= 0.2 or any(len(c) > 0 for c in a_cells[2:] + b_cells[2:]):
        return None
    date2 = b_cells[0][0]
    spans = [*a_cells[0], replace(date2, text=" – " + date2.text.strip()), *b_cells[0][1:],
             *a_text, replace(b_text[0], text=" " + b_text[0].text.lstrip()), *b_text[1:]]
    cells = [0] * (len(a_cells[0]) + len(b_cells[0])) + [1] * (len(a_text) + len(b_text))
    return Line(spans=spans, page=prev.page, source=prev.source, cells=cells)


def unstack_grid(lines: list[Line]) -> list[Line]:
    """Entries printed side by side in a grid ("School A   School B" / "2008 – 2014   2016 – 2018" /
    "Degree A   Degree B"): a run of lines whose cells start at the same x, one of them a date in
    every cell, is read column by column, each column one entry after the other."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        cells = lines[i].cell_spans()
        k = len(cells)
        j = i + 1
        if k >= 2:
            xs = [c[0].x0 for c in cells]
            while j < len(lines) and lines[j].page == lines[i].page:
                # every cell starts at a column of the grid (a wrapped cell may stand alone)
                if not all(any(abs(c[0].x0 - x) <= 4 for x in xs) for c in lines[j].cell_spans()):
                    break
                j += 1
        run = lines[i:j]
        dated = any(len(ln.cell_spans()) == k and all(find_range("".join(s.text for s in c)) is not None
                                                      for c in ln.cell_spans()) for ln in run)
        if k >= 2 and len(run) >= 2 and dated:
            for x in xs:
                out.extend(Line(spans=c, page=ln.page, source=ln.source)
                           for ln in run for c in ln.cell_spans() if abs(c[0].x0 - x) <= 4)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out
