#!/usr/bin/env python3
"""Build the unseen-theme set: the visible corpus people rendered with themes the corpus does not use.

The visible corpus (../shared/cv-corpus) was made with RenderCV (classic, sb2nov, engineeringresumes),
`resumed` + JSON Resume npm themes (even, elegant, macchiato, flat) printed by headless Chromium, and
that HTML converted to DOCX by pandoc / LibreOffice.  This script renders the same truth files with
*other* themes of the same tools, so the parser's generalisation to unseen layouts can be measured:

- resumed 6.1.0 + npm themes stackoverflow, class, onepage, spartacus, short, paper, kendall, actual
  (HTML -> PDF with Debian's /usr/bin/chromium);
- RenderCV 2.3 themes moderncv and engineeringclassic (Typst; JSON Resume -> RenderCV YAML below,
  localised month names and section titles for non-English CVs, as the corpus does);
- pandoc 3.9 and LibreOffice 7.4 DOCX from the stackoverflow / onepage / short / spartacus HTML.

Usage (tools live outside the repository; `--setup` installs them there):

    .venv/bin/python tests/parsers/themes/build.py --setup          # once: npm themes + rendercv venv in /tmp
    .venv/bin/python tests/parsers/themes/build.py [--only 006,011] [--keep WORKDIR]

Writes tests/parsers/themes/docs/NNN-TOOL-THEME.{pdf,docx}, docs/MANIFEST.json (what each document
does not show, in the corpus MANIFEST format) and truth/NNN.json (verbatim copies of the corpus truth).
Everything runs sequentially (the machine is shared).  Output text is deterministic; PDF/DOCX bytes
carry creation timestamps from Chromium / LibreOffice.
"""
from __future__ import annotations

import argparse
import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CORPUS = REPO.parent / "shared" / "cv-corpus"
NODE_DIR = Path("/tmp/themes")          # npm prefix holding resumed + the themes
RCV_VENV = Path("/tmp/rcv")             # separate venv with rendercv[full]==2.3 + pypandoc_binary
CHROMIUM = "/usr/bin/chromium"
FIXED_DATE = "2026-11-01"               # RenderCV "last updated" date, so reruns print the same text

NPM_PACKAGES = [
    "resumed@6.1.0",
    "jsonresume-theme-stackoverflow@3.3.0",
    "jsonresume-theme-class@0.1.2",
    "jsonresume-theme-onepage@0.0.3",
    "jsonresume-theme-spartacus@1.0.0",
    "jsonresume-theme-short@0.1.7",
    "jsonresume-theme-paper@0.5.0",
    "jsonresume-theme-kendall@0.2.0",
    "jsonresume-theme-actual@0.2.2",
]
PIP_PACKAGES = ["rendercv[full]==2.3", "click", "pypandoc_binary==1.17"]

# (tool, theme, format) -> truth ids.  Every person appears 3-4 times, every theme 3-5 times;
# RenderCV themes get the non-English people (RenderCV is the tool that localises).
PLAN = {
    ("resumed", "stackoverflow", "pdf"): ["001", "011", "029"],
    ("resumed", "class", "pdf"): ["003", "016", "035"],
    ("resumed", "onepage", "pdf"): ["006", "026", "038"],
    ("resumed", "spartacus", "pdf"): ["008", "013", "020"],
    ("resumed", "short", "pdf"): ["001", "026", "035"],
    ("resumed", "paper", "pdf"): ["003", "011", "038"],
    ("resumed", "kendall", "pdf"): ["006", "016", "029"],
    ("resumed", "actual", "pdf"): ["008", "020", "038"],
    ("rendercv", "moderncv", "pdf"): ["008", "011", "013", "026", "035"],
    ("rendercv", "engineeringclassic", "pdf"): ["001", "003", "016", "020", "029"],
    ("pandoc", "stackoverflow", "docx"): ["006", "013", "026"],
    ("soffice", "short", "docx"): ["011", "020", "038"],
    ("pandoc", "onepage", "docx"): ["003", "016", "029"],
    ("soffice", "spartacus", "docx"): ["001", "008", "035"],
}


