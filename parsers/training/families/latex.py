"""latex: CVs typeset by Debian's TeX Live — moderncv styles, europasscv/europecv, and the hand-written
`article` CVs people keep in their home directories (Jake's résumé, rules + itemize, sidebar, dates in a
margin column, res.cls look-alike), compiled with pdflatex, xelatex or lualatex.

Each template file under ``tex/`` defines a handful of macros (``\\hvsection``, ``\\hvjob``, ``\\hvedu``,
``\\hvskill``, ``\\hvlang``, ``\\hvtext`` …, see ``tex/_common.tex``); this module writes the preamble
(engine, encoding, ToUnicode maps, fonts, babel) and a body of those macro calls from the ``view``.
pdflatex templates differ in ``fontenc``/``cmap``/``glyphtounicode`` on purpose: without ToUnicode maps
ligatures, dashes and accents extract as odd codes, as in real LaTeX CVs. Russian uses T2A (LH fonts);
Chinese, Japanese, Korean use xelatex + xeCJK (Noto CJK), Arabic xelatex + polyglossia/bidi.

    python -m htdy.parsers.training.families.latex --view parsers/training/example_view.json --out /tmp/tex
    python -m htdy.parsers.training.families.latex --langs en,pl,ru,zh --seed 3 --out /tmp/tex [--keep-tex]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NAME = "latex"
TEX = Path(__file__).parent / "tex"
TIMEOUT_S = 180

# template id -> file (tex/<file>.tex), engine, font, fontenc, unicode maps ('' | 'cmap' | 'g2u'), extras
_T: dict[str, dict[str, str]] = {
    "moderncv-classic": dict(file="moderncv", style="classic", color="blue", font="lm", enc="T1", uni="cmap"),
    "moderncv-casual": dict(file="moderncv", style="casual", color="orange", font="cm", enc="OT1", uni=""),
    "moderncv-banking": dict(file="moderncv", style="banking", color="black", font="helvet", enc="T1",
                             uni="g2u"),
    "moderncv-oldstyle": dict(file="moderncv", style="oldstyle", color="burgundy", font="lm", enc="T1",
                              uni="cmap"),
    "moderncv-fancy": dict(file="moderncv", style="fancy", color="green", font="lm", enc="OT1", uni="g2u"),
    "moderncv-xe": dict(file="moderncv", style="classic", color="grey", font="Noto Sans", enc="", uni="",
                        engine="xelatex"),
    "europasscv": dict(file="europasscv", font="helvet", enc="T1", uni="cmap"),
    "europecv": dict(file="europecv", font="helvet", enc="T1", uni="g2u"),
    "jake": dict(file="jake", font="cm", enc="OT1", uni="g2u", first="position"),
    "jake-times": dict(file="jake", font="times", enc="T1", uni="", first="company"),
    "rules": dict(file="rules", font="charter", enc="T1", uni="", rulecolor="black"),
    "rules-lm": dict(file="rules", font="lm", enc="T1", uni="cmap", rulecolor="blue!60!black"),
    "sidebar": dict(file="sidebar", font="helvet", enc="T1", uni="cmap"),
    "sidebar-xe": dict(file="sidebar", font="Liberation Sans", engine="xelatex", enc="", uni=""),
    "margin-dates": dict(file="margin", font="cm", enc="OT1", uni=""),
    "margin-dates-palatino": dict(file="margin", font="palatino", enc="T1", uni="g2u"),
    "res": dict(file="res", font="times", enc="OT1", uni="g2u"),
    "banner-lua": dict(file="banner", font="TeX Gyre Heros", engine="lualatex", enc="", uni=""),
    "banner-xe": dict(file="banner", font="Noto Serif", engine="xelatex", enc="", uni=""),
    "awesome": dict(file="awesome", font="helvet", enc="T1", uni="g2u", color="DC3522"),
    "awesome-xe": dict(file="awesome", font="Lato", engine="xelatex", enc="", uni="", color="0395DE"),
    "deedy": dict(file="deedy", font="lm", enc="T1", uni="cmap"),
    "deedy-xe": dict(file="deedy", font="Lato", engine="xelatex", enc="", uni=""),
    "altacv": dict(file="altacv", font="palatino", enc="T1", uni="g2u", color="8F0D0D"),
    "altacv-lua": dict(file="altacv", font="TeX Gyre Heros", engine="lualatex", enc="", uni="",
                       color="1F5F8B"),
}
BABEL = {"en": "english", "de": "ngerman", "fr": "french", "es": "spanish,es-nolayout", "pt": "portuguese",
         "it": "italian", "nl": "dutch", "pl": "polish", "tr": "turkish", "sv": "swedish", "cs": "czech",
         "ru": "russian"}
LDF = {"es": "spanish.ldf", "ru": "russianb.ldf"}  # babel's language files (texlive-lang-*)
EUROPASS = {"en", "de", "fr", "es", "pt", "it", "pl", "tr", "sv", "cs"}
EUROPECV = {"en", "de", "fr", "es", "pt", "it", "pl", "sv", "cs"}  # ecvnl.def is broken
CJK_FONT = {"zh": "SC", "ja": "JP", "ko": "KR"}
FONT_PKG = {"lm": r"\usepackage{lmodern}", "cm": "", "times": r"\usepackage{mathptmx}",
            "helvet": "\\usepackage[scaled=0.92]{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}",
            "charter": r"\usepackage{charter}", "palatino": r"\usepackage{mathpazo}"}
XE_FONT = {"lm": "Latin Modern Roman", "cm": "Latin Modern Roman", "times": "TeX Gyre Termes",
           "helvet": "TeX Gyre Heros", "charter": "TeX Gyre Bonum", "palatino": "TeX Gyre Pagella"}
ARABIC = (r"\usepackage{polyglossia}\setdefaultlanguage{arabic}\setotherlanguage{english}" "\n"
          # Amiri and DejaVu Sans have Latin glyphs too (e-mails, tool names); DejaVu's oblique lacks Arabic
          r"\newfontfamily\arabicfont[Script=Arabic,ItalicFont=* Slanted,"
          r"BoldItalicFont=* Bold Slanted]{Amiri}"
          "\n" r"\newfontfamily\arabicfontsf[Script=Arabic,ItalicFont=DejaVu Sans,"
          r"BoldItalicFont=DejaVu Sans Bold]{DejaVu Sans}" "\n")
SECTIONS = ("summary", "work", "education", "skills", "languages", "projects", "certificates", "interests")
COMMA = {"ar": "، ", "zh": "，", "ja": "、"}
NEEDS_T1 = {"pl", "fr", "cs", "tr"}  # ogonek (ą, ę), French babel: T1 (OT1 fails or falls back to bitmaps)
# Czech, Polish, Turkish: the PSNFSS fonts build č, ż, ş from two glyphs (text extracts as 'c ˇ'); people
# writing in these languages use Latin Modern or the TeX Gyre clones, which have the accented glyphs
GYRE = {"helvet": "\\usepackage[scale=0.92]{tgheros}\n\\renewcommand{\\familydefault}{\\sfdefault}",
        "times": r"\usepackage{tgtermes}", "palatino": r"\usepackage{tgpagella}",
        "charter": r"\usepackage{tgschola}", "cm": r"\usepackage{lmodern}"}


def templates() -> list[str]:
    return list(_T)


@functools.cache
def _have(*files: str) -> bool:
    return all(subprocess.run(["kpsewhich", f], capture_output=True).returncode == 0 for f in files)


@functools.cache
def _font(family: str) -> bool:
    return bool(shutil.which("fc-list")) and bool(
        subprocess.run(["fc-list", family], capture_output=True, text=True).stdout.strip())


def engine(template: str, lang: str) -> str:
    t = _T[template]
    if lang in CJK_FONT or lang == "ar":
        return "xelatex"
    return t.get("engine", "pdflatex")


def supports(template: str, lang: str) -> bool:
    t = _T.get(template)
    if t is None or not shutil.which(eng := engine(template, lang)):
        return False
    if t["file"] == "moderncv" and not _have("moderncv.cls"):
        return False
    if t["file"] in ("europasscv", "europecv"):
        return lang in (EUROPASS if t["file"] == "europasscv" else EUROPECV) and _have(t["file"] + ".cls")
    if t["file"] in ("sidebar", "deedy", "altacv") and not _have("paracol.sty"):
        return False
    if lang in CJK_FONT:
        return _have("xeCJK.sty") and _font(f"Noto Sans CJK {CJK_FONT[lang]}")
    if lang == "ar":  # right-to-left tables: the layouts without a margin column read well mirrored
        return t["file"] in ("rules", "banner") and _have("polyglossia.sty", "bidi.sty") and _font(
            "Amiri")
    if lang not in BABEL or not _have(LDF.get(lang, BABEL[lang] + ".ldf")):
        return False
    if eng != "pdflatex":
        return _font(XE_FONT.get(t["font"], t["font"]))
    sty = {"lm": "lmodern", "times": "mathptmx", "helvet": "helvet", "charter": "charter",
           "palatino": "mathpazo", "cm": "lmodern" if lang in NEEDS_T1 else "article"}[t["font"]]
    if lang in ("cs", "pl", "tr"):
        sty = {"helvet": "tgheros", "times": "tgtermes", "palatino": "tgpagella", "charter": "tgschola"}.get(
            t["font"], "lmodern")
    return _have(sty + (".cls" if sty == "article" else ".sty"), *(("t2aenc.def",) if lang == "ru" else ()))


# ---------------------------------------------------------------- escaping and view -> macro calls

_ESC = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
        "^": r"\textasciicircum{}", "_": r"\hvus{}", "%": r"\%", "~": r"\textasciitilde{}",
        "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", "\u00a0": "~", "\n": " ", "\t": " ",
        "\u2009": r"\,", "\u202f": r"\,", "•": r"\textbullet{}",
        "·": r"\textperiodcentered{}", "…": r"\dots{}"}
_ESC_RE = re.compile("|".join(re.escape(k) for k in _ESC))


def esc(s: Any) -> str:
    """A view string as LaTeX text (every special character escaped; '[' guarded after \\item)."""
    if s is None:
        return ""
    out = _ESC_RE.sub(lambda m: _ESC[m.group()], str(s).strip())
    return "{[}" + out[1:] if out.startswith("[") else out


def esc_url(u: str) -> str:
    return re.sub(r"([%#\\{}~^&_$])", r"\\\1", u)


def _m(name: str, *args: Any) -> str:
    return "\\" + name + "".join("{" + (a if isinstance(a, _Raw) else esc(a)) + "}" for a in args)


class _Raw(str):
    pass


def _items(xs: list[str]) -> _Raw:
    return _Raw("".join("\\hvli{" + esc(x) + "}" for x in xs if x))


def _section(view: dict, kind: str, lang: str) -> str:
    comma = COMMA.get(lang, ", ")
    h = (view.get("headings") or {}).get(kind) or ""
    out: list[str] = []
    if kind == "summary" and view.get("summary"):
        out.append(_m("hvtext", view["summary"]))
    elif kind == "work":
        for w in view.get("work") or []:
            out.append(_m("hvjob", w.get("position"), w.get("company"), w.get("location"), w.get("dates"),
                          w.get("summary"), _items(w.get("highlights") or [])))
    elif kind == "education":
        for e in view.get("education") or []:
            out.append(_m("hvedu", e.get("degree_line") or e.get("studyType") or e.get("area"),
                          e.get("institution"), e.get("location"), e.get("dates"), e.get("score")))
    elif kind == "skills":
        style, skills = view.get("skills_style") or "groups", view.get("skills") or []
        if style == "list" or (style == "levels" and not any(s.get("level") for s in skills)):
            names = [s.get("name") or comma.join(s.get("keywords") or []) for s in skills]
            out.append(_m("hvlist", _items(names))) if any(names) else None
        elif style == "prose":
            text = " ".join(f"{s['name']}: {comma.join(s.get('keywords') or [])}." if s.get("name")
                            else comma.join(s.get("keywords") or []) + "." for s in skills)
            out.append(_m("hvtext", text)) if skills else None
        else:
            for s in skills:
                kws = comma.join(s.get("keywords") or [])
                out.append(_m("hvskill", s.get("name"), kws or s.get("level")))
    elif kind == "languages":
        out += [_m("hvlang", lg.get("language"), lg.get("fluency")) for lg in view.get("languages") or []
                if lg.get("language")]
    elif kind == "projects":
        out += [_m("hvproject", p.get("name"), p.get("description"), p.get("dates"))
                for p in view.get("projects") or [] if p.get("name")]
    elif kind == "certificates":
        out += [_m("hvcert", c.get("name"), c.get("issuer"), c.get("date"))
                for c in view.get("certificates") or [] if c.get("name")]
    elif kind == "interests":
        out += [_m("hvinterest", i.get("name"), comma.join(i.get("keywords") or []))
                for i in view.get("interests") or [] if i.get("name")]
    if not out:
        return ""
    return "\n".join([_m("hvsection", h), _m("hvbegin", kind), *out, _m("hvend", kind), ""])


def _data(view: dict) -> str:
    name = (view.get("name") or "").strip()
    first, _, last = name.rpartition(" ") if " " in name else ("", "", name)
    fields = {"hvName": name, "hvFirst": first, "hvLast": last, "hvLabel": view.get("label"),
              "hvEmail": view.get("email"), "hvPhone": view.get("phone"), "hvLocation": view.get("location"),
              "hvUrlText": re.sub(r"^https?://", "", view.get("url") or "").rstrip("/")}
    lines = [f"\\newcommand{{\\{k}}}{{{esc(v)}}}" for k, v in fields.items()]
    lines.append(f"\\newcommand{{\\hvUrl}}{{{esc_url(view.get('url') or '')}}}")
    lines.append(f"\\newcommand{{\\hvEmailUrl}}{{{esc_url(view.get('email') or '')}}}")
    for k, v in (view.get("headings") or {}).items():
        lines.append(f"\\newcommand{{\\hvH{k}}}{{{esc(v)}}}")
    contacts = []
    if view.get("email"):
        contacts.append(_m("hvcontact", "email", view["email"], _Raw(esc_url("mailto:" + view["email"]))))
    if view.get("phone"):
        contacts.append(_m("hvcontact", "phone", view["phone"], ""))
    if view.get("location"):
        contacts.append(_m("hvcontact", "location", view["location"], ""))
    if view.get("url"):
        contacts.append(_m("hvcontact", "url", fields["hvUrlText"], _Raw(esc_url(view["url"]))))
    profiles = [_m("hvprofile", p.get("network"), p.get("username") or p.get("url"),
                   re.sub(r"^https?://(www\.)?", "", p.get("url") or p.get("username") or "").rstrip("/"),
                   _Raw(esc_url(p.get("url") or ""))) for p in view.get("profiles") or []
                if p.get("username") or p.get("url")]
    lines.append("\\newcommand{\\hvContacts}{" + "\\hvsep ".join(contacts) + "}")
    lines.append("\\newcommand{\\hvProfiles}{" + "\\hvsep ".join(profiles) + "}")
    return "\n".join(lines)


def _preamble(t: dict[str, str], lang: str, eng: str) -> str:
    out = [r"\pdfinfoomitdate=1 \pdftrailerid{}" if eng == "pdflatex" else ""]
    if eng == "lualatex":
        out.append(r"\pdfvariable suppressoptionalinfo 1023 \pdfvariable trailerid{}")
    if eng == "pdflatex":
        if t["uni"] == "g2u":
            out.append("\\input{glyphtounicode}\\pdfgentounicode=1")
        if t["uni"] == "cmap" or lang == "ru":  # Russian without ToUnicode maps would be unreadable
            out.append(r"\usepackage{cmap}")
        enc = [e for e in ("T1" if lang in NEEDS_T1 else t["enc"], "T2A" if lang == "ru" else "") if e]
        if enc != ["OT1"]:
            out.append(f"\\usepackage[{','.join(enc)}]{{fontenc}}")
        else:  # OT1 fonts have no underscore: the typewriter one, as people do for e-mail addresses
            out.append(r"\newcommand{\hvus}{{\ttfamily\char95}}")
        out.append(r"\usepackage[utf8]{inputenc}")
        if lang in ("cs", "pl", "tr"):
            out.append(GYRE.get(t["font"], FONT_PKG[t["font"]]) + "\n\\ifdefined\\ecvfont\\ecvfont{qhv}\\fi")
        else:
            out.append(FONT_PKG["lm" if t["font"] == "cm" and lang in NEEDS_T1 else t["font"]])
    else:
        font = XE_FONT.get(t["font"], t["font"])
        if lang == "ru" and font.startswith(("TeX Gyre", "Latin Modern")):
            font = "Liberation Sans"  # TeX Gyre and Latin Modern have no Cyrillic
        out.append(r"\usepackage{fontspec}" + f"\n\\setmainfont{{{font}}}\n\\setsansfont{{{font}}}")
        if lang in CJK_FONT:
            serif = "Serif" if "Serif" in font else "Sans"
            out.append("\\usepackage{xeCJK}\n"
                       f"\\setCJKmainfont{{Noto {serif} CJK {CJK_FONT[lang]}}}\n"
                       f"\\setCJKsansfont{{Noto Sans CJK {CJK_FONT[lang]}}}"
                       + ("\n\\xeCJKsetup{CJKspace=true}" if lang == "ko" else ""))  # Korean keeps its spaces
    if lang in BABEL:
        out.append(f"\\usepackage[{BABEL[lang]},shorthands=off]{{babel}}")
    out.append((TEX / "_common.tex").read_text(encoding="utf-8"))
    return "\n".join(o for o in out if o)


def source(view: dict, template: str) -> tuple[str, str]:
    """(LaTeX source, engine) for a view in a template."""
    t = _T[template]
    lang = view.get("lang") or "en"
    eng = engine(template, lang)
    text = (TEX / f"{t['file']}.tex").read_text(encoding="utf-8")
    side_m = re.search(r"^%% side: (.*)$", text, re.M)
    order_m = re.search(r"^%% order: (.*)$", text, re.M)
    side = (side_m[1] if side_m else "").split()
    order = (order_m[1] if order_m else " ".join(SECTIONS)).split()
    late = ARABIC if lang == "ar" else ""  # bidi (polyglossia) wants to be loaded after everything else
    subs = {"PREAMBLE": _preamble(t, lang, eng), "DATA": late + _data(view),
            "MAIN": "\n".join(_section(view, k, lang) for k in order if k not in side),
            "SIDE": "\n".join(_section(view, k, lang) for k in order if k in side),
            "ECVLANG": {"de": "german", "es": "spanish"}.get(lang, BABEL.get(lang, "english")),
            **{k.upper(): v for k, v in t.items()}}
    for k, v in subs.items():
        text = text.replace(f"%%{k}%%", v)
    return text, eng


def render(view: dict, template: str, out_stem: Path, keep_tex: bool = False) -> Path:
    return compile_tex(*source(view, template), Path(out_stem), keep_tex=keep_tex)


def compile_tex(src: str, eng: str, out_stem: Path, keep_tex: bool = False, runs: int = 1) -> Path:
    """Typeset ``src`` with ``eng`` into ``out_stem``.pdf (``runs`` passes: page references need two)."""
    out = out_stem.with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    template = out_stem.name
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "FORCE_SOURCE_DATE": "1",
           "max_print_line": "1000"}
    with tempfile.TemporaryDirectory(prefix="htdy-tex-") as tmp:
        (Path(tmp) / "cv.tex").write_text(src, encoding="utf-8")
        if keep_tex:
            out.with_suffix(".tex").write_text(src, encoding="utf-8")
        cmd = [eng, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "cv.tex"]
        for _ in range(runs):
            try:
                proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, timeout=TIMEOUT_S,
                                      stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired as e:
                raise RuntimeError(f"{eng} timed out after {TIMEOUT_S}s on {template}") from e
            if proc.returncode != 0:
                break
        pdf = Path(tmp) / "cv.pdf"
        if proc.returncode != 0 or not pdf.exists():
            log = Path(tmp) / "cv.log"
            tail = (log.read_text(errors="replace") if log.exists() else proc.stdout.decode(errors="replace"))
            errs = [ln for ln in tail.splitlines() if ln.startswith("!")]
            raise RuntimeError(f"{eng} failed on {template}: {'; '.join(errs[:3])}\n"
                               + "\n".join(tail.splitlines()[-15:]))
        shutil.move(str(pdf), out)
    return out


def setup() -> None:
    """Nothing to install from Python; `supports()` says no where a package is missing. Debian packages:
    texlive-latex-base (pdflatex, lualatex), texlive-latex-extra (moderncv, europasscv, europecv, paracol),
    texlive-fonts-recommended, lmodern, tex-gyre, texlive-xetex, texlive-lang-{german,french,spanish,italian,
    portuguese,european,polish,czechslovak,cyrillic,cjk,arabic}, fonts-noto-core, fonts-noto-cjk,
    fonts-liberation2, fonts-texgyre (Amiri comes with texlive-lang-arabic)."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--view", help="a view JSON file (else people.make_person)")
    ap.add_argument("--langs", default="en")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--templates", default="")
    ap.add_argument("--out", default="/tmp/htdy-latex")
    ap.add_argument("--keep-tex", action="store_true")
    a = ap.parse_args(argv)
    views = []
    if a.view:
        views.append(json.loads(Path(a.view).read_text(encoding="utf-8")))
    else:
        from htdy.parsers.training.people import make_person
        views += [make_person(a.seed, lang).view for lang in a.langs.split(",")]
    failed = 0
    for view in views:
        for t in a.templates.split(",") if a.templates else templates():
            if not supports(t, view["lang"]):
                continue
            t0 = time.monotonic()
            try:
                p = render(view, t, Path(a.out) / f"{a.seed}-{t}-{view['lang']}", keep_tex=a.keep_tex)
                print(f"{p}  {time.monotonic() - t0:.1f}s")
            except RuntimeError as e:
                failed += 1
                print(f"FAILED {t} {view['lang']}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
