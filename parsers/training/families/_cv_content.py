"""What the document-writing families print from a ``view``: entries, contact items, skills and
language lines, the few row labels a Europass-like template adds, and per-language punctuation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# row labels of the Europass-like template: dates, employer, position, institution, qualification
LABELS = {
    "en": ("Dates", "Employer", "Position", "Institution", "Qualification"),
    "de": ("Zeitraum", "Arbeitgeber", "Position", "Einrichtung", "Abschluss"),
    "fr": ("Dates", "Employeur", "Poste", "Établissement", "Diplôme"),
    "es": ("Fechas", "Empleador", "Puesto", "Centro", "Titulación"),
    "pt": ("Datas", "Empregador", "Função", "Instituição", "Qualificação"),
    "it": ("Date", "Datore di lavoro", "Posizione", "Istituto", "Titolo"),
    "nl": ("Periode", "Werkgever", "Functie", "Instelling", "Diploma"),
    "pl": ("Okres", "Pracodawca", "Stanowisko", "Uczelnia", "Kwalifikacje"),
    "zh": ("时间", "雇主", "职位", "院校", "学历"),
    "ja": ("期間", "勤務先", "役職", "学校", "学位"),
    "ko": ("기간", "회사", "직위", "학교", "학위"),
    "ru": ("Период", "Работодатель", "Должность", "Учебное заведение", "Квалификация"),
    "tr": ("Tarihler", "İşveren", "Pozisyon", "Kurum", "Derece"),
    "sv": ("Period", "Arbetsgivare", "Befattning", "Lärosäte", "Examen"),
    "cs": ("Období", "Zaměstnavatel", "Pozice", "Instituce", "Kvalifikace"),
    "ar": ("الفترة", "جهة العمل", "المنصب", "المؤسسة", "المؤهل"),
}

# what a template puts between two fields on one line, per language
COMMA = {"ar": "، ", "zh": "，", "ja": "、"}


@dataclass
class Entry:
    title: str | None
    org: str | None
    location: str | None
    dates: str | None
    summary: str | None = None
    bullets: list[str] = field(default_factory=list)


def work_entries(view: dict[str, Any]) -> list[Entry]:
    return [Entry(w.get("position"), w.get("company"), w.get("location"), w.get("dates"), w.get("summary"),
                  [h for h in w.get("highlights") or [] if h]) for w in view.get("work") or []]


def edu_entries(view: dict[str, Any]) -> list[Entry]:
    return [Entry(e.get("degree_line") or e.get("studyType") or e.get("area"), e.get("institution"),
                  e.get("location"), e.get("dates")) for e in view.get("education") or []]


def other_entries(view: dict[str, Any], key: str) -> list[Entry]:
    if key == "projects":
        return [Entry(p.get("name"), None, None, p.get("dates"), p.get("description"))
                for p in view.get(key) or []]
    return [Entry(c.get("name"), c.get("issuer"), None, c.get("date")) for c in view.get(key) or []]


def contact_links(view: dict[str, Any], profile: str = "url") -> list[tuple[str, str | None]]:
    """Contact details as (printed text, link target or None); ``profile`` 'net-user' prints
    'GitHub: name' (the link keeps the URL), 'url' prints the URL."""
    out: list[tuple[str, str | None]] = []
    if view.get("email"):
        out.append((view["email"], "mailto:" + view["email"]))
    out += [(view[k], None) for k in ("phone", "location") if view.get(k)]
    if view.get("url"):
        out.append((view["url"], view["url"] if "://" in view["url"] else "https://" + view["url"]))
    for pr in view.get("profiles") or []:
        url = pr.get("url")
        if profile == "net-user" and pr.get("network") and pr.get("username"):
            out.append((f"{pr['network']}: {pr['username']}", url))
        elif url or pr.get("username"):
            out.append((url or pr["username"], url))
    return out


def contact_items(view: dict[str, Any], profile: str = "url") -> list[str]:
    return [text for text, _ in contact_links(view, profile)]


def skill_items(view: dict[str, Any]) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for s in view.get("skills") or []:
        kws = [k for k in s.get("keywords") or [] if k]
        if kws and s.get("name"):
            out.append((s["name"], ", ".join(kws)))
        elif s.get("name") and s.get("level"):
            out.append((s["name"], s["level"]))
        elif s.get("name") or kws:
            out.append((None, s.get("name") or ", ".join(kws)))
    return out


def lang_items(view: dict[str, Any], fmt: str) -> list[str]:
    out = []
    for lg in view.get("languages") or []:
        if lg.get("language") and lg.get("fluency"):
            out.append(fmt.format(**lg))
        elif lg.get("language"):
            out.append(lg["language"])
    return out


def join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)
