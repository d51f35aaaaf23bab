"""JSON Resume → the view model every engine renders (Mustache, Typst, Markdown, text).

All values are plain strings, lists and booleans; nothing here is markup, so Mustache
escapes it and Typst receives it as data. Absent or empty sections produce no entry in
``sections`` at all, so templates never print an empty heading. Hrefs are limited to
``http(s):``, ``mailto:`` and ``tel:``; a photo is kept only as a small ``data:`` image.
"""
from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from htdy.renderers import i18n

SECTION_KEYS = ("summary", "work", "volunteer", "education", "projects", "talks", "grants",
                "publications", "awards", "certificates", "skills", "languages", "interests",
                "references")
DEFAULT_ORDER = SECTION_KEYS
ENTRY_KEYS = ("work", "volunteer", "education", "projects", "talks", "grants", "publications",
              "awards", "certificates")
MAX_PHOTO_BYTES = 512 * 1024
_IMAGE_MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff", "gif": b"GIF8", "webp": b"RIFF"}
_DATA_URI = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/=\s]+)$", re.I)
_TALK_TYPES = {"talk", "talks", "presentation", "lecture", "keynote", "conference talk", "seminar"}
_GRANT_TYPES = {"grant", "grants", "funding", "fellowship", "scholarship"}
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CJK = re.compile(r"[\u3000-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def text(value: Any) -> str:
    """A user value as clean text ("" for None/containers)."""
    if isinstance(value, str):
        return (value.replace("\r\n", "\n") if "\r" in value else value).strip()
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def safe_href(url: Any) -> str:
    u = text(url)
    if not u or any(c in u for c in "\n\t <>\"'`"):
        return ""
    low = u.lower()
    if low.startswith(("http://", "https://", "mailto:", "tel:")):
        return u
    if re.match(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", low):  # "example.org/x"
        return "https://" + u
    return ""


def display_url(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url).rstrip("/")


def safe_photo(value: Any) -> str:
    """Keep ``basics.image`` only as a data: URI of a real image within the size limit;
    anything else (http, file, svg …) is dropped, so it is never fetched."""
    m = _DATA_URI.match(text(value))
    if not m:
        return ""
    kind = m.group(1).lower().replace("jpg", "jpeg")
    payload = re.sub(r"\s+", "", m.group(2))
    if len(payload) * 3 // 4 > MAX_PHOTO_BYTES:
        return ""
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return ""
    if not raw.startswith(_IMAGE_MAGIC[kind]) or len(raw) > MAX_PHOTO_BYTES:
        return ""
    return f"data:image/{kind};base64,{payload}"


def paragraphs(value: Any) -> list[str]:
    s = text(value)
    if "\n" not in s:
        return [s] if s else []
    return [p.strip() for p in s.split("\n") if p.strip()]


def strings(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    return [s for s in (text(v) for v in values) if s]


def check_size(resume: dict[str, Any], max_pages: int) -> None:
    """Refuse, before any layout, a CV whose text could never fit ``max_pages`` pages
    (≈ 2,500 characters of JSON per page, with a wide margin), so a huge document fails
    fast with ``too_many_pages`` instead of running into the time limit."""
    import json

    from htdy.core.host.errors import RenderError

    size = len(json.dumps(resume, ensure_ascii=False, default=str))
    if size > max_pages * 4 * 2500:
        raise RenderError(f"the CV is far too long for {max_pages} pages", code="too_many_pages",
                          details={"max_pages": max_pages, "estimated_pages": size // 2500})


def has_cjk(resume: Any) -> bool:
    return bool(_CJK.search(str(resume)))


def has_arabic(resume: Any) -> bool:
    return bool(_ARABIC.search(str(resume)))


def _location(loc: Any) -> str:
    if isinstance(loc, str):
        return text(loc)
    if not isinstance(loc, dict):
        return ""
    parts = [text(loc.get(k)) for k in ("city", "region")]
    if not any(parts):
        parts = [text(loc.get("address"))]
    parts.append(text(loc.get("countryCode")))
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _entry(e: dict[str, Any], lang: str, fmt: str, *, title: str, subtitle: str = "",
           start: str = "startDate", end: str = "endDate", ongoing: bool = True,
           url_key: str = "url") -> dict[str, Any]:
    href = safe_href(e.get(url_key))
    highlights = strings(e.get("highlights"))
    keywords = strings(e.get("keywords"))
    dates = i18n.date_range(e.get(start), e.get(end), lang, fmt, ongoing=ongoing)
    summary = paragraphs(e.get("summary") or e.get("description"))
    out = {"heading": text(e.get(title)), "subtitle": text(e.get(subtitle)) if subtitle else "",
           "dates": dates, "location": _location(e.get("location")), "url": href,
           "url_display": display_url(href) if href else "", "summary": summary,
           "has_summary": bool(summary), "highlights": highlights,
           "has_highlights": bool(highlights), "keywords": keywords,
           "keywords_text": ", ".join(keywords), "has_keywords": bool(keywords)}
    out["has_meta"] = bool(out["dates"] or out["location"])
    return out


def _non_empty(entry: dict[str, Any]) -> bool:
    return any(entry.get(k) for k in ("heading", "subtitle", "summary", "highlights", "keywords"))


def build_sections(resume: dict[str, Any], lang: str, fmt: str) -> dict[str, dict[str, Any]]:
    """Every section the CV has content for, keyed by section key."""
    r = resume
    out: dict[str, list[dict[str, Any]]] = {}

    def items(key: str) -> list[dict[str, Any]]:
        v = r.get(key)
        return [e for e in v if isinstance(e, dict)] if isinstance(v, list) else []

    work = []
    for e in items("work"):
        e = dict(e, name=e.get("name") or e.get("company") or e.get("organization"))
        work.append(_entry(e, lang, fmt, title="position", subtitle="name"))
    out["work"] = work
    out["volunteer"] = [_entry(e, lang, fmt, title="position", subtitle="organization")
                        for e in items("volunteer")]
    edu = []
    for e in items("education"):
        degree = ", ".join(p for p in (text(e.get("studyType")), text(e.get("area"))) if p)
        ent = _entry(dict(e, degree=degree), lang, fmt, title="institution", subtitle="degree")
        ent["score"] = text(e.get("score") or e.get("gpa"))
        ent["courses"] = strings(e.get("courses"))
        ent["has_courses"] = bool(ent["courses"])
        ent["courses_text"] = "; ".join(ent["courses"])
        edu.append(ent)
    out["education"] = edu
    projects: list[dict[str, Any]] = []
    talks: list[dict[str, Any]] = []
    grants: list[dict[str, Any]] = []
    for e in items("projects"):
        ent = _entry(e, lang, fmt, title="name", subtitle="entity")
        ent["roles_text"] = ", ".join(strings(e.get("roles")))
        kind = text(e.get("type")).lower()
        if kind in _TALK_TYPES:  # a talk happened on a date; it is not ongoing
            ent["dates"] = i18n.date_range(e.get("startDate"), e.get("endDate"), lang, fmt, ongoing=False)
        (talks if kind in _TALK_TYPES else grants if kind in _GRANT_TYPES else projects).append(ent)
    out["projects"], out["talks"], out["grants"] = projects, talks, grants
    out["publications"] = [_entry(e, lang, fmt, title="name", subtitle="publisher",
                                  start="releaseDate", end="", ongoing=False) for e in items("publications")]
    out["awards"] = [_entry(e, lang, fmt, title="title", subtitle="awarder", start="date", end="",
                            ongoing=False) for e in items("awards")]
    out["certificates"] = [_entry(e, lang, fmt, title="name", subtitle="issuer", start="date", end="",
                                  ongoing=False) for e in items("certificates")]
    skills = []
    for e in items("skills"):
        ent = _entry(e, lang, fmt, title="name", subtitle="level")
        if ent["heading"] or ent["keywords"]:
            skills.append(ent)
    out["skills"] = skills
    out["languages"] = [{"heading": text(e.get("language")), "subtitle": text(e.get("fluency"))}
                        for e in items("languages") if text(e.get("language"))]
    out["interests"] = [_entry(e, lang, fmt, title="name") for e in items("interests")]
    out["references"] = [{"heading": text(e.get("name")), "summary": paragraphs(e.get("reference")),
                          "has_summary": bool(text(e.get("reference")))}
                         for e in items("references") if text(e.get("name")) or text(e.get("reference"))]
    sections: dict[str, dict[str, Any]] = {}
    summary = paragraphs((r.get("basics") or {}).get("summary"))
    if summary:
        sections["summary"] = {"paragraphs": summary}
    for key, entries in out.items():
        entries = [x for x in entries if _non_empty(x)]
        if entries:
            sections[key] = {"items": entries}
    return sections


def build_basics(basics: dict[str, Any], *, photo: bool) -> dict[str, Any]:
    b = basics if isinstance(basics, dict) else {}
    email = text(b.get("email"))
    phone = text(b.get("phone"))
    url = safe_href(b.get("url") or b.get("website"))
    location = _location(b.get("location"))
    contacts: list[dict[str, str]] = []
    if email:
        contacts.append({"kind": "email", "text": email,
                         "href": safe_href("mailto:" + email) if "@" in email else ""})
    if phone:
        tel = re.sub(r"[^\d+]", "", phone)
        contacts.append({"kind": "phone", "text": phone, "href": f"tel:{tel}" if len(tel) >= 5 else ""})
    if location:
        contacts.append({"kind": "location", "text": location, "href": ""})
    if url:
        contacts.append({"kind": "url", "text": display_url(url), "href": url})
    profiles = []
    for p in b.get("profiles") or []:
        if not isinstance(p, dict):
            continue
        href = safe_href(p.get("url"))
        label = display_url(href) if href else " ".join(
            x for x in (text(p.get("network")), text(p.get("username"))) if x)
        if label:
            profiles.append({"kind": "profile", "network": text(p.get("network")), "text": label,
                             "href": href})
    contacts.extend(profiles)
    image = safe_photo(b.get("image") or b.get("picture")) if photo else ""
    return {"name": text(b.get("name")), "label": text(b.get("label")), "email": email,
            "phone": phone, "location": location, "url": url, "contacts": contacts,
            "has_contacts": bool(contacts), "photo": image, "has_photo": bool(image)}


# "bullet" starts each highlight as text ("" = the list's own ::marker): a text bullet lays
# out several times faster in WeasyPrint than a marker box, which is positioned absolutely.
SEPARATORS = {"title": ", ", "meta": " · ", "contact": "  ·  ", "keywords": ": ", "level": " — ",
              "bullet": "\u2022\u00a0"}


def _separate(sections: list[dict[str, Any]], contacts: list[dict[str, Any]], sep: dict[str, str]) -> None:
    """Put separators into the data (``sub_prefix``, ``meta_text``, ``sep``…) so templates
    need no CSS generated content and never print a dangling separator."""
    for i, c in enumerate(contacts):
        c["sep"] = sep["contact"] if i else ""
    for s in sections:
        for e in s.get("items", ()):
            both = bool(e.get("heading") and e.get("subtitle"))
            e["sub_prefix"] = sep["title"] if both and s["key"] != "education" else ""
            e["lvl_prefix"] = sep["level"] if both else ""
            e["kw_prefix"] = sep["keywords"] if (e.get("heading") or e.get("subtitle")) and e.get("keywords_text") else ""
            e["meta_text"] = sep["meta"].join(x for x in (e.get("dates", ""), e.get("location", "")) if x)


def build_view(resume: dict[str, Any], opts: dict[str, Any], *, sidebar: tuple[str, ...] = (),
               separators: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole view model. ``opts`` are resolved template options."""
    meta: dict[str, Any] = resume["meta"] if isinstance(resume.get("meta"), dict) else {}
    lang = i18n.base_lang(opts.get("lang") or text(meta.get("language")) or "en")
    fmt = opts.get("date_format", "month_year")
    basics = build_basics(resume.get("basics") or {}, photo=bool(opts.get("photo", False)))
    available = build_sections(resume, lang, fmt)
    hidden = set(opts.get("hide") or ())
    order = [k for k in (opts.get("section_order") or ()) if k in SECTION_KEYS]
    order += [k for k in DEFAULT_ORDER if k not in order]
    sections = []
    for key in order:
        if key in available and key not in hidden:
            sec = dict(available[key], key=key, title=i18n.title(key, lang), **{f"is_{key}": True})
            sec["in_sidebar"] = key in sidebar
            sec["is_entries"] = key in ENTRY_KEYS
            sections.append(sec)
    sep = {**SEPARATORS, **(separators or {})}
    _separate(sections, basics["contacts"], sep)
    titles = i18n.titles(lang)
    name = basics["name"]
    return {"lang": lang, "dir": "rtl" if i18n.is_rtl(lang) else "ltr", "basics": basics, "t": titles, "sections": sections,
            "main_sections": [s for s in sections if not s["in_sidebar"]],
            "side_sections": [s for s in sections if s["in_sidebar"]],
            "has_side_sections": any(s["in_sidebar"] for s in sections),
            "bullet": sep["bullet"],
            "doc_title": f"{name} – CV" if name else "CV",
            "description": basics["label"]}
