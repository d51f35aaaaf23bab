from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import cvfixtures  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "cv-corpus"


@pytest.fixture(scope="session")
def docs() -> dict[str, bytes]:
    """Generated test documents (rendered once per session)."""
    out = {
        "en_single.pdf": cvfixtures.render_pdf(cvfixtures.single_column_html(dict(cvfixtures.CV_EN, filler=3))),
        "de_sidebar.pdf": cvfixtures.render_pdf(cvfixtures.sidebar_html(cvfixtures.CV_DE)),
        "fr_single.pdf": cvfixtures.render_pdf(cvfixtures.single_column_html(cvfixtures.CV_FR)),
        "es_sidebar.pdf": cvfixtures.render_pdf(cvfixtures.sidebar_html(cvfixtures.CV_ES)),
        "it_dates_left.pdf": cvfixtures.render_pdf(cvfixtures.dates_left_html(cvfixtures.CV_IT)),
        "pt_dates_left.pdf": cvfixtures.render_pdf(cvfixtures.dates_left_html(cvfixtures.CV_PT)),
        "en_dates_left.pdf": cvfixtures.render_pdf(cvfixtures.dates_left_html(cvfixtures.CV_EN)),
        "nl_single.pdf": cvfixtures.render_pdf(cvfixtures.single_column_html(cvfixtures.CV_NL)),
        "pl_sidebar.pdf": cvfixtures.render_pdf(cvfixtures.sidebar_html(cvfixtures.CV_PL)),
        "pl.docx": cvfixtures.build_docx(cvfixtures.CV_PL),
        "fr_date_first.pdf": cvfixtures.render_pdf(cvfixtures.date_first_html(cvfixtures.CV_FR)),
        "de_date_first.pdf": cvfixtures.render_pdf(cvfixtures.date_first_html(cvfixtures.CV_DE)),
        "en.docx": cvfixtures.build_docx(cvfixtures.CV_EN),
        "de.docx": cvfixtures.build_docx(cvfixtures.CV_DE),
    }
    return out


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "docs").is_dir():
        pytest.skip("../shared/cv-corpus is not available")
    return CORPUS
