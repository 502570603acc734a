"""PDF with pdfplumber: text per page in reading order, page numbers on every block.

Each page is closed before the next is opened, so memory stays flat on long
files. pdfminer errors come wrapped in PdfminerException: an encryption error
inside means `encrypted`, anything else `corrupt` (pdf_errors.py). What the
libraries log or warn while reading goes into the document's warnings.
How a page's lines and tables become blocks is in pdf_blocks.py; pdfplumber's character
objects are built by pdf_chars.py.
"""

from __future__ import annotations

import io

from extractor.ingest import ocr as ocr_reader
from extractor.ingest.decode import is_blank
from extractor.ingest.document import Document, IngestError, Notice, TextBuilder
from extractor.ingest.metadata import find_dateline_date, guess_title
from extractor.ingest.pdf_blocks import add_page as _add_page
from extractor.ingest.pdf_chars import fast_chars, table_text
from extractor.ingest.pdf_errors import classify, library_noise, pdf_errors, raised_by_library
from extractor.ingest.pdf_running import drop_running_lines

TABLE_PATHS = 4  # a page with this many drawn paths may hold a ruled table: read it with pdfplumber


def _line_items(lines: list[dict], page_width: float) -> list[tuple[float, str, object]]:
    """(top, "line", (text, top, bottom, wide)) per text line; `wide` marks full-width running text."""
    # the widest line, but at least 60% of the page: a lone short line is not "full-width"
    widest = max([ln["x1"] - ln["x0"] for ln in lines] + [0.6 * page_width])
    return [
        (ln["top"], "line", (ln["text"], ln["top"], ln["bottom"], ln["x1"] - ln["x0"] > 0.75 * widest)) for ln in lines
    ]


def _pdfium_lines(page) -> list[dict]:
    """Text lines of a pdfium page, top to bottom: pdfium's text runs grouped by baseline band."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append({"text": text, "x0": left, "x1": right, "top": height - top, "bottom": height - bottom})
    finally:
        textpage.close()
    runs.sort(key=lambda r: (round(r["top"]), r["x0"]))
    lines: list[dict] = []
    for run in runs:
        last = lines[-1] if lines else None
        middle = (run["top"] + run["bottom"]) / 2
        if last is not None and last["top"] <= middle <= last["bottom"]:
            sep = "" if last["text"].endswith(" ") else " "
            last["text"] = (last["text"] + sep + run["text"]) if run["x0"] >= last["x1"] - 1 else last["text"]
            last["x1"] = max(last["x1"], run["x1"])
            continue
        lines.append(dict(run))
    for ln in lines:
        ln["text"] = " ".join(ln["text"].split())
    return lines


def _has_drawings(page) -> bool:
    import pypdfium2.raw as pdfium_c

    count = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        count += 1
        if count >= TABLE_PATHS:
            return True
    return False


def _page_items(page) -> list[tuple[float, str, object]]:
    """Lines and tables of one page in reading order (top to bottom); lines inside a table are
    left to the table, whose rows keep their cells apart."""
    tables = []
    for table in page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table_text(table)]
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((table.bbox, rows))
    lines = page.extract_text_lines(x_tolerance=1.5, y_tolerance=3, return_chars=False)
    lines = [
        ln
        for ln in lines
        if not any(
            x0 - 1 <= ln["x0"] and ln["x1"] <= x1 + 1 and top <= (ln["top"] + ln["bottom"]) / 2 <= bottom
            for (x0, top, x1, bottom), _ in tables
        )
    ]
    items = _line_items(lines, float(page.width))
    items.extend((bbox[1], "table", rows) for bbox, rows in tables)
    items.sort(key=lambda item: item[0])
    return items


def _open_pdfium(data: bytes):
    """pypdfium2 reads text about 40 times faster than pdfplumber; None when it cannot open the file."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pdf_errors() as e:  # pdfplumber remains the reader of record
        if not raised_by_library(e):
            raise
        return None


def _fast_page_items(pdf, index: int):
    """Lines of a page without drawn paths, read by pdfium; None to leave the page to pdfplumber."""
    try:
        page = pdf[index]
    except pdf_errors() as e:
        if not raised_by_library(e):
            raise
        return None
    try:
        if _has_drawings(page):
            return None
        return _line_items(_pdfium_lines(page), page.get_width())
    except pdf_errors() as e:
        if not raised_by_library(e):
            raise
        return None
    finally:
        page.close()


