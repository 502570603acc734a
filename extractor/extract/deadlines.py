"""Deadlines: a cue ('by', 'within', 'through', 'ahead of', 'starting') followed by a time expression.

Only the span after a cue is ever parsed. Calendar phrases resolve to the END
of the named period; durations become ISO 8601 (P10D, P6M, P10Y) by our own
rules; relative phrases ('next year', 'a March summit') resolve against the
document's reference date, and stay null with a warning when there is none.

Besides cue + time: a period after 'in' ('will close in the third quarter of 2027',
'slated for Q2 2028') counts in a sentence about the future, and the cue-less forms of
deadline_forms.py ('a 90-day pause', 'has 30 days to respond', 'between 2027 and 2030',
'before the end of the administration', kept undated) join in; of overlapping finds the
earliest, then longest, stays.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from extractor.dates import end_of_month, fiscal_year_end, parse_date
from extractor.extract.deadline_forms import (
    YEAR,
    alt_by_initial,
    find_forms,
    month_pattern,
    period_in_future,
    without_overlaps,
)
from extractor.extract.deadline_forms import alt as _alt
from extractor.extract.deadline_forms import duration as _dur
from extractor.extract.mentions import DeadlineMention
from extractor.models import DeadlineKind
from extractor.resources import load_json, one_of


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], dict[str, DeadlineKind], dict, re.Pattern[str]]:
    """(cue + time regex, cue -> kind, deadlines.json, 'in' + period regex)."""
    d = load_json("deadlines.json")
    cue_kind: dict[str, DeadlineKind] = {
        " ".join(c.lower().split()): one_of(kind, DeadlineKind, "deadlines.json")
        for kind, cues in d["cues"].items()
        for c in cues
    }
    month = month_pattern(d)
    numw = _alt(d["number_words"])
    units = _alt(d["duration_units"])
    parts = _alt(d["period_parts"])
    events = _alt(d["events"])
    mods = _alt(d["event_modifiers"])
    events = rf"(?:{events})(?:\s+(?:(?:{mods})\s+)?(?:{events}))?"  # 'the G20 summit', 'an APEC leaders' meeting'
    rel = _alt(d["relative_years"])
    relm = _alt(d["relative_months"])
    full = rf"{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}|\d{{1,2}}\s+{month},?\s+{YEAR}|{YEAR}-\d{{2}}-\d{{2}}"
    monthyear = rf"{month},?\s+(?:of\s+)?{YEAR}"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    # Quarter and half codes, written only one way: '3Q27', '3Q 2027', "Q3'27", '1H26', '2H 2026'.
    qcode = (
        rf"(?-i:(?P<qn>[1-4])Q\s?(?P<qy>{YEAR}|\d{{2}})|Q(?P<qn2>[1-4])\s?['’](?P<qy2>\d{{2}})"
        rf"|(?P<hn>[12])H\s?(?P<hy>{YEAR}|\d{{2}}))(?![\w'’])"
    )
    fy = r"(?:fiscal(?:\s+year)?\s+|financial\s+year\s+|FY\s?)"
    periods = {
        "part": rf"(?:the\s+)?(?:(?:end|close|middle|start|beginning)\s+of\s+(?:the\s+)?)?(?P<part>{parts})[\s-]+(?:of\s+)?"
        rf"(?:(?:fiscal\s+year|FY)\s*)?(?:(?P<pyear>{YEAR})(?!\d)|(?P<prel>{rel}|the\s+year)(?![\w-]))",
        "qcode": rf"(?P<qcode>{qcode})",
        "fsplit": rf"(?P<fsplit>{fy}(?P<fsy>{YEAR})\s?[-–/]\s?(?P<fsy2>\d{{2}}|{YEAR}))(?!\d)",
        "fiscal": rf"(?P<fiscal>{fy}(?P<fyear>{YEAR}))(?!\d)",
        "fiscal2": rf"(?P<fiscal2>{fy}(?P<fyear2>\d{{2}}))(?!\d)",
        # 'the 2026 fiscal year', 'the 2026-27 financial year'
        "fiscal3": rf"(?P<fiscal3>(?:the\s+)?(?P<fyear3>{YEAR})(?:\s?[-–/]\s?(?P<fsy3>\d{{2}}|{YEAR}))?"
        r"\s+(?:fiscal|financial)\s+year)",
        # 'the fourth quarter', 'the first half' with no year: the next such period
        "bpart": r"(?:the\s+)?(?P<bpart>(?:first|second|third|fourth)\s+(?:quarter|half))(?![\w-]|\s+of\b)",
    }
    time = (
        rf"(?P<full>{full})(?!\d)"
        rf"|(?P<monthyear>{monthyear})(?!\d)"
        rf"|(?P<monthday>{month}\s+{day}|\d{{1,2}}\s+{month})(?!\d|,?\s+\d)"
        rf"|(?P<endm>(?:the\s+)?end[\s-](?:of\s+)?(?P<endmonth>{month})(?:,?\s+(?P<endmy>{YEAR}))?)(?![\w])"
        rf"|(?:the\s+end\s+of\s+)?(?P<relm>{relm})(?![\w-])"
        rf"|{periods['part']}"
        rf"|(?P<decade>(?:the|this|the\s+current)\s+decade)"
        rf"|(?:the\s+end\s+of\s+)?(?P<rel>{rel}|the\s+year)(?![\w-])"
        rf"|(?P<event>(?:(?:a|an|the|this|next)\s+(?:[\w.-]+['’]s\s+)?|(?-i:[A-Z][\w.-]*)['’]s\s+)"
        rf"(?:(?:{mods})\s+){{0,2}}(?:(?P<emonth>{month})\s+(?:{events})"
        rf"|(?P<efull2>{full}),?\s+(?:(?:{mods})\s+)?(?:{events})"
        rf"|(?P<emd>{month}\s+{day}|\d{{1,2}}\s+{month})\s+(?:(?:{mods})\s+)?(?:{events})"
        rf"|(?:{events})\s+(?:in|on|at|this|next)\s+"
        rf"(?:(?P<efull>{full})|(?P<emonthyear>{monthyear})|(?P<emonth2>{month}))))(?![\w])"
        rf"|(?P<season>(?:this|next|the\s+coming)\s+(?:{_alt(d['seasons'])}))(?![\w-])"
        rf"|{periods['qcode']}|{periods['fiscal3']}|{periods['fsplit']}|{periods['fiscal']}|{periods['fiscal2']}"
        rf"|{periods['bpart']}"
        rf"|(?P<ysplit>(?P<ys1>{YEAR})[-–/](?P<ys2>{YEAR}|\d{{2}}))(?![\d%]|\s*percent)"
        rf"|(?P<year>{YEAR})(?![\d,.]?\d|s\b|\s*(?:%|percent))(?P<onward>\s+(?:onwards?|forward|and\s+beyond))?"
        rf"|(?P<month>(?:this|next)\s+{month}|{month})(?![\w.]|\s+\d)"
        rf"|(?P<dur>(?:the\s+)?(?:(?:next|coming|following|first)\s+)?(?:(?:\d+|{numw})\s?(?:-|–|to|or)\s?)?"
        rf"(?P<dnum>\d+|{numw})[\s-]+(?P<dunit>{units}))(?![\w-])"
        rf"|(?P<dur2>(?:the\s+)?(?:(?:next|coming|following)\s+)?(?P<dunit2>decade|year|month|week))(?![\w-])"
    )
    # A period after 'in' ('will close in the third quarter of 2027') counts only in a sentence about the future.
    in_cue = _alt(d["period_in_cues"])
    in_regex = re.compile(rf"(?<![\w-])(?P<cue>{in_cue})\s+(?:{'|'.join(periods.values())})", re.I)
    cue = alt_by_initial(cue_kind)
    # A clock time may stand before the date: 'on or after 12:01 a.m. eastern daylight time on August 7, 2025'.
    clock = (
        r"(?:(?:at\s+)?\d{1,2}:\d{2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)?(?:\s+(?:eastern|EDT|EST|ET|GMT|UTC|KST|JST)"
        r"(?:\s+(?:daylight|standard))?(?:\s+time)?)?,?\s+(?:on\s+)?)"
    )
    regex = re.compile(
        rf"(?<![\w-])(?P<cue>{cue})\s+(?:at\s+least\s+)?{clock}?(?:{time})", re.I
    )  # 'until at least 2028'
    return regex, cue_kind, d, in_regex


def find_deadlines(text: str, reference: dt.date | None, fiscal_country: str | None = None) -> list[DeadlineMention]:
    """`fiscal_country` (ISO alpha-3) says whose fiscal year 'fiscal 2026' names (Japan's ends March 31, 2027)."""
    regex, cue_kind, data, in_regex = _rules()
    out: list[DeadlineMention] = []
    pos = 0
    while True:
        m = regex.search(text, pos)
        if not m:
            break
        pos = m.start() + 1
        try:
            mention = _to_mention(text, m, cue_kind, data, reference, fiscal_country)
        except (ValueError, OverflowError):  # a date outside the calendar (year 10000): no deadline
            mention = None
        if mention is not None:
            out.append(mention)
            pos = m.end()
    for m in in_regex.finditer(text):
        try:
            date, relative = _calendar(m.groupdict(), "by", data, reference, fiscal_country)
        except (ValueError, OverflowError):
            continue
        # A quarter with no year is only a deadline in a sentence about the future: 'exports rose in
        # the first quarter' in November names the past one, not next year's.
        begins = None if m.group("bpart") else _period_start(m.groupdict(), date, data)
        kind = period_in_future(text, m.start(), m.end(), date, reference, cue=m.group("cue"), begins=begins)
        if kind and (date is not None or relative):
            out.append(
                DeadlineMention(
                    m.start(),
                    m.end(),
                    m.group(0),
                    kind,
                    date.isoformat() if date else None,
                    None,
                    unresolved=date is None,
                )
            )
    return without_overlaps(out + find_forms(text, reference))


_AFTER_SPAN = re.compile(r"\s+(?:after|from|following|of)\b")
_OF_IN = re.compile(r"\s+(?:of|in)\b")


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


def _period_start(g, date: dt.date | None, data) -> dt.date | None:
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


def _calendar(g, kind, data, reference, fiscal_country):
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


def _to_mention(
    text: str,
    m: re.Match[str],
    cue_kind: dict[str, DeadlineKind],
    data: dict,
    reference: dt.date | None,
    fiscal_country: str | None = None,
) -> DeadlineMention | None:
    cue = " ".join(m.group("cue").lower().split())
    kind = cue_kind[cue]
    g = m.groupdict()
    date: dt.date | None = None
    duration = None
    relative = False
    is_duration = bool(g["dur"] or g["dur2"])
    if is_duration:
        after = _AFTER_SPAN.match(text, m.end())
        if kind == "by" and cue in data["duration_limit_cues"] and after:
            kind = "within"  # "no later than 30 days after signing" is a time limit of 30 days
        if kind != "within":
            return None
        duration = _dur(g["dnum"], g["dunit"] or g["dunit2"], data)
        if duration is None:
            return None
        if cue in ("over", "over a") and _OF_IN.match(text, m.end()):
            return None  # "over 8 years of experience" is an amount of time, not a limit
    elif kind == "within" and cue not in ("within",):
        return None  # "over the next" / "a timeframe of" take durations only
    elif (g["year"] and not g["onward"] or g["ysplit"]) and cue == "from":
        return None  # "from 2024" is mostly a comparison base, not a start date
    else:
        date, relative = _calendar(g, kind, data, reference, fiscal_country)
    if not is_duration and date is None and not relative:
        return None
    start, end = m.start(), m.end()
    return DeadlineMention(
        start,
        end,
        text[start:end],
        kind,
        date.isoformat() if date else None,
        duration,
        unresolved=relative and date is None,
    )
