"""The tag vocabulary and text captures of the HTML walk (html_walk.PageReader).

Which tags close the running block (BLOCK_TAGS) and which open a heading, a list item or a
paragraph; the elements whose strings `get_text` never returned (NOT_GET_TEXT); and the text
gathered under one element as `get_text(" ")` joined it: a table cell or the first <h1>
(`Capture`), and the cells of a table row (`Row`).
"""

from __future__ import annotations

HEADINGS = {f"h{i}": i for i in range(1, 7)}
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "caption",
    "address",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "hr",
    "body",
    "center",
    "details",
    "summary",
    *HEADINGS,
}
PARAGRAPHS = ("p", "dd", "dt", "blockquote", "figcaption", "caption")
NOT_GET_TEXT = {"script", "style", "template", "rt", "rp"}  # strings get_text never returned


class Capture:
    """Text gathered under one element (a table cell, the first <h1>) as `get_text(" ")` joined it:
    a space at every element boundary and comment; the reader leaves out the text inside any
    NOT_GET_TEXT element (even one around the captured element, as BeautifulSoup did)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.parts: list[str] = []
        self.depth = 1  # open elements inside, the captured one included

    def start(self, tag: str) -> None:
        self.depth += 1
        self.parts.append(" ")

    def end(self) -> bool:
        """True when the captured element itself closes."""
        self.depth -= 1
        self.parts.append(" ")
        return self.depth == 0

    def data(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class Row:
    """A <tr> being read: its cells are its <td>/<th> children."""

    def __init__(self) -> None:
        self.depth = 1
        self.cells: list[Capture] = []
        self.cell: Capture | None = None

    def start(self, tag: str) -> None:
        self.depth += 1
        if self.cell is not None:
            self.cell.start(tag)
        elif self.depth == 2 and tag in ("td", "th"):
            self.cell = Capture(tag)
            self.cells.append(self.cell)

    def end(self) -> bool:
        self.depth -= 1
        if self.cell is not None and self.cell.end():
            self.cell = None
        return self.depth == 0
