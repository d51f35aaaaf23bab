"""Entries of a section: split by dates, typography and layout; wrapped header lines joined;
the shared line tests (bullets, clean text, body type size). Sections: ``sections``."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from htdy.parsers.extract.dates import cut_range, date_goes_on, date_only, date_piece, find_range, is_present
from htdy.parsers.extract.degrees import names_degree
from htdy.parsers.extract.vocab import (
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    fold,
    has_word,
)
from htdy.parsers.layout.chars import is_cjk
from htdy.parsers.layout.model import Line, Span

# list marks a CV sets before its items: typographic ones, arrows and check marks, and the
# private-use codes Word's Symbol/Wingdings bullets extract as
BULLET_CHARS = "•·▪◦‣►■□●○◆▸➢✓✔*—–-→➤➔➜❖»›❯◇◾⁃∙⦁✦★☐✗✘⇒\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06c\uf0a8\uf0e0"
BULLET = re.compile(rf"^\s*[{re.escape(BULLET_CHARS)}]\s*")
PUA = re.compile(r"[\ue000-\uf8ff\ufffd]")


_LEGAL_SET = frozenset(LEGAL_FORMS) | frozenset(f.rstrip(".") for f in LEGAL_FORMS)


def clean(text: str) -> str:
    return " ".join(PUA.sub(" ", text).split())


def body_size(lines: list[Line]) -> float:
    c: Counter[float] = Counter()
    for ln in lines:
        c[round(ln.size, 1)] += len(ln.text)
    return c.most_common(1)[0][0] if c else 10.0


@dataclass
class Entry:
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    right: float = 0.0  # right edge of the section's column

    @property
    def lines(self) -> list[Line]:
        return self.header + self.body


def is_bullet(ln: Line) -> bool:
    return bool(BULLET.match(ln.text))


def _date_line(ln: Line, bullets_are_layout: bool = False) -> bool:
    """A line that dates an entry (not a sentence that mentions a year)."""
    t = clean(ln.text)
    cells = ln.soft_cell_texts()
    if len(cells) > 1 and (date_only(clean(cells[-1])) or date_only(clean(cells[0]))):
        return True  # dates in their own cell (right-hand, or a date column), even beside a bullet
    if is_bullet(ln):
        if not bullets_are_layout and not date_only(BULLET.sub("", t)):
            return False
        t = BULLET.sub("", t)
    r = find_range(t)
    if r is None:
        return False
    fields = re.split(r"\s+[|•·]\s+", t)  # "Degree | School | 2009", "Degree | 2009 | School": dates in a field
    if any(date_only(clean(c)) for c in ln.cell_texts()) or (len(fields) > 1 and any(date_only(f) for f in fields)):
        return True
    if r.begin == 0 and len(t) <= 160 and (r.current or r.end) and re.match(r"\s*[:|–—-]\s", t[r.stop:]):
        return True  # "2012 - 2013: Máster en Finanzas. IE Business School.": dates, a colon, the entry
    if _sentence_end(t) and len(t) > 40:
        return False
    at_end = not t[r.stop:].strip(" )]）】")  # "Title, Employer, City (desde julho de 2021)"
    after = t[r.stop:].strip(" ,:;–—-")
    if re.match(r"(?i)\W*(since|seit|depuis|desde|dal|sinds|od|from|ab)\b", t[r.begin:r.stop]) and len(t) > 40 \
            and not at_end and (_sentence_end(t) or after[:1].islower()):
        return False  # "Since 2004 the company has been…": a sentence, not an entry's dates
    is_range = r.current or (r.end is not None and r.end != r.start) or len(r.start or "") == 7
    if not is_range and t.endswith(".") and not date_only(t):
        return False  # "… was acquired by X in 2009."
    if is_range and (r.begin == 0 or (at_end and t[r.begin - 1:r.begin] in ("(", " ", ","))) and len(t) <= 160 \
            and not _sentence_end(t):
        return True  # a line that starts or ends with its range: "04/2016–09/2019 Title, Employer, City"
    return (is_range and len(t) <= 80) or len(t) <= 40


# a company's legal form or an abbreviation ending a line: "S.A.", "S.Coop.", "Inc.", "Co.", "Ltd."
_ABBREV_END = re.compile(r"(?:^|\s)(?:(?:[^\W\d_]{1,6}\.){2,4}|(?i:inc|co|ltd|corp|pty|bros|cie|ltda|lda|sdn|bhd|pvt|"
                         r"plc|llc|gmbh|kg|ag|srl|spa|bv|nv|oy|kft|sro|sas|sarl|cia)\.)$")


def degree_and_school(ln: Line) -> bool:
    """"MBA – Hemşirelik, Orta Doğu Teknik Üniversitesi": a degree and its school on one line."""
    t = BULLET.sub("", clean(ln.text))
    return len(t) < 120 and names_degree(t) and has_word(t, INSTITUTION_WORDS)


def _whole_degree(ln: Line) -> bool:
    """A degree and its school set apart by a comma, a pipe or a cell: an education entry of its own."""
    return degree_and_school(ln) and ("," in ln.text or " | " in ln.text or len(ln.cell_spans()) > 1)


def _sentence_end(t: str) -> bool:
    """The line ends a sentence: a full stop or semicolon that is not an abbreviation's."""
    return t.endswith(";") or (t.endswith(".") and not _ABBREV_END.search(t))


