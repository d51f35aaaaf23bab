"""Columns of a page: the gutter between a sidebar and the main text (or none), the lines above
the columns, label columns read beside their values, date margins that belong with the entries
they face. Used by ``reading.order``."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter

import numpy as np

from htdy.parsers.layout.model import Line, Page, Span

SOFT_HYPHENS = ("\ufffe", "\u00ad", "\x02")  # the marks of a word hyphenated at a line end

# a year or month/year; a year may run into a CJK unit ("2019年5月", no word boundary after it)
_DATEISH = re.compile(r"(?<![^\W\d_])(?<!\d)(19|20)\d{2}(?!\d)(?![^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])|\b\d{1,2}/\d{2,4}\b")
_HEADER_LINES = 6  # lines above two columns (name, title, contact rows) read before them
_SOFT_GAP = 0.5  # a gap between spans wider than this (in font sizes) may be a gutter

_OVERHANG = 3.0


def right_edge(s: Span) -> float:
    """Where a span's text ends: a line-end hyphen mark may hang into the gutter."""
    return s.x1 - 0.6 * max(s.size, 1.0) if s.text.endswith(SOFT_HYPHENS) else s.x1


def _split_line(ln: Line, edge: float) -> tuple[Line | None, Line | None]:
    left_idx = [i for i, s in enumerate(ln.spans) if right_edge(s) <= edge]
    right_idx = [i for i, s in enumerate(ln.spans) if right_edge(s) > edge]

    def sub(idx: list[int]) -> Line | None:
        if not idx:
            return None
        spans = [ln.spans[i] for i in idx]
        cells = [ln.cells[i] for i in idx] if ln.cells else []
        if spans and spans[0].text != spans[0].text.lstrip():  # a copy: the line may be read whole
            spans[0] = dataclasses.replace(spans[0], text=spans[0].text.lstrip())
        return Line(spans=spans, page=ln.page, cells=cells, source=ln.source)

    return sub(left_idx), sub(right_idx)


def text_cells(lines: list[Line]) -> list[tuple[float, float, Line, str]]:
    out = []
    for ln in lines:
        for spans, text in zip(ln.cell_spans(), ln.cell_texts(), strict=False):
            if text.strip():
                out.append((min(s.x0 for s in spans), max(s.x1 for s in spans), ln, text))
    return out


def _soft_cells(lines: list[Line]) -> list[tuple[float, float, Line, str]]:
    """Cells split at any gap wider than half an em too: two columns set close together
    (a 5 pt gutter, as in Deedy-style CVs) print their lines side by side in one cell."""
    out = []
    for ln in lines:
        for spans in ln.cell_spans(_SOFT_GAP):
            text = " ".join(s.text for s in spans)
            if text.strip():
                out.append((min(s.x0 for s in spans), max(s.x1 for s in spans), ln, text))
    return out


def find_gutter(page: Page, lines: list[Line], within: tuple[float, float] | None = None) -> float | None:
    """The x of a gutter between two columns, or None. Cells split at wide gaps first; failing
    that, at any gap over half an em with the lines above the columns set aside, taken only when
    each side holds a section heading of its own (two columns set close together, Deedy-style;
    a grid of skills or a margin of labels beside one text flow is no such pair). ``within``: look
    between these x only (the columns inside one column of the page)."""
    g = _gutter(page, text_cells(lines), skip_above=False, within=within)
    if g is None:
        g = _gutter(page, _soft_cells(lines), skip_above=True, within=within)
        if g is not None and not _headed_columns(lines, g):
            g = None
    return g


def _headed_columns(lines: list[Line], gutter: float) -> bool:
    from htdy.parsers.extract.vocab import heading_key

    _, left, right = split_columns(lines, gutter)
    return all(any(heading_key(ln.text) for ln in side) for side in (left, right))


