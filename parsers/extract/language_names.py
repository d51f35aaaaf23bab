"""Names of spoken languages in the languages CVs are written in, from the Unicode CLDR (through
Babel, already a dependency): "Italiaans", "Tsjechisch", "Koreaans", "Çince", "Английский",
"중국어"… A hand list missed most of them in Dutch, Swedish, Turkish and Czech.

Only the ~75 languages people list on CVs, named in the 22 languages htdy reads; names of three
letters or fewer and names that are also country or region names ("Korea", "Japan", "Italia")
are left out, since a place line must not read as a language. The list is kept in
``parsers/models/language_names.txt`` (reading CLDR for 22 locales costs a quarter of a second at
every start); ``python -m htdy.parsers.extract.language_names`` writes it again, and a test checks
it matches the installed Babel."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent.parent / "models" / "language_names.txt"

# the languages a CV is written in (the factory's 16 and a few neighbours)
_IN = "en de fr es pt it nl pl zh ja ko ru tr sv cs ar he uk da nb ro el".split()
# the languages people list
_CODES = ("en de fr es pt it nl pl zh ja ko ru tr sv cs ar he el hu ro bg hr sr sk sl uk be lt lv et fi da "
          "no nb is ga cy eu ca gl hi bn ur pa ta te mr gu fa th vi id ms tl sw am af sq mk bs ka hy az kk uz "
          "mn ne lb mt yue la").split()

# names that are also everyday English words ("Lets" is Dutch for Latvian, "Fins" for Finnish)
_WORDS = frozenset({"lets", "fins"})


def cldr_language_names(fold: Callable[[str], str]) -> frozenset[str]:
    from babel import Locale

    names: set[str] = set()
    places: set[str] = set()
    for ui in _IN:
        loc = Locale.parse(ui)
        places.update(fold(n) for n in loc.territories.values())
        for code in _CODES:
            name = loc.languages.get(code)
            f = fold(name) if name else ""
            if f and (len(f) > 3 or not f.isascii()) and len(f.split()) <= 2:
                names.add(f)
    return frozenset(names - places - _WORDS)


def load() -> tuple[str, ...]:
    """The folded names, one per line of :data:`NAMES_FILE` (none while it is being written)."""
    if not NAMES_FILE.exists():
        return ()
    return tuple(ln for ln in NAMES_FILE.read_text(encoding="utf-8").splitlines() if ln)


if __name__ == "__main__":
    from htdy.parsers.extract.vocab import fold

    NAMES_FILE.write_text("\n".join(sorted(cldr_language_names(fold))) + "\n", encoding="utf-8")
    print(f"wrote {NAMES_FILE}")
