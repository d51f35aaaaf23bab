"""Fields of one entry (work, education, volunteer, project…) from its header lines."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from htdy.parsers.extract.body_model import predict_roles, rule_roles
from htdy.parsers.extract.contacts import is_remote, location_from
from htdy.parsers.extract.dates import _MON, CJK_DURATION, DURATION, date_only, find_range, is_present
from htdy.parsers.extract.degrees import (
    AREA_PREFIX,
    DANGLING,
    LEVEL,
    cjk_degree_school,
    degree_label_split,
    degree_parentheses,
    degree_phrase_len,
    degree_prefix,
    degree_start,
    listed_degree,
    names_degree,
    repeated_tail,
    score_split,
    split_degree,
)
from htdy.parsers.extract.degrees_cjk import strip_field_mark
from htdy.parsers.extract.places import is_city, is_region
from htdy.parsers.extract.row_labels import SHORT_LABEL_KEY, row_label
from htdy.parsers.extract.structure import (
    BULLET,
    Entry,
    clean,
    continues,
    continues_first_cell,
    is_bullet,
    merge_wrapped,
)
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    LEVEL_WORDS,
    ORG_WORDS,
    TITLE_WORDS,
    fold,
    has_word,
)
from htdy.parsers.layout.chars import is_cjk
from htdy.parsers.layout.model import Line

# (the word for "at" between a job title and its employer: at, bei, chez, bij, presso, på, hos)
# (Czech/Slovak "v", Polish "w" only before a capital: "Analityk w Google", not "Učitel v mateřské
# škole"; not "ve", which is Turkish "and")
_SEP = re.compile(r"\s+[|•·–—]\s+|\s+-\s+|\s+@\s+|\s+(?:at|bei|chez|bij|presso|på|hos)\s+(?=[^\W\d_])"
                  r"|\s+(?:v|w)\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽĄĆĘŁŃŚŹŻ])|\s*\|\s*")
_LEAD_AT = re.compile(r"(?i)^(?:at|@|bei|chez|presso|bij|på|hos)\s+(?=\S)|^(?:v|w)\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽĄĆĘŁŃŚŹŻ])")
_URL = re.compile(r"(?i)^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/\S*)$")  # not "Mail.ru", "Booking.com"
_EN = re.compile(r"\s+en\s+(?=[A-Z])")


_ORG_SET = frozenset(ORG_WORDS)


def _word_width(ln: Line) -> float:
    """How wide the line's first word is (did it fit at the end of the line above?)."""
    sp = ln.spans[0]
    text = sp.text.strip()
    return (sp.x1 - sp.x0) * len(text.split()[0]) / len(text) if text else 0.0


_MONTH_END = re.compile(rf"(?<![^\W\d_])\s*({_MON})\s*$", re.I)


def _month_wrapped(lines: list[Line]) -> list[Line]:
    """A date range broken after its first month ("…Васильев» февр." / "2012 -- февр. 2016"): the
    month goes to the start of the next line, where its year is."""
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        m = _MONTH_END.search(a.spans[-1].text) if a.spans else None
        if not m or not b.spans or not re.match(r"\s*(?:19|20)\d{2}\b", b.spans[0].text) or not m.start(1):
            continue
        last = dataclasses.replace(a.spans[-1], text=a.spans[-1].text[:m.start()])
        first = dataclasses.replace(b.spans[0], text=f"{m.group(1)} {b.spans[0].text.lstrip()}")
        out[i] = dataclasses.replace(a, spans=[*a.spans[:-1], last])
        out[i + 1] = dataclasses.replace(b, spans=[first, *b.spans[1:]])
    return out


def _title(text: str) -> bool:
    """The text names a job. A company word names none, even where a job word is its stem
    (Polish "technolog" in "HCL Technologies"): it is left out before the job words are sought."""
    return has_word(" ".join(w for w in text.split() if fold(w).strip(".,;:()") not in _ORG_SET), TITLE_WORDS)


def _split_en(parts: list[str]) -> list[str]:
    """Spanish "Desarrollador en Acme" (title *en* employer) — not the Dutch "and" inside a
    name ("BAM Bouw en Techniek"): split only after a job title."""
    out: list[str] = []
    for part in parts:
        m = _EN.search(part)
        if m and _title(part[:m.start()]) and not _title(part[m.end():]):
            out += [part[:m.start()], part[m.end():]]
        else:
            out.append(part)
    return out
