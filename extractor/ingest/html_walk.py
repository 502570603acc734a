"""The HTML page read in one pass over the parser's events, with no tree built.

libxml2's HTML parser (through lxml) calls `PageReader.start/end/data/comment` as it reads; the
reader keeps only a stack of the open elements it needs and turns the events straight into blocks
(and gathers the metadata on the way). BeautifulSoup built its tree from these same events, at
about 20 µs and 1 KB per element; reading the events directly is one pass, memory grows with the
nesting depth only, and text nested 10,000 levels deep is kept (libxml2's own tree stops at 256).

What is text follows what BeautifulSoup gave: in the running text every text node outside dropped
elements (page chrome, `drop_tags`); in a table cell and a heading's title, what `get_text(" ")`
returned: no comments, nor script, style, template or ruby annotation (<rt>, <rp>) text.
Which tags break or open blocks, and the cell and title captures, are in html_blocks.py.
"""

from __future__ import annotations

from extractor.ingest.document import TextBuilder
from extractor.ingest.html_blocks import BLOCK_TAGS, HEADINGS, NOT_GET_TEXT, PARAGRAPHS, Capture, Row


class PageReader:
    """An lxml parser target: the running text as blocks (`result()`), and the metadata in `meta`,
    `json_ld`, `time`, `title` and `h1`.

    The text is the <body>'s (never checked for clutter itself); what lies outside it counts only
    on a page without a <body>, as when BeautifulSoup walked `soup.body or soup`."""

    def __init__(self, rules: dict, is_clutter) -> None:
        self.rules, self.is_clutter = rules, is_clutter
        self.out = TextBuilder()  # outside <body> until it opens
        self.body: TextBuilder | None = None
        self.after_body = False
        self._reset()
        self.containers = 0  # open NOT_GET_TEXT elements: their text is no cell's or title's
        # metadata, first of each in document order, wherever it is (dropped elements included)
        self.meta: dict[tuple[str, str], dict] = {}
        self.json_ld: list[str | None] = []
        self.time: str | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self._script: list[str] | None = None
        self._title: list[str] | None = None
        self._h1: Capture | None = None
        self._seen_title = self._seen_h1 = False
        self.elements = 0  # start tags read, the page's size for the caller's limits

    # --- running text -----------------------------------------------------------------------------
    def _reset(self) -> None:
        self.buffer: list[str] = []
        self.kinds: list[tuple[str, int]] = [("paragraph", 0)]
        # open elements of the walk: (tag, pushed kind, content: 0 none, 1 content, 2 rescued from a drop)
        self.frames: list[tuple[str, bool, int]] = []
        self.skip = 0  # open elements inside dropped clutter
        self.skip_tag = ""  # the element that began the dropped subtree
        self.rescued: list[tuple[int, str]] = []  # (skip, skip_tag) set aside for an <article> inside
        self.row: Row | None = None
        self.header: tuple[str, ...] = ()
        self.list_depth = self.content_depth = self.thead_depth = 0

    def _open_body(self) -> None:
        """The walk starts over inside the first <body>, the text before it set aside."""
        self._reset()
        self.out = self.body = TextBuilder()
        self.frames.append(("body", False, False))

    def result(self) -> TextBuilder:
        return self.body if self.body is not None else self.out

    def _flush(self) -> None:
        if self.buffer:
            kind, level = self.kinds[-1]
            self.out.add("".join(self.buffer), kind, level=level)  # type: ignore[arg-type]
            self.buffer.clear()

    def _open(self, tag: str, attrib: dict) -> None:
        if self.is_clutter(tag, attrib, self.content_depth > 0):
            self.skip, self.skip_tag = 1, tag
            return
        if tag == "br":
            self.buffer.append(" ")
            self.frames.append(("br", False, False))
            return
        if tag == "tr":
            self._flush()
            self.row = Row()
            return
        if tag in BLOCK_TAGS:
            self._flush()
        pushed = True
        if tag in HEADINGS:
            self.kinds.append(("heading", HEADINGS[tag]))
        elif tag == "li":
            self.kinds.append(("list_item", max(self.list_depth - 1, 0)))
        elif tag in PARAGRAPHS:
            self.kinds.append(("paragraph", 0))
        else:
            pushed = False
        if tag in ("ul", "ol"):
            self.list_depth += 1
        if tag == "thead":
            self.thead_depth += 1
        content = tag in self.rules["content_tags"]
        if content:
            self.content_depth += 1
        self.frames.append((tag, pushed, content))

    def _close(self) -> None:
        if not self.frames:
            return
        tag, pushed, content = self.frames.pop()
        if tag == "br":
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if pushed:
            self.kinds.pop()
        if tag in ("ul", "ol"):
            self.list_depth -= 1
        if tag == "table":
            self.header = ()
        if tag == "thead":
            self.thead_depth -= 1
        if content:
            self.content_depth -= 1
        if content == 2 and self.rescued:
            self._flush()
            self.skip, self.skip_tag = self.rescued.pop()

    def _end_row(self, row: Row) -> None:
        texts = [c.text() for c in row.cells]
        if not any(texts):
            return
        is_header = all(c.tag == "th" for c in row.cells) or self.thead_depth > 0
        if is_header and not self.header:
            self.header = tuple(texts)
            self.out.add("", "table_header", cells=texts)  # header rows are text too
        else:
            self.out.add("", "table_row", cells=texts, header=self.header)

    # --- metadata ---------------------------------------------------------------------------------
    def _meta_start(self, tag: str, attrib: dict) -> None:
        if self._h1 is not None:
            self._h1.start(tag)
        if tag == "meta":
            for attr in ("property", "name", "itemprop"):
                value = attrib.get(attr)
                if value is not None:
                    self.meta.setdefault((attr, value), dict(attrib))
        elif tag == "script" and attrib.get("type") == "application/ld+json":
            self._script = []
        elif tag == "time" and self.time is None and attrib.get("datetime") is not None:
            self.time = attrib["datetime"]
        elif tag == "title" and not self._seen_title:
            self._seen_title, self._title = True, []
        elif tag == "h1" and not self._seen_h1:
            self._seen_h1, self._h1 = True, Capture("h1")

    def _meta_end(self, tag: str) -> None:
        if self._h1 is not None and self._h1.end():
            self.h1, self._h1 = self._h1.text(), None
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script) or None)
            self._script = None
        elif tag == "title" and self._title is not None:
            self.title = "".join(self._title) or None
            self._title = None

    def meta_content(self, *keys: str) -> str | None:
        """The content of the first <meta> naming one of `keys` (in their order of preference)."""
        for key in keys:
            attrs = next(
                (self.meta[(attr, key)] for attr in ("property", "name", "itemprop") if (attr, key) in self.meta), None
            )
            if attrs is not None:
                content = attrs.get("content") or ""
                if content.strip():
                    return content.strip()
        return None

    # --- the parser target interface --------------------------------------------------------------
    def start(self, tag: str, attrib: dict, nsmap=None) -> None:
        self.elements += 1
        if tag in NOT_GET_TEXT:
            self.containers += 1
        self._meta_start(tag, attrib)
        if tag == "body" and self.body is None:
            self._open_body()
        elif self.after_body:
            pass
        elif self.skip and tag in self.rules["content_tags"] and self.skip_tag in self.rules["rescue_from"]:
            # an <article> or <main> that broken markup left inside an aside or a page header:
            # its text is the page's, read as if the dropped element were not around it
            saved, depth = (self.skip, self.skip_tag), len(self.frames)
            self.skip = 0
            self._open(tag, attrib)
            if len(self.frames) > depth:  # opened (not itself clutter): its end restores the drop
                self.rescued.append(saved)
                self.frames[-1] = (*self.frames[-1][:2], 2)
            else:
                self.skip, self.skip_tag = saved[0] + 1, saved[1]
        elif self.skip:
            self.skip += 1
        elif self.row is not None:
            self.row.start(tag)
        else:
            self._open(tag, attrib)

    def end(self, tag: str) -> None:
        if tag in NOT_GET_TEXT and self.containers:
            self.containers -= 1
        self._meta_end(tag)
        if self.after_body:
            pass
        elif tag == "body" and self.body is not None:
            self._flush()  # the rest of the page is not the body's text
            self.after_body = True
        elif self.skip:
            self.skip -= 1
        elif self.row is not None:
            if self.row.end():
                row, self.row = self.row, None
                self._end_row(row)
        else:
            self._close()

    def data(self, text: str) -> None:
        if self._script is not None:
            self._script.append(text)
        if self._title is not None:
            self._title.append(text)
        if self._h1 is not None and not self.containers:
            self._h1.data(text)
        if self.skip or self.after_body:
            return
        if self.row is not None:
            if self.row.cell is not None and not self.containers:
                self.row.cell.data(text)
        else:
            self.buffer.append(text)

    def comment(self, text: str) -> None:
        for capture in (self._h1, self.row.cell if self.row is not None else None):
            if capture is not None:
                capture.parts.append(" ")

    def pi(self, target: str, data: str | None = None) -> None:
        self.comment("")

    def close(self) -> None:
        self._flush()
