"""A start year over an end year in a date margin, beside a title wrapped over the same two lines,
is one range and one title; a bold title wrapped onto a lower-case line is one title; two one-line
entries stacked the same way stay two."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

ROW = ("<tr><td style='width:60pt;font-weight:bold;vertical-align:top'>{dates}</td>"
       "<td><b style='display:inline-block;width:150pt'>{title}</b><br>{degree}</td></tr>")


def _education(rows: str) -> list[dict]:
    html = ("<html><body style='font-family:sans-serif;font-size:10pt'><h1>Ivan Petrov</h1><p>ivan@example.ru</p>"
            f"<h2>Education</h2><table style='border-collapse:collapse'>{rows}</table></body></html>")
    return PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["education"]


def test_stacked_years_beside_a_wrapped_school():
    edu = _education(ROW.format(dates="2007<br>2009", title="Санкт-Петербургский государственный университет",
                                degree="Магистр, Экономика"))
    assert edu[0]["institution"] == "Санкт-Петербургский государственный университет"
    assert (edu[0]["startDate"], edu[0]["endDate"]) == ("2007", "2009")


def test_a_bold_school_wrapped_in_lower_case():
    edu = _education(ROW.format(dates="2007", title="Уральский федеральный университет", degree="Специалист"))
    assert edu[0]["institution"] == "Уральский федеральный университет"


def test_two_stacked_one_line_entries_stay_two():
    html = ("<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane@example.com</p>"
            "<h2>Education</h2><p style='margin:0'><b>2015</b>&nbsp;&nbsp;&nbsp;&nbsp;<b>BSc Physics, University of Oslo</b></p>"
            "<p style='margin:0'><b>2017</b>&nbsp;&nbsp;&nbsp;&nbsp;<b>MSc Physics, University of Bergen</b></p></body></html>")
    edu = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["education"]
    assert [e["institution"] for e in edu] == ["University of Oslo", "University of Bergen"]