_OPEN_AND = re.compile(r"(?i)\s(?:and|und|et|y|e|i|&)$")
_SEP_NO_DASH = re.compile(r"\s+[|•·—]\s+|\s*\|\s*")
_FULL_STOP = re.compile(r"(?<=\w)\.\s+(?=[A-ZÀ-Ý])")


# words CVs abbreviate with a full stop ("Dipl.-Kaufm.", "techn. Assistent", "staatl. geprüft")
_ABBREVIATED = frozenset("inform techn staatl kaufm betriebsw wirtsch angew allgem prakt pharm chem".split())


def _sentence_split(part: str) -> list[str]:
    """A sentence's full stop between fields ("Banco Santander. Puesto: Analista", "…de Empresas.
    Universidad Complutense"): only after a plain word of five letters or more, so "S.A. Madrid",
    "Inc. Boston", "Prof. Dr. Müller" and "Dipl.-Inform. Medieninformatik" stay whole."""
    out, start = [], 0
    for m in _FULL_STOP.finditer(part):
        word = part[:m.start()].rsplit(None, 1)[-1] if part[:m.start()].strip() else ""
        if len(word) >= 5 and word.isalpha() and word[1:].islower() and fold(word) not in _ABBREVIATED \
                and not _legal_end(word + "."):
            out.append(part[start:m.start()])
            start = m.end()
    out.append(part[start:])
    return [x for x in out if x.strip()]


_CJK_UNIT = re.compile(r"\s*[年月日년월일]")
_CJK_UNIT_END = re.compile(r"[年月日년월일]\s*$")


