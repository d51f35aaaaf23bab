#!/usr/bin/env python3
"""Build the layout set: CVs as the real tools make them, with their JSON Resume truth.

    cd /work/main && .venv/bin/python tests/parsers/layouts/build.py [--only 007,013] [--keep-sources DIR]

Families (the second part of a document's name, which the scorer reports as "renderer"):
  europass  classic 2013 Europass (label column, dates on the left), the older one-label-per-row
            Europass, the 2020 online-editor look; as Chromium PDFs and as Word tables (+ PDF export)
  canva     two-column designs with coloured sidebars, absolutely positioned blocks painted in
            designer order, letter-spaced capital headings, glyph icons, skill bars (Chromium PDFs)
  word      python-docx documents like Word / Google Docs makes them (tables for layout, tab-stopped
            right-aligned dates, contact data in headers/footers, Google Docs heading styles),
            each also exported to PDF with LibreOffice
  latex     pdflatex: moderncv classic/banking/casual, "Jake's resume", a dates-left article CV;
            like most moderncv CVs, those without glyphtounicode lose the en dash and some letters
            in text extraction

Needs: /usr/bin/chromium, soffice (libreoffice-writer-nogui), pdflatex with moderncv
(texlive-latex-extra, texlive-fonts-recommended, lmodern) and the fonts fonts-lato, fonts-open-sans,
fonts-roboto, fonts-crosextra-carlito, fonts-crosextra-caladea (Debian packages).
Deterministic: fixed document dates (SOURCE_DATE_EPOCH, DOCX core properties and ZIP times,
PDF /CreationDate, /ModDate and /ID overwritten in place), no randomness.
Writes docs/NNN-family-lang.(pdf|docx), docs/MANIFEST.json and truth/NNN.json next to this file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from data import CVS  # noqa: E402

DOCS = HERE / "docs"
TRUTH = HERE / "truth"
EPOCH = 1704103200  # 2024-01-01 10:00 UTC, every generated file's date
FIXED_DATE = dt.datetime(2024, 1, 1, 10, 0, 0)

# ----------------------------------------------------------------------------- language data
MONTHS_FULL = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pl": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień",
}
MONTHS_ABBR = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.",
    "pt": "jan fev mar abr mai jun jul ago set out nov dez",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "nl": "jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec.",
    "pl": "sty. lut. mar. kwi. maj cze. lip. sie. wrz. paź. lis. gru.",
}

HEAD = {
    "en": dict(work="Work Experience", education="Education", skills="Skills", languages="Languages",
               summary="Profile", contact="Contact"),
    "de": dict(work="Berufserfahrung", education="Ausbildung", skills="Kenntnisse", languages="Sprachen",
               summary="Profil", contact="Kontakt"),
    "fr": dict(work="Expérience professionnelle", education="Formation", skills="Compétences",
               languages="Langues", summary="Profil", contact="Contact"),
    "es": dict(work="Experiencia laboral", education="Formación", skills="Habilidades", languages="Idiomas",
               summary="Perfil", contact="Contacto"),
    "pt": dict(work="Experiência profissional", education="Formação acadêmica", skills="Competências",
               languages="Idiomas", summary="Perfil", contact="Contato"),
    "it": dict(work="Esperienza professionale", education="Istruzione e formazione", skills="Competenze",
               languages="Lingue", summary="Profilo", contact="Contatti"),
    "nl": dict(work="Werkervaring", education="Opleiding", skills="Vaardigheden", languages="Talen",
               summary="Profiel", contact="Contact"),
    "pl": dict(work="Doświadczenie zawodowe", education="Wykształcenie", skills="Umiejętności",
               languages="Języki obce", summary="Podsumowanie", contact="Kontakt"),
}


# ----------------------------------------------------------------------------- dates
def fmt_date(value: str, cv: dict[str, Any]) -> str:
    spec, lang = cv["dates"], cv["lang"]
    parts = value.split("-")
    y = parts[0]
    if len(parts) == 1 or spec["fmt"] == "yyyy":
        return y
    m = int(parts[1])
    f = spec["fmt"]
    if f == "month":
        out = f"{MONTHS_FULL[lang].split()[m - 1]} {y}"
    elif f == "mon":
        out = f"{MONTHS_ABBR[lang].split()[m - 1]} {y}"
    elif f == "mon/yyyy":
        out = f"{MONTHS_ABBR[lang].split()[m - 1]}/{y}"
    elif f == "mm/yyyy":
        out = f"{m:02d}/{y}"
    elif f == "mm.yyyy":
        out = f"{m:02d}.{y}"
    elif f == "dd/mm/yyyy":
        d = int(parts[2]) if len(parts) > 2 else 1
        out = f"{d:02d}/{m:02d}/{y}"
    else:
        raise ValueError(f)
    if spec.get("cap"):
        out = out[:1].upper() + out[1:]
    return out


def fmt_range(entry: dict[str, Any], cv: dict[str, Any], upper: bool | None = None) -> str:
    spec = cv["dates"]
    if entry.get("show"):
        return entry["show"]
    start = fmt_date(entry["start"], cv)
    if entry["end"] is None:
        if spec.get("since"):
            out = spec["since"].format(start=start)
        else:
            present = spec["present"]
            if spec.get("cap"):
                present = present[:1].upper() + present[1:]
            out = f"{start}{spec['sep']}{present}"
    else:
        out = f"{start}{spec['sep']}{fmt_date(entry['end'], cv)}"
    if upper if upper is not None else spec.get("upper"):
        out = out.upper()
    return out


def truth_date(value: str | None, cv: dict[str, Any]) -> str | None:
    if value is None:
        return None
    if cv["dates"]["fmt"] == "yyyy":
        return value[:4]
    return value[:7]


# ----------------------------------------------------------------------------- truth
NETWORKS = {"linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab",
            "instagram.com": "Instagram", "orcid.org": "ORCID"}


def profiles(cv: dict[str, Any]) -> tuple[str | None, list[dict[str, str]]]:
    url, profs = None, []
    for u in cv["urls"]:
        host = re.sub(r"^https?://(www\.)?", "", u).split("/")[0]
        net = NETWORKS.get(host)
        if net:
            profs.append({"network": net, "username": u.rstrip("/").rsplit("/", 1)[1], "url": u})
        else:
            url = u
    return url, profs


def shown(u: str) -> str:
    """A URL as printed in a document (no scheme, no www.)."""
    return re.sub(r"^https?://(www\.)?", "", u)


def truth_of(cv: dict[str, Any]) -> dict[str, Any]:
    url, profs = profiles(cv)
    basics: dict[str, Any] = {"name": cv["name"]}
    if cv.get("label"):
        basics["label"] = cv["label"]
    basics["email"] = cv["email"]
    basics["phone"] = cv["phone"]
    if url:
        basics["url"] = url
    if cv.get("summary"):
        basics["summary"] = cv["summary"]
    basics["location"] = {"city": cv["city"], "countryCode": cv["country"]}
    if profs:
        basics["profiles"] = profs
    work = []
    for w in cv["work"]:
        e: dict[str, Any] = {"name": w["name"], "position": w["position"]}
        if w["location"]:
            e["location"] = w["location"]
        e["startDate"] = truth_date(w["start"], cv)
        if w["end"]:
            e["endDate"] = truth_date(w["end"], cv)
        if w["highlights"]:
            e["highlights"] = w["highlights"]
        work.append(e)
    edu = []
    for ed in cv["education"]:
        e = {"institution": ed["institution"]}
        if ed["area"]:
            e["area"] = ed["area"]
        e["studyType"] = ed["studyType"]
        e["startDate"] = truth_date(ed["start"], cv)
        if ed["end"]:
            e["endDate"] = truth_date(ed["end"], cv)
        edu.append(e)
    skills = []
    for name, kws in cv["skills"]:
        if name:
            skills.append({"name": name, "keywords": kws})
        else:
            skills.extend({"name": k} for k in kws)
    out: dict[str, Any] = {"basics": basics, "work": work, "education": edu, "skills": skills}
    if cv["languages"]:
        out["languages"] = [{"language": lang, **({"fluency": f} if f else {})} for lang, f in cv["languages"]]
    return out


# ----------------------------------------------------------------------------- helpers
def e(s: str) -> str:
    return html.escape(s, quote=True)


def skill_list(cv: dict[str, Any]) -> list[str]:
    return [k for _, kws in cv["skills"] for k in kws]


def scrub_pdf(data: bytes) -> bytes:
    """Fixed creation/modification dates, /ID and checksum, same byte length (xref offsets stay valid)."""
    fixed = b"20240101100000"

    def date(m: re.Match[bytes]) -> bytes:
        body = m.group(2)
        digits = re.sub(rb"\d{14}", fixed, body, count=1)
        return m.group(1) + digits + m.group(3)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)(\))", date, data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(<)",
                  lambda m: m.group(1) + re.sub(rb"\d", b"0", m.group(2)) + m.group(3), data)

    def ident(m: re.Match[bytes]) -> bytes:
        return re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0))

    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", ident, data)
    data = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]+", ident, data)  # LibreOffice
    count = iter(range(1, 10**8))
    data = re.sub(rb"/ID \(node(\d{8})\)", lambda m: b"/ID (node%08d)" % next(count), data)  # Chromium tags
    return data


def fixed_zip(data: bytes) -> bytes:
    """Re-pack a DOCX with constant member times."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 10, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def chromium_pdf(page: str, out: Path, tmp: Path) -> None:
    src = tmp / (out.stem + ".html")
    src.write_text(page, encoding="utf-8")
    cmd = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}",
           f"--print-to-pdf={out}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
           "--virtual-time-budget=2000", src.as_uri()]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    out.write_bytes(scrub_pdf(out.read_bytes()))


def page_html(css: str, body: str, lang: str, title: str) -> str:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"<style>@page {{ size: A4; margin: 0 }} html, body {{ margin: 0; padding: 0 }}"
            f" * {{ box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact }}"
            f"{css}</style></head><body>{body}</body></html>")


# ============================================================================= Europass (HTML)
EP_LABELS = {
    "en": dict(cv="Curriculum Vitae", personal="PERSONAL INFORMATION", work="WORK EXPERIENCE",
               edu="EDUCATION AND TRAINING", skills="PERSONAL SKILLS", mother="Mother tongue(s)",
               other="Other language(s)", digital="Digital skills", sex="Sex", birth="Date of birth",
               nat="Nationality", statement="JOB APPLIED FOR", sector="Business or sector",
               understanding="UNDERSTANDING", speaking="SPEAKING", writing="WRITING", listening="Listening",
               reading="Reading", interaction="Spoken interaction", production="Spoken production",
               footer="© European Union, 2002-2015 | europass.cedefop.europa.eu"),
}


