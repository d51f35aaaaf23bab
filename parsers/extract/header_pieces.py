"""Header lines of an entry cut into text pieces: at cells, changes of type style and
separators (dashes, "|", "at"/"bei"/"bij"…), with the date range found among them; and the tests
on a piece that say it is a place, a legal form, a job title. Used by ``fields`` (work and
education entries) and ``lists``."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from htdy.parsers.extract.contacts import is_remote, location_from
from htdy.parsers.extract.dates import _MON, CJK_DURATION, DURATION, date_only, find_range, is_present
from htdy.parsers.extract.degrees import (
    DANGLING,
    degree_phrase_len,
)
from htdy.parsers.extract.places import is_city, is_region
from htdy.parsers.extract.structure import (
    BULLET,
    clean,
    merge_wrapped,
)
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
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


def title_like(text: str) -> bool:
    """The text names a job. A company word names none, even where a job word is its stem
    (Polish "technolog" in "HCL Technologies"): it is left out before the job words are sought."""
    return has_word(" ".join(w for w in text.split() if fold(w).strip(".,;:()") not in _ORG_SET), TITLE_WORDS)


def _split_en(parts: list[str]) -> list[str]:
    """Spanish "Desarrollador en Acme" (title *en* employer) — not the Dutch "and" inside a
    name ("BAM Bouw en Techniek"): split only after a job title."""
    out: list[str] = []
    for part in parts:
        m = _EN.search(part)
        if m and title_like(part[:m.start()]) and not title_like(part[m.end():]):
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
                and not legal_end(word + "."):
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
                        title_like(x) or piece_place({"text": _strip_piece(x)}) for x in parts):
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
        for q in place_split(piece):
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
    # as the countries write their own names
    "Česká republika", "Slovensko", "Slovenská republika", "Magyarország", "România", "Suomi", "Ελλάδα",
    "Türkiye", "Turkey", "Türkei", "Turquie", "Turquía", "Россия", "Российская Федерация", "Russia",
    "Russland", "Україна", "Ukraine", "Беларусь", "Қазақстан", "Казахстан", "Hrvatska", "Srbija", "Slovenija",
))


def region(text: str) -> bool:
    t = text.strip(" .()")
    return bool(re.fullmatch(r"[A-Z]{2,3}", t)) or fold(t) in _COUNTRIES or is_region(t)


def place(text: str) -> bool:
    """A city as printed after an employer: ``Preston (United Kingdom)``, ``São Paulo - SP``,
    ``Austin`` — the name must be in the gazetteer."""
    t = text.strip()
    m = re.fullmatch(r"(.+?)\s*\(([^()]{2,40})\)", t)
    if m:
        t = m.group(1)
        if region(m.group(2)) and 1 <= len(t.split()) <= 3 and t[:1].isupper() and not re.search(r"\d", t):
            return not title_like(t)  # "Torino (Italia)": a name followed by its country
    m = re.fullmatch(r"(.+?)\s+[-–]\s+([A-Z]{2,3})", t)
    if m:
        t = m.group(1)
    return is_city(t) and not title_like(t)


_LEGAL_END = re.compile(r"(?i)(?:\b(?:gmbh(?: & co\.? kg)?|kg|ag|se|ltd|llc|inc|plc|corp|sas|sasu|sarl|srl|spa|s\.p\.a|"
                        r"s\.r\.l|s\.a|sa|s\.l|sl|s\.l\.u|slu|s\.l\.n\.e|s\.com|s\.coop|s\.a\.u|s\.a\.s|s\.c|"
                        r"lda|ltda|b\.v|bv|n\.v|nv|oy|ab|as|sp\. ?z o\.o|s\.r\.o|"
                        r"limited|corporation))\.?$")


# Korean and Japanese legal forms stand before the name: "(주) 글로벌소프트", "㈜다올", "株式会社ABC"
_LEGAL_START = re.compile(r"^(?:\((?:주|유|株|有)\)|㈜|㈲|주식회사|유한회사|株式会社|有限会社|合同会社)\s*\S")


def legal_end(text: str) -> bool:
    """The text carries a legal form: at its end (``Otto GmbH & Co KG``, ``Solaris Sp. z o.o.``,
    ``Reply S.p.A.``) or, in Korean and Japanese, at its start (``(주) 우리``, ``株式会社ABC``)."""
    t = text.strip()
    return bool(_LEGAL_END.search(t) or _LEGAL_START.match(t))


def campus(text: str) -> bool:
    """"University of California, Berkeley": a state university's campus is part of its name."""
    m = re.search(r"(?i)\buniversity\s+of\s+([^\W\d_][\w ]*?)\s*,\s*[^,()]+$", text)
    return m is not None and is_region(m.group(1)) and fold(m.group(1)) not in _COUNTRIES