def _last_cell(ln: Line) -> tuple[float, float, bool, bool, float]:
    g = ln.cell_spans(0.8)[-1]  # the gap pieces() splits fields at
    chars = sum(len(s.text) for s in g) or 1
    bold = sum(len(s.text) for s in g if s.bold) >= 0.6 * chars
    italic = sum(len(s.text) for s in g if s.italic) >= 0.6 * chars
    return min(s.x0 for s in g), max(s.x1 for s in g), bold, italic, max(s.size for s in g)


def legal_form_first(text: str) -> bool:
    """The text opens with a company's legal form ("S.A., Brasília", "GmbH, Berlin", "Ltd"): the
    end of a firm's name wrapped from the line above, not a line of its own."""
    m = re.match(r"^(\S+(?:\s(?:z\s)?o\.o\.)?)(?=[,;)]|\s|$)", text)
    if not m:
        return False
    form = fold(m.group(1)).rstrip(",")
    # a plain word ("Spa", "AB") only with nothing or a comma after it; dotted forms anywhere
    return (form in _LEGAL_SET or form.rstrip(".") in _LEGAL_SET) and (
        "." in form or re.match(r"^\S+(?:[,;)]|$)", text) is not None)


def continues(prev: Line, ln: Line, right: float) -> bool:
    """``ln`` is the wrapped continuation of ``prev``'s last cell (same margin, the
    cell runs to the right edge, no bullet)."""
    if prev.page != ln.page or is_bullet(ln) or len(ln.cell_texts()) != 1:
        return False
    x0, x1, _bold, _italic, size = _last_cell(prev)
    if abs(x0 - ln.x0) >= 2 and len(prev.spans) > 1 and date_only(clean(prev.spans[0].text)):
        x0 = prev.spans[1].x0  # "04/2014–02/2018 Title, Employer…": the text wraps under itself, not its dates
    pt, nt = clean(prev.text), clean(ln.text)
    wrapped_text = (nt[:1].islower() or pt.endswith((",", "-", "&", "/", "\ufffe")) or len(pt) > 60 or legal_form_first(nt)
                    or bool(re.search(r"\s(?:of|in|and|de|di|du|der|und|et|e|y|i|w|z|van)$", pt)))
    head = ln.spans[0]
    cjk = is_cjk(nt[:1])  # CJK text wraps at any character: its "word" is one character
    word = nt[:1] if cjk else (nt.split()[0] if nt else "")
    word_w = (head.x1 - head.x0) * len(word) / max(1, len(head.text.strip()))
    # the cell runs to the column's edge, or the next line's first word would not have fitted after it
    joined = nt[:1].islower() or pt.endswith((",", "&", "/")) \
        or bool(re.search(r"\s(?:of|in|and|de|di|du|der|und|et|e|y|i|w|z|van)$", pt))
    # a capitalised word or two left over ("at CLEVER INSTITUTE - Human" / "Coders") wrapped too
    tail = (len(nt) <= 2 if cjk else len(nt.split()) <= 2) and not date_only(nt) and not find_range(nt)
    no_room = x1 + 0.3 * size + word_w > right
    full = x1 > right - 0.2 * (right - x0) or ((joined or tail) and no_room)
    return (abs(x0 - ln.x0) < 2 and abs(size - ln.size) < 0.6 and full
            and 0 < ln.top - prev.bottom < 1.2 * ln.size and (wrapped_text or (tail and no_room))
            and not pt.endswith("."))


