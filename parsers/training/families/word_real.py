"""word-real: DOCX written the way Word and Google Docs write it, as raw WordprocessingML (see
``_wml.py``), not through python-docx's API: Word's own résumé templates (every field in a content
control, entries in repeating sections, bullets from a paragraph style's numbering, layout tables
whose cells hold content controls, rows in content controls), text boxes in the page header
(DrawingML and its VML fallback, the same text twice), complex-field hyperlinks and PAGE fields,
typed Symbol/Wingdings bullets (``w:sym``), right tab stops for dates, line breaks inside a
paragraph, non-breaking and soft hyphens, tracked changes, smart tags and custom XML wrappers,
two newspaper columns in a section, and Google Docs' export (Normal style and direct formatting
everywhere, runs split mid-word, empty paragraphs as spacing, tables for two columns)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families import _wml as w
from htdy.parsers.training.families._cv_content import (
    contact_links,
    edu_entries,
    join,
    lang_items,
    skill_items,
    work_entries,
)

NAME = "word-real"
ORDER = ("summary", "work", "education", "skills", "languages", "projects", "certificates", "interests")
SIDE = ("skills", "languages", "interests")
TEMPLATES = ("sdt-chrono", "sidebar-table", "textbox-fields", "tracked-cols", "gdocs-export", "pipe-titles")
PAGE = (11906, 16838)
# Wingdings icons Word's contact lines use (envelope, phone, house, globe-ish mouse), Symbol's bullet
ICONS = {"email": "F02A", "phone": "F028", "location": "F02B", "url": "F03A"}


def templates() -> list[str]:
    return list(TEMPLATES)


def supports(template: str, lang: str) -> bool:
    return template in TEMPLATES and lang != "ar"


def setup() -> None:
    dc.ensure_tools(())


def _style(doc: Any, xml: str) -> None:
    doc.styles.element.append(w.parse_xml(f"<w:style {w.NS} {xml}</w:style>"))


def _document(view: dict[str, Any], font: str, size: float) -> Any:
    doc = dc.base_document(view, font, size)
    # a bullet paragraph style whose name says nothing of lists: the numbering lives in the style
    _style(doc, 'w:type="paragraph" w:customStyle="1" w:styleId="Achievement"><w:name w:val="Achievement"/>'
                '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
                '<w:spacing w:after="40"/></w:pPr>')
    _style(doc, 'w:type="paragraph" w:customStyle="1" w:styleId="ContactInfo"><w:name w:val="Contact Info"/>'
                '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
                '<w:rPr><w:color w:val="595959"/></w:rPr>')
    return doc


def _save(doc: Any, view: dict[str, Any], out: Path) -> Path:
    return dc.save_docx(doc, out, author=view.get("name") or "")


def _hy(text: str) -> str:
    """Hyphens as Word stores typed non-breaking hyphens (Ctrl+Shift+-)."""
    return text.replace("-", "\u2011")


def _soft(text: str) -> str:
    """Optional hyphens (Ctrl+-) in long words, as pasted or typed text carries them."""
    return " ".join(wd[:len(wd) // 2] + "\u00ad" + wd[len(wd) // 2:] if len(wd) > 11 and wd.isalpha() else wd
                    for wd in text.split(" "))


def _contact_parts(doc: Any, view: dict[str, Any], mode: str, **fmt: Any) -> list[str]:
    """Contact items as run XML: 'link' w:hyperlink, 'field' HYPERLINK complex fields, 'sdt' inline
    content controls (links as fields)."""
    out = []
    for text, url in contact_links(view):
        if url and mode == "link":
            out.append(w.hyperlink(doc, w.r(text, color="0563C1", u=True, **fmt), url))
        elif url:
            out.append(w.field(f'HYPERLINK "{url}"', text, **fmt))
        else:
            out.append(w.r(_hy(text), **fmt))
        if mode == "sdt":
            out[-1] = w.sdt(out[-1], "Contact")
    return out


def _heading(view: dict[str, Any], key: str, style: str | None = "Heading1", border: str | None = None,
             **fmt: Any) -> str:
    text = (view.get("headings") or {}).get(key) or ""
    return w.p(w.r(text, **fmt), style=style, border=border) if text else ""


def _bullets(items: list[str], kind: str, num: int | None = None) -> list[str]:
    if kind == "style":
        return [w.p(w.r(h), style="Achievement") for h in items]
    if kind == "sym":
        return [w.p(w.sym("Symbol", "F0B7"), w.r("\t" + h), tabs=[("left", 360)]) for h in items]
    return [w.p(w.split_runs(h, 23), num=(num or 1, 0)) for h in items]


def _small_sections(view: dict[str, Any], keys: tuple[str, ...], head: Any, bullets: str,
                    num: int | None = None) -> list[str]:
    out: list[str] = []
    for key in keys:
        if key == "summary" and view.get("summary"):
            out += [head(key), w.p(w.r(_soft(view["summary"])))]
        elif key == "skills" and skill_items(view):
            out.append(head(key))
            out += [w.p(w.r(n + ": ", b=True), w.r(t)) if n else w.p(w.r(t)) for n, t in skill_items(view)]
        elif key == "languages" and lang_items(view, "{language}"):
            out.append(head(key))
            out += _bullets(lang_items(view, "{language}: {fluency}"), bullets, num)
        elif key == "interests" and view.get("interests"):
            names = [i.get("name") for i in view["interests"] if i.get("name")]
            out += [head(key), w.p(w.r(", ".join(names)))] if names else []
        elif key in ("projects", "certificates") and view.get(key):
            out.append(head(key))
            for it in view[key]:
                bits = [it.get("name"), it.get("issuer"), it.get("date") or it.get("dates")]
                out.append(w.p(w.r(join(*bits, sep=" — "))))
                if it.get("description"):
                    out.append(w.p(w.r(it["description"])))
    return out


# ------------------------------------------------------------------ templates
def _sdt_chrono(doc: Any, view: dict[str, Any]) -> None:
    """Word's chronological résumé template: content controls everywhere."""
    body = [w.sdt(w.p(w.r(view.get("name") or ""), style="Title"), "Your name")]
    parts = _contact_parts(doc, view, "sdt")
    line: list[str] = []
    for i, part in enumerate(parts):
        line += ([w.r("  "), w.sym("Symbol", "F0B7", color="7F7F7F"), w.r("  ")] if i else []) + [part]
    body.append(w.p(*line, style="ContactInfo", after=12))
    head = lambda key: w.sdt(_heading(view, key, caps=True), "Heading")  # noqa: E731
    body += _small_sections(view, ("summary",), head, "style")
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        body.append(head(key))
        items = []
        for e in entries:
            title = [w.r(e.title or "")] + ([w.r(", "), w.sdt(w.r(e.org, b=False), "Company")] if e.org else [])
            meta = [w.sdt(w.r(e.dates or ""), "Dates")] + ([w.r(" | " + e.location)] if e.location else [])
            item = w.p(*title, style="Heading2") + w.p(*meta, style="Heading3")
            if e.summary:
                item += w.p(w.r(e.summary))
            items.append(item + "".join(_bullets(e.bullets, "style")))
        body.append(w.repeating(items, key))
    # skills: a borderless two-column table whose cells hold content controls
    sk = [join(n, t, sep=": ") for n, t in skill_items(view)]
    if sk:
        half = (len(sk) + 1) // 2
        cells = "".join(w.cell(w.sdt("".join(w.p(w.r(s), style="ListBullet") for s in col), "Skills"), 4800)
                        for col in (sk[:half], sk[half:]))
        body += [head("skills"), w.table(w.row(cells), [4800, 4800])]
    body += _small_sections(view, ("languages", "projects", "certificates", "interests"), head, "style")
    w.fill(doc.element.body, body)
    w.fill(doc.sections[0].footer._element, [w.p(w.field("PAGE", "1"), jc="right")])


