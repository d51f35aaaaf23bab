"""The learned parts of the parser (body lines, sections, entry headers) and their seams:
tokens that map back to the printed text, the rules-only switch, nothing lost."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from htdy.parsers.base import TextParser
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