def pieces(lines: list[Line], dash: bool = True, right: float = 0.0) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Text pieces of header lines (split at cells, style changes and separators),
    with the date range found among them."""
    out: list[dict[str, Any]] = []
    dates: dict[str, Any] = {}
    merged = _month_wrapped(merge_wrapped(lines, right))
    edge = right or max((ln.x1 for ln in merged), default=0.0)
    for li, ln in enumerate(merged):
        bullet = bool(BULLET.match(ln.text))
        text_before = False  # a text (not date) cell earlier on this line
        for ci, spans in enumerate(ln.cell_spans()):
            if ci > 0 and not text_before:
                prev_text = clean("".join(x.text for x in ln.cell_spans()[ci - 1]))
                text_before = bool(prev_text) and not date_only(prev_text) and not is_present(prev_text) \
                    and not DURATION.fullmatch(prev_text) and not CJK_DURATION.fullmatch(prev_text)
            groups: list[list[Any]] = []
            prev = None
            for s in spans:
                key = (s.bold, s.italic)
                wide = prev is not None and s.x0 - prev.x1 > 0.8 * max(s.size, 1.0)
                # a CJK date's digits and units come in two fonts, one slanted or bold and one not
                # ("2017 年 10 月" in italics): they stay one run
                cjk_date = bool(groups) and not wide and bool(
                    (_CJK_UNIT.match(s.text) and re.search(r"\d\s*$", groups[-1][1]))
                    or (re.match(r"\s*\d", s.text) and _CJK_UNIT_END.search(groups[-1][1])))
                # a run of marks alone (the bold "(" and ")" of "(주) 원더자동차", a separator in
                # another type) sets no field apart: it goes with the text around it
                marks = not re.search(r"\w", s.text)
                lone = bool(groups) and not re.search(r"\w", groups[-1][1])
                if groups and (groups[-1][0] == key or cjk_date or marks or lone) and not wide:
                    if lone:
                        groups[-1][0] = key
                    groups[-1][1] += s.text
                    groups[-1][3] = max(groups[-1][3], s.size)
                else:
                    groups.append([key, s.text, s.x0, s.size])
                prev = s
            # groups that hold text of their own (a date or a lone separator set in another
            # type does not make the line "styled": "**Acme, Developer** 2011 — 2012")
            texts = sum(1 for g in groups if re.search(r"[^\W\d]", g[1])
                        and not date_only(clean(g[1])) and not is_present(clean(g[1]).strip(" –—-")))
            for (bold, italic), text, gx, gsize in groups:
                t = re.sub(r"[\ufffe\u00ad\x02]\s*", "", clean(text))  # a word hyphenated at a wrapped line end
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
                parts = _split_en(_SEP.split(t)) if dash else _SEP_NO_DASH.split(t)
                if dash and bold and len(groups) > 1 and len(parts) > 1 and not any(
                        _title(x) or _loc({"text": _strip_piece(x)}) for x in parts):
                    # typography already separates the fields of this line: a dash inside its
                    # bold run ("Tacta - The art of …") splits it only to set off a title or a place
                    parts = _SEP_NO_DASH.split(t)
                elif dash and texts > 1 and len(parts) > 1:
                    parts = _split_en(_dash_parts(t))
                for part in (q for x in parts for q in _sentence_split(x)):
                    # (the Arabic comma separates as the Latin one does)
                    p = DANGLING.sub("", _strip_piece(part)).replace("\u060c", ",")
                    led = False
                    if out or li or ci:
                        # "Senior Engineer" + "at Cinch Financial" set apart by type: the joiner
                        # belongs to neither field
                        led = bool(_LEAD_AT.match(p))
                        p = _LEAD_AT.sub("", p)
                    prev_p = out[-1] if out else None
                    # (a line's last field wraps to the line's margin: "Product Manager, Sgalambro,
                    # Crespi e" / "Gori e figli")
                    under = prev_p is not None and (
                        (prev_p["line"] == li - 1 and ci == 0 and min(abs(prev_p["x0"] - gx), abs(prev_p["lx0"] - gx)) < 3)
                        or (prev_p["line"] == li and gx < prev_p["x0"] - 3  # (a wrap merge_wrapped joined)
                            and (prev_p["bold"], prev_p["italic"]) == (bold, italic)))
                    if prev_p is not None and p and not led and under and _OPEN_AND.search(prev_p["text"]) \
                            and prev_p["text"] == _strip_piece(
                                [x for x in prev_p["run"].split("|") if x.strip()][-1]):
                        # a narrow column wrapped after "and" ("Masters in Marketing and" / "Management")
                        prev_p["text"] += " " + p
                        continue
                    if prev_p is not None and p[:1].islower() and not led and prev_p["line"] == li - 1 and ci == 0 \
                            and abs(prev_p["lx0"] - gx) < 3 and prev_p["lx1"] + _word_width(ln) > edge \
                            and fold(p.split()[0]) not in LEVEL_WORDS and len(p.split()) <= 4 \
                            and re.search(r",\s*" + re.escape(prev_p["text"]) + r"\W*$", prev_p["run"]) \
                            and (prev_p["bold"], prev_p["italic"]) == (bold, italic) and prev_p["text"] == _strip_piece(
                                [x for x in prev_p["run"].split("|") if x.strip()][-1]):
                        # a full line wrapped inside its last field ("…, Новосибирский" / "государственный
                        # университет"): the lower-case line goes on with it
                        prev_p["text"] += " " + p
                        continue
                    if _URL.match(p):
                        continue  # the employer's web address names no field
                    if DURATION.fullmatch(p) or CJK_DURATION.fullmatch(p):
                        continue  # "5 ans 7 mois", "2 yrs 3 mos", "3年": how long, not a field
                    if p and not re.fullmatch(r"[\W\d]*", p):
                        if re.match(r"^(of|in|and|und|et|y|e|de|di|en)\s", p) and out:
                            # the wrapped end of a narrow cell ("Bachelor" / "of Science")
                            above = [q for q in out if q["line"] < li and abs(q["x0"] - gx) < 3]
                            if above:
                                above[-1]["text"] = _insert_wrapped(above[-1]["text"], p)
                                continue
                        out.append({"text": p, "bold": bold, "italic": italic, "size": gsize,
                                    "cell": ci, "line": li, "x0": gx, "lx0": ln.x0, "lx1": ln.x1, "styled": texts > 1,
                                    "after_text": text_before and ci > 0, "run": t})
    # "Company, City (Country)": the place after the comma is set apart; then "Company,
    # Position" inside one piece: split at the comma that separates a title
    final: list[dict[str, Any]] = []
    for piece in out:
        for q in _place_split(piece):
            final.extend([q] if q.get("place") else _comma_split(q))
    return final, dates


# country names as CVs print them in the eight languages (beside an English gazetteer)
_COUNTRIES = frozenset(fold(c) for c in (
    "Deutschland", "Germany", "Allemagne", "Alemania", "Alemanha", "Germania", "Duitsland", "Niemcy",
    "Österreich", "Austria", "Autriche", "Oostenrijk", "Schweiz", "Suisse", "Svizzera", "Switzerland", "Suiza",
    "Zwitserland", "Szwajcaria", "France", "Frankreich", "Francia", "França", "Frankrijk", "Francja",
    "España", "Spain", "Spanien", "Espagne", "Espanha", "Spagna", "Spanje", "Hiszpania", "Portugal",
    "Portogallo", "Portugalia", "Italia", "Italy", "Italien", "Italie", "Itália", "Italië", "Włochy",
    "Nederland", "Netherlands", "Niederlande", "Pays-Bas", "Países Bajos", "Países Baixos", "Paesi Bassi",
    "Holandia", "Holland", "België", "Belgique", "Belgium", "Belgien", "Bélgica", "Belgio", "Belgia",
    "Polska", "Poland", "Polen", "Pologne", "Polonia", "Polônia", "Polónia", "United Kingdom", "UK",
    "Royaume-Uni", "Reino Unido", "Regno Unito", "Verenigd Koninkrijk", "Vereinigtes Königreich",
    "Wielka Brytania", "England", "Scotland", "Ireland", "Irlanda", "Irland", "Irlande", "Ierland",
    "USA", "U.S.", "US", "United States", "Estados Unidos", "États-Unis", "Stati Uniti", "Verenigde Staten",
    "Brasil", "Brazil", "Brasilien", "Brésil", "Brasile", "Brazylia", "Luxembourg", "Luxemburg",
    "Lussemburgo", "Canada", "Kanada", "México", "Mexico", "Argentina", "Chile", "Colombia", "Perú",
    "Czech Republic", "Česko", "Czechy", "Danmark", "Denmark", "Sverige", "Sweden", "Norge", "Norway",
))


def _region(text: str) -> bool:
    t = text.strip(" .()")
    return bool(re.fullmatch(r"[A-Z]{2,3}", t)) or fold(t) in _COUNTRIES or is_region(t)


def _place(text: str) -> bool:
    """A city as printed after an employer: ``Preston (United Kingdom)``, ``São Paulo - SP``,
    ``Austin`` — the name must be in the gazetteer."""
    t = text.strip()
    m = re.fullmatch(r"(.+?)\s*\(([^()]{2,40})\)", t)
    if m:
        t = m.group(1)
        if _region(m.group(2)) and 1 <= len(t.split()) <= 3 and t[:1].isupper() and not re.search(r"\d", t):
            return not _title(t)  # "Torino (Italia)": a name followed by its country
    m = re.fullmatch(r"(.+?)\s+[-–]\s+([A-Z]{2,3})", t)
    if m:
        t = m.group(1)
    return is_city(t) and not _title(t)


_LEGAL_END = re.compile(r"(?i)(?:\b(?:gmbh(?: & co\.? kg)?|kg|ag|se|ltd|llc|inc|plc|corp|sas|sasu|sarl|srl|spa|s\.p\.a|"
                        r"s\.r\.l|s\.a|sa|s\.l|sl|s\.l\.u|slu|s\.l\.n\.e|s\.com|s\.coop|s\.a\.u|s\.a\.s|s\.c|"
                        r"lda|ltda|b\.v|bv|n\.v|nv|oy|ab|as|sp\. ?z o\.o|s\.r\.o|"
                        r"limited|corporation))\.?$")


# Korean and Japanese legal forms stand before the name: "(주) 글로벌소프트", "㈜다올", "株式会社ABC"
_LEGAL_START = re.compile(r"^(?:\((?:주|유|株|有)\)|㈜|㈲|주식회사|유한회사|株式会社|有限会社|合同会社)\s*\S")


def _legal_end(text: str) -> bool:
    """The text carries a legal form: at its end (``Otto GmbH & Co KG``, ``Solaris Sp. z o.o.``,
    ``Reply S.p.A.``) or, in Korean and Japanese, at its start (``(주) 우리``, ``株式会社ABC``)."""
    t = text.strip()
    return bool(_LEGAL_END.search(t) or _LEGAL_START.match(t))


def _campus(text: str) -> bool:
    """"University of California, Berkeley": a state university's campus is part of its name."""
    m = re.search(r"(?i)\buniversity\s+of\s+([^\W\d_][\w ]*?)\s*,\s*[^,()]+$", text)
    return m is not None and is_region(m.group(1)) and fold(m.group(1)) not in _COUNTRIES