def _sidebar_table(doc: Any, view: dict[str, Any]) -> None:
    """A one-row layout table: a shaded sidebar (name, contact lines with Wingdings icons, skills,
    languages) beside the main column, whose entries are rows of a nested table, each row in a
    content control (a repeating section over table rows)."""
    left = [w.p(w.r(view.get("name") or "", sz=22, b=True, color="1F3864"))]
    if view.get("label"):
        left.append(w.p(w.r(view["label"], sz=12, color="404040"), after=10))
    keys = [k for k in ("email", "phone", "location", "url") if view.get(k)]
    for k in keys:
        text = view[k]
        run = w.r(text, sz=9)
        if k in ("email", "url"):
            run = w.hyperlink(doc, run, ("mailto:" + text) if k == "email" else text)
        left.append(w.p(w.sym("Wingdings", ICONS[k], sz=9, color="1F3864"), w.r("  ", sz=9), run))
    for pr in view.get("profiles") or []:
        if pr.get("url"):
            left.append(w.p(w.hyperlink(doc, w.r(pr["url"], sz=9), pr["url"])))
    head = lambda key: _heading(view, key, caps=True, color="1F3864")  # noqa: E731
    left += _small_sections(view, SIDE, head, "list")
    right = _small_sections(view, ("summary",), head, "list")
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        right.append(head(key))
        rows = []
        for e in entries:
            content = w.p(w.r(e.title or "", b=True)) + w.p(w.r(join(e.org, e.location), i=True))
            if e.summary:
                content += w.p(w.r(e.summary))
            content += "".join(_bullets(e.bullets, "list"))
            rows.append(w.sdt(w.row(w.cell(w.p(w.r(e.dates or "", sz=9)), 1500) + w.cell(content, 4700)),
                              key + " entry", "<w15:repeatingSectionItem/>"))
        right.append(w.table("".join(rows), [1500, 4700]) + w.p())
    right += _small_sections(view, ("projects", "certificates"), head, "list")
    w.fill(doc.element.body, [w.table(w.row(w.cell("".join(left), 3300, fill="DEEAF6")
                                            + w.cell("".join(right), 6500)), [3300, 6500]), w.p()])


