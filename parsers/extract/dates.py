"""Dates and date ranges in CV text, normalised to ``YYYY-MM`` or ``YYYY``.

Own month tables (8 languages) instead of dateparser: a CV has dozens of dates and
dateparser costs milliseconds each."""
from __future__ import annotations

import re
from dataclasses import dataclass

from htdy.parsers.extract.vocab import fold

MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
    "jan january januar janvier enero janeiro gennaio januari styczen stycznia sty janv ene gen jän jaen",
    "feb february februar fevrier fev febrero fevereiro febbraio februari luty lutego lut fevr",
    "mar march marz maerz mars marzo marco maart marzec marca mrz maa mrt",
    "apr april avril abril aprile kwiecien kwietnia kwi avr abr",
    "may mai mayo maio maggio mei maj maja mag",
    "jun june juni juin junio junho giugno czerwiec czerwca cze giu",
    "jul july juli juillet julio julho luglio lipiec lipca lip juil lug",
    "aug august aout agosto augustus sierpien sierpnia sie ago",
    "sep sept september septembre septiembre setembro settembre wrzesien wrzesnia wrz set",
    "oct october oktober octobre octubre outubro ottobre pazdziernik pazdziernika paz okt out ott",
    "nov november novembre noviembre novembro listopad listopada lis",
    "dec december dezember decembre diciembre dezembro dicembre grudzien grudnia gru dez dic",
), start=1):
    for _n in _names.split():
        MONTHS.setdefault(fold(_n), _i)

PRESENT = ("present", "current", "currently", "now", "today", "ongoing", "till date", "to date",
           "heute", "aktuell", "jetzt", "derzeit", "laufend", "bis heute", "actuel", "actuellement",
           "aujourd'hui", "aujourd hui", "present", "en cours", "actualidad", "presente", "hoy",
           "la fecha", "atual", "atualmente", "o momento", "momento", "oggi", "attuale", "in corso",
           "heden", "nu", "huidig", "obecnie", "teraz", "nadal", "dzis", "do dzis", "trwa")
SINCE = ("since", "seit", "depuis", "desde", "dal", "da", "sinds", "od", "from", "ab")

_MONTH_WORDS = "marz|märz|maerz|janv|fevr|févr|août|aout|déc|dec|juil|juin|févr|février|décembre|août|" \
    "wrzesień|październik|styczeń|kwiecień|sierpień|grudzień|marzo|março|" + "|".join(MONTHS)


def _letter_classes() -> dict[str, str]:
    """Each ASCII letter with the accented Latin letters that fold to it (a → àáâãäåą…)."""
    groups: dict[str, set[str]] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        f = fold(ch)
        if len(f) == 1 and "a" <= f <= "z" and ch.isalpha():
            groups.setdefault(f, set()).update((ch.lower(), ch.upper()))
    return {k: "[" + k + "".join(sorted(v)) + "]" for k, v in groups.items()}


_LETTER = _letter_classes()
# a month name matches with or without its diacritics, in any of the 8 languages' spellings
# (Polish "paź", "października", "września"; German "Jän", "Mär"; French "févr", "déc"; Portuguese "março")
_MON = r"(?:" + "|".join("".join(_LETTER.get(c, re.escape(c)) for c in w) for w in sorted(
    {fold(w) for w in _MONTH_WORDS.split("|")}, key=len, reverse=True)) + r")\.?"
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
# a duration printed right after a date, in 8 languages ("3 years 2 months", "(2 yrs)", "1 an")
_UNIT = (r"(?:years?|yrs?|months?|mos?|mths?|jahre?n?|monate?n?|ans?|mois|años?|anos?|meses|mes|mês|anni|anno|"
         r"mesi|mese|jaar|jaren|maanden|maand|lat[a]?|rok|miesiąc[ey]?|miesięcy|miesiac[ey]?|miesiecy)")
DURATION = re.compile(rf"^\s*[(·•,|–-]?\s*\d{{1,2}}\+?\s?{_UNIT}\b(?:,?\s*(?:and|und|et|y|e|en|i)?\s*"
                      rf"\d{{1,2}}\s?{_UNIT}\b)?\s*\)?", re.I)
# the end of a year: a word boundary, or a duration glued to it ("Jan 2025" + "1 year" → "20251 year")
_YE = rf"(?:\b|(?=\d{{1,2}}\s?{_UNIT}\b))"
_TOKEN = re.compile(
    rf"(?P<dmy>\b\d{{1,2}}[./-]\d{{1,2}}[./-]{_Y}{_YE})"
    rf"|(?P<ymd>\b{_Y}[./-]\d{{1,2}}(?:[./-]\d{{1,2}})?\b)"
    rf"|(?P<my>\b\d{{1,2}}\s?[./-]\s?{_Y}{_YE})"
    rf"|(?P<mony>\b{_MON}(?![\w])(?:,?\s+(?:\d{{1,2}},?\s+)?|\s?[/-]\s?){_Y}{_YE})"
    rf"|(?P<y>\b{_Y}{_YE})"
    rf"|(?P<present>\b(?:{'|'.join(re.escape(p) for p in sorted(set(PRESENT), key=len, reverse=True))})\b)",
    re.I)
