"""Companies: candidates -> evidence -> decisions -> aliases.

The NER model alone mislabels deal documents (Bechtel as a place, Fujikura as a person,
'quantum information sciences' as an organization), so its ORG label is one signal among
several (evidence.py). Each candidate (candidates.py) is kept or dropped by a table of
named rules (decisions.py), and the kept ones merge into one entity per firm (aliases.py),
with the knowledge base's canonical name and home country where the firm is known (kb.py).
`explain_companies` returns every decision, for `extractor explain`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.extract.companies.aliases import key, merge
from extractor.extract.companies.candidates import CHUNK, SHAPE, Candidate, chunk_candidates, words
from extractor.extract.companies.decisions import Context, Decision, decide, is_non_company
from extractor.extract.companies.evidence import Signal, context_signals, list_signals, table_signals
from extractor.extract.companies.headings import heading_candidates
from extractor.extract.companies.kb import KnowledgeBase, knowledge_base
from extractor.extract.companies.persons import person_names
from extractor.extract.companies.rules import company_rules
from extractor.extract.countries import is_country_name
from extractor.extract.mentions import CompanyEntity, CountryMention
from extractor.nlp import Analysis
from extractor.resources import load_json
from extractor.spans import SpanIndex

_DROPPED_OWNERS = ("public_body", "person_name", "person_entity", "after_title", "title_only", "person_before_employer")

__all__ = ["find_companies", "explain_companies", "public_body_spans", "is_non_company", "Decision", "Signal"]


def public_body_spans(text: str) -> list[tuple[int, int]]:
    """Names of public bodies ('Secretary of Energy', 'Department of Commerce', 'White House'): a sector
    word inside one is no evidence of a sector."""
    r = company_rules()
    return sorted((m.start(), m.end()) for rx in (r.public_body_re, r.non_company_re) for m in rx.finditer(text))


def _title_case(line: str) -> bool:
    """A headline in Title Case: every name-like word capitalized, so capitals say nothing."""
    if re.search(r"[.!?]\s*$", line):
        return False
    ws = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) > 3]
    return len(ws) >= 4 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def _outlets(text: str, candidates: list[Candidate], outlet: str | None) -> set[str]:
    """Names of the outlet that published the page: 'Coindoo.com', 'Reporter at Coindoo', the page's own name."""
    r = company_rules()
    names = {m.group(1).lower() for m in re.finditer(r"\b([A-Z][A-Za-z0-9-]+)\.(?:com|net|org|co\.uk|io|news)\b", text)}
    for m in CHUNK.finditer(text):
        if r.outlet_re.search(text[max(0, m.start() - 40) : m.start()]):
            names.add(m.group(0).rstrip(".").lower())
    for c in candidates:  # "The Meridian Desk is an independent newsletter"
        if r.outlet_after_re.match(text, c.end):
            names.add(" ".join(key(c.text)))
    if outlet:
        names.add(outlet.lower())
    return names


def _candidates(
    analysis: Analysis, countries: list[CountryMention], kb: KnowledgeBase
) -> tuple[list[Candidate], SpanIndex]:
    r = company_rules()
    text = analysis.text
    headings = {
        i
        for i, b in enumerate(analysis.blocks)
        if b.kind in ("heading", "table_header") or (b.kind != "table_row" and _title_case(text[b.start : b.end]))
    }
    candidates = []
    for c in chunk_candidates(analysis, headings, kb):
        candidates.extend(_split_of(c, kb))
    common = analysis.parser.common_words if analysis.parser else frozenset()
    candidates += heading_candidates(analysis, headings, kb, common)
    candidates.sort(key=lambda c: (c.start, c.end))
    masked = [(m.start(), m.end()) for m in r.non_company_re.finditer(text)]
    masked += [(m.start(), m.end()) for m in r.public_body_re.finditer(text)]
    masked += [(m.start(), m.end()) for m in r.ticker_re.finditer(text)]  # "(NASDAQ: NVDA)"
    masked_index = SpanIndex(masked)
    candidates = [c for c in candidates if not masked_index.any_overlap(c.start, c.end)]
    country_spans = SpanIndex([(c.start, c.end) for c in countries])
    for c in candidates:
        _strip_demonym(c, kb)
    context_signals(analysis, candidates, kb, country_spans)
    list_signals(text, candidates)
    return table_signals(analysis, candidates), country_spans


