"""The DOCX backend reads the markup Word and Google Docs write that python-docx's API never
produces: content controls around table rows and cell paragraphs, line breaks, symbol-font
bullets, non-breaking hyphens, style-defined numbering, tracked changes, ruby and hidden text,
complex fields (HYPERLINK, PAGE)."""
from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from htdy.parsers.layout import extract_layout

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _docx(body: str, styles: str = "", setup=None) -> bytes:
    doc = docx.Document()
    if styles:
        doc.styles.element.append(parse_xml(f"<w:style {NS} {styles}</w:style>"))
    if setup:
        body = setup(doc, body)
    b = doc.element.body
    sect = b.find(parse_xml(f"<w:sectPr {NS}/>").tag)
    for kid in list(b):
        if kid is not sect:
            b.remove(kid)
    for kid in parse_xml(f"<w:body {NS}>{body}</w:body>"):
        sect.addprevious(kid)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _sdt(inner: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def _tc(inner: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{inner}</w:tc>'


def _texts(data: bytes) -> list[str]:
    return [ln.text for ln in extract_layout(data, "docx").lines()]


def test_table_rows_and_cell_paragraphs_inside_content_controls_are_read():
    """Word's repeating-section content controls wrap whole table rows; its templates wrap a
    cell's paragraphs in one too."""
    row = "<w:tr>" + _tc(_p(_r("2019 – 2021"))) + _tc(_p(_r("Engineer")) + _p(_r("Acme Corp"))) + "</w:tr>"
    mixed = "<w:tr>" + _tc(_p(_r("Skills"))) + _tc(_sdt(_p(_r("Python, SQL")))) + "</w:tr>"
    tbl = f'<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>{_sdt(row)}{mixed}</w:tbl>'
    texts = _texts(_docx(tbl))
    assert "2019 – 2021 Engineer" in texts and "Acme Corp" in texts
    assert "Skills Python, SQL" in texts


def test_line_break_inside_a_paragraph_starts_a_new_line():
    texts = _texts(_docx(_p('<w:r><w:t>Engineer</w:t><w:br/><w:t>Acme Corp, Lyon</w:t></w:r>')))
    assert texts == ["Engineer", "Acme Corp, Lyon"]


def test_symbol_font_bullets_and_icons_and_non_breaking_hyphens():
    body = (_p('<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r><w:r><w:tab/><w:t>Led a team</w:t></w:r>')
            + _p('<w:r><w:t>a@b.org</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F028"/></w:r>'
                 '<w:r><w:t>+33 1 23</w:t></w:r>')
            + _p('<w:r><w:t>2014</w:t><w:noBreakHyphen/><w:t>2016 Rou</w:t><w:softHyphen/><w:t>en</w:t></w:r>'))
    assert _texts(_docx(body)) == ["• Led a team", "a@b.org +33 1 23", "2014-2016 Rouen"]


def test_numbering_from_the_paragraph_style_makes_a_list_item():
    style = ('w:type="paragraph" w:customStyle="1" w:styleId="Achievement"><w:name w:val="Achievement"/>'
             '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>')
    body = (_p(_r("Cut costs by 20 %"), '<w:pPr><w:pStyle w:val="Achievement"/></w:pPr>')
            + _p(_r("Not a list item"), '<w:pPr><w:pStyle w:val="Achievement"/>'
                                        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>'))
    assert _texts(_docx(body, styles=style)) == ["•Cut costs by 20 %", "Not a list item"]


def test_tracked_changes_ruby_and_hidden_text():
    body = _p('<w:del w:id="1" w:author="a"><w:r><w:delText>Junior </w:delText></w:r></w:del>'
              '<w:moveFrom w:id="2" w:author="a"><w:r><w:t>Moved </w:t></w:r></w:moveFrom>'
              '<w:ins w:id="3" w:author="a"><w:r><w:t>Senior </w:t></w:r></w:ins>'
              '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r>'
              '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>やまだ</w:t></w:r></w:rt>'
              '<w:rubyBase><w:r><w:t>山田</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    assert _texts(_docx(body)) == ["Senior 山田"]


def test_complex_field_hyperlink_keeps_its_result_and_target_not_its_instruction():
    def fld(instr: str, shown: str) -> str:
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_r(shown)}'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (_p(fld('HYPERLINK "https://github.com/jdoe" \\o "tip"', "GitHub") + _r(" | ")
               + fld('HYPERLINK "mailto:jd@example.org"', "jd@example.org"))
            + _p(_r("Page ") + fld("PAGE", "1")
                 + '<w:fldSimple w:instr=" HYPERLINK &quot;https://jdoe.dev&quot; "><w:r><w:t>site</w:t></w:r>'
                   '</w:fldSimple>'))
    lay = extract_layout(_docx(body), "docx")
    assert [ln.text for ln in lay.lines()] == ["GitHub | jd@example.org", "Page 1site"]
    first = lay.lines()[0]
    assert first.spans[0].link == "https://github.com/jdoe"
    assert {lk.url for lk in lay.links} >= {"https://github.com/jdoe", "mailto:jd@example.org", "https://jdoe.dev"}


def test_hyperlink_inside_a_content_control_keeps_its_target():
    def setup(doc, body):
        rid = doc.part.relate_to("https://example.org/me", RT.HYPERLINK, is_external=True)
        return body.replace("RID", rid)
    body = _p(f'<w:hyperlink r:id="RID">{_sdt(_r("example.org/me"))}</w:hyperlink>')
    line = extract_layout(_docx(body, setup=setup), "docx").lines()[0]
    assert line.spans[0].link == "https://example.org/me"