def europass_classic(cv: dict[str, Any]) -> str:
    """Europass 2013: a right-aligned label column (section names, dates), content on the right."""
    L = EP_LABELS[cv["lang"]]
    sectors = ["Human health activities", "Retail trade", "Public administration"]
    css = """
    body { font-family: 'Open Sans', 'Liberation Sans', sans-serif; font-size: 8.6pt; color: #3f3a38 }
    .hdr { position: fixed; top: 8mm; left: 10mm; right: 12mm; height: 14mm }
    .logo { position: absolute; left: 0; top: 0; width: 52mm; text-align: right; font: italic 700 17pt 'Open Sans';
            color: #0e4194 } .logo small { display: block; font: 6pt 'Open Sans'; color: #777; font-style: normal }
    .hcv { position: absolute; left: 58mm; top: 2mm; font-size: 9pt; color: #1593cb }
    .hcv b { color: #3f3a38; font-weight: 400; margin-left: 14mm }
    .ftr { position: fixed; bottom: 7mm; left: 10mm; font-size: 6.5pt; color: #888 }
    main { padding: 26mm 12mm 18mm 10mm }
    .row { display: flex; margin: 0 0 1.6mm 0; break-inside: avoid }
    .lab { width: 52mm; flex: none; text-align: right; padding-right: 6mm; color: #1593cb; font-size: 7.6pt;
           padding-top: .4mm }
    .lab.sec { font-size: 8pt; letter-spacing: .02em; color: #0e4194 }
    .val { flex: 1; border-left: 0; }
    .sep { border-bottom: 1px solid #1593cb; margin-left: 0; width: 100%; padding-top: 2.6mm }
    .name { font-size: 13pt; color: #3f3a38 } .pos { font-size: 10.5pt; color: #1593cb }
    ul { margin: .6mm 0 0 4mm; padding: 0 } li { margin: 0 }
    .ico { color: #1593cb; font-family: 'DejaVu Sans'; font-size: 8pt; margin-right: 1.5mm }
    table.lang { border-collapse: collapse; width: 100%; font-size: 7.5pt; text-align: center }
    table.lang td, table.lang th { border: 1px solid #ccc; padding: .6mm 1mm; font-weight: 400 }
    table.lang th { color: #1593cb }
    """
    rows = [f"<div class='hdr'><div class='logo'>europass<small>&nbsp;</small></div>"
            f"<div class='hcv'>{L['cv']}<b>{e(cv['name'])}</b></div></div>",
            f"<div class='ftr'>{L['footer']}</div><main>"]

    def row(label: str, val: str, sec: bool = False) -> None:
        cls = "lab sec" if sec else "lab"
        rows.append(f"<div class='row'><div class='{cls}'>{label}</div><div class='val'>{val}</div></div>")

    url = cv["urls"][0] if cv["urls"] else ""
    row(L["personal"], f"<span class='name'>{e(cv['name'])}</span>", True)
    row("", f"<span class='ico'>⌂</span>{e(cv['address'])}")
    row("", f"<span class='ico'>✆</span>{e(cv['phone'])}")
    row("", f"<span class='ico'>✉</span>{e(cv['email'])}")
    if url:
        row("", f"<span class='ico'>⊕</span><a href='{url}' style='color:inherit'>{e(shown(url))}</a>")
    row("", f"{L['sex']} {cv['sex']} | {L['birth']} {cv['birth']} | {L['nat']} {cv['nationality']}")
    row(L["statement"], f"<span class='name'>{e(cv['label'])}</span>", True)
    row(L["work"], "<div class='sep'></div>", True)
    for i, w in enumerate(cv["work"]):
        hl = "".join(f"<li>{e(h)}</li>" for h in w["highlights"])
        row(e(fmt_range(w, cv)), f"<div class='pos'>{e(w['position'])}</div>"
            f"<div>{e(w['name'])}, {e(w['location'])}</div><ul>{hl}</ul>")
        row(L["sector"], e(sectors[i % len(sectors)]))
    row(L["edu"], "<div class='sep'></div>", True)
    for ed in cv["education"]:
        row(e(fmt_range(ed, cv)), f"<div class='pos'>{e(ed['text'])}</div>"
            f"<div>{e(ed['institution'])}, {e(ed['location'])}</div>")
    row(L["skills"], "<div class='sep'></div>", True)
    langs = cv["languages"]
    row(L["mother"], e(langs[0][0]))
    tbl = (f"<table class='lang'><tr><th colspan=2>{L['understanding']}</th><th colspan=2>{L['speaking']}</th>"
           f"<th>{L['writing']}</th></tr><tr><td>{L['listening']}</td><td>{L['reading']}</td>"
           f"<td>{L['interaction']}</td><td>{L['production']}</td><td></td></tr>")
    for lang, lvl in langs[1:]:
        tbl += f"<tr><td colspan=5 style='text-align:left'><b>{e(lang)}</b></td></tr><tr>" + \
            f"<td>{lvl}</td>" * 5 + "</tr>"
    row(L["other"], tbl + "</table>")
    row(L["digital"], e(", ".join(skill_list(cv))))
    rows.append("</main>")
    return page_html(css, "".join(rows), cv["lang"], cv["name"])


EP_ROW_LABELS = {
    "pl": dict(title="Europass\nCurriculum Vitae", personal="Informacje osobiste", name="Imię i nazwisko",
               address="Adres", phone="Telefon", email="E-mail", nat="Obywatelstwo", birth="Data urodzenia",
               work="Doświadczenie zawodowe", dates="Daty", pos="Zajmowane stanowisko",
               duties="Główne czynności i zakresy odpowiedzialności", employer="Nazwa i adres pracodawcy",
               sector="Typ działalności lub sektor", edu="Wykształcenie i szkolenia",
               qual="Nazwa uzyskanego dyplomu",
               org="Nazwa i rodzaj organizacji świadczącej usługi edukacyjne lub szkoleniowe",
               skills="Umiejętności i kompetencje osobiste", mother="Język(i) ojczysty(e)",
               other="Inny(e) język(i)", computer="Umiejętności i kompetencje informatyczne",
               sectors=["Informatyka", "Transport lotniczy, oprogramowanie"]),
    "es": dict(title="Europass\nCurriculum Vitae", personal="Información personal", name="Nombre(s) / Apellido(s)",
               address="Dirección", phone="Teléfono(s)", email="Correo electrónico", nat="Nacionalidad",
               birth="Fecha de nacimiento", work="Experiencia laboral", dates="Fechas",
               pos="Profesión o cargo desempeñado", duties="Funciones y responsabilidades principales",
               employer="Nombre y dirección de la empresa o empleador", sector="Tipo de empresa o sector",
               edu="Educación y formación", qual="Cualificación obtenida",
               org="Nombre y tipo del centro de estudios", skills="Capacidades y competencias personales",
               mother="Lengua(s) materna(s)", other="Otro(s) idioma(s)",
               computer="Capacidades y competencias informáticas",
               sectors=["Distribución alimentaria", "Tecnologías de la información", "Administración pública"]),
}


def europass_rows(cv: dict[str, Any]) -> str:
    """The pre-2013 Europass: every fact on its own labelled row, labels right-aligned before a rule."""
    L = EP_ROW_LABELS[cv["lang"]]
    css = """
    body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt }
    main { padding: 14mm 14mm 14mm 10mm }
    .r { display: flex; break-inside: avoid } .l { width: 62mm; flex: none; text-align: right;
         padding: .5mm 4mm .5mm 0; border-right: 1px solid #000; font-size: 9pt }
    .v { padding: .5mm 0 .5mm 4mm; flex: 1 }
    .big .l { font-size: 13pt; font-weight: 700 } .big .v { font-size: 12pt; font-weight: 700 }
    .sec .l { font-size: 11pt; font-weight: 700; padding-top: 4mm } .sec .v { padding-top: 4mm }
    .gap .l, .gap .v { height: 3mm }
    .logo { font: italic 700 14pt 'Liberation Serif', serif; white-space: pre-line; line-height: 1.2 }
    """
    out = ["<main>"]

    def r(label: str, val: str, cls: str = "") -> None:
        out.append(f"<div class='r {cls}'><div class='l'>{label}</div><div class='v'>{val}</div></div>")

    r(f"<span class='logo'>{L['title']}</span>", "", "")
    r(L["personal"], "", "sec")
    r(L["name"], f"<b>{e(cv['name'])}</b>", "big")
    r(L["address"], e(cv["address"]))
    r(L["phone"], e(cv["phone"]))
    r(L["email"], e(cv["email"]))
    r(L["nat"], e(cv["nationality"]))
    r(L["birth"], e(cv["birth"]))
    r(L["work"], "", "sec")
    for i, w in enumerate(cv["work"]):
        r(L["dates"], e(fmt_range(w, cv)))
        r(L["pos"], f"<b>{e(w['position'])}</b>")
        r(L["duties"], e("; ".join(w["highlights"])))
        r(L["employer"], f"{e(w['name'])}, {e(w['location'])}")
        r(L["sector"], e(L["sectors"][i % len(L["sectors"])]))
        r("", "", "gap")
    r(L["edu"], "", "sec")
    for ed in cv["education"]:
        r(L["dates"], e(fmt_range(ed, cv)))
        r(L["qual"], f"<b>{e(ed['text'])}</b>")
        r(L["org"], e(ed["institution"]))
        r("", "", "gap")
    r(L["skills"], "", "sec")
    r(L["mother"], e(cv["languages"][0][0]))
    r(L["other"], e(", ".join(f"{a} ({b})" for a, b in cv["languages"][1:])))
    r(L["computer"], e(", ".join(skill_list(cv))))
    out.append("</main>")
    return page_html(css, "".join(out), cv["lang"], cv["name"])


EP2020 = {
    "pt": dict(birth="Data de nascimento", nat="Nacionalidade", sex="Sexo", contact="CONTACTO",
               address="Endereço", home="(Casa)", email="Endereço de e-mail", phone="Número de telefone",
               mobile="(Telemóvel)", work="EXPERIÊNCIA PROFISSIONAL", edu="EDUCAÇÃO E FORMAÇÃO",
               langs="COMPETÊNCIAS LINGUÍSTICAS", mother="Língua(s) materna(s):", other="Outra(s) língua(s):",
               digital="COMPETÊNCIAS DIGITAIS", city="Cidade", country="País", web="LinkedIn"),
    "fr": dict(birth="Date de naissance", nat="Nationalité", sex="Sexe", contact="COORDONNÉES",
               address="Adresse", home="(Domicile)", email="Adresse e-mail", phone="Numéro de téléphone",
               mobile="(Mobile)", work="EXPÉRIENCE PROFESSIONNELLE", edu="ÉDUCATION ET FORMATION",
               langs="COMPÉTENCES LINGUISTIQUES", mother="Langue(s) maternelle(s):", other="Autre(s) langue(s):",
               digital="COMPÉTENCES NUMÉRIQUES", city="Ville", country="Pays", web="Site web"),
}


