"""A profile paragraph set in the CV's head with no heading of its own (under the name, beside it,
centred, in CJK) is the summary; a tagline or a contact line there is not."""
from __future__ import annotations

import unicodedata

import pytest

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

BODY = """<h2>Experience</h2><p><b>Software Engineer</b>, Initech, Berlin — 2019 – 2022</p>
<ul><li>Built payment services in Go</li></ul><h2>Education</h2><p>MSc Computer Science, TU Berlin, 2015 – 2018</p>"""
PROSE = "Backend engineer with nine years of experience in payments. I like turning slow batch jobs into services."
HEADS = {
    "under-the-name": f"<h1>Johanna Meier</h1><p>johanna.meier@example.com · Berlin</p><p>{PROSE}</p>",
    "centred-after-title": "<div style='text-align:center'><h1>Johanna Meier</h1><p>Software Engineer</p>"
                           f"<p style='width:60%;margin:auto'>{PROSE}</p><p>johanna.meier@example.com</p></div>",
    "beside-the-name": "<table style='width:100%'><tr><td style='width:35%;font-size:26pt'><b>JOHANNA<br>MEIER</b></td>"
                       f"<td>{PROSE}</td></tr></table><p>johanna.meier@example.com</p>",
}


def _parse(head: str) -> dict:
    html = f"<html><body style='font-family:sans-serif;font-size:10pt'>{head}{BODY}</body></html>"
    return PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume


@pytest.mark.parametrize("style", sorted(HEADS))
def test_an_untitled_profile_paragraph_in_the_head_is_the_summary(style):
    basics = _parse(HEADS[style])["basics"]
    assert basics["summary"] == PROSE
    assert basics["name"].casefold() == "johanna meier"


def test_a_cjk_profile_line_in_the_head():
    head = "<h1>王 芳</h1><p>wang.fang@example.com</p><p>拥有十四年教育经验的中学数学教师，擅长课程设计。</p>"
    html = f"<html><body style='font-family:\"Noto Sans CJK SC\",sans-serif;font-size:10pt'>{head}{BODY}</body></html>"
    basics = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["basics"]
    # (full-width punctuation comes out in its compatibility form, as everywhere in the parser)
    assert basics["summary"] == unicodedata.normalize("NFKC", "拥有十四年教育经验的中学数学教师，擅长课程设计。")


@pytest.mark.parametrize("line", ["Python · Go · Kubernetes · PostgreSQL · Cloud architecture",
                                  "Available from March 2027", "Hauptstraße 5, 10115 Berlin, Germany"])
def test_taglines_and_addresses_in_the_head_are_no_summary(line):
    basics = _parse(f"<h1>Johanna Meier</h1><p>{line}</p><p>johanna.meier@example.com</p>")["basics"]
    assert "summary" not in basics


def test_a_titled_summary_still_wins():
    basics = _parse(f"<h1>Johanna Meier</h1><p>{PROSE}</p><h2>Summary</h2><p>Short and titled: this one counts.</p>")["basics"]
    assert basics["summary"] == "Short and titled: this one counts."
