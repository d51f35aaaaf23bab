"""Conventions of academic CVs the entry readers share: the notes under a degree ("Thesis: …",
"Advisor: …") and the department or faculty printed before the university in one line ("Postdoctoral
Fellow, Department of Physics, University of Bristol", "PhD – Physics, University of Bristol")."""
from __future__ import annotations

import re

from htdy.parsers.extract.structure import Entry, clean
from htdy.parsers.extract.vocab import INSTITUTION_WORDS, fold, has_word

# a labelled note under a degree or a position: never the degree, the field or the school
NOTE_LABEL = re.compile(
    r"(?i)^\W{0,3}(?:(?:ph\.?d\.?|doctoral|master'?s?|bachelor'?s?|diploma)\s+)?(?:thesis|dissertation|thesis title|"
    r"title of (?:the )?thesis|advis[oe]rs?|co-?advis[oe]rs?|supervisors?|co-?supervisors?|committee|"
    r"betreuer(?:in)?|doktorvater|doktormutter|gutachter(?:in)?|thema|titel der arbeit|th[eè]se|sujet|"
    r"direct(?:eur|rice) de th[eè]se|direction|co-?direction|tesis|t[ií]tulo de la tesis|director(?:a|es)?|"
    r"tesi|relatore|relatrice|supervisore|tese|disserta[cç][aã]o|orientador(?:a)?|proefschrift|scriptie|"
    r"promotor(?:en)?|copromotor|rozprawa(?: doktorska)?|praca(?: magisterska| doktorska)?|"
    r"тема(?: диссертации)?|научный руководитель|论文题目|导师|指導教員|論文題目)\s*[:：]")

# the first words of a department, faculty or chair inside a university
_UNIT = re.compile(
    r"(?i)^(?:the\s+)?(?:department|dept\.?|school|faculty|division|institute|laboratory|lab|centre|center|"
    r"chair|research group|group|unit|afdeling|faculteit|vakgroep|instituut|fakult[äa]t|lehrstuhl|institut|"
    r"fachbereich|abteilung|arbeitsgruppe|d[ée]partement|laboratoire|facult[ée]|unit[ée]|[ée]cole doctorale|"
    r"departamento|facultad|instituto|dipartimento|facolt[àa]|istituto|faculdade|wydzia[łl]|katedra|"
    r"zak[łl]ad|instytut|кафедра|факультет|институт)\b")


def notes_to_body(entry: Entry) -> Entry:
    """Header lines from the first labelled note on ("Thesis: …" under "PhD, University, 2015") go to
    the entry's body."""
    for i, ln in enumerate(entry.header[1:], start=1):
        if NOTE_LABEL.match(clean(ln.text)):
            return Entry(header=entry.header[:i], body=entry.header[i:] + entry.body, right=entry.right)
    return entry


def _unit(part: str) -> bool:
    return bool(_UNIT.match(part))


def drop_department(name: str, area: str | None = None) -> str:
    """"Department of Physics, University of Bristol" -> "University of Bristol"; also a field of
    study glued before the school ("Physics, University of Bristol" when the field is Physics) and a
    department after it ("University of Glasgow, School of Physics")."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2:
        return name
    schools = [i for i, p in enumerate(parts) if has_word(p, INSTITUTION_WORDS) and not _unit(p)]
    if not schools:
        return name
    k = schools[0]
    head, tail = parts[:k], parts[k + 1:]
    area_f = fold(area or "")
    if not all(_unit(p) or (area_f and fold(p) == area_f) for p in head):
        return name
    while tail and _unit(tail[-1]):
        tail.pop()
    return ", ".join([parts[k], *tail])


_TEACHING = re.compile(r"teach|lehr|enseign|docen|didatt|didact|onderwijs|dydakty|препода|教学|授業")


def teaching_course(heading: str, entry: dict[str, str]) -> bool:
    """Under a teaching heading (read as work, for "Teaching Assistant, University of X"), a line with
    no job title and no school or firm names a course taught ("Linear Algebra (Tutorial), 2019"),
    not an employer."""
    from htdy.parsers.extract.header_pieces import legal_end
    from htdy.parsers.extract.vocab import ORG_WORDS

    name = re.sub(r"\([^()]*\)", " ", entry.get("name") or "")  # (the course's kind: "(Werkcollege)")
    return bool(_TEACHING.search(fold(heading))) and not entry.get("position") and not (
        has_word(name, INSTITUTION_WORDS) or has_word(name, ORG_WORDS) or legal_end(name))
