"""Entries whose bullets make up most of a section (a DOCX table row per job, then its list
items at the same indent): the bullets stay highlights, the plain date rows start entries."""
from __future__ import annotations

from htdy.parsers.extract.structure import split_entries
from htdy.parsers.layout.model import Line, Span


def _line(cells: list[str], top: float) -> Line:
    spans, ids, x = [], [], 0.0
    for c, text in enumerate(cells):
        w = len(text) * 5.0
        spans.append(Span(text, x, top, x + w, top + 10, size=10))
        ids.append(c)
        x += w + 40
    return Line(spans, page=0, cells=ids)


def test_many_bullets_under_plain_date_rows_are_highlights():
    rows, top = [], 0.0
    for k, (dates, title) in enumerate((("Depuis Janvier 2020", "Professeur, Delattre, Grenoble"),
                                        ("Avril 2018–Juin 2019", "Professeur, Voisin"),
                                        ("Mars 2014–Novembre 2017", "Enseignant, Lycée Hoche"))):
        rows.append(_line([dates, title], top))
        top += 12
        for i in range(6):
            rows.append(_line([f"•Tâche numéro {i} de l'emploi {k}"], top))
            top += 12
    entries = split_entries(rows, geometry=False)
    assert len(entries) == 3
    for e in entries:
        assert len(e.header) == 1 and "–" in e.header[0].text or "Depuis" in e.header[0].text
        assert len(e.body) == 6 and all(ln.text.startswith("•") for ln in e.body)


def test_a_section_typeset_as_a_list_still_splits_at_its_bulleted_dates():
    rows, top = [], 0.0
    for k in range(3):
        rows.append(_line([f"• Engineer at Firm {k}, 201{k} – 201{k + 1}"], top))
        top += 12
        rows.append(_line([f"• Built thing {k}"], top))
        top += 12
    assert len(split_entries(rows, geometry=False)) == 3


def test_entries_start_alike_by_their_first_run_weight():
    """'**Dias S/A**, Recife' then '**Novaes**' (all bold): both start entries above their
    'title | dates' lines; neither employer is left in the previous entry's body."""
    def ln(runs: list[tuple[str, bool]], top: float) -> Line:
        spans, x = [], 0.0
        for text, bold in runs:
            spans.append(Span(text, x, top, x + 5 * len(text), top + 11, size=11, bold=bold))
            x += 5 * len(text)
        return Line(spans, page=0, cells=[0] * len(spans))

    rows, top = [], 0.0
    for company in ([("Dias S/A", True), (", Recife, Brasil", False)], [("Novaes", True)],
                    [("Monteiro Ramos Ltda.", True)]):
        rows.append(ln(company, top))
        rows.append(ln([("Professora de matemática", False), (" | 08/2019 - 11/2022", False)], top + 12))
        rows.append(ln([("– Mentoria de colegas juniores", False)], top + 24))
        top += 40
    entries = split_entries(rows, geometry=False)
    assert [e.header[0].text for e in entries] == ["Dias S/A, Recife, Brasil", "Novaes", "Monteiro Ramos Ltda."]
    assert all(len(e.body) == 1 for e in entries)
