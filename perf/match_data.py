"""The labelled set for job-ad matching: invented job ads × invented CVs × graded relevance.

**Generation** (seeded; Faker locales for names, cities and companies): each CV is one
person of a role (``match_roles.ROLES``, 22 roles in 8 families) writing in one of six
languages. Their title is the role's title in that language (a "Senior " prefix now and then),
their skills a random 60-100 % of the role's skills (sometimes written as aliases: ``k8s``,
``Postgres``) plus up to three skills of other roles, their current job in the role started
0.5-12 years ago, and half of them had an earlier job in another role. Each job ad is one role
in one of five languages: its title, a few of the role's skills as requirements (and one or
two nice-to-haves), years asked for (none, 2, 3 or 5), and the usual sections of an ad in that
language around them.

**Relevance rules** (written from what each CV and ad were generated with — the *truth* —
never from any matcher's features or scores): with ``Q`` the ad's required skills, ``S`` the
skills the CV was generated with and ``cov = |Q ∩ S| / |Q|``:

* **3** — same role, ``cov ≥ 0.75`` and years in the role ≥ the years asked for;
* **2** — same role otherwise, or the same family with ``cov ≥ 0.75``;
* **1** — the same family, or ``cov ≥ 0.5``;
* **0** — anything else.

**Metrics**: NDCG@10 with gain ``2^grade − 1`` (the ideal ranking from every judged CV) and
recall@20 of the CVs graded ≥ 2, each averaged over the ads."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from htdy.perf.match_roles import LANGS, ROLES, WRITTEN, Role

LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL"}
AD_LANGS = ("en", "de", "fr", "es", "it")
# Faker's it_IT city() depends on the interpreter's hash seed (the set is not reproducible with it)
IT_CITIES = ("Milano", "Roma", "Torino", "Bologna", "Firenze", "Napoli", "Genova", "Verona", "Padova", "Bari")
YEARS_ASKED = (None, 2, 3, 5)

SUMMARY = {
    "en": "{title} with {years} years of experience in {skills}.",
    "de": "{title} mit {years} Jahren Erfahrung in {skills}.",
    "fr": "{title} avec {years} ans d'expérience en {skills}.",
    "es": "{title} con {years} años de experiencia en {skills}.",
    "it": "{title} con {years} anni di esperienza in {skills}.",
    "nl": "{title} met {years} jaar ervaring in {skills}.",
}
JOB = {"en": "Worked on {skills}.", "de": "Arbeit mit {skills}.", "fr": "Travail avec {skills}.",
       "es": "Trabajo con {skills}.", "it": "Lavoro con {skills}.", "nl": "Werk met {skills}."}
AND = {"en": "and", "de": "und", "fr": "et", "es": "y", "it": "e", "nl": "en"}
AD = {
    "en": {"about": "About us:", "tasks": "Your tasks:", "task": "You build and run our products together with the team.",
           "req": "Requirements:", "years": "At least {n} years of experience as {title}",
           "skill": "Very good knowledge of {skills}", "nice": "Nice to have:",
           "offer": "We offer:", "offer_line": "Flexible hours, remote work and a learning budget."},
    "de": {"about": "Über uns:", "tasks": "Deine Aufgaben:", "task": "Du entwickelst und betreust unsere Produkte im Team.",
           "req": "Dein Profil:", "years": "Mindestens {n} Jahre Berufserfahrung als {title}",
           "skill": "Sehr gute Kenntnisse in {skills}", "nice": "Wünschenswert:",
           "offer": "Wir bieten:", "offer_line": "Flexible Arbeitszeiten, Homeoffice und Weiterbildung."},
    "fr": {"about": "À propos de nous :", "tasks": "Vos missions :", "task": "Vous développez nos produits avec l'équipe.",
           "req": "Profil recherché :", "years": "Au moins {n} ans d'expérience en tant que {title}",
           "skill": "Maîtrise de {skills}", "nice": "Un plus :",
           "offer": "Nous offrons :", "offer_line": "Horaires flexibles, télétravail et formation."},
    "es": {"about": "Sobre nosotros:", "tasks": "Funciones:", "task": "Desarrollarás nuestros productos con el equipo.",
           "req": "Requisitos:", "years": "Al menos {n} años de experiencia como {title}",
           "skill": "Experiencia con {skills}", "nice": "Se valorará:",
           "offer": "Ofrecemos:", "offer_line": "Horario flexible, teletrabajo y formación."},
    "it": {"about": "Chi siamo:", "tasks": "Mansioni:", "task": "Svilupperai i nostri prodotti con il team.",
           "req": "Requisiti:", "years": "Almeno {n} anni di esperienza come {title}",
           "skill": "Ottima conoscenza di {skills}", "nice": "Costituisce un plus:",
           "offer": "Offriamo:", "offer_line": "Orario flessibile, smart working e formazione."},
}


@dataclass
class Profile:
    id: str
    role: Role
    lang: str
    skills: set[str]          # canonical names: the truth
    years_in_role: float
    resume: dict[str, Any]


@dataclass
class Ad:
    id: str
    role: Role
    lang: str
    required: list[str]
    preferred: list[str]
    min_years: int | None
    text: str
    grades: dict[str, int] = field(default_factory=dict)  # profile id → 0-3


def _joined(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def _month(today: date, years_ago: float) -> str:
    months = today.year * 12 + today.month - 1 - round(years_ago * 12)
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _fakers(seed: int) -> dict[str, Any]:
    try:
        from faker import Faker
    except ImportError as exc:  # an extra, not a run-time dependency
        raise SystemExit("htdy perf match needs Faker: pip install 'htdy[corpus]'") from exc
    out = {}
    for lang, locale in LOCALES.items():
        f = Faker(locale)
        f.seed_instance(seed + LANGS.index(lang))
        out[lang] = f
    return out


def make_profile(i: int, rng: random.Random, fakers: dict[str, Any], today: date) -> Profile:
    role = rng.choice(ROLES)
    lang = rng.choice(LANGS)
    fake = fakers[lang]
    own = rng.sample(role.skills, max(2, round(len(role.skills) * rng.uniform(0.6, 1.0))))
    others = [s for r in ROLES if r is not role for s in r.skills if s not in role.skills]
    skills = list(dict.fromkeys(own + rng.sample(others, rng.randint(0, 3))))
    written = [rng.choice(WRITTEN.get(s, (s,))) for s in skills]
    title = ("Senior " if rng.random() < 0.2 else "") + role.title(lang)
    years = round(rng.uniform(0.5, 12), 1)
    work = [{"name": fake.company(), "position": title, "startDate": _month(today, years),
             "summary": JOB[lang].format(skills=_joined(rng.sample(written, min(3, len(written))), lang))}]
    if rng.random() < 0.5:
        before = rng.choice([r for r in ROLES if r is not role])
        span = round(rng.uniform(1, 5), 1)
        work.append({"name": fake.company(), "position": before.title(lang),
                     "startDate": _month(today, years + span), "endDate": _month(today, years + 0.1),
                     "summary": JOB[lang].format(skills=_joined(list(before.skills[:2]), lang))})
    resume = {"basics": {"name": fake.name(), "label": title,
                         "summary": SUMMARY[lang].format(title=title, years=round(years),
                                                         skills=_joined(written[:3], lang)),
                         "location": {"city": rng.choice(IT_CITIES) if lang == "it" else fake.city(),
                                      "countryCode": LOCALES[lang][-2:]}},
              "skills": [{"name": "Skills", "keywords": written}], "work": work}
    return Profile(f"p{i:04d}", role, lang, set(skills), years, resume)


def make_ad(i: int, role: Role, lang: str, rng: random.Random, fakers: dict[str, Any]) -> Ad:
    t = AD[lang]
    fake = fakers[lang]
    required = rng.sample(role.skills, min(len(role.skills), rng.randint(3, 4)))
    rest = [s for s in role.skills if s not in required]
    preferred = rng.sample(rest, min(len(rest), rng.randint(1, 2)))
    years = rng.choice(YEARS_ASKED)
    title = role.title(lang)
    half = max(1, len(required) // 2)
    lines = [title + (" (m/w/d)" if lang == "de" else ""), "", t["about"], f"{fake.company()} — {fake.catch_phrase()}."
             if lang == "en" else f"{fake.company()}.", "", t["tasks"], f"- {t['task']}", "", t["req"]]
    if years:
        lines.append("- " + t["years"].format(n=years, title=title))
    lines += ["- " + t["skill"].format(skills=_joined(required[:half], lang)),
              "- " + t["skill"].format(skills=_joined(required[half:], lang)) if required[half:] else "",
              *(["", t["nice"], "- " + _joined(preferred, lang)] if preferred else []),
              "", t["offer"], t["offer_line"]]
    return Ad(f"a{i:03d}", role, lang, required, preferred, years, "\n".join(lines))


def grade(ad: Ad, p: Profile) -> int:
    """The relevance rules of the module docstring."""
    cov = len(set(ad.required) & p.skills) / len(ad.required)
    same_role, same_family = p.role.id == ad.role.id, p.role.family == ad.role.family
    if same_role and cov >= 0.75 and p.years_in_role >= (ad.min_years or 0):
        return 3
    if same_role or (same_family and cov >= 0.75):
        return 2
    if same_family or cov >= 0.5:
        return 1
    return 0


def generate(profiles: int, ads: int, seed: int = 7, today: date | None = None) -> tuple[list[Profile], list[Ad]]:
    """``profiles`` CVs and ``ads`` job ads (roles and languages cycled), graded."""
    rng = random.Random(seed)
    fakers = _fakers(seed)
    today = today or datetime.now(UTC).date()
    pool = [make_profile(i, rng, fakers, today) for i in range(profiles)]
    out = []
    for i in range(ads):
        role = ROLES[(i * 7) % len(ROLES)]  # a stride prime to the role count: every role, spread out
        ad = make_ad(i, role, AD_LANGS[i % len(AD_LANGS)], rng, fakers)
        ad.grades = {p.id: g for p in pool if (g := grade(ad, p))}
        out.append(ad)
    return pool, out


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    def dcg(gs: list[int]) -> float:
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gs[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(x, 0) for x in ranked]) / ideal if ideal else 0.0


def recall_at(ranked: list[str], grades: dict[str, int], k: int = 20, min_grade: int = 2) -> float:
    relevant = {x for x, g in grades.items() if g >= min_grade}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0
