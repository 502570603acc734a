"""The ingest stage, reader by reader: bytes in, a Document (text, blocks, title, date) out.

Every fixture is made here at test time (PDFs with fpdf2 in memory), none is committed.
"""

import io
import struct
import zlib

import pytest

from extractor.config import ExtractConfig
from extractor.ingest import IngestError, ingest, sniff_format
from extractor.ingest import html as html_reader
from extractor.pipeline import extract_document


# --- helpers (test_bad_inputs.py uses them too) --------------------------------------------------
def block_texts(doc, kind=None):
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind == kind]


def kinds(doc):
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


def png_bytes(width=4, height=4) -> bytes:
    """A tiny red RGB PNG made with zlib and struct."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def new_pdf(title=None):
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    return pdf


def text_pdf(pages=("Page one says hello.",), title=None, **encryption) -> bytes:
    pdf = new_pdf(title)
    for body in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, body)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    pdf.image(io.BytesIO(png_bytes()), x=20, y=20, w=60)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    return text_pdf(["Secret deal worth $5 billion."], owner_password="o", user_password="u")


def truncated_pdf() -> bytes:
    data = text_pdf(["First page of the deal.", "Second page of the deal.", "Third page."])
    return data[: len(data) // 2]


def error_of(data, name, **kw) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest(data, name, **kw)
    return info.value


# --- plain text ---------------------------------------------------------------------------------
SAMPLE = "Steel Deal Signed In Ohio\n\nThe company said “it’s” a $5 billion plan.\n"


def test_text_utf8():
    doc = ingest(SAMPLE.encode("utf-8"), "a.txt")
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert doc.text == SAMPLE
    assert kinds(doc) == [
        ("heading", "Steel Deal Signed In Ohio"),
        ("paragraph", "The company said “it’s” a $5 billion plan."),
    ]


def test_text_utf8_bom_is_dropped_and_offsets_start_at_text():
    doc = ingest(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt")
    assert doc.encoding == "utf-8-sig"
    assert not doc.text.startswith("\ufeff")
    assert doc.text == SAMPLE
    assert doc.blocks[0].start == 0 and doc.text[: doc.blocks[0].end] == "Steel Deal Signed In Ohio"


@pytest.mark.parametrize(
    "codec, bom, expected",
    [
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),  # no BOM: every other byte is zero
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
def test_text_utf16(codec, bom, expected):
    doc = ingest(bom + SAMPLE.encode(codec), "a.txt")
    assert doc.encoding == expected
    assert doc.text == SAMPLE
    assert block_texts(doc)[1] == "The company said “it’s” a $5 billion plan."


def test_text_cp1252_smart_quotes():
    data = "The minister said \u201cit\u2019s done\u201d and the deal is signed.\r\n".encode("cp1252")
    assert b"\x93" in data and b"\x92" in data
    doc = ingest(data, "a.txt")
    assert doc.encoding in ("cp1252", "windows-1252")
    assert "\u201cit\u2019s done\u201d" in doc.text


@pytest.mark.parametrize(
    "text, codec",
    [
        ("He said \u201cno\u201d.", "cp1252"),
        ("Caf\u00e9 and na\u00efve r\u00e9sum\u00e9 \u2014 the deal.", "cp1252"),
        (
            "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144 \u2014 polski tekst jest tutaj w kodowaniu.",
            "cp1250",
        ),
        (
            "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u044d\u0442\u043e \u0440\u0443\u0441\u0441\u043a\u0438\u0439 "
            "\u0442\u0435\u043a\u0441\u0442.",
            "cp1251",
        ),
    ],
)
def test_text_legacy_code_pages(text, codec):
    doc = ingest(text.encode(codec), "a.txt")
    assert (doc.text, doc.encoding) == (text, codec)


def test_text_crlf_and_cr_newlines_normalized():
    doc = ingest(b"First Heading Line Here\r\n\r\nA paragraph here.\rAnother one here.\r\n", "a.txt")
    assert "\r" not in doc.text
    assert block_texts(doc) == ["First Heading Line Here", "A paragraph here.", "Another one here."]


def test_text_bullets_become_list_items_with_levels():
    text = (
        "Key points\n"
        "- Energy: $332 billion\n"
        "  - Westinghouse: up to $100 billion\n"
        "    - two reactors\n"
        "• Shipbuilding: $150 billion\n"
        "1. Structure of the package\n"
    )
    doc = ingest(text.encode(), "a.txt")
    items = [(doc.text[b.start : b.end], b.level) for b in doc.blocks if b.kind == "list_item"]
    assert items == [
        ("- Energy: $332 billion", 0),
        ("- Westinghouse: up to $100 billion", 1),
        ("- two reactors", 2),
        ("• Shipbuilding: $150 billion", 0),
        ("1. Structure of the package", 0),
    ]


def test_text_wrapped_lines_join_one_block():
    text = "The company will invest $5 billion\nin new plants across the region\nby 2027.\n\nNext paragraph here.\n"
    doc = ingest(text.encode(), "a.txt")
    assert len(doc.blocks) == 2
    first = doc.blocks[0]
    assert first.kind == "paragraph"
    assert (
        doc.text[first.start : first.end]
        == "The company will invest $5 billion\nin new plants across the region\nby 2027."
    )


def test_text_title_skips_share_junk_and_bylines():
    text = (
        "Share\n"
        "FacebookTwitterLinkedIn\n"
        "Facebook Twitter LinkedIn Email\n"
        "By Jane Doe and John Roe\n"
        "Big Steel Deal Signed In Ohio\n\n"
        "The company will invest $5 billion.\n"
    )
    doc = ingest(text.encode(), "a.txt")
    assert doc.title == "Big Steel Deal Signed In Ohio"


def test_text_title_skips_section_labels_and_lead_ins():
    text = "MARKETS / ASIA\n\nJapan, US near first tranche of investment deal\n\nThe first tranche is expected soon.\n"
    assert ingest(text.encode(), "a.txt").title == "Japan, US near first tranche of investment deal"
    lead_in = "Under the deal reached on Wednesday, the package is split into two parts:\n- one\n- two\n"
    assert ingest(lead_in.encode(), "a.txt").title is None


@pytest.mark.parametrize(
    "line, iso",
    [
        ("WASHINGTON, Oct. 28, 2025 — The company will invest $5 billion.", "2025-10-28"),
        ("Published: March 3, 2026", "2026-03-03"),
    ],
)
def test_text_dateline_gives_published(line, iso):
    doc = ingest(f"Steel Deal Signed In Ohio\n\n{line}\n\nMore text follows here.\n".encode(), "a.txt")
    assert doc.published == iso


def test_text_without_dateline_has_no_published():
    assert ingest(b"Steel Deal Signed In Ohio\n\nNo date in here at all.\n", "a.txt").published is None


# --- HTML ---------------------------------------------------------------------------------------
PAGE = """<!doctype html>
<html><head>
<title>Steel Deal Signed | Example News</title>
<meta property="og:site_name" content="Example News">
<style>.x { color: red }</style><script>var tracking = "SCRIPT";</script>
</head><body>
<header><a href="/">Home</a> SITE HEADER</header>
<nav>NAV LINKS</nav>
<div class="cookie-banner">COOKIE BANNER</div>
<div id="gdpr-consent">CONSENT DIALOG</div>
<noscript>NOSCRIPT TEXT</noscript>
<article>
  <header><h1>Steel Deal Signed</h1><div class="share"><a>SHARE LINKS</a></div></header>
  <p>The company will invest <b>$5 billion</b> in Ohio.</p>
  <ul><li>Invest <b>$5</b> billion</li><li>Boeing</li><li>Outer<ul><li>Inner</li></ul></li></ul>
  <h2>Projects</h2>
  <table>
    <tr><th>Company</th><th>Amount</th></tr>
    <tr><td>Boeing</td><td>$5 billion</td></tr>
    <tr><td>Acme <i>Corp</i></td><td>$2 million</td></tr>
  </table>
  <aside>ASIDE TEXT</aside>
