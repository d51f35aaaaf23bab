"""Rules for the fields of work and education entries, each exercised by a small Word CV
written for it (python-docx) or by the function that holds the rule: a place after the
employer's comma, Europass row labels, a grade after the degree, compound degree names,
a city name that is the employer, a job title set apart from a plain line mentioning a job."""
from __future__ import annotations

import io
from typing import Any

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document
from htdy.parsers.extract.degrees import score_split
from htdy.parsers.extract.header_pieces import place_split as _place_split
from htdy.parsers.extract.row_labels import row_label


@pytest.fixture(scope="module")
def env():
    pm = get_plugin_manager(load_entrypoints=False)
    return settings_from_dict({}, environ={}), build_registries(pm), pm


def _parse(env, data: bytes, name: str = "cv.docx") -> dict[str, Any]:
    settings, regs, pm = env
    return parse_document(data, name, settings, regs, pm).resume


def _work(r: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(w.get("name"), w.get("position"), w.get("startDate"), w.get("endDate")) for w in r.get("work", [])]


def _edu(r: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(e.get("institution"), e.get("studyType"), e.get("area"), e.get("score")) for e in r.get("education", [])]


def _save(d: Any) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------ place after the employer
@pytest.mark.parametrize("text,head,place", [
    ("Nordwind Logistik GmbH, Bremen", "Nordwind Logistik GmbH", "Bremen"),
    ("Harbour Foods Ltd, Leeds (United Kingdom)", "Harbour Foods Ltd", "Leeds (United Kingdom)"),
    ("Mercy General Hospital, Sacramento, CA", "Mercy General Hospital", "Sacramento, CA"),
    ("Cantieri Riuniti S.p.A., Ancona (Italia)", "Cantieri Riuniti S.p.A.", "Ancona (Italia)"),
    ("Wola Metal Sp. z o.o., Zielonka", "Wola Metal Sp. z o.o.", "Zielonka"),  # after a legal form
    ("Musée des Beaux-Arts de Quimper, Quimper", "Musée des Beaux-Arts de Quimper", "Quimper"),
    ("Técnica Norte, Campinas - SP", "Técnica Norte", "Campinas - SP"),
])
def test_place_after_the_employer(text, head, place):
    assert [p["text"] for p in _place_split({"text": text})] == [head, place]


@pytest.mark.parametrize("text", ["Paris, France", "Developer, Java & Angular", "Acme, Inc.",
                                  "Amministrazione, Finanza e Controllo", "University of California, Berkeley"])
def test_no_place_to_split(text):
    assert [p["text"] for p in _place_split({"text": text})] == [text]


def _us_docx() -> bytes:
    """Bold title with a right-tab date, then the employer and its place in italics, then a
    plain line that mentions a job; a line of the same kind before the next title."""
    import docx

    d = docx.Document()
    d.add_heading("Dana Whitfield", level=0)
    d.add_paragraph("dana.whitfield@example.com | (916) 555-0182")
    d.add_heading("Experience", level=1)
    for title, dates, org, line in (
            ("Charge Nurse", "MARCH 2019 - PRESENT", "Mercy General Hospital, Sacramento, CA",
             "Lead nurse for a 24-bed step-down unit"),
            ("Staff Nurse", "JULY 2015 - FEBRUARY 2019", "Sutter Medical Center, Sacramento, CA",
             "Float nurse for medical and surgical wards")):
        p = d.add_paragraph()
        p.add_run(title).bold = True
        p.add_run("\t" + dates)
        p = d.add_paragraph()
        p.add_run(org).italic = True
        d.add_paragraph(line)
    return _save(d)


def test_employer_and_place_in_italics_under_the_title(env):
    assert _work(_parse(env, _us_docx())) == [
        ("Mercy General Hospital", "Charge Nurse", "2019-03", None),
        ("Sutter Medical Center", "Staff Nurse", "2015-07", "2019-02"),
    ]


def _fr_docx() -> bytes:
    """"Employer – Title, City" in bold: an employer that is also a city name (the place is
    already given after the comma); an employer with "en" inside its name (Dutch)."""
    import docx

    d = docx.Document()
    d.add_heading("Hugo Lemaire", level=0)
    d.add_paragraph("hugo.lemaire@example.fr | +33 6 11 22 33 44")
    d.add_heading("Expérience professionnelle", level=1)
    for line, dates in (("Victoria – Responsable logistique, Lyon", "mars 2018 – aujourd'hui"),
                        ("Smit en Zonen, Utrecht – Uitvoerder", "janv. 2014 – févr. 2018")):
        p = d.add_paragraph()
        p.add_run(line).bold = True
        p.add_run("\t" + dates).italic = True
        d.add_paragraph("Pilotage des approvisionnements et des équipes.", style="List Bullet")
    return _save(d)


