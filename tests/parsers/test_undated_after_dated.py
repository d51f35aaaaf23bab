"""An undated entry after a dated one starts at a line set like the entries' title line; a label
over a list set the same way ("Key projects") stays inside its entry."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

T = "font-size:14pt;font-weight:bold"


def _parse(section: str) -> dict:
    html = (f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane@example.com</p>"
            f"{section}</body></html>")
    return PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume


def test_an_undated_school_after_a_dated_one():
    resume = _parse(f"<h2>Education</h2><div style='{T}'>Denver Metropolitan University</div><p>Economics</p>"
                    f"<p>MSc</p><p>Feb 2003 – Feb 2005</p><div style='{T}'>New York Metropolitan University</div>"
                    "<p>MSc</p>")
    assert [e["institution"] for e in resume["education"]] == [
        "Denver Metropolitan University", "New York Metropolitan University"]
    assert "startDate" not in resume["education"][1]


def test_an_undated_job_straight_into_its_bullets():
    resume = _parse(f"<h2>Experience</h2><div style='{T}'>Graphic Designer, Robinson Group — 2018 – 2020</div>"
                    "<p>London</p><ul><li>Designed the new brand identity</li><li>Onboarded 7 new team members</li></ul>"
                    f"<div style='{T}'>Graphic Designer, Chambers and Jones</div>"
                    "<ul><li>Led a team of 10 people</li><li>Mentored junior colleagues</li></ul>")
    assert [w["name"] for w in resume["work"]] == ["Robinson Group", "Chambers and Jones"]
    assert resume["work"][1]["highlights"] == ["Led a team of 10 people", "Mentored junior colleagues"]


def test_a_label_over_a_list_in_the_title_type_stays_in_its_entry():
    resume = _parse(f"<h2>Experience</h2><div style='{T}'>Graphic Designer, Robinson Group — 2018 – 2020</div>"
                    "<p>London</p><ul><li>Designed the new brand identity</li></ul>"
                    f"<div style='{T}'>Key projects</div><ul><li>Rebrand of the flagship store</li></ul>")
    assert [w["name"] for w in resume["work"]] == ["Robinson Group"]


def test_an_undated_entry_after_a_one_line_header_with_a_legal_form_full_stop():
    resume = _parse("<h2>Experience</h2><p><b>Product Manager, Solari SpA — 2021 – 2023</b><br><i>Roma</i></p>"
                    "<ul><li>Onboarded new colleagues</li></ul>"
                    "<p><b>Product Manager, Visintini Group — 2016 – 2021</b></p><ul><li>Negotiated contracts</li></ul>"
                    "<p><b>Product Manager, Murri s.r.l.</b><br><i>Verona, Italia</i></p>"
                    "<p>Coordinated five cross-functional projects with sales and finance.</p>"
                    "<ul><li>Cut release times by 41%</li></ul>")
    assert [w["name"] for w in resume["work"]] == ["Solari SpA", "Visintini Group", "Murri s.r.l."]
    assert resume["work"][2]["highlights"] == ["Cut release times by 41%"]


def test_a_legal_form_wrapped_to_the_next_line_stays_with_its_firm():
    # the title cell is just too narrow for "S.A.," ("…, Garcia Rocha" / "S.A., Brasília.")
    html = ("<html><body style='font-family:serif;font-size:10pt'><h1>Ana Lima</h1><p>ana@example.com</p>"
            "<h2>Experiência</h2><table style='border-collapse:collapse'><tr><td style='width:211pt;padding:0'>"
            "<b>Desenvolvedora front-end</b>, <i>Garcia Rocha S.A.</i>, Brasília.</td><td style='width:150pt;"
            "text-align:right;vertical-align:top;padding:0'>novembro 2017 – agosto 2020</td></tr></table>"
            "<ul><li>Automação de testes de regressão</li></ul></body></html>")
    work = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["work"]
    assert work[0]["name"] == "Garcia Rocha S.A."
