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
from extractor.extract.companies.context import (
    _IN_PLACE,
    _LOCATION_BEFORE,
    _NUMBERISH,
    _POSSESSOR,
    Context,
    S,
    _brand_product,
    _common_of_country,
    _common_words,
    _first_word_proper,
    _is_outlet,
    _is_plural_noun,
    _list_of_places,
    _looks_proper,
    _named_thing,
    _names_a_field,
    _one_plain_word,
    _only,
    _opens_label,
    _person_before_employer,
    _person_of_firm,
    _place_follows,
    is_non_company,
)
from extractor.extract.companies.name_forms import (
    country_and_plural,
    known_firm_with_body_word,
    model_label_only_plain_word,
    model_number_alone,
    modifier_compound,
    numbered_document,
    region_note,
)
from extractor.extract.companies.rules import company_rules, fold_term
from extractor.extract.companies.terms import _common_label, _defines_term
from extractor.extract.countries import is_major_place


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    drops: Callable[[Candidate, Context], bool]


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
        lambda c, x: is_non_company(c.text, x.countries, c.start) and not known_firm_with_body_word(c, x),
    ),
    Rule(
        "country_and_plural",
        "a country or its people and a plural common noun ('American Sectors', 'Korean Firms')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE, S.APPOSITION} and country_and_plural(c, x),
    ),
    Rule("outlet", "the outlet that published the page", _is_outlet),
    Rule(
        "common_of_country",
        "a common word 'of' a country ('the Country of Japan')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE} and _common_of_country(c, x),
    ),
    Rule(
        "leader_or_country",
        "names the leader or country of a government ('the Trump administration')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE}
        and company_rules().government_after_re.match(x.text, c.end) is not None,
    ),
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
        lambda c, x: S.KB not in c.signals
        and all(w in company_rules().suffixes or w in company_rules().legal_suffixes for w in words(c.text)),
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
        "common_label",
        "a bullet label of common words and nothing else ('Investment Scale: ...')",
        lambda c, x: S.LABEL in c.signals and _only(c, S.LABEL, S.NER) and _common_label(c, x),
    ),
    Rule(
        "term_acronym",
        "an acronym defined for a common phrase, or that phrase ('graphics processing units (GPUs)')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE} and _defines_term(c, x),
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
        "a short alias ('SK', 'GS') the knowledge base knows, and nothing else supports it ('BP' is BP's name)",
        lambda c, x: _only(c, S.KB)
        and len(c.text) <= 3
        and not SHAPE.search(c.text)
        and getattr(x.kb.lookup(c.text), "name", None) != c.text,
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
        "product_name",
        "a name right before a product noun, with nothing of a firm about it ('Blackwell AI chips', 'EPYC CPUs')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE, S.APPOSITION, S.SUBJECT}
        and company_rules().product_after_re.match(x.text, c.end) is not None,
    ),
    Rule(
        "thing_name",
        "names a mission, project or programme ('the Artemis II mission')",
        lambda c, x: _only(c, S.NER, S.LIST, S.SUBJECT)
        and company_rules().thing_after_re.match(x.text, c.end) is not None
        and not SHAPE.search(c.text),
    ),
    Rule(
        "named_thing",
        "a name a cue gives a thing that is no company ('a chip known as Blackwell')",
        lambda c, x: _only(c, S.NER, S.LIST, S.SUBJECT) and _named_thing(c, x),
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
        "site_after_in",
        "a place after 'in' that a comma closes, with no firm's mark ('a data center in Waltham Cross, while')",
        lambda c, x: not c.signals & {S.KB, S.SUFFIX, S.TABLE, S.APPOSITION, S.OBJECT}
        and re.fullmatch(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?", c.text) is not None
        and _IN_PLACE.search(x.text, max(0, c.start - 40), c.start) is not None
        and x.text[c.end : c.end + 1] == ",",
    ),
    Rule("model_number_alone", "a model number on its own ('737-8s')", lambda c, x: model_number_alone(c)),
    Rule(
        "major_place",
        "a city, state or region deal news names, with no firm's mark ('Chicago’s parking meters', 'SEATTLE (Reuters)')",
        lambda c, x: is_major_place(c.text) and not c.signals & {S.KB, S.SUFFIX, S.TABLE},
    ),
    Rule(
        "numbered_document",
        "a numbered document or act ('Management Report No. 144', 'Decree No. 15')",
        numbered_document,
    ),
    Rule(
        "region_note",
        "a region in brackets after a place, with only the model's label ('a site in Cambrai (Nord)')",
        region_note,
    ),
    Rule(
        "modifier_compound",
        "a name made a modifier by a hyphen and a plain word ('Anzac-class frigates', 'Nasdaq-listed')",
        lambda c, x: modifier_compound(c),
    ),
    Rule(
        "model_label_only_plain_word",
        "one plain word that only the model calls an organization: mostly a town or region ('Warrington')",
        lambda c, x: model_label_only_plain_word(c),
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
