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
