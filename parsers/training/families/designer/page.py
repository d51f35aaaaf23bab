"""Assemble one CV page from blocks according to the design's layout."""
from __future__ import annotations

from . import blocks as B
from .grid import BLEED_LAYOUTS, Design
from .style import css


class _Sections:
    """Numbers headings in the order they are printed."""

    def __init__(self, view: dict, d: Design):
        self.view, self.d, self.n = view, d, 0
        self.heads = view.get("headings") or {}

    def sec(self, key: str, body: str, side: bool = False) -> str:
        if not body:
            return ""
        if not side:
            self.n += 1
        if self.d.layout == "label-col" and not side:
            h = B.heading(self.d, key, self.heads.get(key), self.n)
            if body.startswith('<table class="dc'):  # dated entries: the label in a row of its own
                return (f'<section class="lc {key}"><table class="dc"><tr><td class="dcol">{h}</td>'
                        f'<td class="dbody hr"></td></tr></table>{body}</section>')
            return (f'<section class="lc {key}"><table class="dc"><tr><td class="dcol">{h}</td>'
                    f'<td class="dbody">{body}</td></tr></table></section>')
        h = B.heading(self.d, key, self.heads.get(key), self.n, side)
        return f'<section class="{key}">{h}<div class="sb">{body}</div></section>'


def _summary(view: dict) -> str:
    return f'<p class="summary">{B.E(view["summary"])}</p>' if B.val(view, "summary") else ""


def _name(view: dict, d: Design, with_label: bool = True) -> str:
    name = view.get("name") or ""
    first, _, last = name.rpartition(" ")
    if d.name_split and first:  # designers set the given and the family name apart
        join = "<br>" if d.name_split == "lines" else " "
        out = f'<h1 class="name"><span class="nf">{B.E(first)}</span>{join}{B.E(last)}</h1>'
    else:
        out = f'<h1 class="name">{B.E(name)}</h1>'
    if with_label and "label" in d.show and B.val(view, "label"):
        out += f'<div class="label">{B.E(view["label"])}</div>'
    return out


def _header(view: dict, d: Design, contact: bool) -> str:
    """Name block at the top of the page (or of the main column)."""
    summ = _summary(view) if d.summary_in_header and "summary" in d.show else ""
    if d.layout == "header3":
        items = B.contact_items(view, d)
        half = (len(items) + 1) // 2
        cols = []
        for part in (items[:half], items[half:]):
            cells = [f"<div>{B.contact_item(d, *it)}</div>" for it in part]
            cols.append(f'<td class="h3c contact">{"".join(cells)}</td>')
        return (f'<header class="top h3"><table class="h3t"><tr><td class="h3n">{_name(view, d)}</td>'
                f'{"".join(cols)}</tr></table>{summ}</header>')
    if d.layout == "label-col":
        av = '<div class="avatar"></div>' if d.avatar else ""
        return (f'<header class="top"><table class="dc"><tr><td class="dcol">{av}</td><td class="dbody">'
                f'{_name(view, d)}{B.contact(view, d, False) if contact else ""}{summ}</td></tr></table></header>')
    av = '<div class="avatar"></div>' if d.avatar and d.layout == "header-band" else ""
    return f'<header class="top">{av}{_name(view, d)}{B.contact(view, d, False) if contact else ""}{summ}</header>'


def _main_sections(view: dict, d: Design, s: _Sections, rtl: bool, sidebar: bool) -> str:
    parts = []
    if "summary" in d.show and not d.summary_in_header:
        parts.append(s.sec("summary", _summary(view)))
    w = s.sec("work", B.work(view, d, rtl))
    e = "" if (sidebar and d.edu_in_side) else s.sec("education", B.education(view, d))
    parts += [e, w] if d.edu_first else [w, e]
    if "projects" in d.show:
        parts.append(s.sec("projects", B.projects(view, d)))
    if "certificates" in d.show:
        parts.append(s.sec("certificates", B.certificates(view, d)))
    if not sidebar:
        parts.append(s.sec("skills", B.skills(view, d)))
        if "languages" in d.show:
            parts.append(s.sec("languages", B.languages(view, d)))
        if "interests" in d.show:
            parts.append(s.sec("interests", B.interests(view, d)))
    return "".join(parts)


def _side_sections(view: dict, d: Design, s: _Sections, contact: bool) -> str:
    parts = []
    if d.avatar and d.layout != "header-band":
        parts.append('<div class="avatar"></div>')
    if contact:
        parts.append(s.sec("contact", B.contact(view, d, True), side=True))
    if d.edu_in_side:
        parts.append(s.sec("education", B.education(view, d, compact=True), side=True))
    parts.append(s.sec("skills", B.skills(view, d), side=True))
    if "languages" in d.show:
        parts.append(s.sec("languages", B.languages(view, d), side=True))
    if "interests" in d.show:
        parts.append(s.sec("interests", B.interests(view, d), side=True))
    return "".join(parts)


def document(view: dict, d: Design) -> str:
    rtl = view.get("dir") == "rtl"
    lang = view.get("lang") or "en"
    s = _Sections(view, d)
    lay = d.layout
    sidebar = lay in ("sidebar-left", "sidebar-right", "band-left", "band-right", "split")
    side_first = lay in ("sidebar-left", "band-left")
    bleed = lay in BLEED_LAYOUTS
    body = ""
    if lay in ("band-left", "band-right"):
        body += '<div class="band"></div>'
    if lay == "header-band":
        body += _header(view, d, contact=True)
        inner = _main_sections(view, d, s, rtl, sidebar=False)
        cells = f'<td class="main">{inner}</td>'
    elif sidebar:
        side_contact = lay != "split"
        if lay in ("sidebar-left", "sidebar-right", "split"):
            body += _header(view, d, contact=not side_contact)
            main = _main_sections(view, d, s, rtl, sidebar=True)
        else:  # band: the name heads the main column
            main = _header(view, d, contact=False) + _main_sections(view, d, s, rtl, sidebar=True)
        side = _side_sections(view, d, s, side_contact)
        cm, cs = f'<td class="main">{main}</td>', f'<td class="side">{side}</td>'
        cells = cs + cm if side_first else cm + cs
    else:
        body += _header(view, d, contact=True)
        cells = f'<td class="main">{_main_sections(view, d, s, rtl, sidebar=False)}</td>'
    span = 2 if sidebar else 1
    spacer = (f'<thead><tr><td colspan="{span}" class="sp"></td></tr></thead>'
              f'<tfoot><tr><td colspan="{span}" class="sp"></td></tr></tfoot>') if bleed else ""
    cols = ""
    if sidebar:  # fixed table layout takes column widths from <col> (the first row may be a spacer)
        sc, mc = f'<col style="width:{d.side_w}%">', "<col>"
        cols = f"<colgroup>{sc + mc if side_first else mc + sc}</colgroup>"
    body += f'<table class="L">{cols}{spacer}<tbody><tr>{cells}</tr></tbody></table>'
    return (f'<!DOCTYPE html>\n<html lang="{B.E(lang)}" dir="{"rtl" if rtl else "ltr"}"><head><meta charset="utf-8">'
            f'<title>{B.E(view.get("name") or "")}</title><style>{css(d, lang, rtl)}</style></head>'
            f'<body class="hd-{lay}">{body}</body></html>')
