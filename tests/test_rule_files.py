"""Rule data: every file in extractor/data/ has the shape its model says, and the files agree with
the record's own vocabulary (sector labels, qualifiers, roles, deadline kinds) and with each other."""

import ast
import json
from importlib import resources
from typing import get_args

import pytest
from conftest import SHARED

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


def test_scoring_names_mirror_the_shared_scorer():
    """scoring.json takes the same words off company names as ../shared/eval/score.py (SUFFIXES)."""
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval/score.py is not here")
    assigned = {
        t.id: n.value
        for n in ast.walk(ast.parse(scorer.read_text(encoding="utf-8")))
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    assert set(load_json("scoring.json")["name_suffixes"]) == ast.literal_eval(assigned["SUFFIXES"])
