"""pandoc: a Markdown CV converted by pandoc to DOCX with one of three reference documents (styles
made from pandoc's own reference.docx with python-docx), and for the ``-pdf`` templates on to PDF
with LibreOffice.

Markdown shapes: ``sections`` ('## Experience' + '**Position**, Company — dates' + bullets, name in
the title metadata), ``deflist`` (definition lists: company as the term), ``table`` (a headerless
pipe table per entry: dates | title, bullets below; skills and languages as tables), ``h3`` ('# Name',
'### Position — Company', dates in italics, links)."""
from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from docx.shared import Pt

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families import _libreoffice as lo
from htdy.parsers.training.families._cv_content import (
    COMMA,
    contact_items,
    edu_entries,
    join,
    lang_items,
    other_entries,
    skill_items,
    work_entries,
)

NAME = "pandoc"
SHAPES = ("sections", "deflist", "table", "h3")
# reference documents: font, body size, page, margins, {style: (size, colour, bold, caps, border colour)}
REFS: dict[str, dict[str, Any]] = {
    "calibri": dict(font="Carlito", size=11, page="A4", margins=(2.0, 2.0, 2.0, 2.0),
                    styles={"Title": (26, "1F3864", True, False, None),
                            "Subtitle": (13, "595959", False, False, None),
                            "Heading 1": (18, "1F3864", True, False, None),
                            "Heading 2": (14, "2E74B5", True, False, None),
                            "Heading 3": (11.5, "000000", True, False, None)}),
    "serif": dict(font="Liberation Serif", size=11.5, page="Letter", margins=(2.3, 2.5, 2.3, 2.5),
                  styles={"Title": (24, "000000", True, False, None),
                          "Subtitle": (13, "404040", False, False, None),
                          "Heading 1": (17, "000000", True, False, None),
                          "Heading 2": (13, "7B1F1F", True, True, "7B1F1F"),
                          "Heading 3": (11.5, "000000", True, False, None)}),
    "compact": dict(font="DejaVu Sans", size=9.5, page="A4", margins=(1.6, 1.8, 1.6, 1.8),
                    styles={"Title": (20, "2F6B3B", True, False, None),
                            "Subtitle": (11, "555555", False, False, None),
                            "Heading 1": (15, "2F6B3B", True, False, None),
                            "Heading 2": (11, "2F6B3B", True, True, None),
                            "Heading 3": (10, "000000", True, False, None)}),
}
TEMPLATES: dict[str, tuple[str, str, str]] = {  # id -> shape, reference, output format
    "sections-calibri": ("sections", "calibri", "docx"),
    "deflist-serif": ("deflist", "serif", "docx"),
    "table-compact": ("table", "compact", "docx"),
    "h3-serif": ("h3", "serif", "docx"),
    "sections-compact-pdf": ("sections", "compact", "pdf"),
    "deflist-calibri-pdf": ("deflist", "calibri", "pdf"),
    "table-serif-pdf": ("table", "serif", "pdf"),
    "h3-calibri-pdf": ("h3", "calibri", "pdf"),
}
ORDER = ("summary", "work", "education", "skills", "languages", "projects", "certificates", "interests")
_ESC = set("\\`*_{}[]<>#+-.!|~^$@&()")
EPOCH = "1705311000"  # 2024-01-15: pandoc's SOURCE_DATE_EPOCH, stable zip and core.xml dates


def pandoc_bin() -> str | None:
    return shutil.which("pandoc")


def templates() -> list[str]:
    return list(TEMPLATES)


def supports(template: str, lang: str) -> bool:
    if template not in TEMPLATES or pandoc_bin() is None:
        return False
    return TEMPLATES[template][2] != "pdf" or lo.soffice_bin() is not None


def esc(text: str | None) -> str:
    """Markdown-escape view text (every markup character backslashed, whitespace collapsed)."""
    return "".join("\\" + c if c in _ESC else c for c in " ".join((text or "").split()))


