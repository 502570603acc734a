"""What a candidate's own words and the few characters around it say, for the rules of decisions.py:
a firm the knowledge base knows despite a public body's word, a country and a plural noun, a region in
brackets after a place, a name made a modifier, a numbered document, a lone plain word only the model
labels."""

from __future__ import annotations

import re

from extractor.extract.companies.candidates import Candidate, plural_of_known, words
from extractor.extract.companies.context import Context, S, _only
from extractor.extract.companies.rules import company_rules
from extractor.extract.countries import is_country_name

# "a site in Cambrai (Nord)", "in Marseille and Dugny (Seine-Saint-Denis)": what the brackets open on.
_REGION_NOTE = re.compile(r"\b(?:in|at|near|outside)\s+(?:[A-Z][\w-]*\s+(?:and|or)\s+)?[A-Z][\w-]*\s+\($")
_NUMBERED = re.compile(r"No\.?[ \t]*\d")  # from the candidate's last two letters: '... Report No. 144'
_MODEL_ALONE = re.compile(r"\d[\d-]*[A-Za-z]{0,4}")  # '737-8s', 'A' + digits is a chunk's model cut
_MODIFIER_TAIL = re.compile(r"[A-Za-z]-[a-z]{4,}$")  # 'Anzac-class', 'Nasdaq-listed'; not 'X-energy' (SHAPE)


def region_note(c: Candidate, x: Context) -> bool:
    return (
        _only(c, S.NER, S.LIST)
        and _REGION_NOTE.search(x.text, max(0, c.start - 60), c.start) is not None
        and x.text[c.end : c.end + 1] == ")"
    )


def modifier_compound(c: Candidate) -> bool:
    return not c.signals & {S.KB, S.SUFFIX} and _MODIFIER_TAIL.search(c.text) is not None


def numbered_document(c: Candidate, x: Context) -> bool:
    return not c.signals & {S.KB, S.SUFFIX} and _NUMBERED.match(x.text, c.end - 2) is not None


def model_number_alone(c: Candidate) -> bool:
    """'737-8s', '787-9': a model number on its own (a name the knowledge base knows, '3M', is spared)."""
    return S.KB not in c.signals and _MODEL_ALONE.fullmatch(c.text) is not None


def model_label_only_plain_word(c: Candidate) -> bool:
    return c.signals == {S.NER} and not c.initial and re.fullmatch(r"[A-Z][a-z]+", c.text) is not None


def known_firm_with_body_word(c: Candidate, x: Context) -> bool:
    """'State Street', 'State Bank of India': a listed firm the knowledge base knows (it has tickers), whose
    name only holds a public body's word ('State', 'Bank'); 'Mexico Pacific': a firm the knowledge base
    knows whose name is a country's and a place's, with no public body's word. A state fund the knowledge
    base knows ('Public Investment Fund') and a country's or public body's whole name stay no company."""
    low = " ".join(c.text.lower().split())
    firm = x.kb.lookup(c.text) if S.KB in c.signals else None
    r = company_rules()
    return (
        firm is not None
        and (bool(firm.tickers) or not any(w in r.non_company_words for w in words(c.text)))
        and low not in r.non_company_names
        and not is_country_name(c.text)
    )


def country_and_plural(c: Candidate, x: Context) -> bool:
    ws = c.text.split()
    last = ws[-1].lower()
    return (
        len(ws) >= 2
        and is_country_name(" ".join(ws[:-1]))
        and plural_of_known(last, x.nouns)
        and last not in company_rules().suffixes
    )
