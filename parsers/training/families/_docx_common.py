"""Low-level python-docx helpers shared by the word-processor families (word-docx, word-pdf, pandoc):
fonts with East Asian / complex-script slots, borders, shading, tab stops, borderless tables,
floating text boxes (DrawingML with a VML fallback, or VML alone), Google-Docs-like numbering,
right-to-left paragraphs, and saving with pinned metadata and zip timestamps (stable bytes)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CJK_SANS = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}
CJK_SERIF = {"zh": "Noto Serif CJK SC", "ja": "Noto Serif CJK JP", "ko": "Noto Serif CJK KR"}
LANG_TAG = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt": "pt-PT", "it": "it-IT",
            "nl": "nl-NL", "pl": "pl-PL", "zh": "zh-CN", "ja": "ja-JP", "ko": "ko-KR", "ru": "ru-RU",
            "tr": "tr-TR", "sv": "sv-SE", "cs": "cs-CZ", "ar": "ar-SA"}
SERIF = ("Liberation Serif", "Caladea", "DejaVu Serif", "TeX Gyre Termes")
FIXED_TIME = dt.datetime(2024, 1, 15, 9, 30, 0)
# Debian packages the families need (setup() checks them)
DEBIAN = {"soffice": "libreoffice-writer-nogui", "pandoc": "pandoc"}
FONT_PACKAGES = {"Noto Sans CJK SC": "fonts-noto-cjk", "Carlito": "fonts-crosextra-carlito",
                 "Caladea": "fonts-crosextra-caladea", "Liberation Sans": "fonts-liberation2",
                 "DejaVu Sans": "fonts-dejavu-core"}


def rng_for(template: str, salt: str = "") -> random.Random:
    """A random source that belongs to the template (never global state)."""
    return random.Random(int(hashlib.sha256(f"{template}|{salt}".encode()).hexdigest()[:16], 16))


def hexcolor(value: str) -> RGBColor:
    return RGBColor.from_string(value.lstrip("#").upper())


# ------------------------------------------------------------------ ordered OOXML children
_SEQ = {qn(k): [qn(f"w:{t}") for t in v.split()] for k, v in {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
             "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
             "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
               "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
              "hideMark",
}.items()}


def put(parent: Any, child: Any) -> Any:
    """Insert ``child`` into ``parent`` (pPr, rPr, tblPr, tcPr) at its schema position, replacing a
    same-named child; Word refuses out-of-order property elements."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
        return child
    seq = _SEQ.get(parent.tag, ())
    if child.tag in seq:
        later = set(seq[seq.index(child.tag) + 1:])
        for i, existing in enumerate(parent):
            if existing.tag in later:
                parent.insert(i, child)
                return child
    parent.append(child)
    return child


def el(tag: str, **attrs: str | int) -> Any:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def set_fonts(rpr: Any, latin: str, east_asia: str | None = None, cs: str | None = None) -> None:
    """Set all four font slots (theme font references removed, so the named font wins)."""
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = put(rpr, el("w:rFonts"))
    for a in list(rf.attrib):
        if a.endswith("Theme"):
            del rf.attrib[a]
    rf.set(qn("w:ascii"), latin)
    rf.set(qn("w:hAnsi"), latin)
    rf.set(qn("w:eastAsia"), east_asia or latin)
    rf.set(qn("w:cs"), cs or latin)


def border(p: Any, side: str = "bottom", color: str = "000000", sz: int = 6, space: int = 1) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = put(ppr, el("w:pBdr"))
    bdr.append(el(f"w:{side}", val="single", sz=sz, space=space, color=color))


def shade_par(p: Any, fill: str) -> None:
    put(p._p.get_or_add_pPr(), el("w:shd", val="clear", color="auto", fill=fill))


def shade_cell(cell: Any, fill: str) -> None:
    put(cell._tc.get_or_add_tcPr(), el("w:shd", val="clear", color="auto", fill=fill))