# --------------------------------------------------------------------------- text helpers
def strip_markup(value) -> str:
    if value is None:
        return ""
    s = str(value)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)


def norm_text(value) -> str:
    """Same key as the scorer's score_common.norm_text."""
    s = strip_markup(value)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\ue000-\uf8ff]", " ", s)
    s = s.replace("\u00ad", "-").replace("\u2010", "-").replace("\u2011", "-").casefold()
    s = s.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" .,;:-|/")


def squash(value) -> str:
    """norm_text without whitespace or hyphens (so hyphenated line breaks still match; presence checks)."""
    return re.sub(r"[\s\-]+", "", norm_text(value))


def digits(value) -> str:
    return re.sub(r"\D", "", str(value or ""))


def norm_url(value) -> str:
    """Same comparable URL form as the scorer's score_common.norm_url."""
    from urllib.parse import urlsplit
    s = strip_markup(value).strip()
    if not s or s.startswith("mailto:") or "@" in s.split("/")[0]:
        return ""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", s, re.I):
        s = "http://" + s
    try:
        parts = urlsplit(s)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("m.") and host.count(".") >= 2:
        host = host[2:]
    if host in ("x.com", "mobile.twitter.com"):
        host = "twitter.com"
    if host.endswith("linkedin.com"):
        host = "linkedin.com"
    path = parts.path.rstrip("/")
    if host == "linkedin.com":
        path = path.lower()
    return host + path if host else ""


_PROFILE_URL = {
    "github": "github.com/{u}", "gitlab": "gitlab.com/{u}", "linkedin": "linkedin.com/in/{u}",
    "twitter": "twitter.com/{u}", "x": "twitter.com/{u}", "instagram": "instagram.com/{u}",
    "facebook": "facebook.com/{u}", "youtube": "youtube.com/{u}", "medium": "medium.com/@{u}",
    "dribbble": "dribbble.com/{u}", "behance": "behance.net/{u}", "codepen": "codepen.io/{u}",
}


def profile_url(p) -> str:
    if not isinstance(p, dict):
        return ""
    if p.get("url"):
        return norm_url(p["url"])
    net = norm_text(p.get("network"))
    user = str(p.get("username") or "").strip().lstrip("@")
    if net in _PROFILE_URL and user:
        return norm_url(_PROFILE_URL[net].format(u=user))
    return ""


# --------------------------------------------------------------------------- dates
PRESENT = {"present", "now", "current", "currently", "today", "ongoing", "presente", "actualidad",
           "actual", "atual", "atualmente", "heute", "aujourd'hui", "obecnie", ""}


