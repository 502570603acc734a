"""Markdown (.md, .markdown) parsed with markdown-it-py: headings, paragraphs, list items and table
rows become blocks of plain text. Emphasis and code marks are dropped, links keep their text only
(the target goes), struck-out words, images and raw HTML go; a line of links alone (share buttons, a category menu)
is page clutter and dropped. The record's text is the plain text, so every span indexes it."""

from __future__ import annotations

import re

from extractor.ingest.decode import decode
from extractor.ingest.document import Document, Notice, TextBuilder
from extractor.ingest.metadata import find_dateline_date, guess_title

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_FM_FIELD = re.compile(r"^(title|date|published)\s*:\s*[\"']?(.*?)[\"']?\s*$", re.I | re.M)
_SEPARATORS = re.compile(r"^[\s·|•/,;–—-]*$")


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline_text(token) -> tuple[str, bool]:
    """(plain text of an inline token, True when it is only links and separators: a menu line)."""
    parts: list[str] = []
    depth, links, loose, struck = 0, 0, [], 0
    for child in token.children or []:
        t = child.type
        if t in ("s_open", "s_close"):
            struck += 1 if t == "s_open" else -1
        elif struck:
            continue  # struck-out words are not the text
        elif t == "link_open":
            depth += 1
            links += 1
        elif t == "link_close":
            depth -= 1
        elif t in ("text", "code_inline"):
            parts.append(child.content)
            if depth == 0:
                loose.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif t == "image":
            continue  # alt text is not the document's prose
        # em/strong/s open and close, html_inline: marks only, dropped
    text = "".join(parts)
    menu = links >= 2 and all(_SEPARATORS.match(x) for x in loose)
    return text, menu


def read_markdown(data: bytes, name: str) -> Document:
    """A Document from Markdown bytes: headings, paragraphs, list items and table cells as blocks, with the
    markup, link targets and raw HTML gone; title and date from YAML front matter."""
    notes: list[Notice] = []
    source, encoding = decode(data, warnings=notes)
    meta: dict[str, str] = {}
    fm = _FRONT_MATTER.match(source)
    if fm:
        meta = {k.lower(): v for k, v in _FM_FIELD.findall(fm.group(1))}
        source = source[fm.end() :]
    tokens = _parser().parse(source)
    out = TextBuilder()
    kinds: list[str] = []  # open containers: "list_item", "heading", "th", "td", ...
    levels: list[int] = []  # heading level or list depth of the open block
    row: list[str] | None = None
    header: tuple[str, ...] = ()
    first_h1: str | None = None
    in_thead = False
    list_depth = 0
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif t == "heading_open":
            kinds.append("heading")
            levels.append(int(tok.tag[1]))
        elif t == "heading_close":
            kinds.pop()
            levels.pop()
        elif t == "thead_open":
            in_thead = True
        elif t == "thead_close":
            in_thead = False
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and row is not None:
            if in_thead:
                header = tuple(" ".join(c.split()) for c in row)
                out.add("", "table_header", cells=row)
            else:
                out.add("", "table_row", cells=row, header=header)
            row = None
        elif t == "table_close":
            header = ()
        elif t == "inline":
            text, menu = _inline_text(tok)
            if row is not None:
                row.append(text)
            elif kinds and kinds[-1] == "heading":
                if first_h1 is None and levels[-1] == 1:
                    first_h1 = " ".join(text.split())
                out.add(text, "heading", level=levels[-1])
            elif not menu:
                out.add(text, "list_item" if list_depth else "paragraph", level=max(list_depth - 1, 0))
        elif t in ("fence", "code_block"):
            for line in tok.content.splitlines():
                out.add(line, "line")
    text = out.text()
    doc = Document(text=text, blocks=out.blocks, format="md", encoding=encoding, warnings=notes)
    doc.title = (
        (" ".join(meta["title"].split()) if meta.get("title") else None) or first_h1 or guess_title(text, out.blocks)
    )
    date = meta.get("date") or meta.get("published")
    doc.published = _iso(date) if date else None
    if doc.published is None:
        doc.published = find_dateline_date(text, out.blocks)
    return doc


def _iso(value: str) -> str | None:
    from extractor.dates import parse_date

    m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    if m:
        return m.group(0)
    d, granularity = parse_date(value)
    return d.isoformat() if d and granularity == "day" else None
