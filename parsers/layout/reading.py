"""Reading order: columns and sidebars, repeated page headers/footers.

A page is read in horizontal bands; inside a band, a vertical gutter that no text
cell crosses splits a left and a right column, read one after the other. Lines that
cross the gutter (a name banner, a full-width heading) separate the bands."""
from __future__ import annotations

import re

from htdy.parsers.layout.chars import strong_letters
from htdy.parsers.layout.columns import (
    SOFT_HYPHENS,
    find_gutter,
    label_column,
    lead_block,
    margin_of_labels,
    pair_labels,
    right_edge,
    split_columns,
    text_cells,
)
from htdy.parsers.layout.margins import centred_margin_titles, split_margin_headings
from htdy.parsers.layout.model import Layout, Line, Page, Span

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
        gutter = (find_gutter(page, lines) or _heading_gutter(lines)) if layout.has_geometry else None
        pages.append((page, lines, gutter))
    known = [g for _, _, g in pages if g is not None]
    # columns flow independently across pages (a sidebar continues on the next page):
    # a run of column pages reads all left parts, then all right parts
    left_run: list[Line] = []
    right_run: list[Line] = []
    third_run: list[Line] = []  # a third column beside the main one: read after it, on all pages

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
        if not continued:  # (the main column may run on over the next pages: the third waits)
            out.extend(third_run)
            third_run.clear()
        left_run.clear()
        right_run.clear()

    for _page, lines, gutter in pages:
        if not layout.has_geometry:
            out.extend(lines)
            continue
        if gutter is None and known:
            # a page of the same layout whose column holds little text: reuse the gutter
            g = max(set(known), key=known.count)
            cells = text_cells(lines)
            if cells and not any(c[0] < g - 1 < c[1] - 2 for c in cells) and \
                    any(c[1] <= g for c in cells) and any(c[0] >= g for c in cells):
                gutter = g
        if gutter is None:
            flush(continued=True)
            out.extend(centred_margin_titles(split_margin_headings(lines)))
            continue
        columns += 1
        pre, left, right = split_columns(lines, gutter)
        left = sum(_inner_columns(page, left), [])
        right, third = _inner_columns(page, right)
        if pre:
            flush()
            out.extend(pre)
        left, right = split_margin_headings(left), split_margin_headings(right)
        # the margin of labels sits on the side a line starts from: the right in Arabic or Hebrew
        labels, text = (right, left) if _right_to_left(lines) else (left, right)
        # a title and contact line set flush with the labels above the text are the page's head
        start = min((ln.top for ln in text), default=0.0)
        head = [ln for ln in labels if ln.bottom <= start]
        labels = [ln for ln in labels if ln.bottom > start]
        titled = False
        if not (label_column(labels, text) or margin_of_labels(labels, text)):
            # contact lines atop a margin of section titles (a coloured band holding both): read
            # them with the page's head, the titles beside their sections
            lead, rest = lead_block(labels)
            if lead and rest and margin_of_labels(rest, text, least=1):
                head, labels, titled = head + lead, rest, True
        if label_column(labels, text):
            flush()
            out.extend(head)
            out.extend(centred_margin_titles(pair_labels(labels, text), paired=True))
            out.extend(third)
            continue
        if titled or margin_of_labels(labels, text):
            flush()
            out.extend(head)
            # a title on the baseline of its first line, its top a little lower (smaller type), first
            keyed = [(ln.top - 0.25 * ln.size, ln) for ln in labels] + [(ln.top, ln) for ln in text]
            out.extend(centred_margin_titles([ln for _, ln in sorted(keyed, key=lambda k: (k[0], k[1].x0))]))
            out.extend(third)
            continue
        left_run.extend(left)
        right_run.extend(right)
        third_run.extend(third)
    flush()
    if columns:
        layout.warnings.append(f"two columns detected on {columns} page(s)")
    if repeated:
        layout.warnings.append(f"removed {len(repeated)} repeated page header/footer line(s)")
    return out


def _inner_columns(page: Page, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A column that holds two of its own (three-column designs: a sidebar, the main text and a
    third column of education and languages): the lines above and of the inner left column, and
    those of the inner right one; not when the inner pair is a margin of labels or dates beside
    their text (read row by row later)."""
    if len(lines) < 8:
        return lines, []
    lo, hi = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    g = find_gutter(page, lines, within=(lo, hi))
    if g is None:
        return lines, []
    pre, left, right = split_columns(lines, g)
    if not left or not right or label_column(left, right) or margin_of_labels(left, right):
        return lines, []
    return pre + left, right


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
_LETTER_HYPHEN = re.compile(r"[^\W\d_][-\u2010]$")


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
                    s.x1 = right_edge(s)
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

    cells = text_cells(lines)
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


def _right_to_left(lines: list[Line]) -> bool:
    """Most letters of the page are of a right-to-left script."""
    rtl, other = strong_letters("".join(ln.text for ln in lines))
    return rtl > other