def _title_and_dates(ln: Line) -> list[list[Span]]:
    """The line's cells; a title run close to the dates set right of it (in their own, lighter
    type) counts as a cell of its own."""
    groups = ln.cell_spans()
    if len(groups) == 1 and len(ln.spans) > 1:
        soft = ln.cell_spans(0.9)
        if len(soft) == 2:
            a, b = soft[0][-1], soft[1][0]
            if (a.bold, a.italic) != (b.bold, b.italic) or abs(a.size - b.size) > 0.5:
                return soft
    return groups


def continues_first_cell(prev: Line, ln: Line) -> bool:
    """``ln`` is the wrapped continuation of ``prev``'s first cell, a text column that
    ran into the dates set beside it ("School, a long course title in Data   2013" /
    "Engineering"): same margin and type as the cell's last words, and the gap left before
    the dates too narrow for the continuation's first word."""
    if prev.page != ln.page or is_bullet(ln) or len(ln.cell_texts()) != 1:
        return False
    groups = _title_and_dates(prev)
    if len(groups) != 2 or not date_only(clean("".join(s.text for s in groups[1]))):
        return False
    first, dates = groups
    end = first[-1]
    head = ln.spans[0]
    pt, nt = clean("".join(s.text for s in first)), clean(ln.text)
    if not nt:  # a line of marks or spaces only
        return False
    wrapped_text = nt[:1].islower() or pt.endswith((",", "-", "&", "/")) or len(pt) > 60 \
        or bool(re.search(r"\s(?:of|in|and|de|di|du|der|und|et|e|y|i|w|z|van)$", pt)) \
        or (end.bold and head.bold and len(nt.split()) <= 4 and not re.search(r"[.:]$", nt)) \
        or legal_form_first(nt)
    word = nt.split()[0]
    word_w = (head.x1 - head.x0) * len(word) / max(1, len(head.text.strip()))
    # the line broke because its first word did not fit between the cell's end and the dates
    return (abs(first[0].x0 - ln.x0) < 2 and dates[0].x0 - end.x1 < word_w + 2 * max(end.size, 1.0)
            and abs(end.size - head.size) < 0.6 and (end.font, end.bold, end.italic) == (head.font, head.bold, head.italic)
            and -0.3 * ln.size < ln.top - prev.bottom < 1.2 * ln.size and wrapped_text and not pt.endswith("."))


def merge_wrapped(lines: list[Line], right: float = 0.0) -> list[Line]:
    """Join wrapped header lines into one logical line each (``right``: the column's
    right edge)."""
    if not lines:
        return lines
    right = right or max(ln.x1 for ln in lines)
    out: list[Line] = []
    last: Line | None = None  # the last physical line
    for ln in lines:
        if last is not None and out and out[-1] is last and continues_first_cell(last, ln):
            n = len(_title_and_dates(last)[0])
            first = ln.spans[0]
            end = last.spans[n - 1]
            cells = last.cells or [0] * len(last.spans)
            if (end.font, end.bold, end.italic, end.size) == (first.font, first.bold, first.italic, first.size) \
                    and legal_form_first(clean(ln.text)):
                # a firm's name and its wrapped legal form ("Garcia Rocha" / "S.A."): one run, one field
                end = Span(end.text.rstrip() + " " + first.text.lstrip(), end.x0, end.top, end.x1, end.bottom,
                           end.font, end.size, end.bold, end.italic, end.link)
                rest = ln.spans[1:]
                out[-1] = Line(spans=last.spans[:n - 1] + [end] + rest + last.spans[n:], page=last.page,
                               cells=cells[:n] + [cells[0]] * len(rest) + cells[n:], source=last.source)
                last = out[-1]
                continue
            spans = [Span(" " + first.text.lstrip(), first.x0, first.top, first.x1, first.bottom, first.font,
                          first.size, first.bold, first.italic, first.link)] + ln.spans[1:]
            out[-1] = Line(spans=last.spans[:n] + spans + last.spans[n:], page=last.page,
                           cells=cells[:n] + [cells[0]] * len(spans) + cells[n:], source=last.source)
            last = out[-1]
            continue
        joined = last is not None and continues(last, ln, right)
        last = ln
        if joined:
            prev = out[-1]
            first = ln.spans[0]
            lead = " " + first.text.lstrip()
            head = prev.spans
            end = prev.spans[-1]
            if re.search(r"[^\W\d_][-\u2010\u00ad\ufffe]$", end.text) and re.match(r"[^\W\d_A-ZÀ-Þ]", lead[1:]) \
                    and not re.match(r"(?:und|oder|and|or|et|ou|y|o|e|i|en|of|bzw)\b", lead[1:]):
                # a word hyphenated at the wrap ("Infrastruktursys-" / "teme"), not "Verkehrs- und"
                lead = lead[1:]
                head = prev.spans[:-1] + [Span(end.text[:-1], end.x0, end.top, end.x1, end.bottom, end.font,
                                               end.size, end.bold, end.italic, end.link)]
            spans = [Span(lead, first.x0, first.top, first.x1, first.bottom, first.font,
                          first.size, first.bold, first.italic, first.link)] + ln.spans[1:]
            cells = prev.cells or [0] * len(prev.spans)
            out[-1] = Line(spans=head + spans, page=prev.page,
                           cells=cells + [cells[-1]] * len(spans), source=prev.source)
        else:
            out.append(ln)
    return out


