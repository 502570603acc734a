"""Ingest robustness: huge and deep HTML, mixed encodings, BOM-only files, PDF library noise and errors.

Every input is built here at test time.
"""

import collections

import pytest
from bs4.element import Tag

from extractor.ingest import IngestError, ingest


def error_of(data, name, **kw) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest(data, name, **kw)
    return info.value


# --- HTML: one pass over the page ----------------------------------------------------------------
def _page(n: int) -> bytes:
    head = (
        '<html><head><title>Big Page</title><meta property="og:site_name" content="Site">'
        '<meta name="date" content="2025-10-28"></head><body><h1>Big Page</h1>'
    )
    spans = "".join(f"<p><span>w{i}</span></p>" if i % 100 == 0 else f"<span>w{i}</span>" for i in range(n))
    return (
        head + spans + "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></body></html>"
    ).encode()


def _passes(monkeypatch, data: bytes):
    """Ingest `data` counting parsers made, feeds, the elements the reader is handed, and every node
    a BeautifulSoup tree would hand out (`descendants`, `children`: every find, find_all, get_text
    and child loop goes through one of them). Returns (doc, counts)."""
    from lxml import etree

    from extractor.ingest import html_walk

    counts = collections.Counter()

    class CountingParser(etree.HTMLParser):
        def __init__(self, *args, **kwargs):
            counts["parsers"] += 1
            super().__init__(*args, **kwargs)

        def feed(self, data):
            counts["feeds"] += 1
            return super().feed(data)

    def counting(prop):
        def wrapped(self):
            for node in prop.fget(self):
                counts["tree nodes"] += 1
                yield node

        return property(wrapped)

    start = html_walk.PageReader.start

    def counting_start(self, tag, attrib, nsmap=None):
        counts["elements"] += 1
        return start(self, tag, attrib, nsmap)

    monkeypatch.setattr(etree, "HTMLParser", CountingParser)
    monkeypatch.setattr(html_walk.PageReader, "start", counting_start)
    monkeypatch.setattr(Tag, "descendants", counting(Tag.descendants))
    monkeypatch.setattr(Tag, "children", counting(Tag.children))
    doc = ingest(data, "big.html")
    monkeypatch.undo()
    return doc, counts


def test_html_200k_elements_read_in_one_pass(monkeypatch):
    n = 200_000
    doc, counts = _passes(monkeypatch, _page(n))
    assert doc.title == "Big Page" and doc.published == "2025-10-28" and doc.site_name == "Site"
    assert "w0" in doc.text and f"w{n - 1}" in doc.text and doc.text.endswith("1 | 2")
    elements = n + n // 100 + 15  # spans, paragraphs, and the page around them
    # One parse, each element handed over once, no tree walked at all (about 55 walks before, then 2).
    assert (counts["parsers"], counts["feeds"], counts["tree nodes"]) == (1, 1, 0)
    assert n < counts["elements"] <= elements


@pytest.mark.parametrize(
    "page, text, title",
    [
        # the <body>'s text only: a stray <title> after </head> is outside it
        (b"<html><head></head><title>Second</title><body><p>Body text.</p></body></html>", "Body text.", "Second"),
        # a clutter word on <html> or <body> does not drop the page (the walk starts inside <body>)
        (b'<html class="no-js sidebar-open"><body class="share-page"><p>Kept.</p></body></html>', "Kept.", None),
        # cells and the <h1> title read as get_text read them: no ruby annotations, no comments, spaced
        (
            b"<body><table><tr><td><ruby>\xe6\x9d\xb1<rt>to</rt></ruby>x<!--c-->y</td><td><b>$5</b>bn</td></tr></table>"
            b"<h1>Big <script>s()</script><b>Deal</b></h1></body>",
            "\u6771 x y | $5 bn\nBig Deal",
            "Big Deal",
        ),
        # an <h1> inside a <template> has no text for a title
        (b"<body><template><h1>Hidden</h1></template><p>Text.</p></body>", "Text.", None),
    ],
    ids=["outside-body", "clutter-word-on-root", "get-text-cells", "template-h1"],
)
def test_html_reads_as_the_tree_walk_did(page, text, title):
    doc = ingest(page, "a.html")
    assert (doc.text, doc.title) == (text, title)


