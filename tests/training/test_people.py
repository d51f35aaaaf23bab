"""The corpus factory's invented people: deterministic, valid JSON Resume, truth == what is printed."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

pytest.importorskip("faker")

from htdy.core.schema import validate_resume  # noqa: E402
from htdy.parsers.training import locales as L  # noqa: E402
from htdy.parsers.training.locales import format_date  # noqa: E402
from htdy.parsers.training.people import LANGS, make_person  # noqa: E402

REQUIRED = {"en", "de", "fr", "es", "pt", "it", "nl", "pl", "zh", "ja", "ko", "ru", "tr", "sv", "cs", "ar"}
VIEW_KEYS = {"lang", "dir", "name", "label", "email", "phone", "url", "location", "profiles", "summary",
             "headings", "work", "education", "skills", "skills_style", "languages", "projects", "interests",
             "certificates", "words"}
SEEDS = range(24)


@pytest.fixture(scope="module")
def people() -> list:
    return [make_person(seed, lang) for seed in SEEDS for lang in LANGS]


def parse_printed(text: str, lang: str) -> str:
    """A printed date back to 'YYYY-MM' / 'YYYY', independently of people.py's formatter."""
    years = re.findall(r"(?:19|20)\d\d", text)
    assert len(years) == 1, text
    year = years[0]
    names = L.month_names(lang)
    if names:
        low = text.casefold()
        words = [(w.casefold(), i) for table in names for i, w in enumerate(table)]
        for word, i in sorted(words, key=lambda c: -len(c[0])):  # 'červenec' before 'červen
            if re.search(rf"(?<!\w){re.escape(word)}", low):
                return f"{year}-{i + 1:02d}"
    m = (re.search(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(?:19|20)\d\d", text)
         or re.search(r"(?:19|20)\d\d\s*[/.\-年년]\s*(\d{1,2})(?!\d)", text))
    return f"{year}-{int(m.group(1)):02d}" if m else year


def test_languages_cover_the_contract():
    assert REQUIRED <= set(LANGS)
    with pytest.raises(ValueError):
        make_person(1, "xx")


def test_deterministic_per_seed_and_language():
    for lang in LANGS:
        a = make_person(7, lang)
        make_person(8, lang)  # other people in between must not matter
        b = make_person(7, lang)
        assert (a.resume, a.view) == (b.resume, b.view)
    assert make_person(7, "de").view != make_person(8, "de").view
    # the same seed in another language is another person, not a translation of the same structure
    assert [len(make_person(s, "en").view["work"]) for s in range(20)] != \
           [len(make_person(s, "fr").view["work"]) for s in range(20)]


def test_every_language_gives_a_valid_person(people):
    for p in people:
        v = p.view
        assert set(v) == VIEW_KEYS, p.lang
        assert v["lang"] == p.lang and v["dir"] == ("rtl" if p.lang == "ar" else "ltr")
        assert set(v["headings"]) == set(L.HEADING_KEYS) and all(v["headings"].values())
        assert set(v["words"]) == {"at", "in", "present", "since"}
        assert v["name"] and v["work"] and 1 <= len(v["work"]) <= 6 and len(v["education"]) <= 3
        assert re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", v["email"]), v["email"]
        json.dumps([p.resume, p.view])


def test_resume_is_valid_json_resume(people):
    for p in people[:: 3]:
        assert validate_resume(p.resume) == [], (p.seed, p.lang)


def _check_dates(entry: dict, truth: dict, lang: str, words: dict) -> None:
    if entry["dates"] is None:
        assert entry["start"] is None and entry["end"] is None
        assert "startDate" not in truth and "endDate" not in truth
        return
    for piece in (entry["start"], entry["end"]):
        assert piece is None or piece in entry["dates"]
    if entry["start"] is None:  # graduation date only
        assert "startDate" not in truth
    else:
        assert parse_printed(entry["start"], lang) == truth["startDate"], entry
    if entry["end"] is None or entry["end"] == words["present"]:
        assert "endDate" not in truth, entry
    else:
        assert parse_printed(entry["end"], lang) == truth["endDate"], entry
        if "startDate" in truth:
            assert truth["startDate"] <= truth["endDate"]


def test_truth_matches_what_is_printed(people):
    for p in people:
        v, r, b = p.view, p.resume, p.resume["basics"]
        for key in ("name", "label", "email", "phone", "url", "summary"):
            assert b.get(key) == v[key], key
        loc = b.get("location")
        assert (loc is None) == (v["location"] is None)
        if loc:
            assert loc["city"] in v["location"]
            for key in ("postalCode", "region"):
                assert key not in loc or loc[key] in v["location"]
        assert b.get("profiles", []) == v["profiles"]
        assert len(r.get("work", [])) == len(v["work"])
        for w, t in zip(v["work"], r.get("work", []), strict=True):
            assert (t["name"], t["position"]) == (w["company"], w["position"])
            assert t.get("location") == w["location"]
            assert t.get("highlights", []) == w["highlights"] and t.get("summary") == w["summary"]
            _check_dates(w, t, p.lang, v["words"])
        companies = [w["company"] for w in v["work"]]
        assert len(set(companies)) == len(companies)
        assert len(r.get("education", [])) == len(v["education"])
        for e, t in zip(v["education"], r.get("education", []), strict=True):
            assert t["institution"] == e["institution"] and t.get("score") == e["score"]
            for key in ("area", "studyType"):
                assert t.get(key) == e[key]
                assert e[key] is None or e[key] in e["degree_line"]
            assert (e["degree_line"] is None) == (e["area"] is None and e["studyType"] is None)
            _check_dates(e, t, p.lang, v["words"])
        strip = [{k: x for k, x in s.items() if x not in (None, [])} for s in v["skills"]]
        assert r.get("skills", []) == strip
        assert r.get("languages", []) == v["languages"]
        assert [c["date"] for c in r.get("certificates", [])] == \
               [parse_printed(c["date"], p.lang) for c in v["certificates"]]


def test_every_date_style_reads_back():
    for lang in LANGS:
        for style in set(L.DATE_STYLES[lang]):
            for m in range(1, 13):
                for cap in (False, True):
                    want = "2019" if style == "year" else f"2019-{m:02d}"
                    printed = format_date(lang, style, 2019, m, cap)
                    assert parse_printed(printed, lang) == want, (lang, style, m)


def test_the_mess_is_there(people):
    seen: Counter = Counter()
    for p in people:
        v = p.view
        seen[f"style:{v['skills_style']}"] += 1
        seen[f"profiles:{len(v['profiles'])}"] += 1
        seen[f"jobs:{len(v['work'])}"] += 1
        seen[f"edu:{len(v['education'])}"] += 1
        seen["label" if v["label"] else "no label"] += 1
        seen["summary" if v["summary"] else "no summary"] += 1
        seen["languages" if v["languages"] else "no languages"] += 1
        seen["location" if v["location"] else "no location"] += 1
        for w, t in zip(v["work"], p.resume["work"], strict=True):
            seen[f"bullets:{len(w['highlights'])}"] += 1
            seen["no job location" if w["location"] is None else "job location"] += 1
            seen["no dates" if w["dates"] is None else "dates"] += 1
            present = w["end"] == v["words"]["present"]
            seen["since" if w["dates"] and w["end"] is None else "present" if present else "closed"] += 1
            seen["year only" if len(t.get("startDate", "0000-00")) == 4 else "month"] += 1
        for e in v["education"]:
            seen["no area" if e["area"] is None else "no type" if e["studyType"] is None else "both"] += 1
            if e["area"] and e["studyType"]:
                seen["area first" if e["degree_line"].startswith(e["area"]) else "type first"] += 1
        for w in v["work"]:
            for h in w["highlights"]:
                words = len(h.split())
                seen["long bullet" if words >= 20 else "short bullet" if words <= 5 else "bullet"] += 1
    expected = {f"style:{s}" for s in ("groups", "list", "prose", "levels")} \
        | {f"profiles:{n}" for n in range(4)} | {f"jobs:{n}" for n in range(1, 7)} \
        | {f"edu:{n}" for n in range(4)} | {f"bullets:{n}" for n in range(8)} \
        | {"label", "no label", "summary", "no summary", "languages", "no languages", "location",
           "no location", "no job location", "job location", "no dates", "dates", "since", "present",
           "closed", "year only", "month", "no area", "no type", "both", "area first", "type first",
           "long bullet", "short bullet"}
    assert expected <= set(seen), expected - set(seen)


def test_cjk_and_rtl_specifics():
    zh = [make_person(s, "zh").view for s in range(60)]
    assert any("年" in (w["dates"] or "") for v in zh for w in v["work"])
    assert any(w["end"] == "至今" or (w["dates"] or "").endswith("起") for v in zh for w in v["work"])
    ar = make_person(3, "ar").view
    assert ar["dir"] == "rtl" and re.search(r"[\u0600-\u06ff]", ar["name"])
