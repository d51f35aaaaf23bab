"""What an applicant tracking system reads back from a rendered CV: the scoring.

Two views: the PDF's text layer (pypdfium2) checked value by value per section (found /
garbled / lost), and the fields a parser read from the PDF compared with the source
(precision, recall, F1 per field and their macro average; text compares by difflib ratio
≥ 0.85, dates at year-month). ``htdy.core.services.ats.service`` renders, parses and calls these."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

FIELDS = ("basics.name", "basics.email", "basics.phone", "basics.url", "basics.city",
          "work.name", "work.position", "work.startDate", "work.endDate",
          "education.institution", "education.area", "education.studyType",
          "education.startDate", "education.endDate", "skills")


def norm(value: Any) -> str:
    s = unicodedata.normalize("NFKD", str(value or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-").replace("\ufb01", "fi")
    s = s.replace("\ufffe", "-").replace("\u00ad", "-").replace("\u2010", "-")  # pdfium's line-end hyphen
    return re.sub(r"\s+", " ", s).strip(" .,;:-|/")


def squash(value: Any) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", norm(value))


_FOOTER = re.compile(r"^\s*(\S+\s+)?\d+\s*(\S+|/)\s*\d+\s*$")


def pdf_text(pdf: bytes) -> str:
    """The text layer, page by page, without running page-number footers ("Page 2 of 3"),
    so a paragraph that crosses a page break reads as one."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in doc:
            lines = page.get_textpage().get_text_range().splitlines()
            while lines and (not lines[-1].strip() or _FOOTER.match(lines[-1])):
                lines.pop()
            pages.append("\n".join(lines))
        return "\n".join(pages)
    finally:
        doc.close()


def _values(resume: dict[str, Any]) -> dict[str, list[str]]:
    b = resume.get("basics") or {}
    out: dict[str, list[Any]] = {"basics": [b.get(k) for k in ("name", "label", "email", "phone")]}
    loc = b.get("location") or {}
    out["basics"] += [loc.get("city")] if isinstance(loc, dict) else []
    out["basics"] += [p.get("username") for p in b.get("profiles") or [] if isinstance(p, dict)]
    out["summary"] = [b.get("summary")]
    spec = {"work": ("name", "position", "highlights"), "volunteer": ("organization", "position"),
            "education": ("institution", "area", "studyType"), "projects": ("name",),
            "publications": ("name", "publisher"), "awards": ("title", "awarder"),
            "certificates": ("name", "issuer"), "skills": ("name", "keywords"),
            "languages": ("language", "fluency"), "interests": ("name", "keywords"),
            "references": ("name",)}
    for sec, keys in spec.items():
        vals: list[Any] = []
        for e in resume.get(sec) or []:
            if isinstance(e, dict):
                for k in keys:
                    v = e.get(k)
                    vals += v if isinstance(v, list) else [v]
        out[sec] = vals
    return {k: [str(v) for v in vs if isinstance(v, str | int) and str(v).strip()] for k, vs in out.items()
            if any(isinstance(v, str | int) and str(v).strip() for v in vs)}


def text_layer_report(resume: dict[str, Any], text: str) -> dict[str, Any]:
    flat = squash(text)
    words = set(re.findall(r"\w+", norm(text)))
    sections: dict[str, Any] = {}
    for sec, vals in _values(resume).items():
        found = 0
        garbled: list[str] = []
        lost: list[str] = []
        for v in vals:
            if squash(v) in flat:
                found += 1
                continue
            toks = re.findall(r"\w+", norm(v))
            share = sum(t in words for t in toks) / len(toks) if toks else 0
            (garbled if share >= 0.5 else lost).append(v[:120])
        sections[sec] = {"checked": len(vals), "found": found, "garbled": garbled, "lost": lost}
    total = sum(s["checked"] for s in sections.values())
    ok = sum(s["found"] for s in sections.values())
    return {"sections": sections, "text_recall": round(ok / total, 4) if total else 1.0}


# --------------------------------------------------------------------- field F1
def _ratio(a: Any, b: Any) -> float:
    x, y = norm(a), norm(b)
    if not x or not y:
        return 0.0
    return 1.0 if x == y else difflib.SequenceMatcher(None, x, y).ratio()