def test_city_named_employer_and_dutch_en(env):
    assert _work(_parse(env, _fr_docx())) == [
        ("Victoria", "Responsable logistique", "2018-03", None),
        ("Smit en Zonen", "Uitvoerder", "2014-01", "2018-02"),
    ]


# ------------------------------------------------------------------ Europass row labels
@pytest.mark.parametrize("text,key,value", [
    ("Fechas Enero 2018 – Actualidad", "dates", "Enero 2018 – Actualidad"),
    ("Zajmowane stanowisko Analityk", "position", "Analityk"),
    ("Nom et adresse de l'employeur Acme SA, Lyon", "employer", "Acme SA, Lyon"),
    ("Attività o settore Servizi informatici", "sector", "Servizi informatici"),
    ("Title of qualification awarded MSc Physics", "qualification", "MSc Physics"),
])
def test_row_labels(text, key, value):
    assert row_label(text) == (key, value)


def test_short_label_needs_a_date():
    assert row_label("Data Analyst") is None


def _europass_docx() -> bytes:
    """Pre-2013 Europass: one labelled row per fact, the label in the left cell (French)."""
    import docx

    d = docx.Document()
    d.add_heading("Curriculum Vitae", level=0)
    d.add_paragraph("Élodie Marchand – elodie.marchand@example.fr – +33 6 55 44 33 22")
    d.add_heading("Expérience professionnelle", level=1)
    rows = [
        ("Dates", "Avril 2017 – Aujourd'hui"), ("Fonction ou poste occupé", "Technicienne de laboratoire"),
        ("Principales activités et responsabilités", "Analyses microbiologiques; Suivi qualité"),
        ("Nom et adresse de l'employeur", "Laboratoires Durand SA, Dijon (France)"),
        ("Type ou secteur d'activité", "Agroalimentaire"),
        ("Dates", "Septembre 2014 – Mars 2017"), ("Fonction ou poste occupé", "Assistante qualité"),
        ("Principales activités et responsabilités", "Audits internes"),
        ("Nom et adresse de l'employeur", "Fromageries Vallet, Besançon (France)"),
        ("Type ou secteur d'activité", "Industrie laitière"),
    ]
    for label, value in rows:
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = label
        t.cell(0, 1).text = value
    d.add_heading("Éducation et formation", level=1)
    for label, value in (("Dates", "2011 – 2014"),
                         ("Intitulé du certificat ou diplôme délivré", "Licence en Biologie (mention bien)"),
                         ("Nom et type de l'établissement d'enseignement ou de formation", "Université de Bourgogne")):
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = label
        t.cell(0, 1).text = value
    return _save(d)


def test_europass_rows_fill_the_fields_they_name(env):
    r = _parse(env, _europass_docx())
    assert _work(r) == [("Laboratoires Durand SA", "Technicienne de laboratoire", "2017-04", None),
                        ("Fromageries Vallet", "Assistante qualité", "2014-09", "2017-03")]
    assert _edu(r) == [("Université de Bourgogne", "Licence", "Biologie", "mention bien")]


# ------------------------------------------------------------------ degrees
@pytest.mark.parametrize("text,rest,score", [
    ("Ingegneria Gestionale (108/110)", "Ingegneria Gestionale", "108/110"),
    ("Chemie (Note 1,3)", "Chemie", "1,3"),
    ("Rechten, cum laude", "Rechten", "cum laude"),
    ("Computer Science", "Computer Science", None),
])
def test_grade_after_the_degree(text, rest, score):
    assert score_split(text) == (rest, score)


def _degrees_docx() -> bytes:
    """Degree line first, then the school: a level word before the degree ("HBO Bachelor"), a
    capitalised abbreviation with its field ("BTS Commerce International"), a field announced
    by "spécialité", an academic degree whose field holds "de"."""
    import docx

    d = docx.Document()
    d.add_heading("Inès Girard", level=0)
    d.add_paragraph("ines.girard@example.fr | +33 6 12 12 12 12")
    d.add_heading("Formation", level=1)
    for degree, school, dates in (("HBO Bachelor Logistiek", "Hogeschool Windesheim", "2016 – 2020"),
                                  ("BTS Commerce International", "Lycée Jean Moulin", "2014 – 2016"),
                                  ("Diplôme d'ingénieur, spécialité Génie civil", "Polytech Clermont", "2009 – 2014"),
                                  ("Master Gestion de patrimoine", "Université de Tours", "2007 – 2009")):
        p = d.add_paragraph()
        p.add_run(degree).bold = True
        p.add_run("\t" + dates)
        d.add_paragraph(school)
    return _save(d)