def _join_split_dates(lines: list[Line], geometry: bool = True) -> list[Line]:
    """A date range wrapped inside a narrow date column ("06/2017 –" / "02/2021"), over three lines
    too ("Décembre 2016" / "— Décembre" / "2019")."""
    for _ in range(3):
        joined = [0]
        lines = _join_split_dates_once(lines, joined, geometry)
        if not joined[0]:
            break
    return lines


def _join_split_dates_once(lines: list[Line], joined: list[int], geometry: bool) -> list[Line]:
    out: list[Line] = []
    skip: set[int] = set()
    for i, ln in enumerate(lines):
        if i in skip:
            continue
        groups = ln.cell_spans(0.9)
        if groups and len(groups[0]) > 1 and cut_range(clean(groups[0][0].text)):
            groups = [groups[0][:1], groups[0][1:]] + groups[1:]  # "2020–" set before its title
        texts = [clean("".join(x.text for x in g)) for g in groups]
        for ci, t in enumerate(texts):
            cut = cut_range(t)
            # (a text without geometry, DOCX, has no wrapped lines: a paragraph is a line)
            if (cut or (geometry and ci == 0 and date_piece(t))) and i + 1 < len(lines):
                g = groups[ci]
                cx0, cx1 = min(s.x0 for s in g), max(s.x1 for s in g)
                # the next line that reaches into the date column (a title line may sit between)
                # (or two, the third close below: a line wrapped twice, its middle joined already)
                j = next((k for k in range(i + 1, min(i + 4, len(lines))) if k not in skip and any(
                    min(cx1, max(s.x1 for s in ng)) - max(cx0, min(s.x0 for s in ng)) > 0
                    for ng in lines[k].cell_spans(0.9)) and (k < i + 3 or lines[k].top - ln.bottom < 2.5 * ln.size)),
                    i + 1)
                nxt = lines[j]
                for ng in nxt.cell_spans(0.9):
                    lead = clean(ng[0].text)
                    if len(ng) > 1 and (date_only(lead) or is_present(lead)) and ng[0].x1 <= cx1 + 2:
                        ng = ng[:1]  # "actualidad" in the date column, its line's text beside it
                    nx0, nx1 = min(s.x0 for s in ng), max(s.x1 for s in ng)
                    ntext = clean("".join(x.text for x in ng))
                    head = re.match(r"^(\S+(?:\s\S+)?)\s*(?:[–—-]\s.*)?$", ntext) \
                        or re.match(r"^((?:19|20)\d\d)(?=\s)", ntext)  # "2019 { Firmware…": the year moves
                    def datey(x: str) -> bool:
                        return date_only(x) or is_present(x)

                    if not cut:  # a date wrapped in a narrow column without a dash at the cut ("2022." / "11.")
                        if min(cx1, nx1) - max(cx0, nx0) > 0 and nxt.top - ln.bottom < 0.8 * ln.size \
                                and date_goes_on(t, ntext, alone=len(nxt.cell_spans(0.9)) == 1):
                            g[-1].text = g[-1].text.rstrip() + " " + ntext
                            _drop_spans(lines, j, ng, skip)
                            joined[0] += 1
                        break
                    if min(cx1, nx1) - max(cx0, nx0) > 0 and (datey(ntext) or (head and datey(head.group(1)))):
                        if not datey(ntext):  # "Present – Cut p95…": only the date word moves
                            first = ng[0]
                            word = head.group(1) if head else ""
                            if not first.text.strip().startswith(word):
                                break
                            g[-1].text = g[-1].text.rstrip() + " " + word
                            first.text = first.text.replace(word, "", 1)
                            break
                        g[-1].text = g[-1].text.rstrip() + " " + ntext
                        _drop_spans(lines, j, ng, skip)
                        joined[0] += 1
                        break
        out.append(ln)
    return out