def _native_place(text: str) -> bool:
    """"대한민국 부산", "中国 武汉": a country and a known city in another script."""
    if not _OTHER_SCRIPT.search(text) or len(text) > 20:
        return False
    loc = location_from(text)
    return bool(loc and is_city(loc.get("city", "")))


def _place_split(p: dict[str, Any]) -> list[dict[str, Any]]:
    """``Booths Supermarkets Ltd, Preston (United Kingdom)``, ``St. David's Medical Center,
    Austin, TX``, ``Ingénieur DevOps, Nantes`` → the text before the place, and the place
    (a gazetteer city, optionally followed by a region, state or country; after a legal
    form any short capitalised name)."""
    text = p["text"]
    if "," not in text and "、" not in text and "，" not in text:
        return [p]
    if "," not in text:  # CJK commas ("鈴木通信合同会社、日本 福岡")
        text = re.sub(r"\s*[、，]\s*", ", ", text)
    parts = text.split(",")
    if _campus(text):
        return [p]
    for i in range(1, len(parts)):
        head, tail = ",".join(parts[:i]).strip(), [x.strip() for x in parts[i:]]
        if not head or not tail[0] or _place(parts[0]) or _region(parts[0]):
            continue  # "Paris, France" is a place as a whole
        first = _place(tail[0]) or _native_place(tail[0]) or (
            _legal_end(head) and len(tail) == 1 and 1 <= len(tail[0].split()) <= 3 and tail[0][:1].isupper()
            and not re.search(r"\d", tail[0]) and not _title(tail[0])
            and not has_word(tail[0], ORG_WORDS) and not _legal_end(tail[0]))
        first = first or (len(tail) == 1 and len(tail[0].split()) <= 2 and tail[0][:1].isupper()
                          and re.search(r"(?:^|[\s'’])" + re.escape(fold(tail[0])) + r"$", fold(head)) is not None)
        # "Office de Tourisme d'Arcachon, Arcachon": the place the name ends with
        first = first or (len(tail) == 2 and _region(tail[1]) and 1 <= len(tail[0].split()) <= 3
                          and tail[0][:1].isupper() and not re.search(r"\d", tail[0])
                          and not _title(tail[0]))  # "…, Torino, Italia"
        if first and all(_region(x) or _place(x) for x in tail[1:]):
            return [dict(p, text=head), dict(p, text=", ".join(tail), place=True)]
    return [p]