def europass_2020(cv: dict[str, Any]) -> str:
    """The online Europass editor (2020+): header block, blue section rules; two entry styles."""
    L = EP2020[cv["lang"]]
    variant = 0 if cv["lang"] == "pt" else 1
    css = """
    body { font-family: 'Open Sans', sans-serif; font-size: 8.8pt; color: #2b2b2b }
    main { padding: 13mm 15mm 15mm 15mm }
    h1 { font-size: 19pt; font-weight: 700; margin: 0 0 1.5mm 0; color: #1f3864 }
    .meta { font-size: 8pt; margin-bottom: 1mm } .meta b { font-weight: 600 }
    .contact { font-size: 8pt; margin: .8mm 0 } .contact b { font-weight: 600 }
    h2 { font-size: 10pt; font-weight: 700; color: #1f3864; border-bottom: 1.2px solid #1f3864;
         padding-bottom: .6mm; margin: 5mm 0 2mm 0; letter-spacing: .01em }
    .ent { margin: 0 0 3mm 0; break-inside: avoid } .when { color: #555; font-size: 8pt }
    .t { font-weight: 700; font-size: 9.4pt } .co { font-size: 9pt } .loc { font-size: 8pt; color: #555 }
    ul { margin: .8mm 0 0 4mm; padding: 0 }
    .logo { position: absolute; right: 15mm; top: 12mm; font: italic 700 13pt 'Open Sans'; color: #1f3864 }
    """
    out = ["<div class='logo'>europass</div><main>", f"<h1>{e(cv['name'])}</h1>",
           f"<div class='meta'><b>{L['birth']}:</b> {cv['birth']} &nbsp;|&nbsp; <b>{L['nat']}:</b> "
           f"{cv['nationality']} &nbsp;|&nbsp; <b>{L['sex']}:</b> {cv['sex']}</div>",
           f"<h2>{L['contact']}</h2>",
           f"<div class='contact'><b>{L['address']}:</b> {e(cv['address'])} {L['home']}</div>",
           f"<div class='contact'><b>{L['email']}:</b> {e(cv['email'])}</div>",
           f"<div class='contact'><b>{L['phone']}:</b> {e(cv['phone'])} {L['mobile']}</div>"]
    for u in cv["urls"]:
        out.append(f"<div class='contact'><b>{L['web']}:</b> <a href='{u}'>{e(shown(u))}</a></div>")
    out.append(f"<h2>{L['work']}</h2>")
    for w in cv["work"]:
        hl = "".join(f"<li>{e(h)}</li>" for h in w["highlights"])
        city, _, country = w["location"].partition(", ")
        if variant == 0:
            out.append(f"<div class='ent'><div class='when'>[ {e(fmt_range(w, cv))} ]</div>"
                       f"<div class='t'>{e(w['position'])}</div><div class='co'>{e(w['name'])}</div>"
                       f"<div class='loc'>{L['city']}: {e(city)} | {L['country']}: {e(country)}</div>"
                       f"<ul>{hl}</ul></div>")
        else:
            out.append(f"<div class='ent'><div class='when'>{e(fmt_range(w, cv))} &nbsp; {e(w['location'])}"
                       f"</div><div class='t'>{e(w['position'].upper())} – {e(w['name'].upper())}</div>"
                       f"<ul>{hl}</ul></div>")
    out.append(f"<h2>{L['edu']}</h2>")
    for ed in cv["education"]:
        if variant == 0:
            city, _, country = ed["location"].partition(", ")
            out.append(f"<div class='ent'><div class='when'>[ {e(fmt_range(ed, cv))} ]</div>"
                       f"<div class='t'>{e(ed['text'])}</div><div class='co'>{e(ed['institution'])}</div>"
                       f"<div class='loc'>{L['city']}: {e(city)} | {L['country']}: {e(country)}</div></div>")
        else:
            out.append(f"<div class='ent'><div class='when'>{e(fmt_range(ed, cv))} &nbsp; {e(ed['location'])}"
                       f"</div><div class='t'>{e(ed['text'].upper())} – {e(ed['institution'].upper())}</div></div>")
    out.append(f"<h2>{L['langs']}</h2><div class='contact'>{L['mother']} <b>{e(cv['languages'][0][0])}</b></div>"
               f"<div class='contact'>{L['other']} " +
               " &nbsp; ".join(f"<b>{e(a)}</b> {b}" for a, b in cv["languages"][1:]) + "</div>")
    out.append(f"<h2>{L['digital']}</h2><div class='contact'>{e(' | '.join(skill_list(cv)))}</div></main>")
    return page_html(css, "".join(out), cv["lang"], cv["name"])


# ============================================================================= Canva (HTML)
def bar(pct: int, fg: str, bg: str) -> str:
    return (f"<div style='height:1.4mm;background:{bg};border-radius:1mm;margin:.6mm 0 2mm 0'>"
            f"<div style='height:100%;width:{pct}%;background:{fg};border-radius:1mm'></div></div>")


def dots(n: int, on: str, off: str) -> str:
    return (f"<span style='font-family:DejaVu Sans;color:{on};letter-spacing:.5mm'>{'●' * n}</span>"
            f"<span style='font-family:DejaVu Sans;color:{off};letter-spacing:.5mm'>{'●' * (5 - n)}</span>")


LEVEL_DOTS = [5, 4, 2, 2]
SKILL_PCT = [90, 85, 75, 70, 65, 60, 55]


def canva_dark_sidebar(cv: dict[str, Any]) -> str:
    """Navy sidebar on the left (contact, skills with bars, languages with dots); blocks are absolutely
    positioned and painted main column first, sidebar next, the name last (designer layer order)."""
    h = HEAD[cv["lang"]]
    css = """
    body { font-family: 'Lato', sans-serif; font-size: 9pt; color: #333 }
    .side { position: absolute; left: 0; top: 0; width: 72mm; height: 297mm; background: #22324a; color: #e8edf3;
            padding: 72mm 9mm 0 11mm }
    .photo { position: absolute; left: 19mm; top: 14mm; width: 40mm; height: 40mm; border-radius: 50%;
             background: #c9d3de; color: #22324a; font: 300 20pt 'Lato'; text-align: center; line-height: 40mm }
    .side h3 { font: 700 10pt 'Lato'; letter-spacing: .32em; margin: 0 0 3mm 0; padding-bottom: 1.5mm;
               border-bottom: 1px solid #6d7f96 } .side .blk { margin-bottom: 8mm }
    .ci { margin: 0 0 2.2mm 0; font-size: 8.6pt } .ci i { font-family: 'DejaVu Sans'; font-style: normal;
          display: inline-block; width: 6mm; color: #9fb6d0 }
    .main { position: absolute; left: 82mm; top: 52mm; width: 116mm }
    .main h2 { font: 700 11pt 'Lato'; letter-spacing: .35em; color: #22324a; margin: 0 0 3mm 0 }
    .main .blk { margin-bottom: 6mm } .job { margin-bottom: 4mm } .when { color: #4f7cac; font-weight: 700;
          font-size: 8.4pt; letter-spacing: .05em } .pos { font-weight: 700; font-size: 10pt; color: #22324a }
    .co { font-style: italic } ul { margin: .8mm 0 0 4mm; padding: 0 }
    .name { position: absolute; left: 82mm; top: 16mm; width: 120mm }
    .name h1 { font: 900 25pt 'Lato'; letter-spacing: .18em; margin: 0; color: #22324a; line-height: 1.05 }
    .name p { font: 400 11pt 'Lato'; letter-spacing: .4em; margin: 2mm 0 0 0; color: #4f7cac }
    """
    jobs = "".join(
        f"<div class='job'><div class='when'>{e(fmt_range(w, cv))}</div><div class='pos'>{e(w['position'])}</div>"
        f"<div class='co'>{e(w['name'])} | {e(w['location'])}</div>"
        f"<ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div>" for w in cv["work"])
    edu = "".join(
        f"<div class='job'><div class='when'>{e(fmt_range(ed, cv))}</div><div class='pos'>{e(ed['text'])}</div>"
        f"<div class='co'>{e(ed['institution'])}</div></div>" for ed in cv["education"])
    main = (f"<div class='main'><div class='blk'><h2>{h['summary'].upper()}</h2><p>{e(cv['summary'])}</p></div>"
            f"<div class='blk'><h2>{h['work'].upper()}</h2>{jobs}</div>"
            f"<div class='blk'><h2>{h['education'].upper()}</h2>{edu}</div></div>")
    url = cv["urls"][0]
    skills = "".join(f"<div>{e(k)}</div>{bar(SKILL_PCT[i], '#9fb6d0', '#3b4d66')}"
                     for i, k in enumerate(skill_list(cv)))
    langs = "".join(f"<div class='ci'>{e(a)}<br>{dots(LEVEL_DOTS[i], '#9fb6d0', '#3b4d66')}</div>"
                    for i, (a, _) in enumerate(cv["languages"]))
    side = (f"<div class='side'><div class='photo'>LH</div>"
            f"<div class='blk'><h3>{h['contact'].upper()}</h3>"
            f"<div class='ci'><i>✆</i>{e(cv['phone'])}</div><div class='ci'><i>✉</i>{e(cv['email'])}</div>"
            f"<div class='ci'><i>⌂</i>{e(cv['address'])}</div>"
            f"<div class='ci'><i>⊕</i><a style='color:inherit;text-decoration:none' href='{url}'>"
            f"{e(shown(url))}</a></div></div>"
            f"<div class='blk'><h3>SKILLS</h3>{skills}</div>"
            f"<div class='blk'><h3>{h['languages'].upper()}</h3>{langs}</div></div>")
    name = f"<div class='name'><h1>{e(cv['name'].upper())}</h1><p>{e(cv['label'].upper())}</p></div>"
    return page_html(css, main + side + name, cv["lang"], cv["name"])


def canva_timeline(cv: dict[str, Any]) -> str:
    """Centred serif name over a rule, beige sidebar, dates on a vertical timeline in the main column."""
    h = HEAD[cv["lang"]]
    css = """
    body { font-family: 'Open Sans', sans-serif; font-size: 8.8pt; color: #3a3a3a }
    .top { position: absolute; left: 0; top: 0; width: 210mm; height: 44mm; text-align: center; padding-top: 12mm }
    .top h1 { font: 400 27pt 'Caladea', serif; letter-spacing: .28em; margin: 0; color: #5a4636 }
    .top p { font: 600 9pt 'Open Sans'; letter-spacing: .45em; margin: 3mm 0 0 0; color: #a07d5e }
    .rule { position: absolute; left: 15mm; right: 15mm; top: 46mm; border-top: 1px solid #c8b6a6 }
    .side { position: absolute; left: 0; top: 52mm; width: 68mm; height: 245mm; background: #f3ece4;
            padding: 8mm 7mm 0 12mm }
    .side h3, .main h2 { font: 600 10pt 'Caladea', serif; letter-spacing: .3em; color: #5a4636; margin: 0 0 3mm 0 }
    .side .blk { margin-bottom: 8mm } .side p { margin: 0 0 1.8mm 0 }
    .side i { font-style: normal; font-family: 'DejaVu Sans'; color: #a07d5e; margin-right: 2mm }
    .main { position: absolute; left: 76mm; top: 60mm; width: 122mm }
    .tl { position: relative; margin: 0 0 6mm 0 }
    .it { display: flex; margin-bottom: 4mm } .d { width: 25mm; flex: none; font-weight: 700; color: #a07d5e;
          font-size: 8.2pt; padding-top: .3mm } .dot { width: 6mm; flex: none; position: relative }
    .dot:before { content: ''; position: absolute; left: 1.6mm; top: 1.2mm; width: 2mm; height: 2mm;
                  border-radius: 50%; background: #a07d5e }
    .c { flex: 1; border-left: 1px solid #d8c8b8; padding-left: 3mm; margin-left: -3.4mm }
    .c b { font-size: 9.5pt } .c em { color: #6d5a4a } ul { margin: .6mm 0 0 4mm; padding: 0 }
    """
    side = (f"<div class='side'><div class='blk'><h3>{h['contact'].upper()}</h3>"
            f"<p><i>☎</i>{e(cv['phone'])}</p><p><i>✉</i>{e(cv['email'])}</p>"
            f"<p><i>⌂</i>{e(cv['address'])}</p><p><i>in</i>{e(shown(cv['urls'][0]))}</p></div>"
            f"<div class='blk'><h3>{h['skills'].upper()}</h3>" +
            "".join(f"<p>• {e(k)}</p>" for k in skill_list(cv)) + "</div>"
            f"<div class='blk'><h3>{h['languages'].upper()}</h3>" +
            "".join(f"<p><b>{e(a)}</b> – {e(b)}</p>" for a, b in cv["languages"]) + "</div></div>")
    items = "".join(
        f"<div class='it'><div class='d'>{e(fmt_range(w, cv))}</div><div class='dot'></div><div class='c'>"
        f"<b>{e(w['position'])}</b><br><em>{e(w['name'])}, {e(w['location'])}</em>"
        f"<ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div></div>" for w in cv["work"])
    edus = "".join(
        f"<div class='it'><div class='d'>{e(fmt_range(ed, cv))}</div><div class='dot'></div><div class='c'>"
        f"<b>{e(ed['text'])}</b><br><em>{e(ed['institution'])}</em></div></div>" for ed in cv["education"])
    main = (f"<div class='main'><h2>{h['summary'].upper()}</h2><p style='margin:0 0 6mm 0'>{e(cv['summary'])}</p>"
            f"<h2>EXPÉRIENCES</h2><div class='tl'>{items}</div>"
            f"<h2>{h['education'].upper()}</h2><div class='tl'>{edus}</div></div>")
    top = f"<div class='top'><h1>{e(cv['name'].upper())}</h1><p>{e(cv['label'].upper())}</p></div><div class='rule'></div>"
    return page_html(css, side + main + top, cv["lang"], cv["name"])


