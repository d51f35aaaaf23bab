"""Section titles in a margin beside their sections: split from the line they share with the text,
moved before the block of text they face (centred, wrapped over two lines, right-aligned in a band).
Used by ``reading.order``."""
from __future__ import annotations

import re

from htdy.parsers.layout.columns import wraps_title
from htdy.parsers.layout.model import Line, Span


def split_margin_headings(lines: list[Line]) -> list[Line]:
    """Themes that print section titles in a left margin put the title on the same
    baseline as the first entry: split such a line where the text margin starts."""
    from htdy.parsers.extract.vocab import CJK_SPACE

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
        # the text margin: the first frequent one a span of the line starts at (a date column may
        # lie between a title's margin and the text: "Parcours" | "08/2020" | "Employer")
        text_margins = [m for m in frequent if m > ln.x0 + 15]
        margin = text_margins[0] if text_margins else None
        if margin is not None and len(ln.spans) > 1:
            k = next((i for i, s in enumerate(ln.spans)
                      if i > 0 and any(m - 8 <= s.x0 <= m + 3 for m in text_margins)), None)
            while k and k > 1 and _glued(ln.spans[k - 1], ln.spans[k]):
                k -= 1  # the start of the word the margin falls in ("(" "주" ")" of "(주) 겨레금고")
            head = ln.spans[:k] if k else []
            head_text = "".join(s.text for s in head)
            if k and len(head_text.split()) <= 4 and re.search(r"[^\W\d_]{2}", CJK_SPACE.sub("", head_text)) \
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


def _glued(a: Span, b: Span) -> bool:
    """Two pieces of one word in one type (glyphs from a fallback font split a word into spans)."""
    return abs(a.size - b.size) < 0.2 and a.bold == b.bold and b.x0 - a.x1 < 0.3 * b.size \
        and not b.text.startswith(" ")


def centred_margin_titles(lines: list[Line], paired: bool = False) -> list[Line]:
    """Section titles in a left margin set vertically centred beside their content (a table row
    whose label cell is ``vertical-align: middle``): the title's line lies inside a block of content
    lines that began above it. Read the title before the block; when several titles fall inside one
    block, the first takes it and the others follow it (their own content is empty). ``paired``: the
    labels of a label column already stand with their rows; only titles at the margin's left edge
    that lie inside a block move."""
    margins: dict[int, int] = {}
    for ln in lines:
        margins[round(ln.x0)] = margins.get(round(ln.x0), 0) + 1
    frequent = sorted(x for x, n in margins.items() if n >= 3)
    if len(frequent) < 2:
        return lines
    titles, second = _margin_titles(lines, frequent)
    if not titles:
        return lines
    content_x = min((m for m in frequent if m > max(t.x1 for t in titles) + 5), default=None)
    if content_x is None:
        return lines
    # a title in the margin: at its left edge, or set flush against the text in a margin that
    # holds nothing else below its first title (right-aligned titles; not a label column's rows)
    near = [t for t in titles if t.x0 > frequent[0] + 3 and content_x - t.x1 < 3 * t.size]
    parts = {id(t) for t in titles} | {id(x) for x in second.values()}
    first = min((t.top for t in near), default=0.0)
    if paired or any(max(x.x1 for x in ln.cell_spans()[0]) < content_x - 5 and ln.top >= first
                     and id(ln) not in parts for ln in lines if ln.spans):
        near = []  # (a line that starts in the margin: a row label, set beside its value or not)
    titles = [t for t in titles if t.x0 <= frequent[0] + 3 or any(t is n for n in near)]
    right = [ln for ln in lines if ln.x0 >= content_x - 15]
    # blocks of content lines: a gap wider than a line's height ends a block
    blocks: list[list[Line]] = []
    for ln in sorted(right, key=lambda x: (x.page, x.top)):
        b = blocks[-1] if blocks else None
        # (a much larger line, a name over the first section, starts no block with the text below it)
        if b and b[-1].page == ln.page and ln.top - b[-1].bottom < max(ln.size, 1.0) \
                and b[-1].size < 1.6 * max(ln.size, 1.0):
            b.append(ln)
        else:
            blocks.append([ln])
    before: dict[int, list[Line]] = {}
    after: dict[int, list[Line]] = {}
    moved: set[int] = set()
    placed: list[tuple[Line, list[Line], bool]] = []
    for t in titles:
        mid = (t.top + t.bottom) / 2
        edge = t.x0 <= frequent[0] + 3  # (a title flush against the text moves only beside a first line)
        blk = next((b for b in blocks if edge and b[0].page == t.page and b[0].top + 0.5 * t.size < t.top
                    and mid < b[-1].bottom and len(b) >= 2), None)
        if blk is None and not paired:  # a title that starts a little below its section's first line
            blk = next((b for b in blocks if b[0].page == t.page and b[0].top < t.top < b[0].bottom), None)
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
        group = [t] + ([second[id(t)]] if id(t) in second else [])
        moved.update(id(x) for x in group)
        if id(blk[0]) in before:
            after.setdefault(id(blk[-1]), []).extend(group)
        else:
            before[id(blk[0])] = group
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


def _margin_titles(lines: list[Line], frequent: list[int]) -> tuple[list[Line], dict[int, Line]]:
    """Section titles left of a text margin, and the second lines of titles wrapped there
    ("Parcours" / "professionnel"): by id of the title's first line."""

    def marginal(ln: Line) -> bool:
        return len(ln.spans) >= 1 and any(m > ln.x1 + 5 for m in frequent)

    titles: list[Line] = []
    second: dict[int, Line] = {}
    cands = [ln for ln in lines if marginal(ln)]
    taken: set[int] = set()
    for k, ln in enumerate(cands):
        if id(ln) in taken:
            continue
        nxt = next((b for b in cands[k + 1:] if b.page == ln.page and b.top > ln.top), None)
        if nxt is not None and abs(nxt.size - ln.size) < 0.5 and nxt.bold == ln.bold \
                and -0.3 * ln.size <= nxt.top - ln.bottom < 0.6 * ln.size \
                and len(f"{ln.text} {nxt.text}".split()) <= 4 and wraps_title(ln.text, nxt.text):
            titles.append(ln)
            second[id(ln)] = nxt
            taken.add(id(nxt))
        elif _names_section(ln.text):
            titles.append(ln)
    return titles, second


def _names_section(text: str) -> bool:
    from htdy.parsers.extract.vocab import heading_key

    return heading_key(text) is not None
