"""Layout and structure rules for CVs made by LaTeX, Word, Canva and Europass, each on a small
synthetic input: TeX control-code glyphs, letter-spaced headings, label columns, list sections."""
from __future__ import annotations

import pytest
from cvfixtures import one_page_pdf

from htdy.parsers.layout import extract_layout
from htdy.parsers.layout.reading import order


def _pdf(content: bytes, font: bytes) -> bytes:
    return one_page_pdf(content, font)


def _type3(codes: bytes) -> bytes:
    """A pdfTeX-style bitmap font: Type 3, glyphs named by number (/a21), no ToUnicode."""
    diff = b" ".join(b"%d /a%d" % (c, c) for c in sorted(set(codes)))
    procs = b" ".join(b"/a%d 6 0 R" % c for c in sorted(set(codes)))
    return (b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 0 60 70] "
            b"/FirstChar 0 /LastChar 255 /Widths [" + b" ".join([b"50"] * 256) + b"] "
            b"/Encoding << /Type /Encoding /Differences [" + diff + b"] >> /CharProcs << " + procs
            + b" >> /Resources << >> >>")


def _type3_pdf(lines: list[bytes]) -> bytes:
    content = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET " % (720 - 20 * i, t) for i, t in enumerate(lines))
    data = _pdf(content, _type3(b"".join(lines)))
    # object 6: the (empty) glyph procedure every code points to
    proc = b"<< /Length 8 >>\nstream\n50 0 d0 \nendstream"
    head, _, tail = data.partition(b"xref\n")
    body = head + b"6 0 obj\n" + proc + b"\nendobj\n"
    # rebuild the cross-reference table with the extra object
    import re
    offs = [m.start() for m in re.finditer(rb"\d+ 0 obj\n", body)]
    xref = len(body)
    out = body + f"xref\n0 {len(offs) + 1}\n0000000000 65535 f \n".encode()
    for off in offs:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(offs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_tex_t1_control_codes(backend):
    """pdfTeX's T1 fonts without ToUnicode: 0x15 is the en dash, 0x16 the em dash, 0x1B–0x1F the
    f-ligatures (0x1D "fl", which Python reads as whitespace), 0xE8 "è" (not StandardEncoding's "Ł")."""
    pdf = _type3_pdf([b"Jan 2018\x15Aug 2020", b"\x16 ML\x1dow and o\x1ece", b"Mod\xe8les"])
    texts = [ln.text for ln in extract_layout(pdf, "pdf", backend=backend).lines()]
    assert texts == ["Jan 2018\u2013Aug 2020", "\u2014 MLflow and office", "Mod\u00e8les"]


_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_letter_spaced_text_is_read_as_words(backend):
    """Character spacing (CSS letter-spacing, Word's "expanded" text) sets every glyph apart:
    the words come back whole, a word gap is where the gap is wider than the letters' own, even
    when the words are set far apart; ordinary text keeps its spaces."""
    content = (b"BT /F1 12 Tf 3 Tc 72 720 Td (WORK EXPERIENCE) Tj ET "
               b"BT /F1 12 Tf 2 Tc 72 690 Td (ISTRUZIONE) Tj 110 0 Td (E) Tj 30 0 Td (FORMAZIONE) Tj ET "
               b"BT /F1 12 Tf 0 Tc 72 660 Td (B2 B2 C1 A B C) Tj ET")
    texts = [ln.text for ln in extract_layout(_pdf(content, _HELVETICA), "pdf", backend=backend).lines()]
    assert texts == ["WORK EXPERIENCE", "ISTRUZIONE E FORMAZIONE", "B2 B2 C1 A B C"]


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_tracked_text_with_kerned_pairs_is_read_as_words(backend):
    """Tracked type in a kerned font (a designer's small-caps heading): some pairs are pulled
    together by kerning until they nearly touch, yet the words stay whole ('Akadem isk bakgru n d')."""
    pairs = [(c, 150 if i % 3 == 0 else 0) for i, c in enumerate("AKADEMISK BAKGRUND")]
    tj = b" ".join(b"(%s) %d" % (c.encode(), k) for c, k in pairs)
    content = b"BT /F1 12 Tf 2.3 Tc 72 720 Td [" + tj + b"] TJ ET"
    texts = [ln.text for ln in extract_layout(_pdf(content, _HELVETICA), "pdf", backend=backend).lines()]
    assert texts == ["AKADEMISK BAKGRUND"]


def _text_pdf(items: list[tuple[float, float, float, str]]) -> bytes:
    """Text placed at (x, top) in points, top-left origin, Helvetica of the given size."""
    content = b"".join(b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET " % (size, x, 792 - top - size, t.encode("latin-1"))
                       for x, top, size, t in items)
    return _pdf(content, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")


def _column(x: float, top: float, texts: list[str], size: float = 10, step: float = 14):
    return [(x, top + i * step, size, t) for i, t in enumerate(texts)]


def test_label_column_is_read_beside_its_content():
    """Europass: labels in a narrow right-aligned left column, each on the baseline of its value;
    section titles in the same column. Read row by row (label and value one line), not the whole
    label column first; a label wrapped over two lines stays one label; a title stays a line."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]

    def flush_right(top: float, size: float, text: str) -> tuple[float, float, float, str]:
        return (240 - sum(widths[c] for c in text) * size / 1000, top, size, text)

    labels = [flush_right(100, 12, "Work experience"), flush_right(120, 10, "Dates"),
              flush_right(134, 10, "Occupation or position"), flush_right(148, 10, "held"),
              flush_right(162, 10, "Name of employer"), flush_right(190, 12, "Education"),
              flush_right(210, 10, "Dates"), flush_right(224, 10, "Title of qualification")]
    values = [(260, 120, 10, "03.2019 - Present"), (260, 134, 10, "Systems analyst"),
              (260, 162, 10, "Comarch S.A., Krakow, a software house with many offices"),
              (260, 176, 10, "Requirements analysis for ERP systems and many other things"),
              (260, 210, 10, "2014 - 2016"), (260, 224, 10, "Master of Engineering in Computer Science")]
    lay = extract_layout(_text_pdf(labels + values), "pdf")
    texts = [ln.text for ln in order(lay)]
    assert texts == ["Work experience", "Dates 03.2019 - Present", "Occupation or position held Systems analyst",
                     "Name of employer Comarch S.A., Krakow, a software house with many offices",
                     "Requirements analysis for ERP systems and many other things", "Education",
                     "Dates 2014 - 2016", "Title of qualification Master of Engineering in Computer Science"]


def test_section_titles_in_a_left_margin_column():
    """Minimal designs: section titles alone in a left column, each beside its section's first
    line: each title is read before its section, not all titles first."""
    items = [(40, 100, 12, "PROFILE"), (170, 100, 10, "Caring nurse with ten years on cardiology wards and at home"),
             (40, 150, 12, "EXPERIENCE"), *_column(170, 150, ["Jan 2019 - Present", "Cardiology nurse",
                                                               "UMC Utrecht, Utrecht", "Care after heart surgery",
                                                               "Mar 2016 - Dec 2018", "District nurse"]),
             (40, 250, 12, "EDUCATION"), *_column(170, 250, ["2012 - 2016", "Bachelor of Nursing",
                                                              "Hogeschool Utrecht"]),
             (40, 310, 12, "SKILLS"), (170, 310, 10, "BLS, wound care, medication safety, HiX"),
             (40, 340, 12, "LANGUAGES"), *_column(170, 340, ["Dutch - native", "English - good"]),
             (40, 40, 14, "Sanne de Vries"), (40, 60, 12, "NURSE")]
    texts = [ln.text for ln in order(extract_layout(_text_pdf(items), "pdf"))]
    assert texts.index("EXPERIENCE") == texts.index("Jan 2019 - Present") - 1
    assert texts.index("EDUCATION") == texts.index("2012 - 2016") - 1
    assert texts.index("SKILLS") == texts.index("LANGUAGES") - 2 == len(texts) - 5


def test_a_sidebar_is_not_a_label_column_and_header_rows_come_first():
    """A sidebar still reads as a column, even on the main column's baselines (its lines are
    neither flush right nor labels); a contact row across the page above
    both columns is read before them, even below a name printed in the sidebar's x range."""
    side = _column(40, 150, ["SKILLS", "SEO", "Google Ads", "HubSpot", "Salesforce", "Copywriting", "LANGUAGES",
                             "English (Native)"], step=15)  # on the main column's baselines
    main = _column(240, 150, ["PROFILE", "Growth-minded marketing manager with nine years in SaaS",
                              "EXPERIENCE", "Marketing Manager  May 2021 - Present",
                              "Sprout Social, Inc. | Chicago, IL", "Owned a paid media budget of two million",
                              "Grew inbound pipeline by a third year over year"], step=15)
    head = [(40, 40, 24, "Marcus Reed"), (40, 110, 10, "(312) 555-0147     marcus@example.com     Chicago, IL")]
    texts = [ln.text for ln in order(extract_layout(_text_pdf(head + side + main), "pdf"))]
    assert texts[:2] == ["Marcus Reed", "(312) 555-0147 marcus@example.com Chicago, IL"]
    assert texts[2:10] == [t for _, _, _, t in side]


def test_europass_skill_headings_and_certifications_with_skills():
    """The Europass form's skills headings in the eight languages name the skills section; a
    heading naming certificates and skills is a skills list."""
    from htdy.parsers.extract.vocab import heading_key

    for t in ("Umiejętności i kompetencje osobiste", "Capacità e competenze informatiche", "Competenze digitali",
              "Aptitudes et compétences personnelles", "Persönliche Fähigkeiten", "Digital skills",
              "Certifications & Skills", "Skills and certifications"):
        assert heading_key(t) == "skills", t
    assert heading_key("Education & Certifications") == "education"
    assert heading_key("Certifications") == "certificates"


def _line(text: str, top: float = 0.0, x: float = 50.0, size: float = 10.0, bold: bool = False,
          cells: list[str] | None = None):
    """A Line of one span per cell, cells 150 pt apart (as the DOCX backend lays out table rows)."""
    from htdy.parsers.layout.model import Line, Span

    parts = cells or [text]
    spans = [Span(t, x + 150 * i, top, x + 150 * i + len(t) * size * 0.5, top + size, "F", size, bold)
             for i, t in enumerate(parts)]
    return Line(spans=spans, cells=list(range(len(parts))))


def test_one_page_footer_is_page_furniture():
    """A short block at the foot of a one-page document, set apart by a margin-sized gap and not
    larger than the body type, is a footer (not the last section's content)."""
    from htdy.parsers.layout.model import Layout, Page

    body = [_line(f"Line {i} of the body text of this CV", top=80 + 14 * i) for i in range(20)]
    foot = _line("© European Union, 2002-2015 | europass.cedefop.europa.eu", top=812, size=7)
    page = Page(width=595, height=842, lines=body + [foot])
    out = order(Layout(pages=[page]))
    assert [ln.source for ln in out].count("footer") == 1 and foot.source == "footer"
    # the page's last entry in body type, set apart by a gap, is no footer
    last = [_line("Signal disruption in bacterial communities", top=703), _line("Frontiers in Microbiology", top=715),
            _line("2019-01-01", top=728)]
    page3 = Page(width=612, height=792, lines=[_line(f"Line {i} of the body", top=80 + 14 * i) for i in range(20)] + last)
    order(Layout(pages=[page3]))
    assert not any(ln.source == "footer" for ln in page3.lines)
    # the last body line of a full page is no footer
    page2 = Page(width=595, height=842, lines=[_line(f"Line {i}", top=80 + 14 * i) for i in range(52)])
    order(Layout(pages=[page2]))
    assert not any(ln.source == "footer" for ln in page2.lines)


def test_signature_block_closes_the_last_section():
    """"Hamburg, 15.01.2024" and the signed name after the last section are not skills."""
    from htdy.parsers.extract.sections import split_sections

    lines = [_line("Kenntnisse", bold=True, size=12), _line("Java, Kotlin, C++"), _line("Kafka, AWS"),
             _line("Hamburg, 15.01.2024"), _line("Thomas Becker")]
    secs = split_sections(lines)
    skills = next(s for s in secs if s.key == "skills")
    assert [ln.text for ln in skills.lines] == ["Java, Kotlin, C++", "Kafka, AWS"]
    assert secs[-1].key == "signature"


def test_language_rows_inside_a_skills_section_go_to_languages():
    """Europass personal skills: mother tongue / other languages rows, the CEFR grid and its header,
    then the digital skills row; a "Languages" group of natural languages; bullets from DOCX lists
    name no group; programming "Languages: Go, Python" stay skills."""
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section

    rows = [_line("", cells=["Mother tongue(s)", "English"]),
            _line("", cells=["Other language(s)", "UNDERSTANDING SPEAKING WRITING"]),
            _line("Listening Reading Spoken interaction Spoken production"),
            _line("French", bold=True), _line("B2 B2 B2 B2 B2"),
            _line("Digital skills"), _line("Python, SQL, Power BI"),
            _line("", cells=["Sprachen", "Deutsch (Muttersprache), Englisch (fließend)"]),
            _line("", cells=["•", "AutoCAD"]),
            _line("Languages: Go, Python")]
    groups: list = []
    langs: list = []
    lists.skills(Section("skills", "Personal skills", rows), groups, langs=langs)
    out = lists.finish_skills(groups)
    assert [k for g in out for k in ([g["name"]] if g.get("name") else []) + g.get("keywords", [])] == [
        "Python", "SQL", "Power BI", "AutoCAD", "Languages", "Go", "Python"]
    assert [x["language"] for x in langs] == ["English", "French", "Deutsch", "Englisch"]


def test_programming_languages_label_alone_stays_a_skill_group():
    """moderncv: "Talen" (languages) as a label over "C++, C, Python" names a skill group."""
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section

    groups: list = []
    langs: list = []
    lists.skills(Section("skills", "Vaardigheden", [_line("Talen"), _line("C++, C, Python")]), groups, langs=langs)
    assert lists.finish_skills(groups) == [{"name": "Talen", "keywords": ["C++", "C", "Python"]}] and not langs


def test_other_languages_is_a_row_label_not_a_section():
    from htdy.parsers.extract.vocab import heading_key

    assert heading_key("Altre lingue") is None and heading_key("Other language(s)") is None
    assert heading_key("Otros idiomas") is None and heading_key("Other skills") == "skills"
    assert heading_key("Informazioni personali") == "contact" and heading_key("Lingue") == "languages"


def test_heading_wrapped_over_two_lines_is_one_heading():
    from htdy.parsers.extract.sections import split_sections

    lines = [_line("Experiencia laboral", top=10, bold=True, size=12), _line("2019 – 2021 Técnico", top=30),
             _line("Capacidades y competencias", top=60, bold=True, size=12),
             _line("personales", top=74, bold=True, size=12), _line("Linux, VMware, Azure", top=90)]
    secs = split_sections(lines)
    assert [(s.key, s.title) for s in secs[1:]] == [("work", "Experiencia laboral"),
                                                     ("skills", "Capacidades y competencias personales")]
    assert [ln.text for ln in secs[-1].lines] == ["Linux, VMware, Azure"]


def test_docx_dates_content_table_row_reads_like_the_page():
    """A Word table row "dates and place | title, employer, bullets": the first paragraphs of the two
    cells form one line ("dates | title", as printed), then the rest of each cell."""
    import io

    import docx

    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.paragraphs[0].add_run("Mar 2019 – In corso")
    left.add_paragraph("Milano")
    right.paragraphs[0].add_run("Contabile senior").bold = True
    right.add_paragraph("Studio Rossi & Associati")
    right.add_paragraph("Gestione della contabilità di 60 clienti")
    buf = io.BytesIO()
    d.save(buf)
    lines = extract_layout(buf.getvalue(), "docx").lines()
    assert [ln.cell_texts() for ln in lines] == [["Mar 2019 – In corso", "Contabile senior"], ["Milano"],
                                                 ["Studio Rossi & Associati"],
                                                 ["Gestione della contabilità di 60 clienti"]]


def test_skill_pills_on_one_line_are_one_item_each():
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section

    groups: list = []
    rows = [_line("", cells=["Illustrator", "Photoshop"]), _line("", cells=["InDesign", "Branding", "Tipografía"]),
            _line("", cells=["Programmiersprachen", "Java, Kotlin"])]
    lists.skills(Section("skills", "Habilidades", rows), groups)
    assert lists.finish_skills(groups) == [
        {"keywords": ["Illustrator", "Photoshop", "InDesign", "Branding", "Tipografía"]},
        {"name": "Programmiersprachen", "keywords": ["Java", "Kotlin"]}]



@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_two_small_lines_beside_a_large_name_stay_two_lines(backend):
    """moderncv classic: address and phone lines set right of the large name, both inside the
    name's height: two lines, not one row whose words interleave."""
    items = [(60, 70, 26, "Julia Schneider"), (350, 76, 10, "Karl-Liebknecht-Strasse 40, 04275 Leipzig"),
             (420, 89, 10, "M +49 341 9876 5432")]
    lines = extract_layout(_text_pdf(items), "pdf", backend=backend).lines()
    texts = [ln.text for ln in lines]
    assert len(texts) == 2 and "Julia Schneider" in texts[0]
    assert sum("Karl-Liebknecht-Strasse 40, 04275 Leipzig" in t for t in texts) == 1
    assert sum("M +49 341 9876 5432" in t for t in texts) == 1
    assert not any("Leipzig" in t and "9876" in t for t in texts)


def _textbox_docx(box_paragraphs: list[str], *more: tuple[str, list[str]]) -> bytes:
    """A DOCX as LibreOffice writes a floated frame: one body paragraph anchoring a text box stored
    twice, as DrawingML (``mc:Choice``) and as its VML copy (``mc:Fallback``); every paragraph in
    the box is plain body text (no heading style, size or weight)."""
    import io

    import docx
    from lxml import etree

    d = docx.Document()
    d.add_paragraph("Marta Gil")
    anchor = d.add_paragraph()
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    for align, texts in ((("left", box_paragraphs),) + more):
        paras = "".join(f'<w:p><w:pPr><w:pStyle w:val="TextBody"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
                        for t in texts)
        run = etree.fromstring(
            f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            f'<wp:positionH relativeFrom="column"><wp:align>{align}</wp:align></wp:positionH>'
            f'<wp:positionV relativeFrom="line"><wp:posOffset>635</wp:posOffset></wp:positionV>'
            f'<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>'
            f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:rect><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:rect></w:pict>'
            f'</mc:Fallback></mc:AlternateContent></w:r>')
        anchor._p.append(run)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_text_box_is_read_once_and_plain_headings_are_sections():
    """LibreOffice frames: the text box is read once (not its VML copy, not as part of the anchoring
    paragraph); a document with no typographic heading at all takes a line that is only a section
    name as a heading ("Languages" right under a skills heading is a group label inside it; an empty
    "Summary" right above "Employment" is a section all the same)."""
    from htdy.parsers.extract.sections import split_sections

    data = _textbox_docx(["Technical Skills", "Languages", "Python, Java", "Summary", "Employment",
                          "Acme Corp Senior Engineer", "Nov 2016 - Sep 2018", "Built things.",
                          "Education", "BSc in Physics at Uni Wien", "Sep 1999 - May 2004"])
    lines = extract_layout(data, "docx").lines()
    texts = [ln.text.strip() for ln in lines]
    assert texts == ["Marta Gil", "Technical Skills", "Languages", "Python, Java", "Summary", "Employment",
                     "Acme Corp Senior Engineer", "Nov 2016 - Sep 2018", "Built things.", "Education",
                     "BSc in Physics at Uni Wien", "Sep 1999 - May 2004"]
    secs = split_sections(lines)
    assert [s.key for s in secs] == ["preamble", "skills", "summary", "work", "education"]
    assert [ln.text.strip() for ln in secs[1].lines] == ["Languages", "Python, Java"]


def test_docx_title_paragraph_opening_with_a_link_sets_the_link_apart():
    """"<link>Cinch Financial</link> Senior Engineer": a short paragraph that opens with a hyperlink
    and goes on in plain text has the link as its own cell; a sentence that opens with a link does not."""
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document()
    for lead, rest in (("Cinch Financial ", "Senior Engineer (Consumer Tech Lead)"),
                       ("Cinch Financial ", "is building the first autonomous personal financial manager.")):
        p = d.add_paragraph()
        hl = etree.SubElement(p._p, qn("w:hyperlink"))
        hl.set(qn("r:id"), d.part.relate_to("https://cinch.example/", RT.HYPERLINK, is_external=True))
        r = etree.SubElement(hl, qn("w:r"))
        etree.SubElement(r, qn("w:t")).text = lead
        r.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        p.add_run(rest)
    buf = io.BytesIO()
    d.save(buf)
    lines = extract_layout(buf.getvalue(), "docx").lines()
    assert lines[0].cell_texts() == ["Cinch Financial", "Senior Engineer (Consumer Tech Lead)"]
    assert len(lines[1].cell_texts()) == 1


def test_docx_text_boxes_are_read_in_the_order_of_their_anchor_position():
    """Two frames anchored in one paragraph, the right one written first: the left one is read first."""
    data = _textbox_docx([], ("right", ["Main column text"]), ("left", ["Sidebar text"]))
    texts = [ln.text.strip() for ln in extract_layout(data, "docx").lines()]
    assert texts == ["Marta Gil", "Sidebar text", "Main column text"]


def _texts_in_order(items: list[tuple[float, float, float, str]]) -> list[str]:
    return [" | ".join(ln.cell_texts()) for ln in order(extract_layout(_text_pdf(items), "pdf"))]


def _block(x: float, top: float, texts: list[str], size: float = 10, step: float = 13):
    return [(x, top + step * i, size, t) for i, t in enumerate(texts)]


def test_margin_titles_centred_beside_their_content_come_before_it():
    """Section titles in a left margin, vertically centred on their content block (a table row with
    ``vertical-align: middle``): read before the block, not in its middle; a date in the margin set a
    little lower than the entry title it faces comes after that title, as printed."""
    skills = ["Languages: Python, Go, Rust", "Cloud: AWS, GCP, Azure", "Databases: Postgres, Redis",
              "Tools: Git, Docker, Vim", "Methods: Scrum, Kanban, TDD"]
    items = ([(250, 45, 22, "Anna Nowak"), (62, 238, 12, "Skills")] + _block(217, 209, skills)
             + [(62, 321, 12, "Experience"), (217, 325, 10, "Engineer at Acme"),
                (217, 340, 10, "Built the billing platform"), (62, 342, 9, "2021-11-01 to Present"),
                (217, 400, 10, "Developer at Beta"), (62, 403, 9, "2018-01-01 to 2021-10-01"),
                (217, 415, 10, "Wrote the mobile app for the shop"), (217, 428, 10, "Ran the release trains"),
                (62, 480, 12, "Education")] + _block(217, 470, ["University of Vienna", "MSc Physics", "Thesis"]))
    assert _texts_in_order(items) == [
        "Anna Nowak", "Skills", *skills, "Experience", "Engineer at Acme", "Built the billing platform",
        "2021-11-01 to Present", "Developer at Beta", "2018-01-01 to 2021-10-01",
        "Wrote the mobile app for the shop", "Ran the release trains", "Education", "University of Vienna",
        "MSc Physics", "Thesis"]


def test_gutter_titles_on_their_first_lines_baseline_stay_with_their_section():
    """Section titles in a left gutter, each on the baseline of its section's first line, sections
    following each other with no gap (htdy's own `compact` template): every title comes right before
    its own content, none is pulled to the top of the page as if it were centred on the block."""
    sections = [("Profile", ["Engineer building data platforms", "Leads small teams well"]),
                ("Experience", ["Staff Engineer, Quantix", "03/2021 - Present", "Built the pipeline"]),
                ("Education", ["University of Lyon", "Master, Computer Science", "09/2011 - 06/2013"]),
                ("Projects", ["pgstream", "Maintainer"])]
    items: list[tuple[float, float, float, str]] = [(62, 40, 20, "Amelie Novak")]
    top = 90.0
    for title, texts in sections:
        items.append((62, top, 10, title.upper()))
        items += _block(190, top, texts)
        top += 13 * len(texts)
    got = _texts_in_order(items)
    for title, texts in sections:
        i = next(k for k, t in enumerate(got) if t.startswith(title.upper()))
        rest = " | ".join(got[i:i + len(texts) + 1])
        assert all(t in rest for t in texts), (title, got)


def test_a_margin_of_titles_and_dates_is_read_across_the_page():
    """A left column that holds only section titles and dates, beside their content but not on its
    baselines, is no sidebar: the page is read top to bottom, each title before its content."""
    blocks = [("2016-10-01 to 2021-11-01", 41, ["Physiotherapist at Clinic Nord",
                                                "Worked with patients in a clinical setting every day",
                                                "Planned therapies together with doctors"]),
              ("Education", 124, ["Academy of Physical Education", "Master of Physiotherapy", "Thesis on knees"]),
              ("Languages", 193, ["Polish native", "English C1", "German B1"]),
              ("Interests", 254, ["Climbing in the Alps", "Reading novels", "Cooking"]),
              ("References", 314, ["Available on request from me", "Dr Jan Kowalski", "Prof Anna Nowak"]),
              ("Skills", 374, ["Manual therapy and massage", "Kinesio taping", "Sports injuries"])]
    items = []
    for label, top, texts in blocks:
        items += [(62, top + 6 if label[0].isalpha() else top + 4, 12 if label[0].isalpha() else 9, label)]
        items += _block(217, top, texts)
    got = _texts_in_order(items)
    assert got[:2] == ["Physiotherapist at Clinic Nord", "2016-10-01 to 2021-11-01"]
    for label, _, texts in blocks[1:]:
        assert got[got.index(label) + 1:got.index(label) + 4] == texts


def test_skill_names_in_parentheses_are_items_levels_are_not():
    from htdy.parsers.extract.lists import _items

    assert _items("Django, PHP MVC (Custom, Cake, CodeIgniter, etc), ASP.NET 3.5") == [
        "Django", "PHP MVC", "Custom", "Cake", "CodeIgniter", "etc", "ASP.NET 3.5"]
    assert _items("Redux (Redux Toolkit), Node.js (NestJS)") == ["Redux", "Redux Toolkit", "Node.js", "NestJS"]
    assert _items("Python (advanced), Go (5 years), Rust (70)") == ["Python", "Go", "Rust"]


def test_a_language_code_with_a_level_is_a_language_row():
    """"fr: Native Speaker" under a Languages heading: a level after the label names a language (an
    ISO code is no language name), so the section is languages, not skills."""
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section

    assert lists.is_natural_language("fr: Native Speaker") and lists.is_natural_language("Gallego (B2)")
    assert not lists.is_natural_language("Team lead: Scrum, Kanban")
    assert lists.languages(Section("languages", "Langues", [_line("fr: Native Speaker")])) == [
        {"language": "fr", "fluency": "Native Speaker"}]


def test_skill_levels_seniority_and_template_bug_text_are_no_skills():
    """"PHP (100):" lines are skills with a level (not caps headings of unnamed sections); a group's
    level in parentheses is no part of its name; seniority lines ("Senior") are levels; a template's
    "[object Object]" text is no skill."""
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section, is_heading_like

    assert not is_heading_like(_line("PHP (100):"), 10.0) and not is_heading_like(_line("CI/CD (95)"), 10.0)
    assert is_heading_like(_line("SKILLS"), 10.0)
    groups: list = []
    rows = [_line("PHP (100):"), _line("CSS (SASS, LESS) (90):"), _line("Bases de Datos (Avanzado): Redis, [object Object]"),
            _line("Backend Development"), _line("Senior"), _line("[object Object], [object"), _line("Object]")]
    lists.skills(Section("skills", "Skills", rows), groups)
    assert lists.finish_skills(groups) == [
        {"keywords": ["PHP", "CSS", "SASS", "LESS"]}, {"name": "Bases de Datos", "keywords": ["Redis", "Backend Development"]}]


def test_a_level_on_the_line_under_a_language_is_its_fluency():
    from htdy.parsers.extract import lists
    from htdy.parsers.extract.sections import Section

    rows = [_line(t) for t in ("Español", "Nativo", "Gallego", "Nativo", "Inglés", "Intermedio")]
    assert lists.languages(Section("languages", "Languages", rows)) == [
        {"language": "Español", "fluency": "Nativo"}, {"language": "Gallego", "fluency": "Nativo"},
        {"language": "Inglés", "fluency": "Intermedio"}]
    assert lists.is_natural_language("Gallego")


def test_page_without_sidebar_continues_the_main_column():
    """Page 1: main column left, a right sidebar; page 2: the main column alone. Page 2 continues the
    main column, so the sidebar is read before the main column, not between its two pages."""
    from htdy.parsers.layout.model import Layout, Page

    def page(n: int, items: list[tuple[float, float, str]]) -> Page:
        lines = [_line(t, top=top, x=x) for x, top, t in items]
        for ln in lines:
            ln.page = n
            ln.cells = []
        return Page(width=612, height=792, lines=lines)

    main = [f"Worked on the platform team number {i} and shipped it" for i in range(12)]
    side = ["Skills", "Python", "Go", "Languages", "English", "German"]
    p1 = page(0, [(30, 100 + 14 * i, t) for i, t in enumerate(main)] + [(450, 100 + 14 * i, t) for i, t in enumerate(side)])
    p2 = page(1, [(30, 100, "Developer at Acme Feb 2019 - Jan 2020"), (30, 114, "Built the shop front end")])
    got = [ln.text for ln in order(Layout(pages=[p1, p2]))]
    assert got == side + main + ["Developer at Acme Feb 2019 - Jan 2020", "Built the shop front end"]


def test_a_date_inside_a_wrapped_bullet_is_no_entry():
    """"· Since 2012 self employed, in" / "11/2018 switched to a limited company": the date continues
    the bullet's sentence and starts no entry."""
    from htdy.parsers.extract.structure import split_entries

    lines = [_line("Founder Code Shop", top=0, bold=True), _line("May 2012 - Present", top=12),
             _line("· Since 2012 self employed entrepreneur, in", top=24),
             _line("11/2018 switched to Limited Liability Company", top=36),
             _line("Developer Profiq", top=60, bold=True), _line("Oct 2018 - Jan 2019", top=72)]
    for ln in lines:
        ln.cells = []
    entries = split_entries(lines)
    assert [e.header[0].text for e in entries] == ["Founder Code Shop", "Developer Profiq"]


def test_bold_title_wrapped_beside_its_dates_is_joined():
    """"**Architecte applicatif / Chef de projet / Full**  Sep 2001 - Present" / "**Stack Devops**":
    the bold title runs up to its dates and wraps; the continuation joins the title, before the dates."""
    from htdy.parsers.extract.structure import merge_wrapped
    from htdy.parsers.layout.model import Line, Span

    first = Line(spans=[Span("Architecte applicatif / Chef de projet / Full", 27, 252, 278, 270, "S-Bold", 18, True),
                        Span(" Sep 2001 - Present", 302, 252, 372, 267, "S", 15)], cells=[0, 0])
    wrap = Line(spans=[Span("Stack Devops", 27, 263, 91, 281, "S-Bold", 18, True)], cells=[0])
    wrap.spans[0].top, wrap.spans[0].bottom = 271, 289
    out = merge_wrapped([first, wrap])
    assert len(out) == 1 and out[0].text == "Architecte applicatif / Chef de projet / Full Stack Devops Sep 2001 - Present"


def test_centred_titles_that_happen_to_sit_on_content_baselines():
    """Two centred margin titles ("Skills" and an empty "Summary") that land on the baselines of
    content lines, one of them a wrapped line inside a paragraph: centred, not gutter titles on
    their sections' first lines: both come before / after the block, the block stays whole."""
    rows = [(209, "AI: Cursor, Claude Code, Codex,"), (221, "Agentic Workflows"), (239, "General: TypeScript, AWS,"),
            (251, "Visual Studio Code, Figma"), (268, "Front End: React, Next.js,"), (281, "Node.js"),
            (298, "UI: Storybook, Emotion,"), (311, "shadcn/ui, MDX")]
    items = [(250, 45, 22, "Andrew Westling"), (62, 251, 10, "Skills"), (62, 268, 10, "Summary")]
    items += [(217, top, 10, t) for top, t in rows]
    items += [(62, 346, 10, "Experience"), (217, 350, 10, "Engineer at Alloy"), (217, 365, 10, "Design engineering")]
    got = _texts_in_order(items)
    texts = [t for _, t in rows]
    assert got[got.index("Skills") + 1:got.index("Skills") + 1 + len(texts)] == texts
    assert got.index("Summary") == got.index("Skills") + len(texts) + 1


def test_degree_wrapped_in_a_narrow_column_above_its_dates_is_one_header():
    """A narrow sidebar: "Graduation in" / "Electrotechnic/Computers" / "Technology" / "at Industrial
    High School of" / "Electrotechnics and IT, Frenstat" / "pod Radhostem" / dates: lines that wrapped
    (the next word would not have fitted, a lower-case or one-or-two-word continuation) count as one
    line, so the whole block above the dates is the entry's header, not the previous entry's body."""
    from htdy.parsers.extract.structure import merge_wrapped, split_entries
    from htdy.parsers.layout.model import Line, Span

    def ln(text: str, top: float, x: float = 49.0) -> Line:
        return Line(spans=[Span(text, x, top, x + len(text) * 4.6, top + 12, "R", 16.0)], cells=[0])

    rows = [ln("Bachelor in Software Development", 418), ln("at Brno University of Technology", 431),
            ln("Jan 2010 - Jan 2011", 445, 116), ln("Graduation in", 465), ln("Electrotechnic/Computers", 478),
            ln("Technology", 491), ln("at Industrial High School of", 503), ln("Electrotechnics and IT, Frenstat", 516),
            ln("pod Radhostem", 529), ln("Jan 2006 - Jan 2010", 543, 116),
            ln("at CLEVER INSTITUTE - Human", 561), ln("Coders", 574)]
    rows[2].spans[0].x1 = rows[-3].spans[0].x1 = 204.0
    entries = split_entries(rows[:10])
    assert [x.text for x in entries[1].header][0] == "Graduation in" and entries[0].body == []
    assert [x.text for x in merge_wrapped(rows[3:9], 204.0)] == [
        "Graduation in Electrotechnic/Computers Technology",
        "at Industrial High School of Electrotechnics and IT, Frenstat pod Radhostem"]
    assert [x.text for x in merge_wrapped(rows[10:], 204.0)] == ["at CLEVER INSTITUTE - Human Coders"]


def test_word_hyphenated_over_three_lines_of_a_narrow_cell_is_joined():
    """Typst's soft hyphen reaches the text as U+FFFE; a degree in a narrow column broken twice
    ("Ba\\ufffe" / "che\\ufffe" / "lor of") is joined whole, and a cell rebuilt so that ends on a
    joiner ("Bachelor of") takes the lone word under it ("Engineering")."""
    from htdy.parsers.layout.model import Line, Span
    from htdy.parsers.layout.reading import _join_soft_hyphens

    def sp(text: str, x: float, top: float, bold: bool = True) -> Span:
        return Span(text, x, top, x + 5 * len(text), top + 10, "F", 10.0, bold)

    lines = [Line(spans=[sp("Ba\ufffe", 62, 590), sp(" DHBW", 93, 590), sp(", IT", 125, 590, False),
                         sp("Aug. 2010 – Aug. 2013", 450, 590, False)], cells=[0, 0, 0, 1]),
             Line(spans=[sp("che\ufffe", 62, 604)], cells=[0]), Line(spans=[sp("lor of", 62, 618)], cells=[0]),
             Line(spans=[sp("Engineering", 62, 631)], cells=[0])]
    out = _join_soft_hyphens(lines)
    assert [ln.text for ln in out] == ["Bachelor of Engineering DHBW, IT Aug. 2010 – Aug. 2013"]


def test_long_title_line_right_above_its_dates_starts_the_entry():
    """"Degree in Area at Institution" paragraphs over their own date lines (a DOCX of an HTML theme):
    the line right above the dates is the entry's title even when long, when the section's first
    entry too has its title above its dates."""
    from htdy.parsers.extract.structure import split_entries

    rows = [_line("Master in Media Lab at Massachusetts Institute of Technology", top=0),
            _line("Sep 2015 - Dec 2015", top=14),
            _line("Bachelor of Science in Computer Science & Cognitive Psychology at Northeastern University", top=28),
            _line("Sep 1999 - May 2004", top=42)]
    for ln in rows:
        ln.cells = []
    entries = split_entries(rows, geometry=False)
    assert [[x.text for x in e.header] for e in entries] == [[r.text for r in rows[:2]], [r.text for r in rows[2:]]]


def test_a_sidebar_line_between_two_lines_does_not_join_them():
    # a sidebar label whose box reaches into both lines of a bullet wrapped in the main column:
    # the two main-column lines stay two lines, in order, and the ligature's letter stays put
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Span
    spans = [Span("Data & Analytics", 17.0, 323.7, 91.4, 336.8, size=11.3, bold=True),
             Span("Coordinated 3 projects from kickof", 259.2, 318.9, 462.3, 331.4, size=11.3),
             Span("f to delivery, keeping", 456.0, 318.9, 540.0, 331.4, size=11.3),
             Span(" stakeholders aligned on scope", 259.2, 329.1, 533.1, 341.6, size=11.3)]
    texts = [ln.text for ln in lines_from_spans(spans, 0)]
    assert texts[0].endswith("Coordinated 3 projects from kickoff to delivery, keeping")
    assert texts[1] == "stakeholders aligned on scope"


def test_a_small_glyph_between_dates_stays_on_their_line():
    """A CJK fallback font's '～' between two dates has a tight box a quarter of the line high, in
    the middle of the line: it joins the dates' line instead of starting a line of its own (the
    range was read '2019.09 2021.03' above a stray '～')."""
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Span

    spans = [Span("黄石金承信息有限公司", 40, 299.0, 133, 308.4, "NotoSansCJK", 13.3),
             Span("2019.09", 479.3, 298.3, 512.9, 308.7, "LiberationSans", 12.4),
             Span("～", 513.3, 302.0, 521.8, 304.5, "NotoSansCJK", 12.4),
             Span("2021.03", 522.2, 298.3, 555.8, 308.7, "LiberationSans", 12.4)]
    lines = lines_from_spans(spans, 0)
    assert [ln.text for ln in lines] == ["黄石金承信息有限公司 2019.09～2021.03"]


def test_cjk_dates_flush_right_are_no_column():
    """Entries with their dates flush right, written the Japanese way ('2019年5月 - 現在', a year
    run into its unit with no word boundary): the dates and places on the right are read on
    their entries' lines, not as a second column after the whole page."""
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Layout, Page, Span

    rows = [("井上鉱業合同会社", "2019年5月 - 現在"), ("ソフトウェアエンジニア", "京都"),
            ("合同会社吉田鉱業", "2017年12月 - 2019年2月"), ("ソフトウェアエンジニア", None),
            ("森水産株式会社", "2014年4月 - 2017年10月"), ("ソフトウェアエンジニア", None),
            ("木村水産合同会社", "2012年1月 - 2013年12月"), ("財務アナリスト", "日本大阪"),
            ("有限会社佐藤通信", "2007年8月 - 2011年8月"), ("ソフトウェアエンジニア", "東京")]
    spans = []
    for k, (left, right) in enumerate(rows):
        top = 220 + 16 * k
        spans.append(Span(left, 40, top, 40 + 13 * len(left), top + 13, "NotoSansCJK", 13))
        if right:
            spans.append(Span(right, 560 - 6.5 * len(right), top, 560, top + 12, "NotoSansCJK", 12))
    page = Page(width=595, height=842, lines=lines_from_spans(spans, 0))
    texts = [ln.text for ln in order(Layout(pages=[page]))]
    assert texts[0].startswith("井上鉱業合同会社") and texts[0].endswith("現在")
    assert texts[1].endswith("京都") and len(texts) == len(rows)


def test_made_up_line_breaks_between_touching_letters_are_no_spaces():
    """pdfium reports a line break between text objects, even between the letters of one word
    each drawn as an object of its own (Chromium's Latin fallback font on a CJK page): letters that
    touch stay one word ('L e a n' was read); a real space or a gap still separates words."""
    from htdy.parsers.layout.chars import spans_from_chars

    chars, x = [], 50.0
    for word in ("Lean", "PRINCE2"):
        for ch in word:
            w = 5.56 if ch.islower() else 7.2
            chars += [(ch, x, 29.2, x + w, 40.4, 13.33, 0), ("\r", 0, 0, 0, 0, 0, 0), ("\n", 0, 0, 0, 0, 0, 0)]
            x += w
        chars.append((" ", x, 29.2, x + 3.7, 40.4, 13.33, 0))
        x += 3.7
    spans = spans_from_chars(chars, [("LiberationSans", False, False)])
    assert [s.text for s in spans] == ["Lean PRINCE2"]


def test_heading_wrapped_in_a_margin_is_named_by_both_lines():
    """'Профессиональный' / 'опыт': a heading wrapped in a narrow margin whose first line names no
    section alone, the second line further down because the first holds a big small-caps initial."""
    from htdy.parsers.extract.sections import split_sections
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, *runs: tuple[str, float], x: float = 60) -> Line:
        spans, big = [], max(size for _, size in runs)
        for text, size in runs:
            spans.append(Span(text, x, top + (big - size) * 1.05, x + 0.55 * size * len(text), top + 0.72 * big, "", size))
            x = spans[-1].x1
        return Line(spans=spans, cells=[0] * len(spans))

    body = [line(130 + 15 * k, ("Уральский федеральный университет, бакалавр", 13), x=183) for k in range(2)]
    lines = [line(115, ("О", 14), ("бразование", 10)), *body,
             line(169.5, ("П", 14), ("рофессиональный", 10)), line(186.4, ("опыт", 10)),
             line(197, ("Финансовый аналитик, ООО «Соколова», 09.2017 – 2020", 13), x=183)]
    assert [(s.key, s.title) for s in split_sections(lines)][1:] == [
        ("education", "Образование"), ("work", "Профессиональный опыт")]


