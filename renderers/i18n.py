"""Section titles, month names and small words in the CV's language.

Month names and the order of month and year come from the Unicode CLDR through Babel
(``babel.dates.format_skeleton``: German ``Nov. 2021``, Japanese ``2021年11月``); section
titles, labels and "present" come from ``locales/labels.json`` (its ``_source`` names
where they come from). A language tag like ``pt-BR`` falls back to ``pt``; a language
neither knows falls back to English, and a key missing in a language to its English text.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).parent / "locales" / "labels.json"
DATE_FORMATS = ("month_year", "long", "numeric", "iso", "year")
# Written right to left: the HTML gets dir="rtl", Typst sets the text direction from lang.
RTL_LANGS = frozenset({"ar", "fa", "he", "ur"})
_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_SKELETON = {"month_year": "yMMM", "long": "yMMMM"}


@functools.cache
def _labels() -> dict[str, dict[str, str]]:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def languages() -> tuple[str, ...]:
    """Every language with its own section titles."""
    return tuple(_labels())


@functools.lru_cache(maxsize=256)
def base_lang(lang: str | None) -> str:
    return (lang or "en").replace("_", "-").split("-")[0].lower() or "en"


def is_rtl(lang: str) -> bool:
    return base_lang(lang) in RTL_LANGS


@functools.lru_cache(maxsize=2048)
def title(key: str, lang: str) -> str:
    labels = _labels()
    return labels.get(base_lang(lang), {}).get(key) or labels["en"].get(key, key.title())


@functools.lru_cache(maxsize=64)
def titles(lang: str) -> dict[str, str]:
    return {k: title(k, lang) for k in _labels()["en"]}


def present(lang: str) -> str:
    return title("present", lang)


@functools.lru_cache(maxsize=64)
def _locale(lang: str) -> Any:
    """The Babel locale for ``lang``, or English when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(base_lang(lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def month_name(month: int, lang: str, short: bool) -> str:
    """The month standing alone (``Nov.``/``November``), from CLDR."""
    from babel.dates import get_month_names

    return str(get_month_names("abbreviated" if short else "wide", "format", _locale(lang))[month])


@functools.lru_cache(maxsize=4096)
def _month_year(year: int, month: int, lang: str, fmt: str) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(_SKELETON[fmt], dt.date(year, month, 1), locale=_locale(lang)))


def format_date(value: Any, lang: str, fmt: str = "month_year") -> str:
    """Format a JSON Resume date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); text that is
    not such a date is returned unchanged (already human-written)."""
    if value is None:
        return ""
    s = str(value).strip()
    m = _DATE_RE.match(s)
    if not m or m.end() != len(s.split("T")[0].rstrip()):
        return s
    year, month = m.group(1), m.group(2)
    mon = int(month) if month and 1 <= int(month) <= 12 else None
    if fmt == "year" or mon is None:
        return year
    if fmt == "iso":
        return f"{year}-{mon:02d}"
    if fmt == "numeric":
        return f"{mon:02d}/{year}"
    if int(year) < 1:
        return year
    return _month_year(int(year), mon, base_lang(lang), fmt if fmt in _SKELETON else "month_year")


def date_range(start: Any, end: Any, lang: str, fmt: str, *, ongoing: bool = True) -> str:
    """``Jan 2020 – Present``; an entry with a start and no end is ongoing."""
    s = format_date(start, lang, fmt) if start else ""
    e = format_date(end, lang, fmt) if end else ""
    if s and not e:
        return f"{s} – {present(lang)}" if ongoing else s
    if s and e and s != e:
        return f"{s} – {e}"
    return s or e