def test_html_unclosed_elements_and_mismatched_ends():
    doc = ingest(b"<body><ul><li>One<li>Two</ul></div></span><p>Three<table><tr><td>a<td>b</table>End", "a.html")
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("list_item", "One"),
        ("list_item", "Two"),
        ("paragraph", "Three"),
        ("table_row", "a | b"),
        ("paragraph", "End"),
    ]


def test_html_metadata_lookups_keep_their_order_of_preference():
    data = (
        b'<html><head><meta name="og:title" content="By Name"><meta property="og:title" content="">'
        b'<meta itemprop="datePublished" content="2025-01-02">'
        b'<script type="application/ld+json">{"datePublished": "2024-05-06"}</script></head>'
        b'<body><h1>Heading</h1><time datetime="2023-03-04">x</time><p>Text.</p></body></html>'
    )
    doc = ingest(data, "a.html")
    assert doc.title == "Heading"  # the first og:title by property is empty: preference moves on
    assert doc.published == "2025-01-02"  # meta first, then JSON-LD, then <time>
    doc = ingest(data.replace(b'itemprop="datePublished"', b'itemprop="x"'), "a.html")
    assert doc.published == "2024-05-06"


def test_html_nested_10000_deep_keeps_text_without_recursion_error():
    depth = 10_000
    deep = (
        b"<html><body>"
        + b"<div><span>" * depth
        + b"DEEP $7 billion"
        + b"</span></div>" * depth
        + b"<table><thead>"
        + b"<tr><td>H1</td><td>H2</td></tr></thead><tr><td>a</td><td>b</td></tr>"
        + b"</table></body></html>"
    )
    doc = ingest(deep, "deep.html")
    assert "DEEP $7 billion" in doc.text
    assert [b.kind for b in doc.blocks][-2:] == ["table_header", "table_row"]


def test_html_deep_table_cells_and_title_without_recursion_error():
    depth = 10_000
    data = (
        b"<html><body><h1>"
        + b"<b>" * depth
        + b"Deep Title"
        + b"</b>" * depth
        + b"</h1><table><tr><td>"
        + b"<i>" * depth
        + b"cell"
        + b"</i>" * depth
        + b"</td><td>x</td></tr></table></body></html>"
    )
    doc = ingest(data, "deep.html")
    assert doc.title == "Deep Title"
    assert "cell | x" in doc.text


# --- decoding: mixed UTF-8 and cp1252, WHATWG labels, blank files ---------------------------------
UTF8_PART = "The minister said \u201cthe deal is done\u201d \u2014 caf\u00e9 owners in Z\u00fcrich agreed.\n"
CP1252_PART = "Acme will invest \u20ac5 billion in the plant, it\u2019s said.\n"


def test_text_mixed_utf8_and_cp1252_read_as_utf8_with_repair():
    data = (UTF8_PART * 3).encode("utf-8") + CP1252_PART.encode("cp1252")
    doc = ingest(data, "mixed.txt")
    assert doc.encoding == "utf-8"
    assert doc.text == UTF8_PART * 3 + CP1252_PART
    assert "\u20ac5 billion" in doc.text
    assert (
        len(doc.warnings) == 1
        and "mixed encodings" in doc.warnings[0].message
        and "windows-1252" in doc.warnings[0].message
    )
    assert doc.warnings[0].code == "mixed_encoding"
    assert "2 invalid byte sequence(s) (2 bytes)" in doc.warnings[0].message


def test_text_mixed_encoding_reaches_the_record():
    from extractor.pipeline import extract_document

    data = UTF8_PART.encode("utf-8") * 2 + CP1252_PART.encode("cp1252")
    record = extract_document(data, "mixed.txt")
    assert any("mixed encodings" in w for w in record.warnings)
    assert any(a.currency == "EUR" and a.value == 5_000_000_000 for a in record.amounts)