def test_heading_in_capitals_wrapped_over_two_lines():
    """'EXPERIENCIA' / 'PROFESIONAL' in a label column: one heading; two headings in capitals one
    under the other ('EDUCATION' over an empty section, then 'SKILLS') stay two."""
    from htdy.parsers.extract.sections import split_sections
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, text: str, x: float = 120, bold: bool = True, size: float = 10) -> Line:
        return Line(spans=[Span(text, x, top, x + 6 * len(text), top + 7.1, "LiberationSans-Bold", size, bold)])

    rows = [line(112.8, "EXPERIENCIA"), line(126.0, "PROFESIONAL"),
            line(139.4, "Ingeniera de software, Abad y Saldaña S.L.N.E, 11/2015 – 7/2020", x=198, bold=False),
            line(160.0, "EDUCATION"), line(173.2, "SKILLS"), line(186.4, "Python, SQL", x=198, bold=False)]
    assert [(s.key, s.title) for s in split_sections(rows)][1:] == [
        ("work", "EXPERIENCIA PROFESIONAL"), ("education", "EDUCATION"), ("skills", "SKILLS")]


def test_a_date_margin_between_a_sidebar_and_the_entries_goes_with_the_entries():
    """Sidebar | dates | entries, the section heading running over the dates: the gutter lies
    between the sidebar and the dates; the dates are read beside their entries, not inside the
    sidebar's text."""
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Layout, Page, Span

    def sp(text: str, x: float, top: float, size: float = 11) -> Span:
        return Span(text, x, top, x + 0.5 * size * len(text), top + size, "", size)

    side = ["Kontakt", "branko.sauer@example.com", "(02942) 216271", "Leipzig", "Studium und Ausbildung",
            "B.A. in Volkswirtschaftslehre", "Technische Universität Leipzig", "08.2000 – 08.2003",
            "B.Sc. in Maschinenbau", "Karlsruher Institut für Technologie", "1996 – 2000", "Kenntnisse",
            "QuickBooks, dbt, HubSpot, Zendesk"]
    spans = [sp(t, 60, 100 + 15 * k, 9) for k, t in enumerate(side)] + [sp("Praxiserfahrung", 248, 80, 14)]
    entries = [("06.2021 –", "Industriekaufmann, Kohl Stiftung & Co. KG, Dresden"),
               ("07.2016 –", "Buchhalter, Köhler OHG mbH, Leipzig"),
               ("12.2015 –", "Industriekaufmann, Wagner Drewes AG & Co. OHG, München"),
               ("11.2012 –", "Industriekaufmann, Pärtzelt, Berlin")]
    for k, (d, t) in enumerate(entries):
        top = 100 + 50 * k
        spans += [sp(d, 248, top, 9), sp(t, 318, top), sp("Erstellung der Monats- und Jahresabschlüsse", 318, top + 15)]
    page = Page(width=595, height=842, lines=lines_from_spans(spans, 0))
    texts = [ln.text for ln in order(Layout(pages=[page]))]
    assert texts.index("Kontakt") < texts.index("QuickBooks, dbt, HubSpot, Zendesk") < texts.index(
        "06.2021 – Industriekaufmann, Kohl Stiftung & Co. KG, Dresden")