# ------------------------------------------------------------------ Markdown
def markdown(view: dict[str, Any], shape: str) -> tuple[str, dict[str, str]]:
    """The Markdown text and the pandoc metadata (-M) for ``view`` in ``shape``."""
    v = view
    comma = COMMA.get(v.get("lang", "en"), ", ")
    meta = {"lang": dc.LANG_TAG.get(v.get("lang", "en"), "en-GB")}
    if v.get("dir") == "rtl":
        meta["dir"] = "rtl"
    out: list[str] = []
    contact = [esc(c) for c in contact_items(v, "url" if shape != "deflist" else "net-user")]
    if shape in ("sections", "table"):
        meta["title"] = v.get("name") or ""
        if v.get("label"):
            meta["subtitle"] = v["label"]
        if contact:
            out.append(" · ".join(contact) if shape == "sections" else " \\| ".join(contact))
    else:
        out.append(f"# {esc(v.get('name'))}")
        if v.get("label"):
            out.append(f"**{esc(v['label'])}**")
        if shape == "h3" and v.get("email"):
            contact[0] = f"[{esc(v['email'])}](mailto:{v['email']})"
        if contact:
            out.append(" | ".join(contact) if shape == "h3" else "\\\n".join(contact))
    h = "##" if shape in ("deflist", "h3") else "#"
    heads = v.get("headings") or {}
    for key in ORDER:
        block = _section(v, key, shape, comma)
        if block and heads.get(key):
            out.append(f"{h} {esc(heads[key])}")
        out += block
    return "\n\n".join(out) + "\n", meta


def _bullets(items: list[str]) -> list[str]:
    return ["\n".join(f"- {esc(i)}" for i in items)] if items else []


def _definition(term: str, blocks: list[str]) -> str:
    """A definition list item: the first block after ':   ', the others indented four spaces."""
    if not blocks:
        return term
    first = blocks[0].replace("\n", "\n    ")
    return "\n\n".join([term + "\n:   " + first] + [textwrap.indent(b, "    ") for b in blocks[1:]])


def _section(v: dict[str, Any], key: str, shape: str, comma: str) -> list[str]:
    if key == "summary":
        return [esc(v["summary"])] if v.get("summary") else []
    if key == "skills":
        items = skill_items(v)
        if not items:
            return []
        if shape == "table" and any(n for n, _ in items):
            return [_table([[f"**{esc(n)}**" if n else "", esc(t)] for n, t in items])]
        if shape == "table":
            return [esc(", ".join(t for _, t in items))]
        if shape == "deflist":
            return ["\n\n".join(_definition(esc(n), [esc(t)]) if n else esc(t) for n, t in items)]
        return _bullets([join(n, t, sep=": ") for n, t in items])
    if key == "languages":
        langs = [lg for lg in v.get("languages") or [] if lg.get("language")]
        if shape == "table" and langs:
            return [_table([[esc(lg["language"]), esc(lg.get("fluency"))] for lg in langs])]
        lines = lang_items(v, "{language} ({fluency})" if shape == "sections" else "{language}: {fluency}")
        return [esc(", ".join(lines))] if lines else []
    if key == "interests":
        names = [i["name"] for i in v.get("interests") or [] if i.get("name")]
        return [esc(", ".join(names))] if names else []
    entries = (work_entries(v) if key == "work" else edu_entries(v) if key == "education"
               else other_entries(v, key) if key in ("projects", "certificates") else [])
    out: list[str] = []
    for e in entries:
        title, org, place, dates = esc(e.title), esc(e.org), esc(e.location), esc(e.dates)
        body = ([esc(e.summary)] if e.summary else []) + _bullets(e.bullets)
        if shape == "sections":
            line = f"**{title}**" + (comma + org if org else "") + (f" — {dates}" if dates else "")
            out += [line + (f"\\\n*{place}*" if place else "")] + body
        elif shape == "deflist":
            term = f"**{org or title}**" + (comma + place if place else "")
            sub = join(f"*{title}*" if org and title else None, dates, sep=comma)
            out.append(_definition(term, ([sub] if sub else []) + body))
        elif shape == "table":
            right = f"**{title}**" + (comma + join(org, place, sep=comma) if org or place else "")
            out += [_table([[f"**{dates}**" if dates else "", right]], widths=(18, 62))] + body
        else:
            out.append(f"### {title}" + (f" — {org}" if org else ""))
            meta = join(f"*{dates}*" if dates else None, place, sep=" · ")
            out += ([meta] if meta else []) + body
    return out


