"""The linking rule data (data/commitments.json), loaded once into typed regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.models import Role
from extractor.resources import alternation as alt
from extractor.resources import load_json, one_of


@dataclass(frozen=True)
class LinkRules:
    anaphor: re.Pattern  # 'The project is led by ...', 'It will ...': a sentence that refers back
    firm_subject: re.Pattern  # 'The London-based drugmaker plans ...': a sentence about a firm named before it
    firm_mention: re.Pattern  # "the company's total US investment": a firm named before, referred to
    roles_before: tuple[tuple[Role, re.Pattern], ...]  # 'led by X', 'built by X'
    roles_after: tuple[tuple[Role, re.Pattern], ...]  # 'X will invest', 'X will supply'
    total: re.Pattern  # words that mark a total broken into parts
    amount_lead: re.Pattern  # a word between a firm and the amount it leads to ('will invest', 'at', "'s")


@lru_cache(maxsize=1)
def link_rules() -> LinkRules:
    d = load_json("commitments.json")
    modal = rf"(?:{alt(d['role_verb_helpers'])})?\s*"
    firm_nouns = alt(load_json("organizations.json")["company_nouns"])  # 'company', 'drugmaker', ...
    return LinkRules(
        anaphor=re.compile(
            rf"^(?:[-•*]\s*)?(?:{alt(d['anaphora_subjects'])})\s+(?:\w+\s+){{0,2}}?"
            rf"(?:{alt(d['anaphora_nouns'])}|{alt(d['anaphora_verbs'])})\b|^(?:{alt(d['anaphora_pronouns'])})\b"
        ),
        firm_subject=re.compile(
            rf"^(?:[-•*]\s*)?(?:The|This|That|Its)\s+(?:[\w.’'-]+\s+){{0,2}}?"
            rf"(?:{firm_nouns})\b"
        ),
        firm_mention=re.compile(rf"\b[Tt]he\s+(?:(?:[\w.’'-]+\s+){{0,2}}?)(?:{firm_nouns})(?:’s|'s)?\b"),
        roles_before=tuple(
            (one_of(role, Role, "commitments.json"), re.compile(rf"\b(?:{alt(cues)})\s*$", re.I))
            for role, cues in d["role_cues_before"].items()
        ),
        roles_after=tuple(
            (one_of(role, Role, "commitments.json"), re.compile(rf"^(?:’s|'s)?\s*{modal}(?:{alt(verbs)})\b", re.I))
            for role, verbs in d["role_verbs_after"].items()
        ),
        total=re.compile(rf"\b(?:{alt(d['total_cues'])})", re.I),
        amount_lead=re.compile(rf"(?:^|(?<=\s))(?:{alt(d['amount_lead_words'])})(?=\s|$)|^(?:’s|'s)", re.I),
    )