def canva_header_band(cv: dict[str, Any]) -> str:
    """A coloured band with the name, an icon contact row (icon font glyphs without the font), then two
    columns: education/skills/languages left, profile/experience right with right-aligned dates."""
    h = HEAD[cv["lang"]]
    css = """
    body { font-family: 'Roboto', sans-serif; font-size: 8.8pt; color: #2d2d2d }
    .band { position: absolute; left: 0; top: 0; width: 210mm; height: 38mm; background: #0f766e; color: #fff;
            padding: 10mm 14mm } .band h1 { font: 700 26pt 'Roboto'; margin: 0; letter-spacing: .04em }
    .band p { font: 300 12pt 'Roboto'; letter-spacing: .3em; margin: 1.5mm 0 0 0 }
    .cont { position: absolute; left: 14mm; top: 41mm; width: 182mm; font-size: 8.4pt; display: flex;
            justify-content: space-between } .cont span i { font-style: normal; color: #0f766e; margin-right: 1.5mm }
    .left { position: absolute; left: 14mm; top: 54mm; width: 58mm }
    .right { position: absolute; left: 80mm; top: 54mm; width: 116mm; border-left: 1px solid #cfd8d7; padding-left: 6mm }
    h2 { font: 700 10pt 'Roboto'; letter-spacing: .25em; color: #0f766e; margin: 0 0 2.5mm 0 }
    .blk { margin-bottom: 7mm } .pos { display: flex; justify-content: space-between; font-weight: 700;
          font-size: 9.4pt } .pos span:last-child { font-weight: 400; color: #555; font-size: 8.4pt }
    .co { color: #0f766e; font-weight: 500; margin-bottom: .6mm } .job { margin-bottom: 4mm }
    ul { margin: .6mm 0 0 4mm; padding: 0 } .edu { margin-bottom: 3mm } .edu b { display: block }
    .pill { margin: 0 0 1.4mm 0 }
    """
    icons = ["\uf095", "\uf0e0", "\uf3c5", "\uf0ac"]
    vals = [cv["phone"], cv["email"], cv["address"], shown(cv["urls"][0])]
    cont = "<div class='cont'>" + "".join(f"<span><i>{i}</i>{e(v)}</span>" for i, v in zip(icons, vals, strict=True)) + "</div>"
    left = (f"<div class='left'><div class='blk'><h2>{h['education'].upper()}</h2>" +
            "".join(f"<div class='edu'><b>{e(ed['text'])}</b>{e(ed['institution'])}<br>"
                    f"{e(fmt_range(ed, cv))}</div>" for ed in cv["education"]) +
            f"</div><div class='blk'><h2>{h['skills'].upper()}</h2>" +
            "".join(f"<div class='pill'>{e(k)}</div>{bar(SKILL_PCT[i], '#0f766e', '#d5e5e3')}"
                    for i, k in enumerate(skill_list(cv))) +
            f"</div><div class='blk'><h2>{h['languages'].upper()}</h2>" +
            "".join(f"<div class='pill'>{e(a)} <span style='color:#777'>({e(b)})</span></div>"
                    for a, b in cv["languages"]) + "</div></div>")
    right = (f"<div class='right'><div class='blk'><h2>{h['summary'].upper()}</h2><p>{e(cv['summary'])}</p></div>"
             f"<div class='blk'><h2>EXPERIENCE</h2>" +
             "".join(f"<div class='job'><div class='pos'><span>{e(w['position'].upper())}</span>"
                     f"<span>{e(fmt_range(w, cv))}</span></div><div class='co'>{e(w['name'])} | {e(w['location'])}"
                     f"</div><ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div>"
                     for w in cv["work"]) + "</div></div>")
    band = f"<div class='band'><h1>{e(cv['name'])}</h1><p>{e(cv['label'].upper())}</p></div>"
    return page_html(css, band + cont + right + left, cv["lang"], cv["name"])


def canva_minimal(cv: dict[str, Any]) -> str:
    """Minimal: big name top left, contact stacked top right, section titles in a narrow left column,
    entries with the date above the title."""
    h = HEAD[cv["lang"]]
    css = """
    body { font-family: 'Carlito', sans-serif; font-size: 10pt; color: #222 }
    .name { position: absolute; left: 16mm; top: 16mm } .name h1 { font: 700 30pt 'Carlito'; margin: 0;
            line-height: 1 } .name p { font-size: 12pt; color: #777; margin: 2mm 0 0 0; letter-spacing: .12em }
    .cont { position: absolute; right: 16mm; top: 17mm; text-align: right; font-size: 9.5pt; line-height: 1.5 }
    .sec { position: absolute; left: 16mm; width: 178mm; display: flex; border-top: 1px solid #222; padding-top: 3mm }
    .sec h2 { width: 44mm; flex: none; font: 700 9pt 'Carlito'; letter-spacing: .28em; margin: 0 }
    .sec .b { flex: 1 } .it { margin-bottom: 3.5mm } .d { font-size: 8.6pt; color: #888 }
    .t { font-weight: 700 } ul { margin: .5mm 0 0 4mm; padding: 0 }
    """
    out = [f"<div class='name'><h1>{e(cv['name'])}</h1><p>{e(cv['label'].upper())}</p></div>",
           f"<div class='cont'>{e(cv['phone'])}<br>{e(cv['email'])}<br>{e(cv['address'])}</div>"]
    secs = [
        (h["summary"], f"<p style='margin:0'>{e(cv['summary'])}</p>", 18),
        (h["work"], "".join(
            f"<div class='it'><div class='d'>{e(fmt_range(w, cv))}</div><div class='t'>{e(w['position'])}</div>"
            f"<div>{e(w['name'])}, {e(w['location'])}</div>"
            f"<ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div>" for w in cv["work"]), 70),
        (h["education"], "".join(
            f"<div class='it'><div class='d'>{e(fmt_range(ed, cv))}</div><div class='t'>{e(ed['text'])}</div>"
            f"<div>{e(ed['institution'])}</div></div>" for ed in cv["education"]), 34),
        (h["skills"], e(" · ".join(skill_list(cv))), 14),
        (h["languages"], "<br>".join(f"{e(a)} – {e(b)}" for a, b in cv["languages"]), 20),
    ]
    top = 46
    for title, body, height in secs:
        out.append(f"<div class='sec' style='top:{top}mm'><h2>{e(title.upper())}</h2><div class='b'>{body}</div></div>")
        top += height
    return page_html(css, "".join(out), cv["lang"], cv["name"])


def canva_pills(cv: dict[str, Any]) -> str:
    """Pastel sidebar holding the name (first name and surnames on two lines in two weights), the
    contact data and skill "pills"; the main column has company and dates on one line."""
    h = HEAD[cv["lang"]]
    first, rest = cv["name"].split(" ", 1)
    css = """
    body { font-family: 'Lato', sans-serif; font-size: 9pt; color: #3b3b3b }
    .side { position: absolute; left: 0; top: 0; width: 74mm; height: 297mm; background: #f6dcd5; padding: 14mm 9mm }
    .ph { width: 34mm; height: 34mm; border-radius: 50%; background: #e9b8ab; margin: 0 auto 7mm auto }
    .nm1 { font: 300 22pt 'Lato'; letter-spacing: .12em; margin: 0 } .nm2 { font: 900 22pt 'Lato';
           letter-spacing: .12em; margin: 0 0 2mm 0; line-height: 1.05 } .lab { letter-spacing: .25em; font-size: 8.5pt;
           margin-bottom: 8mm }
    .side h3 { font: 700 9.5pt 'Lato'; letter-spacing: .3em; margin: 0 0 2.5mm 0; color: #9c4f3f }
    .side .blk { margin-bottom: 7mm } .side p { margin: 0 0 1.6mm 0 }
    .pill { display: inline-block; background: #fff; border-radius: 3mm; padding: .6mm 2.6mm; margin: 0 1.2mm 1.6mm 0;
            font-size: 8.2pt }
    .main { position: absolute; left: 84mm; top: 16mm; width: 114mm }
    .main h2 { font: 700 11pt 'Lato'; letter-spacing: .3em; color: #9c4f3f; margin: 0 0 3mm 0;
               border-bottom: 2px solid #f6dcd5; padding-bottom: 1mm }
    .blk2 { margin-bottom: 6mm } .job { margin-bottom: 4mm } .l1 { display: flex; justify-content: space-between }
    .l1 b { font-size: 9.6pt } .l1 span { font-size: 8.2pt; color: #9c4f3f } .l2 { font-style: italic }
    ul { margin: .6mm 0 0 4mm; padding: 0 }
    """
    side = (f"<div class='side'><div class='ph'></div><p class='nm1'>{e(first.upper())}</p>"
            f"<p class='nm2'>{e(rest.upper())}</p><div class='lab'>{e(cv['label'].upper())}</div>"
            f"<div class='blk'><h3>{h['contact'].upper()}</h3><p>{e(cv['phone'])}</p><p>{e(cv['email'])}</p>"
            f"<p>{e(cv['address'])}</p><p>{e(shown(cv['urls'][0]))}</p></div>"
            f"<div class='blk'><h3>{h['skills'].upper()}</h3>" +
            "".join(f"<span class='pill'>{e(k)}</span>" for k in skill_list(cv)) + "</div>"
            f"<div class='blk'><h3>{h['languages'].upper()}</h3>" +
            "".join(f"<p>{e(a)}: {e(b)}</p>" for a, b in cv["languages"]) + "</div></div>")
    main = (f"<div class='main'><div class='blk2'><h2>{h['summary'].upper()}</h2><p>{e(cv['summary'])}</p></div>"
            f"<div class='blk2'><h2>EXPERIENCIA</h2>" +
            "".join(f"<div class='job'><div class='l1'><b>{e(w['name'])}</b><span>{e(fmt_range(w, cv))}</span></div>"
                    f"<div class='l2'>{e(w['position'])} · {e(w['location'])}</div>"
                    f"<ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div>" for w in cv["work"]) +
            f"</div><div class='blk2'><h2>{h['education'].upper()}</h2>" +
            "".join(f"<div class='job'><div class='l1'><b>{e(ed['institution'])}</b>"
                    f"<span>{e(fmt_range(ed, cv))}</span></div><div class='l2'>{e(ed['text'])}</div></div>"
                    for ed in cv["education"]) + "</div></div>")
    return page_html(css, side + main, cv["lang"], cv["name"])