def _textbox_fields(doc: Any, view: dict[str, Any]) -> None:
    """Name and title in a text box in the page header; contact line of HYPERLINK fields; entries
    'Position<tab>dates' (right tab stop) with the employer after a line break; Symbol bullets;
    'Page N' from fields in the footer."""
    box = w.p(w.r(view.get("name") or "", sz=24, b=True, color="FFFFFF"))
    if view.get("label"):
        box += w.p(w.r(view["label"], sz=13, color="FFFFFF"))
    w.fill(doc.sections[0].header._element, [w.p(w.r(""), w.textbox_run(box, 1, 0, 0, 21.0, 3.2, "2F5496"))])
    parts = _contact_parts(doc, view, "field", sz=9.5)
    line: list[str] = []
    for i, part in enumerate(parts):
        line += ([w.r("  |  ", sz=9.5)] if i else []) + [part]
    body = [w.p(), w.p(*line, after=10, border="2F5496")]
    head = lambda key: _heading(view, key, style=None, b=True, sz=13, color="2F5496")  # noqa: E731
    body += _small_sections(view, ("summary",), head, "sym")
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        body.append(head(key))
        for e in entries:
            dates = e.dates or ""
            if " – " in dates and "/" not in dates:
                dates = dates.replace(" – ", "\u2011")  # '2014‑2016' with a non-breaking hyphen
            second = join(_hy(e.org or ""), e.location)
            runs = [w.r(e.title or "", b=True), w.r("\t" + dates)] + ([w.r("\n" + second, i=True)] if second else [])
            body.append(w.p(*runs, tabs=[("right", 9638)], before=6))
            if e.summary:
                body.append(w.p(w.r(e.summary)))
            body += _bullets(e.bullets, "sym")
    body += _small_sections(view, ("skills", "languages", "projects", "certificates", "interests"), head, "sym")
    w.fill(doc.element.body, body)
    page = {"de": "Seite", "fr": "Page", "es": "Página", "it": "Pagina", "nl": "Pagina"}.get(view.get("lang", ""), "Page")
    w.fill(doc.sections[0].footer._element,
           [w.p(w.r(page + " "), w.fld_simple("PAGE", "1"), w.r(" / "), w.field("NUMPAGES", "2"), jc="center")])