def test_dates_and_places_flush_right_on_their_entries_lines_are_no_column():
    """Dates beside the employer and the place beside the title, both flush right, with a grid of
    skill pills further down: one flow read row by row, not a right column read after the page."""
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Layout, Page, Span

    def sp(text: str, x: float, top: float, size: float = 12, right: bool = False) -> Span:
        w = 0.55 * size * len(text)
        return Span(text, 555 - w if right else x, top, 555 if right else x + w, top + size, "", size)

    spans, top = [], 160.0
    for firm, title, dates, place in (("Suzuki Hoken KK", "General clerk", "May 2017 ~ now", "Kobe, Japan"),
                                      ("Saito Denki KK", "General clerk", "Jul 2016 ~ May 2017", "Hiroshima"),
                                      ("Mori Suisan KK", "Analyst", "Apr 2014 ~ Jun 2016", "Osaka, Japan")):
        spans += [sp(firm, 57, top), sp(dates, 0, top, 11, right=True), sp(title, 57, top + 14),
                  sp(place, 0, top + 14, 11, right=True), sp("– Cut costs by 25%", 58, top + 30),
                  sp("– Trained new hires", 58, top + 45)]
        top += 70
    for k, (a, b) in enumerate((("▪ SAP (Good)", "▪ Zendesk (Good)"), ("▪ Excel (Good)", "▪ Jira (Basic)"),
                                ("▪ dbt (Basic)", "▪ Slack (Good)"))):
        spans += [sp(a, 57, top + 15 * k), sp(b, 288, top + 15 * k)]
    page = Page(width=595, height=842, lines=lines_from_spans(spans, 0))
    texts = [ln.text for ln in order(Layout(pages=[page]))]
    assert texts[:2] == ["Suzuki Hoken KK May 2017 ~ now", "General clerk Kobe, Japan"]


