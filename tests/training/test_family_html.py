"""html-designer family: one template per engine renders example_view.json to a PDF with a text layer."""
from __future__ import annotations

from pathlib import Path

import pytest

from htdy.parsers.training.families import FAMILIES
from htdy.parsers.training.families import html_designer as hd

from .factory_helpers import VIEW, pdf_text


def test_grid() -> None:
    ids = hd.templates()
    assert FAMILIES[hd.NAME] == hd.__name__
    assert len(ids) >= 24 and len(set(ids)) == len(ids)
    assert {t.rsplit("-", 1)[1] for t in ids} == {"wp", "cr"}
    assert hd.html(VIEW, ids[0]) == hd.html(VIEW, ids[0])  # deterministic
    assert sum(hd.supports(t, "ar") for t in ids if t.endswith("-wp")) >= 3
    assert all(hd.supports(t, "ja") for t in ids if t.endswith("-wp"))


@pytest.mark.parametrize("template", [
    "sidebar-left-caps-wp",
    pytest.param("band-right-bar-cr", marks=pytest.mark.skipif(
        not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")),
])
def test_render(template: str, tmp_path: Path) -> None:
    pdf = hd.render(VIEW, template, tmp_path / template)
    assert pdf.suffix == ".pdf" and pdf.exists()
    text = pdf_text(pdf)
    assert "Weißmüller" in text or "WEISSMÜLLER" in text
    assert "Nordlicht Logistik GmbH" in text
