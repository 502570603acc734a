"""JSON Schema of the record, generated from the pydantic models (schemas/record.schema.json)."""

from __future__ import annotations

import json

from extractor.models import Record


def schema_json() -> str:
    return json.dumps(Record.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
