"""html-canvas family: designer-tool layouts (shuffled layers, word objects, outlined names) and the
Japanese 履歴書 form, printed by Chromium."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from htdy.parsers.training.families import FAMILIES
from htdy.parsers.training.families import html_canvas as hc
from htdy.parsers.training.families.designer import canva

from .factory_helpers import VIEW, pdf_text

CHROMIUM = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")


def test_templates() -> None:
    ids = hc.templates()
    assert FAMILIES[hc.NAME] == hc.__name__
    assert len(set(ids)) == len(ids) >= 10
    assert hc.html(VIEW, "three-col-a") == hc.html(VIEW, "three-col-a")  # deterministic
    forms = [t for t in ids if t.startswith("rirekisho")]
    assert forms and all(not hc.supports(t, "de") for t in forms)
    assert all(not hc.supports(t, "ar") for t in ids)


def test_word_objects_and_layers() -> None:
    """Variant b sets every word apart (no space between them); both shuffle the layers' z order."""
    a, b = hc.html(VIEW, "timeline-a"), hc.html(VIEW, "timeline-b")
    assert '<span class="w">' in b and '<span class="w">' not in a
    zs = [int(z) for z in re.findall(r"z-index:(\d+)", a)]
    assert len(zs) > 10 and zs != sorted(zs)
    assert canva.canvas("side-heads-b").outline_name and not canva.canvas("side-heads-a").outline_name


@CHROMIUM
def test_outlined_name_is_not_in_the_text_layer(tmp_path: Path) -> None:
    text = pdf_text(hc.render(VIEW, "photo-header-b", tmp_path / "cv"))
    family = VIEW["name"].split()[-1]
    assert family not in text and family.upper() not in text
    assert "Nordlicht Logistik GmbH" in text


@CHROMIUM
def test_rirekisho_rows(tmp_path: Path) -> None:
    from htdy.parsers.training.people import make_person

    view = make_person(7009, "ja").view
    text = pdf_text(hc.render(view, "rirekisho-a", tmp_path / "rk"))
    assert "履" in text and "学歴・職歴" in text and "以上" in text
    company = view["work"][-1]["company"]  # the oldest job comes first, with its 入社 row
    assert re.search(re.escape(company) + r"\s*入社", text)
