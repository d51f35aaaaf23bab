"""The ``font_size`` and ``margins`` options in the Typst variants (the HTML/WeasyPrint side
is checked through the API in tests/api/test_editor_api.py). Here, not under tests/api, so
the in-process Typst compilers do not count towards the parser fuzz test's memory peak."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("engine_template", ["classic", "modern", "compact"])
def test_typst_follows_font_size_and_margins(engine_template):
    """The Typst variant reads the same two options (text and margins scale)."""
    from htdy.renderers.builtin import htdy_register_templates
    from htdy.renderers.typst_engine import TypstRenderer, typst_data

    tpl = next(t for t in htdy_register_templates() if t.id == engine_template)
    data = typst_data({"basics": {"name": "Ada"}}, tpl, {"font_size": "large", "margins": "narrow"})
    assert data["opts"]["font_scale"] == 1.1 and data["opts"]["margin_scale"] == 0.65
    r = TypstRenderer(TypstRenderer.Options())
    long = {"basics": {"name": "Ada", "summary": " ".join(["analytical engine notes"] * 400)}}
    import pypdfium2

    def words_on_page_1(opts: dict[str, str]) -> int:
        pdf = pypdfium2.PdfDocument(r.render(long, template=tpl, fmt="pdf", options=opts).content)
        return len(pdf[0].get_textpage().get_text_range().split())

    assert words_on_page_1({"font_size": "small", "margins": "narrow"}) > 1.3 * words_on_page_1(
        {"font_size": "large", "margins": "wide"})
