"""Word documents (.docx) with python-docx: the body in order, headings (Title and Heading N
styles), paragraphs, list items (List styles or numbering) and tables as rows with their cells
and the first row as header; the core properties give the title and the date."""

from __future__ import annotations

import io
import re
import zipfile

from extractor.ingest.document import Document, IngestError, TextBuilder
from extractor.ingest.metadata import find_dateline_date, guess_title

_HEADING = re.compile(r"^(?:Heading|Überschrift|Titre)\s*(\d)$", re.I)


def is_docx(data: bytes) -> bool:
    """A ZIP whose members include word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _kind(paragraph) -> tuple[str, int]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return "heading", 1
    m = _HEADING.match(style)
    if m:
        return "heading", int(m.group(1))
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    if style.startswith("List") or numbered:
        level = 0
        if numbered and ppr.numPr.ilvl is not None and ppr.numPr.ilvl.val is not None:
            level = int(ppr.numPr.ilvl.val)
        else:
            m = re.search(r"(\d)$", style)
            level = int(m.group(1)) - 1 if m else 0
        return "list_item", level
    return "paragraph", 0


def read_docx(data: bytes, name: str) -> Document:
    """A Document from a Word (.docx) file's bytes: headings by style, paragraphs, list items and table rows
    in body order; title and date from the core properties. Raises IngestError('corrupt') on a bad file."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not is_docx(data):
        raise IngestError("corrupt", "not a Word document: no ZIP archive with word/document.xml")
    try:
        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise IngestError("corrupt", f"cannot read the Word document: {e}") from e
    except Exception as e:  # lxml's XMLSyntaxError and python-docx's own errors
        if type(e).__module__.split(".")[0] in ("lxml", "docx"):
            raise IngestError("corrupt", f"cannot read the Word document: {e}") from e
        raise
    out = TextBuilder()
    style_title = None
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            kind, level = _kind(p)
            if style_title is None and p.style is not None and p.style.name == "Title" and p.text.strip():
                style_title = " ".join(p.text.split())
            out.add(p.text, kind, level=level)  # type: ignore[arg-type]
        elif tag == "tbl":
            _add_table(Table(child, d), out)
    text = out.text()
    doc = Document(text=text, blocks=out.blocks, format="docx")
    core = d.core_properties
    title = " ".join((core.title or "").split())
    doc.title = title or style_title or _first_heading(text, out) or guess_title(text, out.blocks)
    doc.published = find_dateline_date(text, out.blocks)
    if doc.published is None and core.created is not None:
        doc.published = core.created.date().isoformat()
    return doc


def _first_heading(text: str, out: TextBuilder) -> str | None:
    b = next((b for b in out.blocks[:5] if b.kind == "heading" and b.level == 1), None)
    return text[b.start : b.end] if b else None


def _add_table(table, out: TextBuilder) -> None:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(cells)
    header = tuple(rows[0]) if len(rows) > 1 else ()
    for i, cells in enumerate(rows):
        out.add("", "table_header" if header and i == 0 else "table_row", cells=cells, header=header if i else ())
