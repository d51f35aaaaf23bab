"""End to end: generated CVs in several layouts and languages, through the registered
parsers and the pipeline, with both PDF backends."""
from __future__ import annotations

import cvfixtures
import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.schema import validate_resume
from htdy.core.services.parsing.pipeline import parse_document


@pytest.fixture(scope="module")
def env():
    pm = get_plugin_manager(load_entrypoints=False)
    return settings_from_dict({}, environ={}), build_registries(pm), pm


CASES = [
    ("en_single.pdf", cvfixtures.CV_EN), ("de_sidebar.pdf", cvfixtures.CV_DE),
    ("fr_single.pdf", cvfixtures.CV_FR), ("es_sidebar.pdf", cvfixtures.CV_ES),
    ("en.docx", cvfixtures.CV_EN), ("de.docx", cvfixtures.CV_DE),
    ("it_dates_left.pdf", cvfixtures.CV_IT), ("pt_dates_left.pdf", cvfixtures.CV_PT),
    ("en_dates_left.pdf", cvfixtures.CV_EN), ("nl_single.pdf", cvfixtures.CV_NL),
    ("pl_sidebar.pdf", cvfixtures.CV_PL), ("pl.docx", cvfixtures.CV_PL),
    ("fr_date_first.pdf", cvfixtures.CV_FR), ("de_date_first.pdf", cvfixtures.CV_DE),
]


@pytest.mark.parametrize("doc,cv", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_fields(env, docs, doc, cv, backend):
    if backend == "pdfminer" and not doc.endswith(".pdf"):
        pytest.skip("backend applies to PDF only")
    settings, regs, pm = env
    r = parse_document(docs[doc], doc, settings, regs, pm, parser_options={"backend": backend})
    b = r.resume["basics"]
    assert b["name"] == cv["name"]
    assert b["email"] == cv["email"]
    assert b["phone"].replace(" ", "") == cv["phone"].replace(" ", "")
    assert b["location"]["city"] == cv["city"].split(",")[0]
    work = r.resume["work"]
    assert [(w["name"], w["position"]) for w in work] == [(w["name"], w["position"]) for w in cv["work"]]
    for got, want in zip(work, cv["work"], strict=True):
        assert got["startDate"] == want["start"]
        assert got.get("endDate") == want["end"]  # an open range means current: no endDate
    edu = r.resume["education"]
    assert [(e["institution"], e.get("studyType"), e.get("area")) for e in edu] == \
        [(e["institution"], e["studyType"], e["area"]) for e in cv["education"]]
    keywords = {k for s in r.resume["skills"] for k in s.get("keywords", [])}
    assert {k for _, kws in cv["skills"] for k in kws} <= keywords
    assert validate_resume(r.resume) == []
    ex = r.extras
    assert ex["page_count"] >= 1 and ex["kind"] in ("pdf", "docx")
    assert ex["confidence"]["basics.email"] > 0.9
    assert ex["spans"]["basics.name"] == cv["name"]


def test_extras_language_and_warnings(env, docs):
    settings, regs, pm = env
    de = parse_document(docs["de_sidebar.pdf"], "x.pdf", settings, regs, pm)
    assert de.extras["language"] == "de"
    assert any("two columns" in w for w in de.extras["warnings"])
    fr = parse_document(docs["fr_single.pdf"], "x.pdf", settings, regs, pm)
    assert fr.extras["language"] == "fr"


def test_highlights_and_languages(env, docs):
    settings, regs, pm = env
    r = parse_document(docs["en_single.pdf"], "cv.pdf", settings, regs, pm)
    assert r.resume["work"][0]["highlights"] == cvfixtures.CV_EN["work"][0]["highlights"]
    assert [lang["language"] for lang in r.resume["languages"]] == ["English", "Polish"]


def test_plain_text(env):
    settings, regs, pm = env
    text = ("Ada Lovelace\nada@example.org | +44 20 7946 0018 | London, UK\n\nExperience\n"
            "Analytical Engine Ltd, Analyst\t2018 – 2020\n- Wrote the first program\n\nEducation\n"
            "University of London\tBachelor of Arts in Mathematics\t2012 – 2016\n\nSkills\nMathematics, Poetry\n")
    r = parse_document(text.encode(), "cv.txt", settings, regs, pm)
    assert r.resume["basics"]["name"] == "Ada Lovelace"
    assert r.resume["work"][0]["name"] == "Analytical Engine Ltd"
    assert r.resume["work"][0]["startDate"] == "2018"
    assert r.resume["education"][0]["studyType"] == "Bachelor of Arts"
    assert r.extras["kind"] == "text"


def test_corpus_samples_if_present(env, corpus):
    import json
    settings, regs, pm = env
    docs_dir = corpus / "docs"
    samples = sorted(docs_dir.glob("0*-rendercv-*.pdf"))[:2] + sorted(docs_dir.glob("0*.docx"))[:1]
    for p in samples:
        truth = json.loads((corpus / "truth" / f"{p.name[:3]}.json").read_text(encoding="utf-8"))
        r = parse_document(p.read_bytes(), p.name, settings, regs, pm)
        assert r.resume["basics"]["name"] == truth["basics"]["name"]
        assert r.resume["basics"]["email"].lower() == truth["basics"]["email"].lower()
        assert len(r.resume.get("work", [])) >= 1
        assert validate_resume(r.resume) == []


def test_europass_style(env):
    settings, regs, pm = env
    cv = cvfixtures.CV_IT
    r = parse_document(cvfixtures.render_pdf(cvfixtures.europass_html(cv)), "europass.pdf", settings, regs, pm)
    assert r.resume["basics"]["location"]["city"] == "Bologna"
    assert [(w["name"], w["position"], w["startDate"], w["location"]) for w in r.resume["work"]] == \
        [(w["name"], w["position"], w["start"], "Bologna, Italia") for w in cv["work"]]
    assert r.resume["education"][0]["institution"] == cv["education"][0]["institution"]
    assert [lang["language"].lower() for lang in r.resume["languages"]][:1] == ["italian"]
    assert {"Java", "Python", "SQL"} <= {k for s in r.resume["skills"] for k in s.get("keywords", [])}


@pytest.mark.parametrize("cv", [cvfixtures.CV_EN, cvfixtures.CV_ES, cvfixtures.CV_NL], ids=["en", "es", "nl"])
def test_word_table_layout(env, cv):
    settings, regs, pm = env
    r = parse_document(cvfixtures.word_two_column_docx(cv), "cv.docx", settings, regs, pm)
    b = r.resume["basics"]
    assert (b["name"], b["label"], b["email"]) == (cv["name"], cv["label"], cv["email"])
    assert b["location"]["city"] == cv["city"].split(",")[0]
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in r.resume["work"]] == \
        [(w["name"], w["position"], w["start"], w["end"]) for w in cv["work"]]
    assert [(e["institution"], e.get("studyType"), e.get("area")) for e in r.resume["education"]] == \
        [(e["institution"], e["studyType"], e["area"]) for e in cv["education"]]
    assert {k for _, kws in cv["skills"] for k in kws} <= {k for s in r.resume["skills"] for k in s.get("keywords", [])}
