"""Labels an entry sets over its list ("HIGHLIGHTS", "Key achievements:", "Wichtigste Erfolge") name
no field: JSON Resume themes print them under each job, and a label read as the employer cost the
whole entry."""
from __future__ import annotations

import pytest

from htdy.parsers.base import TextParser

CV = """Jane Roe
jane.roe@example.com | +44 20 7946 0000 | Leeds

{work}
Senior Accountant, Northwind Traders
2019-03 - Present
{label}
- Closed the books four days faster
- Trained 5 new colleagues

Accountant, Contoso Ltd
2015-01 - 2019-02
{label}
- Moved reporting to Power BI
"""


@pytest.mark.parametrize(("work", "label"), [("Experience", "HIGHLIGHTS"), ("Experience", "Key achievements:"),
                                             ("Berufserfahrung", "Wichtigste Erfolge")])
def test_a_label_over_the_list_is_no_field(work, label):
    res = TextParser(TextParser.Options()).parse(CV.format(work=work, label=label).encode(), filename="cv.txt").resume
    got = [(w.get("name"), w.get("position"), w.get("highlights")) for w in res["work"]]
    assert got == [("Northwind Traders", "Senior Accountant",
                    ["Closed the books four days faster", "Trained 5 new colleagues"]),
                   ("Contoso Ltd", "Accountant", ["Moved reporting to Power BI"])]


def test_an_entry_dated_since_is_an_entry_not_a_sentence():
    cv = """Inna Jacobi
inna@example.de

Berufserfahrung
seit Nov. 2020 Marketing Manager, Römer AG & Co. KG, Stuttgart, Deutschland
Betreuung von 9 Schlüsselkunden mit 710 Tsd. EUR Jahresumsatz.
Nov. 2018 bis Okt. 2020 Marketing Manager, Riehl Becker GmbH & Co. KG, Düsseldorf
"""
    res = TextParser(TextParser.Options()).parse(cv.encode(), filename="cv.txt").resume
    assert [(w.get("name"), w.get("startDate"), w.get("endDate")) for w in res["work"]] == [
        ("Römer AG & Co. KG", "2020-11", None), ("Riehl Becker GmbH & Co. KG", "2018-11", "2020-10")]


def test_an_undated_entry_split_between_its_neighbours_is_an_entry_of_its_own():
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.extract.undated import _straddling_undated
    from htdy.parsers.layout.model import Line, Span

    def ln(text, bold, y):
        return Line(spans=[Span(text, 40, y, 300, y + 12, "Sans", 16 if bold else 15, bold)], cells=[0])

    a = Entry(header=[ln("University of Atlanta Jan 2000 — Jan 2003", True, 0), ln("PhD - Physics", False, 14),
                      ln("Raleigh Community College", True, 28)])
    b = Entry(header=[ln("Master of Science - Nursing", False, 42),
                      ln("University of San Francisco Jan 1996 — Jan 1999", True, 56), ln("BA - Graphic Design", False, 70)])
    got = [[x.text for x in e.header] for e in _straddling_undated([a, b])]
    assert got == [["University of Atlanta Jan 2000 — Jan 2003", "PhD - Physics"],
                   ["Raleigh Community College", "Master of Science - Nursing"],
                   ["University of San Francisco Jan 1996 — Jan 1999", "BA - Graphic Design"]]