def iso_date(value):
    """JSON Resume date -> 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY'; 'present' for an open end; None if unreadable."""
    if value is None:
        return "present"
    s = strip_markup(value).strip()
    low = s.casefold()
    if low in PRESENT or low.startswith("present") or low.startswith("now"):
        return "present"
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.match(r"^(\d{4})-(\d{1,2})$", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    m = re.match(r"^(\d{1,2})[/.](\d{4})$", s)
    if m:
        return f"{int(m[2]):04d}-{int(m[1]):02d}"
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", s)
    if m:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.match(r"^(\d{4})$", s)
    if m:
        return s
    return None


# --------------------------------------------------------------------------- render input
def render_input(truth: dict) -> dict:
    """The truth, made renderable by any theme: old/new schema key aliases both present (name/company,
    url/website), dates as ISO strings (an open end dropped), no remote pictures."""
    d = copy.deepcopy(truth)
    d.pop("meta", None)
    d.pop("$schema", None)
    b = d.setdefault("basics", {})
    for k in ("picture", "image"):
        b.pop(k, None)
    u = b.get("url") or b.get("website")
    if u:
        b["url"] = b["website"] = u
    if isinstance(b.get("location"), str):
        b["location"] = {"address": b["location"]}
    for sec in ("work", "volunteer", "education", "projects", "awards", "publications", "certificates"):
        entries = d.get(sec)
        if not isinstance(entries, list):
            continue
        for e in entries:
            if not isinstance(e, dict):
                continue
            if sec in ("work", "volunteer"):
                n = e.get("name") or e.get("company") or e.get("organization")
                if n:
                    e["name"] = e["company"] = n
                    if sec == "volunteer":
                        e["organization"] = n
            eu = e.get("url") or e.get("website")
            if eu:
                e["url"] = e["website"] = eu
            for k in ("startDate", "endDate", "date", "releaseDate"):
                if k in e:
                    v = iso_date(e[k])
                    if v in (None, "present"):
                        e.pop(k)
                    else:
                        e[k] = v
            e.pop("image", None)
            for k in ("summary", "description"):
                if isinstance(e.get(k), list):  # a few people write paragraphs as a list
                    e[k] = "\n\n".join(str(x) for x in e[k])
    if isinstance(b.get("summary"), list):
        b["summary"] = "\n\n".join(str(x) for x in b["summary"])
    return d


# --------------------------------------------------------------------------- RenderCV
LOCALES = {
    "en": None,
    "fr": dict(present="aujourd'hui", last="Mis à jour en TODAY",
               abbr=["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
               full=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                     "octobre", "novembre", "décembre"],
               titles=["Profil", "Expérience professionnelle", "Formation", "Compétences", "Langues", "Projets"]),
    "de": dict(present="heute", last="Stand: TODAY",
               abbr=["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
               full=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                     "Oktober", "November", "Dezember"],
               titles=["Profil", "Berufserfahrung", "Ausbildung", "Kenntnisse", "Sprachen", "Projekte"]),
    "es": dict(present="actualidad", last="Actualizado en TODAY",
               abbr=["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
               full=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                     "octubre", "noviembre", "diciembre"],
               titles=["Perfil", "Experiencia", "Educación", "Habilidades", "Idiomas", "Proyectos"]),
    "pt-BR": dict(present="atual", last="Atualizado em TODAY",
                  abbr=["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
                  full=["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                        "outubro", "novembro", "dezembro"],
                  titles=["Perfil", "Experiência", "Formação", "Competências", "Idiomas", "Projetos"]),
    "pl": dict(present="obecnie", last="Aktualizacja: TODAY",
               abbr=["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
               full=["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień",
                     "październik", "listopad", "grudzień"],
               titles=["Profil", "Doświadczenie zawodowe", "Wykształcenie", "Umiejętności", "Języki", "Projekty"]),
}
EN_TITLES = ["Summary", "Experience", "Education", "Skills", "Languages", "Projects"]
RCV_NETWORKS = {"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "instagram": "Instagram",
                "orcid": "ORCID", "stackoverflow": "StackOverflow", "researchgate": "ResearchGate",
                "youtube": "YouTube", "telegram": "Telegram", "twitter": "X", "x": "X"}
COUNTRY_CODES = {"FR": "33", "PL": "48", "DE": "49", "ES": "34", "PT": "351", "BR": "55", "US": "1"}
LANG_COUNTRY = {"fr": "FR", "pl": "PL", "de": "DE", "es": "ES", "pt-BR": "PT"}


def _plain(s) -> str:
    s = strip_markup(s).replace("\n", " ")
    return re.sub(r"\s+", " ", s).strip()  # RenderCV escapes Typst itself


def _rcv_date(v):
    d = iso_date(v)
    return d if d and d != "present" else None


def _rcv_phone(b: dict, lang: str):
    p = str(b.get("phone") or "").strip()
    dg = digits(p)
    if len(dg) < 6:
        return None
    if p.startswith("+") or p.startswith("(+"):
        return "+" + dg
    cc = str((b.get("location") or {}).get("countryCode") or "").upper() if isinstance(b.get("location"), dict) else ""
    cc = COUNTRY_CODES.get(cc) or COUNTRY_CODES.get(LANG_COUNTRY.get(lang, ""))
    if not cc:
        return None
    return "+" + cc + dg.lstrip("0")


def rendercv_yaml(truth: dict, theme: str, lang: str, with_phone=True) -> dict:
    b = truth.get("basics") or {}
    loc = b.get("location") if isinstance(b.get("location"), dict) else {"address": b.get("location") or ""}
    place = ", ".join(x for x in (loc.get("city"), loc.get("region"), loc.get("countryCode")) if x) \
        or (loc.get("address") or "")
    cv = {"name": strip_markup(b.get("name"))}
    if place:
        cv["location"] = place
    if b.get("email"):
        cv["email"] = b["email"]
    ph = _rcv_phone(b, lang) if with_phone else None
    if ph:
        cv["phone"] = ph
    site = b.get("url") or b.get("website")
    if site:
        cv["website"] = site if re.match(r"https?://", site) else "https://" + site
    nets = []
    for p in b.get("profiles") or []:
        net = RCV_NETWORKS.get(re.sub(r"\W", "", str(p.get("network") or "").lower()))
        if not net:
            continue
        user = str(p.get("username") or "").strip()
        url = str(p.get("url") or "")
        m = re.search(r"linkedin\.com/in/([^/?#]+)", url) if net == "LinkedIn" else \
            re.search(r"(?:github|gitlab|twitter|x|instagram)\.com/([^/?#]+)", url)
        if m:
            user = m.group(1)
        if user and " " not in user and net not in ("StackOverflow", "ORCID"):
            nets.append({"network": net, "username": user.lstrip("@")})
    if nets:
        cv["social_networks"] = nets
    loc_cfg = LOCALES.get(lang)
    titles = loc_cfg["titles"] if loc_cfg else EN_TITLES
    sections = {}
    summ = [x for x in (b.get("label"), b.get("summary")) if x]
    if summ:
        sections[titles[0]] = [_plain(x) for x in summ]
    work = []
    for w in truth.get("work") or []:
        e = {"company": _plain(w.get("name") or w.get("company") or ""), "position": _plain(w.get("position") or "")}
        if not e["company"]:
            continue
        sd, ed = _rcv_date(w.get("startDate")), _rcv_date(w.get("endDate"))
        if sd:
            e["start_date"] = sd
            e["end_date"] = ed or "present"
        elif ed:
            e["date"] = ed
        if isinstance(w.get("location"), str) and w["location"]:
            e["location"] = _plain(w["location"])
        hl = [_plain(h) for h in (w.get("highlights") or []) if isinstance(h, str) and h.strip()]
        if w.get("summary") and not hl:
            e["summary"] = _plain(w["summary"])
        if hl:
            e["highlights"] = hl
        work.append(e)
    if work:
        sections[titles[1]] = work
    edu = []
    for ed_ in truth.get("education") or []:
        area, deg = _plain(ed_.get("area") or ""), _plain(ed_.get("studyType") or "")
        e = {"institution": _plain(ed_.get("institution") or ""), "area": area or deg}
        if not e["institution"]:
            continue
        if area and deg:
            e["degree"] = deg
        sd, end = _rcv_date(ed_.get("startDate")), _rcv_date(ed_.get("endDate"))
        if sd:
            e["start_date"] = sd
            e["end_date"] = end or "present"
        elif end:
            e["date"] = end
        score = ed_.get("score") or ed_.get("gpa")
        if score:
            e["highlights"] = [f"Score: {_plain(score)}"]
        edu.append(e)
    if edu:
        sections[titles[2]] = edu
    skills, loose = [], []
    for s in truth.get("skills") or []:
        if not isinstance(s, dict):
            continue
        kw = [_plain(k) for k in (s.get("keywords") or []) if isinstance(k, str)]
        if s.get("name") and kw:
            skills.append({"label": _plain(s["name"]), "details": ", ".join(kw)})
        elif s.get("name"):
            loose.append(_plain(s["name"]))
    if loose:
        skills.append(", ".join(loose))
    if skills:
        # a section holds one entry type: plain names become a text entry only when alone
        sections[titles[3]] = skills if not (loose and len(skills) > 1) else \
            skills[:-1] + [{"label": "—", "details": skills[-1]}]
    langs = [{"label": _plain(x.get("language")), "details": _plain(x.get("fluency") or "")}
             for x in truth.get("languages") or [] if isinstance(x, dict) and x.get("language")]
    if langs:
        sections[titles[4]] = [x if x["details"] else {"label": x["label"], "details": "—"} for x in langs]
    projects = []
    for p in truth.get("projects") or []:
        if not isinstance(p, dict) or not p.get("name"):
            continue
        e = {"name": _plain(p["name"])}
        if p.get("description"):
            e["summary"] = _plain(p["description"])
        projects.append(e)
    if projects:
        sections[titles[5]] = projects[:6]
    cv["sections"] = sections
    out = {"cv": cv, "design": {"theme": theme}, "rendercv_settings": {"date": FIXED_DATE}}
    if loc_cfg:
        out["locale"] = {"language": lang.split("-")[0], "present": loc_cfg["present"],
                         "last_updated_date_template": loc_cfg["last"],
                         "abbreviations_for_months": loc_cfg["abbr"], "full_names_of_months": loc_cfg["full"]}
    return out


FA_STUB = {  # Font Awesome code points (same in FA 6 and 7) for the icons RenderCV 2.3 asks for
    "location-dot": ("f3c5", 0), "envelope": ("f0e0", 0), "phone": ("f095", 0), "link": ("f0c1", 0),
    "external-link": ("f08e", 0), "graduation-cap": ("f19d", 0), "code": ("f121", 0),
    "linkedin": ("f08c", 1), "github": ("f09b", 1), "gitlab": ("f296", 1), "imdb": ("f2d8", 1),
    "instagram": ("f16d", 1), "mastodon": ("f4f6", 1), "orcid": ("f8d2", 1), "stack-overflow": ("f16c", 1),
    "researchgate": ("f4f8", 1), "youtube": ("f167", 1), "telegram": ("f2c6", 1), "x-twitter": ("e61b", 1),
}


def write_fa_stub(cache: Path):
    """RenderCV's Typst preamble imports @preview/fontawesome:0.5.0, which Typst would download; ship a
    stand-in that draws the same glyphs with the Font Awesome 7 fonts RenderCV bundles."""
    d = cache / "typst" / "packages" / "preview" / "fontawesome" / "0.5.0"
    d.mkdir(parents=True, exist_ok=True)
    (d / "typst.toml").write_text('[package]\nname = "fontawesome"\nversion = "0.5.0"\nentrypoint = "lib.typ"\n'
                                  'authors = ["htdy test stub"]\nlicense = "MIT"\ndescription = "stub"\n')
    rows = ",\n".join(f'  "{k}": ("\\u{{{cp}}}", {"true" if b else "false"})' for k, (cp, b) in FA_STUB.items())
    (d / "lib.typ").write_text(
        "#let _icons = (\n" + rows + ",\n)\n"
        "#let fa-icon(name, solid: false, ..args) = {\n"
        "  let (glyph, brand) = _icons.at(name, default: (\"\\u{f111}\", false))\n"
        "  let font = if brand { \"Font Awesome 7 Brands\" } else { \"Font Awesome 7 Free\" }\n"
        "  text(font: font, weight: if brand { 400 } else { 900 }, ..args.named(), glyph)\n"
        "}\n")


# --------------------------------------------------------------------------- runners
def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 240), **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({r.returncode}): {r.stderr[-1500:]}{r.stdout[-800:]}")
    return r


def resumed_html(data: dict, theme: str, work: Path, tag: str) -> Path:
    src = work / f"{tag}.json"
    src.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    out = work / f"{tag}-{theme}.html"
    run([str(NODE_DIR / "node_modules" / ".bin" / "resumed"), "render", str(src),
         "--theme", f"jsonresume-theme-{theme}", "-o", str(out)], cwd=NODE_DIR)
    return out


def chromium_pdf(html_path: Path, pdf: Path, work: Path):
    prof = work / "chromium-profile"
    run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={prof}", "--no-first-run", "--disable-extensions",
         f"--print-to-pdf={pdf}", html_path.as_uri()], timeout=120)
    if not pdf.exists():
        raise RuntimeError(f"chromium wrote no {pdf}")
    # the only bytes that change between runs: the timestamps (same length, so the xref stays valid)
    data = pdf.read_bytes()
    data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}", lambda m: b"/" + m[1] + b" (D:20261101000000", data)
    pdf.write_bytes(data)


def fix_docx(path: Path):
    """Rewrite a DOCX with fixed zip timestamps and document dates, so reruns give the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data)
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>\d+</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            z.writestr(zi, data)


def rendercv_pdf(truth: dict, theme: str, lang: str, pdf: Path, work: Path):
    cache = work / "xdg-cache"
    write_fa_stub(cache)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), XDG_DATA_HOME=str(work / "xdg-data"))
    last = None
    for with_phone in (True, False):
        y = work / f"{pdf.stem}.yaml"  # JSON is YAML
        y.write_text(json.dumps(rendercv_yaml(truth, theme, lang, with_phone), ensure_ascii=False, indent=1),
                     encoding="utf-8")
        try:
            run([str(RCV_VENV / "bin" / "rendercv"), "render", str(y), "-nomd", "-nohtml", "-nopng",
                 "-o", str(work / f"rcv-{pdf.stem}"), "-pdf", str(pdf)], cwd=work, env=env)
            if pdf.exists():
                return
        except RuntimeError as e:  # an unparseable phone number: drop it and retry
            last = e
            if "phone" not in str(e).lower():
                raise
    raise RuntimeError(f"rendercv failed for {pdf.name}: {last}")


def pandoc_docx(html_path: Path, out: Path):
    pandoc = next((RCV_VENV / "lib").glob("python3*/site-packages/pypandoc/files/pandoc"))
    run([str(pandoc), str(html_path), "-f", "html", "-t", "docx", "-o", str(out)],
        env=dict(os.environ, SOURCE_DATE_EPOCH="1793491200"))


def soffice_docx(html_path: Path, out: Path, work: Path):
    prof = (work / "lo-profile").as_uri()
    run(["soffice", f"-env:UserInstallation={prof}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(work), str(html_path)], timeout=240)
    produced = work / (html_path.stem + ".docx")
    shutil.move(produced, out)
    fix_docx(out)


# --------------------------------------------------------------------------- visibility (MANIFEST)
def doc_text_and_links(path: Path):
    if path.suffix == ".pdf":
        text = run(["pdftotext", "-enc", "UTF-8", str(path), "-"]).stdout
        links = []
        try:
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdftypes import resolve1
            with open(path, "rb") as fh:
                for page in PDFPage.get_pages(fh):
                    for a in resolve1(page.annots) or []:
                        a = resolve1(a)
                        act = resolve1(a.get("A")) if isinstance(a, dict) else None
                        uri = resolve1(act.get("URI")) if isinstance(act, dict) else None
                        if isinstance(uri, bytes):
                            links.append(uri.decode("utf-8", "replace"))
        except ImportError:
            pass
        return text, links
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8") if "word/_rels/document.xml.rels" in z.namelist() else ""
    xml = re.sub(r"</w:p>", "\n", xml)
    xml = re.sub(r"<w:(tab|br)\b[^>]*/>", " ", xml)
    text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    links = [html.unescape(m) for m in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)]
    links += [html.unescape(m) for m in re.findall(r'TargetMode="External"[^>]*Target="([^"]+)"', rels)]
    return text, links


def year_of(v):
    d = iso_date(v)
    return d[:4] if d and d != "present" else None


# How a theme prints entry dates, where that is not "month and year" (read off the templates and the
# rendered text): kendall prints education as bare years, actual prints no education dates at all.
THEME_DATES = {
    ("resumed", "kendall"): {"education": "year"},
    ("resumed", "actual"): {"education": "none"},
}


def manifest_entry(truth: dict, text: str, links: list, dates: dict | None = None) -> dict:
    dates = dates or {}
    sq = squash(text)
    dig = digits(text)
    absent, year_only, absent_urls, absent_items = [], [], [], []

    def shown(v) -> bool:
        k = squash(v)
        return bool(k) and k in sq

    b = truth.get("basics") or {}
    if b.get("name") and not shown(re.sub(r"[^\w\s]", " ", strip_markup(b["name"]))) and not shown(b["name"]):
        absent.append("basics.name")
    if b.get("email") and not shown(b["email"]):
        absent.append("basics.email")
    ph = digits(b.get("phone"))
    if len(ph) >= 6 and ph not in dig and (len(ph) < 9 or ph[-9:] not in dig):
        absent.append("basics.phone")
    loc = b.get("location") if isinstance(b.get("location"), dict) else {}
    if loc.get("city") and not shown(loc["city"]):
        absent.append("basics.city")
    link_keys = {norm_url(u) for u in links} - {""}
    urls = []
    u = b.get("url") or b.get("website")
    if isinstance(u, str) and norm_url(u):
        urls.append((norm_url(u), None))
    for p in b.get("profiles") or []:
        pu = profile_url(p)
        if pu and pu not in [x for x, _ in urls]:
            urls.append((pu, p))
    for nu, p in urls:
        ok = nu in link_keys or squash(nu) in sq
        if not ok and p is not None and p.get("username"):
            # network + username printed: the URL can be rebuilt (scorer's profile_url does the same)
            rebuilt = profile_url({"network": p.get("network"), "username": p.get("username")})
            ok = rebuilt == nu and shown(p["username"]) and shown(p.get("network"))
        if not ok:
            absent_urls.append(nu)
    for sec, key_of, fields in (
            ("work", lambda e: e.get("name") or e.get("company") or e.get("organization") or "",
             ("position",)),
            ("education", lambda e: e.get("institution") or "", ("area", "studyType"))):
        for i, e in enumerate(truth.get(sec) or []):
            if not isinstance(e, dict):
                continue
            if not shown(key_of(e)):
                absent.append(f"{sec}[{i}]")
                continue
            for f in fields:
                if str(e.get(f) or "").strip() and not shown(e[f]):
                    absent.append(f"{sec}[{i}].{f}")
            for f in ("startDate", "endDate"):
                raw = e.get(f)
                if dates.get(sec) == "none":
                    absent.append(f"{sec}[{i}].{f}")
                    continue
                if raw is None or not str(raw).strip():
                    continue
                y = year_of(raw)
                if dates.get(sec) == "none" or (iso_date(raw) is None) or (y and y not in text):
                    absent.append(f"{sec}[{i}].{f}")
                elif dates.get(sec) == "year" and iso_date(raw) not in ("present",) and len(iso_date(raw)) > 4:
                    year_only.append(f"{sec}[{i}].{f}")
    for s in truth.get("skills") or []:
        if not isinstance(s, dict):
            continue
        items = ([s["name"]] if isinstance(s.get("name"), str) and s["name"].strip() else []) + \
            [k for k in (s.get("keywords") or []) if isinstance(k, str)]
        for it in items:
            if not shown(it) and norm_text(it) not in absent_items:
                absent_items.append(norm_text(it))
    return {"absent": absent, "year_only": year_only, "absent_urls": absent_urls,
            "absent_skill_items": absent_items}


# --------------------------------------------------------------------------- main
def setup():
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    if not (NODE_DIR / "package.json").exists():
        (NODE_DIR / "package.json").write_text('{"name": "htdy-theme-build", "private": true}\n')
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", *NPM_PACKAGES], cwd=NODE_DIR, check=True)
    if not (RCV_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable if not sys.prefix.startswith(str(REPO)) else "/usr/bin/python3",
                        "-m", "venv", str(RCV_VENV)], check=True)
    subprocess.run([str(RCV_VENV / "bin" / "pip"), "install", "-q", *PIP_PACKAGES], check=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setup", action="store_true", help="install resumed, the npm themes and rendercv in /tmp")
    ap.add_argument("--only", help="comma-separated truth ids or document-name substrings")
    ap.add_argument("--keep", help="keep intermediate files (JSON, HTML, YAML) in this directory")
    ap.add_argument("--manifest-only", action="store_true", help="recompute MANIFEST.json from existing docs")
    a = ap.parse_args(argv)
    if a.setup:
        setup()
        return
    docs, truth_dir = HERE / "docs", HERE / "truth"
    docs.mkdir(exist_ok=True)
    truth_dir.mkdir(exist_ok=True)
    langs = {}
    src_lines = (CORPUS / "truth" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()
    for line in src_lines[1:]:
        parts = line.split("\t")
        langs[parts[0]] = parts[4]
    used = sorted({t for ids in PLAN.values() for t in ids})
    for t in used:
        shutil.copyfile(CORPUS / "truth" / f"{t}.json", truth_dir / f"{t}.json")
    (truth_dir / "SOURCES.tsv").write_text(
        "\n".join([src_lines[0]] + [ln for ln in src_lines[1:] if ln.split("\t")[0] in used]) + "\n", encoding="utf-8")
    only = [x.strip() for x in a.only.split(",")] if a.only else None
    # a fixed work path: kendall's self-links and LibreOffice's relationships record the HTML's location
    work = Path(a.keep) if a.keep else Path(tempfile.gettempdir()) / "htdy-themes-work"
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    mpath = docs / "MANIFEST.json"
    manifest = json.loads(mpath.read_text(encoding="utf-8"))["docs"] if mpath.exists() else {}
    failed = []
    try:
        for (tool, theme, fmt), ids in PLAN.items():
            for tid in ids:
                name = f"{tid}-{tool}-{theme}.{fmt}"
                if only and not any(o == tid or o in name for o in only):
                    continue
                out = docs / name
                truth = json.loads((CORPUS / "truth" / f"{tid}.json").read_text(encoding="utf-8-sig"))
                lang = langs.get(tid, "en")
                if not a.manifest_only:
                    print(f"building {name}", file=sys.stderr, flush=True)
                    try:
                        if tool == "rendercv":
                            rendercv_pdf(render_input(truth), theme, lang, out, work)
                        else:
                            h = resumed_html(render_input(truth), theme, work, tid)
                            if tool == "resumed":
                                chromium_pdf(h, out, work)
                            elif tool == "pandoc":
                                pandoc_docx(h, out)
                            else:
                                soffice_docx(h, out, work)
                    except (RuntimeError, subprocess.TimeoutExpired) as e:
                        failed.append(name)
                        print(f"FAILED {name}: {str(e)[-600:]}", file=sys.stderr, flush=True)
                        continue
                text, links = doc_text_and_links(out)
                m = {"truth": tid, "renderer": tool, "theme": theme, "format": fmt, "language": lang,
                     "size": out.stat().st_size,
                     "truth_size": (CORPUS / "truth" / f"{tid}.json").stat().st_size, "chars": len(text)}
                m.update(manifest_entry(truth, text, links, THEME_DATES.get((tool, theme)) or
                                        THEME_DATES.get(("resumed", theme)) if tool != "rendercv" else None))
                manifest[name] = m
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    manifest = {k: manifest[k] for k in sorted(manifest) if (docs / k).exists()}
    mpath.write_text(json.dumps({
        "about": "Generated by tests/parsers/themes/build.py. 'absent'/'year_only'/'absent_urls'/"
                 "'absent_skill_items' list truth values not readable in that document (not in its extracted "
                 "text nor, for URLs, in its link annotations); the scorer excludes them unless --no-mask.",
        "docs": manifest}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if failed:
        sys.exit(f"{len(failed)} document(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
