"""Entries whose typography differs from the usual: a theme that sets its running text in a bold
face (titles set apart by size, not weight) keeps the bullets out of the entry header; the school
named in small type under the degree line is the school."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

BULLETS = ("Organised school trips and parent evenings", "Mentored new colleagues",
           "Prepared four final-year classes for the university exam")


def _cv(edu: str) -> str:
    job = ("<p style='font-size:13pt;font-weight:bold;margin:10pt 0 0 0'>Mathematics Teacher</p>"
           "<p style='font-size:8.5pt;margin:0'>Northfield Academy Ltd. / Jun 2014 – Present</p>"
           + "".join(f"<p style='font-weight:600;margin:3pt 0 0 12pt'>{b}</p>" for b in BULLETS))
    return (f"<html><body style='font-family:sans-serif;font-size:11pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            f"<h2>Work</h2>{job}{job.replace('Northfield Academy', 'Westbrook College')}"
            f"<h2>Education</h2>{edu}</body></html>")


def test_bold_running_text_is_not_an_entry_header():
    work = PdfParser(PdfParser.Options()).parse(render_pdf(_cv("")), filename="cv.pdf").resume["work"]
    assert [(w["position"], w["name"], w["highlights"]) for w in work] == [
        ("Mathematics Teacher", "Northfield Academy Ltd.", list(BULLETS)),
        ("Mathematics Teacher", "Westbrook College Ltd.", list(BULLETS))]


def test_school_in_small_type_under_the_degree():
    edu = ("<p style='font-size:13pt;font-weight:bold;margin:0'>Lisans, Endüstri Mühendisliği</p>"
           "<p style='font-size:8.5pt;margin:0'>Boğaziçi Üniversitesi / 2012 / Score: 3.12</p>")
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(_cv(edu)), filename="cv.pdf").resume
    e = resume["education"][0]
    assert (e["studyType"], e["area"], e["institution"], e["endDate"]) == (
        "Lisans", "Endüstri Mühendisliği", "Boğaziçi Üniversitesi", "2012")
