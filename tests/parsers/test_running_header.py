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


def test_entries_that_open_pages_are_not_running_headers():
    # 45 two-line degrees over three pages: the lines at the top and foot of each page read alike
    # once their numbers are set aside, but stand in different places and differ in their years
    degrees = "".join(f"<p style='margin:6pt 0 0 0'><b>Master of Science in Topic {i}</b><span style='float:right'>"
                      f"{1950 + i} – {1952 + i}</span></p><p style='margin:0'><i>University of Place{i}</i></p>"
                      for i in range(45))
    html = (f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            f"<h2>Education</h2>{degrees}</body></html>")
    result = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf")
    starts = sorted(int(e["startDate"]) for e in result.resume["education"])
    assert starts == list(range(1950, 1995))
