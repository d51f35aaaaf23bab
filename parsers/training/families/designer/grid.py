"""The parameter grid of the html-designer family: template id → `Design`.

A template id is ``<layout>-<heading>-<engine>`` (e.g. ``sidebar-left-caps-wp``). Layout and heading
style are named in the id; entry header, bullets and skills style cycle through their options over the
ids (so each option appears under both engines); fonts, colours, sizes and the smaller choices are drawn
from a generator seeded by the id. Nothing depends on the person rendered.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

ENGINES = ("wp", "cr")  # WeasyPrint, headless Chromium

# (layout, heading style): layouts with a sidebar hold contact/skills/languages in it
BASES: list[tuple[str, str]] = [
    ("single", "caps"), ("single", "rule"), ("single", "numbered"), ("single", "smallcaps"),
    ("sidebar-left", "caps"), ("sidebar-left", "icons"), ("sidebar-right", "rule"), ("sidebar-right", "block"),
    ("band-left", "caps"), ("band-left", "icons"), ("band-right", "smallcaps"), ("band-right", "bar"),
    ("header-band", "rule"), ("header-band", "icons"), ("header-band", "numbered"),
    ("header3", "caps"), ("header3", "bar"),
    ("label-col", "caps"), ("label-col", "smallcaps"),
    ("split", "block"), ("split", "rule"),
]
ENTRIES = ("stacked", "company-first", "at", "date-col", "dates-under", "pipe", "comma")
BULLETS = ("•", "–", "▸", "✓", "■", "numbered", "para", "two-col")
SKILLS = ("chips", "comma", "bars", "dots", "groups", "grid")

SIDEBAR_LAYOUTS = {"sidebar-left", "sidebar-right", "band-left", "band-right", "split"}
BLEED_LAYOUTS = {"band-left", "band-right", "header-band"}  # @page margin 0, spacer rows instead

# body fonts: (family, has Cyrillic/Greek); CJK / Arabic fallbacks are added per language. Designer CVs
# are mostly set in sans-serif faces, so serifs are drawn less often.
SANS: list[tuple[str, bool]] = [
    ("Lato", True), ("Noto Sans", True), ("DejaVu Sans", True), ("Liberation Sans", True), ("Carlito", True),
    ("Inter", True), ("TeX Gyre Heros", False), ("TeX Gyre Adventor", False), ("URW Gothic", True),
    ("Nimbus Sans", True), ("Liberation Sans Narrow", True), ("Noto Sans Display", True),
]
SERIF: list[tuple[str, bool]] = [
    ("DejaVu Serif", True), ("Liberation Serif", True), ("Noto Serif", True), ("TeX Gyre Termes", False),
    ("TeX Gyre Pagella", False), ("C059", True), ("P052", True), ("TeX Gyre Schola", False),
]
HEAD_FONTS = ["Lato", "Noto Sans", "TeX Gyre Adventor", "URW Gothic", "DejaVu Sans Condensed", "Inter",
              "Noto Serif Display", "Liberation Sans Narrow", "Noto Sans Display"]
ACCENTS = ["#1f3a5f", "#1d6f6a", "#7a1f2b", "#2f5d2f", "#3b4a5a", "#b8571c", "#5b2a86", "#222222",
           "#0b6fa4", "#8a6d1d", "#a23b72", "#2b7a78"]


@dataclass(frozen=True)
class Design:
    id: str
    layout: str
    heading: str
    engine: str
    entry: str
    bullets: str
    skills: str
    font: str = "DejaVu Sans"
    serif: bool = False
    cyrillic: bool = True
    head_font: str | None = None
    size: float = 10.0             # body font size, pt
    lh: float = 1.35               # line height
    margin: int = 16               # horizontal page margin / padding, mm
    vmargin: int = 14              # vertical page margin, mm
    page: str = "A4"
    accent: str = "#1f3a5f"
    text: str = "#222222"
    side_w: int = 32               # sidebar width, %
    side_tint: bool = True         # light tinted sidebar (non-band layouts)
    letter: float = 2.5            # heading letter-spacing, px
    name_upper: bool = False
    name_size: float = 24.0
    name_center: bool = False
    contact: str = "icons"         # icons | lines | plain | pipe
    icons: str = "fa"              # fa (PUA icon font) | uni (Unicode symbols) | svg
    edu_in_side: bool = False
    summary_in_header: bool = False
    edu_first: bool = False
    show: frozenset[str] = field(default_factory=frozenset)  # optional fields/sections printed
    sep: str = " | "               # pipe/comma entry separator
    skill_cols: int = 2
    lang_style: str = "dash"       # dash | paren | line2 | table
    avatar: bool = False
    date_italic: bool = False
    arabic: str = "Noto Kufi Arabic"  # Arabic-script face (their PDFs extract differently, as in real life)
    name_split: str = ""           # "" | "lines" (given name over family name) | "weights" (light + bold)


def _rng(tid: str) -> random.Random:
    return random.Random(int(hashlib.sha256(tid.encode()).hexdigest()[:16], 16))


def templates() -> list[str]:
    return [f"{lay}-{head}-{eng}" for lay, head in BASES for eng in ENGINES]


def design(tid: str) -> Design:
    ids = templates()
    if tid not in ids:
        raise ValueError(f"unknown html-designer template {tid!r}")
    i = ids.index(tid)
    base, engine = tid.rsplit("-", 1)
    layout, heading = next((lay, h) for lay, h in BASES if f"{lay}-{h}" == base)
    r = _rng(tid)
    entry = "date-col" if layout == "label-col" else ENTRIES[(i * 3 + i // 7) % len(ENTRIES)]
    bullets = BULLETS[(i * 5 + i // 8) % len(BULLETS)]
    skills = SKILLS[(i * 7 + i // 6) % len(SKILLS)]
    serif = r.random() < 0.3
    font, cyr = r.choice(SERIF if serif else SANS)
    optional = {"location", "work_location", "edu_location", "edu_dates", "score", "profiles", "url", "phone",
                "projects", "interests", "certificates", "label", "summary", "work_summary", "languages"}
    # a design may leave out a few things, as real ones do
    dropped = set(r.sample(sorted({"work_location", "edu_location", "score", "projects", "interests",
                                   "certificates", "url", "work_summary"}), r.choice((0, 1, 1, 2, 3))))
    if r.random() < 0.12:
        dropped.add("edu_dates")
    return Design(
        id=tid, layout=layout, heading=heading, engine=engine, entry=entry, bullets=bullets, skills=skills,
        font=font, serif=serif, cyrillic=cyr,
        head_font=r.choice(HEAD_FONTS) if r.random() < 0.4 else None,
        size=r.choice((8.5, 9, 9.5, 10, 10, 10.5, 11)), lh=r.choice((1.2, 1.3, 1.35, 1.45, 1.55)),
        margin=r.choice((10, 12, 14, 16, 18, 20)), vmargin=r.choice((10, 12, 14, 16, 18)),
        page="letter" if r.random() < 0.25 else "A4",
        accent=r.choice(ACCENTS), text=r.choice(("#111111", "#222222", "#333333", "#2d3340")),
        side_w=r.choice((28, 30, 32, 34, 36)), side_tint=r.random() < 0.6,
        letter=r.choice((2, 2.5, 3, 4)),
        name_upper=r.random() < 0.45, name_size=r.choice((20, 22, 24, 26, 28, 32)),
        name_center=layout in ("single", "header-band", "split") and r.random() < 0.4,
        contact=r.choice(("icons", "icons", "lines", "plain", "pipe")),
        icons=r.choice(("fa", "fa", "uni", "svg")),
        edu_in_side=layout in SIDEBAR_LAYOUTS and r.random() < 0.3,
        summary_in_header=r.random() < 0.35, edu_first=r.random() < 0.15,
        show=frozenset(optional - dropped), sep=r.choice((" | ", ", ", " · ", " — ")),
        skill_cols=r.choice((2, 2, 3)), lang_style=r.choice(("dash", "paren", "line2", "table")),
        avatar=layout in ("band-left", "band-right", "sidebar-left", "header-band") and r.random() < 0.4,
        date_italic=r.random() < 0.5,
        arabic=r.choice(("Noto Kufi Arabic", "Noto Kufi Arabic", "Noto Naskh Arabic", "Noto Naskh Arabic",
                         "Noto Sans Arabic", "DejaVu Sans")),
        # drawn last so the choices above stay what they were for every template
        name_split=r.choice(("", "", "", "", "lines", "lines", "weights")),
    )
