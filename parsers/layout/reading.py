"""Reading order: columns and sidebars, repeated page headers/footers.

A page is read in horizontal bands; inside a band, a vertical gutter that no text
cell crosses splits a left and a right column, read one after the other. Lines that
cross the gutter (a name banner, a full-width heading) separate the bands."""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from htdy.parsers.layout.model import Layout, Line, Page, Span

# a year or month/year; a year may run into a CJK unit ("2019年5月", no word boundary after it)
_DATEISH = re.compile(r"(?<![^\W\d_])(?<!\d)(19|20)\d{2}(?!\d)(?![^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])|\b\d{1,2}/\d{2,4}\b")
_HEADER_LINES = 6  # lines above two columns (name, title, contact rows) read before them
_SOFT_GAP = 0.5  # a gap between spans wider than this (in font sizes) may be a gutter
_PAGE_NO = re.compile(r"^(page|seite|página|pagina|strona|p\.?)?\s*\d+\s*(/|of|von|de|sur|z|di)\s*\d+$|^-?\s*\d+\s*-?$",
                      re.I)


def order(layout: Layout) -> list[Line]:
    """All lines of the document in reading order, headers/footers removed."""
    repeated = _repeated_margins(layout) if layout.has_geometry else set()
    if layout.has_geometry:
        for page in layout.pages:
            _mark_footer(page)
    out: list[Line] = []
    columns = 0
    pages = []
    for page in layout.pages:
        lines = [ln for ln in page.lines if id(ln) not in repeated]
        lines = _join_soft_hyphens(lines)
        gutter = (_find_gutter(page, lines) or _heading_gutter(lines)) if layout.has_geometry else None
        pages.append((page, lines, gutter))
    known = [g for _, _, g in pages if g is not None]
    # columns flow independently across pages (a sidebar continues on the next page):
    # a run of column pages reads all left parts, then all right parts
    left_run: list[Line] = []
    right_run: list[Line] = []

    def flush(continued: bool = False) -> None:
        # a page without columns after column pages continues the main column (the one with more
        # text), not the sidebar: read the sidebar first so the main column runs on into that page
        main_left = sum(len(ln.text) for ln in left_run) > 2 * sum(len(ln.text) for ln in right_run)
        if continued and main_left:
            out.extend(right_run)
            out.extend(left_run)
        else:
            out.extend(left_run)
            out.extend(right_run)
        left_run.clear()
        right_run.clear()

    for _page, lines, gutter in pages:
        if not layout.has_geometry:
            out.extend(lines)
            continue
        if gutter is None and known:
            # a page of the same layout whose column holds little text: reuse the gutter
            g = max(set(known), key=known.count)
            cells = _cells(lines)
            if cells and not any(c[0] < g - 1 < c[1] - 2 for c in cells) and \
                    any(c[1] <= g for c in cells) and any(c[0] >= g for c in cells):
                gutter = g
        if gutter is None:
            flush(continued=True)
            out.extend(_centred_margin_titles(_split_margin_headings(lines)))
            continue
        columns += 1
        pre, left, right = _split_columns(lines, gutter)
        if pre:
            flush()
            out.extend(pre)
        left, right = _split_margin_headings(left), _split_margin_headings(right)
        if _label_column(left, right):
            flush()
            out.extend(_centred_margin_titles(_pair_labels(left, right)))
            continue
        if _margin_of_labels(left, right):
            flush()
            out.extend(_centred_margin_titles(sorted(left + right, key=lambda ln: (ln.top, ln.x0))))
            continue
        left_run.extend(left)
        right_run.extend(right)
    flush()
    if columns:
        layout.warnings.append(f"two columns detected on {columns} page(s)")
    if repeated:
        layout.warnings.append(f"removed {len(repeated)} repeated page header/footer line(s)")
    return out


