"""Running headers and footers of a PDF: the lines at the top or bottom of a page that repeat on
other pages once their numbers are masked ("For public release | Page 2 of 3"), and bare page
numbers ("Page 1 of 3", "- 2 -", "2"). They are dropped from the text; the page numbers stay as
the blocks' pages."""

from __future__ import annotations

import re

from extractor.resources import alternation, load_json

EDGE = 2  # lines looked at from the top and from the bottom of each page
_DIGITS = re.compile(r"\d+")
_RULES = load_json("documents.json")
_PAGE_NUMBER = re.compile(
    rf"^(?:(?:{alternation(_RULES['page_number_labels'])})\s*)?[-–—(\[]?\s*\d{{1,4}}\s*"
    rf"(?:(?:{alternation(_RULES['page_number_joiners'])})\s*\d{{1,4}})?\s*[-–—)\]]?$",
    re.I,
)
_PAGE_TAIL = re.compile(
    rf"(?:^|[|·•]\s*|\s{{2,}})(?:{alternation(_RULES['page_tail_labels'])})\s*\d{{1,4}}"
    rf"(?:\s*(?:{alternation(_RULES['page_tail_joiners'])})\s*\d{{1,4}})?\s*$",
    re.I,
)


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _lines(items: list) -> list[int]:
    return [i for i, item in enumerate(items) if item[1] == "line"]


def drop_running_lines(pages: list[list]) -> list[list]:
    """`pages`: each page's items (top, kind, payload) in reading order; the same without the
    running headers and footers. From each edge of a page up to EDGE lines are peeled while they
    are page numbers or lines repeated at the same edge of another page."""
    seen: dict[tuple[str, str], set[int]] = {}
    for n, items in enumerate(pages):
        lines = _lines(items)
        for edge, picked in (("top", lines[:EDGE]), ("bottom", lines[-EDGE:])):
            for i in picked:
                seen.setdefault((edge, _key(items[i][2][0])), set()).add(n)
    out = []
    for items in pages:
        drop: set[int] = set()
        lines = _lines(items)
        for edge, order in (("top", lines[:EDGE]), ("bottom", lines[::-1][:EDGE])):
            for i in order:
                text = " ".join(items[i][2][0].split())
                running = len(seen.get((edge, _key(text)), ())) >= 2 and len(text) <= 120
                if not (running or _PAGE_NUMBER.match(text) or _PAGE_TAIL.search(text)):
                    break
                drop.add(i)
        out.append([item for i, item in enumerate(items) if i not in drop])
    return out
