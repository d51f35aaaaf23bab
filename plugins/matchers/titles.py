"""Job-title similarity across languages: "Backend-Entwickler (m/w/d)" and "Senior Backend
Developer" name the same job.

A title becomes a set of *concepts*: each word is case- and accent-folded, looked up in
``titles.json`` (``entwickler`` → developer, ``ingénieur`` → engineer), German compounds are
split on a known ending (``Softwareentwickler`` → software + developer), seniority and
filler words are dropped, and any other word stands for itself. The similarity of two titles
is the Dice coefficient of their concept sets, where two unknown words also count as the
same when they are near-identical spellings (difflib ratio ≥ 0.88: "Devops"/"DevOps-",
"analytics"/"analytic")."""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from htdy.core.skills import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
FUZZY = 0.88
_MIN_PART = 4


@cache
def _table() -> tuple[dict[str, str], frozenset[str], tuple[str, ...]]:
    raw = json.loads(resources.files(__package__).joinpath("titles.json").read_text("utf-8"))
    words: dict[str, str] = {}
    for concept, aliases in raw["concepts"].items():
        for alias in [concept, *aliases]:
            for w in _WORD.findall(fold(alias)):
                words.setdefault(w, concept)
    endings = tuple(sorted((w for w in words if len(w) >= 5), key=len, reverse=True))
    return words, frozenset(fold(w) for w in raw["ignore"]), endings


def _split_compound(word: str, words: dict[str, str], endings: tuple[str, ...]) -> list[str]:
    """``softwareentwickler`` → [``software``, ``entwickler``] when it ends in a known word."""
    if word in words:
        return [word]
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= _MIN_PART:
            head = word[:-len(end)].rstrip("s-")
            return [*_split_compound(head, words, endings), end] if len(head) >= _MIN_PART else [end]
    return [word]


@cache
def concepts(title: str) -> frozenset[str]:
    """The concepts a title names (lower-case; unknown words as they are)."""
    words, ignore, endings = _table()
    out = set()
    for raw in _WORD.findall(fold(title or "")):
        if raw in ignore or raw.isdigit():
            continue
        for part in _split_compound(raw, words, endings):
            if part not in ignore:
                out.add(words.get(part, part))
    return frozenset(out)


def expand(title: str) -> list[str]:
    """Every word that names one of the title's concepts, in any language (what the search
    backend is asked for, so a German ad finds English titles)."""
    words, _, _ = _table()
    wanted = concepts(title)
    found = [w for w, c in words.items() if c in wanted]
    return list(dict.fromkeys([*sorted(wanted), *found]))


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and SequenceMatcher(None, a, b).ratio() >= FUZZY)


def similarity(a: str, b: str) -> float:
    """0-1: the Dice coefficient of the two titles' concept sets."""
    ca, cb = concepts(a), concepts(b)
    if not ca or not cb:
        return 0.0
    common = sum(1 for x in ca if any(_same(x, y) for y in cb))
    return round(min(1.0, 2 * common / (len(ca) + len(cb))), 3)
