"""The names a document gives people, which are then no company when they stand alone.

Three sources: the people deal documents often name (data: known_people, with the forms that name
each alone: 'Trump' of 'Donald Trump'); a title or honorific before a name ('President Donald
Trump', 'Sheikh Tamim bin Hamad'); and the model's PERSON entities of two words or more that have
nothing of a firm about them (no knowledge-base name, no corporate word, no CamelCase or digits).
From each full name come the short forms the press uses for it: the surname in Western order
('Trump'), the family name first when the name has the Korean shape of a hyphenated given name
('Choi' of 'Choi Jeong-hoon'), the surname from its lower-case particle ('von der Leyen', written
'Von der Leyen' opening a sentence), and the honorific with the first given name ('Tengku Zafrul'
of 'Tengku Zafrul Aziz').
"""

from __future__ import annotations

import re

from extractor.extract.companies.candidates import SHAPE, Candidate, words
from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.companies.rules import company_rules
from extractor.nlp import Analysis

_POSSESSIVE = re.compile(r"(?:’s|'s)$")
# "Choi Jeong-hoon", "Chey Tae-won": a family name, then a given name of two hyphenated syllables.
_KOREAN_SHAPE = re.compile(r"[A-Z][a-z]+[ \t]+[A-Z][a-z]+-[a-z]+")
_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*")
# "Global Foundries (GF)": an acronym defined right after a name.
_DEFINED_ACRONYM = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z]{1,7})[ \t]*\)")
# The model may stop a name at its particle ('Ursula von' | 'der Leyen'): the rest of the surname.
_SURNAME_REST = re.compile(r"(?:[ \t]+[a-z]{1,4}){0,2}[ \t]+[A-Z][\w’'-]*[\w]")


def _has_company_word(name: str, kb: KnowledgeBase) -> bool:
    """A KB firm inside the name ('Hanwha Shipping'), a corporate word ('Group', 'Capital'), a company
    noun ('firm'), a public body's word ('Ministry'), a place's last word ('Park'), or a shape no person's name
    has (CamelCase, digits)."""
    r = company_rules()
    ws = name.split()
    firm_words = r.suffixes | r.legal_suffixes | r.company_nouns | r.non_company_words
    if SHAPE.search(name) or any(w in firm_words for w in words(name)) or words(name)[-1] in r.place_heads:
        return True  # a place ends in its head word ('Jubilee Park'); 'Park Min-jae' is a person
    return any(kb.lookup(" ".join(ws[i:j])) is not None for i in range(len(ws)) for j in range(i + 1, len(ws) + 1))


def _acts_as_organization(text: str, name: str, end: int) -> bool:
    """The text treats the name as an organization's: it owns a corporate title ('Global Foundries CEO
    Tim Breen') or an acronym of its initials is defined for it ('Global Foundries (GF)')."""
    if company_rules().title_after_re.match(text, end):
        return True
    m = _DEFINED_ACRONYM.match(text, end)
    return m is not None and m.group(1).upper() == "".join(w[0] for w in name.split() if w[0].isupper())


def _entity_names(analysis: Analysis, kb: KnowledgeBase) -> list[str]:
    """Multi-word PERSON entities whose words are capitalized names or lower-case particles
    ('Ursula von der Leyen'), and nothing of a firm."""
    found = []
    common = analysis.parser.common_words if analysis.parser else frozenset()
    for label, s, e in analysis.entities:
        if label != "PERSON":
            continue
        if analysis.text[s:e].split()[-1].islower() and (rest := _SURNAME_REST.match(analysis.text, e)):
            e = rest.end()
        name = _POSSESSIVE.sub("", analysis.text[s:e].strip())
        if len(name.split()) < 2 or "\n" in name:
            continue
        stop = {t.text: t.is_stop for t in analysis.tokens(s, e)}
        # 'von', 'der', 'bin' are particles of a name; 'and', 'of' join two names or make a firm's.
        shaped = all(
            _NAME_WORD.fullmatch(w) or (w.isalpha() and w.islower() and not stop.get(w, True)) for w in name.split()
        )
        # "Forge Works": only common English words is a thing's name the model took for a person's.
        ordinary = all(w.lower() in common for w in name.split())
        if (
            shaped
            and not ordinary
            and _NAME_WORD.fullmatch(name.split()[0])
            and not _has_company_word(name, kb)
            and not _acts_as_organization(analysis.text, name, e)
        ):
            found.append(name)
    return found


def _short_forms(name: str) -> set[str]:
    """The short forms the press uses for a full name (see the module docstring)."""
    ws = name.split()
    forms = {name, ws[-1]}
    if _KOREAN_SHAPE.fullmatch(name):
        forms.add(ws[0])
    lower = next((i for i, w in enumerate(ws) if i > 0 and w.islower()), None)
    if lower is not None:
        tail = " ".join(ws[lower:])
        forms |= {tail, tail[0].upper() + tail[1:]}
    return forms


def person_names(analysis: Analysis, candidates: list[Candidate], kb: KnowledgeBase) -> set[str]:
    """Names the document gives a person, with the short forms of each (see the module docstring)."""
    text = analysis.text
    names: set[str] = set(company_rules().known_people)
    for m in company_rules().titled_name_re.finditer(text):
        name = _POSSESSIVE.sub("", m.group(1))
        names |= _short_forms(name)
        title = text[m.start() : m.start(1)].strip()
        names.add(f"{title} {name.split()[0]}")  # "Tengku Zafrul" of "Tengku Zafrul Aziz"
    for person in (c.person for c in candidates if c.person):
        names |= _short_forms(_POSSESSIVE.sub("", person))
    for name in _entity_names(analysis, kb):
        names |= _short_forms(name)
    return names
