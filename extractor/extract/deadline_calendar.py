"""How the time phrase after a deadline cue resolves to a date: the calendar arithmetic of deadlines.py.

`calendar_date` turns the named groups of a matched phrase into (date, relative): a calendar
phrase resolves to the END of the named period (a month, quarter, half, part of a year, a
season, a decade, a year, a fiscal year by the country's rule in deadlines.json); relative
phrases ('next year', 'this summer', 'Aug. 1', 'a March summit') resolve against the reference
date and give None when there is none. `period_start` gives the first day of such a period.
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.dates import end_of_month, fiscal_year_end, parse_date


def _month_number(name: str, data) -> int:
    return data["months"][name.lower().rstrip(".")]


def _next_month_end(month: int, reference: dt.date) -> dt.date:
    year = reference.year if month >= reference.month else reference.year + 1
    return end_of_month(year, month)


def _day_ahead(phrase: str, kind: str, data, reference: dt.date) -> dt.date:
    """'Aug. 1' or '1 August' in the reference year; a limit lies ahead, so a past day means next year's."""
    words = phrase.split()
    month_word, day_word = (words[1], words[0]) if words[0][0].isdigit() else (words[0], words[1])
    date = dt.date(reference.year, _month_number(month_word, data), int(re.sub(r"\D", "", day_word)))
    if date < reference and kind != "starting":
        date = date.replace(year=reference.year + 1)
    return date


def period_start(g, date: dt.date | None, data) -> dt.date | None:
    """The first day of the period that ends on `date` (a quarter, half, part of a year, fiscal year)."""
    if date is None:
        return None
    part = g.get("part") or g.get("bpart")
    if part:
        return dt.date(date.year, data["period_parts"][" ".join(part.lower().split())][0], 1)
    if g.get("qcode"):
        months = 3 if (g.get("qn") or g.get("qn2")) else 6
        return dt.date(date.year, date.month - months + 1, 1)
    return dt.date(date.year - 1, date.month, date.day) + dt.timedelta(days=1)  # a (fiscal) year


def _two_digit(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


def calendar_date(g, kind, data, reference, fiscal_country):
    """(date, relative) of the calendar phrase in the groups `g`; (None, False) when there is none."""
    get = g.get
    if get("full"):
        return parse_date(g["full"])[0], False
    if get("monthyear"):
        return parse_date(g["monthyear"].replace(" of ", " "))[0], False
    if get("monthday"):
        return (_day_ahead(g["monthday"], kind, data, reference) if reference else None), True
    if get("relm"):
        offset = data["relative_months"][" ".join(g["relm"].lower().split())]
        if not reference:
            return None, True
        month = reference.month + offset
        return end_of_month(reference.year + (month - 1) // 12, (month - 1) % 12 + 1), True
    if get("part"):
        lo, hi = data["period_parts"][" ".join(g["part"].lower().split())]
        if get("pyear"):
            return end_of_month(int(g["pyear"]), hi), False
        offset = data["relative_years"].get(" ".join(g["prel"].lower().split()), 0)
        return (end_of_month(reference.year + offset, hi) if reference else None), True
    if get("endm"):
        month = _month_number(g["endmonth"], data)
        if get("endmy"):
            return end_of_month(int(g["endmy"]), month), False
        return (_next_month_end(month, reference) if reference else None), True
    if get("bpart"):
        hi = data["period_parts"][" ".join(g["bpart"].lower().split())][1]
        if not reference:
            return None, True
        date = end_of_month(reference.year, hi)
        return (date if date >= reference else end_of_month(reference.year + 1, hi)), True
    if get("fiscal3"):
        first = int(g["fyear3"])
        if get("fsy3"):
            return (
                fiscal_year_end(first, fiscal_country, data, split=True) if _two_digit(g["fsy3"]) == first + 1 else None
            ), False
        return fiscal_year_end(first, fiscal_country, data), False
    if get("qcode"):
        if get("qn") or get("qn2"):
            return end_of_month(_two_digit(get("qy") or get("qy2")), 3 * int(get("qn") or get("qn2"))), False
        return end_of_month(_two_digit(g["hy"]), 6 * int(g["hn"])), False
    if get("fsplit"):
        first, second = int(g["fsy"]), _two_digit(g["fsy2"])
        if second != first + 1:
            return None, False
        return fiscal_year_end(first, fiscal_country, data, split=True), False
    if get("fiscal") or get("fiscal2"):
        year = int(g["fyear"]) if get("fiscal") else 2000 + int(g["fyear2"])
        return fiscal_year_end(year, fiscal_country, data), False
    if get("season"):
        if not reference:
            return None, True
        words = g["season"].lower().split()
        last_month = data["seasons"][words[-1]]
        year = reference.year + (1 if words[0] == "next" else 0) + (1 if last_month < 3 else 0)
        return end_of_month(year, last_month), True
    if get("ysplit"):  # '2030-31': a country's split fiscal year, else the end of the later year
        first, last = int(g["ys1"]), _two_digit(g["ys2"])
        if last <= first or (len(g["ys2"]) == 2 and last != first + 1):
            return None, False
        rule = data["fiscal_year_end"].get(fiscal_country or "")
        if last == first + 1 and rule and rule[0] != 12:
            return fiscal_year_end(first, fiscal_country, data, split=True), False
        return dt.date(last, 12, 31), False
    if get("year"):
        return dt.date(int(g["year"]), 12, 31), False
    if get("decade"):
        return (dt.date(reference.year // 10 * 10 + 9, 12, 31) if reference else None), True
    if get("rel"):
        offset = data["relative_years"].get(" ".join(g["rel"].lower().split()), 0)
        return (dt.date(reference.year + offset, 12, 31) if reference else None), True
    if get("event"):
        if get("efull") or get("efull2"):
            return parse_date(get("efull") or get("efull2"))[0], False
        if get("emonthyear"):
            return parse_date(g["emonthyear"])[0], False
        if get("emd"):
            return (_day_ahead(g["emd"], kind, data, reference) if reference else None), True
        name = get("emonth") or get("emonth2")
        return (_next_month_end(_month_number(name, data), reference) if reference else None), True
    if get("month"):
        if not reference:
            return None, True
        words = g["month"].split()
        date = _next_month_end(_month_number(words[-1], data), reference)
        if words[0].lower() == "next" and len(words) > 1:
            date = end_of_month(
                date.year + 1 if date.year == reference.year and date.month >= reference.month else date.year,
                date.month,
            )
        return date, True
    return None, False
