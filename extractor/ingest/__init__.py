"""Ingest stage: bytes -> Document. Readers are chosen by content, then by file name."""
from __future__ import annotations

import re
from typing import Callable

from extractor.ingest.document import Block, Document, IngestError, Notice
from extractor.ingest.html import read_html
from extractor.ingest.pdf import read_pdf
from extractor.ingest.text import read_text

Reader = Callable[[bytes, str], Document]

# The registry: one entry per format. A new format is one new module and one line here.
READERS: dict[str, Reader] = {"txt": read_text, "html": read_html, "pdf": read_pdf}
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt",
              ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)

__all__ = ["Block", "Document", "IngestError", "Notice", "READERS", "sniff_format", "ingest"]


def sniff_format(data: bytes, name: str) -> str:
    """Decide the format from the bytes first, the extension second."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = EXTENSIONS.get(ext)
    if fmt == "pdf":
        return "pdf"  # the reader reports the missing header as a corrupt PDF
    if fmt is None and ext:
        raise IngestError("unsupported_format", f"no reader for {ext!r} files", stage="detect")
    return fmt or "txt"  # no extension: read as text (binary content fails in decoding)


def ingest(data: bytes, name: str, max_pages: int | None = None) -> Document:
    fmt = sniff_format(data, name)
    if fmt == "pdf":
        return read_pdf(data, name, max_pages=max_pages)
    return READERS[fmt](data, name)
