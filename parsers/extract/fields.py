"""Fields of one entry (work, education, volunteer, project…) from its header lines."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.contacts import is_remote, location_from
from htdy.parsers.extract.dates import DURATION, date_only, find_range, is_present
from htdy.parsers.extract.places import is_city
from htdy.parsers.extract.structure import BULLET, Entry, clean, continues, is_bullet, merge_wrapped
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    ORG_WORDS,
    TITLE_WORDS,
    degree_len,
    fold,
    has_word,
)
from htdy.parsers.layout.model import Line

_SEP = re.compile(r"\s+[|•·–—]\s+|\s+-\s+|\s+@\s+|\s+at\s+|\s+bei\s+|\s+chez\s+|\s+en\s+(?=[A-Z])|\s*\|\s*")
_SEP_NO_DASH = re.compile(r"\s+[|•·—]\s+|\s*\|\s*")
_DANGLING = re.compile(r"(?i)\s+(?:in|of|en|em|w|di|im|at|bei|de|van)$")


def pieces(lines: list[Line], dash: bool = True, right: float = 0.0) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Text pieces of header lines (split at cells, style changes and separators),
    with the date range found among them."""
    out: list[dict[str, Any]] = []
    dates: dict[str, Any] = {}
    for li, ln in enumerate(merge_wrapped(lines, right)):
        bullet = bool(BULLET.match(ln.text))
        text_before = False  # a text (not date) cell earlier on this line
        for ci, spans in enumerate(ln.cell_spans()):
            if ci > 0 and not text_before:
                prev_text = clean("".join(x.text for x in ln.cell_spans()[ci - 1]))
                text_before = bool(prev_text) and not date_only(prev_text) and not is_present(prev_text)
            groups: list[list[Any]] = []
            prev = None
            for s in spans:
                key = (s.bold, s.italic)
                wide = prev is not None and s.x0 - prev.x1 > 0.8 * max(s.size, 1.0)
                if groups and groups[-1][0] == key and not wide:
                    groups[-1][1] += s.text
                    groups[-1][3] = max(groups[-1][3], s.size)
                else:
                    groups.append([key, s.text, s.x0, s.size])
                prev = s
            for (bold, italic), text, gx, gsize in groups:
                t = clean(text)
                if bullet:
                    t = BULLET.sub("", t)
                    bullet = False
                if not dates:
                    r = find_range(t)
                    if r is not None:
                        dates = {"start": r.start, "end": r.end, "current": r.current,
                                 "text": t[r.begin:r.stop]}
                        after = t[r.stop:]
                        glued = DURATION.match(after)  # "… – Jan 2025 · 1 year 11 months"
                        t = (t[:r.begin] + " | " + (after[glued.end():] if glued else after))
                parts = (_SEP if dash else _SEP_NO_DASH).split(t)
                if dash and bold and len(groups) > 1 and len(parts) > 1 and not any(
                        has_word(x, TITLE_WORDS) or _loc({"text": _strip_piece(x)}) for x in parts):
                    # typography already separates the fields of this line: a dash inside its
                    # bold run ("Tacta - The art of …") splits it only to set off a title or a place
                    parts = _SEP_NO_DASH.split(t)
                for part in parts:
                    p = _DANGLING.sub("", _strip_piece(part))
                    if p and not re.fullmatch(r"[\W\d]*", p):
                        if re.match(r"^(of|in|and|und|et|y|e|de|di|en)\s", p) and out:
                            # the wrapped end of a narrow cell ("Bachelor" / "of Science")
                            above = [q for q in out if q["line"] < li and abs(q["x0"] - gx) < 3]
                            if above:
                                above[-1]["text"] = _insert_wrapped(above[-1]["text"], p)
                                continue
                        out.append({"text": p, "bold": bold, "italic": italic, "size": gsize,
                                    "cell": ci, "line": li, "x0": gx, "styled": len(groups) > 1,
                                    "after_text": text_before and ci > 0, "run": t})
    # "Company, Position" inside one piece: split at the comma that separates a title
    final: list[dict[str, Any]] = []
    for piece in out:
        final.extend(_comma_split(piece))
    return final, dates


def _insert_wrapped(text: str, tail: str) -> str:
    """Append a wrapped cell tail; inside "Bachelor Northeastern University" it belongs
    to the degree word that started the cell."""
    n = _degree_len(text)
    if n and n < len(text):
        return text[:n] + " " + tail + text[n:]
    return text + " " + tail


