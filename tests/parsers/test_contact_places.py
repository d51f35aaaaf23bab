"""Where the person lives: a place among contact items listed with commas; a place in the contact
lines before one in the first job's line; a margin title that runs up to the entry beside it."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

JOB = ("<h2>Experience</h2><p><b>Marketing Manager</b>, Römer AG &amp; Co. KG</p>"
       "<p>November 2020 – heute · Stuttgart, Deutschland</p><ul><li>Betreuung von 9 Schlüsselkunden</li></ul>")


def _parse(head: str, body: str = JOB) -> dict:
    html = f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Inna Jäckel</h1>{head}{body}</body></html>"
    return PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume


def test_a_place_among_contact_items_listed_with_commas():
    resume = _parse("<p>schulzk@hotmail.de, (08033) 22059, Düsseldorf, Deutschland, https://x.com/schulzk</p>")
    assert resume["basics"]["location"]["city"] == "Düsseldorf"


def test_the_contact_line_place_before_a_job_place():
    resume = _parse("<p>inna.jaeckel@example.de · 0825 8566338 · München</p>")
    assert resume["basics"]["location"]["city"] == "München"


def test_no_place_from_a_dated_job_line():
    resume = _parse("<p>inna.jaeckel@example.de · 0825 8566338</p>",
                    "<h2>Experience</h2><p>2018–2021 Técnica de recursos humanos, Hermanos Amo S.Com., "
                    "Barcelona, España</p>")
    assert "location" not in resume["basics"]


def test_a_margin_title_touching_its_entry():
    # "BERUFSERFAHRUNG" in the margin ends where the text column starts (x = 119): two lines
    from htdy.parsers.layout.margins import split_margin_headings
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, *spans: Span) -> Line:
        return Line(spans=list(spans), cells=[0] * len(spans))
    lines = [line(80, Span("PROFIL", 34, 80, 65, 91, size=10.9, bold=True), Span("Marketing Manager mit 12 Jahren",
                                                                                  119.1, 80, 536, 91, size=11.2)),
             line(91, Span("Leitung von Projekten.", 119.1, 91, 208, 102, size=11.2)),
             line(108, Span("BERUFSERFAHRUNG", 34, 108, 119.3, 119, size=10.9, bold=True),
                  Span("Marketing Manager", 119.1, 108, 203, 119, size=11.2, bold=True)),
             line(118, Span("November 2020 – heute", 119.1, 118, 296, 129, size=10.4)),
             line(128, Span("Betreuung von 9 Schlüsselkunden", 119.1, 128, 378, 139, size=11.2))]
    texts = [ln.text for ln in split_margin_headings(lines)]
    assert "BERUFSERFAHRUNG" in texts and "Marketing Manager" in texts
