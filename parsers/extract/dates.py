"""Dates and date ranges in CV text, normalised to ``YYYY-MM`` or ``YYYY``.

Own month tables (8 languages here, more in :mod:`htdy.parsers.extract.dates_intl`) instead of
dateparser: a CV has dozens of dates and dateparser costs milliseconds each."""
from __future__ import annotations

import re
from dataclasses import dataclass

from htdy.parsers.extract import dates_intl as intl
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
for _i, _names in enumerate(intl.MONTHS_INTL, start=1):
    for _n in _names.split():
        MONTHS.setdefault(fold(_n), _i)

PRESENT = ("present", "current", "currently", "now", "today", "ongoing", "till date", "to date",
           "heute", "aktuell", "jetzt", "derzeit", "laufend", "bis heute", "actuel", "actuellement",
           "aujourd'hui", "aujourd hui", "present", "en cours", "actualidad", "presente", "hoy",
           "la fecha", "actual", "actualmente", "atual", "atualmente", "o momento", "momento", "oggi", "attuale", "in corso",
           "heden", "nu", "huidig", "obecnie", "teraz", "nadal", "dzis", "do dzis", "trwa", *intl.PRESENT_INTL)
SINCE = ("since", "seit", "depuis", "desde", "dal", "da", "sinds", "od", "from", "ab", "sedan", "с", "со", "з",
         "منذ", "מאז", "siden")

_MONTH_WORDS = "marz|märz|maerz|janv|fevr|févr|août|aout|déc|dec|juil|juin|févr|février|décembre|août|" \
    "wrzesień|październik|styczeń|kwiecień|sierpień|grudzień|marzo|março|" + "|".join(MONTHS)


def _letter_classes() -> dict[str, str]:
    """Each letter with the letters that fold to it: ASCII letters with their accented forms
    (a → àáâãäåą…), Cyrillic и with й, е with ё, Arabic ا with أ إ آ."""
    groups: dict[str, set[str]] = {}
    for lo, hi in ((0xC0, 0x250), (0x400, 0x500), (0x620, 0x64B)):
        for cp in range(lo, hi):
            ch = chr(cp)
            f = fold(ch)
            if len(f) == 1 and f != ch.casefold() and ch.isalpha() and f.isalpha():
                groups.setdefault(f, set()).update((ch.lower(), ch.upper(), f, f.upper()))
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in groups.items()}


_LETTER = _letter_classes()


def _pattern(word: str) -> str:
    """A regex for a folded word that matches it with or without its diacritics."""
    return "".join(_LETTER.get(c, r"\s+" if c == " " else re.escape(c)) for c in word)


# a month name matches with or without its diacritics, in any of the languages' spellings (Polish
# "paź", "października", "września"; German "Jän", "Mär"; French "févr", "déc"; Russian "май", "сент.")
_MONTH_SET = frozenset(fold(w) for w in _MONTH_WORDS.split("|"))
_MON = r"(?:" + "|".join(_pattern(w) for w in sorted(_MONTH_SET, key=len, reverse=True)) + r")\.?"
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
# a duration printed right after a date ("3 years 2 months", "(2 yrs)", "1 an", "2 года", "3 yıl")
_UNIT = (r"(?:years?|yrs?|months?|mos?|mths?|jahre?n?|monate?n?|ans?|mois|años?|anos?|meses|mes|mês|anni|anno|"
         r"mesi|mese|jaar|jaren|maanden|maand|lat[a]?|rok|miesiąc[ey]?|miesięcy|miesiac[ey]?|miesiecy|"
         r"лет|год[а]?|мес\.?|месяц(?:а|ев)?|років|рік|міс\.?|yıl|ay|år|månader|mån|let|roky|měsíc[eů]?)")
DURATION = re.compile(rf"^\s*[(·•,|–-]?\s*\d{{1,2}}\+?\s?{_UNIT}\b(?:,?\s*(?:and|und|et|y|e|en|i)?\s*"
                      rf"\d{{1,2}}\s?{_UNIT}\b)?\s*\)?", re.I)
