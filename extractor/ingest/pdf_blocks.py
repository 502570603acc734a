"""PDF lines into blocks: the items of one page (pdf.py reads them, in reading order) become
paragraphs, headings and list items, and its tables header and data rows.

Whether a line opens a new block or continues the one above it (`_starts_block`: a list item, a
gap, a sentence end before a capital, a capitalised line after a heading), how wrapped lines join (a hyphen
before a lowercase word joins without a space), and that a full-width line is never a heading.
Unmapped glyphs ((cid:N), U+FFFD) become spaces and are counted in `counters["bad_chars"]`.
"""

from __future__ import annotations

import re

from extractor.ingest.document import TextBuilder
from extractor.ingest.text import classify_line

_CID = re.compile(r"\(cid:\d+\)")
_ENDS = re.compile(r"[.!?:;]\s*$")


def _starts_block(prev: tuple, line: str, kind: str, top: float, current_kind: str) -> bool:
    """Does this PDF line open a new block, or continue the paragraph or bullet above it?"""
    prev_text, prev_top, prev_bottom, _ = prev
    height = max(prev_bottom - prev_top, 1.0)
    if kind == "list_item":
        return True
    if prev[3] and not _ENDS.search(prev_text) and top - prev_bottom <= 1.5 * height:
        return False  # a full-width line cut by the wrap (a big title's line pitch is wider)
    if top - prev_bottom > 0.8 * height:
        return True
    first = line.lstrip()[:1]
    if _ENDS.search(prev_text) and (first.isupper() or first.isdigit()):
        return True
    if current_kind == "heading" and classify_line(prev_text)[0] == "heading" and first.isupper():
        return True
    return False


def _join_lines(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        if text.endswith("-") and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text


def add_page(items, number: int, out: TextBuilder, counters: dict) -> None:
    """The items of page `number` (lines and tables, top to bottom) into blocks in `out`."""
    paragraph: list[str] = []
    para_kind, para_level = "paragraph", 0
    prev: tuple | None = None

    def flush() -> None:
        if paragraph:
            out.add(_join_lines(paragraph), para_kind, page=number, level=para_level)  # type: ignore[arg-type]
            paragraph.clear()

    for _top, kind, payload in items:
        if kind != "line":
            flush()
            prev = None
            rows = payload
            header = tuple(rows[0]) if len(rows) > 1 else ()
            for i, row in enumerate(rows):
                out.add(
                    "",
                    "table_header" if header and i == 0 else "table_row",
                    page=number,
                    cells=row,
                    header=header if i else (),
                )
            continue
        raw, line_top, line_bottom, wide = payload
        counters["bad_chars"] += len(_CID.findall(raw)) + raw.count("\ufffd")
        line = _CID.sub(" ", raw).replace("\ufffd", " ")
        if not line.strip():
            continue
        k, level = classify_line(line)
        if k == "heading" and wide:
            k = "paragraph"
        if prev is None or not paragraph or _starts_block(prev, line, k, line_top, para_kind):
            flush()
            para_kind, para_level = k, level
        elif para_kind == "heading":
            para_kind = "paragraph"
        paragraph.append(line)
        prev = payload
    flush()
