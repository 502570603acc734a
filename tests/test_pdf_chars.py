"""pdf_chars.fast_chars builds the very character dicts pdfplumber builds, key order included."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import CORPUS, SHARED

from extractor.ingest.pdf_chars import fast_chars, table_text

PDFS = sorted((CORPUS / "documents").glob("*.pdf")) + sorted((SHARED / "eval" / "real" / "docs").glob("*.pdf"))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_same_objects_as_pdfplumber(path):
    with pdfplumber.open(path) as theirs, pdfplumber.open(path) as ours:
        for page, fast in zip(theirs.pages, ours.pages, strict=True):
            expected, got = page.objects, fast_chars(fast).objects
            assert list(got) == list(expected)
            for a, b in zip(expected.get("char", []), got.get("char", []), strict=True):
                assert list(b.items()) == list(a.items())
            for kind in expected:  # other objects are pdfplumber's own work: the same fields
                assert [list(o) for o in got[kind]] == [list(o) for o in expected[kind]]


def test_other_objects_left_to_pdfplumber():
    path = next(p for p in PDFS if "scan" in p.name)  # an image page: no characters
    with pdfplumber.open(path) as pdf:
        page = fast_chars(pdf.pages[0])
        assert "image" in page.objects and "char" not in page.objects


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_same_table_text_as_pdfplumber(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                assert table_text(table) == table.extract()
