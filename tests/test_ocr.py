"""OCR for PDF pages without a text layer (Tesseract through pytesseract; pages rendered by pypdfium2).

Without Tesseract these tests skip with the install hint, and an image-only PDF fails as needs_ocr."""

import pytest
from conftest import CORPUS

from extractor.config import ExtractConfig
from extractor.ingest import IngestError, ingest
from extractor.ingest import ocr as ocr_reader
from extractor.pipeline import extract_document

DOCS = CORPUS / "documents"
SCAN = DOCS / "22-us-korea-joint-fact-sheet-scan.pdf"
TWIN = DOCS / "05-us-korea-joint-fact-sheet.pdf"
needs_tesseract = pytest.mark.skipif(not ocr_reader.available(), reason=ocr_reader.INSTALL_HINT)


@pytest.fixture(scope="module")
def records():
    if not ocr_reader.available():
        pytest.skip(ocr_reader.INSTALL_HINT)
    return {p: extract_document(p.read_bytes(), p.name, ExtractConfig(keep_text=True)) for p in (SCAN, TWIN)}


@needs_tesseract
def test_scan_record_matches_its_text_twin(records):
    scan, twin = records[SCAN], records[TWIN]
    assert sorted((a.value, a.currency, a.qualifier) for a in scan.amounts) == sorted(
        (a.value, a.currency, a.qualifier) for a in twin.amounts
    )
    assert sorted(c.name for c in scan.companies) == sorted(c.name for c in twin.companies)
    assert sorted((d.text, d.date, d.duration) for d in scan.deadlines) == sorted(
        (d.text, d.date, d.duration) for d in twin.deadlines
    )
    assert sorted(a.page for a in scan.amounts) == sorted(a.page for a in twin.amounts)


@needs_tesseract
def test_scan_record_says_which_pages_were_ocred(records):
    assert records[SCAN].document.ocr_pages == [1, 2, 3]
    assert records[TWIN].document.ocr_pages == []
    assert records[SCAN].document.pages == 3


@needs_tesseract
def test_ocr_spans_index_the_text(records):
    rec = records[SCAN]
    for a in rec.amounts:
        assert rec.text[a.span[0] : a.span[1]] == a.text


@needs_tesseract
def test_no_ocr_option_leaves_the_page_unread():
    doc = ingest(SCAN.read_bytes(), SCAN.name, ocr=False)
    assert doc.text == "" and doc.ocr_pages == []
    assert [w.code for w in doc.warnings] == ["no_text_layer"]


def test_without_tesseract_an_image_only_pdf_needs_ocr(monkeypatch):
    monkeypatch.setattr(ocr_reader, "available", lambda: False)
    with pytest.raises(IngestError) as e:
        ingest(SCAN.read_bytes(), SCAN.name)
    assert e.value.error_type == "needs_ocr"
    assert "tesseract-ocr" in str(e.value) and "--no-ocr" in str(e.value)


def test_ocr_is_in_the_state_key():
    assert ExtractConfig().normalized()["ocr"] is True
    assert ExtractConfig(ocr=False).normalized() != ExtractConfig().normalized()


def test_corpus_scan_rebuilds_byte_identical(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_corpus_scans", CORPUS.parent / "scripts" / "make_corpus_scans.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.scan(TWIN, tmp_path / "scan.pdf")
    assert (tmp_path / "scan.pdf").read_bytes() == SCAN.read_bytes()


def test_scanned_page_among_text_pages_without_ocr_is_said(monkeypatch):
    """A text PDF with one scanned page: read with OCR, or a notice naming the page without it."""
    import pypdfium2

    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(DOCS / "07-us-australia-minerals-brief.pdf"))
    mixed.import_pages(pypdfium2.PdfDocument(SCAN), pages=[1])
    import io

    buf = io.BytesIO()
    mixed.save(buf)
    data = buf.getvalue()
    doc = ingest(data, "mixed.pdf", ocr=False)
    assert doc.pages == 2 and {b.page for b in doc.blocks} == {1}
    assert [w.code for w in doc.warnings] == ["no_text_layer"] and "pages 2 " in doc.warnings[0].message
    if ocr_reader.available():
        doc = ingest(data, "mixed.pdf")
        assert doc.ocr_pages == [2] and {b.page for b in doc.blocks} == {1, 2} and not doc.warnings