def canva_right_sidebar(cv: dict[str, Any]) -> str:
    """Main column left, dark green sidebar right; Font Awesome code points as icons (no such font
    here, as in PDFs whose icon font was not embedded for text); sidebar painted first."""
    h = HEAD[cv["lang"]]
    css = """
    body { font-family: 'Open Sans', sans-serif; font-size: 8.8pt; color: #263238 }
    .side { position: absolute; left: 138mm; top: 0; width: 72mm; height: 297mm; background: #1b4332; color: #e9f5ee;
            padding: 16mm 8mm 0 8mm } .side h3 { font: 700 9.5pt 'Open Sans'; letter-spacing: .28em; margin: 0 0 3mm 0;
            color: #95d5b2 } .side .blk { margin-bottom: 8mm } .side p { margin: 0 0 2mm 0; font-size: 8.2pt }
    .side i { font-style: normal; margin-right: 2mm; color: #95d5b2 }
    .main { position: absolute; left: 14mm; top: 16mm; width: 116mm }
    h1 { font: 800 24pt 'Open Sans'; margin: 0; line-height: 1.05; color: #1b4332 }
    .lab { font: 600 10pt 'Open Sans'; letter-spacing: .32em; color: #40916c; margin: 2mm 0 7mm 0 }
    h2 { font: 700 10pt 'Open Sans'; letter-spacing: .3em; color: #1b4332; margin: 0 0 3mm 0 }
    .blk2 { margin-bottom: 6mm } .job { margin-bottom: 4mm } .pos { font-weight: 700; font-size: 9.6pt }
    .meta { color: #40916c; font-size: 8.2pt } ul { margin: .6mm 0 0 4mm; padding: 0 }
    """
    icons = {"phone": "\uf095", "mail": "\uf0e0", "pin": "\uf3c5", "github": "\uf09b", "linkedin": "\uf08c"}
    side = (f"<div class='side'><div class='blk'><h3>{h['contact'].upper()}</h3>"
            f"<p><i>{icons['phone']}</i>{e(cv['phone'])}</p><p><i>{icons['mail']}</i>{e(cv['email'])}</p>"
            f"<p><i>{icons['pin']}</i>{e(cv['address'])}</p>"
            f"<p><i>{icons['github']}</i>{e(shown(cv['urls'][0]))}</p>"
            f"<p><i>{icons['linkedin']}</i>{e(shown(cv['urls'][1]))}</p></div>"
            f"<div class='blk'><h3>{h['skills'].upper()}</h3>" +
            "".join(f"<p style='margin:0'>{e(k)}</p>{bar(SKILL_PCT[i], '#95d5b2', '#2d6a4f')}"
                    for i, k in enumerate(skill_list(cv))) + "</div>"
            f"<div class='blk'><h3>{h['languages'].upper()}</h3>" +
            "".join(f"<p>{e(a)}<br><span style='color:#95d5b2'>{e(b)}</span></p>" for a, b in cv["languages"]) +
            "</div></div>")
    main = (f"<div class='main'><h1>{e(cv['name'])}</h1><div class='lab'>{e(cv['label'].upper())}</div>"
            f"<div class='blk2'><h2>{h['summary'].upper()}</h2><p>{e(cv['summary'])}</p></div>"
            f"<div class='blk2'><h2>EXPERIÊNCIA</h2>" +
            "".join(f"<div class='job'><div class='pos'>{e(w['position'])}</div>"
                    f"<div class='meta'>{e(w['name'])} &nbsp;•&nbsp; {e(fmt_range(w, cv))} &nbsp;•&nbsp; "
                    f"{e(w['location'])}</div>"
                    f"<ul>{''.join(f'<li>{e(x)}</li>' for x in w['highlights'])}</ul></div>" for w in cv["work"]) +
            f"</div><div class='blk2'><h2>{h['education'].upper()}</h2>" +
            "".join(f"<div class='job'><div class='pos'>{e(ed['text'])}</div><div class='meta'>"
                    f"{e(ed['institution'])} &nbsp;•&nbsp; {e(fmt_range(ed, cv))}</div></div>"
                    for ed in cv["education"]) + "</div></div>")
    return page_html(css, side + main, cv["lang"], cv["name"])


HTML_LAYOUTS = {
    "europass_classic": europass_classic, "europass_rows": europass_rows, "europass_2020": europass_2020,
    "canva_dark_sidebar": canva_dark_sidebar, "canva_timeline": canva_timeline,
    "canva_header_band": canva_header_band, "canva_minimal": canva_minimal, "canva_pills": canva_pills,
    "canva_right_sidebar": canva_right_sidebar,
}


# ============================================================================= Word / Google Docs (DOCX)
def _docx():
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor
    return docx, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, OxmlElement, qn, Cm, Pt, RGBColor