def _insert_wrapped(text: str, tail: str) -> str:
    """Append a wrapped cell tail; inside "Bachelor Northeastern University" it belongs
    to the degree word that started the cell."""
    n = degree_phrase_len(text)
    if n and n < len(text):
        return text[:n] + " " + tail + text[n:]
    return text + " " + tail


_SEP_BUT_DASH = re.compile(r"\s+[|•·—]\s+|\s+@\s+|\s+at\s+|\s+bei\s+|\s+chez\s+|\s*\|\s*")
_DASH = re.compile(r"\s+[-–]\s+")


def _dash_parts(t: str) -> list[str]:
    """Split a run of a line whose fields are set apart by type: at the separators, and at a
    hyphen-minus only where it sets off a job title, a place or a country — "Tacta - The art of
    complexity Taming – Sarajevo" keeps the employer's own hyphen and splits off the place."""
    out: list[str] = []
    for chunk in _SEP_BUT_DASH.split(t):
        subs = _DASH.split(chunk)
        seps = _DASH.findall(chunk)
        acc = [subs[0]]
        for sep, sub in zip(seps, subs[1:], strict=True):
            a, b = _strip_piece(acc[-1]), _strip_piece(sub)
            if (sep.strip() != "-" or not a or not b or _title(a) or _title(b)
                    or _loc({"text": a}) or _loc({"text": b}) or _region(b)):
                acc.append(sub)
            else:
                acc[-1] = acc[-1] + sep + sub
        out += acc
    return out


def _strip_piece(part: str) -> str:
    p = part.strip(" ,;:[]–—-|·•/、，")
    if p.endswith("(") or p.startswith(")"):
        p = p.strip("()").strip()
    while p.startswith("(") and ")" not in p:
        p = p[1:].strip()
    while p.endswith(")") and "(" not in p:
        p = p[:-1].strip()
    if p.startswith("(") and p.endswith(")"):
        p = p[1:-1].strip()
    last = p.rsplit(None, 1)[-1] if p else ""
    if len(last) >= 5 and last[:-1].isalpha() and last[1:-1].islower() and last.endswith(".") \
            and " " in p and not _legal_end(p):
        p = p[:-1]  # a sentence's full stop: "Puesto: Analista financiera." ("Acme Inc." keeps its dot)
    elif len(p) > 1 and p[-1] in ".。" and is_cjk(p[-2]):
        p = p[:-1]  # a full stop a template puts after each field ("坂本保険株式会社.", moderncv)
    m = _INLINE_LABEL.match(p)
    if m and len(p) > m.end():
        p = p[m.end():]  # "Puesto: Analista financiera", "Empresa: Deloitte"
    return p


