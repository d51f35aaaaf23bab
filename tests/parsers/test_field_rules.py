"""Field rules that hold across layouts, each exercised by a CV written for it (WeasyPrint
PDF or python-docx), in a layout and language of its own: degree and field run together or
joined by a preposition, degree abbreviations, degree lines set in body type, text cells
wrapped beside a date column, position/company choice, glued durations, open start dates."""
from __future__ import annotations

from typing import Any

import cvfixtures
import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document

BACKENDS = ["pdfium", "pdfminer"]


@pytest.fixture(scope="module")
def env():
    pm = get_plugin_manager(load_entrypoints=False)
    return settings_from_dict({}, environ={}), build_registries(pm), pm


def _parse(env, data: bytes, name: str, backend: str = "pdfium") -> dict[str, Any]:
    settings, regs, pm = env
    opts = {"backend": backend} if name.endswith(".pdf") else None
    return parse_document(data, name, settings, regs, pm, parser_options=opts).resume


def _edu(resume: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [(e["institution"], e.get("studyType"), e.get("area")) for e in resume.get("education", [])]


# ------------------------------------------------------------------ education
# A French CV: institution in bold with dates on the right, then degree and field printed
# one after the other in the same light type ("{studyType} {area}").
FR_RUN_TOGETHER = [
    ("Université de Rennes 1", "2001 – 2002", "DESS", "Réseaux"),
    ("Centre de formation Alpha", "2019", "Cours intensif Kubernetes et Helm", "Kubernetes"),
    ("École des Ponts ParisTech", "2003 – 2004", "Mastère spécialisé Génie logiciel", "Génie logiciel"),
    ("Organisme Beta", "2021", "Certificat d'université", "conception de services web sur plateformes cloud"),
]


def _run_together_html(entries: list[tuple[str, str, str, str]]) -> str:
    css = ("@page{size:A4;margin:16mm} body{font-family:'DejaVu Sans';font-size:10pt} h1{font-size:22pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:12pt 0 4pt 0} .row{display:flex;justify-content:space-between} "
           ".row b{font-size:12pt} .d{font-style:italic} p{margin:1pt 0 6pt 0}")
    parts = ["<h1>Claire Dubois</h1><p>claire.dubois@example.fr · +33 6 98 76 54 32 · Rennes, France</p>",
             "<h2>Expérience professionnelle</h2>",
             "<div class='row'><b>Ouest Logiciel SAS</b><span class='d'>2005 – 2020</span></div>"
             "<p>Architecte logiciel</p>",
             "<h2>Formation</h2>"]
    for inst, dates, study, area in entries:
        sep = " : " if study.startswith("Certificat") else " "
        parts.append(f"<div class='row'><b>{inst}</b><span class='d'>{dates}</span></div>"
                     f"<p><span>{study}</span>{sep}<span>{area}</span></p>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


@pytest.mark.parametrize("backend", BACKENDS)
def test_degree_and_field_run_together(env, backend):
    """Capitalised abbreviations (DESS) start a degree; a field that repeats the degree's
    own words is split off the end; a degree line too long for a title line (set in body
    type under the institution) still names the degree."""
    r = _parse(env, cvfixtures.render_pdf(_run_together_html(FR_RUN_TOGETHER)), "fr.pdf", backend)
    assert _edu(r) == [(i, s, a) for i, _, s, a in FR_RUN_TOGETHER]


# A Portuguese CV typeset like a LaTeX tabular: "Institution, {studyType} in {area}" in a
# fixed-width column that wraps beside a narrow date column.
PT_TABULAR = [
    ("Universidade do Minho", "Especialização em Engenharia de Software para Sistemas Distribuídos",
     "Arquitetura de Software", "2015 – 2016"),
    ("Universidade de Aveiro", "Licenciatura", "Matemática Aplicada", "2010 – 2013"),
]


def _tabular_html(entries: list[tuple[str, str, str, str]]) -> str:
    css = ("@page{size:A4;margin:15mm} body{font-family:'DejaVu Serif';font-size:10pt} h1{font-size:20pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:10pt 0 3pt 0} table{border-collapse:collapse;width:100%} "
           "td{vertical-align:top;padding:0 0 4pt 0} td.t{width:138mm} td.d{width:28mm;text-align:right}")
    rows = ["<h1>Rui Fernandes</h1><p>rui.fernandes@example.pt | +351 912 345 678 | Braga, Portugal</p>",
            "<h2>Experiência Profissional</h2><table><tr><td class='t'><b>Minho Digital Lda</b>, Engenheiro de "
            "Software</td><td class='d'>2016 – 2023</td></tr></table><h2>Formação</h2><table>"]
    for inst, study, area, dates in entries:
        rows.append(f"<tr><td class='t'><b>{inst}</b>, {study} in {area}</td><td class='d'>{dates}</td></tr>")
    rows.append("</table>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(rows)}</body></html>"


@pytest.mark.parametrize("backend", BACKENDS)
def test_degree_in_field_wrapped_beside_dates(env, backend):
    """"{studyType} in {area}" where the degree itself contains "em": the English joiner
    separates them; the field's last word, wrapped under the text column, is kept."""
    r = _parse(env, cvfixtures.render_pdf(_tabular_html(PT_TABULAR)), "pt.pdf", backend)
    assert _edu(r) == [(i, s, a) for i, s, a, _ in PT_TABULAR]


# ------------------------------------------------------------------ work entries
# A Brazilian CV laid out like a two-column table: "Company, Title   Place" over
# "What the company does   Dates"; one title line runs long, its place hyphenated into
# the line below, so that entry's dates drop to a third line.
PT_CLASSIC = [
    ("Rio Claro Pagamentos S.A.", "Engenheira de software", "São Paulo, Brasil",
     "Pagamentos instantâneos para o varejo brasileiro", "mar. 2022 – atual", "2022-03", None),
    ("Serra Azul Tecnologia Ltda", "Líder técnica de plataforma, Integrações e Faturamento Global e Fiscal",
     "Florianópolis, Santa Cata&shy;rina", "Software de gestão para cooperativas agrícolas do sul do país",
     "jan. 2018 – fev. 2022", "2018-01", "2022-02"),
    ("Vale Verde Dados", "Analista de dados", "Curitiba, Paraná", "Painéis de produção para a indústria de papel",
     "jun. 2015 – dez. 2017", "2015-06", "2017-12"),
]


def _classic_html(entries: list[tuple[Any, ...]]) -> str:
    css = ("@page{size:A4;margin:10mm} body{font-family:'DejaVu Sans';font-size:8pt} h1{font-size:18pt;margin:0} "
           "h2{font-size:11pt;font-weight:bold;margin:10pt 0 3pt 0} table{width:100%;border-collapse:collapse} "
           "td{padding:0;vertical-align:top} td.l{white-space:nowrap} td.r{text-align:right;width:36mm;hyphens:manual} "
           "ul{margin:1pt 0 5pt 12pt;padding:0}")
    parts = ["<h1>Beatriz Almeida</h1><p>beatriz.almeida@example.com.br | +55 11 91234 5678</p><h2>Experiência</h2>"]
    for name, pos, loc, desc, dates, *_ in entries:
        if "&shy;" in loc:  # the place wraps beside the description: the dates go one line down
            rows = (f"<tr><td class=l><b>{name}</b>, {pos}</td><td class=r rowspan=2>{loc}</td></tr>"
                    f"<tr><td class=l>{desc}</td></tr><tr><td></td><td class=r>{dates}</td></tr>")
        else:
            rows = (f"<tr><td class=l><b>{name}</b>, {pos}</td><td class=r>{loc}</td></tr>"
                    f"<tr><td class=l>{desc}</td><td class=r>{dates}</td></tr>")
        parts.append(f"<table>{rows}</table><ul><li>Resultado medido em produção com painéis de custo, latência e "
                     "disponibilidade publicados semanalmente para toda a empresa e os clientes</li></ul>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


@pytest.mark.parametrize("backend", BACKENDS)
def test_long_title_line_with_place_and_wrapped_place(env, backend):
    """A title line longer than a sentence once its right-hand place is counted still heads its
    entry (entries start like the first one); the place hyphenated into the next line is
    joined; the bold run is the employer, not the plain line naming "Software"."""
    r = _parse(env, cvfixtures.render_pdf(_classic_html(PT_CLASSIC)), "pt.pdf", backend)
    assert [(w["name"], w["position"], w.get("location"), w["startDate"], w.get("endDate")) for w in r["work"]] == \
        [(n, p, loc.replace("&shy;", ""), s, e) for n, p, loc, _, _, s, e in PT_CLASSIC]


# A German CV where each entry stacks: employer (bold, larger) + dates, a line about the
# employer, the job title, a summary, all in the same light type.
DE_STACKED = [
    ("Nordlicht Software GmbH", "03/2021 - heute", "Entwickler für Zahlungssysteme", "Senior Entwickler",
     "Plattform für Kartenzahlungen im Einzelhandel.", "2021-03", None),
    ("Rhein - Main Consulting", "01/2018 - 02/2021", "Beratungshaus mit vierzig Entwicklern und Architekten für Banken",
     "Teamleiter Backend, Java & Kotlin", "Modernisierung von Kernbankensystemen.", "2018-01", "2021-02"),
    ("Stadtwerke Bonn", "10/2016 - 12/2017", "Versorger der Stadtwerke-Gruppe", "Werkstudent IT",
     "Pflege interner Werkzeuge.", "2016-10", "2017-12"),
]


def _stacked_html(entries: list[tuple[Any, ...]]) -> str:
    css = ("@page{size:A4;margin:14mm} body{font-family:'DejaVu Sans';font-size:9pt} h1{font-size:20pt;margin:0} "
           "h2{font-size:13pt;font-weight:bold;margin:10pt 0 3pt 0} .row{display:flex;justify-content:space-between} "
           ".row b{font-size:12pt} .d{font-style:italic} p{margin:1pt 0} .s{font-size:8.5pt} .e{margin-bottom:7pt}")
    parts = ["<h1>Jana Richter</h1><p>jana.richter@example.de · +49 170 1234567 · Bonn</p><h2>Berufserfahrung</h2>"]
    for name, dates, about, pos, summary, *_ in entries:
        parts.append(f"<div class=e><div class=row><b>{name}</b><span class=d>{dates}</span></div>"
                     f"<p>{about}</p><p>{pos}</p><p class=s>{summary}</p></div>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


@pytest.mark.parametrize("backend", BACKENDS)
def test_stacked_employer_about_title(env, backend):
    """Two lines name a job: the title is the one in the slot the other entries use; the
    employer is the heavy heading (a dash inside it, a "Gruppe" in the line below do not
    matter); a comma inside the title ("Teamleiter Backend, Java & Kotlin") is no employer."""
    r = _parse(env, cvfixtures.render_pdf(_stacked_html(DE_STACKED)), "de.pdf", backend)
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in r["work"]] == \
        [(n, p, s, e) for n, _, _, p, _, s, e in DE_STACKED]


# ------------------------------------------------------------------ dates and basics (DOCX)
def _nl_docx(place: str) -> bytes:
    """Dutch Word CV: a job title (with a comma) below the contact line, then the place; a
    duration run glued to the end date ("mei 2023" + "2 jaar 3 maanden"); a range whose
    start was left empty ("• - sep 2020")."""
    import io

    import docx

    d = docx.Document()
    d.add_heading("Lotte de Vries", level=0)
    d.add_paragraph("lotte.devries@example.nl | +31 6 12345678")
    d.add_paragraph("Data Engineer, Klantplatform")
    d.add_paragraph(place)
    d.add_heading("Werkervaring", level=1)
    p = d.add_paragraph()
    p.add_run("Data Engineer").bold = True
    p.add_run(", Bolt Logistiek B.V.")
    p = d.add_paragraph()
    p.add_run("feb 2021 - mei 2023")
    p.add_run("2 jaar 3 maanden")
    d.add_paragraph("Datapijplijnen voor de planning van vrachtwagens.")
    p = d.add_paragraph()
    p.add_run("Stagiair").bold = True
    p.add_run(", Universiteit Utrecht")
    d.add_paragraph(" - sep 2020", style="List Bullet")
    d.add_paragraph("Onderzoek naar routeoptimalisatie.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_glued_duration_and_open_start(env):
    r = _parse(env, _nl_docx("Utrecht, Nederland"), "nl.docx")
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in r["work"]] == [
        ("Bolt Logistiek B.V.", "Data Engineer", "2021-02", "2023-05"),
        ("Universiteit Utrecht", "Stagiair", None, "2020-09"),
    ]


def test_job_title_and_state_are_not_a_city(env):
    """"Data Engineer, Klantplatform" reads like "City, Region" but names a job; "Vermont, US"
    names a state and a country, no city."""
    assert _parse(env, _nl_docx("Utrecht, Nederland"), "nl.docx")["basics"]["location"] == {
        "city": "Utrecht", "region": "Nederland"}
    assert _parse(env, _nl_docx("Vermont, US"), "us.docx")["basics"]["location"] == {
        "region": "Vermont", "countryCode": "US"}


def test_marks_in_another_type_set_no_field_apart():
    """A CJK line whose parentheses come from a bold Latin fallback font ('(주) 원더자동차'): runs of
    marks alone do not split the employer's legal form from its name."""
    from htdy.parsers.extract.header_pieces import pieces
    from htdy.parsers.layout.model import Line, Span

    runs = [("(", True), ("주", False), (")", True), (" 원더자동차", False)]
    spans, x = [], 40.0
    for text, bold in runs:
        spans.append(Span(text=text, x0=x, top=257, x1=x + 9 * len(text), bottom=270, size=13, bold=bold))
        x += 9 * len(text)
    date = Span(text="2014. 02. – 2017. 03.", x0=440, top=257, x1=555, bottom=269, size=12)
    ps, dates = pieces([Line(spans=[*spans, date], cells=[0, 0, 0, 0, 1])])
    assert [p["text"] for p in ps] == ["(주) 원더자동차"]
    assert (dates["start"], dates["end"]) == ("2014-02", "2017-03")


def _styled(top: float, *runs: tuple[str, float, float, bool, bool]):
    from htdy.parsers.layout.model import Line, Span

    spans = [Span(t, x0, top, x1, top + 12, "Liberation-Serif", 14.7 if not it else 13.6, b, it) for t, x0, x1, b, it in runs]
    return Line(spans=spans, cells=[0] * len(spans))


def test_employer_wrapped_under_the_line_after_its_joiner_or_legal_form():
    """A title + employer line with its dates close beside it, the employer wrapped to the line's
    margin ('…, Sgalambro, Crespi e' / 'Gori e figli'; 'Manolesso-Albertini' / 's.r.l.')."""
    from htdy.parsers.extract.fields import work_entry
    from htdy.parsers.extract.structure import Entry

    first = _styled(373, ("Product Manager", 40, 123, True, False), (", Sgalambro, Crespi e", 123, 218, False, False),
                    (" Febbraio 2014 -- Novembre 2015", 227, 365, False, True))
    w = work_entry(Entry(header=[first, _styled(389, ("Gori e figli", 40, 89, False, False))], body=[]))
    assert (w["position"], w["name"], w["startDate"]) == ("Product Manager", "Sgalambro, Crespi e Gori e figli", "2014-02")
    first = _styled(693, ("Product Manager", 40, 123, True, False), (", Manolesso-Albertini", 123, 219, False, False),
                    (" Luglio 2007 -- Settembre 2009", 240, 365, False, True))
    body = [_styled(710, ("s.r.l.", 40, 58, False, False)),
            _styled(726, ("Affiancamento dei nuovi colleghi. Gestione di un team di 8 persone.", 40, 400, False, False))]
    w = work_entry(Entry(header=[first], body=body))
    assert w["name"] == "Manolesso-Albertini s.r.l." and w["summary"].startswith("Affiancamento")


def test_cjk_fields_with_a_template_full_stop_and_ideographic_commas():
    """moderncv ends each field with a full stop ('坂本保険株式会社.'); a grade after the school
    ('慶應義塾大学, GPA 3.5.') is the score; '、' separates skills like a comma."""
    from htdy.parsers.base import TextParser

    cv = ("田中 陽一\nasuka@example.jp\n\n職歴\n2014 - 2019  マーケティング担当, 坂本保険株式会社.\n\n"
          "学歴\n2000 - 2004  工学学士, 慶應義塾大学, GPA 3.5.\n\nスキル\nツール: SAP、Jira、Slack\n").encode()
    res = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume
    assert res["work"][0]["name"] == "坂本保険株式会社"
    ed = res["education"][0]
    assert ed["score"] == "3.5" and ed["institution"].endswith("慶應義塾大学")
    assert res["skills"] == [{"name": "ツール", "keywords": ["SAP", "Jira", "Slack"]}]


def test_header_lines_wrapped_inside_a_field_or_a_date():
    """Word wraps a full line inside the school's name ('…, Новосибирский' / 'государственный
    университет', the dates on the second line) and after a date's first month ('…Васильев» февр.'
    / '2012 -- февр. 2016'); a grade on the next line ('dobry plus') is no part of the school."""
    from htdy.parsers.extract.fields import education_entry, work_entry
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, *runs: tuple[str, float, float, bool], cells: list[int] | None = None) -> Line:
        spans = [Span(t, x0, top, x1, top + 10, "Carlito", 10, b) for t, x0, x1, b in runs]
        return Line(spans=spans, cells=cells or [0] * len(spans))

    first = line(551, ("Электроэнергетика (Специалист)", 49, 233, True), (", Новосибирский", 234, 317, False))
    second = line(564, ("государственный университет", 49, 204, False), ("май 2007 -- май 2010", 276, 381, False),
                  cells=[0, 1])
    ed = education_entry(Entry(header=[first, second], body=[], right=381))
    assert (ed["institution"], ed["studyType"], ed["area"], ed["startDate"]) == (
        "Новосибирский государственный университет", "Специалист", "Электроэнергетика", "2007-05")
    grade = line(564, ("dobry plus", 49, 100, False), ("2018 – 2019", 330, 381, False), cells=[0, 1])
    ed = education_entry(Entry(header=[line(551, ("mgr Mechanika, Politechnika Gdańska", 49, 330, False)), grade],
                               body=[], right=381))
    assert ed["institution"] == "Politechnika Gdańska"
    w = work_entry(Entry(header=[line(239, ("Аналитик данных", 49, 130, True),
                                      (", ООО «Ширяева, Кудряшов и Васильев»февр.", 131, 370, False)),
                                 line(251, ("2012 -- февр. 2016", 49, 140, False))], body=[], right=381))
    assert (w["name"], w["startDate"], w["endDate"]) == ("ООО «Ширяева, Кудряшов и Васильев»", "2012-02", "2016-02")


def test_employer_and_place_set_apart_by_an_ideographic_comma():
    """'鈴木通信合同会社、日本 福岡': the Japanese comma separates the employer from its place like ','
    does; '中上級' in parentheses is a level, not a skill."""
    from htdy.parsers.base import TextParser

    cv = ("田中 陽一\nasuka@example.jp\n\n職歴\n2018年12月 ~ 2022年10月  フロントエンドエンジニア\n鈴木通信合同会社、日本 福岡\n\n"
          "スキル\n▪ dbt (中上級) ▪ PHP (上級)\n").encode()
    res = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume
    w = res["work"][0]
    assert (w["name"], w.get("location")) == ("鈴木通信合同会社", "日本 福岡")
    assert [k for g in res["skills"] for k in g["keywords"]] == ["dbt", "PHP"]


def test_school_below_a_degree_line_whose_rest_is_the_field():
    """'**Master 2 – Économie**' / 'École d'ingénieurs de Toulouse': the rest of the degree line is
    the field, the school is the line below (it was taken for the school: institution 'Économie')."""
    from htdy.parsers.extract.fields import education_entry
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.layout.model import Line, Span

    head = Line(spans=[Span("Master 2 – Économie", 51, 482, 200, 495, "Lato", 13, True)], cells=[0])
    school = Line(spans=[Span("École d'ingénieurs de Toulouse", 51, 496, 250, 509, "Lato", 13, False)], cells=[0])
    ed = education_entry(Entry(header=[head], body=[school]))
    assert (ed["institution"], ed["studyType"], ed["area"]) == ("École d'ingénieurs de Toulouse", "Master 2", "Économie")