# "3年", "2年3ヶ月", "5개월": a duration in CJK (one or two digits: "2019年" is a year)
CJK_DURATION = re.compile(r"\(?(?:\d{1,2}\s?[年년](?:\s?\d{1,2}\s?(?:ヶ月|か月|カ月|个月|個月|개월))?|"
                          r"\d{1,2}\s?(?:ヶ月|か月|カ月|个月|個月|개월))\)?")
# the end of a year: a word boundary, or a duration glued to it ("Jan 2025" + "1 year" → "20251 year")
# a date's end: a word boundary, a duration run into it, or CJK text written right after it ("2016.09起")
_CJK_NEXT = r"(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
_YE = rf"(?:\b|{_CJK_NEXT}|(?=\d{{1,2}}\s?{_UNIT}\b))"
_PRESENT_WORDS = sorted({fold(p) for p in PRESENT if not intl.CJK_WORD.search(p)}, key=len, reverse=True)
_TOKEN = re.compile(
    # 2019年4月, 2019年4月1日, 2019년 4월; the Japanese era years (平成31年4月); 2019. 04. (Korean)
    rf"(?P<cjk>(?<!\d){_Y}\s?[年년](?:\s?\d{{1,2}}\s?[月월](?:\s?\d{{1,2}}\s?[日일])?)?)"
    rf"|(?P<era>(?:昭和|平成|令和)\s?(?:\d{{1,2}}|元)\s?年(?:\s?\d{{1,2}}\s?月)?)"
    rf"|(?P<ydot>\b{_Y}\.\s\d{{1,2}}\.(?!\d))"
    rf"|(?P<dmy>\b\d{{1,2}}[./-]\d{{1,2}}[./-]{_Y}{_YE})"
    rf"|(?P<ymd>\b{_Y}[./-]\d{{1,2}}(?:[./-]\d{{1,2}})?(?:\b|{_CJK_NEXT}))"
    rf"|(?P<my>\b\d{{1,2}}\s?[./-]\s?{_Y}{_YE})"
    # a word before a year: a month when the table knows it (a dict lookup; a regex of all the
    # month names in all their spellings is slow)
    # ("março de 2021", "enero del 2019", "March of 2020": a connector word may stand between)
    rf"|(?P<mony>\b[^\W\d_]{{2,12}}\.?(?![\w])(?:,?\s+(?:(?:de|del|of)\s+)?(?:\d{{1,2}},?\s+)?|\s?[/-]\s?)"
    rf"{_Y}{_YE})"
    # a year, then a month name ("2021-Nov", "2019/Mar", "2020 Jan")
    rf"|(?P<ymon>\b{_Y}(?:[/-]|\s)[^\W\d_]{{3,9}}\.?(?!\w)(?!\.?,?\s*{_Y}))"
    rf"|(?P<y>\b{_Y}{_YE})"
    rf"|(?P<present>(?<!\w)(?:{'|'.join(_pattern(p) for p in _PRESENT_WORDS)})(?!\w))"
    rf"|(?P<present_cjk>{intl.CJK_PRESENT})",
    re.I)
# between the two dates of a range; a year's "г." (Russian), "r." (Polish) may stand before it
_SEP = re.compile(r"^\s*(?:г\.|гг\.|р\.|r\.)?\s*(?:[-–—~〜～→⟶➔➝]|->|-->|to|bis|à|a|au|até|ate|al|do|tot|a\s+la|по|до|till|"
                  r"až|至|到|から|–\s*)\s*$|^\s*(?:-|–|—)+\s*$", re.I)