def _table(rows: list[list[str]], widths: tuple[int, int] = (25, 55)) -> str:
    """A headerless pipe table; the long dash line makes pandoc keep the relative column widths."""
    lines = ["| " + " | ".join(" " for _ in rows[0]) + " |",
             "|" + "|".join(":" + "-" * w for w in widths[:len(rows[0])]) + "|"]
    lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------ reference documents
@functools.lru_cache(maxsize=1)
def _default_reference() -> bytes:
    exe = pandoc_bin()
    if exe is None:
        raise RuntimeError("pandoc is not installed: apt-get install pandoc")
    return subprocess.run([exe, "--print-default-data-file", "reference.docx"], capture_output=True,
                          check=True).stdout


def _style(doc: Any, name: str) -> Any:
    """A style by its displayed name (pandoc writes 'Heading 1' where python-docx expects 'heading 1')."""
    return next((st for st in doc.styles if st.name == name), None)


def reference_doc(ref: str, lang: str, rtl: bool, path: Path) -> Path:
    """pandoc's reference.docx restyled: fonts (CJK East Asian slot), sizes, heading colours, page."""
    import docx

    conf = REFS[ref]
    doc = docx.Document(io.BytesIO(_default_reference()))
    dc.apply_fonts(doc, lang, conf["font"])
    _style(doc, "Normal").font.size = Pt(conf["size"])
    for name, (size, color, bold, caps, rule) in conf["styles"].items():
        st = _style(doc, name)
        st.font.size, st.font.bold, st.font.all_caps = Pt(size), bold, caps
        st.font.color.rgb = dc.hexcolor(color)
        if rule:
            ppr = st.element.get_or_add_pPr()
            bdr = dc.el("w:pBdr")
            bdr.append(dc.el("w:bottom", val="single", sz=6, space=1, color=rule))
            dc.put(ppr, bdr)
    for name in ("Body Text", "First Paragraph", "Compact"):
        if _style(doc, name) is None:
            continue
        pf = _style(doc, name).paragraph_format
        pf.space_before, pf.space_after = Pt(0 if name == "Compact" else 3), Pt(2 if name == "Compact" else 4)
    dc.page_setup(doc.sections[0], conf["page"], conf["margins"])
    dc.complex_script_sizes(doc.styles.element)
    doc.save(str(path))
    return path


def render(view: dict[str, Any], template: str, out_stem: Path) -> Path:
    shape, ref, fmt = TEMPLATES[template]
    exe = pandoc_bin()
    if exe is None:
        raise RuntimeError("pandoc is not installed: apt-get install pandoc")
    text, meta = markdown(view, shape)
    out_stem = Path(out_stem)
    with tempfile.TemporaryDirectory(prefix="htdy-pandoc-") as tmp:
        src, refdoc = Path(tmp) / "cv.md", Path(tmp) / "reference.docx"
        src.write_text(text, encoding="utf-8")
        reference_doc(ref, view.get("lang", "en"), view.get("dir") == "rtl", refdoc)
        docx_out = out_stem.with_suffix(".docx") if fmt == "docx" else Path(tmp) / "cv.docx"
        docx_out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [exe, "-f", "markdown-smart", "-t", "docx", "--reference-doc", str(refdoc), "-o", str(docx_out)]
        for k, val in meta.items():
            cmd += ["-M", f"{k}={val}"]
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        subprocess.run(cmd + [str(src)], check=True, capture_output=True, env=env, timeout=120)
        docx_out.write_bytes(dc.stable_zip(docx_out.read_bytes()))
        if fmt == "docx":
            return docx_out
        return lo.to_pdf(docx_out, out_stem.with_suffix(".pdf"))


def setup() -> None:
    dc.ensure_tools(("pandoc", "soffice"))