def _drop_spans(lines: list[Line], j: int, gone: list[Span], skip: set[int]) -> None:
    """Line ``j`` without the spans ``gone`` (moved up into a date above); skipped when that is all."""
    nxt = lines[j]
    idx = [x for x, s in enumerate(nxt.spans) if s not in gone]
    if idx:
        cells = nxt.cells or [0] * len(nxt.spans)
        lines[j] = Line(spans=[nxt.spans[x] for x in idx], page=nxt.page, cells=[cells[x] for x in idx],
                        source=nxt.source)
    else:
        skip.add(j)


def _right_cell(ln: Line, left: float) -> tuple[float, float] | None:
    groups = ln.cell_spans()
    if len(groups) < 2 and not (groups and groups[0][0].x0 > left + 150):
        return None
    last = groups[-1]
    return min(s.x0 for s in last), max(s.x1 for s in last)


def _stack_top(lines: list[Line], a: int, left: float) -> int:
    """Dates at the bottom of a right-hand stack (location above dates) anchor the
    entry at the top of the stack."""
    cell = _right_cell(lines[a], left)
    texts = lines[a].cell_texts()
    if cell is None or (len(texts) > 1 and date_only(clean(texts[0])) and not find_range(clean(texts[-1]))):
        return a  # (dates in the first cell, text right of them: right-to-left "2019 – 2021 | Title")
    top = a
    for i in range(a - 1, max(-1, a - 3), -1):
        other = _right_cell(lines[i], left)
        if other is None or abs(other[1] - cell[1]) > 6 or find_range(clean(lines[i].cell_texts()[-1])):
            break
        top = i
    return top


def _detach_dates(lines: list[Line]) -> list[Line]:
    """A bullet line that carries the entry's dates in a right-hand cell: the dates
    become their own line (header), the bullet stays a highlight."""
    out: list[Line] = []
    for ln in lines:
        groups = ln.cell_spans()
        if len(groups) > 1 and is_bullet(ln) and date_only(clean(ln.cell_texts()[-1])):
            n = len(groups[-1])
            cells = ln.cells or [0] * len(ln.spans)
            out.append(Line(spans=ln.spans[-n:], page=ln.page, cells=cells[-n:], source=ln.source))
            out.append(Line(spans=ln.spans[:-n], page=ln.page, cells=cells[:-n], source=ln.source))
        else:
            out.append(ln)
    return out


def _longest_cell(ln: Line) -> int:
    """Length of a line's longest text cell: a title with its location set a few spaces to
    the right ("Company, Title, Team   City, Country") is two short texts, not a sentence."""
    n = len(clean(ln.text))
    return n if n <= 110 else max(len(clean(t)) for t in ln.soft_cell_texts(0.8))


def _same_shape(ln: Line, ref: Line) -> bool:
    """Same type (size, weight, first font) and a right-hand cell ending where ``ref``'s does."""
    if (round(ln.size, 1), ln.bold, ln.spans[0].font) != (round(ref.size, 1), ref.bold, ref.spans[0].font):
        return False
    a, b = ln.cell_spans(0.8), ref.cell_spans(0.8)
    return len(a) >= 2 and len(b) >= 2 and abs(a[-1][-1].x1 - b[-1][-1].x1) < 3 \
        and abs(a[0][0].x0 - b[0][0].x0) < 2


