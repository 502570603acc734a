"""Plain text (.txt, .md): lines become blocks; wrapped lines are joined."""
from __future__ import annotations

import re

from extractor.ingest.decode import decode
from extractor.ingest.document import Block, Document
from extractor.ingest.metadata import find_dateline_date, guess_title

BULLET = re.compile(r"^(\s*)(?:[-*•·▪◦‣●○■□–—]|\d{1,2}[.)]|\(?[a-z][.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)]\s*$")


def classify_line(line: str) -> tuple[str, int]:
    """(block kind, nesting level) of one line of plain text."""
    m = BULLET.match(line)
    if m:
        return "list_item", len(m.group(1).expandtabs(4)) // 2
    stripped = line.strip()
    words = stripped.split()
    if (len(words) <= 14 and not re.search(r"[.!?;,]$", stripped)
            and (stripped[0].isupper() or stripped[0].isdigit())):
        return "heading", 0
    return "paragraph", 0


def read_text(data: bytes, name: str) -> Document:
    text, encoding = decode(data)
    if name.lower().endswith(".md"):
        text = re.sub(r"^(#{1,6})\s", lambda m: " " * (len(m.group(1)) + 1), text, flags=re.M)
    blocks: list[Block] = []
    pos = 0
    current: list[int] | None = None  # [start, end, kind, level] of the block being built
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            current = None
            continue
        lead = len(line) - len(line.lstrip())
        kind, level = classify_line(line)
        continuation = (current is not None and kind != "list_item" and line.lstrip()[:1].islower()
                        and not _ENDS_SENTENCE.search(text[current[0]:current[1]]))
        if continuation:
            current[1] = end - (len(line) - len(line.rstrip()))
            blocks[-1] = Block(blocks[-1].kind if blocks[-1].kind != "heading" else "paragraph",
                               blocks[-1].start, current[1], None, blocks[-1].level)
            continue
        s = start + lead
        e = end - (len(line) - len(line.rstrip()))
        blocks.append(Block(kind, s, e, None, level))
        current = [s, e]
    doc = Document(text=text, blocks=blocks, format="txt", encoding=encoding)
    doc.title = guess_title(text, blocks)
    doc.published = find_dateline_date(text, blocks)
    return doc