def _native_place(text: str) -> bool:
    """"대한민국 부산", "中国 武汉": a country and a known city in another script."""
    if not _OTHER_SCRIPT.search(text) or len(text) > 20:
        return False
    loc = location_from(text)
    return bool(loc and is_city(loc.get("city", "")))


def place_split(p: dict[str, Any]) -> list[dict[str, Any]]:
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
    if campus(text):
        return [p]
    for i in range(1, len(parts)):
        head, tail = ",".join(parts[:i]).strip(), [x.strip() for x in parts[i:]]
        if not head or not tail[0] or place(parts[0]) or region(parts[0]):
            continue  # "Paris, France" is a place as a whole
        first = place(tail[0]) or _native_place(tail[0]) or (
            legal_end(head) and len(tail) == 1 and 1 <= len(tail[0].split()) <= 3 and tail[0][:1].isupper()
            and not re.search(r"\d", tail[0]) and not title_like(tail[0])
            and not has_word(tail[0], ORG_WORDS) and not legal_end(tail[0]))
        first = first or (len(tail) == 1 and len(tail[0].split()) <= 2 and tail[0][:1].isupper()
                          and re.search(r"(?:^|[\s'’])" + re.escape(fold(tail[0])) + r"$", fold(head)) is not None)
        # "Office de Tourisme d'Arcachon, Arcachon": the place the name ends with
        first = first or (len(tail) == 2 and region(tail[1]) and 1 <= len(tail[0].split()) <= 3
                          and tail[0][:1].isupper() and not re.search(r"\d", tail[0])
                          and not title_like(tail[0]))  # "…, Torino, Italia"
        if first and all(region(x) or place(x) for x in tail[1:]):
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
            if (sep.strip() != "-" or not a or not b or title_like(a) or title_like(b)
                    or piece_place({"text": a}) or piece_place({"text": b}) or region(b)):
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
            and " " in p and not legal_end(p):
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
        ta, tb = title_like(a), title_like(b)
        if fold(parts[i]).strip(". ") in ORG_WORDS:
            continue
        if ta != tb:
            best = (a, b)
            break
    if best is None:
        return [p]
    return [dict(p, text=best[0], joined=text), dict(p, text=best[1], joined=text)]


LABELLED = re.compile(r"(?i)^(city|country|town|location|place|ort|standort|land|ville|pays|lieu|ciudad|"
                       r"pa[ií]s|citt[aà]|paese|cidade|miasto|kraj|stad|plaats)\s*:\s*(.+)$")


_OTHER_SCRIPT = re.compile(r"[\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def piece_place(p: dict[str, Any]) -> dict[str, str] | None:
    t = p["text"]
    if p.get("place"):
        return {"city": t}
    parts = t.split(",")
    if 1 < len(parts) <= 3 and place(parts[0]) and all(region(x) for x in parts[1:]):
        return {"city": parts[0].strip()}  # "Boston, MA": a city and its state, not a degree
    m = LABELLED.match(t)
    if m:
        return {"city": m.group(2)}
    if len(t.split()) <= 3 and "," not in t and is_city(t) and not title_like(t):
        return {"city": t}  # a job word is no place ("Mentor", Ohio)
    if _OTHER_SCRIPT.search(t) and len(t) <= 20 and not title_like(t) and not has_word(t, ORG_WORDS):
        loc = location_from(t)  # "대한민국 울산", "中国 武汉": a country and a known city
        if loc and is_city(loc.get("city", "")):
            return loc
    if is_remote(t) or re.search(r"(?i)\bremote\b|\bhybrid\b", t):
        return {"city": t}
    if p.get("after_text") and len(t.split()) <= 5 and t[:1].isupper() and not title_like(t) \
            and not has_word(t, INSTITUTION_WORDS) and not has_word(t, DEGREE_WORDS) \
            and not any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()):
        return {"city": t.split(",")[0]}
    if "," not in t and len(t.split()) > 2:
        return None
    if title_like(t) or has_word(t, INSTITUTION_WORDS) or has_word(t, DEGREE_WORDS):
        return None
    if any(fold(w).strip(".") in ORG_WORDS for w in t.replace(",", " ").split()) or legal_end(t):
        return None
    if "," not in t:
        return None
    first, *more = [x.strip() for x in t.split(",")]
    if not (place(first) or region(first) or any(region(x) or re.search(r"\d", x) for x in more)):
        return None  # "Buurtzorg Nederland, Houten": an employer and its place, not "City, Region"
    return location_from(t)