class W:
    """A small python-docx toolkit for the Word-like layouts."""

    def __init__(self, cv: dict[str, Any], font: str, size: float, margins: tuple[float, float, float, float],
                 heading_font: str | None = None):
        (self.docx, self.TA, self.PA, self.TAB, self.OX, self.qn, self.Cm, self.Pt,
         self.RGB) = _docx()
        self.cv = cv
        self.doc = self.docx.Document()
        st = self.doc.styles["Normal"]
        st.font.name = font
        st.font.size = self.Pt(size)
        st.element.get_or_add_rPr().get_or_add_rFonts().set(self.qn("w:eastAsia"), font)
        st.paragraph_format.space_after = self.Pt(0)
        st.paragraph_format.space_before = self.Pt(0)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle"):
            hs = self.doc.styles[name]
            hs.font.name = heading_font or font
            rpr = hs.element.get_or_add_rPr()
            rfonts = rpr.get_or_add_rFonts()
            for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(self.qn(k), heading_font or font)
            for k in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                if rfonts.get(self.qn(k)) is not None:
                    del rfonts.attrib[self.qn(k)]
        sec = self.doc.sections[0]
        sec.page_height, sec.page_width = self.Cm(29.7), self.Cm(21.0)
        sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = (self.Cm(x) for x in margins)
        cp = self.doc.core_properties
        cp.author = cp.last_modified_by = cv["name"]
        cp.title = "CV " + cv["name"]
        cp.created = cp.modified = FIXED_DATE
        cp.last_printed = FIXED_DATE
        cp.revision = 3
        cp.comments = ""

    # -- paragraphs
    def p(self, container: Any = None, runs: Any = "", style: str | None = None, align: str | None = None,
          after: float = 0, before: float = 0, first: bool = False, tabs: Any = (), indent: float | None = None,
          **fmt: Any) -> Any:
        container = container if container is not None else self.doc
        if first:
            par = container.paragraphs[0]
            if style:
                par.style = self.doc.styles[style]
        else:
            par = container.add_paragraph(style=style)
        if isinstance(runs, str):
            runs = [(runs, fmt)] if runs else []
        for text, f in runs:
            self.run(par, text, **f)
        pf = par.paragraph_format
        pf.space_after, pf.space_before = self.Pt(after), self.Pt(before)
        if align:
            par.alignment = {"center": self.PA.CENTER, "right": self.PA.RIGHT, "justify": self.PA.JUSTIFY}[align]
        for pos, kind in tabs:
            pf.tab_stops.add_tab_stop(self.Cm(pos), {"right": self.TAB.RIGHT, "left": self.TAB.LEFT}[kind])
        if indent is not None:
            pf.left_indent = self.Cm(indent)
        return par

    def run(self, par: Any, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
            color: str | None = None, caps: bool = False, font: str | None = None, spacing: float | None = None,
            link: str | None = None) -> Any:
        if link:
            return self.hyperlink(par, link, text, color=color, size=size)
        r = par.add_run(text)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = self.Pt(size)
        if color:
            r.font.color.rgb = self.RGB.from_string(color)
        if caps:
            r.font.all_caps = True
        if font:
            r.font.name = font
        if spacing is not None:
            rpr = r._r.get_or_add_rPr()
            sp = self.OX("w:spacing")
            sp.set(self.qn("w:val"), str(int(spacing * 20)))
            rpr.append(sp)
        return r

    def hyperlink(self, par: Any, url: str, text: str, color: str | None = None, size: float | None = None) -> Any:
        rid = par.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                 is_external=True)
        h = self.OX("w:hyperlink")
        h.set(self.qn("r:id"), rid)
        r = self.OX("w:r")
        rpr = self.OX("w:rPr")
        c = self.OX("w:color")
        c.set(self.qn("w:val"), color or "1155CC")
        rpr.append(c)
        u = self.OX("w:u")
        u.set(self.qn("w:val"), "single")
        rpr.append(u)
        if size:
            sz = self.OX("w:sz")
            sz.set(self.qn("w:val"), str(int(size * 2)))
            rpr.append(sz)
        r.append(rpr)
        t = self.OX("w:t")
        t.text = text
        t.set(self.qn("xml:space"), "preserve")
        r.append(t)
        h.append(r)
        par._p.append(h)
        return h

    def bullet(self, container: Any, text: str, size: float | None = None) -> Any:
        par = self.p(container, text, style="List Bullet", size=size)
        return par

    def border(self, par: Any, side: str = "bottom", color: str = "000000", sz: int = 6, space: int = 1) -> None:
        ppr = par._p.get_or_add_pPr()
        bdr = ppr.find(self.qn("w:pBdr"))
        if bdr is None:
            bdr = self.OX("w:pBdr")
            ppr.append(bdr)
        b = self.OX(f"w:{side}")
        for k, v in (("val", "single"), ("sz", str(sz)), ("space", str(space)), ("color", color)):
            b.set(self.qn(f"w:{k}"), v)
        bdr.append(b)

    def field(self, par: Any, instr: str, size: float | None = None) -> None:
        fs = self.OX("w:fldSimple")
        fs.set(self.qn("w:instr"), instr)
        r = self.OX("w:r")
        if size:
            rpr = self.OX("w:rPr")
            sz = self.OX("w:sz")
            sz.set(self.qn("w:val"), str(int(size * 2)))
            rpr.append(sz)
            r.append(rpr)
        t = self.OX("w:t")
        t.text = "1"
        r.append(t)
        fs.append(r)
        par._p.append(fs)

    # -- tables
    def table(self, rows: int, widths: list[float], container: Any = None, borders: bool = False) -> Any:
        container = container if container is not None else self.doc
        t = container.add_table(rows=rows, cols=len(widths)) if container is self.doc else \
            container.add_table(rows, len(widths), self.Cm(sum(widths)))
        t.autofit = False
        t.alignment = self.TA.LEFT
        tblpr = t._tbl.tblPr
        lay = self.OX("w:tblLayout")
        lay.set(self.qn("w:type"), "fixed")
        tblpr.append(lay)
        if not borders:
            b = self.OX("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                el = self.OX(f"w:{side}")
                el.set(self.qn("w:val"), "nil")
                b.append(el)
            tblpr.append(b)
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = self.Cm(w)
        for i, w in enumerate(widths):
            t.columns[i].width = self.Cm(w)
        return t

    def shade(self, cell: Any, fill: str) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        sh = self.OX("w:shd")
        sh.set(self.qn("w:val"), "clear")
        sh.set(self.qn("w:color"), "auto")
        sh.set(self.qn("w:fill"), fill)
        tcpr.append(sh)

    def cell_border(self, cell: Any, side: str, color: str = "000000", sz: int = 6) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        b = tcpr.find(self.qn("w:tcBorders"))
        if b is None:
            b = self.OX("w:tcBorders")
            tcpr.append(b)
        el = self.OX(f"w:{side}")
        for k, v in (("val", "single"), ("sz", str(sz)), ("space", "0"), ("color", color)):
            el.set(self.qn(f"w:{k}"), v)
        b.append(el)

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return fixed_zip(buf.getvalue())


EP_LABELS["it"] = dict(
    cv="Curriculum Vitae", personal="INFORMAZIONI PERSONALI", work="ESPERIENZA PROFESSIONALE",
    edu="ISTRUZIONE E FORMAZIONE", skills="COMPETENZE PERSONALI", mother="Lingua madre",
    other="Altre lingue", digital="Competenze digitali", sex="Sesso", birth="Data di nascita",
    nat="Nazionalità", statement="POSIZIONE RICOPERTA", sector="Attività o settore",
    understanding="COMPRENSIONE", speaking="PARLATO", writing="PRODUZIONE SCRITTA", listening="Ascolto",
    reading="Lettura", interaction="Interazione", production="Produzione orale",
    footer="© Unione europea, 2002-2015 | europass.cedefop.europa.eu")

EP_BLUE, EP_GREY = "1593CB", "3F3A38"


def europass_docx(cv: dict[str, Any]) -> bytes:
    """The Europass 2013 Word template: header with logo and name, one borderless two-column table."""
    L = EP_LABELS[cv["lang"]]
    w = W(cv, "Arial", 9, (1.6, 1.2, 1.6, 1.0))
    sec = w.doc.sections[0]
    ht = w.table(1, [5.6, 13.2], container=sec.header, borders=False)
    w.p(ht.rows[0].cells[0], "europass", first=True, align="right", bold=True, italic=True, size=16, color="0E4194")
    w.p(ht.rows[0].cells[1], [(L["cv"], dict(size=10, color=EP_BLUE)), ("\t" + cv["name"], dict(size=10))],
        first=True, tabs=[(4.0, "left")])
    fp = w.p(sec.footer, first=True, runs=[(L["footer"] + "\t", dict(size=7, color="888888"))],
             tabs=[(18.8, "right")])
    w.run(fp, "Pagina ", size=7)
    w.field(fp, "PAGE", size=7)
    w.run(fp, " / ", size=7)
    w.field(fp, "NUMPAGES", size=7)

    rows: list[tuple[str, Any, bool]] = []

    def row(label: str, content: Any, sec_: bool = False) -> None:
        rows.append((label, content, sec_))

    row(L["personal"], [[(cv["name"], dict(size=13))]], True)
    row("", [[("⌂ ", dict(color=EP_BLUE)), (cv["address"], {})]])
    row("", [[("✆ ", dict(color=EP_BLUE)), (cv["phone"], {})]])
    row("", [[("✉ ", dict(color=EP_BLUE)), (cv["email"], dict(link="mailto:" + cv["email"]))]])
    row("", [[(f"{L['sex']} ", dict(color=EP_BLUE)), (cv["sex"] + " | ", {}),
              (f"{L['birth']} ", dict(color=EP_BLUE)), (cv["birth"] + " | ", {}),
              (f"{L['nat']} ", dict(color=EP_BLUE)), (cv["nationality"], {})]])
    row(L["statement"], [[(cv["label"], dict(size=13))]], True)
    row(L["work"], None, True)
    sectors = ["Servizi informatici", "Giochi e scommesse", "Istruzione e ricerca"]
    for i, job in enumerate(cv["work"]):
        row(fmt_range(job, cv), [[(job["position"], dict(size=11, color=EP_BLUE))],
                                 [(f"{job['name']}, {job['location']}", {})]] +
            [[("• " + h, {})] for h in job["highlights"]] +
            [[(L["sector"] + " ", dict(color=EP_BLUE)), (sectors[i % 3], {})]])
    row(L["edu"], None, True)
    for ed in cv["education"]:
        row(fmt_range(ed, cv), [[(ed["text"], dict(size=11, color=EP_BLUE))], [(ed["institution"], {})]])
    row(L["skills"], None, True)
    row(L["mother"], [[(cv["languages"][0][0], {})]])
    row(L["other"], [[(f"{a}  ", dict(bold=True)), (f"{b} / {b} / {b} / {b} / {b}", {})]
                     for a, b in cv["languages"][1:]])
    row(L["digital"], [[(", ".join(skill_list(cv)), {})]])
    t = w.table(len(rows), [5.6, 13.2])
    for r, (label, content, is_sec) in zip(t.rows, rows, strict=True):
        w.p(r.cells[0], label, first=True, align="right", size=8 if is_sec else 8.5,
            color="0E4194" if is_sec else EP_BLUE, after=3)
        if content is None:
            par = w.p(r.cells[1], "", first=True, after=3)
            w.border(par, "bottom", EP_BLUE, 8)
            continue
        for j, line in enumerate(content):
            w.p(r.cells[1], line, first=(j == 0), after=3 if j == len(content) - 1 else 1)
    return w.save()


def europass_rows_docx(cv: dict[str, Any]) -> bytes:
    """The pre-2013 Europass Word template: one fact per labelled row, a rule after the label column."""
    L = EP_ROW_LABELS[cv["lang"]]
    w = W(cv, "Arial Narrow", 10, (1.5, 1.5, 1.5, 1.2))
    rows: list[tuple[str, str, str]] = [
        (L["title"].replace("\n", " "), "", "logo"), (L["personal"], "", "sec"), (L["name"], cv["name"], "big"),
        (L["address"], cv["address"], ""), (L["phone"], cv["phone"], ""), (L["email"], cv["email"], ""),
        (L["nat"], cv["nationality"], ""), (L["birth"], cv["birth"], ""), ("", "", ""), (L["work"], "", "sec")]
    for i, job in enumerate(cv["work"]):
        rows += [(L["dates"], fmt_range(job, cv), ""), (L["pos"], job["position"], "b"),
                 (L["duties"], "; ".join(job["highlights"]), ""),
                 (L["employer"], f"{job['name']}, {job['location']}", ""),
                 (L["sector"], L["sectors"][i % len(L["sectors"])], ""), ("", "", "")]
    rows.append((L["edu"], "", "sec"))
    for ed in cv["education"]:
        rows += [(L["dates"], fmt_range(ed, cv), ""), (L["qual"], ed["text"], "b"), (L["org"], ed["institution"], ""),
                 ("", "", "")]
    rows += [(L["skills"], "", "sec"), (L["mother"], cv["languages"][0][0], ""),
             (L["other"], ", ".join(f"{a} ({b})" for a, b in cv["languages"][1:]), ""),
             (L["computer"], ", ".join(skill_list(cv)), "")]
    t = w.table(len(rows), [6.2, 12.1])
    for r, (label, val, kind) in zip(t.rows, rows, strict=True):
        size = {"big": 12, "sec": 11, "logo": 13}.get(kind, 9.5)
        w.p(r.cells[0], label, first=True, align="right", size=size, bold=kind in ("big", "sec", "logo"),
            italic=kind == "logo", before=6 if kind == "sec" else 0)
        w.cell_border(r.cells[0], "right")
        w.p(r.cells[1], val, first=True, size=12 if kind == "big" else 10, bold=kind in ("big", "b"),
            before=6 if kind == "sec" else 0)
    return w.save()


DE_SIG = "Hamburg, 15.01.2024"


def word_table_de(cv: dict[str, Any]) -> bytes:
    """German "tabellarischer Lebenslauf": a title, personal data and every entry in two-column tables
    (dates left), a signature line at the end."""
    w = W(cv, "Calibri", 10.5, (2.0, 2.0, 2.0, 2.5), heading_font="Calibri")
    w.p(None, "Lebenslauf", style="Title", first=False, size=24, color="1F3864")
    sec = w.doc.sections[0]
    w.p(sec.footer, f"{cv['name']} – Lebenslauf", first=True, align="center", size=8, color="7F7F7F")

    def heading(text: str) -> None:
        par = w.p(None, text, bold=True, size=12.5, color="1F3864", before=12, after=4)
        w.border(par, "bottom", "1F3864", 8)

    heading("Persönliche Daten")
    pers = [("Name", cv["name"]), ("Anschrift", cv["address"]), ("Telefon", cv["phone"]),
            ("E-Mail", cv["email"]), ("GitHub", shown(cv["urls"][0])),
            ("Geburtsdatum", f"{cv['birth']} in {cv['birthplace']}"), ("Staatsangehörigkeit", cv["nationality"]),
            ("Familienstand", cv["family_status"])]
    t = w.table(len(pers), [4.5, 12.0])
    for r, (a, b) in zip(t.rows, pers, strict=True):
        w.p(r.cells[0], a, first=True, after=2)
        w.p(r.cells[1], b, first=True, after=2)

    heading("Beruflicher Werdegang")
    t = w.table(len(cv["work"]), [4.5, 12.0])
    for r, job in zip(t.rows, cv["work"], strict=True):
        w.p(r.cells[0], fmt_range(job, cv), first=True)
        w.p(r.cells[1], job["position"], first=True, bold=True)
        w.p(r.cells[1], f"{job['name']}, {job['location']}", after=1)
        for h in job["highlights"]:
            w.bullet(r.cells[1], h)
        w.p(r.cells[1], "", after=4)
    heading("Ausbildung")
    t = w.table(len(cv["education"]), [4.5, 12.0])
    for r, ed in zip(t.rows, cv["education"], strict=True):
        w.p(r.cells[0], fmt_range(ed, cv), first=True)
        w.p(r.cells[1], ed["institution"], first=True, bold=True)
        w.p(r.cells[1], ed["text"], after=6)
    heading("Kenntnisse")
    items = [(n, ", ".join(k)) for n, k in cv["skills"]]
    items.append(("Sprachen", ", ".join(f"{a} ({b})" for a, b in cv["languages"])))
    t = w.table(len(items), [4.5, 12.0])
    for r, (a, b) in zip(t.rows, items, strict=True):
        w.p(r.cells[0], a, first=True, after=3)
        w.p(r.cells[1], b, first=True, after=3)
    w.p(None, DE_SIG, before=24)
    w.p(None, cv["name"], italic=True, before=18)
    return w.save()


def word_tabs_fr(cv: dict[str, Any]) -> bytes:
    """Word résumé: name and contact in the page header, headings with a rule, one line per entry with
    the dates right-aligned on a tab stop, the page number in the footer."""
    w = W(cv, "Cambria", 10.5, (3.2, 2.0, 2.0, 2.0), heading_font="Cambria")
    sec = w.doc.sections[0]
    w.p(sec.header, cv["name"].upper(), first=True, bold=True, size=16, spacing=2, align="center")
    hp = w.p(sec.header, [(f"{cv['address']}  •  {cv['phone']}  •  ", dict(size=9)),
                          (cv["email"], dict(size=9, link="mailto:" + cv["email"]))], align="center")
    w.border(hp, "bottom", "7F7F7F", 4, 4)
    fp = w.p(sec.footer, "", first=True, align="right")
    w.field(fp, "PAGE", size=8)
    w.p(None, cv["label"], align="center", size=13, bold=True, color="2E5597", after=2)
    w.p(None, [(shown(cv["urls"][0]), dict(link=cv["urls"][0], size=9)), ("   |   ", dict(size=9)),
               (shown(cv["urls"][1]), dict(link=cv["urls"][1], size=9))], align="center", after=6)
    w.p(None, cv["summary"], italic=True, align="center", after=6)

    def heading(text: str) -> None:
        par = w.p(None, text.upper(), style="Heading 1", size=11.5, color="2E5597", before=10, after=4, spacing=1)
        w.border(par, "bottom", "2E5597", 6)

    heading(HEAD["fr"]["work"])
    for job in cv["work"]:
        w.p(None, [(job["name"], dict(bold=True)), (f" – {job['position']}, {job['location']}", {}),
                   ("\t" + fmt_range(job, cv), dict(italic=True))], tabs=[(16.8, "right")], before=4)
        for h in job["highlights"]:
            w.bullet(None, h)
    heading(HEAD["fr"]["education"])
    for ed in cv["education"]:
        w.p(None, [(ed["text"], dict(bold=True)), ("\t" + fmt_range(ed, cv), dict(italic=True))],
            tabs=[(16.8, "right")], before=4)
        w.p(None, ed["institution"])
    heading(HEAD["fr"]["skills"])
    for name, kws in cv["skills"]:
        w.p(None, [(f"{name} : ", dict(bold=True)), (", ".join(kws), {})], after=2)
    heading(HEAD["fr"]["languages"])
    w.p(None, " ; ".join(f"{a} ({b})" for a, b in cv["languages"]))
    heading("Centres d'intérêt")
    w.p(None, "Trail, photographie argentique, bénévolat au Fablab de Nantes")
    return w.save()


def gdocs_swiss(cv: dict[str, Any]) -> bytes:
    """Google Docs "Swiss"-like export: Title/Subtitle styles, contact block, Heading 1 sections,
    'Company, City — Position' in Heading 2 and the dates in a Heading 3 line of grey capitals."""
    w = W(cv, "Arial", 10, (1.9, 1.9, 1.9, 1.9), heading_font="Arial")
    w.p(None, cv["email"], size=9, color="666666", after=0)
    w.p(None, cv["phone"], size=9, color="666666", after=0)
    w.p(None, cv["address"], size=9, color="666666", after=14)
    w.p(None, cv["name"], style="Title", size=26, bold=True, color="000000", after=2)
    w.p(None, cv["label"], style="Subtitle", size=12, color="FF5E0E", after=10)
    w.p(None, cv["summary"], after=8)

    def heading(text: str) -> None:
        w.p(None, text, style="Heading 1", size=11, bold=True, color="FF5E0E", before=14, after=4)

    heading(HEAD["nl"]["work"])
    for job in cv["work"]:
        w.p(None, [(job["name"], dict(bold=True)), (f", {job['location']} — ", {}), (job["position"], dict(italic=True))],
            style="Heading 2", size=11, color="000000", before=10, after=0)
        w.p(None, fmt_range(job, cv), style="Heading 3", size=8, color="666666", before=4, after=2)
        for h in job["highlights"]:
            w.p(None, h, after=1)
    heading(HEAD["nl"]["education"])
    for ed in cv["education"]:
        w.p(None, [(ed["institution"], dict(bold=True)), (" — ", {}), (ed["text"], dict(italic=True))],
            style="Heading 2", size=11, color="000000", before=10, after=0)
        w.p(None, fmt_range(ed, cv), style="Heading 3", size=8, color="666666", before=4, after=2)
    heading(HEAD["nl"]["skills"])
    for k in skill_list(cv):
        w.bullet(None, k)
    heading(HEAD["nl"]["languages"])
    w.p(None, ", ".join(f"{a} ({b})" for a, b in cv["languages"]))
    return w.save()


RODO = ("Wyrażam zgodę na przetwarzanie moich danych osobowych dla potrzeb niezbędnych do realizacji procesu "
        "rekrutacji zgodnie z Rozporządzeniem Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia "
        "2016 r. (RODO).")


def word_header_footer_pl(cv: dict[str, Any]) -> bytes:
    """Polish CV: name, title and contact line in the page header, the consent clause in the footer;
    entries start with the dates, then a tab and the employer."""
    w = W(cv, "Calibri", 10.5, (3.6, 2.0, 3.0, 2.0))
    sec = w.doc.sections[0]
    w.p(sec.header, cv["name"], first=True, bold=True, size=20, color="C00000")
    w.p(sec.header, cv["label"], size=11, color="404040")
    hp = w.p(sec.header, f"tel. {cv['phone']}  |  e-mail: {cv['email']}  |  {cv['address']}", size=9, after=4)
    w.border(hp, "bottom", "C00000", 8, 4)
    w.p(sec.footer, RODO, first=True, size=7, color="7F7F7F", align="justify")

    def heading(text: str) -> None:
        w.p(None, text.upper(), bold=True, size=12, color="C00000", before=12, after=4)

    heading(HEAD["pl"]["work"])
    for job in cv["work"]:
        w.p(None, [(fmt_range(job, cv), {}), ("\t" + job["name"] + ", " + job["location"], dict(bold=True))],
            tabs=[(5.0, "left")], before=6)
        w.p(None, job["position"], italic=True, indent=5.0)
        for h in job["highlights"]:
            par = w.bullet(None, h)
            par.paragraph_format.left_indent = w.Cm(5.6)
    heading(HEAD["pl"]["education"])
    for ed in cv["education"]:
        w.p(None, [(fmt_range(ed, cv), {}), ("\t" + ed["institution"], dict(bold=True))], tabs=[(5.0, "left")],
            before=6)
        w.p(None, ed["text"], indent=5.0)
    heading(HEAD["pl"]["skills"])
    w.p(None, ", ".join(skill_list(cv)))
    heading(HEAD["pl"]["languages"])
    for a, b in cv["languages"]:
        w.p(None, f"{a} – poziom {b}")
    heading("Zainteresowania")
    w.p(None, "żeglarstwo, historia Gdańska, kolarstwo")
    return w.save()


GDPR_IT = ("Autorizzo il trattamento dei dati personali contenuti nel mio curriculum vitae in base al D. Lgs. "
           "196/2003 e al Regolamento UE 2016/679.")


def word_header_table_it(cv: dict[str, Any]) -> bytes:
    """Italian Word CV: a shaded two-cell table as page top (name | contacts), entries in a table with
    the dates and place on the left, the privacy consent at the end."""
    w = W(cv, "Garamond", 11, (1.5, 1.8, 1.8, 1.8), heading_font="Garamond")
    top = w.table(1, [10.4, 7.0])
    c0, c1 = top.rows[0].cells
    w.shade(c0, "DCE6F0")
    w.shade(c1, "DCE6F0")
    w.p(c0, cv["name"], first=True, bold=True, size=22, color="17365D")
    w.p(c0, cv["label"], size=13, color="17365D", after=4)
    w.p(c1, cv["phone"], first=True, align="right", size=10)
    w.p(c1, cv["email"], align="right", size=10)
    w.p(c1, cv["address"], align="right", size=10, after=4)
    w.p(None, cv["summary"], before=8, after=4, italic=True)

    def heading(text: str) -> None:
        par = w.p(None, text.upper(), bold=True, size=11, color="17365D", before=10, after=4, spacing=1.5)
        w.border(par, "bottom", "17365D", 6)

    heading(HEAD["it"]["work"])
    t = w.table(len(cv["work"]), [4.2, 13.2])
    for r, job in zip(t.rows, cv["work"], strict=True):
        w.p(r.cells[0], fmt_range(job, cv), first=True, size=10)
        w.p(r.cells[0], job["location"], size=10, italic=True)
        w.p(r.cells[1], job["position"], first=True, bold=True)
        w.p(r.cells[1], job["name"], italic=True)
        for h in job["highlights"]:
            w.bullet(r.cells[1], h)
        w.p(r.cells[1], "", after=4)
    heading(HEAD["it"]["education"])
    t = w.table(len(cv["education"]), [4.2, 13.2])
    for r, ed in zip(t.rows, cv["education"], strict=True):
        w.p(r.cells[0], fmt_range(ed, cv), first=True, size=10)
        w.p(r.cells[1], ed["text"], first=True, bold=True)
        w.p(r.cells[1], ed["institution"], italic=True, after=6)
    heading("Competenze informatiche")
    w.p(None, ", ".join(skill_list(cv)))
    heading(HEAD["it"]["languages"])
    w.p(None, "; ".join(f"{a}: {b}" for a, b in cv["languages"]))
    w.p(None, GDPR_IT, size=8.5, before=18, italic=True)
    return w.save()


def gdocs_coral(cv: dict[str, Any]) -> bytes:
    """Google Docs "Coral"-like: contact lines in the page header, name in Title style, position lines
    with the dates on a right tab stop and the employer below in italics."""
    w = W(cv, "Lato", 10.5, (1.5, 2.0, 1.5, 2.0), heading_font="Lato")
    sec = w.doc.sections[0]
    w.p(sec.header, f"{cv['address']}  ·  {cv['phone']}  ·  {cv['email']}", first=True, align="right", size=9,
        color="666666")
    w.p(None, cv["name"], style="Title", size=28, color="000000", after=2)
    w.p(None, cv["label"], style="Subtitle", size=13, color="E5644E", after=10)
    w.p(None, cv["summary"], after=6)

    def heading(text: str) -> None:
        w.p(None, text.upper(), style="Heading 1", size=10.5, bold=True, color="E5644E", before=16, after=6, spacing=1)

    heading("Experience")
    for job in cv["work"]:
        w.p(None, [(job["position"], dict(bold=True)), ("\t" + fmt_range(job, cv), dict(size=9, color="666666"))],
            tabs=[(17.0, "right")], before=6)
        w.p(None, f"{job['name']}, {job['location']}", italic=True, after=2)
        for h in job["highlights"]:
            w.bullet(None, h)
    heading("Education")
    for ed in cv["education"]:
        w.p(None, [(ed["text"], dict(bold=True)), ("\t" + fmt_range(ed, cv), dict(size=9, color="666666"))],
            tabs=[(17.0, "right")], before=6)
        w.p(None, ed["institution"], italic=True)
    heading("Certifications & Skills")
    w.p(None, " • ".join(skill_list(cv)))
    heading("Languages")
    w.p(None, "Fluent in " + " and ".join(a for a, _ in cv["languages"]) + ".")
    return w.save()


DOCX_LAYOUTS = {
    "europass_docx": europass_docx, "europass_rows_docx": europass_rows_docx, "word_table_de": word_table_de,
    "word_tabs_fr": word_tabs_fr, "gdocs_swiss": gdocs_swiss, "word_header_footer_pl": word_header_footer_pl,
    "word_header_table_it": word_header_table_it, "gdocs_coral": gdocs_coral,
}


# ============================================================================= LaTeX (pdflatex)
def tex(s: str) -> str:
    out = s.replace("\\", r"\textbackslash{}")
    for a, b in (("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_"), ("{", r"\{"),
                 ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}"), ("–", "--"),
                 ("€", r"\euro{}"), ("·", r"\textperiodcentered{}")):
        out = out.replace(a, b)
    return out


