"""Floating text boxes for python-docx documents (python-docx has no API for them): a page-anchored
``wps`` shape in ``mc:AlternateContent`` with a VML fallback, as Word 2010+ and LibreOffice write
them, or VML alone, as Word 2003 wrote them. Filled through a scratch table cell with the usual
python-docx calls."""
from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm

from htdy.parsers.training.families._docx_common import W_NS

_DML = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"')


def _vml(n: int, x: float, y: float, w: float, h: float, fill: str | None, wrap: str, shapetype: bool) -> str:
    pt = 72 / 2.54
    style = (f"position:absolute;margin-left:{x * pt:.1f}pt;margin-top:{y * pt:.1f}pt;width:{w * pt:.1f}pt;"
             f"height:{h * pt:.1f}pt;z-index:{251658240 + n};mso-position-horizontal-relative:page;"
             "mso-position-vertical-relative:page")
    fill_attr = f'fillcolor="#{fill}" filled="t"' if fill else 'filled="f"'
    stype = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
             'path="m,l,21600r21600,l21600,xe">'
             '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
             if shapetype else "")
    return (f'{stype}<v:shape id="Text Box {n}" o:spid="_x0000_s{1025 + n}" type="#_x0000_t202" '
            f'style="{style}" '
            f'{fill_attr} stroked="f"><v:textbox inset="7.2pt,3.6pt,7.2pt,3.6pt"><w:txbxContent/></v:textbox>'
            f'<w10:wrap type="{wrap}"/></v:shape>')


def _textbox_run(n: int, x: float, y: float, w: float, h: float, fill: str | None, wrap: str,
                 mode: str) -> Any:
    """A ``w:r`` holding a page-anchored text box (cm); ``mode`` 'dml' writes what Word 2010+ and
    LibreOffice write (wps shape in mc:AlternateContent with a VML fallback), 'vml' what Word 2003 wrote."""
    emu = 360000
    vml = _vml(n, x, y, w, h, fill, "square" if wrap == "square" else "topAndBottom", mode == "vml")
    if mode == "vml":
        return parse_xml(f"<w:r {_DML}><w:pict>{vml}</w:pict></w:r>")
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    wrap_xml = '<wp:wrapSquare wrapText="bothSides"/>' if wrap == "square" else "<wp:wrapTopAndBottom/>"
    dml = (f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
           f'relativeHeight="{251659264 + n}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
           '<wp:simplePos x="0" y="0"/>'
           f'<wp:positionH relativeFrom="page"><wp:posOffset>{int(x * emu)}</wp:posOffset></wp:positionH>'
           f'<wp:positionV relativeFrom="page"><wp:posOffset>{int(y * emu)}</wp:posOffset></wp:positionV>'
           f'<wp:extent cx="{int(w * emu)}" cy="{int(h * emu)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
           f'{wrap_xml}<wp:docPr id="{n}" name="Text Box {n}"/><wp:cNvGraphicFramePr/>'
           '<a:graphic>'
           '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
           f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{int(w * emu)}" cy="{int(h * emu)}"/></a:xfrm>'
           f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}<a:ln><a:noFill/></a:ln></wps:spPr>'
           '<wps:txbx><w:txbxContent/></wps:txbx>'
           '<wps:bodyPr rot="0" vert="horz" wrap="square" '
           'lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
           'anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
           '</wp:anchor></w:drawing>')
    return parse_xml(f'<w:r {_DML}><mc:AlternateContent><mc:Choice Requires="wps">{dml}</mc:Choice>'
                     f'<mc:Fallback><w:pict>{vml}</w:pict></mc:Fallback></mc:AlternateContent></w:r>')


@contextmanager
def textbox(doc: Any, anchor: Any, box: tuple[float, float, float, float], fill: str | None = None,
            wrap: str = "square", mode: str = "dml") -> Iterator[Any]:
    """Yield a scratch table cell to fill with python-docx calls; its paragraphs and tables then
    move into a floating text box at ``box`` = (x, y, width, height) in cm from the page corner,
    anchored in paragraph ``anchor``."""
    scratch = doc.add_table(rows=1, cols=1)
    cell = scratch.cell(0, 0)
    cell.width = Cm(box[2] - 0.5)
    yield cell
    kids = [k for k in cell._tc if k.tag != qn("w:tcPr")]
    if len(kids) > 1 and kids[0].tag == qn("w:p") and not "".join(kids[0].itertext()).strip():
        kids = kids[1:]
    scratch._tbl.getparent().remove(scratch._tbl)
    n = doc._htdy_boxes = getattr(doc, "_htdy_boxes", 0) + 1
    run = _textbox_run(n, *box, fill=fill, wrap=wrap, mode=mode)
    for i, content in enumerate(list(run.iter(qn("w:txbxContent")))):
        for k in kids:
            content.append(k if i == 0 else copy.deepcopy(k))
    anchor._p.append(run)
