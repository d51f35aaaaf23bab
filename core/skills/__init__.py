"""The skills vocabulary: canonical skill and spoken-language names with their aliases,
shipped as data (``vocabulary.json``: its source and licence are inside it).

Matching is on a *key*: the text case-folded, accents removed, white space collapsed,
with the symbols that tell skills apart kept (``C#``, ``C++``, ``.NET`` and ``C`` are four
keys). A skill the vocabulary does not know keeps its own key, so it still filters and
facets exactly — it just has no aliases.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

# what separates several skills written in one string ("Python, Go / Rust")
_SPLIT = re.compile(r"\s*(?:[,;|/•·]|\s\+\s|\s&\s|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
# a level or note after the name: "Python - advanced", "English: native", "German (C1)"
_LEVEL_TAIL = re.compile(r"\s+[-–—:]\s+.*$|:\s*.*$")
_EDGE = re.compile(r"^[\s\-–—*•·>\"'`]+|[\s,;:!?\"'`)]+$|(?<![.])\.$")


def fold(text: str) -> str:
    """The matching key of a skill, language or query phrase."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = " ".join(plain.casefold().split())
    return _EDGE.sub("", plain)


@dataclass(frozen=True)
class Term:
    """A recognised (or unknown) skill: the name to show and the key to filter on."""

    name: str
    key: str
    known: bool


class Vocabulary:
    def __init__(self, data: dict[str, object]) -> None:
        self.source = str(data.get("source", ""))
        self.licence = str(data.get("licence", ""))
        self.skills = self._table(data.get("skills"), "skills")
        self.languages = self._table(data.get("languages"), "languages")
        # longest alias in words: how far the query scanner looks ahead
        self.max_words = max(len(k.split()) for k in self.skills)

    @staticmethod
    def _table(section: object, label: str) -> dict[str, str]:
        if not isinstance(section, dict):
            raise ValueError(f"vocabulary.json: '{label}' must be an object of name -> [aliases]")
        table: dict[str, str] = {}
        for name, aliases in section.items():
            for alias in [name, *aliases]:
                key = fold(alias)
                if not key:
                    raise ValueError(f"vocabulary.json: {label}: empty alias of {name!r}")
                if table.get(key, name) != name:
                    raise ValueError(f"vocabulary.json: {label}: {alias!r} names both {table[key]!r} and {name!r}")
                table[key] = name
        return table

    # ------------------------------------------------------------------ skills
    def skill(self, text: str) -> Term | None:
        """One skill string onto the vocabulary (``None`` when it is empty)."""
        key = fold(text)
        if not key:
            return None
        if key in self.skills:
            name = self.skills[key]
            return Term(name, fold(name), True)
        return Term(" ".join(text.split()).strip(" .,;:-•*"), key, False)

    def is_skill(self, text: str) -> bool:
        return fold(text) in self.skills

    def skills_in(self, texts: Iterable[str]) -> list[Term]:
        """Free-text skill strings normalised onto the vocabulary, in order, without
        duplicates. A whole string that is known wins ("CI/CD", "UX/UI"); otherwise it is
        split on separators and parentheses ("Python (Django, Flask)", "Go / Rust")."""
        out: dict[str, Term] = {}
        for text in texts:
            for term in self._split(text):
                out.setdefault(term.key, term)
        return list(out.values())

    def _split(self, text: str) -> list[Term]:
        whole = self.skill(text)
        if whole is None or whole.known:
            return [whole] if whole else []
        inner = _PAREN.findall(text)
        outer = _PAREN.sub(" ", text)
        parts = [p for chunk in [outer, *inner] for p in _SPLIT.split(chunk)]
        terms = []
        for part in parts:
            term = self.skill(part)
            if term is None:
                continue
            if not term.known and (stripped := self.skill(_LEVEL_TAIL.sub("", part))) and stripped.known:
                term = stripped
            terms.append(term)
        if len(terms) > 1 and not any(t.known for t in terms) and not inner:
            return [whole]  # nothing recognised: keep the writer's phrase as one skill
        return terms

    def query_skills(self, query: str) -> tuple[list[tuple[Term, str]], str]:
        """Known skills named in a free-text query (longest phrase first: "machine
        learning", "c++", "ruby on rails"), each with the words as typed, and the rest of
        the query."""
        tokens = query.split()
        found: list[tuple[Term, str]] = []
        rest: list[str] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.max_words, len(tokens) - i), 0, -1):
                key = fold(" ".join(tokens[i:i + n]))
                if key in self.skills:
                    name = self.skills[key]
                    found.append((Term(name, fold(name), True), " ".join(tokens[i:i + n])))
                    i += n
                    break
            else:
                rest.append(tokens[i])
                i += 1
        return found, " ".join(rest)

    # ------------------------------------------------------------------ languages
    def language(self, text: str) -> str | None:
        """A spoken language onto its English name ("Deutsch (C1)" -> "German")."""
        plain = _PAREN.sub(" ", text)
        for candidate in (plain, _LEVEL_TAIL.sub("", plain), plain.split(" - ")[0]):
            key = fold(candidate)
            if key in self.languages:
                return self.languages[key]
        name = " ".join(_LEVEL_TAIL.sub("", plain).split()).strip(" .,;:-")
        return name.title() if name else None


@cache
def vocabulary() -> Vocabulary:
    raw = resources.files(__package__).joinpath("vocabulary.json").read_text("utf-8")
    return Vocabulary(json.loads(raw))
