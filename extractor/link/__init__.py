"""Linking stage: each money amount becomes a commitment with its companies, countries, sectors, deadline.

Context is searched from the narrowest to the widest: the amount's sentence,
then its block (bullet, paragraph, table row), then the heading or lead-in line
above it. Companies of a following sentence that starts with 'The project',
'It', 'The facility' ... belong to the amount that sentence talks about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from extractor.extract.mentions import AmountMention, CompanyEntity, CountryMention, DeadlineMention, SectorMention
from extractor.link.clauses import amount_owners, own_sectors
from extractor.link.rules import link_rules
from extractor.link.totals import mark_equivalents, mark_totals, measures_not_funds, merge_repeats
from extractor.link.types import Context, Link, LinkedCompany
from extractor.models import Role
from extractor.nlp import Analysis
from extractor.spans import SpanIndex


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _role(text: str, start: int, end: int) -> tuple[Role | None, str | None]:
    rules = link_rules()
    before = text[max(0, start - 40) : start]
    for role, cue in rules.roles_before:
        m = cue.search(before)
        if m:
            return role, m.group(0).strip()
    after = text[end : end + 60]
    for role, cue in rules.roles_after:
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
            if b.kind == "paragraph" and analysis.text[b.start : b.end].rstrip().endswith(":"):
                return b.start, b.end  # the lead-in line of a list ("The agreement also includes:")
            continue  # keep looking for the section heading above the lead-in paragraph
        if block.kind == "list_item" and b.kind == "list_item":
            continue
        if block.kind != "list_item":
            return None
    return None


def link(
    analysis: Analysis,
    amounts: list[AmountMention],
    companies: list[CompanyEntity],
    countries: list[CountryMention],
    sectors: list[SectorMention],
    deadlines: list[DeadlineMention],
) -> list[Link]:
    """One Link per money amount of the parsed document: the companies, countries, sectors and deadline
    its scope (clause, sentence, block, heading) ties to it, with each company's role and cue, and
    whether it is a total, a part of another amount or the same sum restated in another currency."""
    text = analysis.text
    company_spans = [(s, e, c.name) for c in companies for s, e in c.mentions]
    links: list[Link] = []

    def span(x):
        return x.start, x.end

    sector_index, country_index, deadline_index = (
        SpanIndex(sectors, span),
        SpanIndex(countries, span),
        SpanIndex(deadlines, span),
    )
    company_index = SpanIndex(company_spans, key=lambda x: (x[0], x[1]))

    amounts = [a for a in amounts if not measures_not_funds(text, a)]
    by_sentence: dict[tuple[int, int], list[AmountMention]] = {}
    for a in amounts:
        by_sentence.setdefault(analysis.sentence_span(a.start), []).append(a)
    owner = amount_owners(analysis.text, by_sentence, company_index)
    for amount in amounts:
        link_ = Link(amount)
        s_lo, s_hi = analysis.sentence_span(amount.start)
        bi = analysis.block_index(amount.start)
        block = analysis.blocks[bi] if bi is not None else None
        scopes: list[tuple[Context, int, int]] = [("sentence", s_lo, s_hi)]
        heading = None
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
            heading = _heading_span(analysis, bi) if bi is not None else None
            if heading is None and bi is not None:
                heading = _entry_heading(analysis, bi, company_index)
            if heading:
                scopes.append(("heading", *heading))
        # A heading names a topic, rarely who pays; but a heading that is one firm's name alone (a factbox
        # entry: 'Eli Lilly' over its paragraphs) names whom its paragraphs are about.
        entry_heading = heading is not None and _names_one_firm(text, heading, company_index)
        # Companies: the sentence, then what a following 'The project ...' sentence says, then the block.
        found = []
        for name_scope, lo, hi in scopes:
            found = [(s, e, n) for s, e, n in company_index.within(lo, hi) if owner.get((s, e), amount) is amount]
            if found:
                link_.context = name_scope
                break
            if name_scope == "sentence" and not link_rules().firm_subject.match(text[s_lo:s_hi]):
                found = _anaphoric_companies(analysis, s_hi, block, company_index)
                if found:
                    break
            if name_scope == "block" and not entry_heading:
                break
        if not found and link_rules().firm_mention.search(text, s_lo, s_hi):
            found = _referred_firm(analysis, s_lo, company_index)
            if found:
                link_.context = "block"
        seen = set()
        for s, e, n in sorted(found):
            if n not in seen:
                seen.add(n)
                role, cue = _role(text, s, e)
                link_.companies.append(LinkedCompany(n, text[s:e], role, cue))
        link_.sectors = own_sectors(text, amount, by_sentence[(s_lo, s_hi)], sector_index, s_lo, s_hi) or _first_found(
            scopes, sector_index, lambda m: m.sector
        )
        # Countries and deadlines: the sentence, or the whole block when it is one bullet or table row.
        narrow = [
            sc
            for sc in scopes
            if sc[0] in ("sentence", "table_row")
            or (sc[0] == "block" and block is not None and block.kind == "list_item")
        ]
        link_.countries = _first_found(narrow, country_index, lambda m: m.code)
        for _, lo, hi in narrow:
            dls = deadline_index.within(lo, hi)
            dated = [d for d in dls if d.date]
            if dated or dls:
                link_.deadline = (dated or dls)[0]
                break
        link_.mentions.append((amount.start, amount.end))
        links.append(link_)
    links = merge_repeats(links)
    mark_totals(text, links)
    mark_equivalents(text, links)
    return links


L = TypeVar("L")


def _referred_firm(analysis: Analysis, start: int, company_index: SpanIndex) -> list:
    """ "This brings the company's total to $60 billion": the firm that opens the nearest of the three
    sentences before, in the same block or the one before it, that names one."""
    bi = analysis.block_index(start)
    floor = analysis.blocks[bi - 1].start if bi else 0
    pos = start
    for _ in range(3):
        prev = analysis.previous_sentence(pos, floor)
        if prev is None:
            return []
        found = company_index.within(*prev)
        if found:
            return [min(found)]
        pos = prev[0]
    return []


def _entry_heading(analysis: Analysis, block_i: int, company_index: SpanIndex) -> tuple[int, int] | None:
    """For a paragraph that is not the first under its heading: that heading, when it is one firm's name
    alone (every paragraph of a factbox entry is about its firm)."""
    if analysis.blocks[block_i].kind != "paragraph":
        return None
    for j in range(block_i - 1, max(-1, block_i - 30), -1):
        b = analysis.blocks[j]
        if b.kind == "heading":
            span = (b.start, b.end)
            return span if _names_one_firm(analysis.text, span, company_index) else None
        if b.kind != "paragraph":
            return None
    return None


def _names_one_firm(text: str, heading: tuple[int, int], company_index: SpanIndex) -> bool:
    """The heading is one company's name and nothing else ('Eli Lilly', 'Roche:')."""
    lo, hi = heading
    found = company_index.within(lo, hi)
    if len({n for _, _, n in found}) != 1:
        return False
    s, e, _ = found[0]
    return text[lo:s].strip() == "" and text[e:hi].strip(" \t:.-–—") == ""


def _first_found(scopes: list[tuple[Context, int, int]], index: SpanIndex, label: Callable[[Any], L]) -> list[L]:
    """The distinct labels of the items in the narrowest scope that has any."""
    for _, lo, hi in scopes:
        labels: list[L] = []
        for m in index.within(lo, hi):
            if label(m) not in labels:
                labels.append(label(m))
        if labels:
            return labels
    return []


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
        if not link_rules().anaphor.match(text[s:e]):
            return []
        found = company_spans.within(s, e)
        if found:
            return found
        pos = e
    return []
