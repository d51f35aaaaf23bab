"""Europass-style label rows in a Word table: the Italian "Posizione" labels the position, and a
sentence under the employer row is a description, not the rest of the employer's name."""
from __future__ import annotations

import io

from htdy.parsers.base import DocxParser


def _docx() -> bytes:
    import docx
    d = docx.Document()
    d.add_paragraph("Giulia Moretti")
    d.add_paragraph("giulia.moretti@example.it")
    d.add_heading("Esperienza professionale", level=1)
    for dates, firm, what in (("mar 2019 – Oggi", "Infantino Group, Palermo", "Affiancamento dei nuovi colleghi."),
                              ("nov 2007 – feb 2010", "Benussi-Finetti SPA, Bologna", "Redazione dei bilanci mensili.")):
        t = d.add_table(rows=3, cols=2)
        for r, (label, value) in enumerate((("Date", dates), ("Posizione", "Impiegato amministrativo"),
                                            ("Datore di lavoro", firm))):
            t.cell(r, 0).text, t.cell(r, 1).text = label, value
        d.add_paragraph(what)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_posizione_and_a_sentence_under_the_employer():
    work = DocxParser(DocxParser.Options()).parse(_docx(), filename="cv.docx").resume["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Impiegato amministrativo", "Infantino Group"), ("Impiegato amministrativo", "Benussi-Finetti SPA")]


def _lines(rows: list[str | tuple[str, str]], top: float = 100.0) -> list:
    from htdy.parsers.layout.model import Line, Span

    out = []
    for k, row in enumerate(rows):
        y = top + 13 * k
        if isinstance(row, tuple):  # a label cell and its value
            spans = [Span(row[0], 144, y, 190, y + 9, "", 9.0), Span(" " + row[1], 198, y, 400, y + 9, "", 9.5)]
            out.append(Line(spans=spans, cells=[0, 1]))
        else:
            x = 158 if len(row) < 12 else 198
            out.append(Line(spans=[Span(row, x, y, x + 5 * len(row), y + 9, "", 9.5)], cells=[0]))
    return out


def test_labels_read_as_lines_of_their_own():
    """A label column read apart from its values ('Fechas' / '11/2015 – 7/2020' / 'Titulación' /
    'Grado'): each label names the line under it; a long line under the employer row starts the
    description instead of running on the employer's name."""
    from htdy.parsers.extract.fields import education_entry, work_entry
    from htdy.parsers.extract.structure import Entry

    work = _lines(["Fechas", "11/2015 – 7/2020", "Puesto", "Ingeniera de software",
                   ("Empleador", "Abad y Saldaña S.L.N.E, Granada"),
                   "Migración de los informes de .NET a BigQuery, lo que redujo el tiempo de",
                   "proceso mensual en un 36 % y eliminó 3 pasos manuales."])
    w = work_entry(Entry(header=work[:2], body=work[2:]))
    assert (w["name"], w["position"], w["startDate"], w["endDate"]) == (
        "Abad y Saldaña S.L.N.E", "Ingeniera de software", "2015-11", "2020-07")
    assert w["summary"].startswith("Migración de los informes")
    edu = _lines(["Fechas", "9/2007 – 9/2010", "Titulación", "Grado", "Centro", "Universidad Carlos III de Madrid"])
    e = education_entry(Entry(header=edu[:2], body=edu[2:]))
    assert (e["institution"], e["studyType"], e["startDate"]) == ("Universidad Carlos III de Madrid", "Grado", "2007-09")
