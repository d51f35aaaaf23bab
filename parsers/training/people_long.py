"""Invented people with long CVs: academics (appointments, degrees with thesis and advisor, many publications,
talks, teaching, grants, service, supervision, referees) and people whose hand-written CVs carry referees and
awards. ``make_long_person(seed, lang, academic)`` returns a ``people.Person`` like ``make_person`` does
(same contract, CONTRACT.md), with these view keys added (a template prints what it knows):

    publications: [{authors: [str], me: int, title, venue, volume, pages, year, doi}]
    talks: [{title, event, place, year}]   teaching: [{course, role, dates}]
    grants: [{title, funder, amount, year}]   service: [str]   supervision: [{name, kind, dates}]
    references: [{name, role, institution, email, phone}]   research: [str]
    work[i].department, education[i].thesis / .advisor, long_headings: {key: str},
    labels: {thesis, advisor, phone}, page_form: 'Page {p} of {n}', cv_word: str

Truth: publications and talks -> ``publications``, grants -> ``awards``, referees -> ``references``; none of
these are scored, but the parser must not take them for the person's own contacts, work or education.
"""
from __future__ import annotations

import copy
import random
import re
from typing import Any

from htdy.parsers.training import locales as L
from htdy.parsers.training import phrases as P
from htdy.parsers.training import phrases_academic as A
from htdy.parsers.training.people import Person, _ascii, _clean, _faker, _mix, make_person


