"""Rows of a languages list that name no language: the Europass self-assessment grid's headers
("UNDERSTANDING SPEAKING WRITING", "Listening Reading Spoken interaction…", in the languages the
Europass form comes in) and its legend ("Levels: A1 and A2: Basic user - B1 and B2: …")."""
from __future__ import annotations

import re

from htdy.parsers.extract.vocab import fold

# the grid's column headings in the Europass form's languages (folded; words of the phrases)
_GRID = (
    "understanding speaking writing listening reading spoken interaction production",
    "verstehen sprechen schreiben horen lesen an gesprachen teilnehmen zusammenhangendes",
    "comprendre parler ecrire ecouter lire prendre part a une conversation s exprimer oralement en continu "
    "comprehension expression orale production interaction ecrite",
    "comprender hablar escribir comprension auditiva de lectura interaccion oral expresion escrita",
    "comprensione parlato scritto ascolto lettura interazione produzione orale",
    "compreender falar escrever compreensao oral leitura interacao producao",
    "begrijpen spreken schrijven luisteren lezen gesprekken voeren formuleren",
    "rozumienie mowienie pisanie sluchanie czytanie porozumiewanie sie samodzielne wypowiadanie",
    "forsta tala skriva horforstaelse lasforstaelse muntlig interaktion produktion",
    "porozumeni mluveni psani poslech cteni ustni interakce samostatny projev",
    "anlama konusma yazma dinleme okuma karsilikli sozlu anlatim",
)
GRID_WORDS = frozenset(w for line in _GRID for w in line.split())
_CEFR = re.compile(r"\b[ABC][12]\b")
_FRAMEWORK = re.compile(r"(?i)common european framework|\bCEFR\b|\bGER\b|\bCECR?L?\b|\bQCER\b|\bERK\b")


def grid_header(text: str) -> bool:
    """Every word a heading of the self-assessment grid."""
    words = re.findall(r"[^\W\d_]+", fold(text))
    return len(words) >= 2 and all(w in GRID_WORDS for w in words)


def cefr_legend(text: str) -> bool:
    """The levels' legend or the framework's name, not a language's row."""
    return len(set(_CEFR.findall(text))) >= 3 or bool(_FRAMEWORK.search(text))
