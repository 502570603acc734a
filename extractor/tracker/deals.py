"""Deals across documents: commitments that are the same real-world commitment grouped into one deal.

The rules are data (`extractor/data/deals.json`: which checks run, the value tolerance, what an
empty side allows) and the checks are the small named functions in CHECKS; a pair of commitments
matches when every check the rules list passes. Grouping is complete-linkage and greedy in a fixed
order (documents by id, commitments by index): a commitment joins the first deal whose every
commitment it matches and that has none from its own document, else it starts a new deal. So the
result never depends on dict or set order, and a chain A~B~C where A and C differ does not merge.

Totals keep their parts: a deal is a part of the deal that holds the totals its commitments are
parts of (`part_of`), so sums over deals can count a total once and not add its parts to it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from extractor.tracker.deal_rules import RulesError, default_rules, validate


@dataclass(frozen=True)
class Item:
    """One commitment as the grouping sees it."""

    id: str
    document: str
    idx: int
    text: str
    value: float | int | None
    currency: str | None
    qualifier: str | None
    min: float | int | None
    max: float | int | None
    is_total: bool
    part_of: str | None
    deadline: str | None
    companies: frozenset[str] = frozenset()  # company ids: canonical names where known
    countries: frozenset[str] = frozenset()  # the commitment's, else its document's
    own_countries: frozenset[str] = frozenset()  # the commitment's alone (what the deal shows)
    homes: frozenset[str] = frozenset()  # home countries of its companies
    company_ids: frozenset[str] = frozenset()  # companies.id of its companies (what the deal shows)
    sectors: frozenset[str] = frozenset()


# --- the rules -------------------------------------------------------------------------------


def significant_digits(value) -> int:
    """How many significant digits a value is written with: 36200000000 -> 3, 4e10 -> 1."""
    if not value:
        return 1
    digits = f"{abs(value):.15g}".replace(".", "").lstrip("0").split("e")[0]
    return max(1, len(digits.rstrip("0")))


def round_to(value, digits: int) -> float:
    if not value:
        return 0.0
    magnitude = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - magnitude)


def values_match(x, y, rules: dict) -> bool:
    """x and y within the relative tolerance, or the more precise one rounds to the other."""
    if x is None or y is None:
        return False
    if x == y:
        return True
    if math.isclose(x, y, rel_tol=rules["value"]["relative_tolerance"]):
        return True
    floor = rules["value"]["min_significant_digits"]
    dx, dy = max(significant_digits(x), floor), max(significant_digits(y), floor)
    if dx == dy:
        return False
    coarse, fine, digits = (x, y, dx) if dx < dy else (y, x, dy)
    return math.isclose(round_to(fine, digits), coarse, rel_tol=1e-9)


def different_documents(a: Item, b: Item, rules: dict) -> bool:
    """One document names a sum once (its repeats are merged into one commitment), so two
    commitments of one document are two commitments."""
    return a.document != b.document


def same_currency(a: Item, b: Item, rules: dict) -> bool:
    return a.currency is not None and a.currency == b.currency


def same_value(a: Item, b: Item, rules: dict) -> bool:
    """The same value within rounding. Two ranges need both ends to match; a range and a single
    figure only when the figure is a ceiling at the range's top ($38-44 billion, up to $44 billion):
    `between $1 billion and $2 billion` is not `nearly $2 billion`."""
    ranges = (a.qualifier == "range") + (b.qualifier == "range")
    if ranges == 2 and None not in (a.min, b.min):
        return values_match(a.min, b.min, rules) and values_match(a.value, b.value, rules)
    if ranges == 1 and "up_to" not in (a.qualifier, b.qualifier):
        return False
    return values_match(a.value, b.value, rules)


def _overlap(x: frozenset, y: frozenset, rules: dict) -> bool:
    if x and y:
        return bool(x & y)
    return rules["parties"]["one_side_empty"]


def companies_compatible(a: Item, b: Item, rules: dict) -> bool:
    """Both name companies: one must be the same firm (canonical names). The same $5 billion
    from two different firms is two deals."""
    return _overlap(a.companies, b.companies, rules)


def countries_compatible(a: Item, b: Item, rules: dict) -> bool:
    """Where the money goes: the countries named, less the companies' home countries (a `Taiwan
    Semiconductor` plant in Arizona is not in Taiwan)."""
    return _overlap(a.countries - a.homes, b.countries - b.homes, rules)


def sectors_compatible(a: Item, b: Item, rules: dict) -> bool:
    return _overlap(a.sectors, b.sectors, rules)


def enough_shared_evidence(a: Item, b: Item, rules: dict) -> bool:
    """Without a shared company, the pair must name enough countries in common besides the common
    ones (the United States is a party to nearly every deal, so it tells two deals apart from
    nothing); the commitments' own countries count here, not their documents'."""
    if a.companies & b.companies:
        return True
    common = set(rules["anonymous"]["common_countries"])
    return len((a.own_countries & b.own_countries) - common) >= rules["anonymous"]["min_shared_countries"]


CHECKS: dict[str, Callable[[Item, Item, dict], bool]] = {
    f.__name__: f
    for f in (
        different_documents,
        same_currency,
        same_value,
        companies_compatible,
        countries_compatible,
        sectors_compatible,
        enough_shared_evidence,
    )
}


def failed_checks(a: Item, b: Item, rules: dict | None = None) -> list[str]:
    """The names of the checks the pair fails (empty: the same commitment)."""
    rules = rules or default_rules()
    return [name for name in rules["checks"] if not CHECKS[name](a, b, rules)]


def same_commitment(a: Item, b: Item, rules: dict | None = None) -> bool:
    rules = rules or default_rules()
    return all(CHECKS[name](a, b, rules) for name in rules["checks"])


# --- grouping --------------------------------------------------------------------------------


def _width(rules: dict) -> float:
    """The widest relative gap two matching values can have (tolerance or rounding), with room."""
    rounding = 0.5 / 10 ** (rules["value"]["min_significant_digits"] - 1)
    return 1.25 * max(rules["value"]["relative_tolerance"], rounding)


def _bucket(item: Item, width: float) -> tuple:
    """Values within `width` of each other fall in the same or a neighbouring bucket (log scale)."""
    v = abs(item.value) if isinstance(item.value, (int, float)) else 0
    return item.currency, (math.floor(math.log(v) / math.log1p(width)) if v else None)


def group(items: list[Item], rules: dict | None = None) -> list[list[Item]]:
    """Deals as lists of commitments, in the order of their first commitment.

    Each deal is filed under its first commitment's value, so a commitment is only compared with
    deals whose first value lies within reach (neighbouring buckets), which keeps thousands of
    commitments fast; complete linkage then checks it against every commitment of the deal."""
    rules = rules or default_rules()
    width = _width(rules)
    ordered = sorted(items, key=lambda i: (i.document, i.idx, i.id))
    groups: list[list[Item]] = []
    by_bucket: dict[tuple, list[int]] = {}
    for item in ordered:
        cur, b = _bucket(item, width)
        near = (
            by_bucket.get((cur, b), [])
            if b is None
            else sorted(by_bucket.get((cur, b - 1), []) + by_bucket.get((cur, b), []) + by_bucket.get((cur, b + 1), []))
        )
        for g in near:
            if all(same_commitment(item, other, rules) for other in groups[g]):
                groups[g].append(item)
                break
        else:
            by_bucket.setdefault((cur, b), []).append(len(groups))
            groups.append([item])
    return groups


def _representative(members: list[Item]) -> Item:
    """The most precise wording in the deal's currency: most significant digits, then a range over a
    single figure, then first."""
    same = [m for m in members if m.currency == members[0].currency]
    return max(
        same, key=lambda m: (significant_digits(m.value) if m.value else 0, m.qualifier == "range", -same.index(m))
    )


def deal_rows(groups: list[list[Item]], rules: dict | None = None) -> list[tuple]:
    """Rows of the `deals` table (column order of schema.sql), sorted by id. A deal is a part of
    another when more than a share of its sources say so (`totals.min_share_of_sources`): one document that
    wrongly hangs a figure under a total does not move the deal."""
    share = (rules or default_rules())["totals"]["min_share_of_sources"]
    deal_of = {m.id: "deal:" + g[0].id for g in groups for m in g}
    parent: dict[str, str | None] = {}
    for g in groups:
        did = "deal:" + g[0].id
        targets = [deal_of[m.part_of] for m in g if m.part_of in deal_of and deal_of[m.part_of] != did]
        best = max(sorted(set(targets)), key=targets.count) if targets else None
        parent[did] = best if best and targets.count(best) > share * len(g) else None
    for did in sorted(parent):  # a loop of parts (bad records) is cut where it closes
        seen, cur = {did}, parent[did]
        while cur is not None:
            if cur in seen:
                parent[did] = None
                break
            seen.add(cur)
            cur = parent[cur]
    rows = []
    for g in groups:
        did = "deal:" + g[0].id
        rep = _representative(g)
        deadlines = sorted(m.deadline for m in g if m.deadline)
        rows.append(
            (
                did,
                rep.currency,
                rep.value,
                rep.text,
                int(any(m.is_total for m in g)),
                parent[did],
                len(g),
                json.dumps(sorted(set().union(*(m.company_ids for m in g))), ensure_ascii=False),
                json.dumps(sorted(set().union(*(m.own_countries for m in g)))),
                json.dumps(sorted(set().union(*(m.sectors for m in g)))),
                deadlines[0] if deadlines else None,
                g[0].id,
            )
        )
    return sorted(rows)


__all__ = [
    "CHECKS",
    "Item",
    "RulesError",
    "default_rules",
    "deal_rows",
    "failed_checks",
    "group",
    "same_commitment",
    "validate",
]
