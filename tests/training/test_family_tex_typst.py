"""latex and typst families: one template each renders example_view.json to a PDF with a text layer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from htdy.parsers.training.families import FAMILIES, latex, typst_cv

from .factory_helpers import VIEW, pdf_text


def test_registered() -> None:
    for mod in (latex, typst_cv):
        assert FAMILIES[mod.NAME] == mod.__name__
        ids = mod.templates()
        assert len(ids) == len(set(ids))
    assert len(latex.templates()) >= 10 and len(typst_cv.templates()) >= 6
    assert not latex.supports("no-such-template", "en") and not typst_cv.supports("jake", "en")


def test_latex_escaping() -> None:
    assert latex.esc("R&D 100% #1 a_b {x} ~ $5 ^ \\") == (
        r"R\&D 100\% \#1 a\hvus{}b \{x\} \textasciitilde{} \$5 \textasciicircum{} \textbackslash{}")
    assert latex.esc("[draft]").startswith("{[}")
    src, engine = latex.source(VIEW, "jake")
    assert engine == "pdflatex" and "Nordlicht Logistik GmbH" in src and "\\pdftrailerid{}" in src
    assert latex.source(VIEW, "jake") == (src, engine)  # deterministic


def test_typst_render(tmp_path: Path) -> None:
    pdf = typst_cv.render(VIEW, "sidebar", tmp_path / "t")
    text = pdf_text(pdf)
    assert pdf.suffix == ".pdf" and "Weißmüller" in text and "Nordlicht Logistik GmbH" in text


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex (texlive-latex-base)")
def test_latex_render(tmp_path: Path) -> None:
    view = VIEW if latex.supports("rules-lm", "de") else {**VIEW, "lang": "en"}  # babel-german missing
    template = next((t for t in ("rules-lm", "margin-dates", "jake") if latex.supports(t, view["lang"])), None)
    if template is None:
        pytest.skip("no LaTeX template has its packages here")
    pdf = latex.render(view, template, tmp_path / "l")
    text = pdf_text(pdf)
    assert "Johanna" in text and "Datenwerk AG" in text
