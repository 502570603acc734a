from conftest import ROOT

from extractor.schema import schema_json


def test_schema_file_matches_models():
    on_disk = (ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_json(), "schemas/record.schema.json is stale: run `make schemas`"
