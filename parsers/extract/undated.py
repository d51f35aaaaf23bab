"""Entries printed without dates among dated ones, which date-anchored splitting
(:func:`htdy.parsers.extract.structure.split_entries`) reads into a neighbour: split between two
neighbours, read into the header of the entry after, or into the body of the entry before."""
from __future__ import annotations

import re
from collections import Counter

from htdy.parsers.extract.dates import find_range
from htdy.parsers.extract.structure import Entry, _whole_degree, clean, is_bullet
from htdy.parsers.extract.vocab import INSTITUTION_WORDS, LEGAL_FORMS, TITLE_WORDS, fold, has_word
from htdy.parsers.layout.model import Line


def undated_entries(entries: list[Entry]) -> list[Entry]:
    """Each kind of undated entry set apart, in the order they can occur."""
    return _title_restarts(_undated_degrees(_undated_entries(_undated_header(_straddling_undated(entries)))))


def _straddling_undated(entries: list[Entry]) -> list[Entry]:
    """An undated entry split between its neighbours: its first line closes the header of the entry
    above, its second opens the header of the one below ("PhD - Physics" / "**Raleigh College**" |
    "Master of Science - Nursing" / "**University of SF**  1996 – 1999"), set in the styles the
    entries' first two header lines use: an entry of its own."""
    def style(ln: Line) -> tuple[float, bool, bool]:
        return (round(ln.spans[0].size, 1), ln.spans[0].bold, ln.spans[0].italic)

    # the styles of the first two header lines of entries whose first line holds their dates
    pairs = Counter((style(e.header[0]), style(e.header[1])) for e in entries
                    if len(e.header) >= 2 and find_range(clean(e.header[0].text)))
    if not pairs:
        return entries
    (first, second), _n = pairs.most_common(1)[0]
    if first == second:
        return entries
    out = list(entries)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        if (len(a.header) >= 3 and not a.body and len(b.header) >= 2 and style(a.header[-1]) == first
                and style(b.header[0]) == second and style(b.header[1]) == first and find_range(clean(b.header[1].text))
                and not find_range(clean(a.header[-1].text)) and not find_range(clean(b.header[0].text))):
            undated = Entry(header=[a.header[-1], b.header[0]], body=[], right=a.right)
            out[i:i + 2] = [Entry(header=a.header[:-1], body=a.body, right=a.right), undated,
                            Entry(header=b.header[1:], body=b.body, right=b.right)]
            i += 2
        i += 1
    return out


