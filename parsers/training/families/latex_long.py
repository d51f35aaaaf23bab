"""latex-long: long hand-written `article` CVs — plain CVs (\\section*, tabular/tabularx entries with dates
in a left or right column, \\hfill dates, itemize with custom labels, small-caps headings, fancyhdr running
headers and footers carrying the name, "page 2 of 7", \\today) and academic CVs of 3 to 13 pages
(appointments as one-liners, degrees with thesis and advisor lines, long numbered publication lists with the
person's name in bold among co-authors, talks, teaching, grants with amounts, service, supervision, and
referees with other people's e-mails and phones).

People come from ``people_long.make_long_person`` (``make_person`` below: build.py asks a family for its
own people when it has them). The preamble (engine, fonts, babel, CJK) is the latex family's.

    python -m htdy.parsers.training.families.latex_long --langs en,de --seed 3 --out /tmp/tl [--keep-tex]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from htdy.parsers.training.families import latex as X
from htdy.parsers.training.phrases_academic import ACADEMIC_LANGS, LONG_LANGS

NAME = "latex-long"
TEX = Path(__file__).parent / "tex" / "long"

# template id -> tex file, font, fontenc, unicode maps, engine, academic ('1' or '')
_T: dict[str, dict[str, str]] = {
    "plain-tabular": dict(file="plain_tabular", font="lm", enc="T1", uni="cmap"),
    "plain-hfill": dict(file="plain_hfill", font="palatino", enc="T1", uni="g2u"),
    "plain-tabularx": dict(file="plain_tabularx", font="helvet", enc="T1", uni=""),
    "plain-hfill-cm": dict(file="plain_hfill", font="cm", enc="OT1", uni="g2u"),
    "academic-article": dict(file="academic_article", font="lm", enc="T1", uni="cmap", academic="1"),
    "academic-times": dict(file="academic_article", font="times", enc="T1", uni="g2u", academic="1"),
    "academic-margin": dict(file="academic_margin", font="charter", enc="T1", uni="g2u", academic="1"),
    "academic-xe": dict(file="academic_margin", font="TeX Gyre Pagella", engine="xelatex", enc="", uni="",
                        academic="1"),
}


def templates() -> list[str]:
    return list(_T)


def _engine(template: str, lang: str) -> str:
    return "xelatex" if lang in X.CJK_FONT else _T[template].get("engine", "pdflatex")


def supports(template: str, lang: str) -> bool:
    t = _T.get(template)
    if t is None or lang not in (ACADEMIC_LANGS if t.get("academic") else LONG_LANGS):
        return False
    if not X._have("fancyhdr.sty", "lastpage.sty", "tabularx.sty", "enumitem.sty"):
        return False
    if lang in X.CJK_FONT:
        return X._have("xeCJK.sty") and X._font(f"Noto Sans CJK {X.CJK_FONT[lang]}")
    return lang in X.BABEL and X._have(X.LDF.get(lang, X.BABEL[lang] + ".ldf"))


def make_person(seed: int, lang: str, template: str) -> Any:
    from htdy.parsers.training.people_long import make_long_person

    return make_long_person(seed, lang, academic=bool(_T[template].get("academic")))


# ---------------------------------------------------------------- view -> macro calls

def _authors(p: dict) -> X._Raw:
    parts = [("\\hvme{" + X.esc(a) + "}") if i == p["me"] else X.esc(a) for i, a in enumerate(p["authors"])]
    if len(parts) > 1:
        parts = [", ".join(parts[:-1]), parts[-1]]
        return X._Raw(" \\hvand{} ".join(parts))
    return X._Raw(parts[0])


def _block(kind: str, heading: str, calls: list[str]) -> str:
    if not calls:
        return ""
    return "\n".join([X._m("hvsection", heading), X._m("hvbegin", kind), *calls, X._m("hvend", kind), ""])


def _long_section(view: dict, kind: str) -> str:
    h = view.get("long_headings") or {}
    lab = view.get("labels") or {}
    m = X._m
    if kind == "appointments":
        calls = [m("hvappt", w.get("position"), w.get("department"), w.get("company"), w.get("location"),
                   w.get("dates"), X._items(w.get("highlights") or [])) for w in view.get("work") or []]
        return _block("work", h.get("appointments", ""), calls)
    if kind == "degrees":
        calls = []
        for e in view.get("education") or []:
            calls.append(m("hvedu", e.get("degree_line"), e.get("institution"), e.get("location"),
                           e.get("dates"), e.get("score")))
            if e.get("thesis"):
                calls.append(m("hvnote", lab.get("thesis"), e["thesis"]))
            if e.get("advisor"):
                calls.append(m("hvnote", lab.get("advisor"), e["advisor"]))
        return _block("education", (view.get("headings") or {}).get("education", ""), calls)
    if kind == "publications":
        pubs = view.get("publications") or []
        calls = [m("hvpub", str(len(pubs) - i), _authors(p), p["title"], p["venue"], p.get("volume"),
                   p.get("pages"), p["year"], X._Raw(X.esc_url(p["doi"])) if p.get("doi") else "")
                 for i, p in enumerate(pubs)]
        return _block("publications", h.get("publications", ""), calls)
    rows = {
        "talks": [m("hvtalk", t["title"], t["event"], t["place"], t["year"]) for t in view.get("talks") or []],
        "teaching": [m("hvteach", t["course"], t["role"], t["dates"]) for t in view.get("teaching") or []],
        "grants": [m("hvgrant", g["title"], g["funder"], g.get("amount"), g["year"])
                   for g in view.get("grants") or []],
        "service": [m("hvservice", s) for s in view.get("service") or []],
        "supervision": [m("hvsuper", s["name"], s["kind"], s["dates"]) for s in view.get("supervision") or []],
        "references": [m("hvref", r["name"], r["role"], r["institution"], r["email"], r.get("phone"),
                         lab.get("phone")) for r in view.get("references") or []],
        "research": [m("hvresearch", X._items(view.get("research") or []))] if view.get("research") else [],
    }[kind]
    return _block(kind, h.get(kind, ""), rows)


def _page_form(form: str) -> str:
    """'Page {p} of {n}' as LaTeX (the page numbers from \\thepage and lastpage)."""
    out = X.esc(form.replace("{p}", "\0P").replace("{n}", "\0N"))
    return out.replace("\0P", "\\thepage{}").replace("\0N", "\\pageref*{LastPage}")


def source(view: dict, template: str) -> tuple[str, str]:
    t = _T[template]
    lang = view.get("lang") or "en"
    eng = _engine(template, lang)
    text = (TEX / f"{t['file']}.tex").read_text(encoding="utf-8")
    order_m = re.search(r"^%% order: (.*)$", text, re.M)
    order = (order_m[1] if order_m else "summary work education skills languages references").split()
    data = X._data(view) + "\n" + "\n".join([
        f"\\newcommand{{\\hvPageForm}}{{{_page_form(view.get('page_form') or '{p}')}}}",
        f"\\newcommand{{\\hvCV}}{{{X.esc(view.get('cv_word') or '')}}}"])
    body = []
    for k in order:
        if k in ("appointments", "degrees", "publications", "talks", "teaching", "grants", "service",
                 "supervision", "references", "research"):
            body.append(_long_section(view, k))
        else:
            body.append(X._section(view, k, lang))
    subs = {"PREAMBLE": X._preamble(t, lang, eng), "DATA": data, "MAIN": "\n".join(body)}
    text = text.replace("\\input{_long}", (TEX / "_long.tex").read_text(encoding="utf-8"))
    for k, v in subs.items():
        text = text.replace(f"%%{k}%%", v)
    return text, eng


def render(view: dict, template: str, out_stem: Path, keep_tex: bool = False) -> Path:
    # two runs: "page 2 of 7" needs the last page's number from the first run
    return X.compile_tex(*source(view, template), Path(out_stem), keep_tex=keep_tex, runs=2)


def setup() -> None:
    """Nothing to install: see the latex family."""


def main(argv: list[str] | None = None) -> int:
    from htdy.parsers.training.people_long import make_long_person

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--langs", default="en")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--templates", default="")
    ap.add_argument("--out", default="/tmp/htdy-latex-long")
    ap.add_argument("--keep-tex", action="store_true")
    a = ap.parse_args(argv)
    failed = 0
    for lang in a.langs.split(","):
        for t in a.templates.split(",") if a.templates else templates():
            if not supports(t, lang):
                continue
            view = make_long_person(a.seed, lang, bool(_T[t].get("academic"))).view
            try:
                print(render(view, t, Path(a.out) / f"{a.seed}-{t}-{lang}", keep_tex=a.keep_tex))
            except RuntimeError as e:
                failed += 1
                print(f"FAILED {t} {lang}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
