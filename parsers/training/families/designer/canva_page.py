"""Assemble a designer-tool page (`canva.py`'s boxes) for one of its layouts, with its CSS."""
from __future__ import annotations

from html import escape

from . import canva as C
from .style import _tint, font_stack


def _sec(p: C.Page, view: dict, key: str, body: str) -> str:
    if not body:
        return ""
    return f'<section class="{key}">{C._head(p, (view.get("headings") or {}).get(key))}{body}</section>'


def _blocks(p: C.Page, view: dict) -> dict[str, str]:
    return {"contact": C._contact(p, view), "summary": C.summary(p, view), "work": C.work(p, view),
            "education": C.education(p, view), "skills": C.skills(p, view), "languages": C.languages(p, view),
            "interests": C.interests(p, view), "certificates": C.certificates(p, view)}


def _secs(p: C.Page, view: dict, b: dict[str, str], keys: tuple[str, ...]) -> str:
    return "".join(_sec(p, view, k, b[k]) for k in keys)


SPACER = '<thead><tr><td colspan="{n}" class="sp"></td></tr></thead><tfoot><tr><td colspan="{n}" class="sp"></td></tr></tfoot>'
AV = '<div class="avatar"></div>'


def body(view: dict, c: C.Canvas) -> str:
    p = C.Page(c, c.id + (view.get("name") or ""))
    lay = c.layout
    name = C._name(p, view)
    if lay == "three-col":
        b = _blocks(p, view)
        c1 = AV + _secs(p, view, b, ("contact", "skills"))
        c2 = f'<header>{name}</header>' + _secs(p, view, b, ("summary", "work"))
        c3 = _secs(p, view, b, ("education", "languages", "certificates", "interests"))
        return (f'<div class="band"></div><table class="L">{SPACER.format(n=3)}<colgroup><col style="width:27%">'
                f'<col style="width:45%"><col></colgroup><tbody><tr><td class="side">{c1}</td>'
                f'<td class="main">{c2}</td><td class="third">{c3}</td></tr></tbody></table>')
    if lay == "side-heads":
        heads = view.get("headings") or {}
        b = _blocks(p, view)
        rows = [f'<tr class="hd"><td class="lc">{AV}{b["contact"]}</td><td class="rc"><header>{name}</header>'
                f'{b["summary"]}</td></tr>']
        for k in ("work", "education", "skills", "languages", "certificates", "interests"):
            if b[k] and heads.get(k):
                rows.append(f'<tr><td class="lc">{C._head(p, heads[k])}</td><td class="rc">{b[k]}</td></tr>')
        return (f'<div class="band"></div><table class="L">{SPACER.format(n=2)}<colgroup><col style="width:28%">'
                f'<col></colgroup><tbody>{"".join(rows)}</tbody></table>')
    head = f'<header class="ph">{AV}<div class="nb">{name}</div></header>'
    if lay == "timeline":
        b = _blocks(p, view)
        side = _secs(p, view, b, ("contact", "skills", "languages", "interests"))
        main = _secs(p, view, b, ("summary", "work", "education", "certificates"))
        cells = f'<td class="side">{side}</td><td class="main">{main}</td>'
        cols = '<col style="width:32%"><col>'
    else:  # photo-header: contact items in a row under the name, the side column on the right
        head += f'<div class="crow">{C._contact(p, view)}</div>'
        b = _blocks(p, view)
        main = _secs(p, view, b, ("summary", "work", "education"))
        side = _secs(p, view, b, ("skills", "languages", "certificates", "interests"))
        cells = f'<td class="main">{main}</td><td class="side">{side}</td>'
        cols = '<col><col style="width:33%">'
    return f'{head}<table class="L"><colgroup>{cols}</colgroup><tbody><tr>{cells}</tr></tbody></table>'


