"""Word documents: headings, paragraphs, list items, tables with cells and header, core properties."""

import datetime as dt
import io

import docx
import pytest
from conftest import CORPUS

from extractor.ingest import IngestError, ingest, sniff_format


def make_docx(core_title="Core Title Of The Memo", created=dt.datetime(2025, 3, 4, 10, 0)) -> bytes:
    d = docx.Document()
    d.core_properties.title = core_title
    d.core_properties.created = created
    d.add_paragraph("Styled Title Of The Memo", style="Title")
    d.add_heading("Background", level=2)
    d.add_paragraph("Acme Corp will invest $5 billion in Ohio.")
    d.add_paragraph("First point", style="List Bullet")
    d.add_paragraph("Second point, nested", style="List Bullet 2")
    t = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Company", (0, 1): "Amount", (1, 0): "Acme Corp", (1, 1): "$5 billion"}.items():
        t.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_blocks_tables_and_core_properties():
    doc = ingest(make_docx(), "memo.docx")
    assert doc.format == "docx"
    assert [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("heading", 1, "Styled Title Of The Memo"),
        ("heading", 2, "Background"),
        ("paragraph", 0, "Acme Corp will invest $5 billion in Ohio."),
        ("list_item", 0, "First point"),
        ("list_item", 1, "Second point, nested"),
        ("table_header", 0, "Company | Amount"),
        ("table_row", 0, "Acme Corp | $5 billion"),
    ]
    row = doc.blocks[-1]
    assert [doc.text[a:b] for a, b in row.cells] == ["Acme Corp", "$5 billion"] and row.header == ("Company", "Amount")
    assert doc.title == "Core Title Of The Memo"
    assert doc.published == "2025-03-04"


def test_docx_title_falls_back_to_the_title_style():
    assert ingest(make_docx(core_title=""), "memo.docx").title == "Styled Title Of The Memo"


def test_docx_sniffed_by_content_before_extension():
    data = make_docx()
    assert sniff_format(data, "memo.bin") == "docx"
    assert sniff_format(data, "memo.txt") == "docx"
    assert ingest(data, "no-extension").format == "docx"


def test_docx_corrupt_and_other_zips():
    with pytest.raises(IngestError) as e:
        ingest(make_docx()[:300], "memo.docx")
    assert e.value.error_type == "corrupt"
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(IngestError) as e:
        ingest(buf.getvalue(), "archive.zip")
    assert e.value.error_type == "unsupported_format"


def test_corpus_docx_rebuilds_byte_identical():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus_docx", CORPUS.parent / "scripts" / "make_corpus_docx.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.build() == mod.OUT.read_bytes()
