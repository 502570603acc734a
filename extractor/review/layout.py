"""The review site's layout, shared by every page: where a record's page goes, the mark that
identifies the site's pages as this generator's, and the record fields whose counts the pages show."""

from __future__ import annotations

from urllib.parse import quote

GENERATOR = "extractor review"

FIELDS = ("countries", "amounts", "percentages", "companies", "deadlines", "sectors", "commitments", "warnings")


def page_path(name: str) -> str:
    """Where a record's page goes, relative to the site folder (in pages/, so no name can clash with index.html)."""
    return f"pages/{name}.html"


def page_href(name: str) -> str:
    return quote(page_path(name))
