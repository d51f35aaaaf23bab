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
from htdy.parsers.extract.structure import PUA, Section, clean
from htdy.parsers.extract.vocab import heading_key
from htdy.parsers.layout.model import Layout, Line

_NAMEISH = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,4}$")


def _looks_like_name(t: str) -> bool:
    return bool(_NAMEISH.match(t)) and heading_key(t) is None and len(t) <= 50 and "@" not in t \
        and sum(1 for w in t.split() if w[:1].isupper()) >= max(1, len(t.split()) - 1)


def find_name(lines: list[Line]) -> tuple[int, str] | None:
    head = [(i, ln) for i, ln in enumerate(lines[:12]) if clean(ln.text)]
    if not head:
        return None
    cands = [(i, ln) for i, ln in head if _looks_like_name(clean(ln.cell_texts()[0]))]
    if not cands:
        return None
    biggest = max(ln.size for _, ln in cands)
    for i, ln in cands:
        if ln.size >= biggest - 0.1:
            return i, clean(ln.cell_texts()[0])
    return None


def basics(layout: Layout, lines: list[Line], sections: list[Section], spans: dict[str, str],
           conf: dict[str, float]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pre = sections[0].lines if sections and sections[0].key == "preamble" else []
    scope = list(pre) + [ln for s in sections if s.key in ("contact", "summary") for ln in s.lines]
    name_source = pre if pre else lines[:8]
    found = find_name(name_source) or find_name(lines)
    name_line = -1
    if found:
        name_line, out["name"] = found
        spans["basics.name"] = out["name"]
        conf["basics.name"] = 0.9 if name_source and name_source[name_line].size > 0 else 0.7
        if name_source is pre and name_line + 1 < len(pre):
            nxt = clean(pre[name_line + 1].text)
            if nxt and len(nxt.split()) <= 8 and not _contactish(nxt) and heading_key(nxt) is None:
                out["label"] = nxt
                spans["basics.label"] = nxt
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
        u = clean_url(lk.url)
        if u and _in_scope(layout, scope, lk.box, lk.page):
            urls.append(u)
    for u, _, _ in find_urls(scope_text):
        urls.append(u)
    profiles: list[dict[str, str]] = []
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
    skip = {out.get("name", ""), out.get("label", "")}
    for ln in scope[:25]:
        for cell in ln.cell_texts():
            for piece in _pieces(cell):
                p = piece.strip()
                if not p or p in skip or _contactish_strict(p):
                    continue
                loc = location_from(p)
                if loc and ("," in p or len(p.split()) <= 3) and heading_key(p) is None:
                    if "," not in p and not re.search(r"\d{4,5}", p) and len(scope) > 3 and not ln.spans[0].font:
                        continue
                    if "," not in p and p == clean(ln.text) and not _short_contact_line(ln):
                        continue
                    return loc
    return None


def _pieces(cell: str) -> list[str]:
    t = PUA.sub(" | ", cell)
    parts = re.split(r"\s*[|•·⋅∙]\s*|\s{3,}", t)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _short_contact_line(ln: Line) -> bool:
    t = clean(ln.text)
    return len(t) <= 40


def _contactish_strict(t: str) -> bool:
    return bool(find_emails(t) or find_urls(t) or re.search(r"\d{6,}", t.replace(" ", "")) or find_range(t))
