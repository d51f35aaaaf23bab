"""Two columns set close together (Deedy-style: a 5 pt gutter, no background, no rule): the
narrow left column (education, skills, languages) and the wide right one (summary, experience)
are read one after the other, with the name and contact rows above them read first. A single
column whose lines leave a white stripe (a label table, right-aligned dates, a footer) is not split."""
from __future__ import annotations

from pathlib import Path

import pytest

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

CLOSE = """<html><body style='font-family:serif;font-size:10pt;margin:0'>
<div style='font-size:30pt;color:#666'>Marta Lindqvist</div>
<div style='color:#444'>Data Engineer</div>
<div style='font-size:9pt'>marta.lindqvist@example.org | +46 70 123 45 67 | Uppsala</div>
<div style='display:flex;margin-top:8pt'>
<div style='width:33%;margin-right:7pt;text-align:justify'>
<h3 style='margin:0'>EDUCATION</h3>
<b>UPPSALA UNIVERSITY</b><br>MSc – Computer Science<br><span style='font-size:9pt'>2012 – 2014 | Uppsala</span><br>
<b>LUND UNIVERSITY</b><br>BSc – Applied Mathematics<br><span style='font-size:9pt'>2009 – 2012 | Lund</span>
<h3 style='margin:8pt 0 0 0'>SKILLS</h3>
<b>LANGUAGES</b><br>Python, Scala, SQL, Go, Rust, Java, Kotlin, TypeScript, Bash, Haskell, Elixir, Clojure<br><b>DATA</b><br>Spark, Kafka, Airflow, dbt, Flink, Trino, Snowflake, BigQuery, Redshift, Databricks
<h3 style='margin:8pt 0 0 0'>LANGUAGES</h3>
Swedish • Native<br>English • Fluent
</div>
<div style='width:66%'>
<h3 style='margin:0'>SUMMARY</h3>
Data engineer with nine years of experience building batch and streaming pipelines for retail and
banking, from the first prototype to on-call operation.
<h3 style='margin:8pt 0 0 0'>EXPERIENCE</h3>
<b>NORDBANK AB</b> | Senior Data Engineer<br><span style='font-size:9pt'>2019 – present | Stockholm</span>
<ul style='margin:0'><li>Moved the nightly risk reports from a mainframe batch to Spark on Kubernetes</li>
<li>Cut the time from trade to dashboard from six hours to twelve minutes</li></ul>
<b>HANDELSHUSET</b> | Data Engineer<br><span style='font-size:9pt'>2014 – 2019 | Uppsala</span>
<ul style='margin:0'><li>Built the Kafka pipeline that feeds stock levels to every store</li>
<li>Mentored four junior engineers through their first year</li></ul>
</div></div></body></html>"""

SINGLE = """<html><body style='font-family:sans-serif;font-size:10pt;margin:0'>
<div style='text-align:center;font-size:26pt'>Mohamed Smith</div>
<div style='text-align:center'>m.smith@example.com | +44 121 496 0787 | Edinburgh</div>
<h3>Summary</h3><p>Teacher with five years of experience in secondary education and school leadership.</p>
<h3>Experience</h3>
<div style='display:flex;justify-content:space-between'><b>Reid Academy</b><i>Manchester, UK</i></div>
<div style='display:flex;justify-content:space-between'><span>HIGH SCHOOL TEACHER</span><span>2018 - present</span></div>
<ul style='margin:0'><li>Organised school trips</li><li>Mentored junior colleagues</li></ul>
<h3>Skills</h3>
<div style='display:flex'><b style='width:20%;text-align:right'>Data</b><span style='margin-left:10pt'>Excel, Power BI</span></div>
<div style='display:flex'><b style='width:20%;text-align:right'>Methods</b><span style='margin-left:10pt'>Kanban, PRINCE2</span></div>
<h3>Languages</h3>
<div style='display:flex'><b style='width:20%;text-align:right'>English</b><span style='margin-left:10pt'>Native</span></div>
<div style='display:flex'><b style='width:20%;text-align:right'>Spanish</b><span style='margin-left:10pt'>Advanced</span></div>
<div style='display:flex;justify-content:space-between;font-size:8pt;margin-top:30pt'>
<span>November 2023</span><span>Mohamed Smith · Teacher</span><span>1</span></div>
</body></html>"""


@pytest.fixture(scope="module")
def close() -> dict:
    return PdfParser(PdfParser.Options()).parse(render_pdf(CLOSE), filename="close.pdf").resume


