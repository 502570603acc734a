"""Deadlines: a cue ('by', 'within', 'through', 'ahead of', 'starting') followed by a time expression.

Only the span after a cue is ever parsed. Calendar phrases resolve to the END
of the named period; durations become ISO 8601 (P10D, P6M, P10Y) by our own
rules; relative phrases ('next year', 'a March summit') resolve against the
document's reference date, and stay null with a warning when there is none.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from extractor.dates import end_of_month, parse_date
from extractor.extract.mentions import DeadlineMention
from extractor.resources import load_json

YEAR = r"(?:19[89]\d|20\d\d)"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules():
    d = load_json("deadlines.json")
    cue_kind = {" ".join(c.lower().split()): kind for kind, cues in d["cues"].items() for c in cues}
    month = "(?-i:" + "|".join(
        re.escape(m.capitalize()) + (r"\.?" if len(m) <= 4 and m != "may" else "")
        for m in sorted(d["months"], key=len, reverse=True)) + ")"
    numw = _alt(d["number_words"])
    units = _alt(d["duration_units"])
    parts = _alt(d["period_parts"])
    events = _alt(d["events"])
    mods = _alt(d["event_modifiers"])
    rel = _alt(d["relative_years"])
    relm = _alt(d["relative_months"])
    full = rf"{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}|\d{{1,2}}\s+{month},?\s+{YEAR}|{YEAR}-\d{{2}}-\d{{2}}"
    monthyear = rf"{month},?\s+(?:of\s+)?{YEAR}"
    time = (
        rf"(?P<full>{full})(?!\d)"
        rf"|(?P<monthyear>{monthyear})(?!\d)"
        rf"|(?P<monthday>{month}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?!\d|,?\s+\d)"
        rf"|(?:the\s+end\s+of\s+)?(?P<relm>{relm})(?![\w-])"
        rf"|(?:the\s+)?(?:(?:end|close|middle|start|beginning)\s+of\s+(?:the\s+)?)?(?P<part>{parts})[\s-]+(?:of\s+)?(?:(?:fiscal\s+year|FY)\s*)?(?P<pyear>{YEAR})(?!\d)"
        rf"|(?P<decade>(?:the|this|the\s+current)\s+decade)"
        rf"|(?:the\s+end\s+of\s+)?(?P<rel>{rel}|the\s+year)(?![\w-])"
        rf"|(?P<event>(?:a|an|the|this|next)\s+(?:(?:{mods})\s+){{0,2}}(?:(?P<emonth>{month})\s+(?:{events})|(?:{events})\s+(?:in|on|at|this|next)\s+(?:(?P<efull>{full})|(?P<emonthyear>{monthyear})|(?P<emonth2>{month}))))(?![\w])"
        rf"|(?P<season>(?:this|next|the\s+coming)\s+(?:{_alt(d['seasons'])}))(?![\w-])"
        rf"|(?P<fiscal>(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<fyear>{YEAR}))(?!\d)"
        rf"|(?P<fiscal2>(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<fyear2>\d{{2}}))(?!\d)"
        rf"|(?P<year>{YEAR})(?![\d,.]?\d|s\b|\s*(?:%|percent))(?P<onward>\s+(?:onwards?|forward|and\s+beyond))?"
        rf"|(?P<month>(?:this|next)\s+{month}|{month})(?![\w.]|\s+\d)"
        rf"|(?P<dur>(?:the\s+)?(?:(?:next|coming|following|first)\s+)?(?P<dnum>\d+|{numw})[\s-]+(?P<dunit>{units}))(?![\w-])"
        rf"|(?P<dur2>(?:the\s+)?(?:(?:next|coming|following)\s+)?(?P<dunit2>decade|year|month|week))(?![\w-])"
    )
    cue = _alt(cue_kind)
    regex = re.compile(rf"(?<![\w-])(?P<cue>{cue})\s+(?:{time})", re.I)
    return regex, cue_kind, d


def find_deadlines(text: str, reference: dt.date | None, fiscal_country: str | None = None) -> list[DeadlineMention]:
    """`fiscal_country` (ISO alpha-3) says whose fiscal year 'fiscal 2026' names (Japan's ends March 31, 2027)."""
    regex, cue_kind, data = _rules()
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
    return out


def _duration(num: str | None, unit: str, data) -> str | None:
    n = 1
    if num:
        n = int(num) if num.isdigit() else data["number_words"].get(" ".join(num.lower().split()), 0)
    code = data["duration_units"].get(" ".join(unit.lower().split()))
    if not n or not code:
        return None
    if code == "DECADE":
        return f"P{10 * n}Y"
    if code == "Q":
        return f"P{3 * n}M"
    return f"P{n}{code}"


def _month_number(name: str, data) -> int:
    return data["months"][name.lower().rstrip(".")]


def _next_month_end(month: int, reference: dt.date) -> dt.date:
    year = reference.year if month >= reference.month else reference.year + 1
    return end_of_month(year, month)


def _to_mention(text, m, cue_kind, data, reference, fiscal_country=None):
    cue = " ".join(m.group("cue").lower().split())
    kind = cue_kind[cue]
    g = m.groupdict()
    date: dt.date | None = None
    duration = None
    relative = False
    is_duration = bool(g["dur"] or g["dur2"])
    if is_duration:
        if kind != "within":
            return None
        duration = _duration(g["dnum"], g["dunit"] or g["dunit2"], data)
        if duration is None:
            return None
        if cue in ("over", "over a") and re.match(r"\s+(?:of|in)\b", text[m.end():]):
            return None  # "over 8 years of experience" is an amount of time, not a limit
    elif kind == "within" and cue not in ("within",):
        return None  # "over the next" / "a timeframe of" take durations only
    elif g["full"]:
        date, _ = parse_date(g["full"])
    elif g["monthyear"]:
        date, _ = parse_date(g["monthyear"].replace(" of ", " "))
    elif g["monthday"]:
        relative = True
        words = g["monthday"].split()
        if reference:
            day = int(re.sub(r"\D", "", words[1]))
            date = dt.date(reference.year, _month_number(words[0], data), day)
            if date < reference and kind != "starting":
                date = date.replace(year=reference.year + 1)  # a limit lies ahead: the next such day
    elif g["relm"]:
        relative = True
        offset = data["relative_months"][" ".join(g["relm"].lower().split())]
        if reference:
            month = reference.month + offset
            date = end_of_month(reference.year + (month - 1) // 12, (month - 1) % 12 + 1)
    elif g["part"]:
        lo, hi = data["period_parts"][" ".join(g["part"].lower().split())]
        date = end_of_month(int(g["pyear"]), hi)
    elif g["fiscal"] or g["fiscal2"]:
        year = int(g["fyear"]) if g["fiscal"] else 2000 + int(g["fyear2"])
        month, day, shift = data["fiscal_year_end"].get(fiscal_country or "", [12, 31, 0])
        date = dt.date(year + shift, month, day)
    elif g["season"]:
        relative = True
        words = g["season"].lower().split()
        if reference:
            last_month = data["seasons"][words[-1]]
            year = reference.year + (1 if words[0] == "next" else 0) + (1 if last_month < 3 else 0)
            date = end_of_month(year, last_month)
    elif g["year"]:
        if cue == "from" and not g["onward"]:
            return None  # "from 2024" is mostly a comparison base, not a start date
        date = dt.date(int(g["year"]), 12, 31)
    elif g["decade"]:
        relative = True
        if reference:
            date = dt.date(reference.year // 10 * 10 + 9, 12, 31)
    elif g["rel"]:
        relative = True
        rel = " ".join(g["rel"].lower().split())
        offset = data["relative_years"].get(rel, 0)
        if reference:
            date = dt.date(reference.year + offset, 12, 31)
    elif g["event"]:
        if g["efull"]:
            date, _ = parse_date(g["efull"])
        elif g["emonthyear"]:
            date, _ = parse_date(g["emonthyear"])
        else:
            relative = True
            name = g["emonth"] or g["emonth2"]
            if reference:
                date = _next_month_end(_month_number(name, data), reference)
    elif g["month"]:
        relative = True
        words = g["month"].split()
        if reference:
            date = _next_month_end(_month_number(words[-1], data), reference)
            if words[0].lower() == "next" and len(words) > 1:
                date = end_of_month(date.year + 1 if date.year == reference.year and date.month >= reference.month else date.year, date.month)
    else:
        return None
    if not is_duration and date is None and not relative:
        return None
    start, end = m.start(), m.end()
    return DeadlineMention(start, end, text[start:end], kind,
                           date.isoformat() if date else None, duration,
                           unresolved=relative and date is None)