class _Long:
    def __init__(self, seed: int, lang: str) -> None:
        self.lang = lang
        self.rng = random.Random(_mix(seed, lang + ":long"))
        self.fake = _faker(self.rng.choice(L.FAKER[lang]))
        self.fake.seed_instance(_mix(seed, lang + ":long") % 2**31)
        self.cities = [c.split("|")[0] for c in L.COUNTRY[self.fake.locales[0]][2]]
        self.sep = self.rng.choice(L.SEPARATORS.get(lang, L.SEPARATORS["default"]))
        self.present = self.rng.choice(L.PRESENT[lang])
        self.style = self.rng.choice(L.DATE_STYLES[lang])
        self.year_only = self.rng.random() < 0.7
        self.cap = lang not in L.LOWER_MONTHS

    def pick(self, seq: Any) -> Any:
        return self.rng.choice(seq)

    def other_name(self) -> str:
        f = self.fake
        first, last = f.first_name(), f.last_name()
        return f"{last}{first}" if self.lang == "zh" else f"{last} {first}" if self.lang == "ja" else f"{first} {last}"

    def university(self, taken: set[str]) -> str:
        for _ in range(20):
            u = self.pick(P.UNIVERSITIES[self.lang])
            u = u.format(city=self.pick(self.cities)) if "{city}" in u else u
            if u not in taken:
                break
        taken.add(u)
        return u

    def span(self, start: int, end: int | None, year_only: bool) -> tuple[str, dict]:
        """(printed range, truth dates) for month indexes; end None = present."""
        style = "year" if year_only else self.style

        def one(i: int) -> tuple[str, str]:
            return L.format_date(self.lang, style, i // 12, i % 12 + 1, cap=self.cap), L.iso_date(style, i // 12, i % 12 + 1)

        s, s_iso = one(start)
        if end is None:
            return f"{s}{self.sep}{self.present}", {"startDate": s_iso}
        e, e_iso = one(end)
        if year_only and e == s:
            return s, {"startDate": s_iso, "endDate": e_iso}
        return f"{s}{self.sep}{e}", {"startDate": s_iso, "endDate": e_iso}

    def author(self, name: str, form: int) -> str:
        first, _, last = name.rpartition(" ")
        if not first:
            return name
        initials = " ".join(p[0] + "." for p in re.split(r"[\s-]+", first) if p)
        return (f"{last}, {initials}", f"{initials} {last}", name)[form]

    # ---- sections -----------------------------------------------------------------------------
    def appointments(self, now: int) -> tuple[list[dict], list[dict], int, set[str]]:
        titles, n = A.TITLES[self.lang], self.rng.choices(range(2, 7), weights=(20, 30, 25, 15, 10))[0]
        levels = sorted(self.rng.sample(range(len(titles)), min(n, len(titles))), reverse=True)
        out_v: list[dict] = []
        out_t: list[dict] = []
        taken: set[str] = set()
        cursor = now
        for i, lvl in enumerate(levels):
            end = None if i == 0 and self.rng.random() < 0.7 else cursor - self.rng.randint(0, 6)
            start = (cursor if end is None else end) - self.rng.randint(12, 60)
            cursor = start - self.rng.randint(0, 3)
            uni = self.university(taken)
            field = self.pick(A.FIELDS_EN if self.lang == "en" else P.FIELDS[self.lang])
            dept = self.pick(A.DEPARTMENT[self.lang]).format(f=field) if self.rng.random() < 0.75 else None
            dates, truth = self.span(start, end, self.year_only)
            loc = self.pick(self.cities) if self.rng.random() < 0.3 and not any(c in uni for c in self.cities) else None
            out_v.append({"position": titles[lvl], "company": uni, "department": dept, "location": loc,
                          "dates": dates, "start": None, "end": None, "summary": None, "highlights": []})
            out_t.append(_clean({"name": uni, "position": titles[lvl], "location": loc, **truth}))
        return out_v, out_t, cursor, taken

    def education(self, cursor: int, taken: set[str]) -> tuple[list[dict], list[dict], str]:
        out_v, out_t = [], []
        levels = [3, 2, 1] if self.rng.random() < 0.6 else [3, 2]
        field = self.pick(P.FIELDS[self.lang]) if self.lang != "en" else self.pick(A.FIELDS_EN)
        pattern = self.pick(P.DEGREE_PATTERNS[self.lang])
        for lvl in levels:
            end = cursor - self.rng.randint(0, 4)
            start = end - {3: 48, 2: 24, 1: 36}[lvl]
            cursor = start
            st = self.pick(P.DEGREES[self.lang][lvl - 1])
            inst = self.university(set() if self.rng.random() < 0.3 else taken)
            line = pattern.format(t=st, a=field)
            if self.rng.random() < 0.55:  # the graduation year only, as academics mostly write
                dates, truth = self.span(end, end, True)
                truth = {"endDate": truth["endDate"]}
            else:
                dates, truth = self.span(start, end, self.year_only)
            v = {"institution": inst, "studyType": st, "area": field, "degree_line": line, "location": None,
                 "dates": dates, "start": None, "end": None, "score": None, "thesis": None, "advisor": None}
            if lvl >= 2 and (lvl == 3 or self.rng.random() < 0.4):
                v["thesis"] = self.title()
                v["advisor"] = f"{self.pick(A.REF_TITLES[self.lang])} {self.other_name()}".strip()
            out_v.append(v)
            out_t.append(_clean({"institution": inst, "studyType": st, "area": field, **truth}))
        return out_v, out_t, field

    def title(self) -> str:
        adj, noun, topic = self.pick(A.T_ADJ), self.pick(A.T_NOUN), self.pick(A.T_TOPIC)
        t = self.pick(A.T_FORMS).format(A=adj, N=noun, T=topic, a=adj.lower(), n=noun)
        return t[0].upper() + t[1:]

    def publications(self, me: str, first_year: int, last_year: int, count: int) -> list[dict]:
        form = self.rng.randrange(3)
        out = []
        for _ in range(count):
            others = [self.author(self.other_name(), form) for _ in range(self.rng.choices(range(0, 8),
                                                                                          weights=(5, 20, 25, 20, 12, 8, 6, 4))[0])]
            pos = self.rng.randint(0, len(others))
            authors = others[:pos] + [self.author(me, form)] + others[pos:]
            year = self.rng.randint(first_year, last_year)
            doi = f"10.{self.rng.randint(1000, 9999)}/{self.fake.lexify('????').lower()}.{year}.{self.rng.randint(100, 99999)}"
            preprint = self.rng.random() < 0.12
            out.append({"authors": authors, "me": pos, "title": self.title(),
                        "venue": "arXiv" if preprint else self.pick(A.JOURNALS),
                        "volume": None if preprint else str(self.rng.randint(3, 140)),
                        "pages": f"{self.rng.randint(1000, 99999):05d}" if preprint else
                        f"{(p := self.rng.randint(1, 2400))}–{p + self.rng.randint(4, 30)}",
                        "year": str(year), "doi": None if preprint or self.rng.random() < 0.4 else doi})
        return sorted(out, key=lambda x: x["year"], reverse=True)

    def referees(self, n: int, academic: bool) -> list[dict]:
        out = []
        for _ in range(n):
            name = self.other_name()
            full = f"{self.pick(A.REF_TITLES[self.lang])} {name}".strip()
            role = self.pick(A.REF_ROLES[self.lang]).format(f=self.pick(A.FIELDS_EN))
            inst = self.university(set()) if academic or self.rng.random() < 0.4 else self.fake.company()
            first, _, last = name.rpartition(" ")
            local = ".".join(x for x in (_ascii(first, self.lang), _ascii(last, self.lang)) if x) or "office"
            dom = re.sub(r"[^a-z]", "", _ascii(inst, self.lang))[:14] or "example"
            out.append({"name": full, "role": role, "institution": inst,
                        "email": f"{local}@{dom}.{self.pick(('edu', 'ac.uk', 'org', 'com', 'de', 'eu'))}",
                        "phone": re.sub(r"\s*(x|ext\.?)\s*\d+$", "", self.fake.phone_number())
                        if self.rng.random() < 0.7 else None})
        return out


def _ref_truth(r: dict) -> dict:
    return {"name": r["name"], "reference": ", ".join(x for x in (r["role"], r["institution"], r["email"],
                                                                   r["phone"]) if x)}


def make_long_person(seed: int, lang: str, academic: bool) -> Person:
    """Person ``seed`` in ``lang`` with a long CV (academic: ``lang`` in phrases_academic.ACADEMIC_LANGS)."""
    base = make_person(seed, lang)
    view, resume = copy.deepcopy(base.view), copy.deepcopy(base.resume)
    g = _Long(seed, lang)
    rng = g.rng
    heads = {k: g.pick(v) for k, v in A.HEADINGS[lang].items()}
    view.update(long_headings=heads, page_form=g.pick(A.PAGE[lang]), cv_word=g.pick(A.CV_WORD[lang]),
                labels={"thesis": g.pick(A.THESIS.get(lang, ("Thesis",))),
                        "advisor": g.pick(A.ADVISOR.get(lang, ("Advisor",))), "phone": A.PHONE_WORD[lang]})
    for k in ("publications", "talks", "teaching", "grants", "service", "supervision", "references", "research"):
        view[k] = []
    now = rng.randint(2019, 2025) * 12 + rng.randrange(12)
    if academic:
        work_v, work_t, cursor, taken = g.appointments(now)
        edu_v, edu_t, field = g.education(cursor, taken)
        view.update(work=work_v, education=edu_v, projects=[], certificates=[], label=None)
        resume.update(work=work_t, education=edu_t)
        for k in ("projects", "certificates"):
            resume.pop(k, None)
        resume["basics"].pop("label", None)
        if rng.random() < 0.8:
            view["summary"] = None
            resume["basics"].pop("summary", None)
        y0, y1 = cursor // 12 + 2, now // 12
        view["publications"] = g.publications(view["name"], y0, y1, rng.choices(
            (10, 20, 35, 50, 80, 120), weights=(15, 25, 25, 15, 12, 8))[0])
        view["talks"] = [{"title": g.title(), "event": g.pick(A.CONFERENCES),
                          "place": g.pick(g.cities), "year": str(rng.randint(y0, y1))}
                         for _ in range(rng.choice((0, 5, 10, 20, 30)))]
        view["talks"].sort(key=lambda x: x["year"], reverse=True)
        view["teaching"] = [{"course": g.pick(A.COURSES).format(f=field), "role": g.pick(
            A.COURSE_ROLE[lang]), "dates": g.span(y * 12, (y + 1) * 12, True)[0]}
            for y in sorted(rng.sample(range(y0, y1 + 1), min(y1 - y0 + 1, rng.choice((0, 3, 6, 10)))),
                            reverse=True)]
        view["service"] = [g.pick(A.SERVICE).format(j=g.pick(A.JOURNALS), c=g.pick(A.CONF_SHORT),
                                                    y=rng.randint(y0, y1)) for _ in range(rng.choice((0, 3, 6, 10)))]
        view["supervision"] = [{"name": g.other_name(), "kind": g.pick(A.STUDENTS[lang]),
                                "dates": g.span((y := rng.randint(y0, y1)) * 12, None if rng.random() < 0.3
                                                else (y + rng.randint(1, 4)) * 12, True)[0]}
                               for _ in range(rng.choice((0, 0, 2, 4, 6)))]
        view["research"] = rng.sample(A.T_TOPIC, rng.randint(2, 5)) if rng.random() < 0.5 else []
        n_grants, n_refs = rng.randint(1, 8), rng.choice((0, 3, 3, 4))
    else:
        y0, y1 = now // 12 - 8, now // 12
        if rng.random() < 0.15:
            view["publications"] = g.publications(view["name"], y0, y1, rng.randint(2, 5))
        n_grants, n_refs = rng.choice((0, 0, 1, 2, 3)), rng.choice((0, 2, 2, 3))
    cur = g.pick(("€", "$", "£", "CHF ")) if lang == "en" else ("€" if lang not in ("pl", "ru", "zh", "ja") else "")
    view["grants"] = [{"title": g.pick(A.GRANTS), "funder": g.pick(A.FUNDERS),
                       "amount": f"{cur}{rng.randrange(2, 300) * 1000:,}".replace(",", " " if lang != "en" else ",")
                       if cur and rng.random() < 0.6 else None, "year": str(rng.randint(y0, y1))}
                      for _ in range(n_grants)]
    view["grants"].sort(key=lambda x: x["year"], reverse=True)
    view["references"] = g.referees(n_refs, academic)
    pubs = [{"name": p["title"], "publisher": p["venue"], "releaseDate": p["year"],
             "url": f"https://doi.org/{p['doi']}" if p["doi"] else None} for p in view["publications"]]
    pubs += [{"name": t["title"], "publisher": t["event"], "releaseDate": t["year"]} for t in view["talks"]]
    resume.update(publications=[_clean(p) for p in pubs],
                  awards=[_clean({"title": a["title"], "awarder": a["funder"], "date": a["year"],
                                  "summary": a["amount"]}) for a in view["grants"]],
                  references=[_ref_truth(r) for r in view["references"]])
    return Person(seed=seed, lang=lang, resume=_clean(resume), view=view)