def _tracked_cols(doc: Any, view: dict[str, Any]) -> None:
    """Direct-formatted headings (bold, caps, rule below), a reviewer's tracked changes, smart tags
    and custom XML around places and employers, numbered achievements, and skills, languages and
    interests in two newspaper columns (continuous section breaks)."""
    num = dc.numbering_bullets(doc, "%1.", abstract_id=91)
    absn = doc.part.numbering_part.element.find(dc.qn("w:abstractNum"))
    for a in doc.part.numbering_part.element.iter(dc.qn("w:abstractNum")):
        if a.get(dc.qn("w:abstractNumId")) == "91":
            absn = a
    absn.find(".//" + dc.qn("w:numFmt")).set(dc.qn("w:val"), "decimal")
    body = [w.bookmark(w.p(w.r(view.get("name") or "", sz=20, b=True)), "_GoBack", 0)]
    if view.get("label"):
        body.append(w.p(w.r(view["label"], sz=12)))
    body.append(w.p(*[w.r(t + ("   " if i < len(contact_links(view)) - 1 else ""), sz=9.5)
                      for i, (t, _) in enumerate(contact_links(view))], after=8))
    head = lambda key: _heading(view, key, style=None, border="000000", b=True, caps=True, sz=12)  # noqa: E731
    body += _small_sections(view, ("summary",), head, "num", num)
    n = 0
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        body.append(head(key))
        for e in entries:
            n += 1
            org = w.custom_xml(w.r(e.org or "", b=True), "employer")
            if n == 1:
                org = w.delete("Freelance ", n, b=True) + org
            runs = [org] + ([w.r(" — "), w.smart_tag(w.r(e.location))] if e.location else [])
            body.append(w.p(*runs, w.r("\t" + (e.dates or "")), tabs=[("right", 9638)], before=6))
            title = w.r(e.title or "", i=True)
            body.append(w.p(w.ins(title, n) if n % 2 else title))
            body += _bullets(e.bullets, "num", num)
    cols = _small_sections(view, SIDE, head, "num", num)
    if cols:
        body.append(w.p(sect=w.section_break(1, PAGE, 1134)))
        body += cols + [w.p(sect=w.section_break(2, PAGE, 1134))]
    body += _small_sections(view, ("projects", "certificates"), head, "num", num)
    w.fill(doc.element.body, body)


