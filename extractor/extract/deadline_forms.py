"""Deadline forms that have no leading cue word, built from data/deadlines.json.

- a duration as the adjective of a time-limit noun: 'a 90-day pause', 'the 60-day comment
  period' (kind within; 'a 20-year contract' or 'a four-day visit' name no limit);
- time allowed: 'has 30 days to respond', 'will take effect in seven days', 'suspend the
  controls for one year' (within);
- a period an amount is spread over: '$20 billion in annual investments for 10 years' ('for N
  units' right after an amount, its commitment noun or a rate; within);
- spans: 'between 2027 and 2030', 'from 2026 to 2030', 'between now and 2030', 'over 2026-2030' (through,
  dated at the end of the later period; a span already over at the reference date is history);
- open periods: 'before the end of the administration' (kind from the cue, no date: there
  is no rule that dates a term of office, and none is guessed).

Also the helpers shared with deadlines.py: `alt`, `duration`, and the test that a period
after 'in' belongs to a sentence about the future ('will close in the third quarter of 2027').
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from extractor.dates import parse_date
from extractor.extract.amounts import find_amounts
from extractor.extract.currencies import initials
from extractor.extract.mentions import AmountMention, DeadlineMention
from extractor.models import DeadlineKind
from extractor.resources import alternation, load_json

YEAR = r"(?:19[89]\d|20\d\d)"
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"  # a regex class body: hyphen, non-breaking hyphen, en and em dashes
_CLAUSE_END = re.compile(r"[;!?\n]|:\s|(?<![A-Z])\.(?=\s)")  # not "86.3" or "U.S. "


def alt(words) -> str:
    """A regex alternation of the words, longest first, any white space for a space."""
    return alternation(words)


def alt_by_initial(words) -> str:
    """`alt`, grouped by first letter behind a lookahead: the same matches, about three times
    faster over long texts with many cue words (the engine skips groups at the first letter)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1].lower(), []).append(w)
    return "|".join(f"(?={re.escape(k)})(?:{alt(v)})" for k, v in sorted(groups.items()))


def key(s: str) -> str:
    return " ".join(s.lower().split())


def duration(num: str | None, unit: str, data, exact: bool = False) -> str | None:
    """ISO 8601 for 'N unit': ('90', 'day') -> P90D, ('two', 'decades') -> P20Y, ('a', 'quarter') -> P3M.
    With `exact`, vague counts ('several', 'a few') give None."""
    if exact and num and key(num) in data.get("vague_number_words", ()):
        return None
    n = 1
    if num:
        n = int(num) if num.isdigit() else data["number_words"].get(key(num), 0)
    code = data["duration_units"].get(key(unit)) or data["duration_units"].get(key(unit) + "s")
    if not n or not code:
        return None
    if code == "DECADE":
        return f"P{10 * n}Y"
    if code == "Q":
        return f"P{3 * n}M"
    return f"P{n}{code}"


def month_pattern(data) -> str:
    """Capitalized month names; only abbreviations take a period ('Aug.', never 'June.')."""
    full: dict[int, str] = {}  # month number -> its longest name
    for name, number in data["months"].items():
        if len(name) > len(full.get(number, "")):
            full[number] = name
    return (
        "(?-i:"
        + "|".join(
            re.escape(m.capitalize()) + (r"\.?" if m not in full.values() else "")
            for m in sorted(data["months"], key=len, reverse=True)
        )
        + ")"
    )


