"""Plain text (.txt): lines become blocks; wrapped lines are joined. (Markdown is markdown.py's.)"""

from __future__ import annotations

import re

from extractor.ingest.decode import decode
from extractor.ingest.document import Block, BlockKind, Document, Notice
from extractor.ingest.metadata import find_dateline_date, guess_title

BULLET = re.compile(r"^(\s*)(?:[-*•·▪◦‣●○■□–—※►▶]|\d{1,2}[.)]|\(?[a-z][.)]|[A-Z][.)](?=\s+[A-Z]))\s+")
_PIPE_ROW = re.compile(r"^\s*\|?[^|\n]+(?:\|[^|\n]*){2,}\|?\s*$")  # "Company | Location | Award"
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")  # "---|---" under a header
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)]\s*$")
_LIST_LINE_WORDS = 5  # an unmarked list item's words at most ('NXP Semiconductors', 'Korea Zinc Company')


def classify_line(line: str) -> tuple[BlockKind, int]:
    """(block kind, nesting level) of one line of plain text."""
    m = BULLET.match(line)
    if m:
        return "list_item", len(m.group(1).expandtabs(4)) // 2
    stripped = line.strip()
    words = stripped.split()
    if len(words) <= 14 and not re.search(r"[.!?;,]$", stripped) and (stripped[0].isupper() or stripped[0].isdigit()):
        return "heading", 0
    return "paragraph", 0


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped file was filled to (its longest lines cluster just under it), or None.

    >>> wrap_width(["a" * 70, "b" * 66, "c" * 69, "d" * 12, "e" * 68]) is not None
    True
    >>> wrap_width(["one short line", "another"]) is None
    True
    """
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - 15 <= n <= width)
    return width if 40 <= width <= 100 and near >= 3 and lengths[-1] <= width + 10 else None


def _wrapped(previous: str, line: str, width: int | None) -> bool:
    """Was `line` pushed down by the wrap: would its first word not have fitted after `previous`?"""
    if width is None or not previous.strip():
        return False
    first = line.split()[0] if line.split() else ""
    return len(previous.rstrip()) + 1 + len(first) > width


def _lists_after_lead_in(text: str, blocks: list[Block]) -> list[Block]:
    """Short lines in a row right under a lead-in ending in ':' are the items of an unmarked list, not
    headings ('Partners include:' then 'Apple', 'Qualcomm Technologies' on lines of their own)."""
    out = list(blocks)
    i = 1
    while i < len(out):
        j = i
        while (
            j < len(out)
            and out[j].kind == "heading"
            and len(text[out[j].start : out[j].end].split()) <= _LIST_LINE_WORDS
            and text[out[j - 1].end : out[j].start].strip() == ""
            and text.count("\n", out[j - 1].end, out[j].start) == 1
        ):
            j += 1
        if j - i >= 2 and text[out[i - 1].start : out[i - 1].end].endswith(":"):
            for k in range(i, j):
                b = out[k]
                out[k] = Block("list_item", b.start, b.end, b.page, 0, b.cells, b.header)
        i = max(j, i + 1)
    return out


def _cells(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    """Offsets of the non-empty, trimmed cells of a pipe-table line."""
    cells = []
    for m in re.finditer(r"[^|]+", line):
        a, b = m.start(), m.end()
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if b > a:
            cells.append((offset + a, offset + b))
    return tuple(cells)


def read_text(data: bytes, name: str) -> Document:
    """A Document from plain-text bytes (any encoding `decode` recognizes): lines become headings, paragraphs,
    bullets and pipe-table rows; hard-wrapped lines are joined; the title is the first heading-like line."""
    notes: list[Notice] = []
    text, encoding = decode(data, warnings=notes)
    blocks: list[Block] = []
    pos = 0
    current: list[int] | None = None  # [start, end] of the block being built
    header: tuple[str, ...] | None = None  # the header of the pipe table being read
    lines = text.split("\n")
    width = wrap_width(lines)
    previous = ""
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            current = None
            header = None
            previous = ""
            continue
        if _RULE_ROW.match(line):
            current = None
            continue
        if _PIPE_ROW.match(line):
            cells = _cells(line, start)
            texts = tuple(text[a:b] for a, b in cells)
            if header is None:
                header = texts
                blocks.append(Block("table_header", cells[0][0], cells[-1][1], None, 0, cells))
            else:
                blocks.append(Block("table_row", cells[0][0], cells[-1][1], None, 0, cells, header))
            current = None
            continue
        header = None
        lead = len(line) - len(line.lstrip())
        kind, level = classify_line(line)
        wrapped, previous = _wrapped(previous, line, width), line
        continuation = (
            current is not None
            and kind != "list_item"
            and (wrapped or line.lstrip()[:1].islower() and not _ENDS_SENTENCE.search(text[current[0] : current[1]]))
        )
        if continuation and current is not None:
            current[1] = end - (len(line) - len(line.rstrip()))
            blocks[-1] = Block(
                blocks[-1].kind if blocks[-1].kind != "heading" else "paragraph",
                blocks[-1].start,
                current[1],
                None,
                blocks[-1].level,
            )
            continue
        s = start + lead
        e = end - (len(line) - len(line.rstrip()))
        blocks.append(Block(kind, s, e, None, level))
        current = [s, e]
    blocks = _lists_after_lead_in(text, blocks)
    doc = Document(text=text, blocks=blocks, format="txt", encoding=encoding, warnings=notes)
    doc.title = guess_title(text, blocks)
    doc.published = find_dateline_date(text, blocks)
    return doc
