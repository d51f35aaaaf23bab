"""Long academic CVs (parsers/extract/academic.py and friends): one-line appointments with the department
before the university, degrees followed by "Thesis:" / "Advisor:" notes, course lines under Teaching,
section headings of academic CVs in several languages, and referees whose e-mails and phones are other
people's."""
from __future__ import annotations

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.academic import NOTE_LABEL, drop_department, teaching_course
from htdy.parsers.extract.dates import date_word
from htdy.parsers.extract.header_pieces import title_like
from htdy.parsers.extract.vocab import heading_key

from .cvfixtures import render_pdf

ROW = "<p style='margin:2pt 0'>{}<span style='float:right'>{}</span></p>"
HTML = f"""<html><body style='font-family:serif;font-size:10.5pt'><h1>Marta Kowalczyk</h1>
<p>marta.k@example.org · 0612 345 678 · Utrecht</p>
<h2>Academic Positions</h2>
{ROW.format("Universitair docent, Afdeling Psychologie, Universiteit Utrecht", "2019 – nu")}
{ROW.format("Postdoctoraal onderzoeker, Faculteit Informatica, Universiteit Twente", "2016 – 2019")}
<h2>Education</h2>
{ROW.format("PhD – Psychologie, Universiteit Leiden", "2016")}
<p style='margin-left:1.5em'>Proefschrift: Sparse estimation of working memory</p>
<p style='margin-left:1.5em'>Promotor: Prof. dr. Jan de Vries</p>
{ROW.format("Master – Psychologie, Universiteit van Amsterdam", "2012")}
<h2>Teaching</h2>
{ROW.format("Linear Algebra (Werkcollege)", "2020 – 2021")}
{ROW.format("Statistical Methods (Hoorcollege)", "2018 – 2019")}
<h2>Referees</h2>
<p><b>Prof. dr. Jan de Vries</b><br>Hoogleraar Psychologie, Universiteit Leiden<br>
j.devries@leiden.example.nl<br>Tel. +31 71 527 0000</p>
</body></html>"""


def test_academic_cv_entries_and_referees():
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(HTML), filename="cv.pdf").resume
    assert [(w.get("position"), w.get("name")) for w in resume["work"]] == [
        ("Universitair docent", "Universiteit Utrecht"), ("Postdoctoraal onderzoeker", "Universiteit Twente")]
    assert [(e.get("studyType"), e.get("area"), e.get("institution")) for e in resume["education"]] == [
        ("PhD", "Psychologie", "Universiteit Leiden"), ("Master", "Psychologie", "Universiteit van Amsterdam")]
    basics = resume["basics"]
    assert basics["email"] == "marta.k@example.org" and "527" not in (basics.get("phone") or "")


def test_department_before_the_university_is_dropped():
    assert drop_department("Department of Physics, University of Bristol") == "University of Bristol"
    assert drop_department("Institut für Psychologie, Universität Leipzig") == "Universität Leipzig"
    assert drop_department("University of Glasgow, School of Physics") == "University of Glasgow"
    assert drop_department("Physics, University of Bristol", "Physics") == "University of Bristol"
    for kept in ("University of California, Berkeley", "Acme, Inc.", "Physics, University of Bristol"):
        assert drop_department(kept) == kept


def test_academic_words():
    assert NOTE_LABEL.match("Thesis: Sparse models") and NOTE_LABEL.match("Directeur de thèse : Pr X")
    assert not NOTE_LABEL.match("PhD in Physics, University of Bristol")
    for t in ("Gastonderzoeker", "Postdoktorand", "Maître de conférences", "Dottorando", "Adiunkt"):
        assert title_like(t), t
    expected = {"Referees": "references", "Supervision": "volunteer", "Betreute Abschlussarbeiten": "volunteer",
                "Ponencias": "publications", "Beurzen en prijzen": "awards", "Posizioni accademiche": "work",
                "Forschungsinteressen": "interests"}
    assert {h: heading_key(h) for h in expected} == expected
    assert heading_key("Customer Service Supervision Team") is None
    assert date_word("septembre") and date_word("Actualidad") and not date_word("Universiteit Leiden")
    assert teaching_course("Teaching", {"name": "Linear Algebra (Tutorial)"})
    assert not teaching_course("Teaching", {"name": "University of Oxford", "position": "Lecturer"})
    assert not teaching_course("Experience", {"name": "Linear Algebra (Tutorial)"})
