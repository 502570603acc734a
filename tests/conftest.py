import datetime as dt
from pathlib import Path

import pytest

from extractor.config import ExtractConfig
from extractor.ingest import ingest
from extractor.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def extract_text(text: str, name: str = "doc.txt", reference_date: str | None = None):
    """Run the whole pipeline on a text given inline."""
    ref = dt.date.fromisoformat(reference_date) if reference_date else None
    return extract_document(text.encode("utf-8"), name, ExtractConfig(reference_date=ref))


def iter_spans(record):
    """(label, text, [start, end], expected text or None) for every item that carries a span."""
    for a in record.amounts:
        yield "amount", a.span, a.text
    for p in record.percentages:
        yield "percentage", p.span, p.text
    for d in record.deadlines:
        yield "deadline", d.span, d.text
    for c in record.companies:
        for s in c.mentions:
            yield "company", s, None
    for c in record.countries:
        for s in c.mentions:
            yield "country", s, None
    for s in record.sectors:
        for m in s.mentions:
            yield "sector", m, None
    for c in record.commitments:
        yield "commitment", c.span, c.amount.text


@pytest.fixture
def extract():
    return extract_text


# Forms the English model's exception patterns name (contractions, "there is", spaces), each in a sentence.
SPECIAL = [
    "I ain't gonna sign it, y'all, and we gotta wait. Let's see.",
    "C'mon, there is a plan and there are two; nothin' changed.",
    "  \n  Spaces\t\there   and  there.  ",
    "He's n't sure; it's John's, and that's what they'd said.",
    "",
]


@pytest.fixture(scope="session")
def block_texts() -> list[str]:
    """The text of every block of the corpus, real and seed documents, and a few special forms."""
    texts = list(SPECIAL)
    for folder in (ROOT / "corpus" / "documents", SHARED / "eval" / "real" / "docs", SHARED / "seeds"):
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".html", ".md", ".pdf"):
                doc = ingest(path.read_bytes(), path.name, ocr=False)
                texts += [doc.text[b.start : b.end] for b in doc.blocks]
    return texts
