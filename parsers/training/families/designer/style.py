"""CSS of one design (plain values, no custom properties: WeasyPrint and Chromium read the same sheet).

Sides are resolved here (``S`` = start, ``X`` = end) so right-to-left pages mirror without relying on
logical properties.
"""
from __future__ import annotations

from pathlib import Path

from .grid import BLEED_LAYOUTS, Design
from .icons import fa_face

# Inter ships with htdy's renderers (renderers/fonts); declared so both engines find it without installing
_REPO_FONTS = Path(__file__).resolve().parents[4] / "renderers" / "fonts"


def _inter_face() -> str:
    out = []
    for style, weight, f in (("normal", 400, "Inter-Regular.otf"), ("normal", 700, "Inter-Bold.otf"),
                             ("italic", 400, "Inter-Italic.otf")):
        if (_REPO_FONTS / f).exists():
            out.append(f"@font-face {{ font-family: 'Inter'; font-style: {style}; font-weight: {weight}; "
                       f"src: url('{(_REPO_FONTS / f).as_uri()}'); }}\n")
    return "".join(out)

CJK = {"zh": "SC", "ja": "JP", "ko": "KR", "zh-tw": "TC"}
PAGE_MM = {"A4": (210, 297), "letter": (215.9, 279.4)}


def font_stack(font: str, serif: bool, cyrillic: bool, lang: str, arabic: str = "Noto Kufi Arabic") -> str:
    """The design's font first, then what the language needs (fonts chosen per glyph by both engines)."""
    base = lang.split("-")[0]
    if base in ("ru", "uk", "bg", "sr", "el") and not cyrillic:
        font = "Noto Serif" if serif else "Noto Sans"
    stack = [font]
    if base in CJK:
        stack.append(f"Noto {'Serif' if serif else 'Sans'} CJK {CJK[base]}")
    if base in ("ar", "fa", "ur"):
        stack += [arabic, "DejaVu Sans"]
    stack.append("DejaVu Serif" if serif else "DejaVu Sans")
    return ", ".join(f"'{f}'" for f in stack)