def test_close_columns_keep_their_entries(close):
    assert [(w.get("name"), w.get("position")) for w in close["work"]] == [
        ("NORDBANK AB", "Senior Data Engineer"), ("HANDELSHUSET", "Data Engineer")]
    assert close["work"][0]["highlights"] == [
        "Moved the nightly risk reports from a mainframe batch to Spark on Kubernetes",
        "Cut the time from trade to dashboard from six hours to twelve minutes"]
    assert [e.get("institution") for e in close["education"]] == [
        "UPPSALA UNIVERSITY", "LUND UNIVERSITY"]


def test_close_columns_keep_the_sidebar_sections_apart(close):
    assert [(x["language"], x.get("fluency")) for x in close["languages"]] == [
        ("Swedish", "Native"), ("English", "Fluent")]
    words = " ".join(k for s in close["skills"] for k in [s.get("name") or "", *(s.get("keywords") or [])])
    assert "Spark" in words and "Kafka" in words
    assert "Kubernetes" not in words and "mainframe" not in words  # no right-column text in skills
    assert close["basics"]["summary"].startswith("Data engineer with nine years")


DEEDY = Path(__file__).parent / "data" / "close-columns-deedy-de.pdf"  # an invented person, typeset by
# the corpus factory's Deedy look-alike (parsers/training/families/tex/deedy.tex, pdflatex)


def test_latex_columns_a_few_points_apart():
    resume = PdfParser(PdfParser.Options()).parse(DEEDY.read_bytes(), filename="deedy.pdf").resume
    assert [(w.get("name"), w.get("position"), len(w.get("highlights") or [])) for w in resume["work"]] == [
        ("NORDLICHT LOGISTIK GMBH", "Teamleiterin Backend", 3), ("DATENWERK AG", "Softwareentwicklerin", 2),
        ("SACHSEN SOFTWARE KG", "Werkstudentin", 0)]
    assert [(e.get("institution"), e.get("area")) for e in resume["education"]] == [
        ("TECHNISCHE UNIVERSITÄT DRESDEN", "Informatik"), ("UNIVERSITÄT LEIPZIG", "Wirtschaftsinformatik")]
    assert [(x["language"], x.get("fluency")) for x in resume["languages"]] == [
        ("Deutsch", "Muttersprache"), ("Englisch", "C1")]


def test_a_single_column_with_white_stripes_is_not_split():
    result = PdfParser(PdfParser.Options()).parse(render_pdf(SINGLE), filename="single.pdf")
    assert not any("two columns" in w for w in result.extras.get("warnings", []))
    work = result.resume["work"]
    assert [(w.get("name"), w.get("position"), w.get("startDate")) for w in work] == [
        ("Reid Academy", "HIGH SCHOOL TEACHER", "2018")]
    assert [(x["language"], x.get("fluency")) for x in result.resume["languages"]] == [
        ("English", "Native"), ("Spanish", "Advanced")]


GDOCS = """<html><body style='font-family:serif;font-size:10pt;margin:0'>
<div style='display:flex;justify-content:space-between'>
<div style='font-size:28pt;font-weight:bold'>Colin Wood</div>
<div style='font-size:9pt;text-align:right'>colin.wood@example.com<br>+44 29 2018 0340<br>Manchester<br>x.com/colinwood</div></div>
<div style='display:flex;margin-top:14pt'>
<div style='width:64%;margin-right:30pt'>
<h3 style='margin:0'>PROFILE</h3><p>Financial analyst with nine years of experience in finance and accounting.</p>
<h3>WORK EXPERIENCE</h3><b>Hussain Adams Ltd</b>, Leeds — <i>Financial Analyst</i><br>
<span style='font-size:8pt'>SEP 2010 – JAN 2015</span><ul><li>Prepared the monthly management accounts</li></ul>
</div><div style='width:30%'>
<h3 style='margin:0'>SKILLS</h3><p>Excel<br>Power BI<br>SAP FI/CO</p><h3>LANGUAGES</h3><p>English (native)<br>German (B2)</p>
</div></div></body></html>"""


def test_a_contact_block_beside_the_name_is_the_header():
    """The contact block at the top right (Google Docs' "Serif") is read with the name, before
    the columns: its profile link is the person's, not a line of the projects or skills."""
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(GDOCS), filename="gdocs.pdf").resume
    basics = resume["basics"]
    assert basics["name"] == "Colin Wood" and basics["location"]["city"] == "Manchester"
    assert [p["url"] for p in basics.get("profiles", [])] == ["https://x.com/colinwood"]
    assert [(w["name"], w["position"]) for w in resume["work"]] == [("Hussain Adams Ltd", "Financial Analyst")]
    assert [x["language"] for x in resume["languages"]] == ["English", "German"]
