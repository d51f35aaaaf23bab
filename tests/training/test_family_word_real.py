"""word-real / word-real-pdf: every template renders example_view.json into the markup it exists
to carry (content controls, fields, w:sym, revisions, text box with its VML twin, section
columns), and the parser reads the name and the employers back, each once."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from htdy.parsers.layout import extract_layout
from htdy.parsers.training.families import FAMILIES, word_real, word_real_pdf

VIEW = json.loads((Path(__file__).parents[2] / "parsers" / "training" / "example_view.json").read_text("utf-8"))
NAME, COMPANY = "Johanna Weißmüller", "Nordlicht Logistik GmbH"
MARKUP = {"sdt-chrono": ("<w:sdt>", "w15:repeatingSection", 'w:styleId="Achievement"', 'w:fldCharType="begin"'),
          "sidebar-table": ('w:font="Wingdings"', "<w:tbl><w:tblPr>", "w15:repeatingSectionItem"),
          "textbox-fields": ("<w:noBreakHyphen/>", "<w:br/>", "mc:Fallback", "HYPERLINK", "<w:fldSimple",
                             '<w:tab w:val="right"'),
          "tracked-cols": ("<w:del ", "<w:ins ", "<w:smartTag", "<w:customXml", 'w:num="2"'),
          "gdocs-export": ("_gjdgxs", "<w:hyperlink", "<w:numPr>"),
          "pipe-titles": (" | ", '<w:spacing w:val="30"/>', "    ")}


def test_registry() -> None:
    for mod in (word_real, word_real_pdf):
        assert FAMILIES[mod.NAME] == mod.__name__
    assert word_real.templates() == word_real_pdf.templates() == list(MARKUP)


@pytest.mark.parametrize("template", list(MARKUP))
def test_docx_carries_the_markup_and_reads_back(template: str, tmp_path: Path) -> None:
    out = word_real.render(VIEW, template, tmp_path / "cv")
    with zipfile.ZipFile(out) as z:
        xml = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    for needle in MARKUP[template]:
        assert needle in xml, needle
    texts = [ln.text for ln in extract_layout(out.read_bytes(), "docx").lines()]
    assert sum(NAME in t for t in texts) == 1
    assert any(COMPANY in t for t in texts)
    assert not any("HYPERLINK" in t or "PAGE" in t for t in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_pdf_export(tmp_path: Path) -> None:
    for template in ("textbox-fields", "pipe-titles"):
        out = word_real_pdf.render(VIEW, template, tmp_path / template)
        texts = [ln.text for ln in extract_layout(out.read_bytes(), "pdf").lines()]
        assert any(NAME in t for t in texts) and any(COMPANY in t for t in texts)