def test_degree_line_above_the_school(env):
    assert _edu(_parse(env, _degrees_docx())) == [
        ("Hogeschool Windesheim", "HBO Bachelor", "Logistiek", None),
        ("Lycée Jean Moulin", "BTS", "Commerce International", None),
        ("Polytech Clermont", "Diplôme d'ingénieur", "Génie civil", None),
        ("Université de Tours", "Master", "Gestion de patrimoine", None),
    ]


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize("text,start,end", [
    ("mar/2021 – atual", "2021-03", None),
    ("jul/2018 – fev/2021", "2018-07", "2021-02"),
    ("Mar-2020 - Jun-2021", "2020-03", "2021-06"),
])
def test_month_word_slash_year(text, start, end):
    from htdy.parsers.extract.dates import find_range
    r = find_range(text)
    assert r is not None and (r.start, r.end) == (start, end)


def _meta_line_docx() -> bytes:
    """Canva-like: bold title, then "Employer • mon/yyyy – mon/yyyy • City - ST" meta lines."""
    import docx

    d = docx.Document()
    d.add_heading("Tiago Ramos", level=0)
    d.add_paragraph("tiago.ramos@example.com.br | +55 21 99876-5432")
    d.add_heading("Experiência", level=1)
    for title, meta in (("Analista de Suporte Sênior", "Globo Sistemas • abr/2020 – atual • Niterói - RJ"),
                        ("Analista de Suporte", "Rede Sul Telecom • fev/2016 – mar/2020 • Curitiba - PR")):
        d.add_paragraph().add_run(title).bold = True
        d.add_paragraph(meta)
        d.add_paragraph("Atendimento a clientes corporativos", style="List Bullet")
    return _save(d)


def test_meta_line_with_month_slash_year(env):
    assert _work(_parse(env, _meta_line_docx())) == [
        ("Globo Sistemas", "Analista de Suporte Sênior", "2020-04", None),
        ("Rede Sul Telecom", "Analista de Suporte", "2016-02", "2020-03"),
    ]


# ------------------------------------------------------------------ more degrees
def _degrees2_docx() -> bytes:
    """Dates and school on one line, the degree line below: school with "City, ST" after it; a
    German "Studium der X, Abschluss: Y (Note …)" line; "DEGREE FIELD – SCHOOL" in capitals; a
    Dutch level abbreviation with "en" inside the field and its level."""
    import docx

    d = docx.Document()
    d.add_heading("Sam Keller", level=0)
    d.add_paragraph("sam.keller@example.com | +1 617 555 0100")
    d.add_heading("Education", level=1)
    for dates, school, degree in (
            ("09/2012 – 05/2016", "Tufts University\tMedford, MA", "Bachelor of Arts in Economics"),
            ("10/2016 – 09/2019", "Universität Bremen", "Studium der Physik, Abschluss: Diplom-Physiker (Note 1,3)"),
            ("2009 – 2012", "", "LICENCE HISTOIRE DE L'ART – UNIVERSITÉ DE POITIERS"),
            ("2005 – 2009", "ROC Friesland College", "MBO Sport en Bewegen (niveau 4)")):
        p = d.add_paragraph()
        p.add_run(dates + "\t")
        name, _, place = school.partition("\t")
        p.add_run(name).bold = True
        if place:
            p.add_run("\t" + place)
        d.add_paragraph().add_run(degree).italic = True
    return _save(d)


def test_degree_rules_in_four_designs(env):
    assert _edu(_parse(env, _degrees2_docx())) == [
        ("Tufts University", "Bachelor of Arts", "Economics", None),
        ("Universität Bremen", "Diplom-Physiker", "Physik", "1,3"),
        ("UNIVERSITÉ DE POITIERS", "LICENCE", "HISTOIRE DE L'ART", None),
        ("ROC Friesland College", "MBO", "Sport en Bewegen", None),
    ]


def _employer_below_docx() -> bytes:
    """Europass 2020-like: dates, bold title, the employer in body type below (ending with a
    legal form and its dot), then a labelled place line and bullets; an employer and its place
    not in the gazetteer ("Kantoor Noord, Zeewolde") in a second entry."""
    import docx

    d = docx.Document()
    d.add_heading("Ana Costa", level=0)
    d.add_paragraph("ana.costa@example.pt | +351 913 222 111")
    d.add_heading("Experiência profissional", level=1)
    for dates, title, org in (("[ 02/03/2020 – ATUAL ]", "Analista de Dados", "Sonae Digital, Unipessoal Lda."),
                              ("[ 01/10/2017 – 28/02/2020 ]", "Engenheira de Software", "Kantoor Noord, Zeewolde")):
        d.add_paragraph(dates)
        p = d.add_paragraph()
        r = p.add_run(title)
        r.bold = True
        d.add_paragraph(org)
        d.add_paragraph("Cidade: Lisboa | País: Portugal")
        d.add_paragraph("Relatórios trimestrais para a direção", style="List Bullet")
    return _save(d)


