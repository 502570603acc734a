"""Which text a page gives: trafilatura's main text, or our own walk where it finds too little."""
from __future__ import annotations

import os

from extractor.ingest.document import Notice, TextBuilder
from extractor.ingest.html_main import main_blocks
from extractor.ingest.html_walk import PageReader

MAX_ELEMENTS = 100_000  # past this trafilatura's tree and scoring cost more than the page is worth
MIN_CHARS = int(os.environ.get("XMIN", "250"))
MIN_SHARE = float(os.environ.get("XSHARE", "0.0"))


def choose(text: str, reader: PageReader, notes: list[Notice]) -> TextBuilder:
    walk = reader.result()
    if reader.elements > MAX_ELEMENTS:
        notes.append(Notice("html_fallback", f"page of {reader.elements:,} elements: main text not "
                                             "selected, the whole page's text is kept"))
        return walk
    main = main_blocks(text)
    walk_chars = walk.length
    if main is None:
        reason = "no main text found"
    elif main.length < MIN_CHARS and walk_chars:
        reason = f"main text too short ({main.length} characters)"
    elif main.length < MIN_SHARE * walk_chars:
        reason = f"main text too short ({main.length} of {walk_chars} characters)"
    else:
        return main
    if walk_chars:
        notes.append(Notice("html_fallback", f"{reason}: the page's own walk is kept"))
    return walk
