"""Sums across a document: repeats of one sum merged, totals and their parts, sizes that fund nothing."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from extractor.extract.mentions import AmountMention
from extractor.link.rules import link_rules
from extractor.link.types import Link
from extractor.resources import alternation as alt
from extractor.resources import load_json


def merge_repeats(links: list[Link]) -> list[Link]:
    """The same sum named again ('the $550 billion framework ... runs through 2029') is the same
    commitment: its later contexts add companies, countries, sectors and a deadline to the first.
    Two equal sums tied to different companies stay apart."""
    merged: list[Link] = []
    for lk in links:
        a = lk.amount
        names = {c.name for c in lk.companies}
        target = next(
            (
                m
                for m in merged
                if m.amount.currency == a.currency
                and m.amount.value == a.value
                and (not names or not {c.name for c in m.companies} or names & {c.name for c in m.companies})
            ),
            None,
        )
        if target is None:
            merged.append(lk)
            continue
        known = {c.name for c in target.companies}
        target.companies.extend(c for c in lk.companies if c.name not in known)
        target.countries.extend(c for c in lk.countries if c not in target.countries)
        target.sectors.extend(x for x in lk.sectors if x not in target.sectors)
        if target.deadline is None or (target.deadline.date is None and lk.deadline and lk.deadline.date):
            target.deadline = lk.deadline or target.deadline
        target.mentions.extend(lk.mentions)
    return merged


@lru_cache(maxsize=1)
def _size_res() -> tuple[re.Pattern, re.Pattern]:
    """('$430 billion of reserves', 'reserves, which stand at $430 billion'): after and before the amount."""
    money = load_json("money.json")
    after = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?:{alt(money['not_commitment_after'])})\b", re.I)
    before = re.compile(
        rf"\b(?:{alt(money['size_nouns_before'])})\b,?(?:\s+[\w-]+){{0,4}}\s+"
        rf"(?:(?:{alt(money['size_approximations'])})\s+)?$"
    )
    return after, before


def measures_not_funds(text: str, amount: AmountMention) -> bool:
    """'$430 billion of foreign-exchange reserves', '$1.6 trillion in two-way trade': a size, not a deal."""
    after, before = _size_res()
    return (
        after.match(text, amount.end) is not None
        or before.search(text, max(0, amount.start - 60), amount.start) is not None
    )


def mark_totals(text: str, links: list[Link]) -> None:
    """A total broken into parts: later amounts of the same currency in the same passage that are
    smaller and add up to no more than the total are its parts ('$490 billion ... $332 billion')."""
    for i, total in enumerate(links):
        a = total.amount
        parts = []
        running = Decimal(0)
        for j in range(i + 1, len(links)):
            b = links[j].amount
            if b.start - a.end > 1500 or b.currency != a.currency:
                break
            if b.value >= a.value or links[j].part_of is not None:
                break
            if running + b.value > a.value:
                break
            running += b.value
            parts.append(j)
        if len(parts) >= 2 and link_rules().total.search(text, max(0, a.start - 120), a.end + 120):
            total.is_total = True
            for j in parts:
                links[j].part_of = i


@lru_cache(maxsize=1)
def _conversion_gap() -> re.Pattern:
    """What stands between an amount and its conversion in brackets: "RM10 billion (US$2.4 billion)",
    "¥1 trillion (about $6.7 billion)"."""
    cues = alt(load_json("money.json")["conversion_cues"], flexible_space=False)
    return re.compile(rf"\s*[(\[]\s*(?:(?:{cues})\s+)?")


def mark_equivalents(text: str, links: list[Link]) -> None:
    """An amount that only converts the one before it into another currency points at it
    (`equivalent_of`), so sums over commitments count the pair once."""
    for i in range(1, len(links)):
        prev, a = links[i - 1].amount, links[i].amount
        if (
            prev.currency != a.currency
            and _conversion_gap().fullmatch(text, prev.end, a.start)
            and re.match(r"\s*[)\]]", text[a.end : a.end + 3])
        ):
            prior = links[i - 1].equivalent_of
            j = i - 1 if prior is None else prior
            links[i].equivalent_of = j
            # The same sum restated: the same payers and sectors as the amount it converts.
            if links[j].companies:
                links[i].companies = list(links[j].companies)
            if links[j].sectors:
                links[i].sectors = list(links[j].sectors)
