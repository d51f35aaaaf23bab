"""What a discoverable CV looks like to the search backend: one flat document built from
its JSON Resume data (the keys ``SearchBackend`` documents, docs/backends.md).

Skills are the things a CV lists, not the headings it groups them under: in
``{"name": "Languages", "keywords": ["Python", "Go"]}`` the skills are Python and Go, and
"Languages" is only text. A group name that is itself a known skill (``{"name": "Python",
"keywords": ["Django"]}``) counts too; an entry without keywords is one skill. The backend
puts every skill onto the vocabulary (``htdy.core.skills``)."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from htdy.core.skills import vocabulary

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?")


def _text(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _dicts(v: Any) -> list[dict[str, Any]]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _strings(items: Any, *keys: str) -> list[str]:
    out: list[str] = []
    for item in _dicts(items):
        for k in keys:
            v = item.get(k)
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
            elif isinstance(v, list):
                out.extend(x.strip() for x in v if isinstance(x, str) and x.strip())
    return out


def skills_and_groups(resume: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(skill strings, group names that are not skills) of the ``skills`` section."""
    vocab = vocabulary()
    skills: list[str] = []
    groups: list[str] = []
    for entry in _dicts(resume.get("skills")):
        name = _text(entry.get("name"))
        keywords = [k.strip() for k in entry.get("keywords") or [] if isinstance(k, str) and k.strip()]
        if name and (not keywords or vocab.is_skill(name)):
            skills.append(name)
        elif name:
            groups.append(name)
        skills += keywords
    return skills, groups


def _month(value: Any) -> int | None:
    """Months since year 0 of a JSON Resume date (``2019``, ``2019-04``, ``2019-04-01``)."""
    m = _DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else 1
    return int(m.group(1)) * 12 + month - 1


def years_of_experience(resume: dict[str, Any], today: date | None = None) -> float | None:
    """Years covered by the work history, overlaps counted once (a job without an end
    date runs until ``today``). ``None`` when no job has a start date."""
    today = today or datetime.now(UTC).date()
    now = today.year * 12 + today.month - 1
    spans = []
    for job in _dicts(resume.get("work")):
        start = _month(job.get("startDate"))
        if start is None or start > now:
            continue
        end = _month(job.get("endDate"))
        end = now if end is None else min(end, now)
        if end >= start:
            spans.append((start, end + 1))
    if not spans:
        return None
    spans.sort()
    months, (cur_start, cur_end) = 0, spans[0]
    for start, end in spans[1:]:
        if start > cur_end:
            months += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    months += cur_end - cur_start
    return round(months / 12, 1)


def current_title(resume: dict[str, Any], today: date | None = None) -> str:
    """The position of the current job (no end date, latest start that is not in the
    future), else of the job that ended last, else the headline (``basics.label``)."""
    today = today or datetime.now(UTC).date()
    now = today.year * 12 + today.month - 1
    jobs = [j for j in _dicts(resume.get("work")) if _text(j.get("position"))
            and (_month(j.get("startDate")) or 0) <= now]
    current = [j for j in jobs if not _text(j.get("endDate"))]
    if current:
        best = max(current, key=lambda j: _month(j.get("startDate")) or 0)
        return _text(best.get("position"))
    ended = [j for j in jobs if _month(j.get("endDate")) is not None]
    if ended:
        return _text(max(ended, key=lambda j: _month(j.get("endDate")) or 0).get("position"))
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    return _text((basics or {}).get("label"))


def experience(resume: dict[str, Any], today: date | None = None) -> list[dict[str, Any]]:
    """Each job of the work history as ``{"title", "years", "skills"}``: its position, how
    long it lasted (a job without an end date runs until ``today``) and the vocabulary skills
    its description names — what matchers read "years of relevant experience" from."""
    from htdy.core.services.job_ads import skills_on

    today = today or datetime.now(UTC).date()
    now = today.year * 12 + today.month - 1
    out = []
    for job in _dicts(resume.get("work"))[:40]:
        start = _month(job.get("startDate"))
        end = _month(job.get("endDate"))
        end = now if end is None else min(end, now)
        years = round((end + 1 - start) / 12, 1) if start is not None and start <= end else None
        text = " ".join([_text(job.get("summary")), *_strings([job], "highlights")])
        skills = [t.name for line in text.split("\n") for t in skills_on(line)]
        out.append({"title": _text(job.get("position")), "years": years,
                    "skills": list(dict.fromkeys(skills))})
    return out


def document_for(cv_id: str, slug: str | None, resume: dict[str, Any], *,
                 open_to_work: bool = False) -> dict[str, Any]:
    """The flat document the ``SearchBackend`` indexes."""
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    basics = basics or {}
    loc = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    loc = loc or {}
    location = ", ".join(str(loc[k]) for k in ("city", "region", "countryCode") if loc.get(k))
    skills, groups = skills_and_groups(resume)
    languages = _strings(resume.get("languages"), "language")
    keywords = groups + _strings(resume.get("work"), "name", "position") \
        + _strings(resume.get("education"), "institution", "area") + languages
    return {"cv_id": cv_id, "slug": slug, "name": _text(basics.get("name")), "label": _text(basics.get("label")),
            "summary": _text(basics.get("summary")), "skills": skills, "location": location,
            "keywords": keywords, "title": current_title(resume), "city": _text(loc.get("city")),
            "country": _text(loc.get("countryCode")), "languages": languages,
            "years": years_of_experience(resume), "open_to_work": bool(open_to_work),
            "experience": experience(resume)}