@lru_cache(maxsize=1)
def _rules():
    d = load_json("deadlines.json")
    month = month_pattern(d)
    numw = alt(d["number_words"])
    num = rf"\d+|{numw}"
    # 'a 90-day pause': the singular of a unit, i.e. one whose plural is listed too
    unit1 = alt(u for u in d["duration_units"] if f"{u}s" in d["duration_units"])
    mods = alt(d["duration_noun_modifiers"])
    # 'a 10-year investment framework', "Trump's 90‑day pause" (any dash: '90‑day', '90–day')
    possessor = r"(?:the\s+)?[\w.-]+['’]s"
    adjective = re.compile(
        rf"(?<![\w-])(?:{alt(d['duration_noun_determiners'])}|{possessor})\s+(?:(?:{mods})\s+){{0,2}}"
        rf"(?P<dnum>{num})[\s{DASHES}](?P<dunit>{unit1})s?[\s{DASHES}]+(?:(?:{mods})\s+){{0,2}}"
        rf"(?:{alt(d['duration_nouns'])})(?![\w-])",
        re.I,
    )
    allowed_verbs, limit_verbs = d["time_allowed_verbs"], d["limit_verbs"]  # behind a lookahead on their initials
    allowed = re.compile(
        rf"(?<![\w-])(?={initials(allowed_verbs)})(?:{alt(allowed_verbs)})\s+"
        rf"(?:(?:{alt(d['time_allowed_fillers'])})\s+)?"
        rf"(?P<dnum>{num})\s+(?:(?:{alt(d['time_allowed_more'])})\s+)?(?P<dunit>{alt(d['duration_units'])})"
        rf"\s+(?:to|in\s+which\s+to)\s+[a-z]+",
        re.I,
    )
    # 'suspend its export controls for one year': a verb that limits in time, then 'for N units'
    verb_for = re.compile(
        rf"(?<![\w-])(?={initials(limit_verbs)})(?:{alt(limit_verbs)})\s+(?:[\w'’-]+\s+){{0,4}}?"
        rf"(?P<span>for\s+(?:(?:{alt(d['limit_for_fillers'])})\s+)?(?P<dnum>{num})[\s-]+"
        rf"(?P<dunit>{alt(d['duration_units'])}))(?![\w-])",
        re.I,
    )
    # 'up to $20 billion in annual investments for 10 years': 'for N units' right after an amount (its
    # commitment noun or a rate between them) spreads the money over the period
    amount_for = re.compile(
        rf"(?<![\w-])(?:{alt(d['amount_for_cues'])})\s+(?:(?:{alt(d['amount_for_fillers'])})\s+)?"
        rf"(?P<dnum>{num})[\s-]+(?P<dunit>{alt(d['duration_units'])})(?![\w-])",
        re.I,
    )
    per = alt(d["amount_for_per_period"])
    amount_tail = re.compile(
        rf"\)?(?:,?\s+(?:{per}))?(?:\s+(?:(?:{alt(d['amount_for_links'])})\s+(?:[\w.'’-]+\s+){{0,2}}?)?"
        rf"(?:{alt(d['amount_for_nouns'])}))?(?:,?\s+(?:{per}))?\s+",
        re.I,
    )
    amount_for_not_after = re.compile(rf"\s+(?:{alt(d['amount_for_not_after'])})(?![\w-])", re.I)
    # 'will take effect in seven days': a duration after 'in', only in a sentence about the future
    in_duration = re.compile(
        rf"(?<![\w-])in\s+(?:(?:{alt(d['in_duration_fillers'])})\s+)?(?P<dnum>{num})\s+"
        rf"(?P<dunit>{alt(d['duration_units'])})"
        rf"(?:['’]s?\s+time)?(?![\w'’-])",
        re.I,
    )
    # 'the largest deal in 20 years' measures a record, not a limit
    not_limit = re.compile(rf"(?:^|\W)(?:{alt(d['not_limit_before_in'])})(?:\s+[\w-]+){{0,2}}\s*$", re.I)
    full = rf"{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}|\d{{1,2}}\s+{month},?\s+{YEAR}"
    point = rf"(?:{full}|{month},?\s+{YEAR}|{YEAR}|{month})(?![\w]|\.\d)"
    spans = "|".join(
        rf"(?P<c{i}>{re.escape(cue)})\s+(?P<a{i}>{alt(d['span_starts_now'])}|{point})"
        rf"\s*(?:{alt(joins)})\s*(?P<b{i}>{point})"
        for i, (cue, joins) in enumerate(d["span_cues"].items())
    )
    span = re.compile(rf"(?<![\w-])(?:{spans})(?!\s*(?:%|percent|levels?\b))", re.I)
    # 'over 2026-2030', 'in the 2026–2030 period': two full years joined by a dash
    year_span = re.compile(
        rf"(?<![\w-])(?:{alt(d['span_year_cues'])})\s+(?:the\s+)?(?P<y1>{YEAR})\s?[-–—]\s?(?P<y2>{YEAR})"
        rf"(?:\s+period)?(?![\w-]|\s*(?:%|percent|levels?\b))",
        re.I,
    )
    open_cues = {key(c): kind for kind, cues in d["open_period_cues"].items() for c in cues}
    owner = rf"(?:(?:the|this|its|their)\s+)?(?:[\w.-]+\s+){{0,2}}[\w.-]+['’]s|{alt(d['open_period_owners'])}"
    open_period = re.compile(
        rf"(?<![\w-])(?P<cue>{alt(open_cues)})\s+(?:{owner})\s+(?:(?:{alt(d['open_period_modifiers'])}|"
        rf"(?-i:[A-Z][a-z]+))\s+){{0,2}}(?:{alt(d['open_periods'])})(?![\w'’-])",
        re.I,
    )
    record = re.compile(rf"(?<![\w-])(?:{alt(d['record_words'])})(?![\w-])", re.I)
    future = re.compile(rf"(?<![\w'’])(?:{alt(d['future_markers'])})(?![\w])", re.I)
    starts = re.compile(rf"(?<![\w])(?:{alt(d['start_verbs'])})(?![\w])", re.I)
    not_time = re.compile(rf"\s+(?:{alt(d['period_not_time_after'])})\b", re.I)
    return {
        "adjective": adjective,
        "allowed": allowed,
        "in_duration": in_duration,
        "not_limit": not_limit,
        "verb_for": verb_for,
        "amount_for": amount_for,
        "amount_tail": amount_tail,
        "amount_for_not_after": amount_for_not_after,
        "span": span,
        "year_span": year_span,
        "open": open_period,
        "open_cues": open_cues,
        "future": future,
        "record": record,
        "starts": starts,
        "not_time": not_time,
        "span_count": len(d["span_cues"]),
        "data": d,
    }


def clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 120) : start]
    ends = list(_CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def period_in_future(
    text: str,
    start: int,
    end: int,
    date: dt.date | None,
    reference: dt.date | None,
    cue: str = "",
    begins: dt.date | None = None,
) -> DeadlineKind | None:
    """The kind of 'in <period>' at [start, end) (the period ends on `date`, begins on `begins`):
    'starting' after a start verb, 'by' otherwise; None when it is not about the future."""
    r = _rules()
    if r["not_time"].match(text, end):
        return None  # 'in the fiscal 2026 budget': the period names a budget, not a time
    if not _about_future(text, start, date, reference, cue, begins):
        return None
    return "starting" if r["starts"].search(clause_before(text, start)) else "by"


def _about_future(
    text: str, start: int, date: dt.date | None, reference: dt.date | None, cue: str = "", begins: dt.date | None = None
) -> bool:
    """Not over at the reference date, and either wholly after it or in a clause (or after a cue:
    'slated for') with a future marker: 'exports rose in the first half of 2026' in May 2026 is history."""
    if date is not None and reference is not None and date < reference:
        return False
    if begins is not None and reference is not None and begins > reference:
        return True
    return _rules()["future"].search(clause_before(text, start) + " " + cue) is not None


def _after_record(text: str, start: int) -> bool:
    """'the first new mill in the state in 35 years': a record word earlier in the clause, and no
    future marker after it, make 'in N years' look back ('the first units will ship in two years' does not)."""
    clause = clause_before(text, start)
    marks = list(_rules()["record"].finditer(clause))
    return bool(marks) and not _rules()["future"].search(clause, marks[-1].end())


def _point(s: str, year_hint: int | None = None) -> dt.date | None:
    s = " ".join(s.split())
    if re.fullmatch(YEAR, s):
        return dt.date(int(s), 12, 31)
    date, _ = parse_date(s, dt.date(year_hint, 1, 1) if year_hint and not re.search(r"\d{4}", s) else None)
    if date is not None and year_hint and not re.search(r"\d{4}", s):
        date = date.replace(year=year_hint)
    return date


def _span(m, reference: dt.date | None) -> DeadlineMention | None:
    r = _rules()
    i = next(i for i in range(r["span_count"]) if m.group(f"c{i}"))
    a, b = m.group(f"a{i}"), m.group(f"b{i}")
    if key(a) in r["data"]["span_starts_now"]:
        start = reference
    else:
        start = _point(a)
    end = _point(b, start.year if start else None)
    if end is None or (start is not None and start >= end):
        return None
    if not _about_future(m.string, m.start(), end, reference, begins=start):
        return None  # 'exports doubled between 2015 and 2020': the span is history
    return DeadlineMention(m.start(), m.end(), m.group(0), "through", end.isoformat(), None)


def find_forms(
    text: str, reference: dt.date | None, amounts: Sequence[AmountMention] | None = None
) -> list[DeadlineMention]:
    """Deadlines written as durations or periods rather than a cue and a date ("a 90-day pause", "has 30 days
    to", "over the next five years"), in order; dates resolve against `reference` (None: left unresolved).
    `amounts` are the text's money amounts when the caller has found them already (else found here,
    when needed)."""
    r = _rules()
    data = r["data"]
    out: list[DeadlineMention] = []
    for name in ("adjective", "allowed"):
        for m in r[name].finditer(text):
            iso = duration(m.group("dnum"), m.group("dunit"), data, exact=True)
            if iso:
                out.append(DeadlineMention(m.start(), m.end(), m.group(0), "within", None, iso))
    for m in r["verb_for"].finditer(text):
        iso = duration(m.group("dnum"), m.group("dunit"), data, exact=True)
        if iso:
            out.append(DeadlineMention(m.start("span"), m.end("span"), m.group("span"), "within", None, iso))
    amount_ends: list[int] | None = None
    for m in r["amount_for"].finditer(text):
        iso = duration(m.group("dnum"), m.group("dunit"), data, exact=True)
        if not iso or r["amount_for_not_after"].match(text, m.end()):
            continue
        if amount_ends is None:
            amount_ends = [a.end for a in (find_amounts(text) if amounts is None else amounts)]
        if any(
            m.start() - 160 <= e <= m.start() and r["amount_tail"].fullmatch(text, e, m.start()) for e in amount_ends
        ):
            out.append(DeadlineMention(m.start(), m.end(), m.group(0), "within", None, iso))
    for m in r["in_duration"].finditer(text):
        iso = duration(m.group("dnum"), m.group("dunit"), data, exact=True)
        before = text[max(0, m.start() - 40) : m.start()]
        looks_back = r["not_limit"].search(before) or _after_record(text, m.start())
        if iso and not looks_back and _about_future(text, m.start(), None, None):
            out.append(DeadlineMention(m.start(), m.end(), m.group(0), "within", None, iso))
    for m in r["span"].finditer(text):
        try:
            mention = _span(m, reference)
        except (ValueError, OverflowError):
            mention = None
        if mention is not None:
            out.append(mention)
    for m in r["year_span"].finditer(text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        end = dt.date(y2, 12, 31)
        if y1 < y2 and _about_future(text, m.start(), end, reference, begins=dt.date(y1, 1, 1)):
            out.append(DeadlineMention(m.start(), m.end(), m.group(0), "through", end.isoformat(), None))
    for m in r["open"].finditer(text):
        out.append(DeadlineMention(m.start(), m.end(), m.group(0), r["open_cues"][key(m.group("cue"))], None, None))
    return out


def without_overlaps(mentions: list[DeadlineMention]) -> list[DeadlineMention]:
    """In document order; of overlapping mentions the one starting first (then the longest) stays."""
    kept: list[DeadlineMention] = []
    for d in sorted(mentions, key=lambda d: (d.start, -(d.end - d.start))):
        if not kept or d.start >= kept[-1].end:
            kept.append(d)
    return kept
