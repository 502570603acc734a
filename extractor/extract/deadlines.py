"""Deadlines: a cue ('by', 'within', 'through', 'ahead of', 'starting') followed by a time expression.

Only the span after a cue is ever parsed. Calendar phrases resolve to the END
of the named period; durations become ISO 8601 (P10D, P6M, P10Y) by our own
rules; relative phrases ('next year', 'a March summit') resolve against the
document's reference date, and stay null with a warning when there is none.
This module holds the patterns and the finder; the date arithmetic is in
deadline_calendar.py.

Besides cue + time: a period after 'in' ('will close in the third quarter of 2027',
'slated for Q2 2028') counts in a sentence about the future, and the cue-less forms of
deadline_forms.py ('a 90-day pause', 'has 30 days to respond', 'between 2027 and 2030',
'before the end of the administration', kept undated) join in; of overlapping finds the
earliest, then longest, stays.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from extractor.extract.deadline_calendar import calendar_date, period_start
from extractor.extract.deadline_forms import (
    YEAR,
    alt_by_initial,
    clause_before,
    find_forms,
    month_pattern,
    period_in_future,
    without_overlaps,
)
from extractor.extract.deadline_forms import alt as _alt
from extractor.extract.deadline_forms import duration as _dur
from extractor.extract.mentions import AmountMention, DeadlineMention
from extractor.models import DeadlineKind
from extractor.resources import load_json, one_of


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], dict[str, DeadlineKind], dict, re.Pattern[str], re.Pattern[str]]:
    """(cue + time regex, cue -> kind, deadlines.json, 'in' + period regex, cue + clause ending at a time)."""
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
        r"(?:(?:at\s+)?\d{1,2}:\d{2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)?"
        rf"(?:\s+(?:{_alt(d['clock_time_zones'])})(?:\s+(?:daylight|standard))?(?:\s+time)?)?,?\s+(?:on\s+)?)"
    )
    regex = re.compile(
        rf"(?<![\w-])(?P<cue>{cue})\s+(?:at\s+least\s+)?{clock}?(?:{time})", re.I
    )  # 'until at least 2028'
    # 'before the governor's term ends in January 2029': a clause whose subject ends at the time
    ends = re.compile(
        rf"(?<![\w-])(?P<cue>{_alt(d['clause_end_cues'])})\s+(?:[\w.'’-]+\s+){{1,6}}?"
        rf"(?:{_alt(d['clause_end_verbs'])})\s+(?:in|on)\s+(?:{time})",
        re.I,
    )
    return regex, cue_kind, d, in_regex, ends


def find_deadlines(
    text: str,
    reference: dt.date | None,
    fiscal_country: str | None = None,
    amounts: Sequence[AmountMention] | None = None,
) -> list[DeadlineMention]:
    """`fiscal_country` (ISO alpha-3) says whose fiscal year 'fiscal 2026' names (Japan's ends March 31, 2027);
    `amounts`, the text's money amounts when the caller has them (find_amounts(text)), spare finding them again."""
    regex, cue_kind, data, in_regex, ends = _rules()
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
    for m in ends.finditer(text):
        try:
            mention = _to_mention(text, m, cue_kind, data, reference, fiscal_country)
        except (ValueError, OverflowError):
            mention = None
        if mention is not None:
            out.append(mention)
    for m in in_regex.finditer(text):
        try:
            date, relative = calendar_date(m.groupdict(), "by", data, reference, fiscal_country)
        except (ValueError, OverflowError):
            continue
        # A quarter with no year is only a deadline in a sentence about the future: 'exports rose in
        # the first quarter' in November names the past one, not next year's.
        begins = None if m.group("bpart") else period_start(m.groupdict(), date, data)
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
    return without_overlaps([d for d in out + find_forms(text, reference, amounts) if not _vague(text, d)])


@lru_cache(maxsize=1)
def _vague_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = load_json("deadlines.json")
    unit_end = re.compile(rf"(?<![\w-])(?:{_alt(d['duration_units'])})$", re.I)
    return unit_end, re.compile(rf"\s+(?:{_alt(d['vague_duration_after'])})(?![\w-])", re.I)


def _vague(text: str, d: DeadlineMention) -> bool:
    """'in the next decade or two', 'within a year or so': a duration with a vague end names no limit."""
    unit_end, vague = _vague_rules()
    return bool(d.duration and unit_end.search(d.text) and vague.match(text, d.end))


_AFTER_SPAN = re.compile(r"\s+(?:after|from|following|of)\b")
_IN = re.compile(r"\s+in\b")


@lru_cache(maxsize=1)
def _bare_over_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(what after 'over N units' makes it an amount of time, what before it does, an amount or a
    spending verb: the money the duration spreads)."""
    d, money = load_json("deadlines.json"), load_json("money.json")
    not_after = re.compile(rf"\s+(?:{_alt(d['bare_over_not_after'])})(?![\w-])", re.I)
    not_before = re.compile(rf"(?<![\w-])(?:{_alt(d['bare_over_not_before'])})\s+$", re.I)
    prefixes = _alt([*money["currency_prefixes"], *money["currency_prefixes_case_sensitive"]])
    scale = _alt(m for m in money["magnitudes"] if len(m) > 1 and m not in money["magnitudes_case_sensitive"])
    spend = re.compile(
        rf"(?:{prefixes})\s?\d|\d(?:[\d.,]*\d)?\s*(?:{scale})(?![\w])"
        rf"|(?<![\w-])(?:{_alt(d['bare_over_spend_verbs'])})(?![\w-])",
        re.I,
    )
    return not_after, not_before, spend


def _bare_over_limits(text: str, start: int, end: int) -> bool:
    """'invest $10 billion over five years (in Ohio)' spreads money over a period; 'over 5 years ago',
    'for over 5 years', 'over 8 years of experience' (and, with no money before, 'over 8 years in
    the industry') say 'more than'."""
    not_after, not_before, spend = _bare_over_rules()
    if not_after.match(text, end) or not_before.search(text, max(0, start - 20), start):
        return False
    return not _IN.match(text, end) or spend.search(clause_before(text, start)) is not None


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
        if cue in data["bare_over_cues"] and not _bare_over_limits(text, m.start(), m.end()):
            return None  # "over 8 years of experience" is an amount of time, not a limit
    elif kind == "within" and cue not in ("within",):
        return None  # "over the next" / "a timeframe of" take durations only
    elif (g["year"] and not g["onward"] or g["ysplit"]) and cue == "from":
        return None  # "from 2024" is mostly a comparison base, not a start date
    else:
        date, relative = calendar_date(g, kind, data, reference, fiscal_country)
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
