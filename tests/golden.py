"""Shared by tests/test_golden.py and scripts/update_golden.py: full-record snapshots of the corpus."""

from pathlib import Path

from extractor.config import ExtractConfig
from extractor.pipeline import extract_document
from extractor.serialize import dumps

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "corpus" / "documents"
GOLDEN = ROOT / "tests" / "golden"
# Records as `--keep-text` writes them: the text the spans point into is part of the snapshot.
CONFIG = ExtractConfig(keep_text=True)


def documents() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if p.is_file())


def record_text(path: Path) -> str:
    """The record exactly as `extractor extract --keep-text` writes it."""
    return dumps(extract_document(path.read_bytes(), path.name, CONFIG))