def test_employer_line_below_the_title(env):
    assert _work(_parse(env, _employer_below_docx())) == [
        ("Sonae Digital, Unipessoal Lda.", "Analista de Dados", "2020-03", None),
        ("Kantoor Noord", "Engenheira de Software", "2017-10", "2020-02"),
    ]


# ------------------------------------------------------------------ dates in a narrow column (PDF)
def _narrow_dates_html() -> str:
    """A LaTeX-like CV: a narrow right-aligned date column whose ranges wrap ("sep. 2016–jan." /
    "2019", "2020–" / "actualidad"), the entry's title line and bullets beside it."""
    css = ("@page{size:A4;margin:18mm} body{font-family:'DejaVu Serif';font-size:10pt} h1{font-size:22pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:12pt 0 4pt 0} table{border-collapse:collapse} "
           "td{vertical-align:top;padding:0 0 5pt 0} td.d{width:28mm;text-align:right;padding-right:4mm;white-space:nowrap} "
           "td.b{width:140mm} p{margin:0}")
    rows = []
    for dates, title, bullets in (("2020–<br>actualidad", "<b>Ingeniera de datos</b>, Levante Datos SL, Valencia",
                                   ["Pipelines de datos en Spark"]),
                                  ("sep. 2016–jan.<br>2019", "<b>Analista programadora</b>, Grupo Turia, Valencia",
                                   ["Informes para la dirección", "Migración a PostgreSQL"])):
        rows.append(f"<tr><td class=d>{dates}</td><td class=b><p>{title}</p>"
                    + "".join(f"<p>• {b}</p>" for b in bullets) + "</td></tr>")
    body = ("<h1>Lucía Serrano</h1><p>lucia.serrano@example.es | +34 611 22 33 44</p>"
            f"<h2>Experiencia</h2><table>{''.join(rows)}</table>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def _dates_above_html() -> str:
    """A Canva-like CV: the dates on their own line above a title set like the section headings,
    then "Employer | City" in italics."""
    css = ("@page{size:A4;margin:16mm} body{font-family:'DejaVu Sans';font-size:10pt} h1{font-size:24pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:14pt 0 4pt 0} .d{font-weight:bold;font-size:9pt;margin:8pt 0 0 0} "
           ".t{font-size:13pt;font-weight:bold;margin:0} .o{font-style:italic;margin:0} p{margin:0}")
    parts = ["<h1>Jonas Weber</h1><p>jonas.weber@example.de · +49 151 2345 6789</p><h2>Berufserfahrung</h2>"]
    for dates, title, org in (("05/2020 – heute", "Produktdesigner", "Nordform GmbH | Kiel"),
                              ("01/2017 – 04/2020", "Mediengestalter", "Druckhaus Lübeck | Lübeck")):
        parts.append(f"<p class=d>{dates}</p><p class=t>{title}</p><p class=o>{org}</p><p>Gestaltung von Katalogen</p>")
    parts.append("<h2>Ausbildung</h2><p class=d>2013 – 2016</p><p class=t>Bachelor of Arts Mediendesign</p>"
                 "<p class=o>Fachhochschule Kiel</p><h2>Kenntnisse</h2><p>Figma, InDesign</p>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_date_range_wrapped_in_a_narrow_column(env, backend):
    import cvfixtures
    settings, regs, pm = env
    r = parse_document(cvfixtures.render_pdf(_narrow_dates_html()), "cv.pdf", settings, regs, pm,
                       parser_options={"backend": backend}).resume
    assert _work(r) == [("Levante Datos SL", "Ingeniera de datos", "2020", None),
                        ("Grupo Turia", "Analista programadora", "2016-09", "2019-01")]


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_dates_printed_above_the_title(env, backend):
    import cvfixtures
    settings, regs, pm = env
    r = parse_document(cvfixtures.render_pdf(_dates_above_html()), "cv.pdf", settings, regs, pm,
                       parser_options={"backend": backend}).resume
    assert _work(r) == [("Nordform GmbH", "Produktdesigner", "2020-05", None),
                        ("Druckhaus Lübeck", "Mediengestalter", "2017-01", "2020-04")]
    assert _edu(r) == [("Fachhochschule Kiel", "Bachelor of Arts", "Mediendesign", None)]


def _date_first_long_html() -> str:
    """A LaTeX-like CV: "dates  Title, Employer, City" on one line beside a date column, one
    line long enough to wrap, the employer's name hyphenated at the wrap."""
    css = ("@page{size:A4;margin:18mm} body{font-family:'DejaVu Serif';font-size:10pt} h1{font-size:22pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:12pt 0 4pt 0} table{border-collapse:collapse} "
           "td{vertical-align:top;padding:0 0 5pt 0} td.d{width:30mm;text-align:right;padding-right:3.5mm;"
           "white-space:nowrap} td.b{width:120mm;hyphens:manual} p{margin:0}")
    rows = []
    for dates, line in (("03/2018–heute", "<b>Wissenschaftlicher Mitarbeiter</b>, Helmholtz-Zentrum, Leipzig"),
                        ("04/2014–02/2018", "<b>Studentische Hilfskraft</b>, Fraunhofer-Institut für "
                                            "Produktions&shy;technik und Automatisierung IPA, Stuttgart")):
        rows.append(f"<tr><td class=d>{dates}</td><td class=b><p>{line}</p><p>• Auswertung von Messdaten</p></td></tr>")
    body = ("<h1>Paul Neumann</h1><p>paul.neumann@example.de | +49 341 123456</p>"
            f"<h2>Berufserfahrung</h2><table>{''.join(rows)}</table>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_long_line_starting_with_its_dates(env, backend):
    import cvfixtures
    settings, regs, pm = env
    r = parse_document(cvfixtures.render_pdf(_date_first_long_html()), "cv.pdf", settings, regs, pm,
                       parser_options={"backend": backend}).resume
    assert _work(r) == [
        ("Helmholtz-Zentrum", "Wissenschaftlicher Mitarbeiter", "2018-03", None),
        ("Fraunhofer-Institut für Produktionstechnik und Automatisierung IPA", "Studentische Hilfskraft",
         "2014-04", "2018-02")]


def _stacked_url_docx() -> bytes:
    """Employer in bold, its web address, the dates, then the job title in body type; a
    "Title at Employer" heading whose joiner is set apart from the bold title."""
    import docx

    d = docx.Document()
    d.add_heading("Ilya Petrov", level=0)
    d.add_paragraph("ilya.petrov@example.com | +7 912 345 67 89")
    d.add_heading("Experience", level=1)
    for org, url, dates, title in (("Booking.com", "https://www.booking.com", "May 2018 – Present", "Senior iOS Engineer"),
                                   ("Quantum Retail", "http://quantum-retail.example", "June 2014 – April 2018",
                                    "Mobile Developer")):
        d.add_paragraph().add_run(org).bold = True
        d.add_paragraph(url)
        d.add_paragraph(dates)
        d.add_paragraph(title)
        d.add_paragraph("Shipped the booking flow used by millions of travellers every month, with a team of five.")
    d.add_heading("Volunteering", level=1)
    p = d.add_paragraph()
    p.add_run("Mentor").bold = True
    p.add_run(" at Code Club Riga")
    d.add_paragraph("2016 – 2019")
    return _save(d)


def test_title_below_dates_url_and_joiner(env):
    r = _parse(env, _stacked_url_docx())
    assert _work(r) == [("Booking.com", "Senior iOS Engineer", "2018-05", None),
                        ("Quantum Retail", "Mobile Developer", "2014-06", "2018-04")]
    assert [(v.get("organization"), v.get("position")) for v in r.get("volunteer", [])] == [
        ("Code Club Riga", "Mentor")]


def test_degree_in_field_at_school(env):
    """"Degree in Field at School" on one line above its dates (a sidebar education block)."""
    import docx

    d = docx.Document()
    d.add_heading("Lena Brandt", level=0)
    d.add_paragraph("lena.brandt@example.de | +49 160 1234567")
    d.add_heading("Education", level=1)
    for line, dates in (("Master in Data Science at Leuphana Universität Lüneburg", "2019 – 2021"),
                        ("Bachelor in Mathematics at Freie Universität Berlin", "2015 – 2019")):
        d.add_paragraph().add_run(line).bold = True
        d.add_paragraph(dates)
    assert _edu(_parse(env, _save(d))) == [("Leuphana Universität Lüneburg", "Master", "Data Science", None),
                                            ("Freie Universität Berlin", "Bachelor", "Mathematics", None)]


# ------------------------------------------------------------------ month names with diacritics
@pytest.mark.parametrize("text,start,end", [
    ("paź 2016 – lis 2021", "2016-10", "2021-11"),  # Polish abbreviation with a diacritic
    ("października 2016 - września 2019", "2016-10", "2019-09"),  # Polish genitive
    ("Mär 2019 – Jän 2020", "2019-03", "2020-01"),  # Austrian/German abbreviations
    ("févr. 2019 – déc. 2020", "2019-02", "2020-12"),
    ("março 2018 – set. 2019", "2018-03", "2019-09"),
])
def test_month_abbreviations_with_diacritics(text, start, end):
    from htdy.parsers.extract.dates import find_range

    r = find_range(text)
    assert r is not None and (r.start, r.end) == (start, end)


def _styled_header_docx(lines: list[list[tuple[str, bool]]], section: str = "Experience") -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Olga Smirnova", level=0)
    d.add_paragraph("olga.smirnova@example.com | +7 912 345 67 89")
    d.add_heading(section, level=1)
    for i, runs in enumerate(lines):
        p = d.add_paragraph()
        for text, bold in runs:
            p.add_run(text).bold = bold
        d.add_paragraph(f"Built and shipped {('the booking app', 'two mobile games', 'a CRM')[i % 3]} used by "
                        "thousands of customers every day; wrote the release tooling and mentored two juniors.",
                        style="List Bullet")
    return _save(d)


def test_bold_company_and_title_beside_plain_dates(env):
    """"**Company, Title** 2011 — 2012": the dates in another type do not set the fields
    apart, so the comma still separates employer and title."""
    data = _styled_header_docx([[("Nordlicht LLC, Android Engineer, Co-founder", True),
                                 ("\t2011-05-01 — 2012-06-01", False)],
                                [("Polar Apps, Mobile Developer", True), ("\t2009-01-01 — 2011-04-01", False)]])
    assert _work(_parse(env, data)) == [
        ("Nordlicht LLC", "Android Engineer, Co-founder", "2011-05", "2012-06"),
        ("Polar Apps", "Mobile Developer", "2009-01", "2011-04")]


def test_dash_inside_a_plain_employer_run(env):
    """"**Title**, Employer - Motto – City": in a line set apart by type, a dash splits only to
    set off a title or a place, also outside the bold run."""
    data = _styled_header_docx([[("Feb 2020 – Aug 2023 ", False), ("Team lead, Java & Angular", True),
                                 (", Kvadrat - The art of taming complexity – Sarajevo, Bosnia and Herzegovina", False)],
                                [("Jan 2017 – Jan 2020 ", False), ("Software developer", True),
                                 (", Ministry of Code – Mostar, Bosnia and Herzegovina", False)]])
    r = _parse(env, data)
    assert _work(r) == [("Kvadrat - The art of taming complexity", "Team lead, Java & Angular", "2020-02", "2023-08"),
                        ("Ministry of Code", "Software developer", "2017-01", "2020-01")]
    assert r["work"][0].get("location") == "Sarajevo, Bosnia and Herzegovina"



@pytest.mark.parametrize("text,title", [
    ("Nimbus Technologies", False),  # "technolog" (a Polish job word) is the stem of a company word
    ("HCL Technologies", False),
    ("Technolog żywności", True),
    ("Systems Engineer", True),
    ("Software Developer", True),
])
def test_company_word_is_no_job_title(text, title):
    from htdy.parsers.extract.header_pieces import title_like as _title

    assert _title(text) is title


def _grid_education_html() -> str:
    """Education as a 2-up grid: two entries side by side, each "School" / "dates" / "Degree - Field"."""
    css = ("@page{size:A4;margin:18mm} body{font-family:'DejaVu Sans';font-size:10pt} h1{font-size:22pt;margin:0} "
           "h2{font-size:14pt;margin:14pt 0 4pt 0} .grid{display:grid;grid-template-columns:1fr 1fr;column-gap:10mm} "
           ".s{font-weight:bold;font-size:12pt} p{margin:0}")
    cells = "".join(f"<div><p class=s>{s}</p><p>{d}</p><p>{g}</p></div>" for s, d, g in (
        ("Universidade de Vigo", "Sep 2008 - Jun 2014", "Grado - Ingeniería Informática"),
        ("Universidad de Oviedo", "Sep 2016 - Jun 2018", "Master - Ciencia de Datos")))
    body = ("<h1>Iago Fernández</h1><p>iago.fernandez@example.es | +34 612 345 678</p>"
            "<h2>Experience</h2><p><b>Galicia Datos SL</b> — Data Engineer, Jan 2019 - Present</p>"
            "<p>Built the data platform used by the regional health service.</p>"
            f"<h2>Education</h2><div class=grid>{cells}</div>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_education_entries_side_by_side(env, backend):
    import cvfixtures
    settings, regs, pm = env
    r = parse_document(cvfixtures.render_pdf(_grid_education_html()), "cv.pdf", settings, regs, pm,
                       parser_options={"backend": backend}).resume
    assert _edu(r) == [("Universidade de Vigo", "Grado", "Ingeniería Informática", None),
                       ("Universidad de Oviedo", "Master", "Ciencia de Datos", None)]
    assert [(e.get("startDate"), e.get("endDate")) for e in r["education"]] == [("2008-09", "2014-06"),
                                                                                ("2016-09", "2018-06")]


def test_title_with_comma_above_employer_with_dash(env):
    """Dates / "Title, Stack" / "Employer - Motto" / place stacked as plain paragraphs: the comma
    inside the title cuts off no employer when the employer has a line of its own, and the
    employer keeps its own dash."""
    import docx

    d = docx.Document()
    d.add_heading("Amra Hodžić", level=0)
    d.add_paragraph("amra.hodzic@example.ba | +387 61 234 567")
    d.add_heading("Work Experience", level=1)
    for dates, title, org, body in (
            ("Feb 2020 - Aug 2023", "Software developer / Team lead, Java & Angular", "Kvadrat - The art of taming complexity",
             "A software company taming complex systems with extreme programming."),
            ("Sept 2017 - Nov 2019", "Software developer, NodeJs & React", "Ministry of Code",
             "A startup factory, building startups from the ground up.")):
        d.add_paragraph(dates)
        d.add_paragraph(title)
        d.add_paragraph(org)
        d.add_paragraph(" Sarajevo, Bosnia and Herzegovina")
        d.add_paragraph(body)
    assert _work(_parse(env, _save(d))) == [
        ("Kvadrat - The art of taming complexity", "Software developer / Team lead, Java & Angular", "2020-02", "2023-08"),
        ("Ministry of Code", "Software developer, NodeJs & React", "2017-09", "2019-11")]


def test_school_line_beats_faculty_after_the_degree(env):
    """Dates / "Degree Faculty" / "University" paragraphs: the school named on a line of its own is
    the institution, the faculty named after the degree its field."""
    import docx

    d = docx.Document()
    d.add_heading("Pavel Orlov", level=0)
    d.add_paragraph("pavel.orlov@example.com | +7 912 345 67 89")
    d.add_heading("Education", level=1)
    d.add_paragraph("Sept 2006 - Jul 2012")
    d.add_paragraph("Specialist degree Physics and Astronomy Faculty")
    d.add_paragraph("Kazan Federal University")
    assert _edu(_parse(env, _save(d))) == [("Kazan Federal University", "Specialist degree",
                                            "Physics and Astronomy Faculty", None)]


def test_stacked_years_are_one_range(env):
    """Start and end years printed one above the other ("2009" / "2013") under the school."""
    import docx

    d = docx.Document()
    d.add_heading("Pavel Orlov", level=0)
    d.add_paragraph("pavel.orlov@example.com | +7 912 345 67 89")
    d.add_heading("Education", level=1)
    for school, deg, field, start, end in (("Kazan Federal University", "Bachelor", "Physics", "2009", "2013"),
                                           ("Lyceum No. 131", "Certificate", "Mathematics", "2005", "2009")):
        d.add_paragraph().add_run(school).bold = True
        d.add_paragraph(deg)
        d.add_paragraph(field)
        d.add_paragraph().add_run(start).bold = True
        d.add_paragraph().add_run(end).bold = True
    r = _parse(env, _save(d))
    assert [(e.get("institution"), e.get("startDate"), e.get("endDate")) for e in r["education"]] == [
        ("Kazan Federal University", "2009", "2013"), ("Lyceum No. 131", "2005", "2009")]


def test_degree_wrapped_after_and(env):
    """"Degree in Field at School" wrapped in a narrow sidebar after "and": the next line goes on
    with the field; the line led by "at" is the school."""
    import docx

    d = docx.Document()
    d.add_heading("Ondra Kral", level=0)
    d.add_paragraph("ondra.kral@example.cz | +420 601 234 567")
    d.add_heading("Education", level=1)
    for lines, dates in ((("Masters in Marketing and", "Management", "at Silesian University in Opava"), "Jan 2015 - Jan 2017"),
                         (("Bachelor in Software Development", "at Brno University of Technology"), "Jan 2010 - Jan 2011")):
        for t in lines:
            d.add_paragraph(t)
        d.add_paragraph(dates)
    assert _edu(_parse(env, _save(d))) == [
        ("Silesian University in Opava", "Masters", "Marketing and Management", None),
        ("Brno University of Technology", "Bachelor", "Software Development", None)]


def test_degree_line_ending_in_an_abbreviation(env):
    """A degree line in body type under "School   dates" that ends in an abbreviation's full stop
    ("BSc. - Chemical Eng.") is a degree line, not a sentence."""
    import docx

    d = docx.Document()
    d.add_heading("Noa Levi", level=0)
    d.add_paragraph("noa.levi@example.co.il | +972 52 123 4567")
    d.add_heading("Education", level=1)
    d.add_paragraph().add_run("Haifa Institute of Technology\t2015-10-12 — 2017-10-12").bold = True
    d.add_paragraph("BSc. - Chemical Eng.")
    assert _edu(_parse(env, _save(d))) == [("Haifa Institute of Technology", "BSc.", "Chemical Eng.", None)]


@pytest.mark.parametrize("text,start,end", [
    ("2019.09 2021.03", "2019-09", "2021-03"),  # the dash drawn by another font, read on a line of its own
    ("Jan 2019   Mar 2020", "2019-01", "2020-03"),
    ("03/2019 05/2020", "2019-03", "2020-05"),
    ("2021 2019", "2021", "2021"),  # a later date first is no range
])
def test_two_dates_with_only_a_space_between_are_a_range(text, start, end):
    from htdy.parsers.extract.dates import find_range

    r = find_range(text)
    assert r is not None and (r.start, r.end) == (start, end)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "pt", "it", "nl", "pl", "cs", "sv", "tr", "ru", "uk", "ar",
                                  "zh", "ja", "ko"])
def test_the_parser_reads_every_date_our_templates_print(lang):
    """htdy's templates print dates in the CV's language (Babel's forms: 'нояб. 2019 г.', 'лист.
    2019 р.', '2019年11月', 'Kas 2019'); the parser reads each of them back."""
    from htdy.parsers.extract.dates import find_range
    from htdy.renderers import i18n

    for fmt in ("month_year", "long"):
        for start, end in (("2019-11", "2021-03"), ("2018-02", None), ("2015-05", "2016-09"), ("2012-12", "2013-08"),
                           ("2010-06", "2011-07"), ("2009-01", "2009-04"), ("2008-10", "2009-12")):
            text = i18n.date_range(start, end, lang, fmt)
            r = find_range(text)
            assert r is not None and (r.start, r.end) == (start, end), (fmt, text)


def test_the_parser_knows_every_section_title_our_templates_print():
    """Each translated section title of htdy's templates (renderers/locales/labels.json) names its
    section for the parser, in every language the parser reads."""
    import json
    from pathlib import Path

    from htdy.parsers.extract.vocab import heading_key
    from htdy.renderers import i18n

    labels = json.loads(Path(i18n.LABELS_FILE).read_text(encoding="utf-8"))
    keys = ("work", "education", "skills", "languages", "projects", "volunteer", "awards", "certificates",
            "publications", "interests", "references", "summary")
    parser_langs = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "cs", "sv", "tr", "ru", "uk", "ar", "zh", "ja", "ko")
    wrong = [(lang, k, labels[lang][k], heading_key(labels[lang][k])) for lang in parser_langs if lang in labels
             for k in keys if k in labels[lang] and heading_key(labels[lang][k]) != k]
    assert wrong == []


def test_an_undated_entry_above_a_dated_one_is_an_entry_of_its_own():
    """'**Giurisprudenza (…)**' / 'Università Bocconi' / '**Laurea specialistica**' / 'Politecnico di
    Napoli   gennaio 2010 – gennaio 2012': the first, undated pair was read into the header of the
    dated one; the repeated styles make two entries."""
    from htdy.parsers.extract.fields import education_entry
    from htdy.parsers.extract.structure import split_entries
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, text: str, bold: bool, dates: str | None = None) -> Line:
        spans = [Span(text, 221, top, 221 + 5 * len(text), top + 10, "Lato", 10, bold)]
        if dates:
            spans.append(Span(dates, 440, top, 560, top + 10, "Lato", 10))
        return Line(spans=spans, cells=[0] + ([1] if dates else []))

    lines = [line(491, "Giurisprudenza (Laurea magistrale a ciclo unico)", True), line(506, "Università Bocconi", False),
             line(522, "Laurea specialistica", True),
             line(538, "Politecnico di Napoli, Napoli", False, "gennaio 2010 -- gennaio 2012"),
             line(548, "98/110", False)]
    got = [education_entry(e) for e in split_entries(lines)]
    assert [(g.get("institution"), g.get("startDate")) for g in got] == [
        ("Università Bocconi", None), ("Politecnico di Napoli", "2010-01")]