def _gutter(page: Page, cells: list[tuple[float, float, Line, str]], skip_above: bool,
            within: tuple[float, float] | None = None) -> float | None:
    if len(cells) < 8:
        return None
    x0 = np.floor([c[0] for c in cells])
    x1 = np.floor([c[1] for c in cells])
    top = np.array([c[2].top for c in cells])
    lo, hi = within or (0.0, page.width)
    xs = np.arange(int(lo + (hi - lo) * 0.15), int(hi - (hi - lo) * 0.15), dtype=float)
    if not len(xs):
        return None
    crosses = (x0[:, None] < xs[None, :]) & (x1[:, None] > xs[None, :])
    if skip_above:
        # lines above the first line with text on both sides of x (a name, a contact row across
        # the page) are read before the columns: they do not close a gutter at x
        ids = {id(c[2]): k for k, c in enumerate(cells)}  # a line's row: that of its last cell
        line_of = np.array([ids[id(c[2])] for c in cells])
        ends = np.full(len(cells), np.inf)
        starts = np.full(len(cells), -np.inf)
        np.minimum.at(ends, line_of, x1)
        np.maximum.at(starts, line_of, x0)
        split = (ends[:, None] <= xs[None, :]) & (starts[:, None] >= xs[None, :])
        first = np.where(split, top[:, None], np.inf).min(axis=0)
        tops = np.unique(top[np.unique(line_of)])
        # only a header block is set aside: no line with text on both sides, or one further
        # down than a few lines, means the page has no columns at x
        first[np.isinf(first) | (np.searchsorted(tops, first - 1) > _HEADER_LINES)] = -np.inf
        crosses &= top[:, None] >= first[None, :] - 1
    else:
        # a few lines above where both columns begin (a name and title over a sidebar and a main
        # column that share no baseline) do not close a gutter either
        bottom = np.array([c[2].bottom for c in cells])
        lefts = np.where(x1[:, None] <= xs[None, :], top[:, None], np.inf).min(axis=0)
        rights = np.where(x0[:, None] >= xs[None, :], top[:, None], np.inf).min(axis=0)
        begin = np.minimum(lefts, rights)
        above = crosses & (bottom[:, None] <= begin[None, :] + 1)
        few = np.array([len({id(cells[k][2]) for k in np.flatnonzero(above[:, j])}) <= 3
                        for j in range(len(xs))])
        crosses &= ~(above & few[None, :])
    crossing = crosses.sum(axis=0)
    allowed = max(2, len(cells) // 25)
    best: tuple[float, float] | None = None
    i, n = 0, len(xs)
    while i < n:
        if crossing[i] > allowed:
            i += 1
            continue
        start = i
        while i < n and crossing[i] <= allowed:
            i += 1
        run = crossing[start:i]
        lows = np.flatnonzero(run == run.min()) + start
        if skip_above:  # the count is not monotone here: each local low is a candidate
            cuts = np.flatnonzero(np.diff(run)) + 1
            segs = np.split(np.arange(start, i), cuts)
            vals = [int(crossing[sg[0]]) for sg in segs]
            candidates = [(float(xs[sg[0]]) + float(xs[sg[-1]])) / 2 for k, sg in enumerate(segs)
                          if (k == 0 or vals[k - 1] > vals[k]) and (k == len(segs) - 1 or vals[k + 1] > vals[k])]
        else:
            a, b = float(xs[lows[0]]), float(xs[lows[-1]])
            candidates = [(a + b) / 2 if b - a < 4 * len(lows) else a]
        for g in candidates:
            score = _split_score(cells, g)
            # the text a gutter would cut through counts against it (a summary running over a
            # date margin: the gutter lies past the dates, not between them and the entries)
            cut = sum(len(c[3]) for c in cells if c[0] < g < c[1])
            if score > 0 and (best is None or score - cut > best[0]):
                best = (score - cut, g)
    return best[1] if best else None


def _split_score(cells: list[tuple[float, float, Line, str]], g: float) -> float:
    left = [c for c in cells if c[1] <= g]
    right = [c for c in cells if c[0] >= g]
    if len(left) < 4 or len(right) < 4:
        return 0.0
    # dates set in a margin of their own right of everything else on the left (a sidebar, then a
    # date margin, then the entries): they belong with the entries, the gutter lies left of them
    if _stray_dates(cells, left, toward_gutter=1) or _stray_dates(cells, right, toward_gutter=-1):
        return 0.0
    if _flush_right_margin(left, right):
        return 0.0
    for side in (left, right):
        texty = [c for c in side if len(c[3].split()) >= 3 and not _DATEISH.search(c[3])]
        dated = sum(1 for c in side if _DATEISH.search(c[3]) and len(c[3]) < 30)
        if len(texty) < 2 and not (len(side) >= 6 and dated <= 0.2 * len(side)):
            return 0.0
        if dated > 0.5 * len(side):
            return 0.0
    lt, lb = min(c[2].top for c in left), max(c[2].bottom for c in left)
    rt, rb = min(c[2].top for c in right), max(c[2].bottom for c in right)
    overlap = min(lb, rb) - max(lt, rt)
    if overlap < 0.3 * min(lb - lt, rb - rt):
        return 0.0
    return float(min(sum(len(c[3]) for c in left), sum(len(c[3]) for c in right)))


def _stray_dates(cells: list[tuple[float, float, Line, str]], side: list[tuple[float, float, Line, str]],
                 toward_gutter: int) -> bool:
    """Three or more dates on ``side`` set apart between all its text and the gutter, under text of
    the other side that runs over them (its section headings, a summary): a date margin of the
    entries across the gutter, which belongs with them. (Section titles set at the dates' own x, as
    timelines do, are no text they stand apart from; nor is a name above both columns.)"""
    from htdy.parsers.extract.dates import is_present
    from htdy.parsers.extract.vocab import heading_key

    # (a range wrapped in a narrow margin ends on a line of its own: "listopad 2016–" / "Současnost")
    is_date = [_date_piece(c[3]) or is_present(c[3])
               or re.fullmatch(r"\d{1,2}", c[3].strip()) is not None for c in side]  # ("2013-09—2016-" / "11")
    text = [c for c, d in zip(side, is_date, strict=True) if not d]
    dates = [c for c, d in zip(side, is_date, strict=True) if d]
    titled = False  # section titles at the dates' own x: the entries' column begins there
    if dates:
        # the dates' own x: where most of them start (a stray date in the text further left, an
        # education line "2016 – 2019" at the margin, is not their column)
        x_dates = Counter(round(c[0]) for c in dates).most_common(1)[0][0]
        if toward_gutter > 0:  # (on the far side of the gutter they are the dates' own column)
            kept = [c for c in text if not (abs(c[0] - x_dates) < 2 and heading_key(c[3]))]
            titled = bool(kept) and len(kept) < len(text)
            text = kept or text
            # only text beside the dates: a name or title above both columns ends where it ends
            top, bottom = min(c[2].top for c in dates), max(c[2].bottom for c in dates)
            text = [c for c in text if c[2].bottom >= top and c[2].top <= bottom] or text
    if not text:
        return False
    if toward_gutter > 0 and _date_margin(cells, side):
        return True
    edge = max(c[1] for c in text) if toward_gutter > 0 else min(c[0] for c in text)
    stray = [c for c, d in zip(side, is_date, strict=True)
             if d and (c[0] >= edge - 1 if toward_gutter > 0 else c[1] <= edge + 1)]
    if len(stray) < 3:
        return False
    a, b = min(c[0] for c in stray), max(c[1] for c in stray)
    own = {id(c) for c in side}
    return titled or any(id(c) not in own and not _DATEISH.search(c[3]) and min(c[1], b) - max(c[0], a) >= 0.5 * (b - a)
                         for c in cells)


def _date_margin(cells: list[tuple[float, float, Line, str]], left: list[tuple[float, float, Line, str]]) -> bool:
    """A left side whose part past its first clear cut is mostly dates, run over by text that starts
    with them or further left: a sidebar, then the main column's nested date column (a layout
    table's "SUMMARY" heading or a summary's last word may fall there too, above the dates)."""
    starts = sorted({c[0] for c in left})
    cut = next((x - 0.5 for x in starts if x > starts[0] + 1 and not any(c[0] < x - 0.5 < c[1] for c in left)), None)
    if cut is None:
        return False
    margin = [c for c in left if c[0] > cut]
    stray = [c for c in margin if _date_piece(c[3])]
    if len(stray) < 3 or len(stray) < 0.5 * len(margin):
        return False
    a, b = min(c[0] for c in stray), max(c[1] for c in stray)
    own = {id(c) for c in left if c not in margin} | {id(c) for c in stray}
    return any(id(c) not in own and c[0] <= a + 1 and not _DATEISH.search(c[3])
               and min(c[1], b) - max(c[0], a) >= 0.5 * (b - a) for c in cells)


def _date_piece(text: str) -> bool:
    """A date, or what a date wrapped in a narrow column leaves on a line of its own."""
    from htdy.parsers.extract.dates import date_piece

    t = text.strip()
    return (_DATEISH.search(t) is not None and len(t) < 30) or date_piece(t)


def _flush_right_margin(left: list[tuple[float, float, Line, str]], right: list[tuple[float, float, Line, str]]) -> bool:
    """Dates and places set flush right on the lines of the entries they belong to ("2017年5月 ~
    現在" beside the employer, "日本 神戸" beside the title): rows of one flow, not a second
    column; a sidebar has baselines and a left edge of its own."""
    ends = [round(c[1]) for c in right]
    flush = max(sum(1 for e in ends if abs(e - x) <= 2) for x in ends)
    if flush < 4 or flush < 0.6 * len(right):
        return False
    starts = [round(c[0]) for c in left]  # (the entries set flush left: not right-to-left text)
    if max(sum(1 for e in starts if abs(e - x) <= 2) for x in starts) < 0.5 * len(left):
        return False
    faced = sum(1 for c in right if any(_faces(c[2], o[2]) for o in left))
    return faced >= 0.8 * len(right)


def split_columns(lines: list[Line], gutter: float) -> tuple[list[Line], list[Line], list[Line]]:
    """Lines above the columns (crossing the gutter), left column, right column."""
    pre: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    # the columns start with the right column's first line: what lies above it (a name, a contact
    # row across the page) is read first, in its own order
    first_right = min((ln.top for ln in lines if any(s.x0 >= gutter - 1 for s in ln.spans)
                       and not any(s.x0 < gutter - 1 and s.x1 > gutter + 1 for s in ln.spans)), default=None)
    # a left span may end a little past the gutter, but not past where the right column starts
    right_start = min((s.x0 for ln in lines for s in ln.spans if s.x0 >= gutter - 1), default=gutter)
    edge = min(max(gutter + _OVERHANG, right_start - 0.5), gutter + 8)
    for ln in lines:
        crosses = any(s.x0 < gutter - 1 and right_edge(s) > edge for s in ln.spans)
        if first_right is not None and ln.bottom < first_right and not right:
            pre.append(ln)
            continue
        if crosses:
            (pre if not left and not right else right).append(ln)
            continue
        a, b = _split_line(ln, edge)
        if a is not None:
            left.append(a)
        if b is not None:
            right.append(b)
    return _header_band(pre, left, right)


def _header_band(pre: list[Line], left: list[Line], right: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """A contact block beside the name (Google-Docs-style) sits above both columns' first section
    headings: it is the page's header, read before the columns, not the top of the sidebar."""
    from htdy.parsers.extract.vocab import heading_key

    if any(heading_key(c) for ln in pre for c in ln.soft_cell_texts()):
        return pre, left, right  # the columns' headings are read already: what follows is theirs
    tops = [next((ln.top for ln in side if heading_key(ln.text)), None) for side in (left, right)]
    if tops[0] is None or tops[1] is None:
        return pre, left, right
    cut = min(tops[0], tops[1]) - 1  # type: ignore[type-var]
    above = [[ln for ln in side if ln.bottom <= cut] for side in (left, right)]
    if not any(above) or any(len(a) > _HEADER_LINES for a in above):
        return pre, left, right
    moved = {id(ln) for a in above for ln in a}
    # one side's block, then the other's (a name set on two lines stays whole)
    return ([*pre, *above[0], *above[1]], [ln for ln in left if id(ln) not in moved], [ln for ln in right if id(ln) not in moved])


def _faces(a: Line, b: Line) -> bool:
    """Two lines on one baseline (a label and the value printed beside it)."""
    tol = 0.2 * max(min(a.size, b.size), 1.0)
    return abs(a.bottom - b.bottom) <= tol or abs(a.top - b.top) <= tol


def label_column(left: list[Line], right: list[Line]) -> bool:
    """A left column of labels: section names, row labels, dates, each printed on the baseline of
    the content beside it (Europass, minimal designs with section titles in a margin). A sidebar
    has its own text flow; its lines rarely share the main column's baselines."""
    texts = [ln.text for ln in left if ln.text.strip()]
    if len(texts) < 3 or sum(len(t) for t in texts) >= sum(len(ln.text) for ln in right):
        return False
    if max(len(t) for t in texts) > 50 or sorted(len(t.split()) for t in texts)[len(texts) // 2] > 4:
        return False
    if not right or max(ln.x1 for ln in left) - min(ln.x0 for ln in left) > \
            0.6 * (max(ln.x1 for ln in right) - min(ln.x0 for ln in right)):
        return False  # labels are narrower than the text they name
    faced = sum(1 for ln in left if any(_faces(ln, r) for r in right))
    if faced < 3 or faced < 0.6 * len(texts):
        return False
    # what makes labels: set flush right against the content, or words that name things
    ends = sorted(round(ln.x1) for ln in left if ln.text.strip())
    flush_right = max(sum(1 for e in ends if abs(e - x) <= 2) for x in ends)
    if flush_right >= 0.6 * len(texts):
        return True
    from htdy.parsers.extract.row_labels import row_label
    from htdy.parsers.extract.vocab import heading_key

    named = sum(1 for t in texts if heading_key(t) or row_label(t) or _dates_or_duration(t))
    return named >= 0.6 * len(texts)


def margin_of_labels(left: list[Line], right: list[Line], least: int = 3) -> bool:
    """A left margin that holds nothing but section titles and dates, set beside their content
    but not on its baselines (centred on the entry, or on its second line): it is no sidebar with a
    text flow of its own; the page is read top to bottom across both. (A title wrapped over two
    lines counts once.)"""
    from htdy.parsers.extract.vocab import CJK_SPACE, heading_key

    texts = [CJK_SPACE.sub("", t) for t in joined_titles(left)]  # (CJK titles tracked letter by letter)
    if len(texts) < least or not right or any(len(t) > 40 or len(t.split()) > 5 for t in texts):
        return False
    if max(ln.x1 for ln in left) - min(ln.x0 for ln in left) > \
            0.6 * (max(ln.x1 for ln in right) - min(ln.x0 for ln in right)):
        return False
    return all(heading_key(t) or _dates_or_duration(t) for t in texts) and any(heading_key(t) for t in texts)


def joined_titles(lines: list[Line]) -> list[str]:
    """The texts of margin lines, a section title wrapped over two lines ("PROFESSIONAL" /
    "EXPERIENCE", "Parcours" / "professionnel") joined into one."""

    rows = sorted((ln for ln in lines if ln.text.strip()), key=lambda ln: (ln.page, ln.top))
    out: list[str] = []
    k = 0
    while k < len(rows):
        t = " ".join(rows[k].text.split())
        if k + 1 < len(rows):
            a, b = rows[k], rows[k + 1]
            both = f"{t} {' '.join(b.text.split())}"
            if a.page == b.page and -0.3 * a.size <= b.top - a.bottom < 0.6 * a.size and abs(a.size - b.size) < 0.5 \
                    and a.bold == b.bold \
                    and wraps_title(t, " ".join(b.text.split())):
                out.append(both)
                k += 2
                continue
        out.append(t)
        k += 1
    return out


def wraps_title(a: str, b: str) -> bool:
    """``b`` continues the title ``a`` wrapped onto a second line: together they name a section and
    ``a`` alone does not ("PROFESSIONAL" / "EXPERIENCE"), or ``b`` goes on in lower case
    ("Compétences" / "techniques") or in capitals like ``a``, or together they are a title word for
    word; not a title and the first item under it ("Skills" / "Frontend"). Callers check that both
    lines are set in one type, close together."""
    from htdy.parsers.extract.vocab import bare_heading, heading_key

    both = f"{a} {b}"
    if re.search(r"[\d@/.:]", both) or not heading_key(both) or (heading_key(a) and heading_key(b)):
        return False  # (an address or a date line is no part of a title)
    caps = a.isupper() and b.isupper() and sum(c.isalpha() for c in b) >= 5  # "CONOCIMIENTOS" / "TÉCNICOS"
    return not heading_key(a) or b[:1].islower() or caps or bare_heading(both) is not None


def lead_block(labels: list[Line]) -> tuple[list[Line], list[Line]]:
    """A margin's lines above its first section title (a photo's caption, contact lines beside the
    name) and the rest."""
    from htdy.parsers.extract.vocab import heading_key

    rows = sorted(labels, key=lambda ln: (ln.page, ln.top))
    for k, ln in enumerate(rows):
        if heading_key(ln.text) or (k + 1 < len(rows) and wraps_title(ln.text, rows[k + 1].text)):
            return rows[:k], rows[k:]
    return rows, []


def _dates_or_duration(text: str) -> bool:
    """A date range, or how long it lasted printed under it ("5 ans 7 mois", "2 yrs 3 mos")."""
    from htdy.parsers.extract.dates import CJK_DURATION, DURATION, date_only
    t = text.strip()
    return date_only(t) or bool(DURATION.fullmatch(t)) or bool(CJK_DURATION.fullmatch(t))


def pair_labels(left: list[Line], right: list[Line]) -> list[Line]:
    """Read a label column with its content, top to bottom: a label becomes the first cell of the
    line it faces ("Daty | 03.2019 – obecnie"), a label wrapped onto a second line joins its first
    line; a section title (wrapped or not) stays a line of its own, before the content beside it."""
    from htdy.parsers.extract.vocab import heading_key

    pool = sorted(right, key=lambda ln: (ln.top, ln.x0))
    used: set[int] = set()
    keyed: list[tuple[float, int, Line]] = []
    last: tuple[Line, Line, bool] | None = None  # (label's last line, the line holding it, is a title)
    for lab in sorted(left, key=lambda ln: (ln.top, ln.x0)):
        partner = next((r for r in pool if id(r) not in used and _faces(lab, r)), None)
        if partner is None and last is not None and -0.3 * lab.size <= lab.top - last[0].bottom < 0.8 * lab.size \
                and not heading_key(lab.text):
            prev, holder, _title = last  # the label's second line
            n = len(holder.spans) if _title else holder.cells.count(0)
            lab.spans[0].text = " " + lab.spans[0].text.lstrip()
            holder.spans[n:n] = lab.spans
            holder.cells[n:n] = [0] * len(lab.spans)
            last = (lab, holder, _title)
            continue
        title = bool(heading_key(lab.text))
        if partner is None or title:
            head = Line(spans=list(lab.spans), page=lab.page, cells=[0] * len(lab.spans), source=lab.source)
            keyed.append((lab.top, 0, head))
            if partner is not None:
                used.add(id(partner))
                keyed.append((lab.top, 1, partner))
            last = (lab, head, True)
            continue
        used.add(id(partner))
        rcells = [1 + c for c in (partner.cells or [0] * len(partner.spans))]
        merged = Line(spans=lab.spans + partner.spans, page=lab.page, cells=[0] * len(lab.spans) + rcells,
                      source=lab.source)
        keyed.append((lab.top, 0, merged))
        last = (lab, merged, False)
    keyed.extend((r.top, 1, r) for r in pool if id(r) not in used)
    keyed.sort(key=lambda k: (k[0], k[1], k[2].x0))
    return [k[2] for k in keyed]
