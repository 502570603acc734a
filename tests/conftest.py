import datetime as dt
from pathlib import Path

import pytest

from extractor.config import ExtractConfig
from extractor.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def extract_text(text: str, name: str = "doc.txt", reference_date: str | None = None):
    """Run the whole pipeline on a text given inline."""
    ref = dt.date.fromisoformat(reference_date) if reference_date else None
    return extract_document(text.encode("utf-8"), name, ExtractConfig(reference_date=ref))


def iter_spans(record):
    """(label, text, [start, end], expected text or None) for every item that carries a span."""
    for a in record.amounts:
        yield "amount", a.span, a.text
    for p in record.percentages:
        yield "percentage", p.span, p.text
    for d in record.deadlines:
        yield "deadline", d.span, d.text
    for c in record.companies:
        for s in c.mentions:
            yield "company", s, None
    for c in record.countries:
        for s in c.mentions:
            yield "country", s, None
    for s in record.sectors:
        for m in s.mentions:
            yield "sector", m, None
    for c in record.commitments:
        yield "commitment", c.span, c.amount.text


@pytest.fixture
def extract():
    return extract_text