def test_wrapped_heading_whose_second_line_is_a_heading_too():
    """'Persoonlijke' / 'vaardigheden' (the second line names a section alone too) in smaller type
    than the section headings: a sub-heading inside the section, taken once (it was counted twice
    and split_sections failed with a KeyError)."""
    from htdy.parsers.extract.section_model import confirms
    from htdy.parsers.extract.sections import settle, split_sections
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, text: str, bold: bool = True, size: float = 11) -> Line:
        return Line(spans=[Span(text, 40, top, 40 + 6 * len(text), top + 8, "Roboto-Bold", size, bold)])

    rows = [line(100, "Ervaring", size=14), line(120, "Royal Haselaar, Developer, 2019 – 2021", bold=False),
            line(140, "Opleidingen", size=14), line(160, "Hogeschool Delft, Bachelor, 2015 – 2019", bold=False),
            line(180, "Vaardigheden", size=14), line(200, "Persoonlijke"), line(213, "vaardigheden"),
            line(230, "Communicatief, zelfstandig", bold=False)]
    secs = split_sections(rows)  # (a smaller sub-heading inside the skills section)
    assert [(s.key, s.smaller) for s in secs][1:] == [("work", False), ("education", False), ("skills", False),
                                                      ("skills", True)]
    # a smaller "skills" heading is no section of its own (only languages, certificates, awards and
    # interests may be, when the section model reads them so): it goes back into the section above
    secs = settle(secs, [None] * len(secs), confirms(secs))
    assert [s.key for s in secs][1:] == ["work", "education", "skills"]
    assert [ln.text for ln in secs[-1].lines] == ["Persoonlijke", "vaardigheden", "Communicatief, zelfstandig"]


