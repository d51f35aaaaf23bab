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