_SEP = re.compile(r"^\s*(?:[-–—~]|to|bis|à|a|au|até|ate|al|do|tot|a\s+la|–\s*)\s*$|^\s*(?:-|–|—)+\s*$", re.I)
_OPEN_START = re.compile(r"^\s*[•·*]?\s*([-–—])\s*$")
_SINCE = re.compile(rf"\b(?:{'|'.join(SINCE)})\s*:?\s*$", re.I)


@dataclass
class DateRange:
    start: str | None
    end: str | None  # None with current=True means "present"
    current: bool
    begin: int  # character span in the text
    stop: int

    @property
    def text_span(self) -> tuple[int, int]:
        return self.begin, self.stop


def _norm_token(m: re.Match[str]) -> str | None:
    g = m.lastgroup
    s = m.group(0)
    if g == "y":
        return s
    if g == "present":
        return "present"
    if g == "dmy":
        d, mo, y = re.split(r"[./-]", s)
        return f"{y}-{int(mo):02d}" if 1 <= int(mo) <= 12 else y
    if g == "ymd":
        parts = re.split(r"[./-]", s)
        y, mo = parts[0], int(parts[1])
        return f"{y}-{mo:02d}" if 1 <= mo <= 12 else y
    if g == "my":
        mo_s, y = re.split(r"\s?[./-]\s?", s)
        return f"{y}-{int(mo_s):02d}" if 1 <= int(mo_s) <= 12 else y
    if g == "mony":
        word = fold(re.match(r"[^\s,.]+", s).group(0))  # type: ignore[union-attr]
        y = re.search(_Y, s).group(0)  # type: ignore[union-attr]
        mo = MONTHS.get(word) or MONTHS.get(word[:3]) if len(word) >= 3 else None
        if mo is None:
            return None  # "Version 2019" is not a date
        return f"{y}-{mo:02d}"
    return None


def tokens(text: str) -> list[tuple[str, int, int]]:
    text = text.replace("\u2019", "'").replace("\u02bc", "'")  # same length: offsets stay valid
    out = []
    for m in _TOKEN.finditer(text):
        v = _norm_token(m)
        if v is None:
            ym = re.search(_Y, m.group(0))
            if ym and m.lastgroup == "mony":
                out.append((ym.group(0), m.start() + ym.start(), m.start() + ym.end()))
            continue
        out.append((v, m.start(), m.end()))
    return out


def find_range(text: str) -> DateRange | None:
    """The first date range (or single date) in ``text``."""
    text = text.replace("\u2019", "'").replace("\u02bc", "'")
    toks = tokens(text)
    dates = [t for t in toks if t[0] != "present"]
    if not dates:
        return None
    for i, (v, a, b) in enumerate(toks):
        if v == "present":
            continue
        if i + 1 < len(toks):
            v2, a2, b2 = toks[i + 1]
            if _SEP.match(text[b:a2]) and (v2 == "present" or v2 >= v[:4]):
                if v2 == "present":
                    return DateRange(v, None, True, a, b2)
                return DateRange(v, v2, False, a, b2)
        m = _OPEN_START.match(text[:a])
        if m:  # "– Sep 2022": a range whose start was left empty, only the end is known
            return DateRange(None, v, False, m.start(1), b)
        # "2019 – " at the end (open range) or "since 2019"
        rest = text[b:]
        if re.match(r"^\s*[-–—]\s*(\(\s*\)|$)", rest):
            return DateRange(v, None, True, a, len(text))
        if _SINCE.search(text[:a]):
            m = _SINCE.search(text[:a])
            return DateRange(v, None, True, m.start() if m else a, b)  # type: ignore[union-attr]
        return DateRange(v, v, False, a, b)
    return None


_PUNCT = " ,;:|()[]-–—·•"


def date_only(text: str) -> bool:
    """True when the text is nothing but a date or date range."""
    r = find_range(text)
    if r is None:
        return False
    rest = (text[:r.begin] + text[r.stop:]).strip(_PUNCT)
    return len(rest) <= 2


def is_present(text: str) -> bool:
    """True for "Present", "heute", "oggi", "obecnie"… on their own."""
    return fold(text).strip(" .()") in _PRESENT_FOLDED


_PRESENT_FOLDED = frozenset(fold(p) for p in PRESENT)


_CUT_END = re.compile(rf"[-–—]\s*(?:{_MON})?\s*$", re.I)


def cut_range(text: str) -> bool:
    """A date range cut at a line end inside a narrow date column: "06/2017 –", or its end
    month without the year ("sep. 2016–jan." / "2019")."""
    return bool(_CUT_END.search(text)) and find_range(text) is not None

