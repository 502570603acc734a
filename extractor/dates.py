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


def fiscal_year_end(year: int, country: str | None, data: dict, split: bool = False) -> dt.date:
    """The last day of `country`'s fiscal year named `year` ('fiscal 2026'); with `split`, of the
    fiscal year written 'FY2026-27', which ends in the later year. `data` is deadlines.json:
    fiscal_year_end holds [month, day, years after the named year] by country, others end on
    December 31; a split year of a country with no rule ends on fiscal_split_year_end's default."""
    rule = data["fiscal_year_end"].get(country or "")
    if not split:
        month, day, shift = rule or [12, 31, 0]
        return dt.date(year + shift, month, day)
    month, day = rule[:2] if rule and rule[0] != 12 else data["fiscal_split_year_end"]["default"]
    return dt.date(year + 1, month, day)


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
