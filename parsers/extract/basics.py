"""``basics``: name, label, contacts, profiles, location."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.contacts import (
    clean_url,
    find_emails,
    find_phones,
    find_urls,
    location_from,
    profile_of,
)
from htdy.parsers.extract.dates import find_range
from htdy.parsers.extract.places import is_city, is_region
from htdy.parsers.extract.structure import PUA, Section, clean
from htdy.parsers.extract.vocab import fold, heading_key
from htdy.parsers.layout.model import Layout, Line

_NAMEISH = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,4}$")


def _looks_like_name(t: str) -> bool:
    return bool(_NAMEISH.match(t)) and heading_key(t) is None and len(t) <= 50 and "@" not in t \
        and sum(1 for w in t.split() if w[:1].isupper()) >= max(1, len(t.split()) - 1)


def find_name(layout: Layout, lines: list[Line]) -> tuple[int, int | None] | None:
    """Index of the name line (largest name-like text near the top of page 1) and of
    the label line under it, if any."""
    if layout.has_geometry and layout.pages:
        h = layout.pages[0].height or 842
        pool = [i for i, ln in enumerate(lines) if ln.page == 0 and ln.top < 0.4 * h]
    else:
        pool = [i for i, ln in enumerate(lines[:15]) if ln.source != "footer"]
    cands = [i for i in pool if _looks_like_name(clean(lines[i].cell_texts()[0]))]
    if not cands:
        return None
    biggest = max(lines[i].size for i in cands)
    name_i = next(i for i in cands if lines[i].size >= biggest - 0.1)
    label_i = None
    nl = lines[name_i]
    for j in range(name_i + 1, min(len(lines), name_i + 4)):
        ln = lines[j]
        if layout.has_geometry and (ln.page != nl.page or abs(ln.x0 - nl.x0) > 40 or ln.top - nl.bottom > 3 * nl.size):
            continue
        t = clean(ln.text)
        if t == clean(nl.cell_texts()[0]) or not re.search(r"[^\W\d_]{2}", t):
            continue  # the name repeated (DOCX title + heading) or a decoration
        place = location_from(t)
        is_place = place is not None and ("," in t or is_city(place.get("city", "")))
        if t and len(t.split()) <= 10 and not _contactish(t) and heading_key(t) is None \
                and (not is_place or _has_title_word(t)):
            label_i = j
        break
    return name_i, label_i


def basics(layout: Layout, lines: list[Line], sections: list[Section], spans: dict[str, str],
           conf: dict[str, float], name: str | None = None, label: str | None = None,
           extra_scope: list[Line] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pre = sections[0].lines if sections and sections[0].key == "preamble" else []
    scope = list(pre) + [ln for s in sections if s.key in ("contact", "summary") for ln in s.lines]
    scope += extra_scope or []
    if name is not None:
        out["name"] = name
        spans["basics.name"] = name
        conf["basics.name"] = 0.9
    if label:
        out["label"] = label
        spans["basics.label"] = label
        conf["basics.label"] = 0.7
    all_text = "\n".join(clean(ln.text) for ln in lines)
    scope_text = "\n".join(clean(ln.text) for ln in scope)
    emails = find_emails(scope_text) or find_emails(all_text)
    mailtos = [lk.url[7:] for lk in layout.links if lk.url.lower().startswith("mailto:")]
    if emails:
        out["email"] = emails[0][0]
    elif mailtos:
        out["email"] = mailtos[0].split("?")[0]
    if "email" in out:
        spans["basics.email"] = out["email"]
        conf["basics.email"] = 0.98
    phones = []
    for ln in scope or lines[:15]:
        t = PUA.sub("  ", ln.text)
        for piece in re.split(r"\s{2,}|\s*[|•·]\s*", t):
            if find_range(piece) and not re.search(r"\d{5,}", piece.replace(" ", "")):
                continue
            phones.extend(find_phones(piece, loose=True))
    tels = [lk.url[4:] for lk in layout.links
            if lk.url.lower().startswith("tel:") and len(re.sub(r"\D", "", lk.url)) >= 6]
    if phones:
        out["phone"] = phones[0][0]
    elif tels:
        out["phone"] = tels[0]
    if "phone" in out:
        spans["basics.phone"] = out["phone"]
        conf["basics.phone"] = 0.9
    _urls(layout, scope, scope_text, out, spans, conf)
    loc = _location(scope, out)
    if loc:
        out["location"] = loc
        spans["basics.location"] = loc.get("city", "")
        conf["basics.location"] = 0.6
    return out


def _has_title_word(t: str) -> bool:
    from htdy.parsers.extract.vocab import TITLE_WORDS, has_word
    return has_word(t, TITLE_WORDS)


def _contactish(t: str) -> bool:
    return bool(find_emails(t) or find_urls(t) or find_phones(t) or re.search(r"\d{3}", t))


def _in_scope(layout: Layout, scope: list[Line], box: tuple[float, float, float, float] | None,
              page: int) -> bool:
    if box is None:
        return False
    mid = (box[1] + box[3]) / 2
    return any(ln.page == page and ln.top - 2 <= mid <= ln.bottom + 2 for ln in scope)


def _urls(layout: Layout, scope: list[Line], scope_text: str, out: dict[str, Any], spans: dict[str, str],
          conf: dict[str, float]) -> None:
    urls: list[str] = []
    for lk in layout.links:
        if lk.url.lower().startswith("skype:") and _in_scope(layout, scope, lk.box, lk.page):
            user = lk.url[6:].split("?")[0]
            if user:
                out.setdefault("profiles", []).append({"network": "Skype", "username": user, "url": lk.url})
            continue
        u = clean_url(lk.url)
        if u and _in_scope(layout, scope, lk.box, lk.page):
            urls.append(u)
    for u, _, _ in find_urls(scope_text):
        urls.append(u)
    profiles: list[dict[str, str]] = out.pop("profiles", [])
    site = None
    seen: set[str] = set()
    for u in urls:
        key = re.sub(r"^https?://(www\.)?", "", u.lower()).rstrip("/")
        if key in seen:
            continue
        seen.add(key)
        prof = profile_of(u)
        if prof:
            if not any(p["network"] == prof["network"] and p["username"].lower() == prof["username"].lower()
                       for p in profiles):
                profiles.append(prof)
        elif site is None:
            site = u if re.match(r"^https?://", u) else "https://" + u
        # more personal sites than one are not kept
    if site:
        out["url"] = site
        spans["basics.url"] = site
        conf["basics.url"] = 0.8
    if profiles:
        out["profiles"] = profiles
        conf["basics.profiles"] = 0.85


def _location(scope: list[Line], out: dict[str, Any]) -> dict[str, str] | None:
    """The best location candidate: "City, Region/Country" beats a bare word, and a
    bare word only counts on a short line next to other contact details."""
    skip = {fold(out.get("name", "")), fold(out.get("label", ""))}
    best: tuple[float, dict[str, str]] | None = None
    for n, ln in enumerate(scope[:30]):
        near_contact = any(_contactish(clean(o.text)) for o in scope[max(0, n - 2):n + 3] if o is not ln)
        for cell in ln.cell_texts():
            for piece in _pieces(cell):
                p = piece.strip()
                if not p or fold(p) in skip or _contactish_strict(p) or heading_key(p) is not None \
                        or _has_title_word(p):
                    continue  # "Staff Engineer, Spatial Genomics": a job title, not "City, Region"
                loc = location_from(p)
                if not loc:
                    continue
                if loc.get("city") and is_region(loc["city"]):  # "California, US": a state, no city
                    loc = {"region": loc.pop("city"), **loc}
                rank: float
                if "," in p or re.search(r"\b\d{4,5}\b", p):
                    rank = 2
                elif loc.get("city") and is_city(loc["city"]):
                    rank = 1.5
                elif near_contact and len(p.split()) <= 3 and _short_contact_line(ln):
                    rank = 1
                else:
                    continue
                if best is None or rank > best[0]:
                    best = (rank, loc)
                if rank == 2:
                    return loc
    return best[1] if best else None


def _pieces(cell: str) -> list[str]:
    t = PUA.sub(" | ", cell)
    parts = re.split(r"\s*[|•·⋅∙]\s*|\s{3,}", t)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _short_contact_line(ln: Line) -> bool:
    t = clean(ln.text)
    return len(t) <= 40


def _contactish_strict(t: str) -> bool:
    return bool(find_emails(t) or find_urls(t) or re.search(r"\d{6,}", t.replace(" ", "")) or find_range(t))