def _read_pages(pdf, fast, n_pages: int, out: TextBuilder, counters: dict, ocr: bool) -> None:
    """Every page into blocks: lines joined into paragraphs and bullets, tables into rows; pages
    without a text layer read by OCR when `ocr`; running headers and footers dropped."""
    pages = []
    for number in range(1, n_pages + 1):
        items = _fast_page_items(fast, number - 1) if fast is not None else None
        if items is None:  # a page that may hold a table, or one pdfium cannot read
            page = fast_chars(pdf.pages[number - 1])
            try:
                items = _page_items(page)
            finally:
                page.close()
        if not items and ocr and fast is not None:
            lines, width = ocr_reader.read_page(fast, number - 1, counters["ocr_failed"])
            items = _line_items(lines, width)
            if items:
                counters["ocr_pages"].append(number)
        elif not items and fast is not None and ocr_reader.has_images(fast, number - 1):
            counters["unread_pages"].append(number)  # a scanned page among text pages, OCR off
        pages.append(items)
    for number, items in enumerate(drop_running_lines(pages), start=1):
        _add_page(items, number, out, counters)


def read_pdf(data: bytes, name: str, max_pages: int | None = None, ocr: bool = True) -> Document:
    """A Document from a PDF's bytes: each page's lines and tables as blocks with their page number,
    running headers and footers dropped, pages without a text layer OCRed when `ocr` (and Tesseract is
    there). Raises IngestError: empty, corrupt, encrypted, too_many_pages (past `max_pages`), needs_ocr."""
    import pdfplumber

    if is_blank(data):
        raise IngestError("empty", "file is empty or holds only whitespace (or a byte-order mark)")
    if not data.lstrip().startswith(b"%PDF-"):
        raise IngestError("corrupt", "not a PDF: no %PDF- header")
    out = TextBuilder()
    warnings: list[Notice] = []
    noise: list[str] = []  # the libraries' own warnings, listed after ours
    counters: dict = {"bad_chars": 0, "ocr_pages": [], "ocr_failed": [], "unread_pages": []}
    wants_ocr, ocr = ocr, ocr and ocr_reader.available()
    try:
        with library_noise(noise), pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if max_pages is not None and n_pages > max_pages:
                raise IngestError("too_many_pages", f"{n_pages} pages, limit is {max_pages}", stage="limits")
            title = (pdf.metadata or {}).get("Title")
            fast = _open_pdfium(data)
            try:
                _read_pages(pdf, fast, n_pages, out, counters, ocr)
            finally:
                if fast is not None:
                    fast.close()
            bad_chars = counters["bad_chars"]
    except IngestError:
        raise
    except RecursionError as e:
        raise IngestError("corrupt", "PDF structure too deeply nested") from e
    except pdf_errors() as e:  # pdfplumber wraps pdfminer's errors; ours (a bug) propagate
        if not raised_by_library(e):
            raise
        raise classify(e) from e
    text = out.text()
    if not text.strip() and wants_ocr and not ocr:
        raise IngestError(
            "needs_ocr", f"no text layer (scanned or image-only PDF) and no OCR engine: {ocr_reader.INSTALL_HINT}"
        )
    if not text.strip():
        warnings.append(
            Notice("no_text_layer", "no text layer: the PDF holds no extractable text (scanned or image-only?)")
        )
    elif counters["unread_pages"]:
        warnings.append(
            Notice(
                "no_text_layer",
                f"pages {', '.join(map(str, counters['unread_pages']))} are images "
                f"without a text layer and were not read: OCR is off or missing ({ocr_reader.INSTALL_HINT})",
            )
        )
    elif bad_chars > 0.2 * max(len(text.split()), 1):
        warnings.append(
            Notice(
                "unmapped_glyphs", "text layer is mostly unmapped glyphs ((cid:N) or U+FFFD); text may be unreliable"
            )
        )
    doc = Document(
        text=text,
        blocks=out.blocks,
        format="pdf",
        pages=n_pages,
        ocr_pages=counters["ocr_pages"],
        warnings=warnings + [Notice("pdf_library", n) for n in noise + counters["ocr_failed"]],
    )
    if isinstance(title, bytes):
        title = title.decode("utf-8", "ignore")
    doc.title = " ".join(str(title).split()) if title and str(title).strip() else None
    if doc.title is None:
        doc.title = guess_title(text, out.blocks)
    doc.published = find_dateline_date(text, out.blocks)
    return doc
