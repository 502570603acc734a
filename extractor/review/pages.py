"""The review site's pages, drawn with Jinja2 templates (extractor/review/templates/).

The templates hold all markup and escape every value (autoescape); they are filled with plain
values: document_view.document_context for a record's page (document.html), index_view.index_context
for the index (index.html). This module holds the Jinja2 environment and the two page functions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from extractor.review.document_view import document_context, num, row_target
from extractor.review.highlights import KINDS, TINTS
from extractor.review.index_view import COLUMNS, index_context
from extractor.review.layout import GENERATOR

__all__ = [
    "NARROW_LAST",
    "environment",
    "render",
    "document_page",
    "index_page",
    "document_context",
    "index_context",
    "num",
    "row_target",
    "COLUMNS",
]

#: The later rule wins where kinds overlap: the narrower kinds last.
NARROW_LAST = ("commitment", "sector", "country", "company", "percentage", "deadline", "amount")


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("extractor.review", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(generator=GENERATOR, kinds=KINDS, tints=TINTS, narrow_last=NARROW_LAST)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def document_page(name: str, record: dict, index_href: str) -> str:
    return render("document.html", **document_context(name, record, index_href))


def index_page(records: dict[str, dict], errors: Optional[list[dict]] = None) -> str:
    return render("index.html", **index_context(records, errors or []))