def _strip_piece(part: str) -> str:
    p = part.strip(" ,;:[]–—-|·•/")
    if p.endswith("(") or p.startswith(")"):
        p = p.strip("()").strip()
    while p.startswith("(") and ")" not in p:
        p = p[1:].strip()
    while p.endswith(")") and "(" not in p:
        p = p[:-1].strip()
    if p.startswith("(") and p.endswith(")"):
        p = p[1:-1].strip()
    return p


def _comma_split(p: dict[str, Any]) -> list[dict[str, Any]]:
    text = p["text"]
    if "," not in text or p.get("styled"):  # typography already separated company and title
        return [p]
    parts = [x.strip() for x in text.split(",")]
    best = None
    for i in range(1, len(parts)):
        a, b = ", ".join(parts[:i]), ", ".join(parts[i:])
        ta, tb = has_word(a, TITLE_WORDS), has_word(b, TITLE_WORDS)
        if fold(parts[i]).strip(". ") in ORG_WORDS:
            continue
        if ta != tb:
            best = (a, b)
            break
    if best is None:
        return [p]
    return [dict(p, text=best[0], joined=text), dict(p, text=best[1], joined=text)]


_LABELLED = re.compile(r"(?i)^(city|country|town|location|place|ort|standort|land|ville|pays|lieu|ciudad|"
                       r"pa[ií]s|citt[aà]|paese|cidade|miasto|kraj|stad|plaats)\s*:\s*(.+)$")


def _loc(p: dict[str, Any]) -> dict[str, str] | None:
    t = p["text"]
    m = _LABELLED.match(t)
    if m:
        return {"city": m.group(2)}
    if len(t.split()) <= 3 and "," not in t and is_city(t):
        return {"city": t}
    if is_remote(t) or re.search(r"(?i)\bremote\b|\bhybrid\b", t):
        return {"city": t}
    if p.get("after_text") and len(t.split()) <= 5 and t[:1].isupper() and not has_word(t, TITLE_WORDS) \
            and not has_word(t, INSTITUTION_WORDS) and not has_word(t, DEGREE_WORDS) \
            and not any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()):
        return {"city": t.split(",")[0]}
    if "," not in t and len(t.split()) > 2:
        return None
    if has_word(t, TITLE_WORDS) or has_word(t, INSTITUTION_WORDS) or has_word(t, DEGREE_WORDS):
        return None
    if any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()):
        return None
    return location_from(t) if "," in t else None


def body_text(entry: Entry) -> tuple[str, list[str]]:
    summary: list[str] = []
    highlights: list[str] = []
    cur: list[str] | None = None
    for ln in entry.body:
        t = clean(ln.text)
        if not t:
            continue
        if is_bullet(ln):
            highlights.append(BULLET.sub("", t))
            cur = highlights
        elif cur is highlights and highlights and ln.x0 > entry.body[0].x0 + 2:
            highlights[-1] = join_text(highlights[-1], t)
        else:
            summary.append(t)
            cur = summary
    return join_lines(summary), highlights


def join_text(a: str, b: str) -> str:
    if a.endswith(("\ufffe", "\u00ad", "\x02")):
        return a[:-1] + b
    if re.search(r"\w-$", a) and b[:1].islower():
        return a[:-1] + b
    return a + " " + b


def join_lines(lines: list[str]) -> str:
    out = ""
    for t in lines:
        out = join_text(out, t) if out else t
    return out.strip()


def slot(p: dict[str, Any]) -> tuple[int, int, bool, bool]:
    """Where a piece sits in an entry header (line, cell, bold, italic)."""
    return (p.get("line", 0), p.get("cell", 0), p.get("bold", False), p.get("italic", False))