def cell_margins(cell: Any, top: int = 60, left: int = 120, bottom: int = 60, right: int = 120) -> None:
    mar = el("w:tcMar")
    for side, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(el(f"w:{side}", w=v, type="dxa"))
    put(cell._tc.get_or_add_tcPr(), mar)


def tab_stop(p: Any, pos_cm: float, align: str = "right", leader: str | None = None) -> None:
    ppr = p._p.get_or_add_pPr()
    tabs = ppr.find(qn("w:tabs"))
    if tabs is None:
        tabs = put(ppr, el("w:tabs"))
    t = el("w:tab", val=align, pos=int(pos_cm * 567))
    if leader:
        t.set(qn("w:leader"), leader)
    tabs.append(t)


def table_borders(table: Any, visible: bool = False, color: str = "BFBFBF", inside_h: bool = False) -> None:
    tblpr = table._tbl.tblPr
    b = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        on = visible or (inside_h and side == "insideH")
        b.append(el(f"w:{side}", val="single" if on else "nil", sz=4, space=0, color=color))
    put(tblpr, b)


def col_widths(table: Any, widths_cm: list[float]) -> None:
    table.autofit = False
    put(table._tbl.tblPr, el("w:tblLayout", type="fixed"))
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        gc.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)


def hyperlink(p: Any, run: Any, url: str) -> None:
    """Wrap ``run`` of paragraph ``p`` in a ``w:hyperlink`` to the external ``url``."""
    rid = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    run._r.addprevious(h)
    h.append(run._r)


def numbering_bullets(doc: Any, glyph: str = "●", font: str | None = None, abstract_id: int = 90) -> int:
    """A bullet list defined the way Google Docs exports it (paragraphs keep style Normal and carry
    ``w:numPr`` themselves); returns the numId."""
    numbering = doc.part.numbering_part.element
    abs_xml = (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
               '<w:multiLevelType w:val="hybridMultilevel"/>'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
               f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
               '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
               + (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else "")
               + '</w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    node = parse_xml(abs_xml)
    if first_num is not None:
        first_num.addprevious(node)
    else:
        numbering.append(node)
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] + [0]) + 1
    num = el("w:num", numId=num_id)
    num.append(el("w:abstractNumId", val=abstract_id))
    numbering.append(num)
    return num_id


def set_numbering(p: Any, num_id: int, level: int = 0) -> None:
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", val=level))
    numpr.append(el("w:numId", val=num_id))
    put(p._p.get_or_add_pPr(), numpr)


# ------------------------------------------------------------------ document-wide passes
def _arabic(text: str) -> bool:
    return any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text)


def _parts(doc: Any) -> list[Any]:
    out = [doc.element]
    for s in doc.sections:
        for hf in (s.header, s.footer, s.first_page_header, s.first_page_footer):
            if not hf.is_linked_to_previous:
                out.append(hf._element)
    return out


def complex_script_sizes(root: Any) -> None:
    """Mirror b/i/sz into bCs/iCs/szCs: Arabic (complex script) text only reads the *Cs twins."""
    for rpr in root.iter(qn("w:rPr")):
        for src, dst in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
            s = rpr.find(qn(src))
            if s is not None:
                twin = el(dst)
                if s.get(qn("w:val")) is not None:
                    twin.set(qn("w:val"), s.get(qn("w:val")))
                put(rpr, twin)


def make_rtl(doc: Any) -> None:
    """Right-to-left document: every paragraph gets ``w:bidi``, Arabic runs ``w:rtl``, tables
    ``w:bidiVisual`` (columns mirrored); bold and size copied to the complex-script twins."""
    roots = _parts(doc) + [doc.styles.element]
    for root in roots:
        for p in root.iter(qn("w:p")):
            put(p.get_or_add_pPr(), el("w:bidi"))
        for r in root.iter(qn("w:r")):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if _arabic(text):
                put(r.get_or_add_rPr(), el("w:rtl"))
        for tbl in root.iter(qn("w:tbl")):
            put(tbl.tblPr, el("w:bidiVisual"))
        complex_script_sizes(root)
    for style in doc.styles:
        if style.type == 1:  # paragraph styles
            put(style.element.get_or_add_pPr(), el("w:bidi"))


