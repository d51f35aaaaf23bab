"""Raw WordprocessingML for the word-real family: what Word and Google Docs write and python-docx
cannot (content controls, complex and simple fields, tracked changes, smart tags and custom XML,
symbol-font characters, non-breaking and soft hyphens, line breaks inside a paragraph, rows wrapped
in content controls, section columns). Every helper returns an XML string; ``body`` parses a list
of block strings into a python-docx document."""
from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:w10="urn:schemas-microsoft-com:office:word" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"')


def rpr(b: bool = False, i: bool = False, sz: float | None = None, color: str | None = None, caps: bool = False,
        font: str | None = None, u: bool = False, style: str | None = None, spacing: int | None = None) -> str:
    """Run properties; ``spacing`` is Word's expanded (or condensed) character spacing in twips."""
    out = f'<w:rStyle w:val="{style}"/>' if style else ""
    if font:
        out += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    out += ("<w:b/><w:bCs/>" if b else "") + ("<w:i/><w:iCs/>" if i else "") + ("<w:caps/>" if caps else "")
    out += f'<w:color w:val="{color}"/>' if color else ""
    out += f'<w:sz w:val="{int(sz * 2)}"/><w:szCs w:val="{int(sz * 2)}"/>' if sz else ""
    out += f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    out += '<w:u w:val="single"/>' if u else ""
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""


def r(text: str, **fmt: Any) -> str:
    """One run; ``\\n`` becomes ``w:br``, ``\\t`` ``w:tab``, U+2011 ``w:noBreakHyphen``, U+00AD
    ``w:softHyphen`` (what Word stores for them: none of them is a character in ``w:t``)."""
    special = {"\n": "<w:br/>", "\t": "<w:tab/>", "\u2011": "<w:noBreakHyphen/>", "\u00ad": "<w:softHyphen/>"}
    parts, cur = [], ""
    for ch in text:
        if ch in special:
            parts.append(_t(cur) + special[ch])
            cur = ""
        else:
            cur += ch
    parts.append(_t(cur))
    return f"<w:r>{rpr(**fmt)}{''.join(parts)}</w:r>"


def split_runs(text: str, every: int = 9, **fmt: Any) -> str:
    """Google Docs and Word's spell checker split a text into many runs of the same formatting."""
    chunks = [text[i:i + every] for i in range(0, len(text), every)] or [""]
    return "".join(r(c, **fmt) for c in chunks)


def sym(font: str, char: str, **fmt: Any) -> str:
    """A symbol-font character (Wingdings, Symbol): ``w:sym``, no text in the run."""
    return f'<w:r>{rpr(**fmt)}<w:sym w:font="{font}" w:char="{char}"/></w:r>'


def ppr(style: str | None = None, num: tuple[int, int] | None = None, tabs: list[tuple[str, int]] | None = None,
        jc: str | None = None, before: int = 0, after: int = 0, border: str | None = None,
        sect: str = "") -> str:
    out = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        out += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if border:
        out += f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="{border}"/></w:pBdr>'
    if tabs:
        out += "<w:tabs>" + "".join(f'<w:tab w:val="{a}" w:pos="{p}"/>' for a, p in tabs) + "</w:tabs>"
    if before or after:
        out += f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"/>'
    out += f'<w:jc w:val="{jc}"/>' if jc else ""
    out += sect
    return f"<w:pPr>{out}</w:pPr>" if out else ""


def p(*runs: str, **props: Any) -> str:
    return f"<w:p>{ppr(**props)}{''.join(runs)}</w:p>"


_SDT_ID = [100]


def _sdt_pr(alias: str, extra: str = "") -> str:
    _SDT_ID[0] += 1
    return (f'<w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{escape(alias)}"/>'
            f'<w:id w:val="{_SDT_ID[0]}"/>{extra}</w:sdtPr>')


def sdt(content: str, alias: str, extra: str = "") -> str:
    """A content control around blocks (paragraphs, tables), runs or rows: the same ``w:sdt``
    shape at every level, only its content differs."""
    return f"<w:sdt>{_sdt_pr(alias, extra)}<w:sdtContent>{content}</w:sdtContent></w:sdt>"


