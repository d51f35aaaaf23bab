"""Fields of one entry (work, education, volunteer, project…) from its header lines."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.body_model import predict_roles, rule_roles
from htdy.parsers.extract.dates import date_word, find_range
from htdy.parsers.extract.degrees import (
    AREA_PREFIX,
    LEVEL,
    cjk_degree_school,
    degree_label_split,
    degree_parentheses,
    degree_prefix,
    degree_start,
    listed_degree,
    names_degree,
    repeated_tail,
    score_split,
    split_degree,
)
from htdy.parsers.extract.degrees_cjk import strip_field_mark
from htdy.parsers.extract.header_pieces import (
    LABELLED,
    campus,
    legal_end,
    piece_place,
    pieces,
    place,
    place_split,
    region,
    title_like,
)
from htdy.parsers.extract.places import is_city
from htdy.parsers.extract.row_labels import SHORT_LABEL_KEY, row_label
from htdy.parsers.extract.structure import (
    BULLET,
    Entry,
    clean,
    continues,
    continues_first_cell,
    is_bullet,
)
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    ORG_WORDS,
    fold,
    has_word,
)
from htdy.parsers.layout.model import Line


def body_text(entry: Entry, learned: bool = False) -> tuple[str, list[str]]:
    """Description and highlights of an entry's body. ``learned``: the body-line model
    (``body_model``) decides which lines start a highlight; otherwise (or without a model) the
    bullet glyph and the indent decide."""
    body = [ln for ln in entry.body if clean(ln.text)]
    predicted = predict_roles(body) if learned else None
    roles = predicted[0] if predicted else rule_roles(body)
    roles = _numbered_roles(body, roles)
    summary: list[str] = []
    highlights: list[str] = []
    cur: list[str] = summary
    for ln, role in zip(body, roles, strict=True):
        t = clean(ln.text)
        if role == "B":
            highlights.append(BULLET.sub("", t))
            cur = highlights
        elif role == "I" and cur:
            cur[-1] = join_text(cur[-1], BULLET.sub("", t) if cur is highlights else t)
        else:
            summary.append(t)
            cur = summary
    return join_lines(summary), _unnumbered(highlights)


_ITEM_MARK = re.compile(r"(\d{1,2}|[a-z])[.)]\s+(?=\S)")


def _sequence(marks: list[str]) -> bool:
    ords = [int(x) if x.isdigit() else ord(x) - ord("a") + 1 for x in marks]
    return len(ords) >= 2 and ords[0] <= 9 and ords == list(range(ords[0], ords[0] + len(ords)))


def _numbered_roles(body: list[Line], roles: list[str]) -> list[str]:
    """Lines opening with 1., 2., 3. (or a), b), c)) in sequence each start a highlight."""
    marks = [_ITEM_MARK.match(clean(ln.text)) for ln in body]
    found = [m.group(1) for m in marks if m]
    if not _sequence(found) or all(r == "B" for r, m in zip(roles, marks, strict=True) if m):
        return roles
    # (a continuation line stays one, of the item now; anything else keeps its role)
    return ["B" if m else r for r, m in zip(roles, marks, strict=True)]


def _unnumbered(items: list[str]) -> list[str]:
    """A numbered list ("1. Led …", "2. Built …", or "a) …", "b) …") without its numbers."""
    marks = [_ITEM_MARK.match(t) for t in items]
    if len(items) < 2 or not all(marks) or not _sequence([m.group(1) for m in marks if m]):
        return items
    return [t[m.end():] for t, m in zip(items, marks, strict=True) if m]


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


def _labelled(entry: Entry) -> list[tuple[str, str]]:
    """The labelled rows of an entry, a value wrapped onto an unlabelled line joined to its row."""
    rows: list[tuple[str, str]] = []
    lines = entry.lines
    pending: str | None = None  # a label read as a line of its own (a label column split off)
    for i, ln in enumerate(lines):
        t = clean(ln.text)
        if not t:
            continue
        alone = SHORT_LABEL_KEY.get(fold(t).strip(" :："))
        if alone is None and i + 1 < len(lines) and row_label(t) == ("dates", "") \
                and find_range(clean(lines[i + 1].text)):
            alone = "dates"  # "Fechas" on a line of its own, the dates under it
        if alone and i + 1 < len(lines) and not SHORT_LABEL_KEY.get(fold(clean(lines[i + 1].text)).strip(" :：")):
            pending = alone
            continue
        if pending is not None:
            key, pending = pending, None
            if key != "dates" or find_range(t):
                rows.append((key, t))
                continue
        lab = row_label(t, ln.soft_cell_texts(0.6))
        if lab:
            rows.append(lab)
        elif rows and BULLET.match(t) and rows[-1][0] != "activities":
            rows.append(("bullet", BULLET.sub("", t).strip()))  # a list under the rows: highlights
        elif rows and rows[-1][0] in ("employer", "subjects", "school") and len(ln.cell_texts()) == 1 and (
                (re.search(r"[.!?]$", t) and len(t.split()) >= 3) or len(t.split()) >= 8):
            rows.append(("activities", t))  # a sentence under the rows, not the employer's name wrapped
        elif rows and rows[-1][0] in ("activities", "employer", "subjects", "school", "bullet"):
            rows[-1] = (rows[-1][0], (rows[-1][1] + " " + BULLET.sub("", t)).strip())
    return rows


def _labelled_work(rows: list[tuple[str, str]]) -> dict[str, Any]:
    res: dict[str, Any] = {}
    got = dict(reversed(rows))  # the first row of each label
    if got.get("employer"):
        parts = place_split({"text": got["employer"]})
        res["name"] = parts[0]["text"]
        if len(parts) > 1:
            res["location"] = parts[1]["text"]
    if got.get("position"):
        res["position"] = got["position"]
    r = find_range(got.get("dates", ""))
    if r:
        _dates(res, {"start": r.start, "end": r.end, "current": r.current})
    if got.get("place") and "location" not in res:
        res["location"] = got["place"]
    bullets = [v for k, v in rows if k == "bullet" and v]
    if got.get("activities"):
        items = [x.strip(" •-") for x in re.split(r";\s*|\s•\s", got["activities"]) if x.strip(" •-")]
        if len(items) > 1 or bullets:
            bullets = items + bullets
        else:
            res["summary"] = got["activities"]
    if bullets:
        res["highlights"] = bullets
    return res


def _wrapped_into_body(entry: Entry) -> Entry:
    """The header's last line wrapped onto a line the entry splitter left in the body (an
    employer's legal form, 'Manolesso-Albertini' / 's.r.l.', in the type of the employer, not of
    the title): it goes back into the header."""
    if entry.header and entry.body and continues_first_cell(entry.header[-1], entry.body[0]):
        return Entry(header=entry.header + entry.body[:1], body=entry.body[1:], right=entry.right)
    return entry


def work_entry(entry: Entry, position_slots: dict[tuple[int, int, bool, bool], int] | None = None
               ) -> dict[str, Any]:
    entry = _wrapped_into_body(entry)
    rows = _labelled(entry)
    if len({k for k, _ in rows} & {"position", "employer", "activities"}) >= 2:
        return _labelled_work(rows)
    if rows:  # a "Business or sector" row among ordinary lines names no field of ours
        def keep(ln: Line) -> bool:
            return (row_label(ln.text) or ("", ""))[0] not in ("sector", "level")
        entry = Entry(header=[ln for ln in entry.header if keep(ln)], body=[ln for ln in entry.body if keep(ln)],
                      right=entry.right)
    res = _work_fields(entry, position_slots)
    if "name" not in res and res.get("position") and _employer_line_below(entry):
        # the employer in body type under the title ("Senior Data Analyst" / "Northern Care
        # Alliance NHS Foundation Trust, Salford (United Kingdom)" / bullets)
        below = _work_fields(Entry(header=entry.header + entry.body[:1], body=entry.body[1:], right=entry.right),
                             position_slots)
        if below.get("name") and below.get("position") == res["position"]:
            res = below
    elif "position" not in res and res.get("name") and _title_line_below(entry):
        # employer, dates, then the job title in body type ("Luxoft" / "2015 – 2016" / "Lead iOS
        # Software Engineer" / description)
        below = _work_fields(Entry(header=entry.header + entry.body[:1], body=entry.body[1:], right=entry.right),
                             position_slots)
        if below.get("name") == res["name"] and below.get("position"):
            res = below
    return res


def _title_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    t = clean(entry.body[0].text)
    return 0 < len(t.split()) <= 8 and not t.endswith((".", ";", ":")) and title_like(t) \
        and not (len(entry.body) > 1 and continues(entry.body[0], entry.body[1], entry.right))


def _employer_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    t = clean(entry.body[0].text)
    sentence = t.endswith((";", ":")) or (t.endswith(".") and not legal_end(t) and len(t.split()) > 4)
    if not t or len(t.split()) > 12 or sentence or find_range(t) or not t[:1].isupper():
        return False
    if len(entry.body) > 1 and continues(entry.body[0], entry.body[1], entry.right):
        return False  # the first line of a paragraph
    ln = entry.body[0]
    # it reads as an organisation: its place after a comma, a legal form or company word,
    # set apart in bold/italics, or a short name
    return len(place_split({"text": t})) > 1 or legal_end(t) or has_word(t, ORG_WORDS) or ln.bold \
        or ln.italic or len(t.split()) <= 6


def _work_fields(entry: Entry, position_slots: dict[tuple[int, int, bool, bool], int] | None) -> dict[str, Any]:
    ps, dates = pieces(entry.header, right=entry.right)
    res: dict[str, Any] = {}
    rest = []
    # a bare city name is the employer when the header names its place apart already
    # ("Orange – Alternant administrateur réseau, Lannion")
    placed = any(p.get("place") or LABELLED.match(p["text"]) for p in ps)
    for p in ps:
        if re.match(r"(?i)^(address|adresse|dirección|direccion|endereço|indirizzo|adres|website|web)\s*:", p["text"]) \
                or date_word(p["text"]):
            continue
        loc = piece_place(p)
        if loc and placed and not p.get("place") and not LABELLED.match(p["text"]) and "," not in p["text"] \
                and not p.get("after_text") and is_city(p["text"]):
            loc = None
        if loc:
            lab = LABELLED.match(p["text"])
            val = lab.group(2) if lab else p["text"]
            if "location" not in res:
                res["location"] = val
            elif lab and lab.group(1).lower() not in ("city", "ort", "ville", "ciudad", "città", "citta", "cidade",
                                                      "miasto", "stad", "town"):
                res["location"] += ", " + val
        else:
            rest.append(p)
    titled = [i for i, p in enumerate(rest) if title_like(p["text"])
              and not has_word(p["text"], LEGAL_FORMS) and not legal_end(p["text"])]
    if len(titled) > 1:
        # a title set in bold or larger type, rather than a plain line that mentions a job
        # ("Charge nurse on night shifts" above the bold "Emergency Room Nurse")
        small = min(rest[i].get("size", 0.0) for i in titled)
        heavy = [i for i in titled if rest[i].get("bold") or rest[i].get("size", 0.0) > small + 0.4]
        if heavy and len(heavy) < len(titled):
            titled = heavy
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
        title_i = next((i for i, p in enumerate(rest) if slot(p) == best and not legal_end(p["text"])), None)
    if len(titled) > 1:
        res["_ambiguous"] = True
    if title_i is not None:
        res["position"] = rest[title_i]["text"]
        res["_slot"] = slot(rest[title_i]) if title_like(rest[title_i]["text"]) else None
        tline = rest[title_i].get("line", 0)
        # the employer is most likely named on the title's own line
        # then a line set apart in bold or italic, before plain text
        tjoined = rest[title_i].get("joined")

        def tail(p: dict[str, Any]) -> bool:
            # "Software developer / Team lead, Java & Angular" above the line "Tacta – …": what the
            # comma cut off the title names no employer when a line of its own can
            return bool(tjoined) and p.get("joined") == tjoined and not has_word(p["text"], ORG_WORDS) \
                and not legal_end(p["text"])
        whole = any(not p.get("joined") and p.get("line", 0) != tline and len(p["text"].split()) <= 6
                    for i, p in enumerate(rest) if i != title_i)
        others = sorted((p for i, p in enumerate(rest) if i != title_i),
                        key=lambda p: (whole and tail(p), p.get("line", 0) != tline, len(p["text"].split()) > 6,
                                       not (p.get("bold") or p.get("italic"))))
        org = _prominent(others, rest[title_i]) \
            or next((p for p in others if has_word(p["text"], ORG_WORDS) or legal_end(p["text"])), None) \
            or (others[0] if others else None)
        if org:
            res["name"] = _dash_rejoin(org, others)
        joined = rest[title_i].get("joined")
        if joined and not (org and org.get("joined") == joined):
            res["position"] = joined  # "Developer, Java & Angular": the comma did not separate an employer
        _place_tail(res, "name")
    elif rest:
        org_i = next((i for i, p in enumerate(rest) if has_word(p["text"], ORG_WORDS) or legal_end(p["text"])), 0)
        res["name"] = rest[org_i]["text"]
        others = [p for i, p in enumerate(rest) if i != org_i]
        if others:
            res["position"] = others[0]["text"]
    _dates(res, dates)  # (one date on a job stays both ends: CVs print a start or an end alone)
    summary, highlights = body_text(entry, learned=True)
    if summary:
        res["summary"] = summary
    if highlights:
        res["highlights"] = highlights
    return res


def _dash_rejoin(org: dict[str, Any], others: list[dict[str, Any]]) -> str:
    """The employer's own dash: "Tacta - The art of complexity Taming" on a line of its own was
    split at " - "; a piece right after it on the same run that names no job, place or date is
    the rest of the name."""
    text, run = org["text"], org.get("run", "")
    for p in others:
        if p is org or p.get("line") != org.get("line") or p.get("run") != run or p.get("place"):
            continue
        joined = f"{text} - {p['text']}"
        if joined in run and not title_like(p["text"]) and not piece_place(p) and find_range(p["text"]) is None:
            return joined
    return text


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


def _one_date(dates: dict[str, Any]) -> bool:
    """A single date, not a range ("2018", not "2018 – 2018")."""
    return bool(dates.get("start")) and dates.get("start") == dates.get("end") and not dates.get("current") \
        and len(re.findall(r"\d{4}", dates.get("text") or "")) < 2


def _dates(res: dict[str, Any], dates: dict[str, Any]) -> None:
    if dates.get("start"):
        res["startDate"] = dates["start"]
        if dates.get("end") and not dates.get("current"):
            res["endDate"] = dates["end"]
    elif dates.get("end"):  # "– Sep 2022": the start was left empty
        res["endDate"] = dates["end"]


def _place_tail(res: dict[str, Any], key: str) -> None:
    """``Buurtzorg Nederland, Houten`` with no place found yet: a short capitalised name after
    the last comma of the employer/institution is its place (gazetteer or not)."""
    val = res.get(key)
    if val and "location" not in res and " / " in val and ", " not in val:
        head, tail = val.rsplit(" / ", 1)  # "Kastamonu Entegre / İzmir": a known place after a slash
        if head and (is_city(tail) or place(tail)) and not title_like(tail):
            res[key], res["location"] = head, tail
        return
    if not val or "location" in res or ", " not in val or campus(val):
        return
    head, tail = val.rsplit(", ", 1)
    words = tail.split()
    if not head or not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words) or re.search(r"\d", tail) \
            or tail.isupper() or title_like(tail) or has_word(tail, ORG_WORDS) or legal_end(tail) \
            or has_word(tail, INSTITUTION_WORDS) or has_word(tail, DEGREE_WORDS) or place(head) or region(head):
        return
    res[key] = head
    res["location"] = tail


_EDU_LABEL = re.compile(r"(?i)^(score|gpa|note|grade|nota|ocena|cijfer|voto|courses?|cours|kurse|cursos|corsi|"
                        r"kursy|vakken|modules?|thesis|th[eè]se|tesi|tesis|abschlussarbeit|praca|scriptie|"
                        r"honou?rs|awards?|activities|focus|schwerpunkt)\b")


def _labelled_education(rows: list[tuple[str, str]]) -> dict[str, Any]:
    res: dict[str, Any] = {}
    got = dict(reversed(rows))
    if got.get("school"):
        parts = place_split({"text": got["school"]})
        res["institution"] = parts[0]["text"]
    deg = got.get("qualification", "")
    if deg:
        deg, score = score_split(deg)
        if score:
            res["score"] = score
        split = split_degree(deg)
        if split:
            res["studyType"], res["area"] = split
        else:
            res["studyType"] = deg
    if got.get("subjects") and "area" not in res:
        res["area"] = got["subjects"]
    degree_parentheses(res)
    if res.get("area"):
        res["area"] = AREA_PREFIX.sub("", res["area"]).strip() or res["area"]
    r = find_range(got.get("dates", ""))
    if r:
        _dates(res, {"start": r.start, "end": r.end, "current": r.current})
    return res


def education_entry(entry: Entry) -> dict[str, Any]:
    entry = _wrapped_into_body(entry)
    rows = _labelled(entry)
    if len({k for k, _ in rows} & {"qualification", "school", "subjects"}) >= 2:
        return _labelled_education(rows)
    res = _education_fields(entry)
    if "studyType" not in res and "area" not in res and _degree_line_below(entry):
        # the degree line set in body type under the institution/dates line ("Kurs …" under
        # "Institution   2019 – 2020"): too long or plain to be taken for a title line
        res = _education_fields(Entry(header=entry.header + entry.body[:1], body=entry.body[1:],
                                      right=entry.right))
    elif (not has_word(res.get("institution") or "", INSTITUTION_WORDS)) and _school_line_below(entry):
        # the school (and dates) in smaller type under the degree line ("Lisans, Endüstri
        # Mühendisliği" / "Boğaziçi Üniversitesi / 2012 / Score: 3.12"); also where the degree
        # line's rest was taken for the school ("Master 2 – Économie" / "École d'ingénieurs …")
        below = _education_fields(Entry(header=entry.header + entry.body[:1], body=entry.body[1:],
                                        right=entry.right))
        if below.get("institution") and ("institution" not in res
                                         or has_word(below["institution"], INSTITUTION_WORDS)):
            res = below
    return res


def _school_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    t = clean(entry.body[0].text)
    if not t or len(t.split()) > 16 or t.endswith((".", ";", ":")) or _EDU_LABEL.match(t):
        return False
    if len(entry.body) > 1 and continues(entry.body[0], entry.body[1], entry.right):
        return False  # the first line of a paragraph
    return has_word(t, INSTITUTION_WORDS) or bool(find_range(t))


def _degree_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    ln = entry.body[0]
    t = clean(ln.text)
    # a full stop ends a sentence, not an abbreviation ("BSc. - Chemical Eng.")
    sentence = t.endswith(".") and not re.search(r"(?:^|\s)[^\W\d]{1,4}\.$", t)
    if not t or len(t) > 110 or len(t.split()) > 16 or sentence or t.endswith((";", ":", ",")) or _EDU_LABEL.match(t):
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
        loc = piece_place(p)
        if loc and "location" not in res:
            res["location"] = p["text"]
            continue
        rest.append(p)
    rest = [r for p in rest for r in degree_label_split(p)]
    rest = [r for p in rest for r in listed_degree(p)]
    rest = [r for p in rest for r in _field_degree_school(p)]
    if not any(has_word(p["text"], INSTITUTION_WORDS) for p in rest):  # the school may be the part after a comma
        rest = [d for p in rest for d in _degree_field_school(p)]
    rest = [q for p in rest for q in degree_prefix(p)]
    rest = [q for p in rest for q in cjk_degree_school(p)]
    schools = [i for i, p in enumerate(rest) if has_word(p["text"], INSTITUTION_WORDS) or p.get("school")]
    # "Specialist degree Mathematics and Mechanics Faculty" above "Saint-Petersburg State University":
    # the school named on a line of its own, before the faculty named after the degree
    # and one that names no degree before one that does ("INGENIERÍA (MÁSTER UNIVERSITARIO)" has
    # a school word in "universitario")
    schools.sort(key=lambda i: (names_degree(rest[i]["text"]), bool(rest[i].get("after_degree"))))
    # "Certificat d'université …" names a school word but is the degree
    inst_i = next((i for i in schools if not degree_start(rest[i]["text"])),
                  schools[0] if schools and len(rest) == 1 else None)
    deg_i = next((i for i, p in enumerate(rest) if p.get("degree") and i != inst_i), None)
    if deg_i is None:
        deg_i = next((i for i, p in enumerate(rest) if i != inst_i and (degree_start(p["text"])
                                                                         or split_degree(p["text"], False))), None)
    if deg_i is None:  # no degree word: a piece whose end repeats its own words names both
        deg_i = next((i for i, p in enumerate(rest) if i != inst_i and repeated_tail(p["text"])), None)
    if inst_i is None:
        # not the degree's own field ("DUT Réseaux…", "Diplôme d'ingénieur, spécialité…"), when
        # another piece is there to name the school
        joined = rest[deg_i].get("joined") if deg_i is not None else None
        cands = [i for i in range(len(rest)) if i != deg_i]
        apart = [i for i in cands if not rest[i].get("field") and not (joined and rest[i].get("joined") == joined)
                 and not AREA_PREFIX.match(rest[i]["text"])]
        inst_i = (apart or cands)[0] if (apart or cands) else None
    if inst_i is not None:
        res["institution"] = rest[inst_i]["text"]
    others = [p["text"] for i, p in enumerate(rest) if i not in (inst_i, deg_i)]
    if deg_i is not None:
        deg = rest[deg_i]["text"]
        split = split_degree(deg)
        if split:
            res["studyType"], res["area"] = split
        elif others:
            res["studyType"] = deg
            res["area"] = others.pop(0)
        else:
            res["studyType"] = deg
    elif others:
        res["area"] = others.pop(0)
    for key in ("area", "studyType", "institution"):  # ("慶應義塾大学, GPA 3.5.")
        if res.get(key):
            val, score = score_split(res[key])
            if score:
                res[key] = val
                res.setdefault("score", score.rstrip("."))
    degree_parentheses(res)
    if res.get("area"):
        res["area"] = AREA_PREFIX.sub("", res["area"]).strip() or res["area"]
        res["area"] = LEVEL.sub("", res["area"]).strip() or res["area"]
        res["area"] = strip_field_mark(res["area"])
    m = re.search(r"\s+(\d{1,3}[.,]\d{1,2}|\d{2,3}\s?/\s?\d{2,3})$", res.get("institution", ""))
    if m and len(res["institution"][:m.start()].split()) >= 2:
        # a grade printed after the school ("Vysoké učení technické v Brně 1,5", "… 110/110")
        res.setdefault("score", m.group(1))
        res["institution"] = res["institution"][:m.start()]
    _place_tail(res, "institution")
    for key in ("institution", "area", "studyType"):  # what a date cut out of the line left at its edges
        if res.get(key):
            res[key] = res[key].strip(" ,;:|–—-") or res[key]
    if res.get("studyType"):
        res["studyType"] = re.sub(r"(?i)\s+(in|en|em|of|de|di|im|w)$", "", res["studyType"]).strip()
    if _one_date(dates):
        dates = {"end": dates["end"]}  # one date under a degree is when it was awarded ("2018", not "2018 – 2018")
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


def _field_degree_school(p: dict[str, Any]) -> list[dict[str, Any]]:
    """The field first, its degree in parentheses, then the school after a comma: "Informatica
    (Propedeuse), Hogeschool van Utrecht", "Informatik (M.Sc.), Universität Ulm"."""
    head, sep, tail = re.sub(r"\s*[、，]\s*", ", ", p["text"], count=1).partition(", ")  # (or a CJK comma)
    m = re.fullmatch(r"([^()]+?)\s*\(([^()]+)\)", head) if sep else None
    if not m or not degree_start(m.group(2)) or degree_start(m.group(1)) or not has_word(tail, INSTITUTION_WORDS) \
            or has_word(m.group(1), INSTITUTION_WORDS):
        return [p]
    return [dict(p, text=m.group(2).strip(), degree=True), dict(p, text=m.group(1).strip(), field=True),
            dict(p, text=tail, school=True)]


def _degree_field_school(p: dict[str, Any]) -> list[dict[str, Any]]:
    """``BSc Computer Science, MIT``, ``MSc Data Science, Stanford University``: a degree with
    its field, then after a comma the school (named or not: "MIT")."""
    t = p["text"]
    head, sep, tail = t.partition(", ")
    if not sep or not degree_start(head) or has_word(head, INSTITUTION_WORDS) or not tail[:1].isupper() \
            or has_word(tail, DEGREE_WORDS) or place(tail) or (region(tail) and not re.fullmatch(r"[A-Z]{3,6}", tail)):
        return [p]
    if re.search(r"\s(?:and|und|et|e|y|i|en|och|og|a|ve|и)\s", tail):
        return [p]  # "Amministrazione, Finanza e Controllo": the field goes on; a school is a name
    split = split_degree(head, False)
    if not split or has_word(split[1], INSTITUTION_WORDS):
        return [p]
    deg, field = split
    return [dict(p, text=deg, degree=True), dict(p, text=field, field=True), dict(p, text=tail, school=True)]


