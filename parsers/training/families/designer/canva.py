"""Pages as designer tools (Canva, Enhancv, Illustrator exports) lay them out, printed by Chromium.

What they do that the grid of `grid.py` does not: three columns; every text box a layer of its own, the
content stream following the layers' order rather than the reading order (here: each box gets a
``z-index`` from a shuffle, and Chromium paints, hence writes, in z order); every word a text object
of its own, with no space glyph between words (``<wbr>`` breaks, margins for gaps); the name on two lines
in two weights, beside or under a photo circle, the job title under it; section titles tracked wide or set
in a display face, sometimes in a coloured band beside their sections; dates in a column of their own in
a smaller coloured type; timelines (dots on a vertical rule); skills with percentages, bars or dots;
languages with level bars and no level word; SVG icons before contact items; the name drawn as
outlines (an SVG of glyph paths: no text at all).

A template id is ``<layout>-<variant>``; everything else is drawn from a generator seeded by the id.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from html import escape

from . import outline
from .blocks import _level, bare, val
from .icons import icon

LAYOUTS = ("three-col", "timeline", "side-heads", "photo-header")
VARIANTS = ("a", "b")
ACCENTS = ["#2b4c7e", "#1d6f6a", "#b5654a", "#5b2a86", "#3a3a3a", "#c0392b", "#0f766e", "#7c5c3b", "#334155"]
DISPLAY = ["Noto Serif Display", "TeX Gyre Adventor", "URW Gothic", "C059", "Noto Sans Display", "P052"]
BODY = ["Lato", "Noto Sans", "Liberation Sans", "Carlito", "Nimbus Sans", "DejaVu Sans", "Noto Sans Display"]


@dataclass(frozen=True)
class Canvas:
    id: str
    layout: str
    words: bool          # every word its own text object
    shuffle: bool        # text boxes painted (and written) in a shuffled order
    outline_name: bool   # the name drawn, not set
    accent: str
    font: str
    display: str | None  # section titles (and the name) in a display face, else tracked capitals
    track: float         # letter-spacing of the titles, px
    name_split: str      # "lines" | "weights" | ""
    skills: str          # percent | bars | dots | chips
    langs: str           # bars | dots | text
    timeline: bool
    date_col: bool       # dates in a column of their own, left of the entry
    size: float
    title: str           # the PDF's /Title: the name, or the design's name


def canvas(tid: str) -> Canvas:
    layout, variant = tid.rsplit("-", 1)
    if layout not in LAYOUTS or variant not in VARIANTS:
        raise ValueError(f"unknown canvas template {tid!r}")
    r = random.Random(int(hashlib.sha256(tid.encode()).hexdigest()[:16], 16))
    b = variant == "b"
    return Canvas(
        id=tid, layout=layout, words=b, shuffle=True, outline_name=b and layout in ("side-heads", "photo-header"),
        accent=r.choice(ACCENTS), font=r.choice(BODY), display=r.choice(DISPLAY) if r.random() < 0.5 else None,
        track=r.choice((2.5, 3, 4, 5)), name_split=r.choice(("lines", "lines", "weights")),
        skills=r.choice(("percent", "bars", "dots", "chips")) if layout != "three-col" else "percent",
        langs=r.choice(("bars", "dots", "text")), timeline=layout in ("timeline", "three-col") or r.random() < 0.3,
        date_col=layout in ("timeline", "side-heads") or r.random() < 0.5, size=r.choice((9, 9.5, 10, 10.5)),
        title=r.choice(("name", "name", "Modern Minimalist Resume", "CV")),
    )


class Page:
    """Builds boxes: each a z-ordered layer, its words set apart when the design says so."""

    def __init__(self, c: Canvas, seed: str):
        self.c, self.n = c, 0
        self.order = list(range(1, 400))
        random.Random(seed).shuffle(self.order)

    def t(self, s: object) -> str:
        """Text, one object per word when the design sets words apart."""
        s = str(s)
        if not self.c.words:
            return escape(s)
        return "<wbr>".join(f'<span class="w">{escape(w)}</span>' for w in s.split())

    def box(self, tag: str, cls: str, inner: str) -> str:
        z = ""
        if self.c.shuffle:
            self.n += 1
            z = f' style="position:relative;z-index:{self.order[self.n % len(self.order)]}"'
        return f'<{tag} class="{cls}"{z}>{inner}</{tag}>'


def _name(p: Page, view: dict) -> str:
    c = p.c
    name = val(view, "name") or ""
    first, _, last = name.rpartition(" ")
    lines = [first, last] if first else [name]
    if c.outline_name:  # glyph outlines: no text in the PDF
        styles = ["light", "bold"] if len(lines) == 2 else ["bold"]
        out = outline.svg(list(zip(lines, styles, strict=True)), c.display or c.font, 28, c.accent, c.name_split == "lines")
    elif c.name_split == "lines" and first:
        out = p.box("div", "name", f'<span class="nf">{p.t(first)}</span><br>{p.t(last)}')
    elif c.name_split == "weights" and first:
        out = p.box("div", "name", f'<span class="nf">{p.t(first)}</span> {p.t(last)}')
    else:
        out = p.box("div", "name", p.t(name))
    if val(view, "label"):
        out += p.box("div", "jobtitle", p.t(view["label"]))
    return out


def _head(p: Page, text: str | None) -> str:
    return p.box("h2", "h", p.t(text)) if text else ""


def _contact(p: Page, view: dict) -> str:
    items = []
    for kind, key in (("email", "email"), ("phone", "phone"), ("location", "location"), ("url", "url")):
        if val(view, key):
            text = bare(view[key]) if key == "url" else view[key]
            items.append(p.box("div", "ci", f'{icon(kind, "svg")}<span dir="ltr">{p.t(text)}</span>'))
    for pr in view.get("profiles") or []:
        if val(pr, "url") or val(pr, "username"):
            text = bare(pr["url"]) if val(pr, "url") else pr["username"]
            items.append(p.box("div", "ci", f'{icon("profile", "svg")}<span dir="ltr">{p.t(text)}</span>'))
    return "".join(items)


def _dated(p: Page, dates: str | None, title: str | None, sub: str | None, body: str) -> str:
    """One entry: dates in a column of their own or over the title; a dot on a rule when a timeline."""
    c = p.c
    d = p.box("div", "dt", p.t(dates)) if dates else ""
    head = (p.box("div", "pos", p.t(title)) if title else "") + (p.box("div", "sub", p.t(sub)) if sub else "")
    cls = "tl" if c.timeline else "en"
    if c.date_col:
        return f'<table class="ent {cls}"><tr><td class="dc">{d}</td><td class="eb">{head}{body}</td></tr></table>'
    return f'<div class="ent {cls}"><div class="eb">{head}{d}{body}</div></div>'


def work(p: Page, view: dict) -> str:
    at = (view.get("words") or {}).get("at")
    out = []
    for w in view.get("work") or []:
        sub: str | None = " · ".join(x for x in (val(w, "company"), val(w, "location")) if x)
        title = val(w, "position")
        if p.c.layout == "photo-header" and at and title and val(w, "company"):
            title, sub = f"{title} {at} {w['company']}", val(w, "location")
        body = p.box("p", "wsum", p.t(w["summary"])) if val(w, "summary") else ""
        hl = [h for h in w.get("highlights") or [] if h]
        if hl:
            body += "<ul>" + "".join(p.box("li", "", p.t(h)) for h in hl) + "</ul>"
        out.append(_dated(p, val(w, "dates"), title, sub, body))
    return "".join(out)


def education(p: Page, view: dict) -> str:
    out = []
    for e in view.get("education") or []:
        title = val(e, "degree_line") or " ".join(x for x in (val(e, "studyType"), val(e, "area")) if x)
        sub = " · ".join(x for x in (val(e, "institution"), val(e, "location")) if x)
        out.append(_dated(p, val(e, "dates"), title, sub, ""))
    return "".join(out)


def _meter(c: Canvas, f: float, style: str) -> str:
    if style == "dots":
        return '<span class="dots">' + "".join(
            f'<i class="dot{" on" if k < round(f * 5) else ""}"></i>' for k in range(5)) + "</span>"
    return f'<span class="bar"><i style="width:{int(f * 100)}%"></i></span>'


def skills(p: Page, view: dict) -> str:
    items = []
    for s in view.get("skills") or []:
        kws = [k for k in s.get("keywords") or [] if k]
        if kws and val(s, "name"):
            items.append((s["name"], kws))
        elif val(s, "name"):
            items.append((s["name"], []))
    st, out = p.c.skills, []
    for name, kws in items:
        if kws:  # a group: its name, then its items as chips
            out.append(p.box("div", "sg", p.t(name)))
            out.append('<div class="chips">' + "".join(p.box("span", "chip", p.t(k)) for k in kws) + "</div>")
            continue
        f = _level(name, None)
        if st == "percent":
            out.append(p.box("div", "sk", f'{p.t(name)}<span class="pct">{int(f * 100)}%</span>') + _meter(p.c, f, "bars"))
        elif st in ("bars", "dots"):
            out.append(f'<div class="skr">{p.box("span", "sk", p.t(name))}{_meter(p.c, f, st)}</div>')
        else:
            out.append(p.box("span", "chip", p.t(name)))
    return "".join(out)


def languages(p: Page, view: dict) -> str:
    out = []
    for lg in view.get("languages") or []:
        name, fl = val(lg, "language"), val(lg, "fluency")
        if not name:
            continue
        if p.c.langs == "text" or not fl:
            out.append(p.box("div", "lg", p.t(name) + (f' <span class="fl">{p.t(fl)}</span>' if fl else "")))
        else:  # the level only as a drawing, as designers do
            f = _level(name, fl)
            out.append(f'<div class="skr">{p.box("span", "sk", p.t(name))}{_meter(p.c, f, p.c.langs)}</div>')
    return "".join(out)


def summary(p: Page, view: dict) -> str:
    return p.box("p", "summary", p.t(view["summary"])) if val(view, "summary") else ""


def interests(p: Page, view: dict) -> str:
    names = [i["name"] for i in view.get("interests") or [] if val(i, "name")]
    return p.box("p", "int", p.t(", ".join(names))) if names else ""


def certificates(p: Page, view: dict) -> str:
    out = []
    for c in view.get("certificates") or []:
        if val(c, "name"):
            extra = ", ".join(x for x in (val(c, "issuer"), val(c, "date")) if x)
            out.append(p.box("div", "cert", p.t(c["name"] + (f" — {extra}" if extra else ""))))
    return "".join(out)
