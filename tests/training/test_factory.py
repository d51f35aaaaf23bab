"""The corpus factory's own plumbing: plans, masks, labels (no rendering tools needed)."""
from __future__ import annotations

from htdy.parsers.training.body_dataset import label_entry
from htdy.parsers.training.build import plan
from htdy.parsers.training.masks import manifest_entry
from htdy.parsers.training.section_dataset import _key_of


class _Fam:
    def __init__(self, templates, langs):
        self._t, self._l = templates, langs

    def templates(self):
        return self._t

    def supports(self, template, lang):
        return lang in self._l


def test_plan_is_deterministic_and_respects_support():
    fams = {"a": _Fam(["t1", "t2"], {"en", "de"}), "b": _Fam(["x"], {"en", "zh"})}
    one = plan(40, 2, fams)  # type: ignore[arg-type]
    assert one == plan(40, 2, fams)  # type: ignore[arg-type]
    for job in one:
        assert fams[job["family"]].supports(job["template"], job["lang"])
        assert job["stem"].startswith(job["id"] + "-") and job["stem"].endswith("-" + job["lang"])
    assert {j["family"] for j in one if j["lang"] == "en"} == {"a", "b"}
    assert not [j for j in one if j["lang"] not in ("en", "de", "zh")]


def test_masks_list_what_the_document_does_not_print():
    truth = {"basics": {"name": "Ana Lima", "email": "ana@example.org", "phone": "+55 11 91234 5678",
                        "location": {"city": "Recife"}, "summary": "Builds payment systems for banks."},
             "work": [{"name": "Acme Ltda", "position": "Engenheira", "startDate": "2019-03",
                       "highlights": ["Cut costs by 40%", "Led six people"]},
                      {"name": "Hidden Corp", "position": "Dev"}],
             "skills": [{"name": "Backend", "keywords": ["Go", "Kafka"]}],
             "languages": [{"language": "Português"}, {"language": "Inglês"}]}
    text = "Ana Lima ana@example.org 11 91234-5678 Acme Ltda Engenheira 03/2019 Cut costs by 40% Go Português"
    m = manifest_entry(truth, text, [])
    assert "basics.city" in m["absent"] and "basics.summary" in m["absent"]
    assert "work[1]" in m["absent"] and "work[0].position" not in m["absent"]
    assert "work[0].highlights[1]" in m["absent"] and "work[0].highlights[0]" not in m["absent"]
    assert "basics.phone" not in m["absent"] and "basics.name" not in m["absent"]
    assert m["absent_skill_items"] == ["backend", "kafka"]
    assert m["absent_languages"] == ["ingles"]


def test_body_lines_are_labelled_by_the_truth_text_they_come_from():
    truth = {"summary": "Ran the data team of the Berlin office.",
             "highlights": ["Moved reporting from Excel to dbt, saving two days per month", "Hired five analysts"]}
    lines = ["Ran the data team of the Berlin", "office.", "• Moved reporting from Excel to dbt,",
             "saving two days per month", "Hired five analysts", "Berlin, Germany"]
    assert label_entry(lines, truth) == ["S", "I", "B", "I", "B", None]


def test_section_titles_map_to_the_headings_they_were_printed_as():
    headings = {"work": "Percorso professionale", "education": "Istruzione", "skills": "Competenze"}
    assert _key_of("PERCORSO PROFESSIONALE:", headings) == "work"
    assert _key_of("Istruzione", headings) == "education"
    assert _key_of("Hobby", headings) is None
