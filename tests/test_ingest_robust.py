"""Ingest robustness: huge and deep HTML, mixed encodings, BOM-only files, PDF library noise and errors.

Every input is built here at test time.
"""
import pytest
from bs4.element import Tag

from extractor.ingest import IngestError, ingest


def error_of(data, name, **kw) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest(data, name, **kw)
    return info.value


# --- HTML: a bounded number of tree walks ---------------------------------------------------------
def _counting(prop, counter):
    def wrapped(self):
        for node in prop.fget(self):
            counter[0] += 1
            yield node
    return property(wrapped)


def _visits(monkeypatch, data: bytes):
    """Ingest `data` counting every node bs4 hands out through `descendants` and `children` (every
    find, find_all, get_text and child iteration goes through one of them); returns (doc, visits)."""
    counter = [0]
    monkeypatch.setattr(Tag, "descendants", _counting(Tag.descendants, counter))
    monkeypatch.setattr(Tag, "children", _counting(Tag.children, counter))
    doc = ingest(data, "big.html")
    monkeypatch.undo()
    return doc, counter[0]


def _page(n: int) -> bytes:
    head = ('<html><head><title>Big Page</title><meta property="og:site_name" content="Site">'
            '<meta name="date" content="2025-10-28"></head><body><h1>Big Page</h1>')
    spans = "".join(f"<p><span>w{i}</span></p>" if i % 100 == 0 else f"<span>w{i}</span>" for i in range(n))
    return (head + spans + "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
            "</body></html>").encode()


def test_html_200k_elements_bounded_tree_walks(monkeypatch):
    n = 200_000
    doc, visits = _visits(monkeypatch, _page(n))
    assert doc.title == "Big Page" and doc.published == "2025-10-28" and doc.site_name == "Site"
    assert "w0" in doc.text and f"w{n - 1}" in doc.text
    nodes = 2 * n + 2 * n // 100  # each span and its text; each <p>
    # One pass over the whole tree for metadata and one for the text (was about 55 before).
    assert visits / nodes < 2.5, f"{visits / nodes:.1f} walks over the tree"
    small_doc, small_visits = _visits(monkeypatch, _page(2000))
    assert small_visits * 50 < visits * 1.05  # linear in size: no walk per element


def test_html_metadata_lookups_keep_their_order_of_preference():
    data = (b'<html><head><meta name="og:title" content="By Name"><meta property="og:title" content="">'
            b'<meta itemprop="datePublished" content="2025-01-02">'
            b'<script type="application/ld+json">{"datePublished": "2024-05-06"}</script></head>'
            b'<body><h1>Heading</h1><time datetime="2023-03-04">x</time><p>Text.</p></body></html>')
    doc = ingest(data, "a.html")
    assert doc.title == "Heading"  # the first og:title by property is empty: preference moves on
    assert doc.published == "2025-01-02"  # meta first, then JSON-LD, then <time>
    doc = ingest(data.replace(b'itemprop="datePublished"', b'itemprop="x"'), "a.html")
    assert doc.published == "2024-05-06"


def test_html_nested_10000_deep_keeps_text_without_recursion_error():
    depth = 10_000
    deep = (b"<html><body>" + b"<div><span>" * depth + b"DEEP $7 billion" + b"</span></div>" * depth
            + b"<table><thead>" + b"<tr><td>H1</td><td>H2</td></tr></thead><tr><td>a</td><td>b</td></tr>"
            + b"</table></body></html>")
    doc = ingest(deep, "deep.html")
    assert "DEEP $7 billion" in doc.text
    assert [b.kind for b in doc.blocks][-2:] == ["table_header", "table_row"]


def test_html_deep_table_cells_and_title_without_recursion_error():
    depth = 10_000
    data = (b"<html><body><h1>" + b"<b>" * depth + b"Deep Title" + b"</b>" * depth + b"</h1><table><tr><td>"
            + b"<i>" * depth + b"cell" + b"</i>" * depth + b"</td><td>x</td></tr></table></body></html>")
    doc = ingest(data, "deep.html")
    assert doc.title == "Deep Title"
    assert "cell | x" in doc.text
