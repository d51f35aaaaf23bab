"""A JSON Resume rebuilt from a ``view`` (its printed strings), for families that render JSON Resume but
are called without the person's truth. Dates go back to ISO where they parse ('04/2021', '2021.04',
'2021'); anything else (a localised 'present', '2019年4月') is left out."""
from __future__ import annotations

import re
from typing import Any

_DATE = re.compile(r"^(?:(\d{1,2})[/.](\d{4})|(\d{4})[-/.](\d{1,2})|(\d{4}))$")


def _iso(s: str | None) -> str | None:
    m = _DATE.match((s or "").strip())
    if not m:
        return None
    if m.group(1):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if m.group(3):
        return f"{m.group(3)}-{int(m.group(4)):02d}"
    return m.group(5)


def resume_from_view(view: dict[str, Any]) -> dict[str, Any]:
    """A JSON Resume rebuilt from a view's printed strings (dates back to ISO where they parse)."""
    def dated(d: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
        for src, dst in (("start", "startDate"), ("end", "endDate")):
            iso = _iso(d.get(src))
            if iso:
                out[dst] = iso
        return out

    city, _, country = (view.get("location") or "").partition(", ")
    basics = {k: view.get(k) for k in ("name", "label", "email", "phone", "url", "summary") if view.get(k)}
    basics["location"] = {"city": city, "country": country} if city else {}
    basics["profiles"] = view.get("profiles") or []
    return {
        "basics": basics,
        "work": [dated(w, {"name": w.get("company"), "position": w.get("position"), "location": w.get("location"),
                           "summary": w.get("summary"), "highlights": w.get("highlights") or []})
                 for w in view.get("work") or []],
        "education": [dated(e, {"institution": e.get("institution"), "studyType": e.get("studyType"),
                                "area": e.get("area"), "score": e.get("score")})
                      for e in view.get("education") or []],
        "skills": [{"name": s.get("name"), "keywords": s.get("keywords") or [], "level": s.get("level") or ""}
                   for s in view.get("skills") or []],
        "languages": view.get("languages") or [],
        "projects": [{"name": p.get("name"), "description": p.get("description")} for p in view.get("projects") or []],
        "interests": view.get("interests") or [],
        "certificates": [{"name": c.get("name"), "issuer": c.get("issuer"), "date": _iso(c.get("date"))}
                         for c in view.get("certificates") or []],
        "meta": {"language": view.get("lang")},
    }
