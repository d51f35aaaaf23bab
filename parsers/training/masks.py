"""What of the truth a rendered document really prints: the scorer's MANIFEST masks.

A template may leave a value out (no education dates, no locations, a clipped skills grid); the
scorer must not count such a value against the parser. Presence is checked on the document's own
text (pdfium for PDFs, the XML for DOCX), compared as casefolded, accent-, space- and hyphen-free
strings so that line breaks and hyphenation inside a value still match. Same entry format as the
visible corpus's ``docs/MANIFEST.json``.
"""
from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any


def norm_text(value: object) -> str:
    s = html.unescape(re.sub(r"<[^>]+>", " ", str(value or "")))
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\ue000-\uf8ff]", " ", s).casefold()
    s = s.replace("\u00ad", "-").replace("\u2010", "-").replace("\u2011", "-")
    s = s.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(s.split())


def squash(value: object) -> str:
    return re.sub(r"[\s\-\ufffe]+", "", norm_text(value))


def digits(value: object) -> str:
    return re.sub(r"\D", "", str(value or ""))


def norm_url(value: object) -> str:
    s = str(value or "").strip().casefold()
    if not s or s.startswith("mailto:") or "@" in s.split("/")[0]:
        return ""
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    return s.removeprefix("www.").rstrip("/")


def document_text(path: Path) -> tuple[str, list[str]]:
    """The document's text and its link targets."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
            xml = " ".join(z.read(n).decode("utf-8", "replace") for n in parts)
            rels = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".rels"))
        text = " ".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
        return html.unescape(text), re.findall(r'Target="(https?://[^"]+)"', rels)
    import pypdfium2 as pdfium

    from htdy.parsers.layout import extract_layout

    pdf = pdfium.PdfDocument(str(path))
    texts: list[str] = []
    try:
        for page in pdf:
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    links = [ln.url for ln in extract_layout(path.read_bytes(), "pdf").links]
    return "\n".join(texts), links


def manifest_entry(truth: dict[str, Any], text: str, links: list[str]) -> dict[str, list[str]]:
    sq = squash(text)
    dig = digits(text)
    absent: list[str] = []
    absent_urls: list[str] = []
    absent_items: list[str] = []

    def shown(v: object) -> bool:
        k = squash(v)
        return bool(k) and k in sq

    b = truth.get("basics") or {}
    for key in ("name", "email"):
        if b.get(key) and not shown(b[key]):
            absent.append(f"basics.{key}")
    ph = digits(b.get("phone"))
    if len(ph) >= 6 and ph not in dig and ph[-8:] not in dig:
        absent.append("basics.phone")
    city = (b.get("location") or {}).get("city")
    if city and not shown(city):
        absent.append("basics.city")
    link_keys = {norm_url(u) for u in links}
    urls = [b.get("url")] + [p.get("url") for p in b.get("profiles") or []]
    for u in urls:
        nu = norm_url(u)
        if nu and nu not in link_keys and squash(nu) not in sq:
            absent_urls.append(nu)
    for sec, key, fields in (("work", "name", ("position",)), ("education", "institution", ("area", "studyType"))):
        for i, e in enumerate(truth.get(sec) or []):
            if not shown(e.get(key)):
                absent.append(f"{sec}[{i}]")
                continue
            absent.extend(f"{sec}[{i}].{f}" for f in fields if e.get(f) and not shown(e[f]))
            if not e.get("startDate") and not e.get("endDate"):  # printed without dates: not "present"
                absent.extend((f"{sec}[{i}].startDate", f"{sec}[{i}].endDate"))
                continue
            for f in ("startDate", "endDate"):
                if e.get(f) and str(e[f])[:4] not in text:
                    absent.append(f"{sec}[{i}].{f}")
    for s in truth.get("skills") or []:
        for it in ([s["name"]] if s.get("name") else []) + list(s.get("keywords") or []):
            if not shown(it) and norm_text(it) not in absent_items:
                absent_items.append(norm_text(it))
    summary = b.get("summary")
    if summary and len(set(norm_text(summary).split()) & set(norm_text(text).split())) \
            < 0.8 * len(set(norm_text(summary).split())):
        absent.append("basics.summary")
    for i, e in enumerate(truth.get("work") or []):
        absent.extend(f"work[{i}].highlights[{k}]" for k, h in enumerate(e.get("highlights") or [])
                      if not shown(h))
    absent_langs = [norm_text(x.get("language")) for x in truth.get("languages") or []
                    if not shown(x.get("language"))]
    return {"absent": absent, "year_only": [], "absent_urls": absent_urls,
            "absent_skill_items": absent_items, "absent_languages": absent_langs}