def texdate(s: str) -> str:
    return tex(s).replace(" -- ", " -- ")


BABEL = {"en": "english", "de": "ngerman", "fr": "french", "es": "spanish,es-noshorthands", "pt": "portuguese",
         "it": "italian", "nl": "dutch", "pl": "polish"}


def _moderncv(cv: dict[str, Any], style: str, color: str) -> str:
    """moderncv as most people use it: T1 + inputenc, pdflatex, no \\pdfgentounicode (so the PDF has
    no ToUnicode maps for the T1 fonts); the documented 'nosymbols' option (letters instead of
    fontawesome icons, which are not installed here)."""
    h = HEAD[cv["lang"]]
    first, last = cv["name"].split(" ", 1)
    lines = [
        r"\documentclass[11pt,a4paper,sans]{moderncv}",
        rf"\moderncvstyle[nosymbols]{{{style}}}",
        rf"\moderncvcolor{{{color}}}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage[T1]{fontenc}",
        r"\usepackage{lmodern}" if style != "banking" else "",
        r"\usepackage[scale=0.77]{geometry}",
        r"\setlength{\hintscolumnwidth}{3.2cm}" if style == "classic" else "",
        rf"\name{{{tex(first)}}}{{{tex(last)}}}",
        rf"\title{{{tex(cv['label'])}}}",
        rf"\address{{{tex(cv['address'])}}}{{}}{{}}",
        rf"\phone[mobile]{{{tex(cv['phone'])}}}",
        rf"\email{{{tex(cv['email'])}}}",
    ]
    for u in cv["urls"]:
        host = shown(u).split("/")[0]
        if host == "github.com":
            lines.append(rf"\social[github]{{{tex(u.rsplit('/', 1)[1])}}}")
        elif host == "linkedin.com":
            lines.append(rf"\social[linkedin]{{{tex(u.rsplit('/', 1)[1])}}}")
        else:
            lines.append(rf"\homepage{{{tex(shown(u))}}}")
    lines.append(rf"\usepackage[{BABEL[cv['lang']]}]{{babel}}")  # after \phone: Spanish shorthands break it
    lines += [r"\begin{document}", r"\makecvtitle", rf"\section{{{tex(h['work'])}}}"]
    for job in cv["work"]:
        items = "".join(rf"\item {tex(x)}" + "\n" for x in job["highlights"])
        desc = rf"\begin{{itemize}}{items}\end{{itemize}}" if items else ""
        lines.append(rf"\cventry{{{texdate(fmt_range(job, cv))}}}{{{tex(job['position'])}}}{{{tex(job['name'])}}}"
                     rf"{{{tex(job['location'])}}}{{}}{{{desc}}}")
    lines.append(rf"\section{{{tex(h['education'])}}}")
    for ed in cv["education"]:
        lines.append(rf"\cventry{{{texdate(fmt_range(ed, cv))}}}{{{tex(ed['text'])}}}{{{tex(ed['institution'])}}}"
                     rf"{{{tex(ed['location'])}}}{{}}{{}}")
    lines.append(rf"\section{{{tex(h['skills'])}}}")
    for name, kws in cv["skills"]:
        lines.append(rf"\cvitem{{{tex(name or '')}}}{{{tex(', '.join(kws))}}}")
    lines.append(rf"\section{{{tex(h['languages'])}}}")
    for a, b in cv["languages"]:
        lines.append(rf"\cvitemwithcomment{{{tex(a)}}}{{{tex(b)}}}{{}}")
    lines.append(r"\end{document}")
    return "\n".join(x for x in lines if x) + "\n"


def moderncv_classic(cv: dict[str, Any]) -> str:
    return _moderncv(cv, "classic", "blue" if cv["lang"] == "de" else "green")


def moderncv_banking(cv: dict[str, Any]) -> str:
    return _moderncv(cv, "banking", "burgundy")


