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


def test_an_undated_entry_among_dated_ones():
    def job(title: str, company: str, dates: str) -> str:
        return (f"<p style='margin:8pt 0 0 0'><b>{title}</b> <span style='float:right'>{dates}</span></p>"
                f"<p style='margin:0'>{company}</p><ul style='margin:0'><li>Handled key accounts</li>"
                f"<li>Led a team of five across two offices</li></ul>")
    html = ("<html><body style='font-family:serif;font-size:11pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            "<h2>Experience</h2>" + job("Marketing Coordinator", "Henry Ltd · Minneapolis", "May 2018 — April 2021")
            + job("Project Manager", "Terry and Anderson · Boston", "Aug 2010 — Mar 2015")
            + job("Marketing Assistant", "Taylor Ltd", "")
            + job("Sales Representative", "Collier and Bennett · Portland", "Jul 2005 — Apr 2007") + "</body></html>")
    work = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Marketing Coordinator", "Henry Ltd"), ("Project Manager", "Terry and Anderson"),
        ("Marketing Assistant", "Taylor Ltd"), ("Sales Representative", "Collier and Bennett")]
    assert work[2]["highlights"] == ["Handled key accounts", "Led a team of five across two offices"]


def test_a_duration_beside_the_dates_is_no_employer_and_a_slash_sets_off_a_place():
    def job(dates: str, took: str, title: str, company: str) -> str:
        cell = "<span style='display:inline-block;width:45mm'>{}</span>"
        return (f"<p style='margin:8pt 0 0 0'>{cell.format(f'<b>{dates}</b>')}<b>{title}</b></p>"
                f"<p style='margin:0'>{cell.format(took)}<b>{company}</b></p>")
    html = ("<html><body style='font-family:sans-serif;font-size:10pt'><h1>Ana Souza</h1><p>ana.souza@example.com</p>"
            "<h2>Experiência</h2><div>"
            + job("Mai 2021 – Atual", "5 anos 7 meses", "Contadora", "Guerra Contabilidade e Consultoria Lda")
            + job("Mar 2016 – Nov 2020", "4 yrs 8 mos", "Contadora", "Correia Cunha S.A. / Curitiba")
            + job("2013 – 2015", "2 ans", "Contadora", "Casa Grande Araújo e Filhos Comércio") + "</div></body></html>")
    work = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Contadora", "Guerra Contabilidade e Consultoria Lda"), ("Contadora", "Correia Cunha S.A."), ("Contadora", "Casa Grande Araújo e Filhos Comércio")]
    assert work[1]["location"] == "Curitiba"


def test_cjk_durations():
    from htdy.parsers.extract.dates import CJK_DURATION
    assert all(CJK_DURATION.fullmatch(t) for t in ("2年", "3年4ヶ月", "5개월", "(1年2个月)"))
    assert not any(CJK_DURATION.fullmatch(t) for t in ("2019年", "2019年4月", "株式会社"))
