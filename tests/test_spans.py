"""Every item's span points at exactly its text, on every document we have."""

import pytest
from conftest import CORPUS, SHARED, iter_spans

from extractor.config import ExtractConfig
from extractor.ingest import ingest
from extractor.pipeline import extract_document

DOCS = sorted(p for p in (CORPUS / "documents").glob("*") if p.is_file()) + sorted((SHARED / "seeds").glob("*"))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_spans_are_exact(path):
    data = path.read_bytes()
    record = extract_document(data, path.name, ExtractConfig())
    text = ingest(data, path.name).text
    assert record.document.characters == len(text)
    for label, (start, end), expected in iter_spans(record):
        assert 0 <= start < end <= len(text), (label, start, end)
        if expected is not None:
            assert text[start:end] == expected, (label, text[start:end], expected)
    for company in record.companies:
        for start, end in company.mentions:
            assert text[start:end].strip() == text[start:end]