def moderncv_casual(cv: dict[str, Any]) -> str:
    return _moderncv(cv, "casual", "orange")


JAKE_PREAMBLE = r"""\documentclass[letterpaper,11pt]{article}
\usepackage{latexsym}
\usepackage[empty]{fullpage}
\usepackage{titlesec}
\usepackage{marvosym}
\usepackage[usenames,dvipsnames]{color}
\usepackage{verbatim}
\usepackage{enumitem}
\usepackage[hidelinks]{hyperref}
\usepackage{fancyhdr}
\usepackage[english]{babel}
\usepackage{tabularx}
\input{glyphtounicode}
\pagestyle{fancy}
\fancyhf{}
\fancyfoot{}
\renewcommand{\headrulewidth}{0pt}
\renewcommand{\footrulewidth}{0pt}
\addtolength{\oddsidemargin}{-0.5in}
\addtolength{\evensidemargin}{-0.5in}
\addtolength{\textwidth}{1in}
\addtolength{\topmargin}{-.5in}
\addtolength{\textheight}{1.0in}
\urlstyle{same}
\raggedbottom
\raggedright
\setlength{\tabcolsep}{0in}
\titleformat{\section}{\vspace{-4pt}\scshape\raggedright\large}{}{0em}{}[\color{black}\titlerule \vspace{-5pt}]
\pdfgentounicode=1
\newcommand{\resumeItem}[1]{\item\small{{#1 \vspace{-2pt}}}}
\newcommand{\resumeSubheading}[4]{
  \vspace{-2pt}\item
    \begin{tabular*}{0.97\textwidth}[t]{l@{\extracolsep{\fill}}r}
      \textbf{#1} & #2 \\
      \textit{\small#3} & \textit{\small #4} \\
    \end{tabular*}\vspace{-7pt}
}
\renewcommand\labelitemii{$\vcenter{\hbox{\tiny$\bullet$}}$}
\newcommand{\resumeSubHeadingListStart}{\begin{itemize}[leftmargin=0.15in, label={}]}
\newcommand{\resumeSubHeadingListEnd}{\end{itemize}}
\newcommand{\resumeItemListStart}{\begin{itemize}}
\newcommand{\resumeItemListEnd}{\end{itemize}\vspace{-5pt}}
"""


def latex_jake(cv: dict[str, Any]) -> str:
    """"Jake's resume" (the most forked Overleaf CV): centred small-caps name, education first,
    bold title + right date, italic company + right location; glyphtounicode on."""
    links = " $|$ ".join(rf"\href{{{u}}}{{\underline{{{tex(shown(u))}}}}}" for u in cv["urls"])
    out = [JAKE_PREAMBLE, r"\begin{document}", r"\begin{center}",
           rf"    \textbf{{\Huge \scshape {tex(cv['name'])}}} \\ \vspace{{1pt}}",
           rf"    \small {tex(cv['address'])} $|$ {tex(cv['phone'])} $|$ "
           rf"\href{{mailto:{cv['email']}}}{{\underline{{{tex(cv['email'])}}}}} $|$ {links}",
           r"\end{center}", r"\section{Education}", r"  \resumeSubHeadingListStart"]
    for ed in cv["education"]:
        out.append(rf"    \resumeSubheading{{{tex(ed['institution'])}}}{{{tex(ed['location'])}}}"
                   rf"{{{tex(ed['text'])}}}{{{texdate(fmt_range(ed, cv))}}}")
    out += [r"  \resumeSubHeadingListEnd", r"\section{Experience}", r"  \resumeSubHeadingListStart"]
    for job in cv["work"]:
        out.append(rf"    \resumeSubheading{{{tex(job['position'])}}}{{{texdate(fmt_range(job, cv))}}}"
                   rf"{{{tex(job['name'])}}}{{{tex(job['location'])}}}")
        out.append(r"      \resumeItemListStart")
        out += [rf"        \resumeItem{{{tex(x)}}}" for x in job["highlights"]]
        out.append(r"      \resumeItemListEnd")
    out += [r"  \resumeSubHeadingListEnd", r"\section{Technical Skills}",
            r" \begin{itemize}[leftmargin=0.15in, label={}]", r"    \small{\item{"]
    out += [rf"     \textbf{{{tex(n)}}}{{: {tex(', '.join(k))}}} \\" for n, k in cv["skills"]]
    out += [r"    }}", r" \end{itemize}", r"\end{document}"]
    return "\n".join(out) + "\n"


def latex_dates_left(cv: dict[str, Any]) -> str:
    """A hand-written article CV (lmodern, T1, glyphtounicode): name and contact in two minipages,
    small-caps section titles over a rule, every entry a tabularx row with the dates on the left."""
    h = HEAD[cv["lang"]]
    out = [r"\documentclass[10pt,a4paper]{article}", r"\usepackage[utf8]{inputenc}", r"\usepackage[T1]{fontenc}",
           r"\usepackage{lmodern}", rf"\usepackage[{BABEL[cv['lang']]}]{{babel}}",
           r"\usepackage[margin=1.8cm]{geometry}", r"\usepackage{tabularx}", r"\usepackage[table]{xcolor}",
           r"\usepackage[hidelinks]{hyperref}", r"\input{glyphtounicode}", r"\pdfgentounicode=1",
           r"\pagestyle{empty}", r"\setlength{\parindent}{0pt}", r"\definecolor{ak}{RGB}{0,102,153}",
           r"\newcommand{\sekcja}[1]{\vspace{10pt}{\large\color{ak}\textsc{#1}}\par\vspace{2pt}"
           r"{\color{ak}\hrule}\vspace{6pt}}",
           r"\newcommand{\wpis}[3]{\begin{tabularx}{\textwidth}{@{}p{2.8cm}X@{}}\textbf{#1} & #2\\"
           r" & #3\end{tabularx}\par\vspace{5pt}}",
           r"\begin{document}",
           r"\begin{minipage}[t]{0.55\textwidth}" + rf"{{\Huge\bfseries {tex(cv['name'])}}}\\[4pt]"
           rf"{{\Large {tex(cv['label'])}}}" + r"\end{minipage}\hfill",
           r"\begin{minipage}[t]{0.4\textwidth}\raggedleft\small " +
           rf"{tex(cv['address'])}\\ tel. {tex(cv['phone'])}\\ \href{{mailto:{cv['email']}}}{{{tex(cv['email'])}}}\\ "
           rf"\href{{{cv['urls'][0]}}}{{{tex(shown(cv['urls'][0]))}}}" + r"\end{minipage}",
           r"\vspace{6pt}", rf"\sekcja{{{tex(h['work'])}}}"]
    for job in cv["work"]:
        hl = r"\newline ".join(r"-- " + tex(x) for x in job["highlights"])
        out.append(rf"\wpis{{{texdate(fmt_range(job, cv))}}}{{\textbf{{{tex(job['position'])}}}, "
                   rf"{tex(job['name'])}, {tex(job['location'])}}}{{{hl}}}")
    out.append(rf"\sekcja{{{tex(h['education'])}}}")
    for ed in cv["education"]:
        out.append(rf"\wpis{{{texdate(fmt_range(ed, cv))}}}{{\textbf{{{tex(ed['institution'])}}}}}"
                   rf"{{{tex(ed['text'])}}}")
    out.append(rf"\sekcja{{{tex(h['skills'])}}}")
    out.append(tex(", ".join(skill_list(cv))) + r"\par")
    out.append(rf"\sekcja{{{tex(h['languages'])}}}")
    out.append(r"\\".join(f"{tex(a)} -- {tex(b)}" for a, b in cv["languages"]) + r"\par")
    out.append(r"\sekcja{Zainteresowania}")
    out.append(r"Wspinaczka, elektronika DIY, kolej wąskotorowa\par")
    out.append(r"\vfill{\footnotesize\color{gray} " + tex(RODO) + r"\par}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


TEX_LAYOUTS = {"moderncv_classic": moderncv_classic, "moderncv_banking": moderncv_banking,
               "moderncv_casual": moderncv_casual, "latex_jake": latex_jake, "latex_dates_left": latex_dates_left}


def pdflatex(source: str, out: Path, tmp: Path) -> None:
    work = tmp / out.stem
    work.mkdir(parents=True, exist_ok=True)
    (work / "cv.tex").write_text(source, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH), FORCE_SOURCE_DATE="1")
    for _ in range(2):
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"], cwd=work, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180)
        if r.returncode != 0:
            sys.exit(f"pdflatex failed for {out.name}:\n" + r.stdout.decode("utf-8", "replace")[-3000:])
    out.write_bytes(scrub_pdf((work / "cv.pdf").read_bytes()))


# ============================================================================= driver
def soffice_pdf(docx_files: list[Path], tmp: Path) -> None:
    """Export DOCX files to PDF with LibreOffice (one call), next to them."""
    if not docx_files:
        return
    outdir = tmp / "soffice"
    outdir.mkdir(exist_ok=True)
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, docx_files)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=600)
    for d in docx_files:
        pdf = outdir / (d.stem + ".pdf")
        (d.parent / pdf.name).write_bytes(scrub_pdf(pdf.read_bytes()))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated ids to (re)build, e.g. 007,013")
    ap.add_argument("--keep-sources", help="also write the HTML/LaTeX sources into this folder")
    a = ap.parse_args(argv)
    only = set(a.only.split(",")) if a.only else None
    DOCS.mkdir(exist_ok=True)
    TRUTH.mkdir(exist_ok=True)
    manifest_path = DOCS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {"docs": {}}
    manifest["about"] = ("Built by tests/parsers/layouts/build.py. 'renderer' is the layout family; 'layout' the "
                         "design; truth/NNN.json holds only what the document shows, so nothing is masked.")
    with tempfile.TemporaryDirectory(prefix="htdy-layouts-") as t:
        tmp = Path(t)
        to_convert: list[Path] = []
        for cv in CVS:
            if only and cv["id"] not in only:
                continue
            stem = f"{cv['id']}-{cv['family']}-{cv['lang']}"
            for old in DOCS.glob(f"{cv['id']}-*"):
                old.unlink()
            layout = cv["layout"]
            if layout in HTML_LAYOUTS:
                page = HTML_LAYOUTS[layout](cv)
                chromium_pdf(page, DOCS / f"{stem}.pdf", tmp)
                src, names = page, [f"{stem}.pdf"]
            elif layout in DOCX_LAYOUTS:
                (DOCS / f"{stem}.docx").write_bytes(DOCX_LAYOUTS[layout](cv))
                to_convert.append(DOCS / f"{stem}.docx")
                src, names = None, [f"{stem}.docx", f"{stem}.pdf"]
            else:
                src = TEX_LAYOUTS[layout](cv)
                pdflatex(src, DOCS / f"{stem}.pdf", tmp)
                names = [f"{stem}.pdf"]
            if a.keep_sources and src:
                Path(a.keep_sources).mkdir(parents=True, exist_ok=True)
                ext = ".html" if layout in HTML_LAYOUTS else ".tex"
                (Path(a.keep_sources) / (stem + ext)).write_text(src, encoding="utf-8")
            for k in [k for k in manifest["docs"] if k.startswith(cv["id"] + "-")]:
                del manifest["docs"][k]
            for n in names:
                manifest["docs"][n] = {"truth": cv["id"], "renderer": cv["family"], "layout": layout,
                                       "language": cv["lang"], "format": n.rsplit(".", 1)[1],
                                       "tool": {"pdf": "chromium" if layout in HTML_LAYOUTS else
                                                ("soffice" if layout in DOCX_LAYOUTS else "pdflatex"),
                                                "docx": "python-docx"}[n.rsplit(".", 1)[1]]}
            (TRUTH / f"{cv['id']}.json").write_text(json.dumps(truth_of(cv), indent=1, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
            print(f"built {stem} ({layout})", file=sys.stderr)
        soffice_pdf(to_convert, tmp)
    manifest["docs"] = dict(sorted(manifest["docs"].items()))
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
