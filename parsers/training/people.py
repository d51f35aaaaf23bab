"""Invented people for the corpus factory: ``make_person(seed, lang)`` -> JSON Resume truth + printable view.

The contract is ``CONTRACT.md`` next to this file. Everything a template prints comes from ``view`` and
has its exact counterpart in ``resume``: dates carry the printed precision ('YYYY-MM' when the month is
printed, 'YYYY' when only the year is), an open end ('heute', '至今') means no endDate, and a value that
is not printed (no location, no dates) is absent from the truth too. Open ends printed as 'seit 2019' /
'2019年4月起' have ``end`` None in the view; entries printed with their graduation date only have ``start``
None.

Deterministic for (seed, lang): a ``random.Random`` keyed by both, and Faker reseeded per person.
Names, companies, e-mail user names and most phone numbers come from Faker; the rest from the
hand-written tables in ``locales.py``, ``phrases.py`` and ``phrases_work.py``.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from htdy.parsers.training import locales as L
from htdy.parsers.training import phrases as P
from htdy.parsers.training import phrases_work as W

LANGS = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "zh", "ja", "ko", "ru", "tr", "sv", "cs", "ar")
LATIN = {"en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "sv", "cs"}
_PHONES = {  # own formats where Faker's are US-like ('#' = a digit)
    "TR": ("+90 5## ### ## ##", "0 (5##) ### ## ##", "05## ### ## ##"),
    "SA": ("+966 5# ### ####", "05# ### ####", "+966 5########"),
    "AE": ("+971 5# ### ####", "05# ### ####"),
}
_AR_COMPANIES = ("شركة {n} للتجارة", "مجموعة {n}", "{n} القابضة", "مؤسسة {n} للمقاولات", "شركة {n} للتقنية")
_FOLD = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "ı": "i", "đ": "d", "œ": "oe"})  # NFKD: the rest
_FOLD_DE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})  # Müller -> mueller
_THOUSANDS = {"en": ",", "zh": ",", "ja": ",", "ko": ",", "ar": ",", "de": ".", "es": ".", "pt": ".",
              "it": ".", "nl": ".", "tr": "."}  # the others group with a space
_PROFILE_URLS = {"LinkedIn": "https://www.linkedin.com/in/", "GitHub": "https://github.com/",
                 "GitLab": "https://gitlab.com/", "X": "https://x.com/",
                 "Behance": "https://www.behance.net/", "Dribbble": "https://dribbble.com/",
                 "XING": "https://www.xing.com/profile/"}
_NETWORKS = {"tech": ["GitHub", "GitLab"], "design": ["Behance", "Dribbble"]}  # others: X
_SKILL_KEYS = {"tech": ["prog", "web", "infra", "data", "methods", "soft"],
               "eng": ["eng", "tools", "methods", "soft"], "design": ["design", "tools", "soft"],
               "office": ["tools", "data", "methods", "soft"]}
_EDU_LEVELS: tuple[list[list[int]], ...] = (
    [[]], [[1], [1], [2]], [[2, 1], [2, 1], [1, 1], [2, 2]], [[3, 2, 1], [2, 1, 1], [2, 2, 1]])
_EDU_MONTHS = {1: (36, 36, 48), 2: (12, 24, 24), 3: (36, 48, 60)}  # study length per degree level


@dataclass(frozen=True)
class Person:
    seed: int
    lang: str
    resume: dict[str, Any]  # JSON Resume truth
    view: dict[str, Any]  # what templates print (CONTRACT.md)


@functools.cache
def _faker(locale: str) -> Any:
    from faker import Faker  # the 'corpus' extra: only the factory needs it

    # only the providers used here: loading all of them costs ~0.1 s per locale
    used = ("person", "company", "phone_number", "internet", "date_time")
    return Faker(locale, providers=[f"faker.providers.{p}" for p in used])


def _mix(seed: int, lang: str) -> int:
    # keyed by the language too, so seed 7 in 'de' and in 'fr' are unrelated people
    return int.from_bytes(hashlib.sha256(f"{seed}:{lang}".encode()).digest()[:8], "big")


def _ym(idx: int) -> tuple[int, int]:  # month index (year * 12 + month - 1) -> (year, month)
    return idx // 12, idx % 12 + 1


def _ascii(s: str, lang: str) -> str:
    s = s.lower().translate(_FOLD_DE) if lang == "de" else s.lower()
    s = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return re.sub(r"[^a-z]", "", "".join(c for c in s if not unicodedata.combining(c)))


def _pool(kind: str) -> list[str]:
    """Keywords of a trade (bullets' {tech} and skills)."""
    K = P.KEYWORDS
    pools = {"tech": K["prog"] + K["web"] + K["infra"] + K["data"], "design": K["design"] + K["tools"][:4],
             "eng": K["eng"] + K["tools"][:5]}
    return list(pools.get(kind, K["tools"] + K["data"][4:7]))


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


class _Maker:
    """One person's generator: their random streams and their habits (one date style, one separator...)."""

    def __init__(self, seed: int, lang: str) -> None:
        self.lang = lang
        self.rng = rng = random.Random(_mix(seed, lang))
        self.fake = _faker(rng.choice(L.FAKER[lang]))
        self.fake.seed_instance(_mix(seed, lang) % 2**31)
        self.code, self.country_names, cities = L.COUNTRY[self.fake.locales[0]]
        self.cities = [c.split("|") for c in cities]
        self.style = rng.choice(L.DATE_STYLES[lang])
        self.cap = lang not in L.LOWER_MONTHS or rng.random() < 0.3
        self.sep = rng.choice(L.SEPARATORS.get(lang, L.SEPARATORS["default"]))
        self.present = rng.choice(L.PRESENT[lang])
        named = self.style in ("abbr", "full", "full_de")
        since_forms = None if named and lang in L.SINCE_NUMERIC_ONLY else L.SINCE[lang]
        self.since = rng.choice(since_forms) if since_forms and rng.random() < 0.3 else None
        self.degree_pattern = rng.choice(P.DEGREE_PATTERNS[lang])
        self.female = rng.random() < 0.5
        self.role = rng.randrange(len(P.TITLES[lang]))
        self.kind = P.ROLE_KINDS[self.role]

    def pick(self, seq: Any, k: int | None = None) -> Any:
        return self.rng.choice(seq) if k is None else self.rng.sample(list(seq), min(k, len(seq)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def date(self, style: str, idx: int) -> tuple[str, str]:
        """(printed, truth) for one month index."""
        return L.format_date(self.lang, style, *_ym(idx), cap=self.cap), L.iso_date(style, *_ym(idx))

    def dates(self, start: int, end: int | None, p_year: float) -> tuple[dict, dict]:
        """(view pieces, truth dates) for a range; end None = open ('present' or 'since ...')."""
        style = "year" if self.chance(p_year) else self.style
        s_txt, s_iso = self.date(style, start)
        if end is None:
            if self.since:
                return ({"dates": self.since.format(d=s_txt), "start": s_txt, "end": None},
                        {"startDate": s_iso})
            return ({"dates": f"{s_txt}{self.sep}{self.present}", "start": s_txt, "end": self.present},
                    {"startDate": s_iso})
        e_txt, e_iso = self.date(style, end)
        return {"dates": f"{s_txt}{self.sep}{e_txt}", "start": s_txt, "end": e_txt}, \
            {"startDate": s_iso, "endDate": e_iso}

    def title(self, role: int) -> str:
        forms = P.TITLES[self.lang][role].split("|")  # 'masculine|feminine'
        return forms[-1] if self.female else forms[0]

    def fill(self, template: str, kind: str) -> str:
        tech, tech2 = self.pick(_pool(kind), 2)
        big = f"{self.pick((1200, 5000, 25000, 40000, 250000, 1500000)):,}"
        return template.lstrip("*").format(
            tech=tech, tech2=tech2, n=self.rng.randint(2, 12), pct=self.rng.randint(10, 75),
            big=big.replace(",", _THOUSANDS.get(self.lang, " ")), k=self.rng.randrange(100, 900, 10),
            cls=self.rng.randint(18, 32))

    def bullets(self, role: int, count: int) -> list[str]:
        tags = set(P.ROLE_TAGS[role])
        ok = [b for b, bt in zip(W.BULLETS[self.lang], W.BULLET_TAGS, strict=True) if tags & set(bt)]
        return [self.fill(b, P.ROLE_KINDS[role]) for b in self.pick(ok, count)]

    def place(self, postal: bool = True) -> tuple[str, dict]:
        """(printed address line, truth location) for a city of the person's country."""
        city, *region = self.pick(self.cities)
        pats = list(L.LOCATION_PATTERNS.get(self.lang, L.LOCATION_PATTERNS["default"]))
        pats += L.LOCATION_PATTERNS["US"] if region else []
        pats += L.LOCATION_PATTERNS["postal"] if postal and self.code in L.POSTAL else []
        pat = self.pick(pats)
        code = self.digits(L.POSTAL.get(self.code, ""))
        country = self.pick(self.country_names)
        line = pat.format(city=city, country=country, postal=code, region="".join(region))
        truth = {"city": city, "postalCode": code if "{postal}" in pat else None,
                 "region": region[0] if "{region}" in pat else None,
                 "countryCode": self.code if "{country}" in pat else None}
        return line, _clean(truth)

    def digits(self, pattern: str) -> str:
        """'#' -> a digit (not 0 first), 'A' -> a capital letter."""
        return "".join(str(self.rng.randint(int(i == 0), 9)) if c == "#" else chr(65 + self.rng.randrange(26))
                       if c == "A" else c for i, c in enumerate(pattern))

    def company(self, taken: set[str]) -> str:
        for _ in range(20):  # company names are the scorer's key: unique within a CV
            name = self.pick(_AR_COMPANIES).format(n=self.fake.last_name()) if self.lang == "ar" \
                else self.fake.company()
            if name not in taken:
                break
        taken.add(name)
        return name

    # ---- sections --------------------------------------------------------------------------------
    def identity(self) -> dict[str, Any]:
        f, g, lang = self.fake, "female" if self.female else "male", self.lang
        first, last = getattr(f, f"first_name_{g}")(), getattr(f, f"last_name_{g}", f.last_name)()
        if lang in ("zh", "ko"):
            name = f"{last}{first}"
        elif lang == "ja" or (lang == "ru" and self.chance(0.5)):
            name = f"{last} {first}"
        else:
            name = f"{first} {last}"
        if lang in LATIN:
            fa, la = _ascii(first, lang) or "info", _ascii(last, lang) or "mail"
            local = self.pick((f"{fa}.{la}", f"{fa}{la}", f"{fa[0]}.{la}", f"{fa}_{la}",
                               f"{fa}.{la}{self.rng.randint(1, 99)}", f"{la}{fa[0]}"))
            handle = self.pick((f"{fa}{la}", f"{fa}-{la}", f"{fa[0]}{la}", f"{la}{fa[0]}"))
        else:  # Faker's user names are romanised
            local = re.sub(r"[^a-z0-9._]", "", f.user_name().lower()).strip("._") or "mail"
            handle = local.replace(".", "").replace("_", "-").strip("-") or "me"
        tld = self.pick(("com", "net", "io", "me"))
        domain = f.free_email_domain() if self.chance(0.8) else f"{handle}.{tld}"
        url = self.pick((f"https://{handle}.dev", f"https://www.{handle}.com", f"https://{handle}.github.io",
                         f"https://{handle}.me")) if self.chance(0.35) else None
        nets = ["LinkedIn", *_NETWORKS.get(self.kind, ["X"])] + (["XING"] if lang == "de" else [])
        profiles = [{"network": n, "username": handle, "url": _PROFILE_URLS[n] + handle}
                    for n in self.pick(nets, self.rng.choices(range(4), weights=(30, 35, 25, 10))[0])]
        if not self.chance(0.9):
            phone = None
        elif self.code in _PHONES:
            phone = self.digits(self.pick(_PHONES[self.code]))
        else:
            phone = re.sub(r"\s*(x|ext\.?)\s*\d+$", "", f.phone_number())
        return {"name": name, "email": f"{local}@{domain}", "url": url, "profiles": profiles, "phone": phone}

    def work(self, now: int) -> tuple[list[dict], list[dict], int]:
        """Jobs newest first: (view entries, truth entries, month index of the first job's start)."""
        rng, out_v, out_t = self.rng, [], []
        taken: set[str] = set()
        cursor = now
        density = self.pick((0, 2, 3, 4, 5, 7))  # some people write many bullets, some none
        for i in range(rng.choices(range(1, 7), weights=(12, 22, 26, 20, 12, 8))[0]):
            end = None if i == 0 and self.chance(0.65) else cursor - rng.randint(0, 3)
            start = (cursor if end is None else end) - rng.randint(6, 60)
            cursor = start - rng.randint(0, 4)
            role = self.role if i == 0 or self.chance(0.85) else rng.randrange(len(P.TITLES[self.lang]))
            v: dict[str, Any] = {"position": self.title(role), "company": self.company(taken),
                                 "location": None, "dates": None, "start": None, "end": None, "summary": None}
            t: dict[str, Any] = {"name": v["company"], "position": v["position"]}
            if self.chance(0.6):
                v["location"] = t["location"] = self.place(postal=False)[0]
            if i == 0 or self.chance(0.94):  # some older entries print no dates at all
                pieces, dates = self.dates(start, end, p_year=0.08)
                v.update(pieces)
                t.update(dates)
            v["highlights"] = self.bullets(role, max(0, min(7, density + rng.randint(-2, 1) - (i >= 3))))
            if self.chance(0.2):
                v["summary"] = self.bullets(role, 1)[0] + ("。" if self.lang in ("zh", "ja") else ".")
            t.update(_clean({"summary": v["summary"], "highlights": list(v["highlights"])}))
            out_v.append(v)
            out_t.append(t)
        return out_v, out_t, cursor

    def education(self, cursor: int) -> tuple[list[dict], list[dict]]:
        rng, lang, out_v, out_t = self.rng, self.lang, [], []
        cursor -= rng.randint(0, 8)
        for level in self.pick(_EDU_LEVELS[rng.choices(range(4), weights=(8, 45, 35, 12))[0]]):
            end = cursor  # newest (highest) degree first
            start = end - self.pick(_EDU_MONTHS[level])
            cursor = start - rng.randint(0, 3)
            inst, loc = self.pick(P.UNIVERSITIES[lang]), None
            if "{city}" in inst:
                city = self.pick(self.cities)[0]
                inst, loc = inst.format(city=city), city if self.chance(0.4) else None
            st = self.pick(P.DEGREES[lang][level - 1]) if self.chance(0.9) else None
            area = self.pick(P.FIELDS[lang]) if self.chance(0.85) else None
            line: str | None
            if st and area:
                if self.degree_pattern.startswith("{a}"):  # Swedish fields are lower case mid-sentence
                    area = area[:1].upper() + area[1:]
                line = self.degree_pattern.format(t=st, a=area)
            else:
                line = st or area
            score = self.pick(P.SCORES[lang]) if self.chance(0.2) else None
            v = {"institution": inst, "studyType": st, "area": area, "degree_line": line, "location": loc,
                 "dates": None, "start": None, "end": None, "score": score}
            t = {"institution": inst, "area": area, "studyType": st, "score": score}
            r = rng.random()
            if r < 0.2:  # graduation date only
                v["dates"], t["endDate"] = self.date("year" if self.chance(0.5) else self.style, end)
                v["end"] = v["dates"]
            elif r < 0.92:
                pieces, dates = self.dates(start, end, p_year=0.25)
                v.update(pieces)
                t.update(dates)
            out_v.append(v)
            out_t.append(_clean(t))
        return out_v, out_t

    def skills(self) -> tuple[str, list[dict]]:
        style = self.rng.choices(("groups", "list", "prose", "levels"), weights=(40, 25, 15, 20))[0]
        out: list[dict[str, Any]] = []
        pool: Sequence[str]
        if style in ("groups", "prose"):
            keys = _SKILL_KEYS[self.kind]
            chosen = self.pick(keys, self.rng.randint(2 if style == "groups" else 1, 4))
            for key in sorted(chosen, key=keys.index):
                pool = P.SOFT[self.lang] if key == "soft" else P.KEYWORDS[key]
                name = P.SKILL_GROUPS[self.lang]["design" if key == "eng" else key]
                out.append({"name": name, "keywords": self.pick(pool, self.rng.randint(3, 6)), "level": None})
        else:
            pool = _pool(self.kind) + ([] if style == "levels" else list(P.SOFT[self.lang][:3]))
            count = self.rng.randint(4, 8) if style == "levels" else self.rng.randint(5, 12)
            for kw in self.pick(pool, count):
                level = self.pick(P.LEVELS[self.lang]) if style == "levels" else None
                out.append({"name": kw, "keywords": [], "level": level})
        return style, out

    def languages(self) -> list[dict[str, str]]:
        if not self.chance(0.7):
            return []
        names, tiers = L.LANG_NAMES[self.lang], L.FLUENCY[self.lang].split("/")
        cefr = self.chance(0.35)
        others = [c for c in L.LANG_NAME_CODES[:-1] if c not in (self.lang, "en")]
        out = [{"language": names["own"], "fluency": tiers[0]}]
        for c in ([] if self.lang == "en" else ["en"]) + self.pick(others, self.rng.randint(0, 2)):
            tier = self.rng.randint(1, 4)
            out.append({"language": names[c], "fluency": L.CEFR[tier - 1] if cefr else tiers[tier]})
        return out

    def summary(self, years: int) -> str | None:
        if not self.chance(0.65):
            return None
        domain = W.DOMAINS[self.lang][W.ROLE_DOMAIN[self.role]]
        first = W.SUMMARY_FIRST[self.lang].format(title=self.title(self.role), years=years, domain=domain)
        more = [self.fill(s, self.kind) for s in self.pick(W.SUMMARY_MORE[self.lang], self.rng.randint(0, 2))]
        return ("" if self.lang in ("zh", "ja") else " ").join([first, *more])

    def extras(self, first: int, now: int) -> tuple[dict[str, list], dict[str, list]]:
        """Projects, interests and certificates: (view, truth)."""
        projects_v, projects_t, certs_v, certs_t = [], [], [], []
        for name in self.pick(P.PROJECT_NAMES, self.pick((0, 0, 0, 1, 2, 3))):
            y = min(_ym(first)[0] + self.rng.randint(0, 6), _ym(now)[0] - 1)
            desc = self.bullets(self.role, 1)[0]
            dates, span = self.pick(((None, {}), (str(y), {"startDate": str(y)}),
                                     (f"{y}{self.sep}{y + 1}", {"startDate": str(y), "endDate": str(y + 1)})))
            projects_v.append({"name": name, "description": desc, "dates": dates})
            projects_t.append({"name": name, "description": desc, **span})
        for name, issuer in self.pick(P.CERTIFICATES, self.pick((0, 0, 0, 1, 1, 2, 3))):
            shown, truth = self.date("year" if self.chance(0.6) else self.style,
                                     min(first + self.rng.randint(6, 90), now))
            certs_v.append({"name": name, "issuer": issuer, "date": shown})
            certs_t.append({"name": name, "issuer": issuer, "date": truth})
        interests = self.pick(P.INTERESTS[self.lang], self.rng.randint(2, 5)) if self.chance(0.35) else []
        view = {"projects": projects_v, "certificates": certs_v,
                "interests": [{"name": n, "keywords": []} for n in interests]}
        return view, {"projects": projects_t, "certificates": certs_t,
                      "interests": [{"name": n} for n in interests]}


def make_person(seed: int, lang: str) -> Person:
    """The invented person ``seed`` writing a CV in ``lang`` (one of LANGS)."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGS)}")
    mk = _Maker(seed, lang)
    ident = mk.identity()
    now = mk.rng.randint(2018, 2025) * 12 + mk.rng.randrange(12)  # the CV's date, as a month index
    work_v, work_t, first = mk.work(now)
    edu_v, edu_t = mk.education(first)
    label = mk.title(mk.role) if mk.chance(0.75) else None
    if mk.chance(0.1):  # some list the oldest first
        for seq in (work_v, work_t, edu_v, edu_t):
            seq.reverse()
    skills_style, skills = mk.skills()
    languages = mk.languages()
    summary = mk.summary(max(1, _ym(now)[0] - _ym(first)[0]))
    location, location_t = mk.place() if mk.chance(0.85) else (None, None)
    extras_v, extras_t = mk.extras(first, now)
    at, in_, since = L.WORDS[lang]
    view = {
        "lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "name": ident["name"], "label": label,
        "email": ident["email"], "phone": ident["phone"], "url": ident["url"], "location": location,
        "profiles": ident["profiles"], "summary": summary,
        "headings": {k: mk.pick(v) for k, v in L.HEADINGS[lang].items()},
        "work": work_v, "education": edu_v, "skills": skills, "skills_style": skills_style,
        "languages": languages, **extras_v,
        "words": {"at": at, "in": in_, "present": mk.present, "since": since},
    }
    basics = _clean({**ident, "label": label, "summary": summary, "location": location_t})
    resume = _clean({"basics": basics, "work": work_t, "education": edu_t,
                     "skills": [_clean(s) for s in skills], "languages": languages, **extras_t})
    # the truth must not share lists with the view (renderers may edit their view)
    return Person(seed=seed, lang=lang, resume=copy.deepcopy(resume), view=view)
