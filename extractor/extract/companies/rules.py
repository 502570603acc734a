"""The company rule data (data/organizations.json), loaded once into named word sets and regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.resources import alternation as alt
from extractor.resources import load_json


@dataclass(frozen=True)
class CompanyRules:
    suffixes: frozenset[str]  # last words that mark a company name ('Group', 'Electric', 'Inc')
    legal_suffixes: frozenset[str]  # words that do not change which firm is named ('Inc', 'Corp', 'Group')
    legal_prefixes: frozenset[str]  # 'pt' of 'PT Vale Indonesia', lowercased, without its period
    private_legal_forms: frozenset[str]  # 'company', 'inc', 'llc': lowercased, without a period
    non_company_words: frozenset[str]  # a word that makes a name a public body, deal or document
    non_company_phrases: tuple[str, ...]
    non_company_names: frozenset[str]  # whole names of public bodies, outlets, exchanges
    not_company_terms: frozenset[str]  # units, document abbreviations, time zones
    share_labels: frozenset[str]  # share-bar buttons and the social networks they name
    person_titles: tuple[str, ...]
    title_words: frozenset[str]  # every word of a title, lowercase ('vice', 'chairman', 'co-chairman')
    place_heads: frozenset[str]  # last words of places and sites ('park', 'airport')
    field_words: frozenset[str]  # words that name a field with a sector phrase ('processing')
    subject_re: re.Pattern
    strong_subject_re: re.Pattern
    object_re: re.Pattern
    list_cue_re: re.Pattern
    outlet_re: re.Pattern
    outlet_after_re: re.Pattern
    table_headers: frozenset[str]
    titled_name_re: re.Pattern
    title_before_re: re.Pattern
    title_after_re: re.Pattern
    apposition_re: re.Pattern
    preceding_noun_re: re.Pattern
    public_body_re: re.Pattern
    non_company_re: re.Pattern
    ticker_re: re.Pattern
    thing_after_re: re.Pattern
    reporting_verbs: frozenset[str]
    government_after_re: re.Pattern  # 'the Trump administration': a leader's or country's name before it
    titled_apposition_re: re.Pattern  # ', the CEO of ...': an appositive that describes a person
    named_after_re: re.Pattern  # 'a programme dubbed ': the noun a naming cue follows, before a name
    outlet_heads: frozenset[str]  # last words of a news outlet's name ('News', 'Times')
    company_nouns: frozenset[str]  # nouns that call a name a company ('firm', 'maker', 'group')
    product_after_re: re.Pattern  # ' AI chips', ' CPUs': a product noun right after a name (its product's name)
    owned_site_re: re.Pattern  # "'s Georgia plant", "'s Matawinie Mine": a possessive that names a site the name owns
    known_people: frozenset[str]  # every form of the names of people deal documents name ('Donald Trump', 'Trump')


def fold_term(word: str) -> str:
    """'LoIs' -> 'loi', 'MOUs' -> 'mou', 'GW' -> 'gw': the form the not-a-company terms are kept in."""
    w = word.lower().rstrip(".")
    return w[:-1] if len(w) > 2 and w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=1)
def company_rules() -> CompanyRules:
    d = load_json("organizations.json")
    titles = d["person_titles"]
    corporate = d["corporate_titles"]
    words = [w for w in d["non_company_words"] if " " not in w]
    phrases = [w for w in d["non_company_words"] if " " in w]
    helpers = rf"(?:(?:{alt(d['subject_verb_helpers'])})\s+)"
    return CompanyRules(
        suffixes=frozenset(s.rstrip(".").lower() for s in d["suffixes"]),
        legal_suffixes=frozenset(d["legal_suffixes"]),
        legal_prefixes=frozenset(w.lower().rstrip(".") for w in d["legal_prefixes"]),
        private_legal_forms=frozenset(w.lower().rstrip(".") for w in d["private_legal_forms"]),
        non_company_words=frozenset(w.rstrip(".").lower() for w in words),
        non_company_phrases=tuple(p.lower() for p in phrases),
        non_company_names=frozenset(
            n.lower() for n in d["non_company_names"] + d["news_outlets"] + d["stock_exchanges"]
        ),
        not_company_terms=frozenset(fold_term(t) for t in d["not_company_terms"]),
        share_labels=frozenset(t.lower() for t in d["share_labels"]),
        person_titles=tuple(titles),
        title_words=frozenset(w.lower().rstrip(".") for t in titles + corporate for w in t.split()),
        place_heads=frozenset(h.lower() for h in d["place_heads"]),
        field_words=frozenset(w.lower() for w in d["field_words"]),
        # "President Donald Trump": the name after a title is a person.
        titled_name_re=re.compile(rf"\b(?:{alt(titles)})\s+((?:[A-Z][\w.’'-]+\s+){{0,3}}[A-Z][\w’'-]+)"),
        title_before_re=re.compile(rf"(?:{alt(titles)})\s*$"),
        # "Samsung Electronics Chairman Jay Y. Lee": a title and a name right after the company's name.
        title_after_re=re.compile(
            rf"[ \t]+(?:{alt(corporate)})(?:[ \t]+(?:and|&)[ \t]+(?:{alt(corporate)}))?"
            rf"[ \t]+(?=[A-Z])"
        ),
        ticker_re=re.compile(rf"\(\s*(?:{alt(d['stock_exchanges'])})\s*:\s*[A-Z0-9.]+\s*\)"),
        subject_re=re.compile(
            rf"^(?:’s|'s)?\s*(?:,[^,]{{1,60}},\s*|,\s+(?:which|who)\s+)?{helpers}?"
            rf"(?:{alt(d['subject_verbs'])})\b"
        ),
        strong_subject_re=re.compile(
            rf"^(?:’s|'s)?\s*(?:(?:{alt(d['strong_subject_verb_helpers'])})\s+)?(?:{alt(d['strong_subject_verbs'])})\b"
        ),
        object_re=re.compile(rf"(?:{alt(d['object_cues'])})\s+(?:(?:{alt(d['object_cue_fillers'])})\s+)?$", re.I),
        list_cue_re=re.compile(rf"\b(?:{alt(d['list_cues'])})\s*:?\s*$", re.I),
        outlet_re=re.compile(rf"(?:{alt(d['outlet_cues'])})\s+(?:\d{{4}}\s+)?(?:the\s+)?$", re.I),
        outlet_after_re=re.compile(rf"\.?\s+(?:{alt(d['outlet_after'])})", re.I),
        table_headers=frozenset(h.lower() for h in d["table_headers"]),
        apposition_re=re.compile(
            rf"^,\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,4}}?(?:{alt(d['company_nouns'])})\b", re.I
        ),
        preceding_noun_re=re.compile(rf"\b(?:{alt(d['company_nouns'])})\s+$", re.I),
        public_body_re=re.compile(
            rf"\b(?:{alt(d['public_body_heads'])})\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'&.-]*"
            rf"(?:(?:,?\s+(?:and\s+|&\s+|of\s+|for\s+)?)[A-Z][\w’'&.-]*)*"
        ),
        thing_after_re=re.compile(rf"(?:\s+[a-z][\w-]*){{0,3}}\s+(?:{alt(d['name_of_thing_after'])})\b"),
        non_company_re=re.compile(rf"(?<![\w-])(?:{alt([n for n in d['non_company_names'] if ' ' in n])})(?![\w-])"),
        reporting_verbs=frozenset(v.lower() for v in d["reporting_verbs"]),
        company_nouns=frozenset(n.lower() for n in d["company_nouns"]),
        government_after_re=re.compile(rf"[ \t]+(?:{alt(d['government_nouns_after'])})\b"),
        titled_apposition_re=re.compile(
            rf"^,\s+(?:the|a|an|its)\s+(?:[\w-]+\s+)?(?:{alt(titles + corporate)})\s+(?:of|at)\b", re.I
        ),
        named_after_re=re.compile(rf"\b([a-z][\w-]*),?\s+(?:otherwise\s+)?(?:{alt(d['naming_cues'])})\s+[‘“'\"]?$"),
        outlet_heads=frozenset(h.lower() for h in d["outlet_heads"]),
        product_after_re=re.compile(rf"[ \t]+(?:{alt(d['product_nouns_after'])})\b"),
        owned_site_re=re.compile(
            rf"(?:’s|'s)[ \t]+(?:(?:new|first|second|planned|proposed)[ \t]+)?(?:[A-Z][\w-]*[ \t]+){{0,3}}"
            rf"(?i:{alt(d['site_nouns'])})\b"
        ),
        known_people=frozenset(f for name, forms in d["known_people"].items() for f in (name, *forms)),
    )
