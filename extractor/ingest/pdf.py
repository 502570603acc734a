"""PDF with pdfplumber: text per page in reading order, page numbers on every block.

Each page is closed before the next is opened, so memory stays flat on long
files. pdfminer errors come wrapped in PdfminerException: an encryption error
inside means `encrypted`, anything else `corrupt`.
"""
from __future__ import annotations

import io
import re

from extractor.ingest.document import Document, IngestError, TextBuilder
from extractor.ingest.metadata import find_dateline_date
from extractor.ingest.text import classify_line

_CID = re.compile(r"\(cid:\d+\)")


def _classify_error(e: BaseException) -> IngestError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = e.args[0] if e.args else None
    if isinstance(e, (PDFEncryptionError, PDFPasswordIncorrect)) or isinstance(inner, (PDFEncryptionError, PDFPasswordIncorrect)):
        return IngestError("encrypted", "PDF is encrypted (password protected)")
    detail = str(inner if isinstance(inner, BaseException) else e) or type(inner or e).__name__
    return IngestError("corrupt", f"PDF cannot be parsed: {detail}")


def _page_items(page) -> list[tuple[float, str, object]]:
    """Lines and tables of one page in reading order (top to bottom); lines inside a table are
    left to the table, whose rows keep their cells apart."""
    tables = []
    for table in page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((table.bbox, rows))
    items: list[tuple[float, str, object]] = []
    for line in page.extract_text_lines(x_tolerance=1.5, y_tolerance=3, return_chars=False):
        middle = (line["top"] + line["bottom"]) / 2
        if any(x0 - 1 <= line["x0"] and line["x1"] <= x1 + 1 and top <= middle <= bottom
               for (x0, top, x1, bottom), _ in tables):
            continue
        items.append((line["top"], "line", line["text"]))
    items.extend((bbox[1], "table", rows) for bbox, rows in tables)
    items.sort(key=lambda item: item[0])
    return items


def read_pdf(data: bytes, name: str, max_pages: int | None = None) -> Document:
    import pdfplumber

    if not data.lstrip().startswith(b"%PDF-"):
        raise IngestError("corrupt", "not a PDF: no %PDF- header")
    out = TextBuilder()
    warnings: list[str] = []
    bad_chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if max_pages is not None and n_pages > max_pages:
                raise IngestError("too_many_pages", f"{n_pages} pages, limit is {max_pages}", stage="limits")
            title = (pdf.metadata or {}).get("Title")
            for number in range(1, n_pages + 1):
                page = pdf.pages[number - 1]
                try:
                    items = _page_items(page)
                finally:
                    page.close()
                for top, kind, payload in items:
                    if kind == "line":
                        bad_chars += len(_CID.findall(payload)) + payload.count("\ufffd")
                        line = _CID.sub(" ", payload).replace("\ufffd", " ")
                        if line.strip():
                            k, level = classify_line(line)
                            out.add(line, k, page=number, level=level)  # type: ignore[arg-type]
                    else:
                        rows = payload
                        header = tuple(rows[0]) if len(rows) > 1 else ()
                        for i, row in enumerate(rows):
                            out.add("", "table_row", page=number, cells=row, header=header if i else ())
    except IngestError:
        raise
    except RecursionError as e:
        raise IngestError("corrupt", "PDF structure too deeply nested") from e
    except Exception as e:  # pdfplumber wraps pdfminer errors; classify, never crash the run
        raise _classify_error(e) from e
    text = out.text()
    if not text.strip():
        warnings.append("no text layer: the PDF holds no extractable text (scanned or image-only?)")
    elif bad_chars > 0.2 * max(len(text.split()), 1):
        warnings.append("text layer is mostly unmapped glyphs ((cid:N) or U+FFFD); text may be unreliable")
    doc = Document(text=text, blocks=out.blocks, format="pdf", pages=n_pages, warnings=warnings)
    if isinstance(title, bytes):
        title = title.decode("utf-8", "ignore")
    doc.title = " ".join(str(title).split()) if title and str(title).strip() else None
    if doc.title is None:
        first_heading = next((b for b in out.blocks if b.kind == "heading"), None)
        doc.title = text[first_heading.start:first_heading.end] if first_heading else None
    doc.published = find_dateline_date(text, out.blocks)
    return doc
