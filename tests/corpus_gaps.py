"""Shared by tests/test_corpus.py and scripts/update_corpus_gaps.py: the known differences between
the extractor's records and the hand-made expected records of corpus/."""

import json
from pathlib import Path

from extractor.config import ExtractConfig
from extractor.evaluate import FIELDS, score_record
from extractor.pipeline import extract_document
from extractor.serialize import dumps

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "corpus" / "documents"
EXPECTED = ROOT / "corpus" / "expected"
GAPS_FILE = ROOT / "tests" / "corpus_known_gaps.json"


def documents() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if p.is_file())


def gaps_of(path: Path) -> dict:
    """{field: {"missed": [...], "extra": [...]}} for the fields where the record differs from the expected one."""
    record = json.loads(dumps(extract_document(path.read_bytes(), path.name, ExtractConfig())))
    gold = json.loads((EXPECTED / f"{path.name}.gold.json").read_text(encoding="utf-8"))
    out = {}
    for field in FIELDS:
        res = score_record(record, gold)[field]
        if res.missed or res.extra:
            out[field] = {
                "missed": sorted(_plain(x) for x in res.missed),
                "extra": sorted(_plain(x) for x in res.extra),
            }
    return out


def _plain(x):
    """A JSON-stable, sortable form of a scorer item."""
    if isinstance(x, set):
        return " | ".join(sorted(x))
    if isinstance(x, dict):
        return json.dumps(x, sort_keys=True, ensure_ascii=False)
    if isinstance(x, (tuple, list)):
        return json.dumps(list(x), ensure_ascii=False)
    return str(x)