# a field's own label inside a header line ("… Banco Santander. Puesto: Analista financiera.")
_INLINE_LABEL = re.compile(r"(?i)^(?:puesto|cargo|posici[oó]n|position|role|job title|title|funci[oó]n|fonction|"
                           r"poste|stelle|funktion|ruolo|mansione|função|functie|stanowisko|empresa|company|"
                           r"employer|firma|entreprise|azienda|arbeitgeber|werkgever|pracodawca|centro|"
                           r"instituci[oó]n|institution|school|universidad|titulaci[oó]n|t[ií]tulo|degree)\s*:\s+")


def _comma_split(p: dict[str, Any]) -> list[dict[str, Any]]:
    text = p["text"]
    if "," not in text or p.get("styled"):  # typography already separated company and title
        return [p]
    parts = [x.strip() for x in text.split(",")]
    best = None
    for i in range(1, len(parts)):
        a, b = ", ".join(parts[:i]), ", ".join(parts[i:])
        ta, tb = _title(a), _title(b)
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


_OTHER_SCRIPT = re.compile(r"[\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _loc(p: dict[str, Any]) -> dict[str, str] | None:
    t = p["text"]
    if p.get("place"):
        return {"city": t}
    parts = t.split(",")
    if 1 < len(parts) <= 3 and _place(parts[0]) and all(_region(x) for x in parts[1:]):
        return {"city": parts[0].strip()}  # "Boston, MA": a city and its state, not a degree
    m = _LABELLED.match(t)
    if m:
        return {"city": m.group(2)}
    if len(t.split()) <= 3 and "," not in t and is_city(t) and not _title(t):
        return {"city": t}  # a job word is no place ("Mentor", Ohio)
    if _OTHER_SCRIPT.search(t) and len(t) <= 20 and not _title(t) and not has_word(t, ORG_WORDS):
        loc = location_from(t)  # "대한민국 울산", "中国 武汉": a country and a known city
        if loc and is_city(loc.get("city", "")):
            return loc
    if is_remote(t) or re.search(r"(?i)\bremote\b|\bhybrid\b", t):
        return {"city": t}
    if p.get("after_text") and len(t.split()) <= 5 and t[:1].isupper() and not _title(t) \
            and not has_word(t, INSTITUTION_WORDS) and not has_word(t, DEGREE_WORDS) \
            and not any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()):
        return {"city": t.split(",")[0]}
    if "," not in t and len(t.split()) > 2:
        return None
    if _title(t) or has_word(t, INSTITUTION_WORDS) or has_word(t, DEGREE_WORDS):
        return None
    if any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()) or _legal_end(t):
        return None
    if "," not in t:
        return None
    first, *more = [x.strip() for x in t.split(",")]
    if not (_place(first) or _region(first) or any(_region(x) or re.search(r"\d", x) for x in more)):
        return None  # "Buurtzorg Nederland, Houten": an employer and its place, not "City, Region"
    return location_from(t)


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
        parts = _place_split({"text": got["employer"]})
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
    return 0 < len(t.split()) <= 8 and not t.endswith((".", ";", ":")) and _title(t) \
        and not (len(entry.body) > 1 and continues(entry.body[0], entry.body[1], entry.right))


def _employer_line_below(entry: Entry) -> bool:
    if not entry.body or is_bullet(entry.body[0]):
        return False
    t = clean(entry.body[0].text)
    sentence = t.endswith((";", ":")) or (t.endswith(".") and not _legal_end(t) and len(t.split()) > 4)
    if not t or len(t.split()) > 12 or sentence or find_range(t) or not t[:1].isupper():
        return False
    if len(entry.body) > 1 and continues(entry.body[0], entry.body[1], entry.right):
        return False  # the first line of a paragraph
    ln = entry.body[0]
    # it reads as an organisation: its place after a comma, a legal form or company word,
    # set apart in bold/italics, or a short name
    return len(_place_split({"text": t})) > 1 or _legal_end(t) or has_word(t, ORG_WORDS) or ln.bold \
        or ln.italic or len(t.split()) <= 6


