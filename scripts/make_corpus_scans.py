#!/usr/bin/env python3
"""Make the corpus's scanned PDF: a text PDF of the corpus rendered to page images and put back
into a PDF with no text layer, as a scanner would give it (the OCR reader's test document).

    .venv/bin/python scripts/make_corpus_scans.py

pypdfium2 renders each page at 200 dpi in grey; fpdf2 writes the images, one per A4 page, with a
fixed creation date, so rebuilding gives byte-identical files.
"""

import io
from datetime import datetime, timezone
from pathlib import Path

import pypdfium2
from fpdf import FPDF

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
SCANS = {"05-us-korea-joint-fact-sheet.pdf": "22-us-korea-joint-fact-sheet-scan.pdf"}
DPI = 200


def scan(source: Path, target: Path) -> None:
    pdf = pypdfium2.PdfDocument(source.read_bytes())
    out = FPDF(unit="pt")
    out.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.utc))
    out.set_creator("corpus scanner")
    out.set_producer("corpus scanner")
    out.set_auto_page_break(False)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_width(), page.get_height()
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            png = io.BytesIO()
            image.save(png, format="PNG", optimize=True)
            out.add_page(format=(w, h))
            out.image(png, x=0, y=0, w=w, h=h)
    finally:
        pdf.close()
    target.write_bytes(bytes(out.output()))


def main() -> None:
    for source, target in SCANS.items():
        scan(DOCS / source, DOCS / target)
        print(DOCS / target)


if __name__ == "__main__":
    main()
