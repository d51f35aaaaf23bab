"""``htdy.core.services.review``: which parse-review hints an edited version keeps."""
from __future__ import annotations

from htdy.core.services.review import carry_forward, value_at, visible_extras

OLD = {"basics": {"name": "Ada", "location": {"city": "Lodnon"}},
       "work": [{"name": "Babbage & Co", "highlights": ["Notes on the engine", "Bernoulli numbers"]},
                {"name": "Royal Society"}]}


def test_value_at_paths():
    assert value_at(OLD, "basics.location.city") == "Lodnon"
    assert value_at(OLD, "work[0].highlights[1]") == "Bernoulli numbers"
    missing = value_at(OLD, "work[5].name")
    assert missing is value_at(OLD, "nope") and missing is value_at(OLD, "basics.name.x")
    assert value_at(OLD, "work.name") is missing  # a list needs an index


def test_unchanged_paths_and_unplaced_lines_are_kept():
    new = {"basics": {"name": "Ada", "location": {"city": "London"}},
           "work": [{"name": "Royal Society"}, {"name": "Babbage & Co", "highlights": OLD["work"][0]["highlights"]}]}
    extras = {"confidence": {"basics.name": 0.9, "basics.location.city": 0.3, "work[0].name": 0.4},
              "low_confidence": ["basics.location.city", "work[0].name", "work[0].highlights[0]"],
              "unassigned": [{"text": "Fellow of the ROYAL society", "page": 1}, {"text": "Page 2 of 2", "page": 2}],
              "spans": {"basics.name": "Ada"}, "carried_from": 1}
    out = carry_forward(extras, OLD, new, 4)
    # a reorder moves values to other paths: their hints are dropped, never misplaced
    assert out == {"confidence": {"basics.name": 0.9}, "unassigned": [{"text": "Page 2 of 2", "page": 2}],
                   "carried_from": 1}
    assert carry_forward(extras, OLD, OLD, 4)["low_confidence"] == extras["low_confidence"]
    assert carry_forward({"low_confidence": ["basics.name"]}, OLD, OLD, 3) == {
        "low_confidence": ["basics.name"], "carried_from": 3}


def test_nothing_to_carry():
    assert carry_forward({}, OLD, OLD, 1) == {}
    assert carry_forward({"kind": "pdf", "warnings": ["x"]}, OLD, OLD, 1) == {}
    assert carry_forward(None, OLD, OLD, 1) == {}
    assert carry_forward({"low_confidence": ["basics.name"]}, OLD, {"basics": {}}, 1) == {}
    assert carry_forward({"low_confidence": "basics.name", "confidence": [], "unassigned": {}}, OLD, OLD, 1) == {}


def test_view_only_readers_lose_unassigned_only():
    extras = {"unassigned": [{"text": "x"}], "low_confidence": ["a"]}
    assert visible_extras(extras, "view") == {"low_confidence": ["a"]}
    assert visible_extras(extras, "edit") is extras and visible_extras(extras, "owner") is extras
    assert visible_extras(None, "view") is None