@pytest.mark.parametrize(
    "text, codec",
    [
        ("Acme will invest \u20ac5 billion, \u201cit\u2019s\u201d said; caf\u00e9 na\u00efve.", "cp1252"),
        (
            "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144 \u2014 polski tekst jest tutaj w kodowaniu.",
            "cp1250",
        ),
        (
            "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u044d\u0442\u043e \u0440\u0443\u0441\u0441\u043a\u0438\u0439 "
            "\u0442\u0435\u043a\u0441\u0442 \u00ab\u042f\u00bb.",
            "cp1251",
        ),
    ],
)
def test_text_wholly_legacy_is_not_taken_for_mixed(text, codec):
    doc = ingest(text.encode(codec), "a.txt")
    assert (doc.text, doc.encoding, doc.warnings) == (text, codec, [])


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d \u20ac5 billion. ",  # charset-normalizer: cp775
        "Acme will invest \u20ac5 billion in the plant, it\u2019s said.\n",  # charset-normalizer: cp852
        "M\u00fcnchen f\u00fcr \u00dcbergr\u00f6\u00dfe, \u201eZitat\u201c \u2013 5 \u20ac.",
    ],
)
@pytest.mark.parametrize("repeat", [1, 40])
def test_text_cp1252_euro_and_quotes_not_taken_for_a_dos_code_page(text, repeat):
    doc = ingest((text * repeat).encode("cp1252"), "a.txt")
    assert (doc.text, doc.encoding) == (text * repeat, "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        "Rz\u0105d og\u0142osi\u0142 plan inwestycji w wysoko\u015bci 5 mld z\u0142 na budow\u0119 fabryki.",
        "Vl\u00e1da ozn\u00e1mila investici ve v\u00fd\u0161i 5 miliard korun do tov\u00e1rny v Brn\u011b.",
    ],
)
@pytest.mark.parametrize("repeat", [1, 5, 100])
def test_text_cp1250_not_taken_for_cp1252_when_its_reading_shows_other_letters(text, repeat):
    doc = ingest((text * repeat).encode("cp1250"), "a.txt")  # cp1252 would read "Rz\u00b9d", "v\u00fd\u0161i"
    assert (doc.text, doc.encoding) == (text * repeat, "cp1250")


def test_text_utf8_with_one_stray_byte_in_a_mostly_utf8_file():
    data = UTF8_PART.encode("utf-8").replace(b"Z\xc3\xbcrich", b"Z\xfcrich")
    doc = ingest(data, "a.txt")
    assert doc.text == UTF8_PART and doc.encoding == "utf-8"
    assert "1 invalid byte sequence(s) (1 bytes)" in doc.warnings[0].message


def test_text_bom_then_mostly_utf8_with_a_cp1252_passage():
    data = b"\xef\xbb\xbf" + UTF8_PART.encode("utf-8") * 2 + CP1252_PART.encode("cp1252")
    doc = ingest(data, "a.txt")
    assert (doc.text, doc.encoding) == (UTF8_PART * 2 + CP1252_PART, "utf-8")
    assert doc.blocks[0].start == 0 and "mixed encodings" in doc.warnings[0].message


def test_cp1252_unassigned_bytes_keep_their_code_point():
    data = UTF8_PART.encode("utf-8") + b"odd \x81 byte\n"
    assert ingest(data, "a.txt").text.endswith("odd \x81 byte\n")


def _declaring(charset: str, body: bytes) -> bytes:
    return (
        f'<html><head><meta charset="{charset}"><title>T</title></head><body><p>'.encode()
        + body
        + b"</p></body></html>"
    )


def test_html_declared_utf8_with_stray_latin1_bytes():
    body = "\u201cAcme\u201d \u2014 Z\u00fcrich caf\u00e9 plans \u20ac5 billion".encode()
    body = body.replace("caf\u00e9".encode(), b"caf\xe9")
    doc = ingest(_declaring("utf-8", body), "a.html")
    assert doc.encoding == "utf-8"
    assert doc.text == "\u201cAcme\u201d \u2014 Z\u00fcrich caf\u00e9 plans \u20ac5 billion"
    mixed = [w for w in doc.warnings if w.code != "html_fallback"]  # a page this short is our walk's
    assert len(mixed) == 1 and "mixed encodings" in mixed[0].message


def test_html_declared_latin1_but_mostly_utf8():
    body = "\u201cAcme\u201d \u2014 Z\u00fcrich plans \u20ac5 billion".encode() + b" caf\xe9"
    doc = ingest(_declaring("latin1", body), "a.html")
    assert doc.text == "\u201cAcme\u201d \u2014 Z\u00fcrich plans \u20ac5 billion caf\u00e9"
    assert doc.encoding == "utf-8" and doc.warnings


