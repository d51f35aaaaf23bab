"""``lexical``: the built-in matcher — the skills vocabulary plus BM25 on the search backend.

1. **Candidates**: the search backend's ``candidates`` (any backend that implements it:
   embedded FTS5, OpenSearch) with the ad's skills (required ones weigh 2, nice-to-haves 1,
   on the opaque skill tokens: ``C#`` is not ``C``), its title words expanded across
   languages (``titles.py``) on the title fields, and its most frequent content words on
   every text field, ranked by the engine's BM25.
2. **Fit** (0-1, the same for a CV whatever the pool): required-skill coverage 0.5,
   title similarity 0.25, years of relevant experience against the years asked for 0.15,
   nice-to-have coverage 0.1 — a part the ad does not give (no skills, no title) hands its
   weight to the others.
3. **Score** = (1 - ``text_weight``) × fit + ``text_weight`` × the candidate's BM25 over the
   best BM25 of the pool, so text the fit does not read still breaks ties.

Years of relevant experience add up the jobs (``experience`` of the search document) whose
title is similar to the ad's (≥ 0.5) or whose description names a required skill, capped at
the CV's total years; a document without job details counts its total years when its title
is similar.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pydantic import Field

from htdy.core.host.interfaces import CandidateQuery, JobAd, Matcher, MatchHit, PluginOptions, SearchBackend
from htdy.core.skills import fold
from htdy.plugins.matchers import titles

WEIGHTS = {"required": 0.5, "title": 0.25, "years": 0.15, "preferred": 0.1}
RELEVANT_TITLE = 0.5
PAST_TITLE = 0.8  # a past job's title counts a little less than the current one
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOPWORDS = frozenset(fold(w) for w in """
about above after again also and any are because been before being below between both but can
could did does doing down during each few for from further had has have having her here hers him
his how into its itself just more most must not now off once only other our ours out over own same
she should some such than that the their theirs them then there these they this those through too
under until very was were what when where which while who whom why will with would you your yours
team work working role company join looking experience skills strong good years year plus new based
join we us offer help build including knowledge ability within across ideal candidate
und der die das dem den des ein eine einer eines mit wir sie ihr ihre fur auf bei von zum zur als
auch oder nicht sind werden wird hast haben bist deine dein unser unsere unseren kenntnisse erfahrung
jahre jahren sowie sehr gute gutes team
les des une pour avec vous nous dans sur par est sont votre vos nos notre aux ans experience annees
equipe bonne bonnes connaissances
los las una para con por del que sus nuestro nuestra tus experiencia anos equipo buen buena conocimientos
gli una per con dei della delle nel nella sono anni esperienza nostro nostra squadra buona conoscenza
het een met voor van wij jij jouw onze zijn ervaring jaar jaren goede kennis
uma com para por dos das que seu sua nosso nossa anos experiencia equipe conhecimentos
""".split())


class LexicalOptions(PluginOptions):
    # how many candidates the search backend returns for scoring
    candidates: int = Field(200, ge=10, le=1000)
    # the share of the score that comes from the backend's BM25 (the rest is the fit)
    text_weight: float = Field(0.2, ge=0, le=1)
    # how many of the ad's content words go to the backend
    words: int = Field(40, ge=0, le=120)


def content_words(text: str, n: int) -> list[str]:
    """The ``n`` most frequent words of ``text`` that are not stop words (folded)."""
    counts = Counter(w for w in _WORD.findall(fold(text)) if w not in STOPWORDS)
    return [w for w, _ in counts.most_common(n)]


def _title_of(doc: dict[str, Any], ad_title: str) -> tuple[float, str]:
    """(similarity, the title it was found in): the current title, the headline, past jobs."""
    best, where = 0.0, ""
    for candidate, factor in ((doc.get("title") or "", 1.0), (doc.get("label") or "", 1.0),
                              *((j.get("title") or "", PAST_TITLE) for j in doc.get("experience") or [])):
        if candidate:
            sim = titles.similarity(ad_title, candidate) * factor
            if sim > best:
                best, where = sim, candidate
    return round(best, 3), where


def relevant_years(doc: dict[str, Any], ad: JobAd) -> float | None:
    """Years in jobs like the ad's (title ≥ 0.5, or a required skill in the description)."""
    required = {t.key for t in ad.required}
    jobs = doc.get("experience") or []
    total = doc.get("years")
    if not jobs:
        if total is not None and ad.title and titles.similarity(ad.title, doc.get("title") or "") >= RELEVANT_TITLE:
            return float(total)
        return None if total is None else 0.0
    years = 0.0
    for job in jobs:
        if job.get("years") is None:
            continue
        similar = bool(ad.title) and titles.similarity(ad.title, job.get("title") or "") >= RELEVANT_TITLE
        if similar or required & set(job.get("skills") or []):
            years += float(job["years"])
    if total is not None:
        years = min(years, float(total))
    return round(years, 1)