def work_entry(entry: Entry, position_slots: dict[tuple[int, int, bool, bool], int] | None = None
               ) -> dict[str, Any]:
    ps, dates = pieces(entry.header, right=entry.right)
    res: dict[str, Any] = {}
    rest = []
    for p in ps:
        if re.match(r"(?i)^(address|adresse|dirección|direccion|endereço|indirizzo|adres|website|web)\s*:", p["text"]):
            continue
        loc = _loc(p)
        if loc:
            lab = _LABELLED.match(p["text"])
            val = lab.group(2) if lab else p["text"]
            if "location" not in res:
                res["location"] = val
            elif lab and lab.group(1).lower() not in ("city", "ort", "ville", "ciudad", "città", "citta", "cidade",
                                                      "miasto", "stad", "town"):
                res["location"] += ", " + val
        else:
            rest.append(p)
    titled = [i for i, p in enumerate(rest) if has_word(p["text"], TITLE_WORDS)
              and not has_word(p["text"], LEGAL_FORMS)]
    # a job title is short; a description that mentions "developers" is not one
    title_i = min(titled, key=lambda i: (len(rest[i]["text"].split()) > 6, i)) if titled else None
    if len(titled) > 1 and position_slots:
        # several lines name a job ("Full stack developer working in…" above "Java developer"):
        # the title sits where the section's other entries have theirs
        best = max(position_slots, key=lambda k: position_slots[k])
        in_best = [i for i in titled if slot(rest[i]) == best]
        if position_slots[best] >= 2 and in_best:
            title_i = in_best[0]
    if title_i is None and position_slots and len(rest) >= 2:
        # no job-title word: use where the other entries of this section put their titles
        best = max(position_slots, key=lambda k: position_slots[k])
        title_i = next((i for i, p in enumerate(rest) if slot(p) == best), None)
    if len(titled) > 1:
        res["_ambiguous"] = True
    if title_i is not None:
        res["position"] = rest[title_i]["text"]
        res["_slot"] = slot(rest[title_i]) if has_word(rest[title_i]["text"], TITLE_WORDS) else None
        tline = rest[title_i].get("line", 0)
        # the employer is most likely named on the title's own line
        others = sorted((p for i, p in enumerate(rest) if i != title_i),
                        key=lambda p: (p.get("line", 0) != tline, len(p["text"].split()) > 6))
        org = _prominent(others, rest[title_i]) or next((p for p in others if has_word(p["text"], ORG_WORDS)), None) \
            or (others[0] if others else None)
        if org:
            res["name"] = org["text"]
        joined = rest[title_i].get("joined")
        if joined and not (org and org.get("joined") == joined):
            res["position"] = joined  # "Developer, Java & Angular": the comma did not separate an employer
    elif rest:
        org_i = next((i for i, p in enumerate(rest) if has_word(p["text"], ORG_WORDS)), 0)
        res["name"] = rest[org_i]["text"]
        others = [p for i, p in enumerate(rest) if i != org_i]
        if others:
            res["position"] = others[0]["text"]
    _dates(res, dates)
    summary, highlights = body_text(entry)
    if summary:
        res["summary"] = summary
    if highlights:
        res["highlights"] = highlights
    return res


def _prominent(others: list[dict[str, Any]], title: dict[str, Any]) -> dict[str, Any] | None:
    """The one piece set in heavier or larger type than every other non-title piece (and
    than the title): the employer heading the entry, rather than a plain line that happens
    to say "company"."""
    if len(others) < 2:
        return None

    def weight(p: dict[str, Any]) -> tuple[float, bool]:
        return (round(p.get("size", 0.0), 1), bool(p.get("bold")))
    w = max(weight(p) for p in others)
    top = [p for p in others if weight(p) == w]
    if len(top) == len(others) or not weight(title) < w or not (w[1] or w[0] > weight(title)[0]):
        return None
    if len(top) == 1:
        return top[0]
    run = top[0].get("run", "")
    if all(p.get("run") == run and p.get("line") == top[0].get("line") for p in top):
        # one heavy run split at a dash ("Tacta - The art of …"): the run is the name
        a = min(run.find(p["text"]) for p in top)
        b = max(run.find(p["text"]) + len(p["text"]) for p in top)
        if a >= 0:
            return dict(top[0], text=run[a:b].strip())
    return None


def _dates(res: dict[str, Any], dates: dict[str, Any]) -> None:
    if dates.get("start"):
        res["startDate"] = dates["start"]
        if dates.get("end") and not dates.get("current"):
            res["endDate"] = dates["end"]
    elif dates.get("end"):  # "– Sep 2022": the start was left empty
        res["endDate"] = dates["end"]