def _undated_header(entries: list[Entry]) -> list[Entry]:
    """An undated entry read into the header of the dated one after it: the header's lines repeat
    their styles ("**Giurisprudenza (…)**" / "Università Bocconi" / "**Laurea specialistica**" /
    "Politecnico di Napoli  2010 – 2012"), the first run holding no date — an entry each."""
    def style(ln: Line) -> tuple[float, bool, bool]:
        return (round(ln.spans[0].size, 1), ln.spans[0].bold, ln.spans[0].italic)

    out: list[Entry] = []
    for e in entries:
        h, cut = e.header, None
        # (a three-line header and the body's first line: "School" / "Degree" / "School  dates" / "Degree")
        seq = h if len(h) >= 4 or len(h) < 3 else h + e.body[:1]
        if len(seq) >= 4 and not any(is_bullet(x) for x in seq):
            st = [style(x) for x in seq]
            for k in range(2, min(len(h), len(seq) // 2) + 1):
                if st[:k] == st[k:2 * k] and len(set(st[:k])) > 1 \
                        and not any(find_range(clean(x.text)) for x in h[:k]):
                    cut = k
                    break
        if cut is None:
            out.append(e)
            continue
        out.append(Entry(header=h[:cut], body=[], right=e.right))
        out.append(Entry(header=h[cut:], body=e.body, right=e.right))
    return out


def _undated_entries(entries: list[Entry]) -> list[Entry]:
    """An entry printed without dates among dated ones: its title and employer lines, set in the
    same two styles as the other entries' first two header lines, inside the body of the entry
    above (after that entry's text, not in the middle of a paragraph)."""
    from htdy.parsers.extract.row_labels import SHORT_LABEL_KEY, row_label  # (it imports this module)

    def style(ln: Line) -> tuple[float, bool, str]:  # the line's first run (a date beside it aside)
        return (round(ln.spans[0].size, 1), ln.spans[0].bold, ln.spans[0].font)

    pairs = Counter((style(e.header[0]), style(e.header[1])) for e in entries if len(e.header) >= 2)
    if not pairs:
        return entries
    pair, n = pairs.most_common(1)[0]
    if n < 2 or pair[0] == pair[1]:
        return entries
    out: list[Entry] = []
    for e in entries:
        body, cut = e.body, None
        for i in range(1, len(body) - 1):
            a, b = body[i], body[i + 1]
            if (style(a), style(b)) != pair or is_bullet(a) or is_bullet(b) or style(body[i - 1]) == pair[0]:
                continue
            ta, tb = clean(a.text), clean(b.text)
            if any(row_label(t) or fold(t).strip(" :：") in SHORT_LABEL_KEY for t in (ta, tb)):
                continue  # Europass rows: a label and its value, not a title and an employer
            if all(t and len(t.split()) <= 9 and not re.search(r"[.;:!?]$", t) for t in (ta, tb)):
                cut = i
                break
        if cut is None:
            out.append(e)
            continue
        out.append(Entry(header=e.header, body=body[:cut], right=e.right))
        out.append(Entry(header=body[cut:cut + 2], body=body[cut + 2:], right=e.right))
    return out


def _title_restarts(entries: list[Entry]) -> list[Entry]:
    """An undated entry right after a dated one, read into its body: a body line set exactly like
    the section's title lines (the first header line of its dated entries, bold or larger than the
    text), short, followed by a line in a type the headers' other lines use (place, position,
    degree), by nothing, or by a bullet when it reads as a role at a place (not "Key projects"):
    "**New York University**" / "MSc" after "**Denver University**" / "MSc" / "2003 – 2005" is a
    new entry, with the header-typed lines after it as its header."""
    def style(ln: Line) -> tuple[float, bool, bool, str]:
        return (round(ln.spans[0].size, 1), ln.spans[0].bold, ln.spans[0].italic, ln.spans[0].font)

    sizes = sorted(ln.size for e in entries for ln in e.header + e.body)
    median = sizes[len(sizes) // 2] if sizes else 0.0
    titles = Counter(style(e.header[0]) for e in entries
                     if e.header and any(find_range(clean(x.text)) for x in e.header))
    if not titles:
        return entries
    title = titles.most_common(1)[0][0]
    # the types of the header's other lines (place, position, degree), in any entry of the section
    kinds = {style(x) for e in entries for x in e.header[1:]} - {title}
    text = Counter(style(ln) for e in entries for ln in e.body if not is_bullet(ln)).most_common(1)
    if text and sum(len(e.body) for e in entries) >= 4:
        kinds.discard(text[0][0])  # the running text's type follows any line: it marks no header
    if not (title[1] or title[0] > median + 0.4):  # (a title's type, not the running text's)
        return entries
    out: list[Entry] = []
    for e in entries:
        cut = None
        if e.header and style(e.header[0]) == title and any(find_range(clean(x.text)) for x in e.header):
            for i, ln in enumerate(e.body):
                t = clean(ln.text)
                if (style(ln) == title and not is_bullet(ln) and t and len(t.split()) <= 9
                        and not _title_ends_sentence(t) and not find_range(t)
                        and (i == 0 or style(e.body[i - 1]) != title)
                        and (i + 1 == len(e.body)
                             or (style(e.body[i + 1]) in kinds and not is_bullet(e.body[i + 1]))
                             or (is_bullet(e.body[i + 1]) and _entry_title(t)))):
                    cut = i
                    break
        if cut is None:
            out.append(e)
            continue
        k = cut + 1
        while k < len(e.body) and k - cut < 4 and style(e.body[k]) in kinds and not is_bullet(e.body[k]):
            k += 1
        out.append(Entry(header=e.header, body=e.body[:cut], right=e.right))
        out.append(Entry(header=e.body[cut:k], body=e.body[k:], right=e.right))
    return out


def _title_ends_sentence(t: str) -> bool:
    """The text ends a sentence: with "!?;:" or a full stop after a word, not after an abbreviation
    ("Murri s.r.l.", "Acme Inc.", "Müller & Co.")."""
    if re.search(r"[;:!?]$", t):
        return True
    last = t.split()[-1] if t.split() else ""
    return last.endswith(".") and "." not in last[:-1] and len(last) > 5


def _entry_title(t: str) -> bool:
    """A title line that names a role and a place of work or study ("Designer, Acme Ltd", "Analyst
    at Acme", "MSc – University of Oslo"), not a label over a list ("Key projects")."""
    from htdy.parsers.extract.row_labels import body_label  # (it imports this module)
    from htdy.parsers.extract.vocab import heading_key

    f = fold(t)
    return not body_label(t) and heading_key(t) is None and (bool(re.search(r"[,|–—]| at | @ ", t)) or has_word(f, TITLE_WORDS)
                                  or has_word(f, INSTITUTION_WORDS) or has_word(f, LEGAL_FORMS))


def _undated_degrees(entries: list[Entry]) -> list[Entry]:
    """A degree and its school on one line ("Grado | Universidad de Madrid") after the first line of
    an entry whose lines above it name a school, set in the type of that first line: an undated
    education entry of its own."""
    out: list[Entry] = []
    for e in entries:
        seq = e.header + e.body
        head = seq[0].spans[0] if seq else None
        cut = next((i for i in range(1, len(seq)) if head is not None and not is_bullet(seq[i])
                    and _whole_degree(seq[i]) and (seq[i].spans[0].size, seq[i].spans[0].bold) == (head.size, head.bold)
                    and any(has_word(clean(x.text), INSTITUTION_WORDS) for x in seq[:i])), None)
        if cut is None:
            out.append(e)
            continue
        n = len(e.header)
        out.append(Entry(header=seq[:min(cut, n)], body=seq[n:cut], right=e.right))
        rest = Entry(header=seq[cut:max(cut + 1, n)], body=seq[max(cut + 1, n):], right=e.right)
        out.extend(_undated_degrees([rest]))
    return out
