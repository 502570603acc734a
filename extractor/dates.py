"""Calendar arithmetic and the one place dateparser is called.

dateparser only ever sees a short candidate span found by our own rules, with
English only, the document's reference date as RELATIVE_BASE and end-of-period
preferences; never whole texts and never today's date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# A date far from any real document: dateparser must never fall back to today.
_NEUTRAL_BASE = dt.datetime(1900, 1, 1)


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def iso_prefix(value: str) -> str | None:
    """'2025-10-28T10:00:00-04:00' -> '2025-10-28' (the date as written, no time zone shift)."""
    m = _ISO.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_date(text: str, base: dt.date | None = None, prefer_future: bool = True) -> tuple[dt.date | None, str | None]:
    """Parse a short date phrase. Returns (date, granularity: 'day'|'month'|'year').

    Missing day or month resolve to the END of the period ('April 2026' -> 2026-04-30).
    A phrase without a year needs `base`; without one the result is (None, granularity).
    """
    iso = iso_prefix(text)
    if iso:
        return dt.date.fromisoformat(iso), "day"
    try:
        data = _date_data_parser(base, prefer_future).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; a non-date is not fatal
        return None, None
    if data is None or data.date_obj is None:
        return None, None
    period = data.period or "day"
    has_year = re.search(r"\b\d{4}\b|'\d{2}\b", text) is not None
    if not has_year and base is None:
        return None, period
    d = data.date_obj.date()
    if period == "month":
        d = end_of_month(d.year, d.month)
    elif period == "year":
        d = dt.date(d.year, 12, 31)
    return d, period


@lru_cache(maxsize=64)
def _date_data_parser(base: dt.date | None, prefer_future: bool):
    from dateparser.date import DateDataParser  # imported lazily: its first import is slow

    settings = {
        "PREFER_DAY_OF_MONTH": "last",
        "PREFER_MONTH_OF_YEAR": "last",
        "PREFER_DATES_FROM": "future" if prefer_future else "past",
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()) if base else _NEUTRAL_BASE,
        "RETURN_TIME_AS_PERIOD": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