@pytest.mark.parametrize(
    "label, codec",
    [
        ("latin1", "cp1252"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        (" l1 ", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("tis-620", "cp874"),
        ("windows-1250", "cp1250"),
        ("koi8-r", "koi8-r"),
    ],
)
def test_html_declared_labels_follow_whatwg(label, codec):
    from extractor.ingest.charsets import whatwg_codec

    assert whatwg_codec(label) == codec
    text = {"cp1252": "\u201cQuoted\u201d", "cp1254": "\u0130stanbul \u011fe", "cp1250": "\u0141\u00f3d\u017a"}.get(
        codec
    )
    if text:
        doc = ingest(_declaring(label.strip(), text.encode(codec)), "a.html")
        assert (doc.text, doc.encoding) == (text, codec)


@pytest.mark.parametrize("label", ["latin-1", "utf_8", "no-such-charset", "x-replacement-ish"])
def test_html_labels_outside_whatwg_are_ignored(label):
    from extractor.ingest.charsets import whatwg_codec

    assert whatwg_codec(label) is None
    doc = ingest(_declaring(label, "caf\u00e9 \u201cdeal\u201d".encode()), "a.html")
    assert (doc.text, doc.encoding) == ("caf\u00e9 \u201cdeal\u201d", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xef\xbb\xbf  \r\n\t",
        "\u00a0\u3000 \n".encode(),
        "\ufeff   \n".encode("utf-16-le"),
        b"",
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "bom-space", "unicode-space", "utf16-space", "zero"],
)
@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.md", "notes"])
def test_bom_or_whitespace_only_is_empty(data, name):
    err = error_of(data, name)
    assert err.error_type == "empty"


def test_bom_only_pdf_is_empty():
    assert error_of(b"\xef\xbb\xbf", "a.pdf").error_type == "empty"
    assert error_of(b"\xef\xbb\xbf \n", "a.pdf").error_type == "empty"


# --- PDF: library noise into the document's warnings; typed errors --------------------------------
def _raw_pdf(content: bytes, font: bool = True) -> bytes:
    """A one-page PDF written by hand around a content stream (fpdf2 writes only well-formed ones)."""
    res = b"/Resources << /Font << /F1 5 0 R >> >>" if font else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + res + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Acme will invest $5 billion.) Tj ET"
BOXES = b" 10 10 50 50 re S 70 10 50 50 re S 130 10 50 50 re S 190 10 50 50 re S "  # drawn paths: pdfplumber reads


def test_pdf_library_warnings_go_to_the_document_not_stderr(capfd):
    data = _raw_pdf(TEXT_OPS + BOXES + b"/P0 g /P0 g /P0 g 1 1 1 /X k")
    doc = ingest(data, "noisy.pdf")
    assert doc.text == "Acme will invest $5 billion."
    assert [w.message for w in doc.warnings] == [
        "PDF library warning (pdfminer.pdfinterp): Cannot set gray level because /'P0' is an invalid float value",
        "PDF library warning (pdfminer.pdfinterp): Cannot set CMYK non-stroke color because not all values in "
        "(1, 1, 1, /'X') can be parsed as floats",
    ]  # deduplicated, in order of first appearance
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_pdf_library_warnings_are_bounded():
    from extractor.ingest.pdf_errors import MAX_NOTES

    data = _raw_pdf(TEXT_OPS + BOXES + b"".join(b"/P%d g " % i for i in range(25)))
    doc = ingest(data, "noisy.pdf")
    assert len(doc.warnings) == MAX_NOTES + 1
    assert doc.warnings[-1].message == f"PDF library warnings: {25 - MAX_NOTES} more distinct message(s) not listed"


def test_pdf_missing_font_warning_reaches_the_record(capfd):
    from extractor.pipeline import extract_document

    data = _raw_pdf(b"BT /F9 12 Tf 72 720 Td (Acme will invest $5 billion.) Tj ET" + BOXES, font=False)
    record = extract_document(data, "nofont.pdf")
    assert any("pdfminer.pdffont" in w and "FontBBox" in w for w in record.warnings)
    assert capfd.readouterr().err == ""