_DEGREE_SPLITS = (
    re.compile(r"\s+(?:in|en|em|im|in der|w zakresie|na kierunku|kierunek|di|in het)\s+", re.I),
    re.compile(r"\s*[,:]\s+|\s+[-–—]\s+"),
    re.compile(r"\s+(?:of|de|van)\s+(?!(?:science|sciences|arts|engineering|laws|business administration|"
               r"philosophy|technology|fine arts|education|commerce|medicine|music|applied sciences?)$)", re.I),
)


_DEGREE_OF = re.compile(
    r"^((?:bachelor|master|doctor|associate)(?:'?s)?\s+of\s+(?:applied\s+|fine\s+|political\s+)?"
    r"(?:science|sciences|arts|engineering|laws|business administration|philosophy|technology|education|"
    r"commerce|medicine|music|architecture|nursing))\b[\s,:–-]*(?:in\s+)?(.*)$", re.I)


_FUNCTION_WORDS = frozenset(("in", "of", "and", "de", "la", "le", "en", "et", "und", "der", "die", "das", "y", "e",
                             "di", "da", "do", "van", "het", "w", "i", "z", "the", "a", "an", "for", "to", "&"))


def _repeated_tail(text: str) -> tuple[str, str] | None:
    """Degree and field printed run together, the field repeating words of the degree:
    "Bachelor of Science in Computer Science Computer Science", "Kurs Java Java" →
    (everything before the repetition, the repeated words). The longest repetition wins."""
    words = text.split()
    fw = [fold(w).strip(",.;:()") for w in words]
    for n in range(min(5, len(words) // 2), 0, -1):
        tail = fw[-n:]
        if tail[0] in _FUNCTION_WORDS or not any(len(t) >= 2 and t not in _FUNCTION_WORDS for t in tail):
            continue  # a field does not start with "de"/"of": "… de Software" only shares words
        if any(fw[i:i + n] == tail for i in range(len(words) - 2 * n + 1)):
            head = _DANGLING.sub("", " ".join(words[:-n]).rstrip(" ,;:–-")).strip(" ,;:–-")
            if head:
                return head, " ".join(words[-n:])
    return None


def _split_degree(deg: str, repeated: bool = True) -> tuple[str, str] | None:
    """(studyType, area) from one piece naming both, or None."""
    rep = _repeated_tail(deg) if repeated else None
    if rep and len(rep[1].split()) >= 2:
        return rep  # a repeated phrase of several words is the field however the rest reads
    m = _DEGREE_OF.match(deg)
    if m:
        return (m.group(1), m.group(2).strip()) if m.group(2).strip() else None
    m = re.match(r"^(.+?)\s*(?:,|\(|\s[-–]\s)\s*([^,()]+?)\)?$", deg)
    if m and _degree_start(m.group(2)) and len(m.group(2).split()) <= 4 and not _degree_start(m.group(1)):
        return m.group(2).strip(), m.group(1).strip()  # "Mechanical Engineering, PhD"
    for rx in _DEGREE_SPLITS:
        cands = [m for m in rx.finditer(deg) if _degree_start(deg[:m.start()].strip()) and deg[m.end():].strip()]
        if cands:
            # "Formation … des applications en Swift in iOS": when the joiners differ, the
            # English/German "in" of the template joins degree and field
            m = next((c for c in cands if c.group(0).strip() == "in"), cands[0])
            return deg[:m.start()].strip(), deg[m.end():].strip()
    return rep


_EDU_LABEL = re.compile(r"(?i)^(score|gpa|note|grade|nota|ocena|cijfer|voto|courses?|cours|kurse|cursos|corsi|"
                        r"kursy|vakken|modules?|thesis|th[eè]se|tesi|tesis|abschlussarbeit|praca|scriptie|"
                        r"honou?rs|awards?|activities|focus|schwerpunkt)\b")


def education_entry(entry: Entry) -> dict[str, Any]:
    res = _education_fields(entry)
    if "studyType" not in res and "area" not in res and _degree_line_below(entry):
        # the degree line set in body type under the institution/dates line ("Kurs …" under
        # "Institution   2019 – 2020"): too long or plain to be taken for a title line
        res = _education_fields(Entry(header=entry.header + entry.body[:1], body=entry.body[1:],
                                      right=entry.right))
    return res


def _degree_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    ln = entry.body[0]
    t = clean(ln.text)
    if not t or len(t) > 110 or len(t.split()) > 16 or t.endswith((".", ";", ":", ",")) or _EDU_LABEL.match(t):
        return False
    if len(entry.body) > 1:
        nxt = entry.body[1]
        if continues(ln, nxt, entry.right):
            return False  # the first line of a wrapped paragraph: a description
        if not is_bullet(nxt) and (round(nxt.size, 1), nxt.bold, nxt.italic) == (round(ln.size, 1), ln.bold, ln.italic):
            return False  # one of several plain lines alike (labels, a text block), not a degree line
    return True


def _education_fields(entry: Entry) -> dict[str, Any]:
    ps, dates = pieces(entry.header, dash=False, right=entry.right)
    res: dict[str, Any] = {}
    rest = []
    for p in ps:
        if re.match(r"(?i)^(score|gpa|note|grade|nota|ocena|cijfer|voto)\s*:", p["text"]):
            res["score"] = p["text"].split(":", 1)[1].strip()
            continue
        if re.match(r"(?i)^(address|adresse|dirección|direccion|endereço|indirizzo|adres|website|web|city|country)\s*:",
                    p["text"]):
            continue
        loc = _loc(p)
        if loc and "location" not in res:
            res["location"] = p["text"]
            continue
        rest.append(p)
    rest = [q for p in rest for q in _degree_prefix(p)]
    schools = [i for i, p in enumerate(rest) if has_word(p["text"], INSTITUTION_WORDS)]
    # "Certificat d'université …" names a school word but is the degree
    inst_i = next((i for i in schools if not _degree_start(rest[i]["text"])),
                  schools[0] if schools and len(rest) == 1 else None)
    deg_i = next((i for i, p in enumerate(rest) if i != inst_i and (_degree_start(p["text"])
                                                                     or _split_degree(p["text"], False))), None)
    if deg_i is None:  # no degree word: a piece whose end repeats its own words names both
        deg_i = next((i for i, p in enumerate(rest) if i != inst_i and _repeated_tail(p["text"])), None)
    if inst_i is None:
        inst_i = next((i for i in range(len(rest)) if i != deg_i), None)
    if inst_i is not None:
        res["institution"] = rest[inst_i]["text"]
    others = [p["text"] for i, p in enumerate(rest) if i not in (inst_i, deg_i)]
    if deg_i is not None:
        deg = rest[deg_i]["text"]
        split = _split_degree(deg)
        if split:
            res["studyType"], res["area"] = split
        elif others:
            res["studyType"] = deg
            res["area"] = others.pop(0)
        else:
            res["studyType"] = deg
    elif others:
        res["area"] = others.pop(0)
    if res.get("studyType"):
        res["studyType"] = re.sub(r"(?i)\s+(in|en|em|of|de|di|im|w)$", "", res["studyType"]).strip()
    _dates(res, dates)
    for ln in entry.body:
        t = BULLET.sub("", clean(ln.text))
        m = re.match(r"(?i)^(score|gpa|note|grade|nota|ocena|cijfer|voto)\s*:\s*(.+)$", t)
        if m and "score" not in res:
            res["score"] = m.group(2).strip()
    summary, highlights = body_text(entry)
    courses = [h for h in highlights if not re.match(r"(?i)^(score|gpa|note|grade)\s*:", h)]
    if courses:
        res["courses"] = courses
    return res


def _degree_prefix(p: dict[str, Any]) -> list[dict[str, Any]]:
    """``Bachelor Northeastern University`` → ``Bachelor`` + ``Northeastern University``."""
    t = p["text"]
    if not _degree_start(t):
        return [p]
    m = _DEGREE_OF.match(t)
    head = m.group(1) if m else t[:_degree_len(t)]
    rest = t[len(head):].strip(" .,-–")
    if not rest or rest[:1].islower():  # "Certificat d'université …": the school word is part of the degree
        return [p]
    if has_word(rest, INSTITUTION_WORDS) or (not _split_degree(t) and (rest.isupper() or rest[:1].isupper())):
        return [dict(p, text=head.strip(" ,-–")), dict(p, text=rest)]
    return [p]


def _degree_len(text: str) -> int:
    """Length of the longest degree word/phrase ``text`` starts with (0 if none)."""
    return degree_len(text)


def _degree_start(text: str) -> bool:
    return degree_len(text) > 0
