"""Which text a page gives: trafilatura's main text, or our own walk where it finds too little.

The walk (html_walk.PageReader) always runs: it gives the metadata, the fallback text and the
page's size. trafilatura's text is taken unless it is missing or under MIN_CHARS characters (a
very short page, a fact sheet that is one table: there the walk's blocks are better), or the page
has more than MAX_ELEMENTS elements; a record that falls back says so (notice html_fallback).

The page's standfirst (the paragraph its meta description repeats) often sits in the article's
header, which trafilatura drops with the masthead: when the walk shows it on the page and the main
text lacks it, it is put back before the first paragraph.
"""

from __future__ import annotations

import re

from extractor.ingest.document import Notice, TextBuilder
from extractor.ingest.html_date import page_date
from extractor.ingest.html_main import main_body, to_blocks
from extractor.ingest.html_walk import PageReader
from extractor.resources import load_json

MAX_ELEMENTS = 100_000  # past this trafilatura's tree and scoring cost more than the page is worth
MIN_CHARS = 250  # trafilatura's own MIN_EXTRACTED_SIZE: below it, its output is a guess
_LEAD_KEY = 60  # characters of the description that identify the lead paragraph
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _lead(reader: PageReader, walk: TextBuilder, main: TextBuilder) -> str | None:
    """The walk's block that shows the page's meta description, when the main text lacks it."""
    desc = _norm(reader.meta_content(*load_json("html.json")["description_meta"]) or "")
    if len(desc) < 40:
        return None
    key, text = desc[:_LEAD_KEY], walk.text()
    if key in _norm(main.text()) or key not in _norm(text):
        return None
    for block in walk.blocks:
        if block.kind == "paragraph" and key in _norm(text[block.start : block.end]):
            return text[block.start : block.end]
    return None


def choose(text: str, reader: PageReader, notes: list[Notice], dates: list[str] | None = None) -> TextBuilder:
    """The page's text as blocks. With `dates` (a page whose metadata has no date), the date
    htmldate finds in the page is appended to it."""
    walk = reader.result()
    if reader.elements > MAX_ELEMENTS:
        notes.append(
            Notice(
                "html_fallback",
                f"page of {reader.elements:,} elements: main text not selected, the whole page's text is kept",
            )
        )
        return walk

    def date_of(tree) -> None:
        found = page_date(tree, text)
        if found and dates is not None:
            dates.append(found)

    body = main_body(text, date_of if dates is not None else None)
    main = to_blocks(body) if body is not None else None
    if main is None or not main.blocks:
        reason = "no main text found"
    elif main.length < MIN_CHARS and walk.length:
        reason = f"main text too short ({main.length} characters)"
    else:
        lead = _lead(reader, walk, main)
        if lead is not None:
            main = to_blocks(body, lead)
        return main
    if walk.length:
        notes.append(Notice("html_fallback", f"{reason}: the page's own walk is kept"))
    return walk
