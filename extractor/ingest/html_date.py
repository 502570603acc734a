"""The published date htmldate finds, for a page whose metadata our walk reads has none.

Deterministic: htmldate gets our parsed tree (never a string, which it would fetch if it looked
like a URL), no URL, no extensive search (so no dateparser, whose missing year or day would come
from today), and a fixed upper bound instead of its default, the end of today. A date is kept only
when the page states it in full (digits of year, month and day in one of the common orders), so
a day or month that a parser filled in from the clock never reaches a record.
"""

from __future__ import annotations

import logging

MAX_DATE = "2099-12-31"


def _forms(iso: str) -> list[str]:
    y, m, d = iso.split("-")
    mm, dd = str(int(m)), str(int(d))
    return [
        f"{y}-{m}-{d}",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}{m}{d}",
        f"{d}.{m}.{y}",
        f"{dd}.{mm}.{y}",
        f"{d}/{m}/{y}",
        f"{m}/{d}/{y}",
        f"{mm}/{dd}/{y}",
        f"{dd}/{mm}/{y}",
        f"{d}-{m}-{y}",
        f"{y}年{mm}月{dd}日",
    ]


def page_date(tree, text: str) -> str | None:
    """The date htmldate reads in the parsed page `tree`, if `text` (the page) states it in full."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        found = find_date(tree, extensive_search=False, original_date=True, max_date=MAX_DATE, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001  htmldate's failure leaves the date unknown
        return None
    if not found or len(found) != 10:
        return None
    return found if any(form in text for form in _forms(found)) else None