def repeating(items: list[str], alias: str) -> str:
    """Word's repeating section content control (w15), one item per entry."""
    inner = "".join(sdt(it, alias + " item", "<w15:repeatingSectionItem/>") for it in items)
    return sdt(inner, alias, f'<w15:repeatingSection><w15:sectionTitle w:val="{escape(alias)}"/>'
                              "</w15:repeatingSection>")


def hyperlink(doc: Any, content: str, url: str) -> str:
    rid = doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
    return f'<w:hyperlink r:id="{rid}" w:history="1">{content}</w:hyperlink>'


def field(instr: str, shown: str, **fmt: Any) -> str:
    """A complex field (begin, instruction, separate, result, end) as Word writes HYPERLINK, PAGE, …"""
    rp = rpr(**fmt)
    return (f'<w:r>{rp}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rp}<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            f'<w:r>{rp}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'{r(shown, **fmt)}<w:r>{rp}<w:fldChar w:fldCharType="end"/></w:r>')


def fld_simple(instr: str, shown: str, **fmt: Any) -> str:
    return f'<w:fldSimple w:instr=" {escape(instr)} ">{r(shown, **fmt)}</w:fldSimple>'


def ins(content: str, n: int) -> str:
    return f'<w:ins w:id="{900 + n}" w:author="Reviewer" w:date="2024-01-10T10:00:00Z">{content}</w:ins>'


def delete(text: str, n: int, **fmt: Any) -> str:
    return (f'<w:del w:id="{950 + n}" w:author="Reviewer" w:date="2024-01-10T10:00:00Z">'
            f'<w:r>{rpr(**fmt)}<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def smart_tag(content: str, element: str = "City") -> str:
    return (f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="{element}">'
            f"{content}</w:smartTag>")


def custom_xml(content: str, element: str = "company") -> str:
    return f'<w:customXml w:uri="urn:example:cv" w:element="{element}">{content}</w:customXml>'


def bookmark(content: str, name: str, n: int) -> str:
    return f'<w:bookmarkStart w:id="{n}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{n}"/>'


def cell(content: str, width: int, fill: str | None = None) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>{content or "<w:p/>"}</w:tc>'


def row(cells: str) -> str:
    return f"<w:tr>{cells}</w:tr>"


def table(rows: str, widths: list[int], borders: bool = False) -> str:
    b = "single" if borders else "nil"
    bd = "".join(f'<w:{s} w:val="{b}" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                 for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{bd}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
            f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")


def section_break(cols: int, page: tuple[int, int], margin: int) -> str:
    """A continuous section break (in the last paragraph of the section it ends) with ``cols``
    newspaper columns."""
    return (f'<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="{page[0]}" w:h="{page[1]}"/>'
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
            f'w:header="567" w:footer="567" w:gutter="0"/><w:cols w:num="{cols}" w:space="567"/></w:sectPr>')


def textbox_run(content: str, n: int, x: float, y: float, w: float, h: float, fill: str | None = None) -> str:
    """A page-anchored text box as Word 2010+ writes it: the DrawingML shape (``wps:txbx``) and the
    VML fallback, each holding the same paragraphs."""
    from htdy.parsers.training.families._docx_textbox import _textbox_run

    run = _textbox_run(n, x, y, w, h, fill=fill, wrap="topAndBottom", mode="dml")
    for box in run.iter(qn("w:txbxContent")):
        for kid in parse_xml(f"<w:body {NS}>{content}</w:body>"):
            box.append(kid)
    from lxml import etree

    return etree.tostring(run, encoding="unicode")


def fill(container: Any, blocks: list[str]) -> None:
    """Replace ``container``'s content (a body, header or footer element; the body keeps its
    final ``w:sectPr``) with the parsed ``blocks``."""
    sect = container.find(qn("w:sectPr"))
    for kid in list(container):
        if kid is not sect:
            container.remove(kid)
    for kid in parse_xml(f"<w:body {NS}>{''.join(blocks)}</w:body>"):
        if sect is not None:
            sect.addprevious(kid)
        else:
            container.append(kid)