def _date(v: Any) -> str:
    if v is None or not str(v).strip():
        return "present"
    s = norm(v)
    if s in ("present", "now", "current", "today"):
        return "present"
    m = re.search(r"(\d{4})(?:-(\d{1,2}))?", s)
    return f"{m.group(1)}-{int(m.group(2)):02d}" if m and m.group(2) else (m.group(1) if m else s)


def _date_eq(t: Any, p: Any) -> bool:
    a, b = _date(t), _date(p)
    return a == b or (len(a) == 4 and b[:4] == a)


class _Count:
    def __init__(self) -> None:
        self.tp = self.pred = self.true = 0

    def f1(self) -> dict[str, float]:
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.true if self.true else 1.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _url(b: dict[str, Any]) -> list[str]:
    urls = [b.get("url") or b.get("website")] + [p.get("url") for p in b.get("profiles") or [] if isinstance(p, dict)]
    return sorted({re.sub(r"^(https?://)?(www\.)?", "", str(u)).rstrip("/").lower() for u in urls if u})


def field_scores(truth: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    counts = {f: _Count() for f in FIELDS}
    tb, pb = truth.get("basics") or {}, pred.get("basics") or {}

    def single(field: str, t: Any, p: Any, eq: Any) -> None:
        c = counts[field]
        c.true += bool(t)
        c.pred += bool(p)
        c.tp += bool(t and p and eq(t, p))

    single("basics.name", tb.get("name"), pb.get("name"), lambda a, b: squash(a) == squash(b))
    single("basics.email", tb.get("email"), pb.get("email"), lambda a, b: norm(a) == norm(b))
    single("basics.phone", tb.get("phone"), pb.get("phone"),
           lambda a, b: re.sub(r"\D", "", a)[-9:] == re.sub(r"\D", "", b)[-9:])
    city = lambda x: (x.get("location") or {}).get("city") if isinstance(x.get("location"), dict) else None  # noqa: E731
    single("basics.city", city(tb), city(pb), lambda a, b: _ratio(a, b) >= 0.85)
    tu, pu = _url(tb), _url(pb)
    counts["basics.url"].true += len(tu)
    counts["basics.url"].pred += len(pu)
    counts["basics.url"].tp += len(set(tu) & set(pu))
    for sec, key, fields in (("work", "name", ("name", "position", "startDate", "endDate")),
                             ("education", "institution", ("institution", "area", "studyType",
                                                           "startDate", "endDate"))):
        te = [e for e in truth.get(sec) or [] if isinstance(e, dict)]
        pe = [e for e in pred.get(sec) or [] if isinstance(e, dict)]
        used: set[int] = set()
        pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
        p: dict[str, Any] | None
        for t in te:
            best, score = None, 0.0
            for i, p in enumerate(pe):
                if i not in used and (r := _ratio(t.get(key), p.get(key))) > score:
                    best, score = i, r
            if best is not None and score >= 0.85:
                used.add(best)
                pairs.append((t, pe[best]))
            else:
                pairs.append((t, None))
        for f in fields:
            c = counts[f"{sec}.{f}"]
            is_date = f.endswith("Date")
            c.pred += sum(1 for p in pe if (is_date and p.get("startDate")) or (not is_date and p.get(f)))
            for t, p in pairs:
                if not is_date and not t.get(f):
                    continue
                if is_date and not t.get("startDate"):
                    continue
                c.true += 1
                if p is not None and (_date_eq(t.get(f), p.get(f)) if is_date else _ratio(t.get(f), p.get(f)) >= 0.85):
                    c.tp += 1

    def skill_tokens(r: dict[str, Any]) -> set[str]:
        toks: set[str] = set()
        for s in r.get("skills") or []:
            if isinstance(s, dict):
                for v in [s.get("name"), *(s.get("keywords") or [])]:
                    toks |= set(re.findall(r"\w+", norm(v)))
        return toks

    ts, ps = skill_tokens(truth), skill_tokens(pred)
    counts["skills"].true, counts["skills"].pred, counts["skills"].tp = len(ts), len(ps), len(ts & ps)
    per = {f: c.f1() for f, c in counts.items() if c.true or c.pred}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 1.0
    return {"fields": per, "f1": round(macro, 4)}
