"""Sections of a CV: headings found by vocabulary and typography (wrapped over two lines, in a
margin, numbered), the signature block closing the last one, and the settling of sections the
content model named."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from htdy.parsers.extract.dates import date_only, find_range
from htdy.parsers.extract.row_labels import body_label
from htdy.parsers.extract.structure import BULLET, body_size, clean
from htdy.parsers.extract.vocab import (
    CJK_SPACE,
    bare_heading,
    caseless,
    heading_key,
)
from htdy.parsers.layout.model import Line


@dataclass
class Section:
    key: str  # work, education, … or "other"; "preamble" before the first heading
    title: str
    lines: list[Line] = field(default_factory=list)
    # a heading only its type suggests (one known heading set the same way): it stands only if
    # the section model names its content (`resume.build`), else its lines go back where they were
    heading: Line | None = None
    tentative: bool = False
    # a known section name set smaller than the document's headings: a sub-heading inside an entry
    # ("Courses") unless the section model reads its content as that section (`resume.build`)
    smaller: bool = False
    wrapped: list[Line] = field(default_factory=list)  # the heading's second line, if it wraps


def _style(ln: Line) -> tuple[float, bool, str]:
    return (round(ln.size, 1), ln.bold, ln.spans[0].font.split("-")[0][:12] if ln.spans[0].font else "")


def is_heading_like(ln: Line, body: float) -> bool:
    t = clean(ln.text)
    toks = t.split()
    if len(toks) >= 4 and sum(1 for w in toks if len(w) == 1) >= 0.8 * len(toks):
        t = "".join(toks)  # letter-spaced
    if not t or len(t) > 50 or len(t.split()) > 6 or "@" in t or find_range(t):
        return False
    if re.search(r"[.;]$", t) or len(ln.cell_texts()) > 2:
        return False
    letters = sum(ch.isalpha() for ch in t)
    # a caps heading is words in capitals, not an acronym with a level or a date ("PHP (100):", "CI/CD (95)")
    caps = t.isupper() and letters > 3 and letters >= 0.7 * len(t.replace(" ", ""))
    # CJK tracked letter by letter ("学 歴 ・ 教 育"): set apart as a title, whatever its size
    raw = clean(ln.text)
    tracked = len(CJK_SPACE.findall(raw)) >= 3 and " " not in CJK_SPACE.sub("", raw)
    return ln.size >= body * 1.12 or ln.bold or caps or tracked or \
        ln.spans[0].font.lower().startswith(("heading", "title"))


def _dated_soon(lines: list[Line], i: int) -> bool:
    """An entry title (followed by its dates, or printed right under them) is not a section
    heading."""
    if i > 0 and date_only(clean(lines[i - 1].text)):
        return True
    for ln in lines[i + 1:i + 4]:
        if heading_key(clean(ln.text)):
            return False
        if find_range(clean(ln.text)) and len(clean(ln.text)) < 60:
            return True
    return False


def _labels_a_list(lines: list[Line], i: int) -> bool:
    """"Key achievements:" between an entry's dates and its bullets labels the entry's list; the
    same words over a section of their own are a heading."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return (nxt is not None and bool(BULLET.match(nxt.text)) and body_label(lines[i].text)
            and any(find_range(clean(ln.text)) for ln in lines[max(0, i - 3):i]))


def _margin_heading_order(lines: list[Line]) -> list[Line]:
    """A heading wrapped in a margin beside its section's first line ("Percurso" / first entry /
    "profissional", moderncv's fancy style) is read as one heading before that line."""
    out = list(lines)
    for i in range(len(out) - 2):
        first, beside, second = out[i], out[i + 1], out[i + 2]
        if beside.x0 > first.x1 and second.x1 < beside.x0 and _wrapped_heading(first, second) \
                and heading_key(f"{clean(first.text)} {clean(second.text)}"):
            out[i + 1], out[i + 2] = second, beside
    return out


def split_sections(lines: list[Line]) -> list[Section]:
    lines = _margin_heading_order(lines)
    body = body_size(lines)
    known: list[tuple[int, str]] = []
    styles: Counter[tuple[float, bool, str]] = Counter()
    continued: set[int] = set()  # the second line of a wrapped heading
    for i, ln in enumerate(lines):
        if i in continued:
            continue
        t = clean(ln.text)
        key = heading_key(t)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        wrapped = None
        if nxt is not None and _wrapped_heading(ln, nxt):
            # a heading wrapped in a narrow margin ("Профессиональный" / "опыт", "EXPERIENCIA" /
            # "PROFESIONAL"): named by both lines
            wrapped = heading_key(f"{t} {clean(nxt.text)}")
            key = wrapped or key
        if key is None or _labels_a_list(lines, i):
            continue
        typographic = is_heading_like(ln, body)
        standalone = len(ln.cell_texts()) == 1 and (len(t.split()) <= 4 or len(t.replace(" ", "")) <= 30)
        # a script without capitals (CJK, Arabic, Hebrew): a line that is only a section name,
        # even in body type ("【工作经历】", "■ 学歴", "一、教育背景")
        plain = len(ln.cell_texts()) == 1 and caseless(t) and bare_heading(t) is not None
        if typographic or (standalone and not ln.spans[0].font and t[:1].isupper()) or plain:
            known.append((i, key))
            styles[_style(ln)] += 1
            if wrapped:
                known.append((i + 1, key))  # (joined to this heading below)
                continued.add(i + 1)
    if not known:
        known = _plain_headings(lines)
        for i, _ in known:
            styles[_style(lines[i])] += 1
    heading_at: dict[int, str] = dict(known)
    tentative: set[int] = set()
    smaller: set[int] = set()
    if styles:
        main_style, n = styles.most_common(1)[0]
        if n >= 2:  # a sub-heading ("Courses" inside an education entry) is smaller
            smaller = {i for i, _ in known
                       if lines[i].size < 0.9 * main_style[0] and _style(lines[i]) != main_style}
        for i, ln in enumerate(lines):
            if i in heading_at or _style(ln) != main_style:
                continue
            t = clean(ln.text)
            # (a bold line right under a heading is that section's first entry — a referee's name
            # under "Referees" — unless it wraps the heading)
            under = i - 1 in heading_at and not _wrapped_heading(lines[i - 1], ln)
            if t and is_heading_like(ln, body) and ln.size >= body and not BULLET.match(t) \
                    and not _dated_soon(lines, i) and not under:
                heading_at[i] = "other"
                if n < 2:
                    tentative.add(i)
    sections = [Section("preamble", "")]
    sign = _signature_at(lines)
    for i, ln in enumerate(lines):
        if i == sign:
            sections.append(Section("signature", ""))
        if i in heading_at and (sign is None or i < sign):
            if i - 1 in heading_at and _wrapped_heading(lines[i - 1], ln) and sections[-1].lines == []:
                # "Capacidades y competencias" / "personales": one heading wrapped over two lines
                title = f"{sections[-1].title} {clean(ln.text).rstrip(':')}"
                sections[-1] = replace(sections[-1], key=heading_key(title) or sections[-1].key, title=title,
                                       wrapped=[ln])
                continue
            sections.append(Section(heading_at[i], clean(ln.text).rstrip(":"), heading=ln,
                                    tentative=i in tentative, smaller=i in smaller))
        else:
            sections[-1].lines.append(ln)
    return sections