def assess(ad: JobAd, doc: dict[str, Any]) -> MatchHit:
    """The fit of one stored search document (scores filled in, ``score`` = fit)."""
    have = set(doc.get("skill_keys") or [])
    names = dict(zip(doc.get("skill_keys") or [], doc.get("skills") or [], strict=False))
    matched = [names.get(t.key, t.name) for t in ad.required if t.key in have]
    missing = [t.name for t in ad.required if t.key not in have]
    nice = [names.get(t.key, t.name) for t in ad.preferred if t.key in have]
    sim, sim_in = _title_of(doc, ad.title) if ad.title else (0.0, "")
    years = relevant_years(doc, ad)
    parts: dict[str, float] = {}
    if ad.required:
        parts["required"] = len(matched) / len(ad.required)
    if ad.preferred:
        parts["preferred"] = len(nice) / len(ad.preferred)
    if ad.title:
        parts["title"] = sim
    if years is not None or ad.min_years:
        parts["years"] = min(1.0, (years or 0.0) / max(ad.min_years or 2.0, 0.5))
    weight = sum(WEIGHTS[k] for k in parts)
    fit = round(sum(WEIGHTS[k] * v for k, v in parts.items()) / weight, 4) if weight else 0.0
    reasons = []
    if ad.required:
        reasons.append(f"Has {len(matched)} of {len(ad.required)} required skills"
                       + (f": {', '.join(matched)}" if matched else ""))
    if missing:
        reasons.append(f"Missing: {', '.join(missing)}")
    if nice:
        reasons.append(f"Nice to have: {', '.join(nice)}")
    if sim_in and sim >= 0.3:
        reasons.append(f"Title “{sim_in}” is {round(sim * 100)} % like “{ad.title}”")
    if years:
        reasons.append(f"{years:g} years of relevant experience"
                       + (f" ({ad.min_years:g} asked)" if ad.min_years else ""))
    return MatchHit(cv_id=str(doc.get("cv_id")), score=fit, fit=fit, document=doc, matched_skills=matched,
                    missing_skills=missing, preferred_skills=nice, title_similarity=sim,
                    relevant_years=years, reasons=reasons)


def candidate_query(ad: JobAd, words: int, filters: dict[str, str] | None,
                    only: list[str] | None) -> CandidateQuery:
    skills = {t.key: 2.0 for t in ad.required}
    for t in ad.preferred:
        skills.setdefault(t.key, 1.0)
    return CandidateQuery(skills=skills, title_words=titles.expand(ad.title) if ad.title else [],
                          words=content_words(ad.text, words), filters=dict(filters or {}), only=only)


class LexicalMatcher(Matcher):
    name = "lexical"
    description = "Skills vocabulary + BM25 on the search backend: skills, title, years, text."
    Options = LexicalOptions
    options: LexicalOptions

    async def match(self, ad: JobAd, search: SearchBackend, *, limit: int = 20,
                    filters: dict[str, str] | None = None, only: list[str] | None = None) -> list[MatchHit]:
        query = candidate_query(ad, self.options.words, filters, only)
        pool = await search.candidates(query, limit=self.options.candidates)
        top = max((h.score for h in pool), default=0.0) or 1.0
        w = self.options.text_weight
        hits = []
        for h in pool:
            hit = assess(ad, h.document)
            hit.cv_id = h.cv_id
            hit.score = round((1 - w) * hit.fit + w * max(h.score, 0.0) / top, 4)
            hits.append(hit)
        hits.sort(key=lambda x: (-x.score, x.cv_id))
        return hits[:limit]
