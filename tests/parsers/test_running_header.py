"""A name and contact row set as a running page header (a Word or LaTeX header on every page):
read once, where it first stands, so the CV keeps its owner; page numbers still go."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

JOBS = "".join(f"<p><b>Analyst {i}</b>, Company {i} Ltd, London, {2000 + i} – {2001 + i}</p>"
               f"<ul><li>Did thing number {i} for the team</li><li>Improved process {i}</li></ul>" for i in range(14))
HTML = f"""<html><head><style>@page {{ size: A4; margin: 30mm 20mm 20mm 20mm;
 @top-center {{ content: "Jane Doe · jane.doe@example.com · +44 20 7946 0000"; font-size: 9pt }}
 @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt }} }}</style></head>
<body style='font-family:sans-serif;font-size:10pt'><h3>Experience</h3>{JOBS}
<h3>Education</h3><p>BSc Mathematics, University of Leeds, 2015 – 2018</p></body></html>"""


def test_contacts_in_a_running_header_are_kept_once():
    result = PdfParser(PdfParser.Options()).parse(render_pdf(HTML), filename="cv.pdf")
    basics = result.resume["basics"]
    assert (basics.get("name"), basics.get("email"), basics.get("phone")) == (
        "Jane Doe", "jane.doe@example.com", "+44 20 7946 0000")
    assert len(result.resume["work"]) == 14
    text = " ".join(h for w in result.resume["work"] for h in w.get("highlights", []))
    assert "jane.doe@example.com" not in text and "Page" not in text