def css(c: C.Canvas, lang: str) -> str:
    A, tint, pale, muted = c.accent, _tint(c.accent, 0.8), _tint(c.accent, 0.93), "#6b7280"
    body_f = font_stack(c.font, False, True, lang)
    disp = font_stack(c.display, False, True, lang) if c.display else body_f
    band = c.layout in ("three-col", "side-heads")
    bw = {"three-col": 27, "side-heads": 28}.get(c.layout, 0)
    head = (f"font-family: {disp}; font-size: 1.5em; font-weight: normal;" if c.display else
            f"text-transform: uppercase; letter-spacing: {c.track}px; font-size: 1.08em; font-weight: bold;")
    out = f"""
@page {{ size: A4; margin: {"0" if band else "13mm 14mm"}; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {body_f}; font-size: {c.size}pt; line-height: 1.35; color: #2d2d2d; }}
.w {{ margin-right: .26em; }}
h2.h .w {{ margin-right: calc(.26em + {0 if c.display else c.track}px); }}
.jobtitle .w {{ margin-right: calc(.26em + 1.5px); }}
.name {{ font-family: {disp}; font-size: 28pt; line-height: 1.1; color: {A}; font-weight: bold;
  {"text-transform: uppercase;" if c.name_split == "lines" else ""} }}
.name .nf {{ font-weight: 300; }}
svg.nameimg {{ display: block; max-width: 100%; height: auto; }}
.jobtitle {{ font-size: 1.15em; letter-spacing: 1.5px; text-transform: uppercase; color: {muted}; margin: 4pt 0 6pt; }}
h2.h {{ {head} color: {A}; margin: 10pt 0 5pt; }}
section:first-child h2.h {{ margin-top: 0; }}
.ci {{ margin: 0 0 4pt; overflow-wrap: anywhere; }}
svg.ic {{ width: .95em; height: .95em; vertical-align: -.12em; margin-right: .45em; color: {A}; }}
table.L {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.L > tbody > tr > td {{ vertical-align: top; padding: 0; }}
td.sp {{ height: 12mm; }}
.avatar {{ width: 30mm; height: 30mm; border-radius: 15mm; background: {tint}; border: 3px solid #fff;
  box-shadow: 0 0 0 2px {A}; margin: 0 auto 6mm; }}
.ent {{ width: 100%; border-collapse: collapse; margin-bottom: 6pt; break-inside: avoid; }}
td.dc {{ width: 23%; vertical-align: top; padding: 1pt 8pt 0 0; }}
td.eb {{ vertical-align: top; padding: 0 0 4pt 10pt; }}
.dt {{ font-size: .85em; color: {A}; }}
.pos {{ font-weight: bold; font-size: 1.05em; }}
.sub {{ color: {muted}; }}
.tl td.eb, div.tl .eb {{ border-left: 2px solid {tint}; position: relative; padding-left: 12pt; }}
.tl td.eb::before, div.tl .eb::before {{ content: ''; position: absolute; left: -6px; top: 2pt; width: 8px; height: 8px;
  border-radius: 5px; background: #fff; border: 2px solid {A}; }}
div.ent .eb {{ padding-left: 0; }}
div.tl .eb {{ padding-left: 12pt; }}
ul {{ margin: 3pt 0 0; padding-left: 1.1em; }}
li {{ margin: 1pt 0; }}
.wsum, .summary {{ margin: 2pt 0 4pt; }}
.skr, .sk {{ margin: 0 0 3pt; }}
.skr {{ display: flex; align-items: center; justify-content: space-between; gap: 6pt; }}
.pct {{ float: right; color: {muted}; font-size: .9em; }}
.bar {{ display: block; width: 45%; height: 5pt; background: {pale}; border-radius: 3pt; flex: none; }}
div.sk + .bar {{ width: 100%; margin: 0 0 5pt; }}
.bar i {{ display: block; height: 5pt; background: {A}; border-radius: 3pt; }}
.dots {{ flex: none; }}
.dot {{ display: inline-block; width: 7pt; height: 7pt; border-radius: 4pt; background: {pale}; margin-left: 2pt; }}
.dot.on {{ background: {A}; }}
.sg {{ font-weight: bold; margin: 3pt 0 2pt; }}
.chip {{ display: inline-block; padding: 1pt 6pt; margin: 0 3pt 3pt 0; border: 1px solid {A}; border-radius: 8pt; font-size: .9em; }}
.lg {{ margin: 0 0 3pt; }} .fl {{ color: {muted}; }}
.cert {{ margin: 0 0 3pt; }}
"""
    if band:
        out += f"""
.band {{ position: fixed; top: 0; left: 0; width: {bw}%; height: 297mm; background: {A}; z-index: -1; }}
td.side, td.lc {{ color: #fff; padding: 0 6mm !important; }}
td.side h2.h, td.lc h2.h, td.side .ic, td.lc .ic, td.side .dt, td.side .pct {{ color: #fff; }}
td.side .bar {{ background: {_tint(A, 0.35)}; }} td.side .bar i {{ background: #fff; }}
td.main {{ padding: 0 5mm 0 7mm !important; }}
td.third {{ padding: 0 9mm 0 4mm !important; border-left: 1px solid {tint}; }}
td.rc {{ padding: 0 12mm 8pt 7mm !important; }}
td.lc h2.h {{ text-align: right; }}
tr.hd td {{ padding-bottom: 10pt !important; }}
"""
    else:
        out += f"""
header.ph {{ display: flex; align-items: center; gap: 8mm; margin-bottom: 4mm; }}
header.ph .avatar {{ margin: 0; flex: none; }}
.crow {{ display: flex; flex-wrap: wrap; gap: 2pt 14pt; border-top: 1px solid {tint}; border-bottom: 1px solid {tint};
  padding: 4pt 0; margin-bottom: 6mm; }}
.crow .ci {{ margin: 0; }}
td.side {{ background: {pale if c.layout == "timeline" else "transparent"}; padding: 4mm !important; }}
td.main {{ padding: {"0 0 0 6mm" if c.layout == "timeline" else "0 6mm 0 0"} !important; }}
"""
    return out


def document(view: dict, c: C.Canvas) -> str:
    lang = view.get("lang") or "en"
    title = view.get("name") if c.title == "name" else c.title
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title or "")}'
            f'</title><style>{css(c, lang)}</style></head><body class="cv-{c.layout}">{body(view, c)}'
            f'</body></html>')