def _mark_footer(page: Page) -> None:
    """A page footer, even on a one-page document: a short block at the foot of the page, set
    apart from the text above by a margin-sized gap, in smaller type than the body or holding
    contact data or a copyright ("© European Union | europass…", "Name – Lebenslauf", moderncv's
    contact footer). Its lines become
    ``source="footer"`` (contacts are still read from them; sections are not)."""
    lines = sorted((ln for ln in page.lines if ln.text.strip()), key=lambda ln: ln.top)
    h = page.height or 842
    if len(lines) < 6:
        return
    sizes = sorted(ln.size for ln in lines)
    body = sizes[len(sizes) // 2]
    block = [lines[-1]]
    for ln in reversed(lines[:-1]):
        if block[-1].top - ln.bottom < 0.8 * max(ln.size, 1.0) and len(block) < 4:
            block.append(ln)
        else:
            break
    above = lines[-len(block) - 1] if len(lines) > len(block) else None
    if above is None or min(ln.top for ln in block) < 0.88 * h or any(ln.size > body + 0.6 for ln in block):
        return
    if block[-1].top - above.bottom < 1.8 * max(block[-1].size, 1.0):
        return
    small = all(ln.size < body - 0.5 for ln in block)
    if not small and not any(re.search(r"[@©]", ln.text) or sum(c.isdigit() for c in ln.text) >= 9
                             and re.search(r"\d[\d ()/.-]{7,}\d", ln.text) for ln in block):
        return  # body type without contact data or a copyright: the page's last entry, not a footer
    for ln in block:
        ln.source = "footer"


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def _repeated_margins(layout: Layout) -> set[int]:
    drop: set[int] = set()
    seen: dict[tuple[str, bool], list[Line]] = {}
    for page in layout.pages:
        h = page.height or 842
        for ln in page.lines:
            if ln.top > 0.1 * h and ln.bottom < 0.92 * h:
                continue
            t = ln.text.strip()
            if _PAGE_NO.match(t):
                drop.add(id(ln))
                continue
            seen.setdefault((_norm(t), ln.top <= 0.1 * h), []).append(ln)
    for lines in seen.values():
        first = lines[0]
        # the same line in the same place, its numbers aside ("Page 2 of 3"): not an entry that
        # happens to open page 2 and page 3 ("MSc Topic 18  1968 – 1970"; years differ)
        same = [ln for ln in lines if ln is first or (ln.page != first.page and _same_place(first, ln)
                                                       and _page_numbers_only(first.text, ln.text))]
        if len({ln.page for ln in same}) >= 2:
            # a running header on the first page too (a name and contact row in a Word header)
            # is read once, where it first stands; repeated footers go
            keep = first.page == 0 and first.top <= 0.1 * (layout.pages[0].height or 842)
            drop.update(id(ln) for ln in same if not (keep and ln is first))
    return drop


def _same_place(a: Line, b: Line) -> bool:
    tol = max(4.0, 0.6 * max(a.size, 1.0))
    return abs(a.top - b.top) <= tol and (abs(a.x0 - b.x0) <= tol or abs(a.x1 - b.x1) <= tol
                                          or abs((a.x0 + a.x1) - (b.x0 + b.x1)) <= 2 * tol)


def _page_numbers_only(a: str, b: str) -> bool:
    """Where two margin lines differ only in their numbers, the numbers are short (page numbers)."""
    na, nb = re.findall(r"\d+", a), re.findall(r"\d+", b)
    return all(x == y or (len(x) <= 3 and len(y) <= 3) for x, y in zip(na, nb, strict=False))


# how far a span may reach over the gutter and still count as left of it (the gutter is placed
# where fewest blocks cross, which can be a point or two inside the sidebar's longest line)
_OVERHANG = 3.0


def _right_edge(s: Span) -> float:
    """Where a span's text ends: a line-end hyphen mark may hang into the gutter."""
    return s.x1 - 0.6 * max(s.size, 1.0) if s.text.endswith(SOFT_HYPHENS) else s.x1


def _split_line(ln: Line, edge: float) -> tuple[Line | None, Line | None]:
    left_idx = [i for i, s in enumerate(ln.spans) if _right_edge(s) <= edge]
    right_idx = [i for i, s in enumerate(ln.spans) if _right_edge(s) > edge]

    def sub(idx: list[int]) -> Line | None:
        if not idx:
            return None
        spans = [ln.spans[i] for i in idx]
        cells = [ln.cells[i] for i in idx] if ln.cells else []
        if spans and spans[0].text != spans[0].text.lstrip():  # a copy: the line may be read whole
            spans[0] = dataclasses.replace(spans[0], text=spans[0].text.lstrip())
        return Line(spans=spans, page=ln.page, cells=cells, source=ln.source)

    return sub(left_idx), sub(right_idx)


def _cells(lines: list[Line]) -> list[tuple[float, float, Line, str]]:
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


def _find_gutter(page: Page, lines: list[Line]) -> float | None:
    """The x of a gutter between two columns, or None. Cells split at wide gaps first; failing
    that, at any gap over half an em with the lines above the columns set aside, taken only when
    each side holds a section heading of its own (two columns set close together, Deedy-style;
    a grid of skills or a margin of labels beside one text flow is no such pair)."""
    g = _gutter(page, _cells(lines), skip_above=False)
    if g is None:
        g = _gutter(page, _soft_cells(lines), skip_above=True)
        if g is not None and not _headed_columns(lines, g):
            g = None
    return g


def _headed_columns(lines: list[Line], gutter: float) -> bool:
    from htdy.parsers.extract.vocab import heading_key

    _, left, right = _split_columns(lines, gutter)
    return all(any(heading_key(ln.text) for ln in side) for side in (left, right))


def _gutter(page: Page, cells: list[tuple[float, float, Line, str]], skip_above: bool) -> float | None:
    if len(cells) < 8:
        return None
    x0 = np.floor([c[0] for c in cells])
    x1 = np.floor([c[1] for c in cells])
    top = np.array([c[2].top for c in cells])
    xs = np.arange(int(page.width * 0.15), int(page.width * 0.85), dtype=float)
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
            if score > 0 and (best is None or score > best[0]):
                best = (score, g)
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
    entries across the gutter, which belongs with them."""
    is_date = [_DATEISH.search(c[3]) is not None and len(c[3]) < 30 for c in side]
    text = [c for c, d in zip(side, is_date, strict=True) if not d]
    if not text:
        return False
    edge = max(c[1] for c in text) if toward_gutter > 0 else min(c[0] for c in text)
    stray = [c for c, d in zip(side, is_date, strict=True)
             if d and (c[0] >= edge - 1 if toward_gutter > 0 else c[1] <= edge + 1)]
    if len(stray) < 3:
        return False
    a, b = min(c[0] for c in stray), max(c[1] for c in stray)
    own = {id(c) for c in side}
    return any(id(c) not in own and not _DATEISH.search(c[3]) and min(c[1], b) - max(c[0], a) >= 0.5 * (b - a)
               for c in cells)


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


def _split_columns(lines: list[Line], gutter: float) -> tuple[list[Line], list[Line], list[Line]]:
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
        crosses = any(s.x0 < gutter - 1 and _right_edge(s) > edge for s in ln.spans)
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


def _label_column(left: list[Line], right: list[Line]) -> bool:
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


def _margin_of_labels(left: list[Line], right: list[Line]) -> bool:
    """A left margin that holds nothing but section titles and dates, set beside their content
    but not on its baselines (centred on the entry, or on its second line): it is no sidebar with a
    text flow of its own; the page is read top to bottom across both."""
    from htdy.parsers.extract.vocab import heading_key

    texts = [" ".join(ln.text.split()) for ln in left if ln.text.strip()]
    if len(texts) < 3 or not right or any(len(t) > 40 or len(t.split()) > 5 for t in texts):
        return False
    if max(ln.x1 for ln in left) - min(ln.x0 for ln in left) > \
            0.6 * (max(ln.x1 for ln in right) - min(ln.x0 for ln in right)):
        return False
    return all(heading_key(t) or _dates_or_duration(t) for t in texts) and any(heading_key(t) for t in texts)


def _dates_or_duration(text: str) -> bool:
    """A date range, or how long it lasted printed under it ("5 ans 7 mois", "2 yrs 3 mos")."""
    from htdy.parsers.extract.dates import CJK_DURATION, DURATION, date_only
    t = text.strip()
    return date_only(t) or bool(DURATION.fullmatch(t)) or bool(CJK_DURATION.fullmatch(t))


def _pair_labels(left: list[Line], right: list[Line]) -> list[Line]:
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


def _split_margin_headings(lines: list[Line]) -> list[Line]:
    """Themes that print section titles in a left margin put the title on the same
    baseline as the first entry: split such a line where the text margin starts."""
    margins: dict[int, int] = {}
    for ln in lines:
        margins[round(ln.x0)] = margins.get(round(ln.x0), 0) + 1
    if not margins:
        return lines
    frequent = sorted(x for x, n in margins.items() if n >= 3)
    if not frequent:
        return lines
    out: list[Line] = []
    for ln in lines:
        margin = next((m for m in frequent if m > ln.x0 + 15), None)
        if margin is not None and len(ln.spans) > 1:
            k = next((i for i, s in enumerate(ln.spans) if i > 0 and margin - 8 <= s.x0 <= margin + 3), None)
            head = ln.spans[:k] if k else []
            head_text = "".join(s.text for s in head)
            if k and len(head_text.split()) <= 4 and re.search(r"[^\W\d_]{2}", head_text) \
                    and (ln.spans[k].x0 - ln.spans[k - 1].x1 >= 0.6 * ln.spans[k].size or _names_section(head_text)):
                # (a long title may run up to the text margin: "BERUFSERFAHRUNG" touching the entry)
                cells = ln.cells or [0] * len(ln.spans)
                first = Line(spans=head, page=ln.page, cells=cells[:k], source=ln.source)
                rest = ln.spans[k:]
                rest[0].text = rest[0].text.lstrip()
                second = Line(spans=rest, page=ln.page, cells=cells[k:], source=ln.source)
                if second.top < first.top - 0.15 * second.size and not _names_section(first.text):
                    # a date or label set a little lower than the title it faces ("Senior UI Engineer
                    # at Droit" / "2023-10-30 to 2024-08-16"): read as printed, title first, like the
                    # entries whose dates sit on a line of their own below the title
                    first, second = second, first
                out.extend((first, second))
                continue
        out.append(ln)
    return out


SOFT_HYPHENS = ("\ufffe", "\u00ad", "\x02")
_LETTER_HYPHEN = re.compile(r"[^\W\d_][-\u2010]$")


def _centred_margin_titles(lines: list[Line]) -> list[Line]:
    """Section titles in a left margin set vertically centred beside their content (a table row
    whose label cell is ``vertical-align: middle``): the title's line lies inside a block of content
    lines that began above it. Read the title before the block; when several titles fall inside one
    block, the first takes it and the others follow it (their own content is empty)."""
    margins: dict[int, int] = {}
    for ln in lines:
        margins[round(ln.x0)] = margins.get(round(ln.x0), 0) + 1
    frequent = sorted(x for x, n in margins.items() if n >= 3)
    if len(frequent) < 2:
        return lines
    titles = [ln for ln in lines if _names_section(ln.text) and len(ln.spans) >= 1
              and any(m > ln.x1 + 5 for m in frequent) and ln.x0 <= frequent[0] + 3]
    if not titles:
        return lines
    content_x = min((m for m in frequent if m > max(t.x1 for t in titles) + 5), default=None)
    if content_x is None:
        return lines
    right = [ln for ln in lines if ln.x0 >= content_x - 15]
    # blocks of content lines: a gap wider than a line's height ends a block
    blocks: list[list[Line]] = []
    for ln in sorted(right, key=lambda x: (x.page, x.top)):
        b = blocks[-1] if blocks else None
        if b and b[-1].page == ln.page and ln.top - b[-1].bottom < max(ln.size, 1.0):
            b.append(ln)
        else:
            blocks.append([ln])
    before: dict[int, list[Line]] = {}
    after: dict[int, list[Line]] = {}
    moved: set[int] = set()
    placed: list[tuple[Line, list[Line], bool]] = []
    for t in titles:
        mid = (t.top + t.bottom) / 2
        blk = next((b for b in blocks if b[0].page == t.page and b[0].top + 0.5 * t.size < t.top
                    and mid < b[-1].bottom and len(b) >= 2), None)
        if blk is not None:
            on_baseline = any(abs(ln.bottom - t.bottom) < 0.3 * t.size for ln in blk)
            placed.append((t, blk, on_baseline))
    # Titles each on the baseline of a content line, several in one continuous block, are titles set
    # beside the first line of their section (a gutter-headings template), not centred: leave them.
    # Such a title faces the first line of a paragraph (set apart by a wider gap than the block's
    # usual line gap, unless all lines are set evenly); a centred title lands on any line, also a wrapped one ("General: …, Linear," /
    # "Visual Studio Code, Figma"): one title facing a line inside a paragraph marks the block centred.
    def starts_paragraph(t: Line, blk: list[Line]) -> bool:
        k = next((k for k, ln in enumerate(blk) if abs(ln.bottom - t.bottom) < 0.3 * t.size), None)
        if k is None or k == 0:
            return k == 0
        gaps = sorted(b.top - a.bottom for a, b in zip(blk, blk[1:], strict=False))
        if gaps[-1] - gaps[0] < 0.2 * t.size:
            return True  # evenly set lines: no paragraphs to tell by
        return blk[k].top - blk[k - 1].bottom > gaps[len(gaps) // 4] + 0.2 * t.size

    def spread(blk: list[Line]) -> bool:
        return all(starts_paragraph(t, b) for t, b, o in placed if b is blk and o)

    inline = {id(t) for t, blk, on in placed if on and spread(blk)
              and sum(1 for _, b, o in placed if b is blk and o) >= 2}
    for t, blk, _ in placed:
        if id(t) in inline:
            continue
        moved.add(id(t))
        if id(blk[0]) in before:
            after.setdefault(id(blk[-1]), []).append(t)
        else:
            before[id(blk[0])] = [t]
    if not moved:
        return lines
    out: list[Line] = []
    for ln in lines:
        if id(ln) in moved:
            continue
        out.extend(before.get(id(ln), []))
        out.append(ln)
        out.extend(after.get(id(ln), []))
    return out


_JOINER_END = re.compile(r"\s(?:of|in|and|for|und|für|de|des|en|et|in der|im)$")


def _join_cell_word(s: Span, nxt_lines: list[Line], cell_x0: float) -> None:
    """A narrow cell rebuilt from soft-hyphenated pieces that ends on a joiner ("Bachelor of") goes on
    in the piece at the cell's x on the next line that holds only that piece ("Science")."""
    for nxt in nxt_lines:
        if len(nxt.spans) == 1 and abs(nxt.spans[0].x0 - cell_x0) < 3 and len(nxt.text.split()) <= 2:
            s.text = s.text.rstrip() + " " + nxt.spans[0].text.strip()
            nxt.spans.pop()
            if nxt.cells:
                nxt.cells.pop()
            return


def _names_section(text: str) -> bool:
    from htdy.parsers.extract.vocab import heading_key

    return heading_key(text) is not None


def _join_soft_hyphens(lines: list[Line]) -> list[Line]:
    """A word hyphenated inside a narrow cell ("Bach-" / "elor") continues in a span
    at the cell's x on the next line: join it and drop it from that line."""
    for i, ln in enumerate(lines):
        cells = ln.cells or [0] * len(ln.spans)
        for j, s in enumerate(ln.spans):
            # pdfminer keeps a soft hyphen's glyph as "-": a letter + "-" ending a narrow cell
            real = not s.text.endswith(SOFT_HYPHENS)
            if real and not (s.text.endswith(("-", "\u2010")) and _LETTER_HYPHEN.search(s.text[-2:]) and (
                    j == len(ln.spans) - 1 or ln.spans[j + 1].x0 - s.x1 > 0.4 * max(s.size, 1.0))):
                continue
            last_in_cell = j == len(ln.spans) - 1 or cells[j + 1] != cells[j]
            # a right-aligned piece set apart by a gap ("Title, Team    City, Bosnia and Herze-")
            apart = j > 0 and s.x0 - ln.spans[j - 1].x1 > 0.6 * max(s.size, 1.0) and j == len(ln.spans) - 1
            if last_in_cell and len(set(cells)) <= 1 and not apart:
                continue  # an ordinary paragraph line: joined below
            cell_x0 = s.x0 if apart else min(t.x0 for t, c in zip(ln.spans, cells, strict=True) if c == cells[j])
            m, limit = i, i + 3
            while m + 1 < min(limit, len(lines)):
                m += 1
                nxt = lines[m]
                k = next((k for k, t in enumerate(nxt.spans) if abs(t.x0 - s.x0) < 3 or abs(t.x0 - cell_x0) < 3),
                         None)
                if k is None and (apart or j == len(ln.spans) - 1) and len(nxt.spans) > 1:
                    # right-aligned: the continuation ends where the hyphenated piece ends
                    t = nxt.spans[-1]
                    if abs(t.x1 - s.x1) < 3 and t.x0 > s.x0 - 3 and nxt.spans[-2].x1 < t.x0 - 0.6 * t.size:
                        k = len(nxt.spans) - 1
                if k is None or (real and not nxt.spans[k].text.strip()[:1].islower()):
                    continue  # a real hyphen only joins a word that goes on in lower case ("Bach-" / "elor")
                t = nxt.spans.pop(k)
                if nxt.cells:
                    nxt.cells.pop(k)
                if j < len(ln.spans) - 1:  # text follows: the mark's box may hang into a gutter
                    s.x1 = _right_edge(s)
                s.text = _hyphen_join(s.text, t.text.strip())
                if _JOINER_END.search(s.text):
                    _join_cell_word(s, lines[m + 1:m + 3], cell_x0)  # "Bachelor of" / "Science"
                if not s.text.endswith(SOFT_HYPHENS):
                    break
                limit = m + 3  # hyphenated again on the next line ("Ba-" / "che-" / "lor of"): go on
    out: list[Line] = []
    for ln in lines:
        if not ln.spans:
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.spans[-1].text.endswith(SOFT_HYPHENS) and len(set(prev.cells)) <= 1 \
                and len(set(ln.cells)) <= 1 and abs(ln.x0 - prev.x0) < 30 and 0 <= ln.top - prev.bottom < 2 * ln.size:
            last = prev.spans[-1]
            first = ln.spans[0].text.lstrip()
            last.text = _hyphen_join(last.text, "")
            if not first[:1].islower():
                last.text += "-" if not last.text.endswith(" ") else "- "
            ln.spans[0].text = first
            prev.spans.extend(ln.spans)
            prev.cells = [0] * len(prev.spans)
            continue
        out.append(ln)
    return out


def _heading_gutter(lines: list[Line]) -> float | None:
    """Two section headings side by side ("About" | "Experience") mark a gutter even
    when one column holds little else on the page."""
    from htdy.parsers.extract.vocab import heading_key

    cells = _cells(lines)
    for ln in lines:
        groups = ln.cell_spans()
        texts = ln.cell_texts()
        if len(groups) < 2 or sum(1 for t in texts if heading_key(t)) < 2:
            continue
        g = min(s.x0 for s in groups[1]) - 2
        if not any(c[0] < g - 1 < c[1] - 2 for c in cells):
            return g
    return None


def _hyphen_join(text: str, cont: str) -> str:
    """Join ``text`` (ending with a line-end hyphen marker) and its continuation."""
    base = text[:-1]
    if not cont:
        return base
    if base.endswith(" "):  # "Technologies -" / "Media Lab": a real dash
        return base + "- " + cont
    return base + ("" if cont[:1].islower() else "-") + cont
