"""What every reader produces: the text records are made from, cut into blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extractor.errors import BY_CODE, ExtractorError
from extractor.models import NoticeCode

BlockKind = Literal["heading", "paragraph", "list_item", "table_header", "table_row", "line"]


@dataclass(frozen=True)
class Block:
    """A run of text that no sentence crosses: a heading, paragraph, list item or table row.

    `start`/`end` are offsets into `Document.text`; `page` is 1-based (PDF) or None;
    `level` is the list nesting depth or heading level; `cells` holds the cell
    offsets of a table row; `header` is the text of the table's header row.
    """

    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    level: int = 0
    cells: tuple[tuple[int, int], ...] = ()
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """A warning about one document, with a code a program can act on (see models.NoticeCode)."""

    code: NoticeCode
    message: str
    span: tuple[int, int] | None = None


@dataclass
class Document:
    text: str
    blocks: list[Block]
    format: str
    encoding: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    pages: int | None = None
    site_name: str | None = None  # the publishing outlet, when the page names it
    ocr_pages: list[int] = field(default_factory=list)  # PDF pages read by OCR (1-based)
    warnings: list[Notice] = field(default_factory=list)


class IngestError(ExtractorError):
    """A document that cannot be read, raised as `IngestError(code, message, stage=...)`: the instance
    is of the typed class for its code (extractor.errors), so `except EmptyDocument` catches it."""

    def __new__(cls, error_type: str = "error", message: str = "", stage: str = "ingest"):
        typed = _TYPED.get(error_type)
        return Exception.__new__(typed if typed is not None and cls is IngestError else cls)

    def __init__(self, error_type: str = "error", message: str = "", stage: str = "ingest"):
        super().__init__(message, code=error_type, stage=stage)


# One IngestError subclass per typed error, so the reader's errors are both IngestError and the typed class
# (module attributes, so they pickle by name).
_SUBCLASSES = {
    base: type(f"Ingest{base.__name__}", (IngestError, base), {"__module__": __name__, "__doc__": base.__doc__})
    for base in dict.fromkeys(BY_CODE.values())
}
globals().update({sub.__name__: sub for sub in _SUBCLASSES.values()})
_TYPED: dict[str, type[IngestError]] = {code: _SUBCLASSES[base] for code, base in BY_CODE.items()}


class TextBuilder:
    """Appends blocks to a growing text, one block per line, keeping offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.length = 0

    def add(
        self,
        text: str,
        kind: BlockKind,
        page: int | None = None,
        level: int = 0,
        cells: list[str] | None = None,
        header: tuple[str, ...] = (),
    ) -> None:
        text = " ".join(text.split())
        if not text and not (cells and any(c.strip() for c in cells)):
            return
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        cell_spans: tuple[tuple[int, int], ...] = ()
        if cells is not None:
            cleaned = [" ".join(c.split()) for c in cells]
            text, spans, pos = "", [], start
            for i, c in enumerate(cleaned):
                if i:
                    text += " | "
                    pos += 3
                spans.append((pos, pos + len(c)))
                text += c
                pos += len(c)
            cell_spans = tuple(spans)
        self.parts.append(text)
        self.length += len(text)
        self.blocks.append(Block(kind, start, self.length, page, level, cell_spans, header))

    def text(self) -> str:
        return "".join(self.parts)
