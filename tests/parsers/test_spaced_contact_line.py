"""A contact line whose items are set apart by spaces only, no separator glyph ("jo@x.nl   +31 …
1372 DQ Groningen   https://…"), as typed in Word: the items are read apart, the city is found and the
postcode is not taken into the phone number."""
from __future__ import annotations

import io

import docx

from htdy.parsers.base import DocxParser
from htdy.parsers.layout import extract_layout


def _cv(sep: str) -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Loek Keltenie").runs[0].bold = True
    doc.add_paragraph("Klantenservicemedewerker")
    line = doc.add_paragraph()
    for i, item in enumerate(("loek.keltenie@example.nl", "+31 19 7334301", "1372 DQ Groningen",
                              "https://loek-keltenie.dev")):
        line.add_run(item + (sep if i < 3 else ""))
    doc.add_paragraph("Werkervaring")
    doc.add_paragraph("Klantenservicemedewerker, Warner Bros, januari 2014 - februari 2018")
    doc.add_paragraph("Beantwoorden van vragen van klanten per telefoon en e-mail.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_items_set_apart_by_spaces_are_apart_on_the_line():
    lay = extract_layout(_cv("   "), "docx")
    line = next(ln for ln in lay.pages[0].lines if "@" in ln.text)
    assert line.soft_cell_texts(0.6) == ["loek.keltenie@example.nl", "+31 19 7334301", "1372 DQ Groningen",
                                         "https://loek-keltenie.dev"]


def test_city_and_phone_of_a_spaced_contact_line():
    basics = DocxParser(DocxParser.Options()).parse(_cv("    "), filename="cv.docx").resume["basics"]
    assert basics["location"]["city"] == "Groningen"
    assert basics["phone"] == "+31 19 7334301"


def test_a_date_range_set_wide_stays_one_range():
    """Spaces around a range's dash ("2010 –      2012", over runs too) set no items apart."""
    doc = docx.Document()
    doc.add_paragraph("Jane Roe")
    doc.add_paragraph("jane@example.com")
    doc.add_heading("Experience", 1)
    for runs in (["Analyst, Delta SA      2010 –      2012"], ["Engineer, Beta GmbH", "   ", "Mar 2015 ", "   –", "   Dec 2018"]):
        p = doc.add_paragraph()
        for t in runs:
            p.add_run(t)
        doc.add_paragraph("Built the reporting pipeline.")
    buf = io.BytesIO()
    doc.save(buf)
    work = DocxParser(DocxParser.Options()).parse(buf.getvalue(), filename="cv.docx").resume["work"]
    assert [(w.get("name"), w.get("startDate"), w.get("endDate")) for w in work] == [
        ("Delta SA", "2010", "2012"), ("Beta GmbH", "2015-03", "2018-12")]