</article>
<footer>SITE FOOTER</footer>
</body></html>"""


@pytest.mark.filterwarnings("error")
class TestHtml:
    def test_parser_is_named_lxml(self):
        assert html_reader.PARSER == "lxml"
        ingest(b"<p>x</p>", "a.html")  # no parser warning of any kind (warnings are errors here)

    def test_list_items_are_separate_blocks(self):
        doc = ingest(b"<html><body><ul><li>Invest <b>$5</b> billion</li><li>Boeing</li></ul></body></html>", "a.html")
        assert doc.format == "html"
        assert kinds(doc) == [("list_item", "Invest $5 billion"), ("list_item", "Boeing")]

    def test_chrome_dropped_article_header_kept(self):
        doc = ingest(PAGE.encode(), "a.html")
        for junk in (
            "SCRIPT",
            "color",
            "SITE HEADER",
            "NAV LINKS",
            "COOKIE BANNER",
            "CONSENT DIALOG",
            "NOSCRIPT",
            "SHARE LINKS",
            "ASIDE TEXT",
            "SITE FOOTER",
            "Home",
        ):
            assert junk not in doc.text
        assert kinds(doc)[0] == ("heading", "Steel Deal Signed")
        assert doc.blocks[0].level == 1

    def test_blocks_have_kinds(self):
        doc = ingest(PAGE.encode(), "a.html")
        assert kinds(doc) == [
            ("heading", "Steel Deal Signed"),
            ("paragraph", "The company will invest $5 billion in Ohio."),
            ("list_item", "Invest $5 billion"),
            ("list_item", "Boeing"),
            ("list_item", "Outer"),
            ("list_item", "Inner"),
            ("heading", "Projects"),
            ("table_header", "Company | Amount"),
            ("table_row", "Boeing | $5 billion"),
            ("table_row", "Acme Corp | $2 million"),
        ]
        levels = [b.level for b in doc.blocks if b.kind == "list_item"]
        assert levels == [0, 0, 0, 1]

    def test_table_cells_and_header(self):
        doc = ingest(PAGE.encode(), "a.html")
        header = next(b for b in doc.blocks if b.kind == "table_header")
        rows = [b for b in doc.blocks if b.kind == "table_row"]
        assert [doc.text[s:e] for s, e in header.cells] == ["Company", "Amount"]
        assert [[doc.text[s:e] for s, e in r.cells] for r in rows] == [
            ["Boeing", "$5 billion"],
            ["Acme Corp", "$2 million"],
        ]
        assert all(r.header == ("Company", "Amount") for r in rows)
        for r in rows:
            assert r.start <= r.cells[0][0] and r.cells[-1][1] <= r.end

    def test_thead_row_is_header(self):
        doc = ingest(
            b"<html><body><table><thead><tr><td>Firm</td><td>Value</td></tr></thead>"
            b"<tbody><tr><td>Acme</td><td>$1 billion</td></tr></tbody></table></body></html>",
            "a.html",
        )
        assert [b.kind for b in doc.blocks] == ["table_header", "table_row"]
        assert doc.blocks[1].header == ("Firm", "Value")

    def test_title_from_og_title_first(self):
        doc = ingest(
            b'<html><head><meta property="og:title" content="OG  Title Here"><title>Tag Title</title>'
            b"</head><body><h1>Heading</h1></body></html>",
            "a.html",
        )
        assert doc.title == "OG Title Here"

    def test_title_from_title_tag_then_h1(self):
        doc = ingest(b"<html><head><title>Tag Title</title></head><body><h1>Heading</h1></body></html>", "a.html")
        assert doc.title == "Tag Title"
        doc = ingest(b"<html><head></head><body><h1>The <b>Bold</b> Heading</h1></body></html>", "a.html")
        assert doc.title == "The Bold Heading"
        assert ingest(b"<html><body><p>No title at all.</p></body></html>", "a.html").title is None

    def test_site_name_stripped_only_when_og_site_name_says_so(self):
        doc = ingest(PAGE.encode(), "a.html")
        assert doc.site_name == "Example News"
        assert doc.title == "Steel Deal Signed"
        other = PAGE.replace('content="Example News"', 'content="Other Outlet"')
        assert ingest(other.encode(), "a.html").title == "Steel Deal Signed | Example News"

    @pytest.mark.parametrize(
        "head, body",
        [
            ('<meta property="article:published_time" content="2025-10-28T09:00:00Z">', ""),
            ("", '<p>Posted <time datetime="2025-10-28">Tuesday</time></p>'),
            (
                '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
                '[{"@type": "NewsArticle", "headline": "X", "datePublished": "2025-10-28T09:00:00+00:00"}]}</script>',
                "",
            ),
        ],
        ids=["meta", "time", "json-ld"],
    )
    def test_published(self, head, body):
        doc = ingest(f"<html><head>{head}</head><body><p>Text.</p>{body}</body></html>".encode(), "a.html")
        assert doc.published == "2025-10-28"

    def test_no_published(self):
        assert ingest(b"<html><body><p>Text.</p></body></html>", "a.html").published is None

    def test_deeply_nested_keeps_text(self):
        deep = (
            b"<html><body>"
            + b"<div>" * 10_000
            + b"<span>DEEP MARKER $7 billion</span>"
            + b"</div>" * 10_000
            + b"</body></html>"
        )
        doc = ingest(deep, "deep.html")
        assert "DEEP MARKER $7 billion" in doc.text

    def test_declared_windows_1252(self):
        data = (
            '<html><head><meta charset="windows-1252"><title>T</title></head>'
            "<body><p>\u201cQuoted\u201d it\u2019s caf\u00e9</p></body></html>"
        ).encode("cp1252")
        doc = ingest(data, "a.html")
        assert doc.encoding == "cp1252"
        assert doc.text == "\u201cQuoted\u201d it\u2019s caf\u00e9"

    def test_declared_iso_8859_1_is_read_as_windows_1252(self):
        # As browsers do: pages labelled latin-1 use cp1252's smart quotes (0x93/0x94), not C1 controls.
        data = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head>'
            "<body><p>\u201cQuoted\u201d</p></body></html>"
        ).encode("cp1252")
        doc = ingest(data, "a.html")
        assert doc.text == "\u201cQuoted\u201d"

    def test_declared_charset_wrong_for_utf8_bytes(self):
        # The page says latin-1 (or utf-16, which ASCII bytes cannot be) but is saved as UTF-8.
        for label in ("iso-8859-1", "utf-16"):
            data = (
                f'<html><head><meta charset="{label}"></head>'
                "<body><p>Caf\u00e9 \u201cdeal\u201d worth $5 billion</p></body></html>"
            ).encode()
            doc = ingest(data, "a.html")
            assert doc.encoding == "utf-8", label
            assert doc.text == "Caf\u00e9 \u201cdeal\u201d worth $5 billion"

    def test_xhtml_with_xml_declaration(self):
        doc = ingest(
            b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            b"<body><p>Deal text.</p></body></html>",
            "a.xhtml",
        )
        assert doc.text == "Deal text."


# --- PDF ----------------------------------------------------------------------------------------
LONG = (
    "The company will invest a great deal of money in new plants across the region over the next "
    "several years, creating thousands of jobs and growing the local economy for everyone who lives there."
)


def test_pdf_pages_on_blocks():
    doc = ingest(text_pdf(["First page text.", "Second page text.", "Third page text."]), "a.pdf")
    assert doc.format == "pdf" and doc.pages == 3
    assert [(b.page, doc.text[b.start : b.end]) for b in doc.blocks] == [
        (1, "First page text."),
        (2, "Second page text."),
        (3, "Third page text."),
    ]
    assert doc.warnings == []


def test_pdf_wrapped_paragraph_is_one_block():
    import pdfplumber

    data = text_pdf([LONG])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages[0].extract_text_lines()) >= 2  # the fixture really wraps
    doc = ingest(data, "a.pdf")
    assert kinds(doc) == [("paragraph", LONG)]


def test_pdf_table_rows_with_cells():
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, "Projects announced today.")
    pdf.ln(4)
    with pdf.table() as table:
        for cells in (("Company", "Amount"), ("Boeing", "$5 billion"), ("Acme", "$2 million")):
            row = table.row()
            for c in cells:
                row.cell(c)
    doc = ingest(bytes(pdf.output()), "a.pdf")
    table_blocks = [b for b in doc.blocks if b.kind.startswith("table")]
    assert [b.kind for b in table_blocks] == ["table_header", "table_row", "table_row"]
    assert [[doc.text[s:e] for s, e in b.cells] for b in table_blocks] == [
        ["Company", "Amount"],
        ["Boeing", "$5 billion"],
        ["Acme", "$2 million"],
    ]
    assert [b.header for b in table_blocks[1:]] == [("Company", "Amount")] * 2
    assert all(b.page == 1 for b in table_blocks)
    assert "Boeing" not in doc.text.replace("Boeing | $5 billion", "")  # cell text is not repeated as lines


def test_pdf_title_from_metadata():
    doc = ingest(text_pdf(["Some Heading Here\n\n" + LONG], title="Metadata  Title"), "a.pdf")
    assert doc.title == "Metadata Title"


def test_pdf_title_from_first_heading():
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Steel Deal Signed In Ohio", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, LONG)
    doc = ingest(bytes(pdf.output()), "a.pdf")
    assert doc.title == "Steel Deal Signed In Ohio"
    assert kinds(doc)[0] == ("heading", "Steel Deal Signed In Ohio")


def test_pdf_lone_short_line_is_a_heading():
    pdf = new_pdf()
    pdf.add_page()
    pdf.cell(0, 10, "Steel Deal Signed In Ohio")
    doc = ingest(bytes(pdf.output()), "a.pdf")
    assert doc.title == "Steel Deal Signed In Ohio"


def test_pdf_dateline_gives_published():
    doc = ingest(text_pdf(["WASHINGTON, Oct. 28, 2025 - The company will invest $5 billion."]), "a.pdf")
    assert doc.published == "2025-10-28"


def test_pdf_encrypted():
    err = error_of(encrypted_pdf(), "a.pdf")
    assert err.error_type == "encrypted"


@pytest.mark.parametrize(
    "data", [truncated_pdf(), b"%PDF-1.7\n garbage", b"not a pdf at all"], ids=["truncated", "garbage", "no-header"]
)
def test_pdf_corrupt(data):
    assert error_of(data, "a.pdf").error_type == "corrupt"


def test_pdf_zero_bytes_is_empty():
    # Decided: an empty file is "empty" whatever its name (as for .txt), not "corrupt".
    assert error_of(b"", "a.pdf").error_type == "empty"


def test_pdf_image_only_gives_warning_not_error():
    data = image_only_pdf()
    doc = ingest(data, "scan.pdf")
    assert doc.text == "" and doc.blocks == [] and doc.pages == 1
    assert len(doc.warnings) == 1 and "no text layer" in doc.warnings[0].message
    assert doc.warnings[0].code == "no_text_layer"
    record = extract_document(data, "scan.pdf")
    assert any("no text layer" in w for w in record.warnings)
    assert record.document.format == "pdf" and record.document.characters == 0


def test_pdf_too_many_pages():
    data = text_pdf(["One.", "Two.", "Three."])
    err = error_of(data, "a.pdf", max_pages=2)
    assert (err.error_type, err.stage) == ("too_many_pages", "limits")
    assert ingest(data, "a.pdf", max_pages=3).pages == 3
    with pytest.raises(IngestError) as info:
        extract_document(data, "a.pdf", ExtractConfig(max_pages=2))
    assert (info.value.error_type, info.value.stage) == ("too_many_pages", "limits")


# --- sniffing -----------------------------------------------------------------------------------
def test_html_named_txt_is_read_as_html():
    doc = ingest(b"<!DOCTYPE html><html><body><script>x()</script><p>Hello there.</p></body></html>", "a.txt")
    assert doc.format == "html" and doc.text == "Hello there."


def test_pdf_named_bin_is_read_as_pdf():
    doc = ingest(text_pdf(["Hello from a PDF."]), "download.bin")
    assert doc.format == "pdf" and doc.text == "Hello from a PDF."


def test_unknown_extension_binary_is_unsupported():
    err = error_of(png_bytes(), "picture.png")
    assert (err.error_type, err.stage) == ("unsupported_format", "detect")
    assert error_of(bytes(range(256)) * 8, "blob.bin").error_type == "unsupported_format"


def test_sniff_format_table():
    assert sniff_format(b"\xef\xbb\xbf<html><body>x", "a.dat") == "html"
    assert sniff_format(b"  %PDF-1.4 ...", "a") == "pdf"
    assert sniff_format(b"plain words", "notes") == "txt"
    assert sniff_format(b"plain words", "notes.md") == "md"


# --- titles and running lines ----------------------------------------------------------------------
import json as _json  # noqa: E402
import re as _re  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

_CORPUS = _Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    "path", sorted(p for p in (_CORPUS / "documents").iterdir() if p.is_file()), ids=lambda p: p.name
)
def test_corpus_title_matches_expected(path):
    _skip_scan_without_ocr(path)
    gold = _json.loads((_CORPUS / "expected" / f"{path.name}.gold.json").read_text(encoding="utf-8"))
    assert ingest(path.read_bytes(), path.name).title == gold["title"]


@pytest.mark.parametrize(
    "name,text,title",
    [
        (
            "letterhead.txt",
            "PRESS RELEASE\n\nMinistry of Economy and Finance\nRepublic of Korea\n\n"
            "Contact: Press Office, Tel. +82-44-215-0000 (press office)\n\nKorea Sets Out Safeguards For The Package\n\nBody.",
            "Korea Sets Out Safeguards For The Package",
        ),
        (
            "masthead.txt",
            "THE MERIDIAN DESK — Weekly Gulf Briefing\nIssue 47 | November 20, 2025\nBy A. Writer\n\n"
            "Counting the Gulf trillions: what the pledges add up to\n\nBody.",
            "Counting the Gulf trillions: what the pledges add up to",
        ),
        (
            "label.txt",
            "Policy Brief No. 26-04\nFinancing Japan's Strategic Investment in the United States\n\nBody.",
            "Financing Japan's Strategic Investment in the United States",
        ),
        (
            "label.md",
            "JOINT FACT SHEET\n\nUnited States and Korea Leaders Meet on Trade\n\nBody.",
            "United States and Korea Leaders Meet on Trade",
        ),
        (
            "post.md",
            "Department of Commerce\n\n# Commerce Announces New Chip Awards\n\nBody.",
            "Commerce Announces New Chip Awards",
        ),
    ],
)
def test_title_is_the_headline(name, text, title):
    assert ingest(text.encode(), name).title == title


def _pdf_with_running_lines(title_size=16) -> bytes:
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 6, "Joint Statement - Example Country", align="R")
                self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 8, f"For public release    |    Page {self.page_no()} of {{nb}}", align="C")

    pdf = Doc()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", title_size)
    pdf.multi_cell(
        0,
        9,
        "BRIEFING NOTE: Example Country and the United States Agree on Critical Minerals",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", size=11)
    bodies = [
        "Acme Corp will invest $5 billion in new plants in Ohio and Texas over the next years. " * 2,
        "The second part of the plan covers ports, rail lines and the grid in three states. " * 2,
        "Closing remarks on page 3: both sides will meet again next spring to review it. " * 2,
    ]
    for i, body in enumerate(bodies):
        if i:
            pdf.add_page()
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_wrapped_title_is_joined():
    doc = ingest(_pdf_with_running_lines(), "brief.pdf")
    assert doc.title == "BRIEFING NOTE: Example Country and the United States Agree on Critical Minerals"


def test_pdf_running_headers_and_footers_are_dropped_pages_kept():
    doc = ingest(_pdf_with_running_lines(), "brief.pdf")
    assert "Page 1 of 3" not in doc.text and "For public release" not in doc.text
    assert "Joint Statement - Example Country" not in doc.text
    assert sorted({b.page for b in doc.blocks}) == [1, 2, 3]
    assert [b.page for b in doc.blocks if "page 3" in doc.text[b.start : b.end]] == [3]


@pytest.mark.parametrize("path", sorted((_CORPUS / "documents").glob("*.pdf")), ids=lambda p: p.name)
def test_no_repeated_footer_line_in_corpus_pdfs(path):
    _skip_scan_without_ocr(path)
    doc = ingest(path.read_bytes(), path.name)
    assert not _re.search(r"Page \d+ of \d+", doc.text)
    pages_of: dict[str, set] = {}
    for b in doc.blocks:
        if b.kind not in ("table_row", "table_header"):
            pages_of.setdefault(_re.sub(r"\d+", "#", doc.text[b.start : b.end]), set()).add(b.page)
    assert [t for t, pages in pages_of.items() if len(pages) > 1 and len(t) > 3] == []


def _skip_scan_without_ocr(path):
    from extractor.ingest import ocr

    if "-scan." in path.name and not ocr.available():
        pytest.skip(ocr.INSTALL_HINT)


def test_txt_short_lines_under_a_lead_in_are_an_unmarked_list():
    text = (
        "Partners named in the filing:\n"
        "Kestrel Cells\n"
        "Ridgeway Foundries\n"
        "Halloway Marine Group\n"
        "The list is not final.\n"
        "\n"
        "Outlook:\n"
        "Second Quarter\n"
        "\n"
        "Board Changes\n"
        "Annual Report\n"
    )
    doc = ingest(text.encode(), "partners.txt")
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Partners named in the filing:"),
        ("list_item", "Kestrel Cells"),
        ("list_item", "Ridgeway Foundries"),
        ("list_item", "Halloway Marine Group"),
        ("paragraph", "The list is not final."),
        ("heading", "Outlook:"),
        ("heading", "Second Quarter"),  # one line alone is no list
        ("heading", "Board Changes"),  # no lead-in above: headings
        ("heading", "Annual Report"),
    ]
