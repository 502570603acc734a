"""Several amounts in one sentence: which company and which sectors belong to which amount.

'$30 billion for AI infrastructure with Mitsubishi Electric and $20 billion for optical fiber with
Fujikura': a company closing an amount's clause is that amount's; otherwise the nearest amount takes it,
and a subject named before every amount is shared.
"""

from __future__ import annotations

import re

from extractor.extract.mentions import AmountMention
from extractor.link.rules import link_rules
from extractor.models import Sector
from extractor.spans import SpanIndex


def nearest(group: list[AmountMention], start: int, end: int) -> AmountMention:
    """The amount of a sentence closest to the span [start, end)."""
    return min(group, key=lambda a: (min(abs(a.start - end), abs(start - a.end)), a.start))


def own_sectors(
    text: str, amount: AmountMention, group: list[AmountMention], sector_index: SpanIndex, lo: int, hi: int
) -> list[Sector]:
    """In a sentence with several amounts (`group`), the sectors named nearest to this one ('$150
    billion for shipbuilding, and $200 billion in cash for energy projects'); [] when it has none."""
    if len(group) < 2:
        return []
    labels: list[Sector] = []
    for m in sector_index.within(lo, hi):
        # A sector in the lead-in before a colon is every amount's: 'earmarked for networks: A €2 billion, B ...'
        lead_in = m.end <= group[0].start and ":" in text[m.end : group[0].start]
        if (lead_in or nearest(group, m.start, m.end) is amount) and m.sector not in labels:
            labels.append(m.sector)
    return labels


# What stands between a company and the next amount when that amount opens a new clause:
# '... in collaboration with Mitsubishi Electric and $20 billion for ...'.
_NEXT_CLAUSE = re.compile(
    r"\s*(?:[,;]\s*(?:(?:and|plus|while|as well as)\s+)?|(?:and|plus|as well as)\s+)"
    r"(?:(?:another|a further|an additional)\s+)?"
)


def _clause_amount(text: str, group: list[AmountMention], s: int, e: int) -> AmountMention | None:
    """The amount whose clause a company closes: after that amount, and followed only by the coordinator
    that opens the next amount's clause. None when the sentence does not say."""
    before = [a for a in group if a.end <= s]
    after = [a for a in group if a.start >= e]
    if before and after and _NEXT_CLAUSE.fullmatch(text, e, after[0].start):
        return before[-1]
    return None


_LEAD_WORDS = 10  # the most words between a firm and the amount it leads to


def _led_amount(
    text: str, group: list[AmountMention], s: int, e: int, inside: list[tuple[int, int]]
) -> AmountMention | None:
    """The amount a company leads to: the next amount after it, when only a few words and a word of
    commitment stand between them and no other company, clause or bracket does ('Cellnex from Spain will
    invest €2.5 billion', 'Santander at 2 billion dollars', "Home Depot's 1.3 billion dollars")."""
    nxt = next((a for a in group if a.start >= e), None)
    if nxt is None:
        return None
    gap = text[e : nxt.start]
    if ";" in gap or "(" in gap or ")" in gap or len(gap.split()) > _LEAD_WORDS:
        return None
    if any(e <= a < nxt.start for a, _ in inside):
        return None
    return nxt if link_rules().amount_lead.search(gap.strip(" ,")) else None


# Where one amount's clause ends and the next one's begins: the last coordinator between them
# ('... expansion by Intel in Penang, and Google's RM9.4 billion ...').
_COORDINATOR = re.compile(r"(?:,\s*|;\s*|\s+)(?:and|while|whereas|but|plus)\s+|;\s+")


def clauses(text: str, lo: int, hi: int, group: list[AmountMention]) -> list[tuple[int, int, list[AmountMention]]]:
    """The sentence [lo, hi) cut into clauses between its amounts: (start, end, amounts in it). Two amounts
    with no coordinator between them share a clause."""
    out: list[tuple[int, int, list[AmountMention]]] = []
    start, members = lo, [group[0]]
    for a, b in zip(group, group[1:]):
        cut = None
        for m in _COORDINATOR.finditer(text, a.end, b.start):
            cut = m.start()
        if cut is None:
            members.append(b)
            continue
        out.append((start, cut, members))
        start, members = cut, [b]
    out.append((start, hi, members))
    return out


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _respectively(text: str, lo: int, hi: int, group: list[AmountMention], company_spans) -> dict:
    """'Micron and Texas Instruments pledged $200 billion and $60 billion, respectively': as many firms
    named before the first amount as there are amounts, paired in order; {} when the sentence does not
    say so."""
    if not _RESPECTIVELY.search(text, lo, hi):
        return {}
    firms: list[tuple[int, int, str]] = []
    for s, e, n in company_spans.within(lo, group[0].start):
        if not firms or firms[-1][2] != n:
            firms.append((s, e, n))
    names = [n for _, _, n in firms]
    if len(firms) != len(group) or len(set(names)) != len(names):
        return {}
    return {(s, e): a for (s, e, _), a in zip(firms, group)}


def amount_owners(text: str, by_sentence: dict[tuple[int, int], list[AmountMention]], company_spans):
    """In a sentence with several amounts, each company belongs to the amount of its clause ('$1.5
    billion ... by Intel in Penang, and Google's RM9.4 billion ...'); within a clause of several
    amounts, to the one whose phrase it closes, else the nearest. An amount left without a company
    shares the sentence's subject, named before every amount."""
    owner: dict[tuple[int, int], AmountMention] = {}
    for (lo, hi), group in by_sentence.items():
        if len(group) < 2:
            continue
        inside = [(s, e) for s, e, _ in company_spans.within(lo, hi)]
        paired = _respectively(text, lo, hi, group, company_spans)
        if paired:
            owner.update(paired)
            continue
        parts = clauses(text, lo, hi, group)
        for s, e in inside:
            members = next((m for a, b, m in parts if a <= s < b), group)
            owner[(s, e)] = (
                members[0]
                if len(members) == 1
                else (
                    _clause_amount(text, members, s, e)
                    or _led_amount(text, members, s, e, inside)
                    or nearest(members, s, e)
                )
            )
        subject = [(s, e) for s, e in inside if e <= group[0].start]
        claimed = set(owner.values())
        if subject and any(a not in claimed for a in group):
            first = subject[0]
            owner.pop(first, None)  # shared by all the sentence's amounts
    return owner