def _split_of(c: Candidate, kb: KnowledgeBase) -> list[Candidate]:
    """'ROK Air Force of L3Harris Technologies' -> the part after 'of' when the head is a public body and the
    tail is plainly a firm; 'Federation of Korean Industries' stays one body."""
    m = re.search(r"\s+of\s+", c.text)
    if not m:
        return [c]
    head, tail = c.text[: m.start()], c.text[m.end() :]
    tail_words = words(tail)
    looks_company = (
        (len(tail_words) > 1 and tail_words[-1] in company_rules().legal_suffixes)
        or SHAPE.search(tail)
        or kb.lookup(tail) is not None
    )
    if is_non_company(head) and not is_non_company(tail) and looks_company:
        c.narrowed(c.start + m.end(), c.end, "public body before 'of'")
        c.initial = False
        return [c]
    if is_non_company(head):
        return []
    if kb.lookup(tail) is not None and kb.lookup(c.text) is None:  # "Tim Cook of Apple", "a unit of Hitachi"
        c.narrowed(c.start + m.end(), c.end, "words before 'of' a known firm")
        c.initial = False
    return [c]


def _strip_demonym(c: Candidate, kb: KnowledgeBase) -> None:
    """'Saudi Arabian DataVolt' -> 'DataVolt': a people's name before a firm's, unless the KB knows the whole
    ('Saudi Aramco', 'Korean Air')."""
    parts = c.text.split()
    for n in (2, 1):
        if len(parts) > n and is_country_name(" ".join(parts[:n])) and kb.lookup(c.text) is None:
            rest = " ".join(parts[n:])
            if SHAPE.search(rest) or kb.lookup(rest) is not None:
                c.narrowed(c.end - len(rest), c.end, "demonym before the name")
                c.initial = False
                return


@lru_cache(maxsize=1)
def _sector_words() -> frozenset[str]:
    phrases = [p for ps in load_json("sectors.json")["sectors"].values() for p in ps]
    return frozenset(w.lower() for p in phrases for w in re.split(r"[\s-]+", p))


def _aliases_of_dropped(text: str, decisions: list[Decision]) -> list[Decision]:
    """An acronym defined for a person or public body is one too: 'Federation of Korean Industries (FKI)',
    'President Mohammed bin Zayed (MbZ)'."""
    bracketed = [
        d.candidate
        for d in decisions
        if text[d.candidate.start - 1 : d.candidate.start] == "(" and text[d.candidate.end : d.candidate.end + 1] == ")"
    ]
    if not bracketed:
        return decisions  # no name defined in brackets: the two whole-text scans below are not needed
    dropped_before = {d.candidate.end for d in decisions if not d.kept and d.rule in _DROPPED_OWNERS}
    persons_before = {d.candidate.end for d in decisions if d.candidate.ner == "PERSON" and not d.kept}
    masked = {m.end() for m in company_rules().public_body_re.finditer(text)}
    bodies = {m.end() for m in CHUNK.finditer(text) if is_non_company(m.group(0))}  # not split into candidates
    owners = dropped_before | persons_before | masked | bodies
    defined = set()
    for c in bracketed:
        if any(text[e : c.start - 1].strip() == "" for e in owners if c.start - 4 <= e <= c.start - 1):
            defined.add(c.text)
    return [
        Decision(
            d.candidate, False, "alias_of_non_company", "an acronym the document defines for a person or public body"
        )
        if d.kept and d.candidate.text in defined
        else d
        for d in decisions
    ]


def explain_companies(analysis: Analysis, countries: list[CountryMention], outlet: str | None = None) -> list[Decision]:
    """Every candidate, in document order, with its signals and the rule that kept or dropped it."""
    kb = knowledge_base()
    candidates, country_spans = _candidates(analysis, countries, kb)
    nouns = analysis.parser.nouns if analysis.parser else frozenset()
    common = analysis.parser.common_words if analysis.parser else frozenset()
    groups: dict[int, list[Candidate]] = {}
    for c in candidates:
        if c.group is not None:
            groups.setdefault(c.group, []).append(c)
    ctx = Context(
        analysis,
        country_spans,
        _outlets(analysis.text, candidates, outlet),
        person_names(analysis, candidates, kb),
        kb,
        nouns,
        common,
        _sector_words(),
        groups,
    )
    return _aliases_of_dropped(analysis.text, [decide(c, ctx) for c in candidates])


def find_companies(
    analysis: Analysis, countries: list[CountryMention], outlet: str | None = None
) -> list[CompanyEntity]:
    """The companies of a parsed document: one entity per firm, its mentions in document order."""
    kept = [d.candidate for d in explain_companies(analysis, countries, outlet) if d.kept]
    return merge(analysis.text, kept, knowledge_base())
