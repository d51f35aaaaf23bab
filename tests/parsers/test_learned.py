"""The learned parts of the parser (body lines, sections, entry headers) and their seams:
tokens that map back to the printed text, the rules-only switch, nothing lost."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htdy.parsers.base import PdfParser, TextParser
from htdy.parsers.extract import body_model, header_model, section_model
from htdy.parsers.extract.body_model import EXTRACTOR, rule_roles
from htdy.parsers.extract.header_model import tokenize
from htdy.parsers.layout.model import Line, Span


def _line(*runs: tuple[str, bool], top: float = 0.0, cells: list[int] | None = None) -> Line:
    spans, x = [], 50.0
    for text, bold in runs:
        spans.append(Span(text=text, x0=x, top=top, x1=x + 5 * len(text), bottom=top + 10, size=10, bold=bold))
        x += 5 * len(text)
    return Line(spans=spans, cells=cells or [])


@given(st.lists(st.tuples(st.text(min_size=1, max_size=12), st.booleans()), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_header_tokens_map_back_to_the_printed_line(runs):
    ln = _line(*runs)
    toks, texts = tokenize([ln])
    assert texts == [ln.text]
    for t in toks:
        assert texts[0][t.start:t.end] == t.text and not t.text.isspace()


def test_header_tokens_carry_the_style_and_cell_of_their_run():
    ln = _line(("Technische Universität Dresden", True), ("  2014 – 2016", False), cells=[0, 1])
    toks, texts = tokenize([ln])
    assert texts == ["Technische Universität Dresden 2014 – 2016"]
    assert [(t.text, t.bold, t.cell) for t in toks][:1] == [("Technische", True, 0)]
    assert [(t.text, t.bold, t.cell) for t in toks][-1] == ("2016", False, 1)


def test_rule_roles_bullets_and_their_continuations():
    body = [_line(("• Led the migration of", False), top=0), _line(("the billing system", False), top=12),
            _line(("Team of four.", False), top=24)]
    body[1].spans[0].x0 = body[1].spans[0].x0 + 8  # indented under the bullet text
    assert rule_roles(body) == ["B", "I", "S"]


CV = """Ana Lima
ana.lima@example.org

Experience
Data Engineer, Acme Ltd, 2019 - 2023
- Moved reporting to dbt
Zebra crossing notes that belong nowhere

Education
BSc Computer Science, MIT, 2015 - 2019
"""


def test_every_line_is_in_the_output_or_listed_as_unassigned():
    import json
    import re

    res = TextParser().parse(CV.encode())
    out = set(re.findall(r"\w{2,}", json.dumps(res.resume, ensure_ascii=False).casefold()))
    unassigned = [u["text"] for u in res.extras["unassigned"]]
    titles = {t.casefold() for t in res.extras["sections"]}
    for line in filter(None, (x.strip() for x in CV.splitlines())):
        words = re.findall(r"\w{2,}", line.casefold())
        kept = sum(w in out for w in words) >= 0.5 * len(words)
        assert kept or line in unassigned or line.casefold() in titles, line
    assert "Ana Lima" not in unassigned
    assert all({"page", "x", "y"} <= set(u) for u in res.extras["unassigned"])


def test_rules_only_switch_turns_the_models_off():
    token = EXTRACTOR.set("rules")
    try:
        res = TextParser(TextParser.Options(extractor="rules")).parse(CV.encode())
    finally:
        EXTRACTOR.reset(token)
    assert res.extras["inferred_sections"] == []
    assert EXTRACTOR.get() == "model"  # the parse restored the caller's setting


# --------------------------------------------------------------------------- the shipped models
# Behaviour of the models in parsers/models on layouts written for these tests (invented people,
# nothing from the corpus or the test sets): what the rules alone cannot do.
needs_models = pytest.mark.skipif(
    not (body_model.MODEL_FILE.exists() and section_model.MODEL_FILE.exists()
         and (header_model.MODELS / "headers_education.crfsuite").exists()),
    reason="model files not built (make train)")

_CSS = """@page { size: A4; margin: 16mm } body { font-family: 'DejaVu Sans'; font-size: 10pt }
h1 { font-size: 22pt; margin: 0 } h2 { font-size: 13pt; font-weight: bold; margin: 14pt 0 4pt 0 }
.row { display: flex; justify-content: space-between; font-weight: bold; margin-top: 8pt }
ul.plain { list-style: none; padding-left: 12pt; margin: 2pt 0 } ul.plain li { margin: 1pt 0 }"""


def _pdf(body: str) -> bytes:
    from cvfixtures import render_pdf

    return render_pdf(f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{body}</body></html>")


def _parse(data: bytes, extractor: str) -> dict:
    return PdfParser(PdfParser.Options(extractor=extractor)).parse(data).resume


JOBS = """<h1>Maren Holt</h1><p>maren.holt@example.org · Bergen</p><h2>Experience</h2>
<div class='row'><span>Data Engineer, Fjordline Analytics AS</span><span>03/2019 – 06/2023</span></div>
<ul class='plain'><li>Moved nightly reporting from spreadsheets to dbt models.</li>
<li>Cut warehouse costs by a third with partitioned tables.</li>
<li>Mentored two junior engineers.</li></ul>
<div class='row'><span>Analyst, Kystverk Data AS</span><span>01/2016 – 02/2019</span></div>
<ul class='plain'><li>Built the first sales dashboard in Looker.</li>
<li>Automated the monthly export for the finance team.</li></ul>
<h2>Education</h2><div class='row'><span>University of Bergen</span><span>2012 – 2015</span></div>
<p>BSc Statistics</p>"""


@needs_models
def test_bullets_without_glyphs_become_highlights():
    data = _pdf(JOBS)
    rules = _parse(data, "rules")
    model = _parse(data, "model")
    assert not rules["work"][0].get("highlights")  # no bullet glyph: the rules see a paragraph
    assert model["work"][0]["highlights"][-2:] == [
        "Cut warehouse costs by a third with partitioned tables.", "Mentored two junior engineers."]
    assert "Automated the monthly export for the finance team." in model["work"][1]["highlights"]


SKILLS_AND_LANGUAGES = """<h2>What I am good at</h2><p>Python, SQL, dbt, Airflow, Looker</p>
<p>Data modelling, Kafka, Terraform</p><h2>Tongues</h2><p>Norwegian (native), English (C1), German (B1)</p>"""


@needs_models
def test_a_section_under_an_unknown_heading_is_named_by_its_content():
    data = _pdf(JOBS + SKILLS_AND_LANGUAGES)
    rules = _parse(data, "rules")
    res = PdfParser().parse(data)
    assert not rules.get("languages")  # "Tongues" is in no vocabulary
    assert [x["language"] for x in res.resume["languages"]] == ["Norwegian", "English", "German"]
    assert {"title": "Tongues", "key": "languages"}.items() <= res.extras["inferred_sections"][-1].items()
    assert "Kafka" in res.resume["skills"][0]["keywords"]


@needs_models
def test_model_files_are_small_and_record_their_training():
    import json

    total = sum(p.stat().st_size for p in body_model.MODEL_FILE.parent.iterdir())
    assert total < 20 * 1024 * 1024
    meta = json.loads(body_model.MODEL_FILE.with_suffix(".json").read_text())
    assert meta["corpus_hash"] and meta["rows"] > 1000 and meta["classes"] == list(body_model.ROLES)
