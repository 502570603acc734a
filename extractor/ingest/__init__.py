"""Ingest stage: bytes -> Document. Readers are chosen by content, then by file name."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.ingest.document import Block, Document, IngestError, Notice
from extractor.ingest.docx import is_docx, read_docx
from extractor.ingest.html import read_html
from extractor.ingest.markdown import read_markdown
from extractor.ingest.pdf import read_pdf
from extractor.ingest.text import read_text

Reader = Callable[[bytes, str], Document]

# The registry: one entry per format. A new format is one new module and one line here.
READERS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
    "md": read_markdown,
}
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)

__all__ = ["Block", "Document", "IngestError", "Notice", "READERS", "sniff_format", "ingest", "has_reader"]


def sniff_format(data: bytes, name: str) -> str:
    """Decide the format from the bytes first, the extension second."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    if is_docx(data):
        return "docx"
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = EXTENSIONS.get(ext)
    if fmt == "pdf":
        return "pdf"  # the reader reports the missing header as a corrupt PDF
    if fmt is None and ext:
        raise IngestError("unsupported_format", f"no reader for {ext!r} files", stage="detect")
    return fmt or "txt"  # no extension: read as text (binary content fails in decoding)


def has_reader(head: bytes, name: str) -> bool:
    """Could a reader take this file, judged by its first bytes and its name? (False: skip it.)
    A ZIP is given the benefit of the doubt here; the reader tells a Word file from others."""
    if head.startswith(b"PK\x03\x04"):
        return name.lower().endswith(".docx")
    try:
        sniff_format(head, name)
    except IngestError:
        return False
    return True


# The Unicode hyphen and non-breaking hyphen ('rare‑earth', 'Coca‑Cola') read as '-': the tokenizer splits
# on '-' only, so sector phrases, names the knowledge base knows and amounts ('$1-billion') meet them.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def ingest(data: bytes, name: str, max_pages: int | None = None, ocr: bool = True) -> Document:
    """A Document (text, blocks with kinds and pages, title, published date, warnings) from a file's bytes:
    the reader is chosen by content, then by the extension of `name`; PDFs stop at `max_pages` and
    OCR pages without a text layer when `ocr`. Raises IngestError (code and stage) on a bad file."""
    fmt = sniff_format(data, name)
    doc = read_pdf(data, name, max_pages=max_pages, ocr=ocr) if fmt == "pdf" else READERS[fmt](data, name)
    if "\u2010" in doc.text or "\u2011" in doc.text:
        doc.text = doc.text.translate(_HYPHENS)  # one character for one: every block's offsets hold
    return doc