def _plain_headings(lines: list[Line]) -> list[tuple[int, str]]:
    """Headings of a document that sets them like its body text (a DOCX whose headings are plain
    paragraphs: no size, weight, caps or heading style tells them apart). Only when typography
    names no heading at all: a line of its own that is nothing but a section name. "Languages"
    right under a skills heading, before any content ("Technical Skills" / "Languages"), is the
    programming-languages group inside it, no section."""
    found: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        t = clean(ln.text).rstrip(":")
        key = heading_key(t)
        if key is None or len(ln.cell_texts()) != 1 or not t[:1].isupper() or len(t.split()) > 4 \
                or BULLET.match(t):
            continue
        if found and found[-1][0] == i - 1 and (found[-1][1], key) == ("skills", "languages"):
            continue
        found.append((i, key))
    return found if len(found) >= 2 else []


def _wrapped_heading(first: Line, ln: Line) -> bool:
    """``ln`` continues the heading ``first`` (same type, right below it, in lower case)."""
    t, ft = clean(ln.text), clean(first.text)
    size = max([ln.size, *(s.size for s in first.spans)])  # (the line height of a big initial's line)
    if not (_style(first) == _style(ln) and first.page == ln.page
            and -0.3 * ln.size <= ln.top - first.bottom and ln.top - first.top <= 1.5 * size):
        return False
    # in capitals: only where the second line names no section alone ("EDUCATION" / "SKILLS" are two);
    # a first line that names nothing alone goes on in the next ("Akademischer" / "Werdegang")
    joined = heading_key(f"{ft} {t}") is not None
    return t[:1].islower() or (t.isupper() and ft.isupper() and heading_key(t) is None and joined) \
        or (joined and heading_key(ft) is None and len(ft.split()) <= 2 and not re.search(r"[\d@/.:]", ft + t))


# "Hamburg, 15.01.2024", "Paris, le 15/01/2024", "Kraków, dnia 15.01.2024 r.", "Ort, Datum"
_PLACE_DATE = re.compile(r"^[^\W\d][^,\d]{1,40},\s*(?:(?:den|le|el|il|dnia|op|em|a)\s+)?"
                         r"(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{1,2}\.?\s+(?:de\s+)?[^\W\d]+\.?\s+(?:de\s+)?\d{4})"
                         r"(?:\s*r\.)?$")
_SIGN_LABELS = re.compile(r"(?i)^(ort,?\s*datum|unterschrift|signature|firma|podpis|handtekening|assinatura|"
                          r"lieu(?:\s+et|,)\s+date|place(?:\s+and|,)\s+date|luogo\s+e\s+data|lugar\s+y\s+fecha)\b")


def _signature_at(lines: list[Line]) -> int | None:
    """The signature block that ends many German, Polish, Italian… CVs: a "Place, date" line (or an
    "Ort, Datum" / "Unterschrift" label) among the last lines, followed only by a few short lines
    (the name signed). It closes the last section."""
    n = len(lines)
    for i in range(max(0, n - 5), n):
        t = clean(lines[i].text)
        if (_PLACE_DATE.match(t) or _SIGN_LABELS.match(t)) and all(
                len(clean(ln.text)) <= 60 for ln in lines[i + 1:]):
            return i
    return None


# --------------------------------------------------------------------------- entries
def settle(sections: list[Section], named: list[str | None], confirmed: list[bool]) -> list[Section]:
    """Tentative headings the section model did not name (``named[i]`` None) and smaller known
    headings it did not confirm (``confirmed[i]`` False) are no headings: the line and its
    section's lines go back to the section before."""
    out: list[Section] = []
    for sec, key, sure in zip(sections, named, confirmed, strict=True):
        if ((sec.tentative and key is None) or (sec.smaller and not sure)) and out and sec.heading is not None:
            out[-1].lines.extend([sec.heading, *sec.wrapped, *sec.lines])
            continue
        out.append(sec)
    return out
