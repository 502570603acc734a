#!/usr/bin/env python3
"""Make the corpus's Word document (python-docx): a client memo written for this project.

    .venv/bin/python scripts/make_corpus_docx.py

Core properties carry the title and a fixed date; the ZIP members get a fixed time stamp and
order, so rebuilding gives byte-identical files.
"""

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx

OUT = Path(__file__).resolve().parent.parent / "corpus" / "documents" / "23-nippon-us-steel-client-memo.docx"
FIXED = dt.datetime(2025, 6, 20, 9, 0, 0)
TITLE = "Nippon Steel closes its U.S. Steel purchase: what the golden share and the investment pledge mean"


def build() -> bytes:
    d = docx.Document()
    cp = d.core_properties
    cp.title, cp.author, cp.created, cp.modified, cp.revision = TITLE, "Harbor Lane Advisory", FIXED, FIXED, 1
    d.add_paragraph("HARBOR LANE ADVISORY | CLIENT MEMO")
    d.add_paragraph(TITLE, style="Title")
    d.add_paragraph("June 20, 2025")
    d.add_heading("Summary", level=1)
    d.add_paragraph(
        "Nippon Steel Corporation completed its acquisition of United States Steel Corporation on June 18, 2025, "
        "after the U.S. government cleared the deal under a national security agreement. The purchase values "
        "U.S. Steel at about $14.9 billion including debt, or $55 per share in cash."
    )
    d.add_paragraph(
        "The agreement gives the U.S. government a golden share: certain decisions, such as moving the "
        "headquarters out of Pittsburgh or changing the company's name, need its consent."
    )
    d.add_heading("What Nippon Steel has promised", level=1)
    for text in (
        "New capital investment of approximately $11 billion in U.S. Steel's plants by 2028.",
        "A new steel mill in the United States, part of that sum, with the site still to be chosen.",
        "U.S. citizens as the majority of the board and in key management posts.",
    ):
        d.add_paragraph(text, style="List Bullet")
    d.add_heading("The numbers at a glance", level=1)
    rows = [
        ("Item", "Amount", "Timing"),
        ("Purchase price, including debt", "$14.9 billion", "closed June 18, 2025"),
        ("New capital investment", "about $11 billion", "by 2028"),
        ("Price per share", "$55", "paid at closing"),
    ]
    table = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_heading("Our view", level=1)
    d.add_paragraph(
        "For suppliers in Pennsylvania, Indiana and Alabama the investment schedule matters more than the "
        "headline price. Clients bidding for the new mill should expect site decisions within the next year."
    )
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same members with a fixed time stamp, so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    OUT.write_bytes(build())
    print(OUT)


if __name__ == "__main__":
    main()
