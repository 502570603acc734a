"""Markdown read as Markdown: blocks and plain text, no syntax or link target left in the text."""

import re

import pytest
from conftest import CORPUS

from extractor.config import ExtractConfig
from extractor.ingest import ingest, sniff_format
from extractor.pipeline import extract_document

POST = """---
title: "Front matter title"
date: 2025-04-30
---

# Heading one

[Share on X](https://x.com/intent/post) · [Share on LinkedIn](https://www.linkedin.com/sharing)

Intro with *emphasis*, **bold**, `code`, ~~gone~~ and a [link](https://example.org/a "t").
![an image](/img/a.png)

## Table

| Company | Amount |
| --- | --- |
| Acme Corp | $5 billion |

* first **item**
  * nested item
1. numbered one
"""

SYNTAX = re.compile(r"\]\(|https?://|\*\*|__|`|~~|^#{1,6}\s|^\s*\|?\s*:?-{3,}|!\[", re.M)


def blocks(doc):
    return [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks]


def test_markdown_blocks_and_plain_text():
    doc = ingest(POST.encode(), "post.md")
    assert doc.format == "md"
    assert doc.title == "Front matter title" and doc.published == "2025-04-30"
    assert blocks(doc) == [
        ("heading", 1, "Heading one"),
        ("paragraph", 0, "Intro with emphasis, bold, code, and a link."),
        ("heading", 2, "Table"),
        ("table_header", 0, "Company | Amount"),
        ("table_row", 0, "Acme Corp | $5 billion"),
        ("list_item", 0, "first item"),
        ("list_item", 1, "nested item"),
        ("list_item", 0, "numbered one"),
    ]
    row = doc.blocks[4]
    assert [doc.text[a:b] for a, b in row.cells] == ["Acme Corp", "$5 billion"]
    assert row.header == ("Company", "Amount")
    assert not SYNTAX.search(doc.text)


def test_markdown_title_without_front_matter_is_the_first_h1():
    doc = ingest(b"Some intro line that is long enough here.\n\n# The Real Headline Of The Post\n\nBody.", "a.md")
    assert doc.title == "The Real Headline Of The Post"


@pytest.mark.parametrize("ext", [".md", ".markdown", ".MD"])
def test_markdown_sniffed_by_extension(ext):
    assert sniff_format(b"# Title\n\ntext", "post" + ext) == "md"


def test_markdown_spans_index_the_plain_text():
    text = "# Deal\n\n**Acme Corp** will invest *$5 billion* in [Ohio](https://ohio.gov) by 2027.\n"
    rec = extract_document(text.encode(), "deal.md", ExtractConfig(keep_text=True))
    assert rec.text == "Deal\nAcme Corp will invest $5 billion in Ohio by 2027."
    assert [rec.text[a.span[0] : a.span[1]] for a in rec.amounts] == ["$5 billion"]
    assert [rec.text[d.span[0] : d.span[1]] for d in rec.deadlines] == [d.text for d in rec.deadlines]


@pytest.mark.parametrize("path", sorted((CORPUS / "documents").glob("*.md")), ids=lambda p: p.name)
def test_no_markdown_syntax_in_corpus_records(path):
    rec = extract_document(path.read_bytes(), path.name, ExtractConfig(keep_text=True))
    assert not SYNTAX.search(rec.text), SYNTAX.search(rec.text)
    sentences = [x.sentence for x in rec.amounts + rec.deadlines + rec.companies + rec.commitments]
    assert sentences and not any(SYNTAX.search(s) for s in sentences)
    assert "Share on" not in rec.text


LINK_SYNTAX = re.compile(r"\]\(|\]\[|https?://|\*\*|`|~~|!\[")


@pytest.mark.parametrize(
    "path", sorted(p for p in (CORPUS / "documents").iterdir() if p.is_file()), ids=lambda p: p.name
)
def test_no_link_syntax_or_target_in_any_corpus_text(path):
    """Sentences are cut from the text, so a clean text means clean sentences."""
    _skip_scan_without_ocr(path)
    doc = ingest(path.read_bytes(), path.name)
    assert not LINK_SYNTAX.search(doc.text), doc.text[max(LINK_SYNTAX.search(doc.text).start() - 40, 0) :][:120]


def _skip_scan_without_ocr(path):
    from extractor.ingest import ocr

    if "-scan." in path.name and not ocr.available():
        pytest.skip(ocr.INSTALL_HINT)