def test_library_noise_restores_loggers_and_passes_other_warnings_on():
    import logging
    import warnings

    from extractor.ingest.pdf_errors import LIBRARIES, library_noise

    before = [(logging.getLogger(n).propagate, list(logging.getLogger(n).handlers)) for n in LIBRARIES]
    sink: list[str] = []
    with pytest.warns(UserWarning, match="ours"):
        with library_noise(sink):
            logging.getLogger("pypdfium2._helpers.document").warning("object at 0x7f3a2b1c4d50 closed")
            logging.getLogger("pdfminer.psparser").debug("below WARNING: not collected")
            warnings.warn_explicit("font glyph missing", UserWarning, "/x/site-packages/pdfplumber/page.py", 1)
            warnings.warn("ours", UserWarning, stacklevel=1)
    assert sink == [
        "PDF library warning (pypdfium2._helpers.document): object at 0x… closed",
        "PDF library warning (pdfplumber): UserWarning: font glyph missing",
    ]
    assert [(logging.getLogger(n).propagate, list(logging.getLogger(n).handlers)) for n in LIBRARIES] == before


@pytest.mark.parametrize("host_config", ["disable_all", "library_logger_off", "library_level_error"])
def test_pdf_warnings_do_not_depend_on_the_hosts_logging_configuration(host_config):
    """An application or a Dask worker may silence logging; the record must say the same anyway,
    and the host's settings come back unchanged."""
    import logging

    data = _raw_pdf(TEXT_OPS + BOXES + b"/P0 g")
    expected = ingest(data, "noisy.pdf").warnings
    assert expected  # the file does make pdfminer warn
    top, module = logging.getLogger("pdfminer"), logging.getLogger("pdfminer.pdfinterp")
    logger = module if host_config == "library_logger_off" else top
    state = (logging.root.manager.disable, logger.disabled, logger.level)
    try:
        if host_config == "disable_all":
            logging.disable(logging.CRITICAL)
        elif host_config == "library_logger_off":  # what dictConfig(disable_existing_loggers=True) does
            logger.disabled = True
        else:
            logger.setLevel(logging.ERROR)
        changed = (logging.root.manager.disable, logger.disabled, logger.level)
        assert ingest(data, "noisy.pdf").warnings == expected
        assert (logging.root.manager.disable, logger.disabled, logger.level) == changed
    finally:
        logging.disable(state[0])
        logger.disabled = state[1]
        logger.setLevel(state[2])


def _raising_in(module: str, exc: BaseException):
    namespace: dict = {"__name__": module, "exc": exc}
    exec("def boom(*args, **kwargs):\n    raise exc\n", namespace)
    return namespace["boom"]


def test_pdf_builtin_error_inside_a_library_is_corrupt(monkeypatch):
    import pdfplumber.page

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", _raising_in("pdfminer.fake", ValueError("bad stream")))
    err = error_of(_raw_pdf(TEXT_OPS + BOXES), "a.pdf")
    assert err.error_type == "corrupt" and "bad stream" in str(err)


def test_pdf_bug_in_our_code_is_not_called_corrupt(monkeypatch):
    from extractor.ingest import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_add_page", _raising_in("extractor.ingest.pdf", TypeError("our bug")))
    with pytest.raises(TypeError, match="our bug"):
        ingest(_raw_pdf(TEXT_OPS), "a.pdf")


def test_pdfium_error_on_a_page_falls_back_to_pdfplumber(monkeypatch):
    import pypdfium2

    from extractor.ingest import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_has_drawings", _raising_in("pypdfium2.fake", pypdfium2.PdfiumError("no page")))
    assert ingest(_raw_pdf(TEXT_OPS), "a.pdf").text == "Acme will invest $5 billion."


@pytest.mark.parametrize(
    "data",
    [_raw_pdf(TEXT_OPS).replace(b"startxref", b"startxrex"), b"%PDF-1.4\n" + bytes(range(256)) * 4],
    ids=["no-startxref", "binary-body"],
)
def test_pdf_malformed_structure_is_corrupt(data):
    assert error_of(data, "a.pdf").error_type == "corrupt"