def _tint(hex_: str, f: float) -> str:
    """Mix a colour with white (f = share of white)."""
    r, g, b = (int(hex_[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * f):02x}" for c in (r, g, b))


def css(d: Design, lang: str, rtl: bool) -> str:
    S, X = ("right", "left") if rtl else ("left", "right")
    A, tint, pale, muted = d.accent, _tint(d.accent, 0.88), _tint(d.accent, 0.94), _tint(d.text, 0.35)
    body_f = font_stack(d.font, d.serif, d.cyrillic, lang, d.arabic)
    head_f = font_stack(d.head_font, False, True, lang, d.arabic) if d.head_font else body_f
    bleed = d.layout in BLEED_LAYOUTS
    pw, ph = PAGE_MM[d.page]
    ls = 0 if rtl else d.letter  # letter-spacing breaks Arabic joining
    band = d.layout in ("band-left", "band-right")
    side_first = d.layout in ("sidebar-left", "band-left")
    inner = S if side_first else X  # side of the main column that faces the sidebar
    c = [fa_face(), _inter_face() if "Inter" in (d.font, d.head_font) else "", f"""
@page {{ size: {d.page}; margin: {"0" if bleed else f"{d.vmargin}mm {d.margin}mm"}; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {body_f}; font-size: {d.size}pt; line-height: {d.lh}; color: {d.text}; }}
a {{ color: inherit; text-decoration: none; }}
p {{ margin: 0 0 4pt; }}
h1.name {{ font-family: {head_f}; font-size: {d.name_size}pt; line-height: 1.1; margin: 0; color: {A};
  font-weight: bold; {f"text-transform: uppercase; letter-spacing: {ls / 2}px;" if d.name_upper else ""} }}
h1.name .nf {{ font-weight: 300; }}
.label {{ font-size: 1.25em; color: {muted}; margin-top: 3pt; }}
header.top {{ margin-bottom: 9pt; {"text-align: center;" if d.name_center else ""} }}
header.top .summary {{ margin-top: 7pt; }}
.contact.inline {{ margin-top: 6pt; font-size: .93em; color: {muted}; }}
.contact.inline .ci {{ white-space: nowrap; }}
.contact.inline .ci + .ci {{ margin-{S}: 8pt; }}
.contact.stacked {{ font-size: .9em; }}
.contact.stacked div {{ margin: 0 0 3pt; overflow-wrap: anywhere; }}
.ic {{ display: inline-block; width: 1.25em; text-align: center; color: {A}; font-style: normal; }}
.ic.fa {{ font-family: 'HDIcons'; font-weight: normal; }}
.ic.uni {{ font-family: 'DejaVu Sans'; font-weight: normal; }}
svg.ic {{ width: 1em; height: 1em; vertical-align: -0.12em; margin-{X}: .2em; }}
table.L {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.L > tbody > tr > td {{ vertical-align: top; padding: 0; }}
td.side {{ width: {d.side_w}%; }}
td.sp {{ height: {d.vmargin}mm; padding: 0; }}
section {{ margin-top: 9pt; }}
h2.h {{ font-family: {head_f}; font-size: 1.18em; line-height: 1.25; margin: 0 0 5pt; color: {A};
  break-after: avoid; page-break-after: avoid; }}
h2.caps {{ text-transform: uppercase; letter-spacing: {ls}px; }}
h2.smallcaps {{ font-variant: small-caps; letter-spacing: {ls / 2}px; font-size: 1.32em; }}
h2.rule {{ border-bottom: {1 if d.letter < 3 else 2}px solid {A}; padding-bottom: 2pt;
  {f"text-transform: uppercase; letter-spacing: {ls / 2}px;" if d.letter >= 2.5 else ""} }}
h2.block {{ background: {A}; color: #fff; padding: 2pt 6pt; text-transform: uppercase; letter-spacing: {ls / 2}px; }}
h2.bar {{ border-{S}: 4px solid {A}; padding-{S}: 6pt; }}
h2.numbered .num {{ color: {_tint(A, 0.4)}; margin-{X}: 5pt; }}
h2.icons .ic {{ margin-{X}: 3pt; }}
h2.icons {{ {"text-transform: uppercase;" if d.letter >= 3 else ""} letter-spacing: {ls / 2}px; }}
.entry {{ margin-bottom: 7pt; break-inside: avoid; page-break-inside: avoid; }}
.pos {{ font-weight: bold; }}
.l2 {{ color: {muted}; }}
.dt {{ float: {X}; margin-{S}: 8pt; white-space: nowrap; color: {muted}; font-size: .93em;
  {"font-style: italic;" if d.date_italic else ""} }}
.company-first .loc, .pipe .loc {{ float: {X}; margin-{S}: 8pt; color: {muted}; font-size: .93em; }}
.company-first .l2 i {{ color: {d.text}; }}
.entry.dates-under .dt, .entry.pipe .dt, td.dcol .dt, .side-ed .dt {{ float: none; margin: 0; }}
td.dcol .dt {{ white-space: normal; }}
.entry.dates-under .du .dt {{ font-style: italic; }}
.at {{ color: {muted}; }}
.wsum, .desc {{ margin: 2pt 0 0; }}
ul.b {{ list-style: none; margin: 3pt 0 0; padding-{S}: 1.35em; }}
ul.b li {{ position: relative; margin: 1pt 0; }}
ul.b li::before {{ content: '{d.bullets if len(d.bullets) == 1 else "•"}'; position: absolute; {S}: -1.4em;
  color: {A}; font-family: 'DejaVu Sans'; font-size: .85em; }}
ol {{ margin: 3pt 0 0; padding-{S}: 1.7em; }}
ol li {{ margin: 1pt 0; }}
ul.two {{ list-style: none; margin: 3pt 0 0; padding: 0; }}
ul.two li {{ display: inline-block; box-sizing: border-box; width: 47%; vertical-align: top; margin: 0 2% 2pt 0; padding-{S}: .9em;
  position: relative; }}
ul.two li::before {{ content: '•'; position: absolute; {S}: 0; color: {A}; }}
p.para {{ margin: 2pt 0 0; text-align: justify; }}
table.dc {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
td.dcol {{ width: {24 if d.layout == "label-col" else 20}%; vertical-align: top; padding: 0 10pt 0 0;
  {"padding: 0 0 0 10pt;" if rtl else ""} color: {muted}; {f"text-align: {X};" if d.layout == "label-col" else ""} }}
td.dbody {{ vertical-align: top; padding: 0; }}
td.dbody.hr {{ border-bottom: 1px solid {tint}; }}
table.dc.entry {{ margin-bottom: 7pt; }}
section.lc {{ margin-top: 11pt; }}
section.lc h2.h {{ font-size: 1.05em; margin: 0; }}
.sk-name {{ font-weight: bold; margin: 4pt 0 2pt; }}
.chips {{ margin: 1pt 0 3pt; }}
.chip {{ display: inline-block; padding: 1pt 6pt; margin: 0 0 3pt 0; margin-{X}: 3pt; border-radius: 7pt;
  background: {tint}; color: {A}; font-size: .9em; }}
.rate {{ margin: 1pt 0 3pt; overflow: hidden; }}
.rbar {{ float: {X}; width: 42%; height: 5pt; margin-top: .45em; background: #dddddd; border-radius: 3pt; }}
.rbar i {{ display: block; height: 5pt; background: {A}; border-radius: 3pt; }}
.dots {{ float: {X}; }}
.dot {{ display: inline-block; width: 6pt; height: 6pt; border-radius: 3pt; background: #dddddd; margin-{S}: 2pt; }}
.dot.on {{ background: {A}; }}
ul.grid {{ list-style: none; margin: 1pt 0 3pt; padding: 0; }}
ul.grid li {{ display: inline-block; vertical-align: top; width: {96 // d.skill_cols}%; }}
ul.grid li::before {{ content: '▪'; color: {A}; margin-{X}: 4pt; font-family: 'DejaVu Sans'; }}
.sk-g, .lang, .cert {{ margin: 0 0 3pt; }}
.fl {{ color: {muted}; }}
table.langs {{ width: 100%; border-collapse: collapse; }}
table.langs td {{ padding: 0 0 2pt; }}
table.langs td.fl {{ text-align: {X}; }}
.avatar {{ width: 26mm; height: 26mm; border-radius: 13mm; background: {tint}; border: 3px solid {A};
  margin: 0 auto 6mm; }}
.side section:first-child, .main > section:first-child {{ margin-top: 0; }}
"""]
    # layout specifics
    lay = d.layout
    if lay in ("sidebar-left", "sidebar-right"):
        c.append(f"td.main {{ padding-{inner}: 7mm !important; }}\n")
        if d.side_tint:
            c.append(f"td.side {{ background: {pale}; padding: 5mm 4mm !important; }}\n")
        else:
            c.append(f"td.side {{ border-{X if side_first else S}: 1px solid {tint}; padding-{X if side_first else S}: "
                     f"6mm !important; }}\n")
        c.append(f"header.top {{ border-bottom: 2px solid {A}; padding-bottom: 6pt; }}\n")
    if lay == "split":
        c.append(f"td.main {{ padding-{X}: 7mm !important; }}\n"
                 f"td.side {{ padding-{S}: 6mm !important; border-{S}: 1px solid {tint}; }}\n")
    if band:
        c.append(f"""
.band {{ position: fixed; top: 0; {S if side_first else X}: 0; width: {d.side_w}%; height: {ph}mm; background: {A};
  z-index: -1; }}
td.side {{ color: #fff; padding: 0 6mm !important; }}
td.main {{ padding: 0 {d.margin}mm !important; }}
td.side a, td.side .ic, td.side .fl, td.side .h, td.side .dt, td.side .loc {{ color: #fff; }}
td.side h2.h {{ border-color: #fff; }}
td.side h2.block {{ background: #fff; color: {A}; }}
td.side h2.numbered .num {{ color: #fff; }}
td.side .chip {{ background: {_tint(A, 0.2)}; color: #fff; }}
td.side .rbar, td.side .dot {{ background: {_tint(A, 0.35)}; }}
td.side .rbar i, td.side .dot.on {{ background: #fff; }}
td.side .avatar {{ background: {_tint(A, 0.25)}; border-color: #fff; }}
td.side ul.grid li::before {{ color: #fff; }}
""")
    if lay == "header-band":
        c.append(f"""
header.top {{ background: {A}; color: #fff; padding: {max(d.vmargin, 12)}mm {d.margin}mm 8mm; margin: 0; }}
header.top h1.name, header.top .label, header.top .contact, header.top .ic {{ color: #fff; }}
header.top .avatar {{ float: {X}; width: 22mm; height: 22mm; margin: 0; background: {_tint(A, 0.25)}; border-color: #fff; }}
td.main {{ padding: 0 {d.margin}mm !important; }}
""")
    if lay == "header3":
        c.append(f"""
table.h3t {{ width: 100%; border-collapse: collapse; border-bottom: 3px solid {A}; }}
table.h3t td {{ vertical-align: bottom; padding: 0 0 8pt; font-size: .92em; }}
td.h3n {{ font-size: 1em !important; }}
td.h3c {{ padding-{S}: 8pt !important; border-{S}: 1px solid {tint}; }}
td.h3c div {{ white-space: nowrap; margin-bottom: 2pt; }}
""")
    return "".join(c)
