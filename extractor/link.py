"""Linking stage: each money amount becomes a commitment with its companies, countries, sectors, deadline.

Context is searched from the narrowest to the widest: the amount's sentence,
then its block (bullet, paragraph, table row), then the heading or lead-in line
above it. Companies of a following sentence that starts with 'The project',
'It', 'The facility' ... belong to the amount that sentence talks about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.extract.mentions import (AmountMention, CompanyEntity, CountryMention, DeadlineMention,
                                        SectorMention)
from extractor.nlp import Analysis
from extractor.resources import load_json
from extractor.spans import SpanIndex

def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> dict:
    d = load_json("commitments.json")
    modal = r"(?:will|would|has|have|plans?\s+to|committed\s+to|pledged\s+to|agreed\s+to)?\s*"
    return {
        "anaphor": re.compile(rf"^(?:[-•*]\s*)?(?:{_alt(d['anaphora_subjects'])})\s+(?:\w+\s+){{0,2}}?"
                              rf"(?:{_alt(d['anaphora_nouns'])}|is|was|will|would)\b|^(?:It|They)\b"),
        "roles_before": [(role, re.compile(rf"\b(?:{_alt(cues)})\s*$", re.I))
                         for role, cues in d["role_cues_before"].items()],
        "roles_after": [(role, re.compile(rf"^(?:’s|'s)?\s*{modal}(?:{_alt(verbs)})\b", re.I))
                        for role, verbs in d["role_verbs_after"].items()],
        "total": re.compile(rf"\b(?:{_alt(d['total_cues'])})", re.I),
    }


@dataclass
class Link:
    amount: AmountMention
    companies: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # name, mention, role, cue
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    deadline: DeadlineMention | None = None
    context: str = "sentence"
    is_total: bool = False
    part_of: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _role(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    rules = _rules()
    before = text[max(0, start - 40):start]
    for role, cue in rules["roles_before"]:
        m = cue.search(before)
        if m:
            return role, m.group(0).strip()
    after = text[end:end + 60]
    for role, cue in rules["roles_after"]:
        m = cue.match(after)
        if m:
            return role, m.group(0).strip()
    return None, None


def _heading_span(analysis: Analysis, block_i: int) -> tuple[int, int] | None:
    """The heading or lead-in line that the block sits under (nearest preceding heading, or the
    paragraph ending in ':' that opens a list)."""
    blocks = analysis.blocks
    block = blocks[block_i]
    for j in range(block_i - 1, max(-1, block_i - 30), -1):
        b = blocks[j]
        if b.kind == "heading":
            return b.start, b.end
        if block.kind == "table_row":
            if b.kind in ("table_row", "table_header"):
                continue
            return None  # a table under a paragraph: the paragraph is not its title
        if block.kind == "list_item" and b.kind != "list_item":
            if b.kind == "paragraph" and analysis.text[b.start:b.end].rstrip().endswith(":"):
                return b.start, b.end  # the lead-in line of a list ("The agreement also includes:")
            continue  # keep looking for the section heading above the lead-in paragraph
        if block.kind == "list_item" and b.kind == "list_item":
            continue
        if block.kind != "list_item":
            return None
    return None


def link(analysis: Analysis, amounts: list[AmountMention], companies: list[CompanyEntity],
         countries: list[CountryMention], sectors: list[SectorMention],
         deadlines: list[DeadlineMention]) -> list[Link]:
    text = analysis.text
    company_spans = [(s, e, c.name) for c in companies for s, e in c.mentions]
    links: list[Link] = []

    def span(x):
        return x.start, x.end

    sector_index, country_index, deadline_index = (SpanIndex(sectors, span), SpanIndex(countries, span),
                                                   SpanIndex(deadlines, span))
    company_index = SpanIndex(company_spans, key=lambda x: (x[0], x[1]))

    amounts = [a for a in amounts if not _measures_not_funds(text, a)]
    by_sentence: dict[tuple[int, int], list[AmountMention]] = {}
    for a in amounts:
        by_sentence.setdefault(analysis.sentence_span(a.start), []).append(a)
    owner = _nearest_amount_owner(analysis.text, by_sentence, company_index)
    for amount in amounts:
        link_ = Link(amount)
        s_lo, s_hi = analysis.sentence_span(amount.start)
        bi = analysis.block_index(amount.start)
        block = analysis.blocks[bi] if bi is not None else None
        scopes = [("sentence", s_lo, s_hi)]
        if block is not None:
            if block.kind == "table_row":
                scopes = [("table_row", block.start, block.end)]
            elif block.kind == "list_item" or (s_lo, s_hi) == (block.start, block.end):
                scopes.append(("block", block.start, block.end))
            else:
                # In running text only the sentence before says what this one is about.
                prev = analysis.previous_sentence(s_lo, block.start)
                if prev:
                    scopes.append(("block", *prev))
            heading = _heading_span(analysis, bi)
            if heading:
                scopes.append(("heading", *heading))
        # Companies: the sentence, then what a following 'The project ...' sentence says, then the block.
        found = []
        for name_scope, lo, hi in scopes:
            found = [(s, e, n) for s, e, n in company_index.within(lo, hi) if owner.get((s, e), amount) is amount]
            if found:
                link_.context = name_scope
                break
            if name_scope == "sentence":
                found = _anaphoric_companies(analysis, s_hi, block, company_index)
                if found:
                    break
            if name_scope == "block":
                break  # a heading names a topic, rarely who pays
        seen = set()
        for s, e, n in sorted(found):
            if n not in seen:
                seen.add(n)
                role, cue = _role(text, s, e)
                link_.companies.append((n, text[s:e], role, cue))
        link_.sectors = _own_sectors(amount, by_sentence[(s_lo, s_hi)], sector_index, s_lo, s_hi) \
            or _first_found(scopes, sector_index, lambda m: m.sector)
        # Countries and deadlines: the sentence, or the whole block when it is one bullet or table row.
        narrow = [sc for sc in scopes if sc[0] in ("sentence", "table_row")
                  or (sc[0] == "block" and block is not None and block.kind == "list_item")]
        link_.countries = _first_found(narrow, country_index, lambda m: m.code)
        for name_scope, lo, hi in narrow:
            dls = deadline_index.within(lo, hi)
            dated = [d for d in dls if d.date]
            if dated or dls:
                link_.deadline = (dated or dls)[0]
                break
        link_.mentions.append((amount.start, amount.end))
        links.append(link_)
    links = _merge_repeats(links)
    _mark_totals(text, links)
    return links


def _merge_repeats(links: list[Link]) -> list[Link]:
    """The same sum named again ('the $550 billion framework ... runs through 2029') is the same
    commitment: its later contexts add companies, countries, sectors and a deadline to the first.
    Two equal sums tied to different companies stay apart."""
    merged: list[Link] = []
    for lk in links:
        a = lk.amount
        names = {c[0] for c in lk.companies}
        target = next((m for m in merged if m.amount.currency == a.currency and m.amount.value == a.value
                       and (not names or not {c[0] for c in m.companies} or names & {c[0] for c in m.companies})),
                      None)
        if target is None:
            merged.append(lk)
            continue
        known = {c[0] for c in target.companies}
        target.companies.extend(c for c in lk.companies if c[0] not in known)
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
    after = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?:{_alt(money['not_commitment_after'])})\b", re.I)
    before = re.compile(rf"\b(?:{_alt(money['size_nouns_before'])})\b,?(?:\s+[\w-]+){{0,4}}\s+"
                        r"(?:(?:about|around|roughly|nearly|some)\s+)?$")
    return after, before


def _measures_not_funds(text: str, amount: AmountMention) -> bool:
    """'$430 billion of foreign-exchange reserves', '$1.6 trillion in two-way trade': a size, not a deal."""
    after, before = _size_res()
    return after.match(text, amount.end) is not None or \
        before.search(text, max(0, amount.start - 60), amount.start) is not None


def _first_found(scopes, index: SpanIndex, label) -> list[str]:
    """The distinct labels of the items in the narrowest scope that has any."""
    for _, lo, hi in scopes:
        labels: list[str] = []
        for m in index.within(lo, hi):
            if label(m) not in labels:
                labels.append(label(m))
        if labels:
            return labels
    return []


def _nearest(group: list[AmountMention], start: int, end: int) -> AmountMention:
    """The amount of a sentence closest to the span [start, end)."""
    return min(group, key=lambda a: (min(abs(a.start - end), abs(start - a.end)), a.start))


def _own_sectors(amount: AmountMention, group: list[AmountMention], sector_index: SpanIndex,
                 lo: int, hi: int) -> list[str]:
    """In a sentence with several amounts (`group`), the sectors named nearest to this one ('$150
    billion for shipbuilding, and $200 billion in cash for energy projects'); [] when it has none."""
    if len(group) < 2:
        return []
    labels: list[str] = []
    for m in sector_index.within(lo, hi):
        if _nearest(group, m.start, m.end) is amount and m.sector not in labels:
            labels.append(m.sector)
    return labels


# What stands between a company and the next amount when that amount opens a new clause:
# '... in collaboration with Mitsubishi Electric and $20 billion for ...'.
_NEXT_CLAUSE = re.compile(r"\s*(?:[,;]\s*(?:(?:and|plus|while|as well as)\s+)?|(?:and|plus|as well as)\s+)"
                          r"(?:(?:another|a further|an additional)\s+)?")


def _clause_amount(text: str, group: list[AmountMention], s: int, e: int) -> AmountMention | None:
    """The amount whose clause a company closes: after that amount, and followed only by the coordinator
    that opens the next amount's clause. None when the sentence does not say."""
    before = [a for a in group if a.end <= s]
    after = [a for a in group if a.start >= e]
    if before and after and _NEXT_CLAUSE.fullmatch(text, e, after[0].start):
        return before[-1]
    return None


def _nearest_amount_owner(text: str, by_sentence: dict[tuple[int, int], list[AmountMention]], company_spans):
    """In a sentence with several amounts, each company belongs to the amount nearest to it
    ('up to $100 billion for Westinghouse ..., and up to $100 billion for GE Vernova'). An amount
    left without a company shares the sentence's subject, named before every amount."""
    owner: dict[tuple[int, int], AmountMention] = {}
    for (lo, hi), group in by_sentence.items():
        if len(group) < 2:
            continue
        inside = [(s, e) for s, e, _ in company_spans.within(lo, hi)]
        for s, e in inside:
            owner[(s, e)] = _clause_amount(text, group, s, e) or _nearest(group, s, e)
        subject = [(s, e) for s, e in inside if e <= group[0].start]
        claimed = set(owner.values())
        if subject and any(a not in claimed for a in group):
            first = subject[0]
            owner.pop(first, None)  # shared by all the sentence's amounts
    return owner


def _anaphoric_companies(analysis: Analysis, sentence_end: int, block, company_spans):
    """Companies of the next sentences in the same block when they refer back ('The project is led by ...')."""
    if block is None:
        return []
    text = analysis.text
    pos = sentence_end
    for _ in range(2):
        nxt = analysis.next_sentence(pos, block.end)
        if nxt is None:
            return []
        s, e = nxt
        if not _rules()["anaphor"].match(text[s:e]):
            return []
        found = company_spans.within(s, e)
        if found:
            return found
        pos = e
    return []


def _mark_totals(text: str, links: list[Link]) -> None:
    """A total broken into parts: later amounts of the same currency in the same passage that are
    smaller and add up to no more than the total are its parts ('$490 billion ... $332 billion')."""
    for i, total in enumerate(links):
        a = total.amount
        parts = []
        running = 0
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
        if len(parts) >= 2 and _rules()["total"].search(text, max(0, a.start - 120), a.end + 120):
            total.is_total = True
            for j in parts:
                links[j].part_of = i
