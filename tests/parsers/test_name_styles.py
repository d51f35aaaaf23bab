"""The owner's name however a designer sets it: in two type styles with the paragraph's small space
between them, in lower case, after a "Résumé —" title; and a job title whose company word only
looks like a title word ("Rocket Internet" is no intern)."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser, TextParser

from .cvfixtures import render_pdf

BODY = """<h2>Experience</h2><p><b>Software Engineer</b>, Initech, Berlin — 2019 – 2022</p>
<ul><li>Built payment services in Go</li></ul><h2>Education</h2><p>MSc Computer Science, TU Berlin, 2015 – 2018</p>"""
CONTACT = "<p>johanna.meier@example.com · +49 151 1234567 · Berlin</p>"

HEADS = {
    # the space between the two big spans is set in the paragraph's 10 pt type: 0.1 em of the name's
    "two-styles": "<p><span style='font-size:30pt'>Johanna</span> <span style='font-size:30pt;font-weight:bold'>"
                  "Meier</span></p>",
    "lower-case": "<h1 style='font-weight:300'>johanna meier</h1>",
    "titled": "<h1>Résumé — Johanna Meier</h1>",
    "letter-spaced": "<h1 style='letter-spacing:0.4em'>JOHANNA MEIER</h1>",
    "two-lines": "<div style='font-size:34pt;font-weight:bold;line-height:1'>JOHANNA<br>MEIER</div>",
}


@pytest.mark.parametrize("style", sorted(HEADS))
def test_the_name_however_it_is_set(style):
    html = f"<html><body style='font-family:sans-serif;font-size:10pt'>{HEADS[style]}{CONTACT}{BODY}</body></html>"
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume
    assert resume["basics"]["name"] == "Johanna Meier"
    assert resume["basics"]["location"]["city"] == "Berlin"


def test_tracked_small_capitals_stay_one_word():
    # "S" then "OFTWARE…" one size smaller, both letter-spaced: one word, no space between
    html = ("<html><body style='font-family:serif'><p>Jane Roe</p><h2>Experience</h2><p style='letter-spacing:"
            "0.06em'><span style='font-size:12pt'>S</span><span style='font-size:9.6pt'>OFTWARE ENGINEER</span>"
            ", Initech, 2019 – 2022</p></body></html>")
    work = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["work"]
    assert work[0]["position"].upper() == "SOFTWARE ENGINEER"


def test_a_company_word_is_not_read_as_a_job_title():
    text = """Maria Kowalski

EXPERIENCE
Data Analyst, Rocket Internet, Berlin                        01/2016 – 02/2019
- Automated reporting with SQL
Systems Architect, Nordic Technology, Oslo                   01/2014 – 12/2015
- Designed the billing platform
"""
    work = TextParser(TextParser.Options()).parse(text.encode(), filename="cv.txt").resume["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Data Analyst", "Rocket Internet"), ("Systems Architect", "Nordic Technology")]


def _head_and_body(head: str) -> bytes:
    return render_pdf(f"<html><body style='font-family:sans-serif;font-size:10pt;margin:0'>{head}{BODY}</body></html>")


def test_a_name_on_two_lines_beside_a_contact_block():
    # moderncv: first and last name in large type, each on the baseline of a right-aligned contact line
    big = "font-size:30pt;line-height:34pt"
    head = (f"<div style='position:relative;height:120pt'><div style='{big}'>Ramiro</div><div style='{big}'>Tejada</div>"
            "<div style='position:absolute;right:0;top:12pt;text-align:right'>Valencia<br>+34 912 442 590<br>"
            "ramiro_tejada@example.io</div></div>")
    basics = PdfParser(PdfParser.Options()).parse(_head_and_body(head), filename="cv.pdf").resume["basics"]
    assert basics["name"] == "Ramiro Tejada" and basics["email"] == "ramiro_tejada@example.io"


def test_a_small_place_beside_a_big_name_is_a_cell_of_its_own():
    head = ("<div style='position:relative;height:60pt'><span style='position:absolute;left:0;top:18pt'>Glasgow</span>"
            "<span style='position:absolute;left:62pt;top:0;font-size:34pt'>Terence Singh</span></div>"
            "<p>terence.singh84@example.io · (0151) 496 0935</p>")
    basics = PdfParser(PdfParser.Options()).parse(_head_and_body(head), filename="cv.pdf").resume["basics"]
    assert basics["name"] == "Terence Singh"


def test_dutch_apostrophe_particle():
    head = "<h1>Madelief van 't Riet</h1><p>madelief.vantriet@example.nl · Rotterdam</p>"
    basics = PdfParser(PdfParser.Options()).parse(_head_and_body(head), filename="cv.pdf").resume["basics"]
    assert basics["name"] == "Madelief van 't Riet"
