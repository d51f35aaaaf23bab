"""One-line entries as Word users type them: the dates at the end in parentheses, even when they
say "since" ("(desde julho de 2021)"); a line that starts with its dates and ends with a legal
form's full stop ("… Merino S.A."); an undated degree line above a dated one."""
from __future__ import annotations

from htdy.parsers.base import TextParser


def _parse(text: str) -> dict:
    return TextParser(TextParser.Options()).parse(text.encode(), filename="cv.txt").resume


def test_dates_at_the_end_in_parentheses():
    resume = _parse("""Leonardo Vicente
leonardo@example.net

EXPERIÊNCIA
Professor de matemática, Marques, Aveiro (desde julho de 2021)
• Liderança de uma equipe de 6 pessoas
Professor de matemática, Monteiro e Filhos, Funchal (março de 2018 – maio de 2021)
• Organização de passeios escolares e reuniões de pais
""")
    assert [(w["name"], w["startDate"], w.get("endDate")) for w in resume["work"]] == [
        ("Marques", "2021-07", None), ("Monteiro e Filhos", "2018-03", "2021-05")]


def test_a_legal_forms_full_stop_ends_no_sentence():
    resume = _parse("""María Corbacho
maria@example.es

TRAYECTORIA PROFESIONAL
2021–presente   Técnica de recursos humanos, Anacleto Saura Merino S.A.
•Incorporación de 8 nuevos miembros al equipo
2016–2018   Técnica de recursos humanos, Grupo Trillo S.Coop.
•Dirección de un equipo de 6 personas
""")
    assert [w["name"] for w in resume["work"]] == ["Anacleto Saura Merino S.A.", "Grupo Trillo S.Coop."]


def test_an_undated_degree_above_a_dated_one():
    resume = _parse("""Anna Rossi
anna@example.it

TITOLI DI STUDIO
Giurisprudenza (Laurea magistrale a ciclo unico), Università Bocconi
Laurea specialistica, Politecnico di Napoli, Napoli (gennaio 2010 – gennaio 2012)
""")
    first, second = resume["education"]  # (two entries, not one)
    assert first["institution"].endswith("Università Bocconi") and "startDate" not in first
    assert second["institution"].endswith("Politecnico di Napoli") and second["startDate"] == "2010-01"


def test_a_grade_after_the_school_is_the_score():
    resume = _parse("""Jana Nováková
jana@example.cz

VZDĚLÁNÍ
Mgr. Marketing, Vysoké učení technické v Brně 1,5    2010 – 2012
""")
    e = resume["education"][0]
    assert (e["institution"], e.get("score")) == ("Vysoké učení technické v Brně", "1,5")
