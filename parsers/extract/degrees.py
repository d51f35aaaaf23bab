"""Degree lines: which part names the degree (studyType) and which its field (area), in every
language we read — joiners ("in", "en", "di", Swedish "i"), "Bachelor of Science", abbreviations
and honours in parentheses, CJK field + degree, a grade after the degree, the degree printed again
inside its field. Text in, text out: where the pieces come from is ``fields.py``'s business."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.degrees_cjk import split_cjk_degree
from htdy.parsers.extract.vocab import INSTITUTION_WORDS, degree_len, fold, has_word
from htdy.parsers.layout.chars import is_cjk

DANGLING = re.compile(r"(?i)\s+(?:in|of|en|em|w|di|im|at|bei|de|van)$")


_DEGREE_SPLITS = (
    re.compile(r"\s+(?:in|en|em|im|in der|w zakresie|na kierunku|kierunek|di|in het|i|inom|في|по направлению|"
               r"по специальности|v oboru|v odboru)\s+", re.I),
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


def repeated_tail(text: str) -> tuple[str, str] | None:
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
            head = DANGLING.sub("", " ".join(words[:-n]).rstrip(" ,;:–-")).strip(" ,;:–-")
            if head:
                return head, " ".join(words[-n:])
    return None


_COURSE_WORDS = tuple(fold(w) for w in (
    "formation", "formação", "formacion", "course", "curso", "kurs", "corso", "cursus", "cursos", "training",
    "certification", "certificat", "certificado", "certificate", "zertifikat", "certificazione",
    "certificaat", "certyfikat", "szkolenie", "schulung", "weiterbildung", "fortbildung", "bootcamp",
    "umschulung", "certificação", "certificacao"))


# a degree, its abbreviation, the field: "Master of Science - MSc, Statistics" (LinkedIn's export)
_DEGREE_ABBR_FIELD = re.compile(r"^(.+?)\s+[-–]\s+([A-Z][\w.'’]{1,10})\s*,\s*([^,]+)$")


# what follows a degree's name as part of it ("Associate Degree", "Bachelor Diploma"), no field
_GENERIC_DEGREE = frozenset(("degree", "diploma", "certificate", "abschluss", "diplôme", "diploma di laurea"))


def split_degree(deg: str, repeated: bool = True) -> tuple[str, str] | None:
    """(studyType, area) from one piece naming both, or None."""
    cjk = split_cjk_degree(deg)
    if cjk:
        return cjk
    m = _DEGREE_ABBR_FIELD.match(deg)
    if m and degree_start(m.group(1)) and degree_start(m.group(2)):
        return m.group(1).strip(), m.group(3).strip()  # "Bachelor of Science - BSc, Mathematics"
    rep = repeated_tail(deg) if repeated else None
    if rep and len(rep[1].split()) >= 2:
        return rep  # a repeated phrase of several words is the field however the rest reads
    m = _DEGREE_OF.match(deg)
    if m:
        return (m.group(1), m.group(2).strip()) if m.group(2).strip() else None
    m = re.match(r"^(.+?)\s*(?:,|\(|\s[-–]\s)\s*([^,()]+?)\)?$", deg)
    if m and degree_start(m.group(2)) and len(m.group(2).split()) <= 4 and not degree_start(m.group(1)):
        return m.group(2).strip(), m.group(1).strip()  # "Mechanical Engineering, PhD"
    for k, rx in enumerate(_DEGREE_SPLITS):
        cands = [m for m in rx.finditer(deg) if degree_start(deg[:m.start()].strip()) and deg[m.end():].strip()
                 and ((k < 2 and m.group(0).strip() != "i")  # (Swedish "i" only right after the degree:
                      or degree_phrase_len(deg[:m.start()].strip()) == len(deg[:m.start()].strip()))]  # Polish "and")
        if k == 2 and not cands and not rep:
            # "Master Management de l'événementiel": the field starts after an academic degree
            # word (a course's name runs on: "formation Node.Js avancé")
            n = degree_phrase_len(deg)
            tail = deg[n:].strip(" ,-–")
            uncased = tail[:1].isalpha() and tail[:1].lower() == tail[:1].upper()  # Arabic, Hebrew, CJK
            if n and (tail[:1].isupper() or uncased) and deg[n:n + 1] == " " \
                    and not has_word(deg[:n], _COURSE_WORDS) and fold(tail) not in _GENERIC_DEGREE:
                return deg[:n].strip(), tail
        if cands:
            # "Formation … des applications en Swift in iOS": when the joiners differ, the
            # English/German "in" of the template joins degree and field
            m = next((c for c in cands if c.group(0).strip() == "in"), cands[0])
            n = degree_phrase_len(deg)
            head = deg[:n]
            if k == 0 and m.group(0).strip() != "in" and n < m.start() and head.isupper() and len(head) <= 6 \
                    and deg[n:n + 1] == " " and deg[n:].strip()[:1].isupper():
                # "MBO Zorg en Welzijn": after a degree abbreviation, "en" is the field's "and"
                return head.strip(), deg[n:].strip()
            return deg[:m.start()].strip(), deg[m.end():].strip()
    return rep


# a qualification level printed after the field: "(niveau 4)", "(EQF level 6)", "(nível 5)"
LEVEL = re.compile(r"(?i)\s*\((?:eqf|nqf|eqr|kwalifikatie)?\s*(?:niveau|level|nivel|n[ií]vel|livello|poziom|stufe)"
                    r"\s*\d\)\s*$")


# words that announce the field of a degree ("spécialité Informatique", "kierunek: Informatyka")
AREA_PREFIX = re.compile(r"(?i)^(?:sp[ée]cialit[ée]|option|parcours|schwerpunkt|fachrichtung|studiengang|"
                          r"studium\s+(?:der|des)|studium|studies\s+in|study\s+of|[ée]tudes\s+(?:de|d')|"
                          r"estudios\s+de|estudos\s+de|studi\s+in|studia\s+na\s+kierunku|"
                          r"major(?:\s+in)?|speciali[sz]ation(?:\s+in)?|especialidad|especializa[çc][ãa]o(?:\s+em)?|"
                          r"specializzazione|indirizzo|richting|afstudeerrichting|specjalno[śs][ćc]|kierunek|"
                          r"field(?:\s+of\s+study)?)\s*:?\s+(?=\S)")


SCORE = re.compile(r"\s*[(,;]\s*((?:note|grade|gpa|nota|voto|ocena|cijfer|mention|score)\s*:?\s*[^()]*?|"
                    r"\d{2,3}\s*/\s*\d{2,3}(?:\s*(?:e|with|cum|con)\s+\w+)?|"
                    r"summa cum laude|magna cum laude|cum laude|con lode|e lode|mit auszeichnung|"
                    r"mention (?:très bien|bien|assez bien)|sehr gut|celující)\s*\)?\s*$", re.I)


def score_split(text: str) -> tuple[str, str | None]:
    """A grade printed after the degree: ``Ingegneria Informatica (110/110 e lode)``,
    ``Diplom-Informatiker (Note 1,7)`` → (text, grade)."""
    m = SCORE.search(text)
    if not m or not text[:m.start()].strip():
        return text, None
    score = re.sub(r"(?i)^(?:note|grade|gpa|nota|voto|ocena|cijfer|score)\s*:?\s*", "", m.group(1)).strip()
    return text[:m.start()].strip(" ,;"), score or None


_HONOURS = re.compile(r"(?i)^(?:hons\.?|honou?rs|with honou?rs|ord\.?|ordinary|general)$")


def _degree_ish(text: str) -> bool:
    """"Hons", "Honours", "B.Sc.", "M.A.": what a degree carries in parentheses after its name."""
    t = text.strip()
    return bool(_HONOURS.match(t)) or (0 < degree_phrase_len(t) and degree_phrase_len(t) >= len(t.rstrip(".")) - 1)


def cjk_degree_school(p: dict[str, Any]) -> list[dict[str, Any]]:
    """"计算机科学与技术专业 本科, 深圳工业大学": a CJK field and degree, then the school after a comma."""
    head, sep, school = p["text"].rpartition(",")
    if not sep:
        head, sep, school = p["text"].rpartition("，")
    head, school = head.strip(), school.strip()
    if not sep or not head or not has_word(school, INSTITUTION_WORDS) or not split_cjk_degree(head):
        return [p]
    return [dict(p, text=head, degree=True), dict(p, text=school, after_degree=True)]


def drop_repeated_degree(res: dict[str, Any]) -> None:
    """The degree printed again inside its field: "Psychologia (lic.)", "Doctoraal Informatica",
    "Endüstri Mühendisliği Yüksek Lisans" beside studyType "lic." / "Doctoraal" / "Yüksek Lisans"."""
    area, deg = res.get("area") or "", res.get("studyType") or ""
    if not area or not deg:
        return
    fa, fd = fold(area), fold(deg)
    if fa == fd:
        if degree_start(deg):
            del res["area"]  # "Lisans" / "Lisans": the degree twice, no field
        return
    if len(fa) != len(area):
        return  # (the match below is placed on the folded text)
    for rx in (rf"^\(?{re.escape(fd)}\)?[\s,:–-]+(.+)$", rf"^(.+?)[\s,:–-]*\(?{re.escape(fd)}\)?$"):
        m = re.match(rx, fa)
        if m and m.group(1).strip(" ,:–-"):
            a, b = m.span(1)
            res["area"] = area[a:b].strip(" ,:–-")  # (fold keeps the length of these scripts' text)
            return


def degree_parentheses(res: dict[str, Any]) -> None:
    """Parentheses at the seam of degree and field: "B.Sc. (Hons) Computer Science", "Bachelor of
    Arts (Honours), Psychology", "Bachelor of Science (B.Sc.) Informatik" keep the parenthesis with the
    degree; "Diplom-Kaufmann (Betriebswirtschaftslehre)" and "(Electrical Engineering)" hold the field."""
    area, deg = res.get("area") or "", res.get("studyType") or ""
    m = re.match(r"^\(([^()]{1,24})\)\s*[,:–-]?\s*(.*)$", area)
    if m and deg and _degree_ish(m.group(1)) and m.group(2):
        res["studyType"], res["area"] = f"{deg} ({m.group(1).strip()})", m.group(2).strip()
        return
    m = re.match(r"^\(([^()]+)\)$", area.strip())
    if m:
        res["area"] = m.group(1).strip()
        return
    m = re.match(r"^(.+?)\s*\(([^()]{1,60})\)\s*[,:–-]?\s*(.*)$", deg)
    if area or not m or not degree_start(m.group(1)):
        return
    inner, tail = m.group(2).strip(), m.group(3).strip()
    if _degree_ish(inner) and tail:
        res["studyType"], res["area"] = f"{m.group(1).strip()} ({inner})", tail
    elif not tail and not _degree_ish(inner) and not SCORE.search(f"({inner})") and not re.search(r"\d", inner) \
            and not is_cjk(inner[:1]):  # (学士（工学）: the field in parentheses is the degree's own name)
        res["studyType"], res["area"] = m.group(1).strip(), inner


_DEGREE_LABEL = re.compile(r"(?i)(?:^|,\s*|;\s*)(?:abschluss|degree|dipl[oô]me obtenu|titre|t[ií]tulo|titolo|tytu[łl]|"
                           r"graad|grau|qualification)\s*:\s*")


def degree_label_split(p: dict[str, Any]) -> list[dict[str, Any]]:
    """``Studium der Informatik, Abschluss: Diplom-Informatiker`` → the field, the degree;
    ``Licence – Université Lumière Lyon 2`` (one line, a dash) → the degree, the school."""
    t = p["text"]
    m = _DEGREE_LABEL.search(t)
    if m and t[m.end():].strip():
        head = t[:m.start()].strip(" ,;")
        out = [dict(p, text=head, field=True)] if head else []
        return out + [dict(p, text=t[m.end():].strip(), degree=True)]
    m = re.search(r"\s+(?:at|@|bei|an der|chez|presso)\s+(?=[A-ZÀ-Þ])", t)
    if m and degree_start(t) and not degree_start(t[m.end():]):
        # "Bachelor in Information Technology at Faculty of …": degree (and field) at the school
        return [dict(p, text=t[:m.start()].strip()), dict(p, text=t[m.end():].strip())]
    parts = re.split(r"\s+[–—-]\s+", t)
    if len(parts) == 2 and all(parts):
        a, b = parts
        if (degree_start(a) and not degree_start(b) and not has_word(a, INSTITUTION_WORDS)) or \
                (degree_start(b) and has_word(a, INSTITUTION_WORDS) and not has_word(b, INSTITUTION_WORDS)):
            return [dict(p, text=a), dict(p, text=b)]
    return [p]


def listed_degree(p: dict[str, Any]) -> list[dict[str, Any]]:
    """"Psychologie, MSc, Technische Universiteit Delft": field, degree and school listed with commas
    in any order — one part a degree and nothing else, one naming a school."""
    parts = [x.strip() for x in p["text"].split(", ")]
    if not 2 <= len(parts) <= 3 or not all(parts) or p.get("degree") or p.get("school"):
        return [p]
    deg = [i for i, x in enumerate(parts) if degree_phrase_len(x.replace("-", " ")) == len(x)]  # ("HBO-bachelor")
    school = [i for i, x in enumerate(parts) if has_word(x, INSTITUTION_WORDS) and i not in deg]
    if len(deg) != 1 or len(school) != 1:
        return [p]
    out = []
    for i, x in enumerate(parts):
        kind = "degree" if i in deg else "school" if i in school else "field"
        out.append(dict(p, text=x, **{kind: True}))
    return out


def degree_prefix(p: dict[str, Any]) -> list[dict[str, Any]]:
    """``Bachelor Northeastern University`` → ``Bachelor`` + ``Northeastern University``."""
    t = p["text"]
    if not degree_start(t):
        return [p]
    m = _DEGREE_OF.match(t)
    head = m.group(1) if m else t[:degree_phrase_len(t)]
    if t[len(head):len(head) + 1] == "-":
        return [p]  # "Diplom-Informatiker": one word
    if t[len(head):len(head) + 1] == "." and head[-2:-1] == ".":
        head += "."  # "B.A." keeps its last dot
    rest = t[len(head):].strip(" .,-–")
    joined = re.match(r"(?i)^(?:in|of|en|em|in der|im|w|v|i)\s+(?=[^\W\d_])", rest)
    if joined and ", " in rest:
        # "B.A. in Physics and Mathematics, Harvard University": degree in field, then the school
        field, _, school = rest[joined.end():].rpartition(", ")
        if field and has_word(school, INSTITUTION_WORDS) and not has_word(field, INSTITUTION_WORDS):
            return [dict(p, text=head.strip(" ,-–"), degree=True), dict(p, text=field, field=True),
                    dict(p, text=school, after_degree=True)]
    if re.match(r"[а-яё]{3}", rest) and re.match(r"[А-ЯЁ]", head) and "," not in rest and not split_degree(t):
        # "Магистр прикладной математики": the field follows a Russian degree in the genitive
        return [dict(p, text=head.strip(" ,-–"), degree=True), dict(p, text=rest, field=True)]
    if not rest or rest[:1].islower() or fold(rest) in _GENERIC_DEGREE:
        return [p]  # "Certificat d'université …": the school word is part of the degree; "Associate Degree"
    if has_word(rest, INSTITUTION_WORDS):
        field, sep, school = rest.rpartition(", ")
        if sep and field and has_word(school, INSTITUTION_WORDS) and not has_word(field, INSTITUTION_WORDS):
            # "MSc Data Science, Stanford University": the field, then the school
            return [dict(p, text=head.strip(" ,-–"), degree=True), dict(p, text=field, field=True),
                    dict(p, text=school, after_degree=True)]
        return [dict(p, text=head.strip(" ,-–")), dict(p, text=rest, after_degree=True)]
    if not split_degree(t) and (rest.isupper() or rest[:1].isupper()):
        # "DUT Réseaux et Télécommunications": the rest is the degree's field, not a school
        return [dict(p, text=head.strip(" ,-–")), dict(p, text=rest, field=not rest.isupper())]
    return [p]


def degree_phrase_len(text: str) -> int:
    """Length of the longest degree word/phrase ``text`` starts with (0 if none); a level
    word followed by the degree counts as one (``WO Master``, ``HBO Bachelor``)."""
    n = degree_len(text)
    if n:
        rest = text[n:]
        m = degree_len(rest.lstrip())
        if m and rest[:1] == " ":
            n += len(rest) - len(rest.lstrip()) + m
    return n


def degree_start(text: str) -> bool:
    return degree_len(text) > 0


def names_degree(text: str) -> bool:
    """A degree word or phrase starts at one of the text's words."""
    return any(degree_len(text[m.start():]) > 0 for m in re.finditer(r"(?<![\w.])\w", text))


