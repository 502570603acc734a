"""The main text of a web page, chosen by trafilatura and mapped onto our blocks.

trafilatura (the field's reference tool for main-content extraction) scores the page's blocks and
keeps the article; its output tree (`bare_extraction(...).body`, the tree its XML output writes)
holds headings (`head`), paragraphs (`p`, `quote`, `code`), lists (`list`/`item`) and tables
(`table`/`row`/`cell`, header cells `role="head"`), with inline formatting (`hi`, `ref`, `lb`)
inside them. Each block becomes one `TextBuilder` block, so its text is one line of the document
and every span is exact; inline elements join their block's words ("<b>$5</b> billion" stays one
phrase). `main_body` returns None when trafilatura finds nothing: the caller falls back to its own
walk.

Determinism: no network (the text is passed in, never a URL), no clock (metadata and dates are
not asked of trafilatura, so htmldate's "today" bound is never reached), no cache across
documents (deduplication off).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from extractor.ingest.document import TextBuilder

_BLOCKS = {"head", "p", "quote", "code", "list", "item", "table", "row", "cell", "div", "section", "body", "note", "fw"}
_SKIP = {"graphic", "comments"}
_OPTIONS: dict[str, Any] = dict(
    fast=False,
    favor_precision=False,
    favor_recall=False,
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_formatting=True,
    include_links=False,
    deduplicate=False,
    with_metadata=False,
    output_format="python",
)


def _inline(el, parts: list[str]) -> None:
    """The words of an inline element (and of anything inside it) into `parts`, a space for <lb>."""
    if el.tag == "lb":
        parts.append(" ")
    elif el.tag not in _SKIP:
        parts.append(el.text or "")
        for child in el:
            _inline(child, parts)
            parts.append(child.tail or "")
        if el.tag in _BLOCKS:
            parts.append(" ")


def _cell_text(cell) -> str:
    parts: list[str] = []
    _inline(cell, parts)
    return "".join(parts)


class _Mapper:
    def __init__(self, lead: str | None = None) -> None:
        self.out = TextBuilder()
        self.header: tuple[str, ...] = ()
        self.lead = lead  # a paragraph to place before the first block that is not a heading

    def block(self, el, kind: str = "paragraph", level: int = 0, list_depth: int = 0) -> None:
        tag = el.tag
        if tag in _SKIP or not isinstance(tag, str):
            return
        if tag == "table":
            saved, self.header = self.header, ()
            for child in el.iter("row"):
                self.row(child)
            self.header = saved
            return
        if tag == "row":
            self.row(el)
            return
        if tag == "list":
            list_depth += 1
        elif tag == "item":
            kind, level = "list_item", max(list_depth - 1, 0)
        elif tag == "head":
            rend = el.get("rend") or ""
            kind, level = "heading", int(rend[1]) if rend[:1] == "h" and rend[1:2].isdigit() else 2
        elif tag in ("p", "quote", "code", "cell"):
            kind, level = ("paragraph", 0) if kind != "list_item" else (kind, level)
        buffer: list[str] = [el.text or ""]
        for child in el:
            if child.tag in _BLOCKS:
                self.flush(buffer, kind, level)
                self.block(child, kind, level, list_depth)
                buffer = [child.tail or ""]
            else:
                _inline(child, buffer)
                buffer.append(child.tail or "")
        self.flush(buffer, kind, level)

    def flush(self, buffer: list[str], kind: str, level: int) -> None:
        text = "".join(buffer)
        if text.strip():
            self.add_lead(kind)
            self.out.add(text, kind, level=level)  # type: ignore[arg-type]
        buffer.clear()

    def add_lead(self, kind: str) -> None:
        if self.lead is not None and kind != "heading":
            self.out.add(self.lead, "paragraph")
            self.lead = None

    def row(self, row) -> None:
        cells = [c for c in row if c.tag == "cell"]
        texts = [_cell_text(c) for c in cells]
        if not any(t.strip() for t in texts):
            return
        self.add_lead("table_row")
        if cells and all(c.get("role") == "head" for c in cells) and not self.header:
            self.header = tuple(" ".join(t.split()) for t in texts)
            self.out.add("", "table_header", cells=texts)
        else:
            self.out.add("", "table_row", cells=texts, header=self.header)


@lru_cache(maxsize=1)
def _parser():
    from lxml.html import HTMLParser  # trafilatura's own parser settings, the encoding ours

    return HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)


def _tree(text: str):
    """The page's tree from our decoded text, as UTF-8 bytes with the encoding named (so nothing is
    guessed again, and libxml2 reads bytes faster than a str), repaired as trafilatura repairs."""
    from lxml.html import fromstring
    from trafilatura.utils import repair_faulty_html

    text = repair_faulty_html(text, text[:50].lower())
    tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
    return tree if tree is not None and len(tree) else None


def main_body(text: str, on_tree=None):
    """trafilatura's main-text tree of the page, or None when it keeps nothing. `on_tree` is handed
    the parsed page first (trafilatura then cleans it), so a date search needs no parse of its own."""
    import trafilatura  # imported on first use: it loads its settings and lists once

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        tree = _tree(text)
        if tree is not None and on_tree is not None:
            on_tree(tree)
        doc = trafilatura.bare_extraction(tree, **_OPTIONS) if tree is not None else None
    except Exception:  # noqa: BLE001  any failure inside trafilatura: the caller's walk reads the page
        return None
    return getattr(doc, "body", None)


def to_blocks(body, lead: str | None = None) -> TextBuilder:
    """The tree as blocks; `lead` (the page's standfirst) goes before the first non-heading block."""
    mapper = _Mapper(lead)
    mapper.block(body)
    if mapper.lead is not None:
        mapper.out.add(mapper.lead, "paragraph")
    _trim_labels(mapper.out)
    return mapper.out


def _is_label(text: str) -> bool:
    """A line that only introduces what follows it: one word of letters ('Temas'), or up to three
    words ending in ':' ('Mehr Themen:')."""
    words = text.split()
    return (len(words) == 1 and words[0].isalpha()) or (len(words) <= 3 and text.endswith(":"))


def _trim_labels(out: TextBuilder) -> None:
    """Drop the labels left at the end of the main text once what they introduced (tag lists,
    'More topics:' teasers) was cut away; a text that is nothing but labels is left whole."""
    text = out.text()
    keep = len(out.blocks)
    while (
        keep > 1
        and out.blocks[keep - 1].kind in ("paragraph", "heading")
        and _is_label(text[out.blocks[keep - 1].start : out.blocks[keep - 1].end])
    ):
        keep -= 1
    if keep < len(out.blocks):
        end = out.blocks[keep - 1].end
        out.blocks[keep:] = []
        out.parts[:] = [text[:end]]
        out.length = end