_OPEN_START = re.compile(r"^\s*[•·*]?\s*([-–—])\s*$")
_SINCE = re.compile(rf"(?<!\w)(?:{'|'.join(SINCE)})\s*:?\s*$", re.I)
# "since" written after the date: "2016.09起", "2016年9月起", "2019年4月から", "2019.04부터", "2018년 이후"
_SINCE_AFTER = re.compile(r"^\s*(?:起|以来|开始|開始|から|より|以降|부터|이후)")


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
    if g in ("present", "present_cjk"):
        return "present"
    if g == "cjk":
        nums = re.findall(r"\d+", s)
        return f"{nums[0]}-{int(nums[1]):02d}" if len(nums) > 1 and 1 <= int(nums[1]) <= 12 else nums[0]
    if g == "era":
        era, rest = s[:2], s[2:]
        nums = re.findall(r"\d+", rest)
        first = 1 if "元" in rest.split("年")[0] else int(nums.pop(0))
        year = intl.ERAS[era] + first - 1
        return f"{year}-{int(nums[0]):02d}" if nums and 1 <= int(nums[0]) <= 12 else str(year)
    if g == "ydot":
        y, mo = re.findall(r"\d+", s)[:2]
        return f"{y}-{int(mo):02d}" if 1 <= int(mo) <= 12 else y
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
    if g == "ymon":
        word = fold(re.search(r"[^\W\d_]+", s).group(0))  # type: ignore[union-attr]
        mo = MONTHS.get(word) if word in _MONTH_SET else None
        return f"{s[:4]}-{mo:02d}" if mo else None
    if g == "mony":
        word = fold(re.match(r"[^\W\d_]+", s).group(0))  # type: ignore[union-attr]
        if word not in _MONTH_SET:
            return None  # "Version 2019" is not a date
        y = re.search(_Y, s).group(0)  # type: ignore[union-attr]
        mo = MONTHS.get(word) or MONTHS.get(word[:3])
        return f"{y}-{mo:02d}" if mo else None
    return None


def _norm_text(text: str) -> str:
    """Apostrophes, other scripts' digits (٢٠١٩) and full-width separators as ASCII; the same
    length, so offsets stay valid."""
    text = text.replace("\u2019", "'").replace("\u02bc", "'")
    return text if text.isascii() else text.translate(intl.DIGITS)


def tokens(text: str) -> list[tuple[str, int, int]]:
    text = _norm_text(text)
    out = []
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        pos = m.end()
        v = _norm_token(m)
        if v is None:
            ym = re.search(_Y, m.group(0))
            if ym and m.lastgroup == "mony":
                pos = m.start() + ym.start()  # "Developer 2009-01-01": no month, read on from the year
            elif m.lastgroup == "ymon":       # "2019 Google": the year alone, then read on
                out.append((m.group(0)[:4], m.start(), m.start() + 4))
                pos = m.start() + 4
            continue
        out.append((v, m.start(), m.end()))
    return out


def find_range(text: str) -> DateRange | None:
    """The first date range (or single date) in ``text``."""
    text = _norm_text(text)
    toks = tokens(text)
    dates = [t for t in toks if t[0] != "present"]
    if not dates:
        return None
    for i, (v, a, b) in enumerate(toks):
        if v == "present":
            continue
        if i + 1 < len(toks):
            v2, a2, b2 = toks[i + 1]
            # "2019年4月至今"; or two dates with only a space between them, their dash lost (a glyph
            # drawn as a graphic, an icon font, a line of its own: "2019.09 2021.03")
            joined = not text[b:a2].strip() and (text[a2:a2 + 1] in intl.CJK_SELF_JOINED or a2 > b)
            if (joined or _SEP.match(text[b:a2])) and (v2 == "present" or v2 >= v[:4]):
                if v2 == "present":
                    return DateRange(v, None, True, a, b2)
                return DateRange(v, v2, False, a, b2)
            if _SEP.match(text[b:a2]) and v2 != "present" and v2[:4] < v[:4]:
                # newest first: a right-to-left page read in visual order ("2010 – 2008"), or a
                # writer listing the end first; a range runs from the earlier date either way
                return DateRange(v2, v, False, a, b2)
        m = _OPEN_START.match(text[:a])
        if m:  # "– Sep 2022": a range whose start was left empty, only the end is known
            return DateRange(None, v, False, m.start(1), b)
        # "2019 – " at the end (open range) or "since 2019"
        rest = text[b:]
        if re.match(r"^\s*(?:[-–—~〜～→]|->)\s*(\(\s*\)|$)", rest):
            return DateRange(v, None, True, a, len(text))
        if _SINCE_AFTER.match(rest) and not find_range(rest[_SINCE_AFTER.match(rest).end():]):  # type: ignore[union-attr]
            return DateRange(v, None, True, a, b + _SINCE_AFTER.match(rest).end())  # type: ignore[union-attr]
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


