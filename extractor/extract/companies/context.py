"""What the company rules read besides the candidate, and the small predicates they are made of.

decisions.py names each rule and its reason; the tests on words, tags and neighbours it combines
live here, one function each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractor.extract.companies.candidates import SHAPE, Candidate, words
from extractor.extract.companies.evidence import Signal
from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.companies.rules import company_rules
from extractor.extract.countries import is_country_name, is_us_state
from extractor.nlp import Analysis
from extractor.resources import alternation as alt
from extractor.resources import load_json
from extractor.spans import SpanIndex

_LOCATION_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to)\s+$")
# "plants in Melaka and Kulim.": a lone name after 'in' (or coordinated with one) closing the clause.
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:[A-Z][\w-]*\s+(?:and|or)\s+)?$")
_LOCATION_AFTER = re.compile(r"(?:,|\s+in)\s+([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)")
_ORG = load_json("organizations.json")
_WEB_NAME = re.compile(rf"\.(?:{alt(_ORG['web_domains'])})$", re.I)
_NUMBERISH = re.compile(rf"\d[\d,.]*(?:{alt(_ORG['number_unit_suffixes'])})?(?:\s|$)", re.I)
_SAYS_AFTER = re.compile(rf"\s+(?:\w+\s+)?(?:{alt(_ORG['speech_verbs'])})\b")
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
    first = name.split()[0] if name.split() else ""
    if len(ws) > 1 and first.isupper() and ws[0] in r.non_company_names:
        return True  # 'G7 Energy and Environment Ministers', 'EU Council': a body's acronym opens the name
    private = len(ws) > 2 and any(w in r.private_legal_forms for w in ws[1:])  # a body word, a firm's form
    if (any(w in r.non_company_words for w in ws) and not private) or any(p in low for p in r.non_company_phrases):
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
        or _outlet_head(c, ctx)
        or _byline(c, ctx)
    )


def _outlet_head(c: Candidate, ctx: Context) -> bool:
    """'CoStar News', 'Harbor Times': a name ending in an outlet's head word, nothing of a firm about it."""
    ws = words(c.text)
    return (
        len(ws) > 1
        and ws[-1] in company_rules().outlet_heads
        and not c.signals & {Signal.KB, Signal.SUFFIX, Signal.TABLE}
        and ctx.kb.lookup(c.text) is None
    )


def _byline(c: Candidate, ctx: Context) -> bool:
    """'by Team Confer · April 16, 2025': the name a line opens with after 'by', then the line ends or a
    separator follows."""
    line_start = ctx.text.rfind("\n", 0, c.start) + 1
    return (
        re.fullmatch(r"\s*[Bb]y\s+", ctx.text[line_start : c.start]) is not None
        and re.match(r"[ \t]*(?:[·|•—–]|\r?\n|$)", ctx.text[c.end : c.end + 3]) is not None
        and Signal.TABLE not in c.signals
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
    """Sector words and field words only: 'Artificial Intelligence', 'Processing of Critical Minerals'; in a
    list with such a name, one sector noun ('Aviation') or a sector word with plain nouns ('Energy &
    Chemicals') that only the list calls a firm."""
    content = _field_content(c, ctx)
    if content is None:
        return False
    if _names_a_field_alone(c, ctx):
        return True
    others = ctx.groups.get(c.group, []) if c.group is not None and _only(c, S.LIST, S.NER) else []
    return (
        any(s for s, _ in content)
        and all(s or t.lemma_.lower() in ctx.nouns for s, t in content)
        and any(o is not c and _names_a_field_alone(o, ctx) for o in others)
    )


def _field_content(c: Candidate, ctx: Context) -> list[tuple[bool, Any]] | None:
    """(is a sector word, token) for the candidate's content words; None when it has a firm's shape."""
    if words(c.text)[-1] in company_rules().legal_suffixes or SHAPE.search(c.text):
        return None
    toks = ctx.analysis.tokens(c.start, c.end)
    content = [t for t in toks if not t.is_stop and not t.is_punct]
    if not content or not all(t.is_alpha for t in content):
        return None
    return [(t.lower_ in ctx.sector_words or t.lemma_.lower() in ctx.sector_words, t) for t in content]


def _names_a_field_alone(c: Candidate, ctx: Context) -> bool:
    content = _field_content(c, ctx)
    return (
        content is not None
        and len(content) >= 2
        and all(s or t.lower_ in company_rules().field_words for s, t in content)
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
            if ctx.kb.lookup(" ".join(parts[n:])) is not None:
                return False  # "Mazda Toyota": two firms, not a firm and its product
            return all(w in ctx.nouns and w not in r.suffixes and not is_us_state(w.title()) for w in rest)
    return False


def _person_of_firm(c: Candidate, ctx: Context) -> bool:
    """'SoftBank Group's Masayoshi Son said': a personal name after a firm's possessive, then a verb of saying."""
    before = ctx.text[max(0, c.start - 3) : c.start]
    return (
        before.endswith(("’s ", "'s "))
        and bool(re.fullmatch(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){1,2}", c.text))
        and not c.signals & {S.SUFFIX, S.KB, S.TABLE, S.APPOSITION}
        and _SAYS_AFTER.match(ctx.text[c.end : c.end + 30]) is not None
    )


def _list_of_places(c: Candidate, ctx: Context) -> bool:
    """Coordinated with places or public bodies: 'King Salman Park, The Vault, Qiddiya City'."""
    members = ctx.groups.get(c.group, []) if c.group is not None else []
    return any(m is not c and is_non_company(m.text, ctx.countries, m.start) for m in members)


def _named_thing(c: Candidate, ctx: Context) -> bool:
    """'a reform programme dubbed Vision', 'its AI chip, known as Blackwell': a name given to a noun
    that is no company noun."""
    r = company_rules()
    m = r.named_after_re.search(ctx.text, max(0, c.start - 50), c.start)
    return m is not None and m.group(1).lower() not in r.company_nouns


def _common_of_country(c: Candidate, ctx: Context) -> bool:
    """'the Country of Japan', 'Friends of Korea': one common word, 'of' and a country's name."""
    m = re.fullmatch(r"([A-Z][a-z]+)\s+of\s+(?:the\s+)?(.+)", c.text)
    if m is None or not is_country_name(m.group(2)):
        return False
    head = m.group(1).lower()
    return head in ctx.common or (head.endswith("s") and head[:-1] in ctx.common)
