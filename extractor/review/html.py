"""A static review site for an output folder: index.html plus one page per record.

Pages open from the file system (file://): no server, no fonts, scripts or style sheets from
elsewhere; the CSS sits in each page, and the index carries one small inline script for its search
box, filters and sorting (without it the whole table shows). Without the record's `text` field
(`extractor extract --keep-text` stores it) a page says so and lists the items without highlighting.

Where each part lives: this module writes the site (build_site); pages.py draws each page from the
Jinja2 templates in templates/, with the values document_view.py and index_view.py take from the
records; highlights.py finds the spans to highlight and text_html.py draws the text with them
(displacy); layout.py says where each page goes. The names those modules define are importable
from here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from extractor.review.highlights import COLORS, KINDS, TINTS, Highlight, collect_highlights
from extractor.review.layout import FIELDS, GENERATOR, page_href, page_path
from extractor.review.pages import document_page, index_page
from extractor.review.text_html import GLUE, LINK, SLOT, TEMPLATES, e, render_text
from extractor.serialize import write_atomic

__all__ = [
    "build_site",
    "document_page",
    "index_page",
    "page_path",
    "page_href",
    "GENERATOR",
    "FIELDS",
    "KINDS",
    "COLORS",
    "TINTS",
    "Highlight",
    "collect_highlights",
    "render_text",
    "e",
    "GLUE",
    "SLOT",
    "LINK",
    "TEMPLATES",
]


def build_site(records: dict[str, dict], site_dir: Path, errors: Optional[list[dict]] = None) -> list[Path]:
    """Write index.html and one page per record under `site_dir`; returns the files written.

    `errors` are the failed documents of the run (OUT/.extractor/errors.jsonl lines), listed on the
    index with their reason.

    Pages an earlier run wrote for records that are gone are deleted (only files carrying this
    generator's mark, so nothing else in the folder is touched).
    """
    site_dir = Path(site_dir)
    written = []
    for name, record in records.items():
        rel = page_path(name)
        depth = rel.count("/")
        path = site_dir / rel
        write_atomic(path, document_page(name, record, "../" * depth + "index.html"))
        written.append(path)
    index = site_dir / "index.html"
    write_atomic(index, index_page(records, errors))
    written.append(index)
    _remove_stale(site_dir, set(written))
    return written


def _remove_stale(site_dir: Path, keep: set[Path]) -> None:
    mark = f'<meta name="generator" content="{GENERATOR}">'.encode()
    for path in sorted(site_dir.rglob("*.html")):
        if path in keep or not path.is_file():
            continue
        try:
            with open(path, "rb") as f:
                head = f.read(400)
        except OSError:
            continue
        if mark in head:
            path.unlink()