_PRESENT_FOLDED = frozenset(fold(p).strip(" .()") for p in PRESENT)


def date_word(text: str) -> bool:
    """A month name or a "present" word alone, what a date wrapped in a narrow column leaves on a
    line of its own ("septembre" / "2014 — novembre 2015", "2015 –" / "Actualidad")."""
    t = fold(text).strip(" .,;()-–—")
    return bool(t) and (t in MONTHS or t in _PRESENT_FOLDED)


_CUT_END = re.compile(rf"(?:[-–—]|(?<!\w)(?:to|bis|à|au|al|até|do|tot|по|до|till|až))\s*(?:(?:{_MON})\.?)?\s*$", re.I)


def cut_range(text: str) -> bool:
    """A date range cut at a line end inside a narrow date column: "06/2017 –", or its end
    month without the year ("sep. 2016–jan." / "2019")."""
    return bool(_CUT_END.search(text)) and find_range(text) is not None



# words a date range printed in a narrow column may hold besides months and years
_RANGE_WORDS = frozenset(fold(w) for w in (
    "de", "del", "of", "to", "bis", "à", "a", "au", "al", "do", "tot", "till", "until", "e", "et", "y", "und",
    "g", "gg", "r", "р", "г", "гг", "по", "до", "až", "il", "le", "el", "em", *SINCE))
_PIECE_CJK = re.compile(rf"{intl.CJK_PRESENT}|[年月日起至到~〜～]")


def date_piece(text: str) -> bool:
    """A date, or one line of a date range wrapped in a narrow column ("desde agosto de" / "2019",
    "— marzo de", "presente", "2018. 06. - 2022." / "11."): only months, years, month numbers,
    "present" and range words."""
    t = text.strip()
    if not t or len(t) >= 30 or re.search(r"\d{5}", t):
        return False
    words = re.findall(r"[^\W\d_]+", _PIECE_CJK.sub(" ", fold(t)))
    known = [w in MONTHS or w in _PRESENT_FOLDED or w in _RANGE_WORDS for w in words]
    if not all(known):
        return False
    return any(ch.isdigit() for ch in t) or any(w in MONTHS or w in _PRESENT_FOLDED for w in words) or \
        bool(re.search(intl.CJK_PRESENT, t))


_LEAD = re.compile(r"^\s*(?:[-–—~〜～]|(?:to|bis|au|al|a|à|até|do|tot|till|до|по|až)\b)", re.I)


def date_goes_on(text: str, nxt: str, alone: bool) -> bool:
    """``nxt``, the next line of a narrow date column, is the rest of the date ``text`` wrapped there
    without a dash at the cut: "2018. 06. - 2022." / "11.", "desde agosto de" / "2019", "Décembre
    2016" / "— Décembre" (/ "2019"). Not a date of its own: a range, or a year with text beside it
    (the next entry's "2019 | Title")."""
    if not date_piece(text) or not date_piece(nxt):
        return False
    own = find_range(nxt)
    if own is not None and own.start is not None and (own.current or own.start != own.end):
        return False
    lead = bool(_LEAD.match(nxt))
    if re.search(r"(?:19|20)\d\d", nxt) and not alone and not lead:
        return False
    joined = text.rstrip() + " " + nxt.strip()
    before, after = find_range(text), find_range(joined)
    if after is None:
        return False
    if lead and cut_range(joined):
        return True  # still cut: its end follows on the next line
    return before is None or (after.start, after.end, after.current) != (before.start, before.end, before.current)
