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