def _work_fields(entry: Entry, position_slots: dict[tuple[int, int, bool, bool], int] | None) -> dict[str, Any]:
    ps, dates = pieces(entry.header, right=entry.right)
    res: dict[str, Any] = {}
    rest = []
    # a bare city name is the employer when the header names its place apart already
    # ("Orange – Alternant administrateur réseau, Lannion")
    placed = any(p.get("place") or _LABELLED.match(p["text"]) for p in ps)
    for p in ps:
        if re.match(r"(?i)^(address|adresse|dirección|direccion|endereço|indirizzo|adres|website|web)\s*:", p["text"]):
            continue
        loc = _loc(p)
        if loc and placed and not p.get("place") and not _LABELLED.match(p["text"]) and "," not in p["text"] \
                and not p.get("after_text") and is_city(p["text"]):
            loc = None
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
    titled = [i for i, p in enumerate(rest) if _title(p["text"])
              and not has_word(p["text"], LEGAL_FORMS) and not _legal_end(p["text"])]
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
        title_i = next((i for i, p in enumerate(rest) if slot(p) == best and not _legal_end(p["text"])), None)
    if len(titled) > 1:
        res["_ambiguous"] = True
    if title_i is not None:
        res["position"] = rest[title_i]["text"]
        res["_slot"] = slot(rest[title_i]) if _title(rest[title_i]["text"]) else None
        tline = rest[title_i].get("line", 0)
        # the employer is most likely named on the title's own line
        # then a line set apart in bold or italic, before plain text
        tjoined = rest[title_i].get("joined")

        def tail(p: dict[str, Any]) -> bool:
            # "Software developer / Team lead, Java & Angular" above the line "Tacta – …": what the
            # comma cut off the title names no employer when a line of its own can
            return bool(tjoined) and p.get("joined") == tjoined and not has_word(p["text"], ORG_WORDS) \
                and not _legal_end(p["text"])
        whole = any(not p.get("joined") and p.get("line", 0) != tline and len(p["text"].split()) <= 6
                    for i, p in enumerate(rest) if i != title_i)
        others = sorted((p for i, p in enumerate(rest) if i != title_i),
                        key=lambda p: (whole and tail(p), p.get("line", 0) != tline, len(p["text"].split()) > 6,
                                       not (p.get("bold") or p.get("italic"))))
        org = _prominent(others, rest[title_i]) \
            or next((p for p in others if has_word(p["text"], ORG_WORDS) or _legal_end(p["text"])), None) \
            or (others[0] if others else None)
        if org:
            res["name"] = _dash_rejoin(org, others)
        joined = rest[title_i].get("joined")
        if joined and not (org and org.get("joined") == joined):
            res["position"] = joined  # "Developer, Java & Angular": the comma did not separate an employer
        _place_tail(res, "name")
    elif rest:
        org_i = next((i for i, p in enumerate(rest) if has_word(p["text"], ORG_WORDS) or _legal_end(p["text"])), 0)
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
        if joined in run and not _title(p["text"]) and not _loc(p) and find_range(p["text"]) is None:
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
        if head and (is_city(tail) or _place(tail)) and not _title(tail):
            res[key], res["location"] = head, tail
        return
    if not val or "location" in res or ", " not in val or _campus(val):
        return
    head, tail = val.rsplit(", ", 1)
    words = tail.split()
    if not head or not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words) or re.search(r"\d", tail) \
            or tail.isupper() or _title(tail) or has_word(tail, ORG_WORDS) or _legal_end(tail) \
            or has_word(tail, INSTITUTION_WORDS) or has_word(tail, DEGREE_WORDS) or _place(head) or _region(head):
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
        parts = _place_split({"text": got["school"]})
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
        loc = _loc(p)
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
            or has_word(tail, DEGREE_WORDS) or _place(tail) or (_region(tail) and not re.fullmatch(r"[A-Z]{3,6}", tail)):
        return [p]
    if re.search(r"\s(?:and|und|et|e|y|i|en|och|og|a|ve|и)\s", tail):
        return [p]  # "Amministrazione, Finanza e Controllo": the field goes on; a school is a name
    split = split_degree(head, False)
    if not split or has_word(split[1], INSTITUTION_WORDS):
        return [p]
    deg, field = split
    return [dict(p, text=deg, degree=True), dict(p, text=field, field=True), dict(p, text=tail, school=True)]


