"""CV writer for the python-docx families: a ``Spec`` (fonts, colours, how headings, entries, bullets,
skills and contact details look) and a ``CV`` that writes view sections into any python-docx
container (document body, table cell, header, text box). Every printed string comes from the view."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families._cv_content import (
    COMMA,
    Entry,
    contact_links,
    edu_entries,
    join,
    lang_items,
    other_entries,
    skill_items,
    work_entries,
)

Runs = list[tuple[str, dict[str, Any]]]  # (text, CV.run keyword arguments) for one paragraph
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass
class Spec:
    font: str = "Carlito"
    size: float = 10.5
    name_size: float = 22.0
    accent: str = "1F3864"
    muted: str = "595959"
    heading: dict[str, Any] = field(default_factory=lambda: {"style": "Heading 1"})
    # stacked stacked-h2 company-first tab harvard dates-first inline table gdocs
    entry: str = "stacked"
    bullet: str = "list"            # 'list' (List Bullet), 'gdocs' (numPr on Normal), or typed: '• '
    contact_join: str = " | "
    profile: str = "url"            # 'url' | 'net-user'
    links: str = "word"             # hyperlinks: 'word' (blue, underlined), 'gdocs', 'plain', '' (none)
    lang_fmt: str = "{language}: {fluency}"
    skills: str = "lines"           # lines inline grid bullets
    page: str = "A4"
    margins: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0)
    date_col: float = 3.4
    table_per_entry: bool = True
    extra: dict[str, Any] = field(default_factory=dict)



class CV:
    """Writes a view into python-docx containers the way ``spec`` says."""

    def __init__(self, view: dict[str, Any], spec: Spec) -> None:
        self.v, self.s = view, spec
        self.lang = view.get("lang", "en")
        self.comma = COMMA.get(self.lang, ", ")
        self.doc = dc.base_document(view, spec.font, spec.size, spec.page, spec.margins)
        self.doc._htdy_rtl = view.get("dir") == "rtl"
        sec = self.doc.sections[0]
        self.width = (sec.page_width - sec.left_margin - sec.right_margin) / 360000
        self.num_id = dc.numbering_bullets(self.doc, "●") if spec.bullet == "gdocs" else None

    # ------------------------------------------------------------ styles and paragraphs
    def style(self, name: str, size: float | None = None, bold: bool | None = None, color: str | None = None,
              font: str | None = None, before: float | None = None, after: float | None = None,
              italic: bool | None = None, caps: bool | None = None, no_border: bool = False) -> None:
        st = self.doc.styles[name]
        f = st.font
        if size:
            f.size = Pt(size)
        if bold is not None:
            f.bold = bold
        if italic is not None:
            f.italic = italic
        if caps is not None:
            f.all_caps = caps
        f.color.rgb = dc.hexcolor(color or "000000")
        if font:
            rpr = st.element.get_or_add_rPr()
            _, ea, cs = self.doc._htdy_fonts
            dc.set_fonts(rpr, font, ea, cs)
        pf = st.paragraph_format
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        if no_border:
            ppr = st.element.pPr
            if ppr is not None and ppr.find(dc.qn("w:pBdr")) is not None:
                ppr.remove(ppr.find(dc.qn("w:pBdr")))

    def fresh(self, box: Any, style: str | None = None) -> Any:
        """A new paragraph in ``box``; a table cell's initial empty paragraph is used first."""
        if isinstance(box, _Cell):
            kids = [k for k in box._tc if k.tag != dc.qn("w:tcPr")]
            if len(kids) == 1 and kids[0].tag == dc.qn("w:p") and kids[0].find(dc.qn("w:r")) is None \
                    and kids[0].pPr is None:
                p = box.paragraphs[0]
                if style:
                    p.style = self.doc.styles[style]
                return p
        return box.add_paragraph(style=style)

    def run(self, p: Any, text: str, b: bool | None = None, i: bool | None = None, size: float | None = None,
            color: str | None = None, caps: bool = False, small: bool = False, font: str | None = None,
            u: bool = False, link: str | None = None) -> Any:
        r = p.add_run(text)
        if link and self.s.links:
            dc.hyperlink(p, r, link)
            if self.s.links != "plain" and not color:
                color, u = ("0563C1" if self.s.links == "word" else "1155CC"), True
        if b is not None:
            r.bold = b
        if i is not None:
            r.italic = i
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = dc.hexcolor(color)
        if caps:
            r.font.all_caps = True
        if small:
            r.font.small_caps = True
        if u:
            r.underline = True
        if font:
            dc.font_run(self.doc, r, font)
        return r

    def para(self, box: Any, runs: str | Runs | None, style: str | None = None,
             align: str | None = None, before: float | None = None, after: float | None = None,
             left: float | None = None, first: float | None = None, keep: bool = False, **fmt: Any) -> Any:
        p = self.fresh(box, style)
        if isinstance(runs, str):
            runs = [(runs, fmt)]
        for text, f in runs or []:
            if text:
                self.run(p, text, **f)
        pf = p.paragraph_format
        if align:
            p.alignment = ALIGN[align]
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        if left is not None:
            pf.left_indent = Cm(left)
        if first is not None:
            pf.first_line_indent = Cm(first)
        if keep:
            pf.keep_with_next = True
        return p

    def table(self, box: Any, rows: int, cols: int, widths: list[float], borders: bool = False) -> Any:
        try:
            t = box.add_table(rows, cols)
        except TypeError:
            t = box.add_table(rows, cols, Cm(sum(widths)))
        dc.table_borders(t, visible=borders)
        dc.col_widths(t, widths)
        return t

    def contact_runs(self, sep: str, first: int = 0, last: int | None = None,
                     **fmt: Any) -> Runs:
        """The contact details on one line: runs separated by ``sep``, links where the view has them."""
        fmt.setdefault("size", self.s.size - 0.5)
        runs: Runs = []
        for text, link in contact_links(self.v, self.s.profile)[first:last]:
            if runs:
                runs.append((sep, fmt))
            runs.append((text, {**fmt, "link": link}))
        return runs

    # ------------------------------------------------------------ building blocks
    def heading(self, box: Any, key: str, text: str | None = None) -> None:
        text = text or (self.v.get("headings") or {}).get(key)
        if not text:
            return
        h = self.s.heading
        if h.get("upper") and self.lang not in ("tr", "de"):
            text = text.upper()
        p = self.para(box, None, style=h.get("style"), before=h.get("before", 12), after=h.get("after", 4),
                      keep=True, align=h.get("align"))
        color = "FFFFFF" if h.get("shade") else h.get("color")
        self.run(p, text, b=h.get("bold"), size=h.get("size"), color=color, caps=h.get("caps", False),
                 small=h.get("small", False), u=h.get("underline", False))
        if h.get("border"):
            dc.border(p, "bottom", h["border"], sz=h.get("border_sz", 6))
        if h.get("shade"):
            dc.shade_par(p, h["shade"])

    def bullets(self, box: Any, items: list[str], left: float = 0.0) -> None:
        for text in items:
            b = self.s.bullet
            if b == "list":
                self.para(box, text, style="List Bullet", after=1, left=left + 0.63 if left else None,
                          first=-0.63 if left else None)
            elif b == "gdocs":
                p = self.para(box, text, after=0)
                dc.set_numbering(p, self.num_id or 1)
            else:
                self.para(box, b + text, after=1, left=left + 0.45, first=-0.45)

    def header_block(self, box: Any, mode: str = "left", contact: bool = True) -> None:
        v, s = self.v, self.s
        if mode == "title":
            self.para(box, v.get("name"), style="Title")
            if v.get("label"):
                self.para(box, v["label"], style="Subtitle")
        else:
            align = "center" if mode == "center" else None
            self.para(box, v.get("name"), align=align, after=2, b=True, size=s.name_size,
                      color=s.extra.get("name_color"))
            if v.get("label"):
                self.para(box, v["label"], align=align, after=4, size=s.size + 2, color=s.muted)
        if contact and contact_links(v, s.profile):
            self.para(box, self.contact_runs(s.contact_join), align="center" if mode == "center" else None,
                      after=6)

    def entry(self, box: Any, e: Entry, edu: bool = False) -> None:
        s, kind = self.s, self.s.entry
        sz = s.size
        loc_org = join(e.org, e.location, sep=self.comma)
        if kind in ("stacked", "stacked-h2"):
            if kind == "stacked-h2":
                self.para(box, e.title, style="Heading 2", keep=True)
            else:
                self.para(box, e.title, b=True, size=sz + 0.5, before=6, after=0, keep=True)
            if loc_org:
                self.para(box, loc_org, i=True, color=s.accent, after=0, keep=True)
            if e.dates:
                self.para(box, e.dates, color=s.muted, size=sz - 0.5, after=2)
        elif kind == "company-first":
            first, second = (e.org, e.title) if e.org else (e.title, None)
            self.para(box, [(first or "", {"b": True}), (self.comma + e.location if e.location else "", {})],
                      before=6, after=0, keep=True)
            rest: Runs = [(second or "", {"i": True}), ("  |  " if second and e.dates else "", {}),
                          (e.dates or "", {"color": s.muted})]
            if second or e.dates:
                self.para(box, rest, after=2)
        elif kind in ("tab", "harvard"):
            rows: list[Runs]
            if kind == "tab" or not e.org:
                rows = [[(e.title or "", {"b": True}), (self.comma + e.org if e.org else "", {}),
                         ("\t" + (e.dates or ""), {"color": s.muted, "i": kind == "harvard"})]]
                if e.location:
                    rows.append([(e.location, {"i": True, "color": s.muted})])
            else:
                rows = [[(e.org or "", {"b": True}), ("\t" + (e.location or ""), {})],
                        [(e.title or "", {"i": True}), ("\t" + (e.dates or ""), {"i": True})]]
            for n, row in enumerate(rows):
                last = n == len(rows) - 1
                p = self.para(box, row, before=0 if n else 6, after=2 if last else 0, keep=True)
                dc.tab_stop(p, self.box_width(box), "right")
        elif kind == "dates-first":
            p = self.para(box, [(e.dates or "", {"color": s.muted}), ("\t", {}), (e.title or "", {"b": True}),
                                (self.comma + loc_org if loc_org else "", {})],
                          before=4, after=2, left=s.date_col, first=-s.date_col)
            dc.tab_stop(p, s.date_col, "left")
        elif kind == "inline":
            self.para(box, [(e.title or "", {"b": True}), (self.comma + loc_org if loc_org else "", {}),
                            (f" ({e.dates})" if e.dates else "", {"color": s.muted})], before=4, after=1)
        elif kind == "gdocs":
            self.para(box, [(e.org or e.title or "", {"b": True}),
                            (self.comma + e.location if e.location else "", {}),
                            (" — " + e.title if e.org and e.title else "", {"b": False, "i": True})],
                      style="Heading 2", keep=True)
            self.para(box, e.dates, style="Heading 3")
        elif kind == "table":
            self.entry_rows(box, [e])
            return
        left = s.date_col if kind == "dates-first" else 0.0
        if e.summary:
            self.para(box, e.summary, after=2, left=left or None)
        self.bullets(box, e.bullets, left=left)

    def entry_rows(self, box: Any, entries: list[Entry]) -> None:
        """Dates (and place) in a narrow left cell, the rest in the right cell."""
        s = self.s
        w = self.box_width(box)
        t = None if s.table_per_entry else self.table(box, len(entries), 2, [s.date_col, w - s.date_col])
        for n, e in enumerate(entries):
            row = self.table(box, 1, 2, [s.date_col, w - s.date_col]).rows[0] if t is None else t.rows[n]
            left, right = row.cells
            self.para(left, e.dates, b=True, size=s.size - 0.5, color=s.accent, before=4, after=0)
            if e.location:
                self.para(left, e.location, size=s.size - 1, color=s.muted, after=0)
            self.para(right, e.title, b=True, before=4, after=0)
            if e.org:
                self.para(right, e.org, i=True, after=1)
            if e.summary:
                self.para(right, e.summary, after=1)
            self.bullets(right, e.bullets)

    def box_width(self, box: Any) -> float:
        if isinstance(box, _Cell) and box.width:
            mar = box._tc.tcPr.find(dc.qn("w:tcMar")) if box._tc.tcPr is not None else None
            sides = (dc.qn("w:left"), dc.qn("w:right"))
            pad = 0.4 if mar is None else sum(int(m.get(dc.qn("w:w"))) for m in mar if m.tag in sides) / 567
            return box.width / 360000 - pad - 0.05
        return self.width

    # ------------------------------------------------------------ sections
    def section(self, box: Any, key: str, compact: bool = False) -> None:
        v, s = self.v, self.s
        if key == "summary":
            if v.get("summary"):
                self.heading(box, "summary")
                self.para(box, v["summary"], after=4, align=s.extra.get("summary_align"))
        elif key in ("work", "education", "projects", "certificates"):
            entries = (work_entries(v) if key == "work" else edu_entries(v) if key == "education"
                       else other_entries(v, key))
            if not entries:
                return
            self.heading(box, key)
            if s.entry == "table" and not compact:
                self.entry_rows(box, entries)
            else:
                for e in entries:
                    self.entry(box, e, edu=key == "education")
        elif key == "skills":
            items = skill_items(v)
            if not items:
                return
            self.heading(box, "skills")
            mode = "lines" if compact else s.skills
            if mode == "grid" and not any(n for n, _ in items):  # plain names: three to a row
                rows = [items[i:i + 3] for i in range(0, len(items), 3)]
                t = self.table(box, len(rows), 3, [self.box_width(box) / 3] * 3, borders=True)
                for row, chunk in zip(t.rows, rows, strict=True):
                    for cell, (_, text) in zip(row.cells, chunk, strict=False):
                        self.para(cell, text, after=0)
            elif mode == "grid":
                t = self.table(box, len(items), 2, [4.5, self.box_width(box) - 4.5], borders=True)
                for row, (name, text) in zip(t.rows, items, strict=True):
                    self.para(row.cells[0], name or text, b=True, after=0)
                    if name:
                        self.para(row.cells[1], text, after=0)
            elif mode == "inline":
                self.para(box, "; ".join(join(n, t, sep=": ") for n, t in items), after=4)
            elif mode == "bullets":
                self.bullets(box, [join(n, t, sep=": ") for n, t in items])
            else:
                for name, text in items:
                    if compact and name:
                        self.para(box, name, b=True, after=0)
                        self.para(box, text, after=3)
                    else:
                        self.para(box, [(name + ": " if name else "", {"b": True}), (text, {})], after=1)
        elif key == "languages":
            lines = lang_items(v, s.lang_fmt)
            if lines:
                self.heading(box, "languages")
                if compact or s.skills in ("lines", "grid"):
                    for line in lines:
                        self.para(box, line, after=1)
                else:
                    self.para(box, ", ".join(lines), after=4)
        elif key == "interests":
            names = [i.get("name") for i in v.get("interests") or [] if i.get("name")]
            if names:
                self.heading(box, "interests")
                self.para(box, ", ".join(names), after=4)
        elif key == "contact":
            contacts = contact_links(v, s.profile)
            if contacts:
                self.heading(box, "contact")
                for label, url in contacts:
                    self.para(box, [(label, {"link": url, "size": s.size - 0.5})], after=1)
