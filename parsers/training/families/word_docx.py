"""word-docx: CVs as people make them in Word and Google Docs, written with python-docx.

Templates (design fixed per template id): Heading styles, bold body paragraphs as headings,
borderless two-column tables, a table per entry, right tab stops for dates, contact details in the
page header/footer, floating text boxes (DrawingML + VML fallback, or VML alone), real numbering
(List Bullet, Google Docs numPr) and typed bullets, ALL CAPS headings with a bottom border,
Europass-like label/value rows, Google-Docs-like Title/Subtitle styles; ``lo-writer-*`` documents are
re-saved as .docx by LibreOffice Writer (its own XML conventions: frames, FrameContents style)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families import _docx_textbox as tb
from htdy.parsers.training.families import _libreoffice as lo
from htdy.parsers.training.families._cv_content import (
    LABELS,
    Entry,
    contact_links,
    edu_entries,
    join,
    lang_items,
    skill_items,
    work_entries,
)
from htdy.parsers.training.families._docx_cv import CV, Spec

NAME = "word-docx"

MAIN = ("summary", "work", "education", "projects", "certificates", "skills", "languages", "interests")
EDU_FIRST = ("summary", "education", "work", "skills", "languages", "projects", "certificates", "interests")
SIDE = ("contact", "skills", "languages", "interests")
SIDE_MAIN = ("summary", "work", "education", "projects", "certificates")
PALETTE = ("1F3864", "2E74B5", "C00000", "385723", "7030A0", "0F4C5C", "8B4513", "2F5496", "B85042", "1B5E20")

# template id -> layout, how the name block looks, section order, Spec fields, style overrides
TEMPLATES: dict[str, dict[str, Any]] = {
    "plain-headings": dict(
        layout="single", head="title", order=MAIN,
        spec=dict(font="Carlito", size=11, entry="stacked-h2", bullet="list", contact_join=" | "),
        styles={"Title": dict(size=26, color="17365D"),
                "Subtitle": dict(size=13, color="5A5A5A", italic=False),
                "Heading 1": dict(size=14, color="2E74B5", before=14, after=4),
                "Heading 2": dict(size=11.5, color="000000", before=8, after=0)}),
    "bold-paragraphs": dict(
        layout="single", head="left", order=EDU_FIRST,
        spec=dict(font="Liberation Sans", size=10, name_size=16, entry="inline", bullet="• ",
                  contact_join=", ", links="",
                  heading={"bold": True, "size": 12, "underline": True, "before": 12}, skills="inline",
                  lang_fmt="{language} ({fluency})")),
    "table-two-column": dict(
        layout="twocol", head="left", side_w=5.6, side_fill="EDF2F7",
        spec=dict(font="Carlito", size=10, name_size=24, entry="stacked", bullet="list", profile="net-user",
                  heading={"bold": True, "caps": True, "size": 11, "color": "accent", "before": 10},
                  margins=(1.5, 1.5, 1.5, 1.5))),
    "table-per-entry": dict(
        layout="single", head="left", order=MAIN,
        spec=dict(font="DejaVu Sans", size=9.5, name_size=20, entry="table", bullet="– ", date_col=3.6,
                  heading={"bold": True, "caps": True, "border": "accent", "color": "accent", "size": 11},
                  contact_join="  ·  ", lang_fmt="{language} – {fluency}")),
    "tab-stops": dict(
        layout="single", head="center", order=EDU_FIRST,
        spec=dict(font="Liberation Serif", size=11, name_size=20, entry="harvard", bullet="• ", page="Letter",
                  links="plain",
                  heading={"bold": True, "upper": True, "border": "000000", "size": 11, "before": 10},
                  contact_join=" • ", margins=(1.8, 2.0, 1.8, 2.0), skills="inline")),
    "header-footer": dict(
        layout="header", head="title", order=MAIN,
        spec=dict(font="Liberation Sans", size=10.5, entry="tab", bullet="list", contact_join="  |  "),
        styles={"Title": dict(size=22, color="accent", no_border=True, after=2),
                "Subtitle": dict(size=12, color="595959", italic=False),
                "Heading 1": dict(size=13, color="accent", before=12, after=3)}),
    "textbox-sidebar": dict(
        layout="textbox", head="left", box_mode="dml", side_fill="F2F2F2",
        spec=dict(font="Carlito", size=10.5, name_size=26, entry="stacked", bullet="list",
                  margins=(1.5, 1.5, 1.5, 1.2),
                  heading={"style": "Heading 1"}, lang_fmt="{language} — {fluency}"),
        styles={"Heading 1": dict(size=13, color="accent", before=10, after=3)}),
    "vml-banner": dict(
        layout="banner", head="banner", order=MAIN,
        spec=dict(font="DejaVu Sans", size=9.5, entry="stacked", bullet="- ", contact_join="  /  ",
                  heading={"bold": True, "shade": "accent", "size": 10.5, "before": 12})),
    "caps-border": dict(
        layout="single", head="left", order=MAIN,
        spec=dict(font="Carlito", size=11, name_size=24, entry="company-first", bullet="– ", skills="inline",
                  heading={"bold": True, "caps": True, "border": "accent", "border_sz": 12, "color": "accent",
                           "size": 12},
                  contact_join=" · ", profile="net-user", lang_fmt="{language} ({fluency})")),
    "europass": dict(
        layout="europass", head="left", order=("summary", "work", "education", "skills", "languages"),
        spec=dict(font="Liberation Sans", size=9.5, name_size=18, bullet="▪ ", contact_join=" | ",
                  links="plain")),
    "gdocs-title": dict(
        layout="single", head="title", order=MAIN, author="",
        spec=dict(font="Liberation Sans", size=11, entry="gdocs", bullet="gdocs", contact_join=" · ",
                  links="gdocs",
                  heading={"style": "Heading 1"}, margins=(2.54, 2.54, 2.54, 2.54), page="Letter"),
        styles={"Title": dict(size=26, no_border=True, before=0, after=3, bold=False),
                "Subtitle": dict(size=15, color="666666", italic=False, after=16),
                "Heading 1": dict(size=20, before=20, after=6, bold=False),
                "Heading 2": dict(size=13, before=12, after=2, bold=False),
                "Heading 3": dict(size=11, color="666666", before=2, after=4, bold=False)}),
    "gdocs-coral": dict(
        layout="single", head="left", order=EDU_FIRST, author="", accent="E06666",
        spec=dict(font="Lato", size=10.5, name_size=28, entry="gdocs", bullet="gdocs", skills="bullets",
                  links="gdocs",
                  heading={"style": "Heading 1"}, contact_join="\n", extra={"name_color": "accent"}),
        styles={"Heading 1": dict(size=11, color="accent", before=18, after=4, bold=True, caps=True),
                "Heading 2": dict(size=12, color="000000", before=10, after=0, bold=False),
                "Heading 3": dict(size=9, color="666666", before=2, after=4, bold=False, caps=True)}),
    "right-sidebar": dict(
        layout="twocol", head="left", side_w=5.4, side_right=True, side_fill="E8F0E8",
        spec=dict(font="DejaVu Sans", size=9.5, name_size=22, entry="tab", bullet="list",
                  heading={"style": "Heading 1"}, margins=(1.5, 1.5, 1.5, 1.5),
                  extra={"name_color": "accent"}),
        styles={"Heading 1": dict(size=12, color="accent", before=10, after=3)}),
    # made in LibreOffice Writer (a frame for the sidebar) and saved as .docx by Writer
    "lo-writer-sidebar": dict(
        layout="textbox", head="left", box_mode="dml", side_fill="DEE6EF", saved_by="libreoffice",
        spec=dict(font="Liberation Sans", size=10, name_size=22, entry="tab", bullet="• ",
                  margins=(1.5, 1.5, 1.5, 1.2),
                  heading={"bold": True, "caps": True, "size": 11, "color": "accent", "before": 10},
                  lang_fmt="{language}: {fluency}", links="plain")),
    "lo-writer-classic": dict(
        layout="single", head="center", order=EDU_FIRST, saved_by="libreoffice",
        spec=dict(font="Liberation Serif", size=11, name_size=20, entry="dates-first", bullet="list",
                  heading={"style": "Heading 1"}, date_col=3.8, contact_join=" – ", profile="net-user"),
        styles={"Heading 1": dict(size=14, color="000000", before=12, after=4, font="Liberation Sans")}),
    "skills-grid": dict(
        layout="single", head="left", order=("summary", "skills", "work", "education", "languages",
                                              "certificates", "projects", "interests"),
        spec=dict(font="Liberation Sans", size=10, name_size=20, entry="dates-first", bullet="list",
                  skills="grid",
                  heading={"bold": True, "size": 13, "color": "accent", "before": 12}, date_col=3.4,
                  contact_join="  •  ", lang_fmt="{language}: {fluency}")),
}


def templates() -> list[str]:
    return list(TEMPLATES)


def supports(template: str, lang: str) -> bool:
    if TEMPLATES.get(template, {}).get("saved_by") == "libreoffice":
        return lo.soffice_bin() is not None
    return template in TEMPLATES


def _accent(template: str, conf: dict[str, Any]) -> str:
    return conf.get("accent") or dc.rng_for(template, "accent").choice(PALETTE)


def _resolve(value: Any, accent: str) -> Any:
    if value == "accent":
        return accent
    if isinstance(value, dict):
        return {k: _resolve(x, accent) for k, x in value.items()}
    return value


def make_cv(view: dict[str, Any], template: str) -> CV:
    conf = TEMPLATES[template]
    accent = _accent(template, conf)
    fields = _resolve(conf["spec"], accent)
    cv = CV(view, Spec(accent=accent, **fields))
    for name, st in _resolve(conf.get("styles", {}), accent).items():
        cv.style(name, **st)
    return cv


def build(view: dict[str, Any], template: str) -> CV:
    """The python-docx document for (view, template), not yet saved."""
    conf = TEMPLATES[template]
    cv = make_cv(view, template)
    LAYOUTS[conf["layout"]](cv, conf)
    return cv


def save(view: dict[str, Any], template: str, path: Path) -> Path:
    """The python-docx document as written by python-docx (before any re-save by another program)."""
    cv = build(view, template)
    return dc.save_docx(cv.doc, path, author=TEMPLATES[template].get("author", view.get("name") or ""))


def render(view: dict[str, Any], template: str, out_stem: Path) -> Path:
    out = Path(out_stem).with_suffix(".docx")
    if TEMPLATES[template].get("saved_by") != "libreoffice":
        return save(view, template, out)
    with tempfile.TemporaryDirectory(prefix="htdy-word-docx-") as tmp:
        lo.convert(save(view, template, Path(tmp) / "cv.docx"), out, "MS Word 2007 XML")
    out.write_bytes(dc.stable_zip(out.read_bytes()))
    return out


def setup() -> None:
    dc.ensure_tools(())


# ------------------------------------------------------------------ layouts
def _contact_block(cv: CV, box: Any, head: str) -> None:
    items = contact_links(cv.v, cv.s.profile)
    if cv.s.contact_join == "\n":
        for text, link in items:
            cv.para(box, [(text, {"link": link, "size": cv.s.size - 0.5, "color": cv.s.muted})], after=0)
        cv.para(box, None, after=4)
    elif items:
        cv.para(box, cv.contact_runs(cv.s.contact_join), align="center" if head == "center" else None,
                after=6)


def _single(cv: CV, conf: dict[str, Any]) -> None:
    doc = cv.doc
    cv.header_block(doc, conf["head"], contact=False)
    _contact_block(cv, doc, conf["head"])
    for key in conf["order"]:
        cv.section(doc, key)


def _twocol(cv: CV, conf: dict[str, Any]) -> None:
    doc, side_w = cv.doc, conf["side_w"]
    cv.header_block(doc, conf["head"], contact=False)
    widths = [cv.width - side_w, side_w] if conf.get("side_right") else [side_w, cv.width - side_w]
    t = cv.table(doc, 1, 2, widths)
    side, main = t.rows[0].cells[::-1] if conf.get("side_right") else t.rows[0].cells
    dc.shade_cell(side, conf["side_fill"])
    dc.cell_margins(side, 120, 160, 120, 160)
    dc.cell_margins(main, 60, 240, 60, 240)
    for key in SIDE:
        cv.section(side, key, compact=True)
    for key in SIDE_MAIN:
        cv.section(main, key)


def _header(cv: CV, conf: dict[str, Any]) -> None:
    doc, s = cv.doc, cv.s
    sec = doc.sections[0]
    n = len(contact_links(cv.v, s.profile))
    hp = sec.header.paragraphs[0]
    for text, fmt in cv.contact_runs(s.contact_join, 0, 3, size=s.size - 1.5, color=s.muted):
        cv.run(hp, text, **fmt)
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if n > 3:
        cv.para(sec.header, cv.contact_runs(s.contact_join, 3, None, size=s.size - 1.5, color=s.muted),
                align="right")
    dc.border(sec.header.paragraphs[-1], "bottom", s.accent, sz=4, space=4)
    fp = sec.footer.paragraphs[0]
    footer = " · ".join(x for x in (cv.v.get("name"), cv.v.get("email")) if x)
    cv.run(fp, footer, size=s.size - 2, color=s.muted)
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cv.header_block(doc, "title", contact=False)
    for key in conf["order"]:
        cv.section(doc, key)


def _textbox(cv: CV, conf: dict[str, Any]) -> None:
    doc, s = cv.doc, cv.s
    first = cv.para(doc, cv.v.get("name"), b=True, size=s.name_size, color=s.accent, after=0)
    if cv.v.get("label"):
        cv.para(doc, cv.v["label"], size=s.size + 2, color=s.muted, after=8)
    sec = doc.sections[0]
    page_h = sec.page_height / 360000  # (LibreOffice mirrors the box to the right for RTL paragraphs)
    box_at = (0.8, 0.8, 6.0, page_h - 1.6)
    with tb.textbox(doc, first, box_at, fill=conf["side_fill"], mode=conf["box_mode"]) as box:
        for key in SIDE:
            cv.section(box, key, compact=True)
    for key in SIDE_MAIN:
        cv.section(doc, key)


def _banner(cv: CV, conf: dict[str, Any]) -> None:
    doc, s = cv.doc, cv.s
    anchor = cv.para(doc, None, after=0)
    sec = doc.sections[0]
    with tb.textbox(doc, anchor, (0.0, 0.0, sec.page_width / 360000, 4.4), fill=s.accent, wrap="topAndBottom",
                    mode="vml") as box:
        cv.para(box, cv.v.get("name"), b=True, size=s.name_size, color="FFFFFF", before=14, left=1.4, after=0)
        if cv.v.get("label"):
            cv.para(box, cv.v["label"], size=s.size + 2, color="FFFFFF", left=1.4, after=2)
        if contact_links(cv.v, s.profile):
            cv.para(box, cv.contact_runs(s.contact_join, color="FFFFFF"), left=1.4)
    for key in conf["order"]:
        cv.section(doc, key)


def _europass(cv: CV, conf: dict[str, Any]) -> None:
    doc = cv.doc
    cv.header_block(doc, "left", contact=False)
    _contact_block(cv, doc, "left")
    europass_rows(cv, doc, conf["order"])


def europass_rows(cv: CV, box: Any, order: tuple[str, ...], label_w: float = 5.0) -> None:
    """Label/value rows in one borderless table: section headings and row labels in the left
    column (right-aligned), values on the right."""
    v, s = cv.v, cv.s
    lab = LABELS.get(cv.lang, LABELS["en"])
    rows: list[tuple[str, Any]] = []
    for key in order:
        heading = (v.get("headings") or {}).get(key)
        if key in ("work", "education"):
            entries = work_entries(v) if key == "work" else edu_entries(v)
            if not entries:
                continue
            rows.append(("H", heading))
            for e in entries:
                org = join(e.org, e.location, sep=cv.comma)
                if key == "work":
                    rows += [(lab[0], e.dates), (lab[2], e.title), (lab[1], org)]
                else:
                    rows += [(lab[0], e.dates), (lab[4], e.title), (lab[3], org)]
                if e.summary or e.bullets:
                    rows.append(("", e))
                rows.append(("", None))
        elif key == "summary" and v.get("summary"):
            rows += [("H", heading), ("", v["summary"])]
        elif key == "skills" and skill_items(v):
            rows.append(("H", heading))
            rows += [(n or "", t) for n, t in skill_items(v)]
        elif key == "languages" and lang_items(v, "{language}"):
            rows.append(("H", heading))
            rows += [(lg.get("language") or "", lg.get("fluency") or "")
                     for lg in v.get("languages") or []]
    rows = [r for r in rows if r[1] or r == ("", None)]
    t = cv.table(box, len(rows), 2, [label_w, cv.width - label_w])
    for row, (label, value) in zip(t.rows, rows, strict=True):
        lc, rc = row.cells
        if label == "H":
            cv.para(lc, value.upper() if cv.lang not in ("tr", "de") else value, align="right",
                    b=True, color=s.accent, before=10, after=2, size=s.size + 0.5)
            continue
        cv.para(lc, label, align="right", color=s.muted, after=0, size=s.size - 0.5)
        if isinstance(value, Entry):
            if value.summary:
                cv.para(rc, value.summary, after=1)
            cv.bullets(rc, value.bullets)
        else:
            cv.para(rc, value or "", after=0, b=label in (lab[2], lab[4]))


LAYOUTS = {"single": _single, "twocol": _twocol, "header": _header, "textbox": _textbox, "banner": _banner,
           "europass": _europass}