def test_dates_right_of_the_entries_and_left_of_a_sidebar_go_with_the_entries():
    """Entries | dates | sidebar (a designer's split block, its summary running under the dates):
    the gutter lies right of the dates."""
    from htdy.parsers.layout.chars import lines_from_spans
    from htdy.parsers.layout.model import Layout, Page, Span

    def sp(text: str, x: float, top: float, size: float = 10) -> Span:
        return Span(text, x, top, x + 0.5 * size * len(text), top + size, "", size)

    spans = [sp("Graphic designer with five years in print and web design", 45, 125)]
    for k, (title, firm, dates) in enumerate((("Graphic designer", "Daol Information Co", "2022. 05. – 2025. 11."),
                                              ("Graphic designer", "Wind Maeum Retail", "2020. 11. – 2021. 12."),
                                              ("Illustrator", "Hangang Solutions", "2016. 03. – 2020. 03."))):
        top = 170 + 40 * k
        spans += [sp(title, 45, top), sp(dates, 271, top, 9), sp(firm, 45, top + 15)]
    side = ["Skills", "PowerPoint", "Microsoft Office", "After Effects", "Excel", "Figma", "Languages", "Korean native",
            "English B2"]
    spans += [sp(t, 396, 101 + 18 * k) for k, t in enumerate(side)]
    page = Page(width=595, height=842, lines=lines_from_spans(spans, 0))
    texts = [ln.text for ln in order(Layout(pages=[page]))]
    assert "Graphic designer 2022. 05. – 2025. 11." in texts and "Illustrator 2016. 03. – 2020. 03." in texts
