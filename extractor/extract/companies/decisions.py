"""Decisions: a table of named rules that drop a candidate, each with a one-line reason.

Rules are tried in order; the first that fires drops the candidate and names why. A
candidate no rule drops is kept ("accepted"). `--explain` prints the rule for every
candidate, and tests/test_rules_companies.py holds rows for each rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractor.extract.companies.candidates import SHAPE, Candidate, Origin, words
from extractor.extract.companies.evidence import Signal
from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.companies.rules import company_rules, fold_term
from extractor.extract.countries import is_country_name, is_us_state
from extractor.nlp import Analysis
from extractor.spans import SpanIndex

_LOCATION_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to)\s+$")
# "plants in Melaka and Kulim.": a lone name after 'in' (or coordinated with one) closing the clause.
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:[A-Z][\w-]*\s+(?:and|or)\s+)?$")
_LOCATION_AFTER = re.compile(r"(?:,|\s+in)\s+([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)")
_WEB_NAME = re.compile(r"\.(?:com|org|net|io|co|news)$", re.I)
_NUMBERISH = re.compile(r"\d[\d,.]*(?:s|km|kg|mm|cm|m|mw|gw|gb|tb|-bit|bit|th|st|nd|rd|%)?(?:\s|$)", re.I)
_POSSESSOR = re.compile(r"\b(?:its|their|his|her|our)\s+$")
S = Signal


@dataclass
class Context:
    """What the rules read besides the candidate: the document and the names it gives to others."""

    analysis: Analysis
    countries: SpanIndex
    outlets: set[str]
    persons: set[str]
    kb: KnowledgeBase
    nouns: frozenset[str]
    common: frozenset[str]  # nouns, adjectives, verbs and adverbs of the lemmatizer
    sector_words: frozenset[str]  # every word of a sector phrase (data/sectors.json)
    groups: dict[int, list[Candidate]]  # candidates by the list they are coordinated in

    @property
    def text(self) -> str:
        return self.analysis.text


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    drops: Callable[[Candidate, Context], bool]


def _only(c: Candidate, *signals: Signal) -> bool:
    return c.signals <= set(signals)


def is_non_company(name: str, country_spans: SpanIndex | None = None, start: int = 0) -> bool:
    """Government bodies, agencies, armed forces, deals, documents, countries; a country's name
    with only a legal suffix ('Korea Inc', a figure of speech)."""
    r = company_rules()
    low = " ".join(name.lower().split())
    if is_country_name(name) or is_us_state(name):
        return True
    if low in r.non_company_names or low.removeprefix("the ") in r.non_company_names:
        return True
    ws = words(name)
    if any(w in r.non_company_words for w in ws) or any(p in low for p in r.non_company_phrases):
        return True
    spans = country_spans or SpanIndex([])
    covered = [(a - start, b - start) for a, b in spans.within(start, start + len(name))]
    rest = name
    for a, b in sorted(covered, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    rest = " ".join(rest.split()).strip("-–— ")
    if not rest or rest.lower() in r.non_company_names:
        return True
    if ws and ws[-1] in r.place_heads:
        return True  # "King Salman Park", "Qiddiya City": a place or site
    return bool(covered) and all(w in r.legal_suffixes for w in words(rest))


def _first_word_proper(ctx: Context, c: Candidate) -> bool:
    first = c.text.split()[0]
    if SHAPE.search(first) or re.fullmatch(r"[A-Z0-9&]{2,6}", first):
        return True
    tokens = ctx.analysis.tokens(c.start, c.end)
    return bool(tokens) and (
        not tokens[0].tag_.startswith(("DT", "NN", "PRP", "IN", "RB", "VB", "CD", "WP", "WD"))
        or tokens[0].tag_ in ("NNP", "NNPS")
    )


def _looks_proper(ctx: Context, c: Candidate) -> bool:
    """A proper name by the tagger (NNP), or by its shape (an acronym, CamelCase, letters and digits)."""
    t = c.text
    if (
        re.search(r"[a-z][A-Z]|[A-Z]{2,}|\d", t)
        and not t.isupper()
        or re.fullmatch(r"[A-Z0-9&]{2,6}", t)
        or SHAPE.search(t)
    ):
        return True
    return any(tok.tag_ in ("NNP", "NNPS") for tok in ctx.analysis.tokens(c.start, c.end))


def _is_plural_noun(ctx: Context, c: Candidate) -> bool:
    """'Figures', 'Projects': the plural of an English noun (the lemmatizer's own noun list)."""
    w = c.text.lower()
    if not w.endswith("s") or len(w) < 4:
        return False
    singulars = {w[:-1], w[:-2] if w.endswith("es") else w[:-1], w[:-3] + "y" if w.endswith("ies") else w[:-1]}
    return any(s in ctx.nouns for s in singulars)


def _opens_label(ctx: Context, c: Candidate) -> bool:
    """The first words of a 'Label: text' line."""
    block = ctx.analysis.block_at(c.start)
    return (
        block is not None
        and re.match(r"^\W*(?:[\w’'&-]+\s+){0,5}?[\w’'&-]+:", ctx.text[c.start : block.end]) is not None
    )


def _one_plain_word(c: Candidate) -> bool:
    return len(c.text.split()) == 1 and not SHAPE.search(c.text)


def _is_outlet(c: Candidate, ctx: Context) -> bool:
    from extractor.extract.companies.aliases import key

    low = c.text.lower()
    return (
        low in ctx.outlets
        or " ".join(key(c.text)) in ctx.outlets
        or bool(_WEB_NAME.search(c.text))
        or bool(company_rules().outlet_after_re.match(ctx.text, c.end))
    )


def _common_words(c: Candidate, ctx: Context) -> bool:
    """Every word an ordinary English noun, adjective or function word: 'Small Unmanned Aerial System'."""
    toks = ctx.analysis.tokens(c.start, c.end)
    return (
        bool(toks)
        and all(
            t.lower_ in ctx.common
            or t.lemma_.lower() in ctx.common
            or t.is_stop
            or t.pos_ in ("ADJ", "ADP", "DET", "CCONJ")
            for t in toks
        )
        and not SHAPE.search(c.text)
        and not c.text.isupper()
    )


def _names_a_field(c: Candidate, ctx: Context) -> bool:
    """Sector words and field words only: 'Artificial Intelligence', 'Processing of Critical Minerals'."""
    r = company_rules()
    ws = words(c.text)
    if ws[-1] in r.legal_suffixes or SHAPE.search(c.text):
        return False
    toks = ctx.analysis.tokens(c.start, c.end)
    content = [t for t in toks if not t.is_stop and not t.is_punct]
    return (
        len(content) >= 2
        and all(t.is_alpha for t in content)
        and all(
            t.lower_ in ctx.sector_words or t.lemma_.lower() in ctx.sector_words or t.lower_ in r.field_words
            for t in content
        )
    )


def _person_before_employer(c: Candidate, ctx: Context) -> bool:
    """'Stephanie Pope from Boeing': a person's name, then the firm they come from."""
    return (
        bool(re.match(r"[ \t]+(?:from|of|at)[ \t]+[A-Z]", ctx.text[c.end : c.end + 12]))
        and bool(re.fullmatch(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){1,2}", c.text))
        and not c.signals & {S.SUFFIX, S.KB, S.TABLE, S.APPOSITION}
    )


def _place_follows(c: Candidate, ctx: Context) -> bool:
    """', Idaho' after the name, or ', Hertfordshire' when the name is not one of a longer list of names."""
    m = _LOCATION_AFTER.match(ctx.text, c.end)
    if not m:
        return False
    nxt = m.group(1)
    members = ctx.groups.get(c.group, []) if c.group is not None else []
    return is_us_state(nxt) or is_country_name(nxt) or len(members) < 3


def _brand_product(c: Candidate, ctx: Context) -> bool:
    parts = c.text.split()
    if len(parts) < 2 or ctx.kb.lookup(c.text) is not None:
        return False
    r = company_rules()
    for n in range(len(parts) - 1, 0, -1):
        rest = [w.lower() for w in parts[n:]]
        if ctx.kb.lookup(" ".join(parts[:n])) is not None:
            return all(w in ctx.nouns and w not in r.suffixes and not is_us_state(w.title()) for w in rest)
    return False


def _person_of_firm(c: Candidate, ctx: Context) -> bool:
    """'SoftBank Group's Masayoshi Son said': a personal name after a firm's possessive, then a verb of saying."""
    before = ctx.text[max(0, c.start - 3) : c.start]
    return (
        before.endswith(("’s ", "'s "))
        and bool(re.fullmatch(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){1,2}", c.text))
        and not c.signals & {S.SUFFIX, S.KB, S.TABLE, S.APPOSITION}
        and re.match(r"\s+(?:\w+\s+)?(?:said|says|told|added|noted|announced|stated)\b", ctx.text[c.end : c.end + 30])
        is not None
    )


def _list_of_places(c: Candidate, ctx: Context) -> bool:
    """Coordinated with places or public bodies: 'King Salman Park, The Vault, Qiddiya City'."""
    members = ctx.groups.get(c.group, []) if c.group is not None else []
    return any(m is not c and is_non_company(m.text, ctx.countries, m.start) for m in members)


RULES: tuple[Rule, ...] = (
    Rule("no_evidence", "nothing in its context says company", lambda c, x: not c.signals),
    Rule(
        "not_company_term",
        "a unit, document abbreviation or time zone ('GW', 'LoIs', 'EST')",
        lambda c, x: all(fold_term(w) in company_rules().not_company_terms for w in c.text.split()),
    ),
    Rule(
        "share_label",
        "a share-bar button or social network named by one",
        lambda c, x: c.text.lower() in company_rules().share_labels and _only(c, S.NER, S.LIST, S.KB),
    ),
    Rule(
        "person_name",
        "the document names a person so ('President Donald Trump', '... Chairman Jay Y. Lee')",
        lambda c, x: c.text in x.persons and not c.signals & {S.SUFFIX, S.TABLE, S.APPOSITION, S.KB},
    ),
    Rule(
        "sentence_initial_weak",
        "a capitalized sentence opener with only weak signals",
        lambda c, x: c.initial and _only(c, S.NER, S.SUBJECT, S.LIST, S.LABEL) and not _first_word_proper(x, c),
    ),
    Rule(
        "not_proper",
        "neither tagged a proper noun nor shaped like a name",
        lambda c, x: not c.signals & {S.SUFFIX, S.TABLE, S.KB} and not _looks_proper(x, c),
    ),
    Rule(
        "capitalized_common_word",
        "one common word capitalized by the sentence ('Figures show')",
        lambda c, x: c.initial
        and _only(c, S.NER, S.SUBJECT, S.LABEL)
        and _one_plain_word(c)
        and re.search(rf"\b{re.escape(c.text.lower())}\b", x.text) is not None,
    ),
    Rule(
        "plural_or_label",
        "a plural noun or a 'Label:' opening its line ('Health and life sciences: ...')",
        lambda c, x: c.initial
        and _only(c, S.NER, S.LABEL)
        and _one_plain_word(c)
        and (_is_plural_noun(x, c) or _opens_label(x, c)),
    ),
    Rule(
        "person_entity",
        "the model says person and nothing says company",
        lambda c, x: c.ner == "PERSON" and _only(c, S.NER, S.SUBJECT, S.WITH_END),
    ),
    Rule(
        "after_title",
        "follows a person's title ('Secretary Howard Lutnick')",
        lambda c, x: company_rules().title_before_re.search(x.text[max(0, c.start - 30) : c.start]) is not None,
    ),
    Rule(
        "public_body",
        "a government, agency, armed force, school, deal, document or country",
        lambda c, x: is_non_company(c.text, x.countries, c.start),
    ),
    Rule("outlet", "the outlet that published the page", _is_outlet),
    Rule(
        "paragraph_label",
        "a label opening a paragraph ('Markets: ...')",
        lambda c, x: x.text[c.end : c.end + 1] == ":"
        and not c.signals & {S.KB, S.SUFFIX}
        and (b := x.analysis.block_at(c.start)) is not None
        and b.start == c.start,
    ),
    Rule("no_letters", "too short or no letters", lambda c, x: len(c.text) < 2 or not re.search(r"[A-Za-z]", c.text)),
    Rule(
        "number_word",
        "a decade, measure or count opening the name ('1970s', '150km', '32-bit Python')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE} and _NUMBERISH.match(c.text) is not None,
    ),
    Rule(
        "suffix_only",
        "only a corporate word ('Company', 'Inc.')",
        lambda c, x: all(w in company_rules().suffixes or w in company_rules().legal_suffixes for w in words(c.text)),
    ),
    Rule(
        "title_only",
        "only the words of a title ('Vice', 'Chief Executive')",
        lambda c, x: all(w in company_rules().title_words for w in words(c.text)),
    ),
    Rule(
        "person_before_employer",
        "a person named before the firm they come from ('Jane Roe from Boeing')",
        _person_before_employer,
    ),
    Rule(
        "person_of_firm",
        "a person named after a firm's possessive, then speaking ('Nvidia's Jensen Huang said')",
        _person_of_firm,
    ),
    Rule(
        "field_name",
        "names a field or sector, not a firm ('Artificial Intelligence')",
        lambda c, x: not c.signals & {S.TABLE, S.KB} and _names_a_field(c, x),
    ),
    Rule(
        "long_common_phrase",
        "four or more ordinary words with no corporate suffix ('Small Unmanned Aerial System')",
        lambda c, x: len(c.text.split()) >= 4 and not c.signals & {S.SUFFIX, S.TABLE, S.KB} and _common_words(c, x),
    ),
    Rule(
        "model_name",
        "a model or variant after a number ('737 MAX')",
        lambda c, x: _only(c, S.NER, S.LIST)
        and len(c.text.split()) == 1
        and re.search(r"\d[\w-]*[ \t]+$", x.text[max(0, c.start - 12) : c.start]) is not None,
    ),
    Rule(
        "product_plural",
        "a product in the plural ('iPhones')",
        lambda c, x: len(c.text.split()) == 1
        and not c.signals & {S.KB, S.SUFFIX, S.TABLE}
        and (
            re.fullmatch(r"[a-z]{1,2}[A-Z]\w*s", c.text) is not None
            or _only(c, S.NER, S.LIST)
            and any(t.tag_ in ("NNS", "NNPS") for t in x.analysis.tokens(c.start, c.end))
        ),
    ),
    Rule(
        "kb_common_word",
        "a known firm's name that is also a common word, opening a sentence with no other support ('Shell companies')",
        lambda c, x: _only(c, S.KB) and c.initial and _one_plain_word(c) and c.text.lower() in x.nouns,
    ),
    Rule(
        "kb_short_alias_alone",
        "a short alias ('SK', 'GS') the knowledge base knows, and nothing else supports it",
        lambda c, x: _only(c, S.KB) and len(c.text) <= 3,
    ),
    Rule(
        "brand_product",
        "a known firm's name and a common noun: its product ('Apple Watch')",
        lambda c, x: _only(c, S.NER, S.LIST) and _brand_product(c, x),
    ),
    Rule(
        "list_of_places",
        "coordinated with places or public bodies ('King Salman Park, The Vault')",
        lambda c, x: _only(c, S.NER, S.LIST) and _list_of_places(c, x),
    ),
    Rule(
        "product_of_possessor",
        "a product of someone else ('its Blackwell chips')",
        lambda c, x: _only(c, S.NER, S.LIST) and _POSSESSOR.search(x.text[max(0, c.start - 8) : c.start]) is not None,
    ),
    Rule(
        "thing_name",
        "names a mission, project or programme ('the Artemis II mission')",
        lambda c, x: _only(c, S.NER, S.LIST, S.SUBJECT)
        and company_rules().thing_after_re.match(x.text, c.end) is not None
        and not SHAPE.search(c.text),
    ),
    Rule(
        "location",
        "a place ('in Boise, Idaho')",
        lambda c, x: _only(c, S.NER, S.LIST, S.SUBJECT)
        and _LOCATION_BEFORE.search(x.text[max(0, c.start - 12) : c.start]) is not None
        and _place_follows(c, x),
    ),
    Rule(
        "place_after_in",
        "one word after 'in' closing its clause, with only the model's label ('plants in Kulim.')",
        lambda c, x: _only(c, S.NER, S.LIST)
        and _one_plain_word(c)
        and _IN_PLACE.search(x.text, max(0, c.start - 40), c.start) is not None
        and re.match(r"\s*(?:[.;,)]|and\b|$)", x.text[c.end : c.end + 5]) is not None,
    ),
    Rule(
        "with_end_only",
        "only 'with X' supports it, and the model does not call it an organization",
        lambda c, x: _only(c, S.WITH_END) and c.ner != "ORG",
    ),
)


@dataclass(frozen=True)
class Decision:
    candidate: Candidate
    kept: bool
    rule: str
    reason: str


def decide(c: Candidate, ctx: Context) -> Decision:
    for rule in RULES:
        if rule.drops(c, ctx):
            return Decision(c, False, rule.name, rule.reason)
    return Decision(c, True, "accepted", "supported by " + ", ".join(sorted(s.value for s in c.signals)))


__all__ = ["Context", "Decision", "RULES", "Rule", "decide", "is_non_company", "Origin"]
