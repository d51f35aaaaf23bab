"""A profile-export layout (a narrow left sidebar of contact, skills and languages; the name,
headline and place at the top of the main column; 'Degree - ABBR, Field · (years)'): the
sidebar line on the main column's baseline stays in the sidebar, a profile URL wrapped before
its user name is joined, the main column's place is no language."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

HTML = """<html><body style='font-family:sans-serif;font-size:10pt;display:flex'>
<div style='width:30%;background:#eee;padding:8px'>
<h3>Contact</h3><p>jane.doe@example.com</p><p>www.linkedin.com/in/janedoe (LinkedIn)</p>
<h3>Top Skills</h3><p>Python</p><p>SQL</p><p>Tableau</p>
<h3>Languages</h3><p>English (Native or Bilingual)</p><p>Spanish (Professional Working)</p>
</div><div style='width:70%;padding:8px'>
<h1 style='font-size:24pt;margin:0'>Jane Doe</h1><p>Senior Data Analyst at Acme</p>
<p style='color:#666'>London, England, United Kingdom</p>
<h2>Summary</h2><p>Analyst with 8 years of experience turning data into decisions.</p>
<h2>Experience</h2>
<p style='font-size:12pt;margin-bottom:0'>Acme Ltd</p><p style='margin:0'>Senior Data Analyst</p>
<p style='margin:0;color:#666'>January 2019 - Present (5 years 11 months)</p>
<p style='margin:0;color:#666'>London, England, United Kingdom</p>
<p>Built the company's KPI dashboards. Led a team of three analysts.</p>
<h2>Education</h2>
<p style='font-size:12pt;margin-bottom:0'>University of Leeds</p>
<p style='margin:0'>Bachelor of Science - BSc, Mathematics · (2011 - 2014)</p>
</div></body></html>"""


@pytest.fixture(scope="module")
def parsed() -> dict:
    return PdfParser(PdfParser.Options()).parse(render_pdf(HTML), filename="profile.pdf").resume


def test_languages_stay_in_the_sidebar(parsed):
    assert [(x["language"], x.get("fluency")) for x in parsed["languages"]] == [
        ("English", "Native or Bilingual"), ("Spanish", "Professional Working")]


def test_profile_url_wrapped_before_the_user_name(parsed):
    assert parsed["basics"]["profiles"] == [{"network": "LinkedIn", "username": "janedoe",
                                             "url": "https://www.linkedin.com/in/janedoe"}]


def test_degree_abbreviation_field(parsed):
    edu = parsed["education"][0]
    assert (edu["institution"], edu["studyType"], edu["area"]) == ("University of Leeds", "Bachelor of Science",
                                                                   "Mathematics")
    assert (edu["startDate"], edu["endDate"]) == ("2011", "2014")


def test_the_main_column_header(parsed):
    assert parsed["basics"]["name"] == "Jane Doe"
    assert parsed["basics"]["location"]["city"] == "London"
    assert parsed["work"][0]["name"] == "Acme Ltd" and parsed["work"][0]["position"] == "Senior Data Analyst"


EUROPASS = """<html><body style='font-family:sans-serif;font-size:10pt'>
<h1 style='font-size:20pt'>Ana García López</h1>
<p><b>Email address:</b> ana.garcia@example.es <b>Phone number:</b> (+34) 612345678</p>
<h2>WORK EXPERIENCE</h2>
<p style='margin:0'>01/2019 – CURRENT – Madrid, Spain</p>
<p style='margin:0'><b>DATA ANALYST</b> – ACME IBERIA S.L.</p>
<ul><li>Built the KPI dashboards for sales.</li><li>Automated monthly reporting.</li></ul>
<p style='margin:0'>03/2015 – 12/2018 – Barcelona, Spain</p>
<p style='margin:0'><b>JUNIOR ANALYST</b> – GLOBEX S.A.</p>
<ul><li>Cleaned survey data.</li></ul>
<h2>LANGUAGE SKILLS</h2>
<p>Mother tongue(s): <b>SPANISH</b></p><p>Other language(s):</p><p><b>ENGLISH</b></p>
<p>Listening C1 Reading C1 Writing C1</p>
</body></html>"""


def test_the_first_bulleted_line_under_a_header_is_an_item_and_row_labels_no_levels():
    res = PdfParser(PdfParser.Options()).parse(render_pdf(EUROPASS), filename="europass.pdf").resume
    assert [w.get("highlights") for w in res["work"]] == [
        ["Built the KPI dashboards for sales.", "Automated monthly reporting."], ["Cleaned survey data."]]
    assert not any(w.get("summary") for w in res["work"])
    assert [x["language"] for x in res["languages"]][:2] == ["SPANISH", "ENGLISH"]
    assert all(x.get("fluency") != "Other language(s):" for x in res["languages"])


ACADEMIC = """<html><body style='font-family:serif;font-size:11pt'>
<h1 style='text-align:center'>Jane Doe, Ph.D.</h1>
<p style='text-align:center'>jane.doe@cam.ac.uk · +44 1223 337200</p>
<h2>Academic Positions</h2>
<table style='width:100%'><tr><td>2019–present</td><td><b>Associate Professor</b>, University of Cambridge</td></tr>
<tr><td>2015–2019</td><td><b>Postdoctoral Researcher</b>, ETH Zürich</td></tr></table>
<h2>Education</h2>
<table style='width:100%'><tr><td>2015</td><td>Ph.D. in Physics, Massachusetts Institute of Technology</td></tr>
<tr><td>2010</td><td>B.A. in Physics and Mathematics, Harvard University</td></tr></table>
</body></html>"""


def test_academic_positions_are_work_and_degree_in_field_comma_school():
    res = PdfParser(PdfParser.Options()).parse(render_pdf(ACADEMIC), filename="academic.pdf").resume
    assert res["basics"]["name"] == "Jane Doe, Ph.D."
    assert [(w["name"], w["position"]) for w in res["work"]] == [
        ("University of Cambridge", "Associate Professor"), ("ETH Zürich", "Postdoctoral Researcher")]
    assert [(e["institution"], e["studyType"], e["area"]) for e in res["education"]] == [
        ("Massachusetts Institute of Technology", "Ph.D.", "Physics"),
        ("Harvard University", "B.A.", "Physics and Mathematics")]


SPANISH = """<html><body style='font-family:serif;font-size:11pt'>
<h1 style='text-align:center'>CURRICULUM VITAE</h1>
<h3>DATOS PERSONALES</h3>
<p>Nombre y apellidos: Ana García López<br>Correo electrónico: ana.garcia@gmail.com</p>
<h3>FORMACIÓN ACADÉMICA</h3>
<p>2012 - 2013: Máster en Finanzas. IE Business School.</p>
<h3>EXPERIENCIA PROFESIONAL</h3>
<p>2016 - actualidad: Banco Santander. Puesto: Analista financiera.</p>
<ul><li>Análisis de riesgos de crédito.</li><li>Elaboración de informes mensuales.</li></ul>
<p>2013 - 2016: Deloitte. Puesto: Auditora junior.</p>
<h3>INFORMÁTICA</h3><p>Microsoft Office, SAP, SQL.</p>
</body></html>"""


def test_date_colon_entries_with_full_stops_and_inline_labels():
    res = PdfParser(PdfParser.Options()).parse(render_pdf(SPANISH), filename="cv.pdf").resume
    assert res["basics"]["name"] == "Ana García López"
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in res["work"]] == [
        ("Banco Santander", "Analista financiera", "2016", None), ("Deloitte", "Auditora junior", "2013", "2016")]
    assert res["work"][0]["highlights"] == ["Análisis de riesgos de crédito.", "Elaboración de informes mensuales."]
    assert [(e["institution"], e["studyType"], e["area"]) for e in res["education"]] == [
        ("IE Business School", "Máster", "Finanzas")]
    assert res["skills"][0]["keywords"] == ["Microsoft Office", "SAP", "SQL"]
