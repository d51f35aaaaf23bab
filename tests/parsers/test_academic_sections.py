"""An academic CV: grants, teaching, invited talks and professional service are sections of their
own (awards, work, publications, volunteer as JSON Resume has them), not more degrees under
Education; a job title holding one of those words ("Teaching Assistant", "Customer Service
Representative") stays a title."""
from __future__ import annotations

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.vocab import heading_key

from .cvfixtures import render_pdf

PUBS = "".join(f"<p>[{i}] A. Author and J. Roe. Paper {i} on sparse models. <i>Journal of Things</i>, "
               f"{20 - i}(3):{i * 10}–{i * 10 + 9}, {2020 - i}.</p>" for i in range(1, 6))
HTML = f"""<html><body style='font-family:serif;font-size:10.5pt'><h1>Jane Roe</h1>
<p>Department of Physics, University of Oxford · jane.roe@physics.ox.ac.uk</p>
<h2>Academic Appointments</h2>
<p>2021–present &nbsp; <b>Associate Professor</b>, Department of Physics, University of Oxford</p>
<p>2018–2021 &nbsp; <b>Postdoctoral Research Fellow</b>, Max Planck Institute for Physics, Munich</p>
<h2>Education</h2>
<p>2014–2018 &nbsp; <b>PhD in Theoretical Physics</b>, University of Cambridge</p>
<p>2010–2014 &nbsp; <b>MPhys Physics</b>, University of Edinburgh</p>
<h2>Grants and Funding</h2><p>2022 &nbsp; ERC Starting Grant, "Sparse models for physics"</p>
<p>2019 &nbsp; Marie Skłodowska-Curie Fellowship</p>
<h2>Teaching</h2><p>2021–present &nbsp; Lecturer, Quantum Mechanics, University of Oxford</p>
<h2>Invited Talks</h2><p>2023 &nbsp; Sparse models, Perimeter Institute, Waterloo</p>
<p>2022 &nbsp; Physics and data, CERN, Geneva</p>
<h2>Publications</h2>{PUBS}
<h2>Professional Service</h2><p>2020–present &nbsp; Referee for Physical Review Letters</p>
</body></html>"""


def test_academic_sections_stay_out_of_education():
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(HTML), filename="cv.pdf").resume
    assert [(e.get("studyType"), e.get("area"), e["institution"]) for e in resume["education"]] == [
        ("PhD", "Theoretical Physics", "University of Cambridge"), ("MPhys", "Physics", "University of Edinburgh")]
    assert [w["position"] for w in resume["work"]] == ["Associate Professor", "Postdoctoral Research Fellow",
                                                       "Lecturer"]
    assert resume.get("awards") and resume.get("volunteer") and resume.get("publications")


def test_heading_words_inside_job_titles():
    assert heading_key("Teaching") == "work" and heading_key("Grants and Funding") == "awards"
    for title in ("Teaching Assistant", "Customer Service Representative", "Corporate Communications",
                  "Funding Manager"):
        assert heading_key(title) is None
