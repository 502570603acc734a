"""Rule data: every file in extractor/data/ has the shape its model says, and the files agree with
the record's own vocabulary (sector labels, qualifiers, roles, deadline kinds) and with each other."""

import json
from importlib import resources
from typing import get_args

import pytest

from extractor.models import Sector
from extractor.resources import RuleDataError, load_json, validated
from extractor.rule_files import FILE_MODELS

DATA = resources.files("extractor.data")


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_rule_file_validates(name):
    FILE_MODELS[name].model_validate(json.loads(DATA.joinpath(name).read_text(encoding="utf-8")))


def test_every_data_file_has_a_model():
    names = {p.name for p in DATA.iterdir() if p.name.endswith(".json")}
    assert names - set(FILE_MODELS) <= {"deals.json"}, "add a model to extractor/rule_files.py"


def test_sector_labels_are_the_records_labels():
    assert set(load_json("sectors.json")["sectors"]) == set(get_args(Sector))


def test_weak_sector_phrases_are_sector_phrases():
    data = load_json("sectors.json")
    phrases = {p.lower() for ps in data["sectors"].values() for p in ps}
    assert {w.lower() for w in data["weak"]} - phrases == set()


def test_a_bad_file_names_the_file_and_key():
    bad = {"_doc": "", "sectors": {"fintech": ["payments"]}, "weak": [], "not_sector": []}
    with pytest.raises(RuleDataError, match=r"(?s)extractor/data/sectors.json.*sectors.fintech"):
        validated("sectors.json", bad)
    with pytest.raises(RuleDataError, match=r"(?s)organizations.json.*suffixes"):
        validated("organizations.json", {**load_json("organizations.json"), "suffixes": "Inc"})
    with pytest.raises(RuleDataError, match=r"(?s)money.json.*qualifiers_before"):
        validated("money.json", {**load_json("money.json"), "qualifiers_before": {"about": "roughly"}})