def apply_fonts(doc: Any, lang: str, latin: str) -> None:
    """Set the document defaults and every style that names a font to ``latin`` (theme fonts
    dropped), with the CJK font in the East Asian slot for zh/ja/ko, and the language tags."""
    ea = (CJK_SERIF if latin in SERIF else CJK_SANS).get(lang, latin)
    cs = "DejaVu Sans" if lang == "ar" else latin
    doc._htdy_fonts = (latin, ea, cs)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_fonts(rpr, latin, ea, cs)
    tag = LANG_TAG.get(lang, "en-GB")
    lang_el = el("w:lang", val=tag if lang not in ("zh", "ja", "ko", "ar") else "en-GB",
                 eastAsia=tag if lang in ("zh", "ja", "ko") else "zh-CN", bidi="ar-SA")
    put(rpr, lang_el)
    for st in doc.styles:
        rp = st.element.rPr
        if rp is not None and rp.find(qn("w:rFonts")) is not None:
            set_fonts(rp, latin, ea, cs)


def page_setup(section: Any, page: str, margins_cm: tuple[float, float, float, float]) -> None:
    if page == "Letter":
        section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Cm(m) for m in margins_cm)
    section.header_distance = section.footer_distance = Cm(1.0)


def base_document(view: dict[str, Any], latin: str, size: float, page: str = "A4",
                  margins_cm: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0)) -> Any:
    """A python-docx Document in ``latin`` (see ``apply_fonts``), page size and margins set."""
    import docx

    doc = docx.Document()
    apply_fonts(doc, view.get("lang", "en"), latin)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(2)
    page_setup(doc.sections[0], page, margins_cm)
    return doc


def font_run(doc: Any, run: Any, latin: str) -> None:
    """Give one run its own Latin font, keeping the document's East Asian / complex-script slots."""
    _, ea, cs = doc._htdy_fonts
    set_fonts(run._r.get_or_add_rPr(), latin, ea, cs)


def save_docx(doc: Any, path: Path, author: str = "") -> Path:
    """Save with pinned core properties and zip timestamps, so the same view gives the same bytes."""
    cp = doc.core_properties
    cp.author = cp.last_modified_by = author
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = cp.subject = cp.keywords = cp.comments = cp.category = ""
    if getattr(doc, "_htdy_rtl", False):
        make_rtl(doc)
    else:
        for root in _parts(doc):
            complex_script_sizes(root)
    buf = io.BytesIO()
    doc.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_zip(buf.getvalue()))
    return path


def stable_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 15, 9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ tools
def _missing_fonts() -> list[str]:
    if shutil.which("fc-list") is None:
        return list(dict.fromkeys(FONT_PACKAGES.values()))
    fams = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return [pkg for fam, pkg in FONT_PACKAGES.items() if fam not in fams]


def ensure_tools(binaries: tuple[str, ...] = ()) -> None:
    """setup(): install the Debian packages that are missing (when root; idempotent). A missing
    binary is an error; a missing font only a warning (LibreOffice substitutes one)."""
    want = [DEBIAN[b] for b in binaries if shutil.which(b) is None] + _missing_fonts()
    if "soffice" in binaries and subprocess.run(["/usr/bin/python3", "-c", "import uno"],
                                                capture_output=True).returncode != 0:
        want.append("python3-uno")  # the fast converter; without it one soffice per document
    if want and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *dict.fromkeys(want)]
        if subprocess.run(cmd, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
            subprocess.run(cmd, env=env, capture_output=True)
    missing = [DEBIAN[b] for b in binaries if shutil.which(b) is None]
    if missing:
        raise RuntimeError("missing Debian packages: " + " ".join(missing))
    if _missing_fonts():
        print("word families: fonts missing, LibreOffice will substitute: " + " ".join(_missing_fonts()),
              file=sys.stderr)