def _bullet_goes_on(prev: Line, ln: Line) -> bool:
    """``ln`` continues the sentence of the bullet above it ("· Since 2012 self employed, in" /
    "11/2018 switched to a limited company"): the bullet's first cell breaks off after a comma or a
    preposition / conjunction / article, and the line starts under it, set in the same type,
    without a bullet. A date there is part of the sentence, no entry's dates."""
    if not is_bullet(prev) or is_bullet(ln) or prev.page != ln.page or abs(prev.size - ln.size) > 0.5:
        return False
    head = clean(prev.cell_texts()[0])
    first, tail = ln.spans[0], prev.spans[-1]
    return bool(re.search(r"(?:,|\s(?:in|of|and|or|to|for|with|the|a|an|at|on|from|by|as|de|la|le|et|und|der|"
                          r"die|das|im|mit|w|z|i|e|y|o|en|na|do|da|di|del|van|het|een))$", head)) \
        and (first.font, first.bold, first.italic) == (tail.font, tail.bold, tail.italic) \
        and -2 <= ln.x0 - prev.x0 <= 12 and 0 <= ln.top - prev.bottom < 0.8 * ln.size


def split_entries(lines: list[Line], geometry: bool = True) -> list[Entry]:
    if not lines:
        return []
    lines = _detach_dates(_join_split_dates(list(lines), geometry))
    # a section typeset entirely as a list: bullets are layout, not highlights
    listy = sum(1 for ln in lines if is_bullet(ln)) >= 0.8 * len(lines)
    if listy and any(not is_bullet(ln) and _date_line(ln, False) for ln in lines):
        listy = False  # the entries' date lines are plain: the many bullets are their highlights
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines) or 1.0
    left = min(ln.x0 for ln in lines)
    col_right = max(ln.x1 for ln in lines)
    body = body_size(lines)
    # a theme that sets its running text in bold (or a semibold face) and its titles larger: bold
    # marks no title there
    chars = [(len(clean(ln.text)), ln.bold) for ln in lines]
    bold_body = sum(n for n, b in chars if b) > 0.6 * max(1, sum(n for n, _ in chars)) \
        and any(ln.size > body + 0.4 for ln in lines)

    def heavy(ln: Line) -> bool:
        return (ln.bold and not bold_body) or ln.italic or ln.size > body + 0.4

    def headerish(ln: Line) -> bool:
        t = clean(ln.text)
        if not t or (is_bullet(ln) and not listy) or _longest_cell(ln) > 110:
            return False
        if listy:
            t = BULLET.sub("", t)
        if _date_line(ln, listy):
            return True
        if heavy(ln) or (any(s.bold for s in ln.spans[:1]) and not bold_body):
            return _longest_cell(ln) < 110
        long_line = (ln.x1 - ln.x0) > 0.75 * width if geometry and len(lines) >= 6 else len(t) > 90
        return not long_line and not t.endswith((".", ";", ",")) and len(t.split()) <= 9 and ln.x0 <= left + 4

    anchors = [i for i, ln in enumerate(lines) if _date_line(ln, listy) and not (i and _bullet_goes_on(lines[i - 1], ln))]
    # two date lines in one header (e.g. a date and a second date-only line) stay one anchor
    merged: list[int] = []
    for a in anchors:
        if merged and a - merged[-1] == 1 and date_only(clean(lines[a].text)):
            continue
        merged.append(a)
    date_of: dict[int, int] = {}
    for a in merged:
        date_of.setdefault(_stack_top(lines, a, left) if geometry else a, a)
    anchors = sorted(date_of)
    if not anchors:
        return _split_by_typography(lines, headerish)
    def style(ln: Line) -> tuple[float, bool, str]:
        # the first run's weight: "**Acme**, Berlin" starts an entry as "**Acme**" does
        return (round(ln.size, 1), ln.spans[0].bold, ln.spans[0].font)

    def forward_ok(ln: Line, a: int, s: int) -> bool:
        if _date_line(ln, listy) or (is_bullet(ln) and not listy):
            return False
        t = BULLET.sub("", clean(ln.text)) if listy else clean(ln.text)
        if not t or _longest_cell(ln) > 110:
            return False
        if heavy(ln) or headerish(ln) and a == s or legal_form_first(t):  # ("S.A., Brasília." wrapped)
            return True
        long_line = (ln.x1 - ln.x0) > 0.75 * width if geometry and len(lines) >= 6 else len(t) > 90
        return not long_line and len(t.split()) <= 8 and not t.endswith((".", ";", ","))

    starts: list[int] = []
    ends: list[int] = []
    prev_end = 0
    start_style: tuple[float, bool, str] | None = None
    first_line: Line | None = None  # the first entry's first line, when it has a right-hand cell
    for k, a in enumerate(anchors):
        s = a
        above = 0  # logical lines above the dates: a title wrapped over lines of a narrow column is one
        while s - 1 >= prev_end and not _date_line(lines[s - 1], listy):
            wraps = geometry and s < a and continues(lines[s - 1], lines[s], col_right) \
                and not (_whole_degree(lines[s - 1]) and _whole_degree(lines[s]))
            # (a title line wrapped in a narrow column fills the column: no "long line" there)
            t_up = clean(lines[s - 1].text)
            # the line right above a date line of its own is its title even when long ("Bachelor of
            # Science in Computer Science & Cognitive Psychology at Northeastern University" / "Sep
            # 1999 - May 2004") when the section's first entry too has its title above its dates,
            # unless it is a sentence or a bullet
            right_above = s == a and (not starts or starts[0] < anchors[0]) and len(t_up.split()) <= 16 and not re.search(r"[.;:!?]$", t_up) \
                and not is_bullet(lines[s - 1]) and date_only(clean(lines[a].text))
            if not (headerish(lines[s - 1]) or right_above or (wraps and len(t_up.split()) <= 9
                                                               and not is_bullet(lines[s - 1]))):
                break
            if not wraps and _whole_degree(lines[s - 1]) and (_whole_degree(lines[a]) or _whole_degree(lines[s])
                                                              or names_degree(clean(lines[s].text))):
                break  # "Degree (…), School" above "Degree, School, City (dates)": two entries
            if not wraps:
                above += 1
            if above > 3:
                break
            s -= 1
        if start_style is None and first_line is not None:
            # entries start alike: a line shaped like the first entry's title line (same type,
            # a right-hand cell ending at the same x) starts this entry
            back = [i for i in range(max(prev_end, a - 3), s) if _same_shape(lines[i], first_line)]
            if back:
                s = back[0]
        elif start_style is not None:
            # entries of a section start alike: trim lines that belong to the previous entry,
            # or reach back to the title line when plain lines sit between it and the dates
            same = [i for i in range(s, a + 1) if style(lines[i]) == start_style]
            if same and s < a:
                s = same[0]
            elif not same:
                back = [i for i in range(max(prev_end, a - 3), a) if style(lines[i]) == start_style]
                if back:
                    s = back[0]
        if k == 0:  # the first entry starts with a title line, not its dates
            first = 0 if s > 0 and all(not is_bullet(x) for x in lines[:s]) and s <= 3 else s
            if first < a:
                start_style = style(lines[first])
            elif geometry and len(lines[s].soft_cell_texts(0.8)) >= 2:
                first_line = lines[s]
        starts.append(s)
        e = date_of[a] + 1
        nxt = anchors[k + 1] if k + 1 < len(anchors) else len(lines)
        logical = 0
        while e < nxt and forward_ok(lines[e], a, s) and style(lines[e]) != start_style \
                and not (first_line is not None and _same_shape(lines[e], first_line)):
            if not (geometry and e > a + 1 and continues(lines[e - 1], lines[e], col_right)):
                logical += 1
                if logical > 2:
                    break
            e += 1
        ends.append(e)
        prev_end = e
    entries = []
    for k, s in enumerate(starts):
        s0 = 0 if k == 0 else s
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        hdr_end = min(ends[k], end)
        pre = lines[s0:s]
        if k == 0 and pre and _whole_degree(pre[-1]) and (_whole_degree(lines[s]) or names_degree(clean(lines[s].text))):
            # an undated degree line above the first dated one: an entry of its own
            entries.append(Entry(header=pre[-3:], body=[], right=col_right if geometry else 1e9))
            pre = []
        entries.append(Entry(header=pre[-3:] + lines[s:hdr_end] if k == 0 else lines[s:hdr_end],
                             body=lines[hdr_end:end], right=col_right if geometry else 1e9))
    from htdy.parsers.extract.undated import undated_entries  # (it imports this module)

    return undated_entries(entries)


def _split_by_typography(lines: list[Line], headerish: object) -> list[Entry]:
    entries: list[Entry] = []
    cur: Entry | None = None
    for ln in lines:
        strong = ln.bold and not is_bullet(ln)
        if cur is None or (strong and cur.body):
            cur = Entry()
            entries.append(cur)
        (cur.header if strong or not cur.header else cur.body).append(ln)
    return entries