def _gdocs_export(doc: Any, view: dict[str, Any]) -> None:
    """Google Docs' 'Download as .docx': Normal style, every run formatted directly and split,
    empty paragraphs for spacing, a two-column table for name / contact lines, ● numbering."""
    num = dc.numbering_bullets(doc, "●", abstract_id=92)
    grey = dict(color="666666", sz=10, font="Arial")
    name = w.p(w.split_runs(view.get("name") or "", 7, b=True, sz=22, font="Arial"))
    label = w.p(w.r(view.get("label") or "", sz=12, color="1155CC", font="Arial")) if view.get("label") else ""
    contacts = "".join(w.p(w.hyperlink(doc, w.r(t, u=True, color="1155CC", sz=10, font="Arial"), u) if u
                           else w.r(t, **grey), jc="right") for t, u in contact_links(view)) or "<w:p/>"
    body = [w.bookmark(w.table(w.row(w.cell(name + label, 5400) + w.cell(contacts, 4200)), [5400, 4200]),
                       "_gjdgxs", 0), w.p()]
    head = lambda key: w.p(w.split_runs((view.get("headings") or {}).get(key) or "", 6, b=True, sz=14,  # noqa: E731
                                        color="1155CC", font="Arial"), before=10)
    body += _small_sections(view, ("summary",), head, "num", num)
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        body += [w.p(), head(key)]
        for e in entries:
            body.append(w.p(w.r(e.org or "", b=True, sz=11, font="Arial"),
                            w.r((", " + e.location) if e.location else "", sz=11, font="Arial"),
                            w.r(" — ", sz=11, font="Arial"), w.split_runs(e.title or "", 11, i=True, sz=11,
                                                                           font="Arial"), before=8))
            body.append(w.p(w.r(e.dates or "", **grey)))
            if e.summary:
                body.append(w.p(w.split_runs(e.summary, 30, sz=11, font="Arial")))
            body += _bullets(e.bullets, "num", num)
        body.append(w.p())
    body += _small_sections(view, ("skills", "languages", "projects", "certificates", "interests"), head, "num",
                            num)
    w.fill(doc.element.body, body)


def _pipe_titles(doc: Any, view: dict[str, Any]) -> None:
    """Word's "Crisp and clean" / "Modern" résumé templates: one title line per entry, its fields
    set apart by pipes ("Title | Company | Dates", "Degree | Date earned | School") in expanded
    character spacing (Carlito's "ti", "fi", "ft" ligatures then stand apart in the PDF), the contact
    items typed with spaces between them (no separator glyph), bullets from the style."""
    body = [w.sdt(w.p(w.r(view.get("name") or ""), style="Title"), "Your name")]
    if view.get("label"):
        body.append(w.p(w.r(view["label"], sz=13, color="404040")))
    items = [t for t, _ in contact_links(view)]
    if items:
        body.append(w.p(w.r("    ".join(items), sz=9.5), style="ContactInfo", after=10))
    head = lambda key: _heading(view, key, caps=True)  # noqa: E731
    body += _small_sections(view, ("summary",), head, "style")
    for key, entries in (("work", work_entries(view)), ("education", edu_entries(view))):
        if not entries:
            continue
        body.append(head(key))
        for e in entries:
            bits = [e.title, e.org, e.dates]
            if key == "education" and len(e.org or "") % 2:
                bits = [e.title, e.dates, e.org]  # "Degree | Date earned | School"
            # (title lines expanded by 1.5 pt, as the template's heading styles set them)
            body.append(w.p(w.r(" | ".join(b for b in bits if b), b=True, sz=11, spacing=30), style="Heading2", before=6))
            if e.summary:
                body.append(w.p(w.r(e.summary)))
            body += _bullets(e.bullets, "style")
    body += _small_sections(view, ("skills", "languages", "projects", "certificates", "interests"), head, "style")
    w.fill(doc.element.body, body)


RENDER = {"sdt-chrono": (_sdt_chrono, "Carlito", 10.5), "sidebar-table": (_sidebar_table, "Carlito", 10),
          "textbox-fields": (_textbox_fields, "Liberation Sans", 10),
          "tracked-cols": (_tracked_cols, "Liberation Serif", 11),
          "gdocs-export": (_gdocs_export, "Liberation Sans", 11), "pipe-titles": (_pipe_titles, "Carlito", 10.5)}


def save(view: dict[str, Any], template: str, path: Path) -> Path:
    fn, font, size = RENDER[template]
    doc = _document(view, font, size)
    fn(doc, view)
    return _save(doc, view, path)


def render(view: dict[str, Any], template: str, out_stem: Path) -> Path:
    return save(view, template, Path(out_stem).with_suffix(".docx"))
