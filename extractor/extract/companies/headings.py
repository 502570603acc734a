"""Company candidates in headings and Title Case lines, where capitals say nothing: the names the
knowledge base knows ('Eli Lilly' over a factbox entry, 'As Nvidia Commits $100 Billion')."""

from __future__ import annotations

import re

from extractor.extract.companies.candidates import CHUNK, Candidate, Origin, clean, plural_of_known, words
from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.countries import is_country_name
from extractor.nlp import Analysis

_HEADING_WORD = re.compile(r"[^\s,;:()\[\]|\"“”]+")
_HEADING_NAME_WORDS = 5  # the longest name looked up among a heading's words


def heading_candidates(
    analysis: Analysis, blocks: set[int], kb: KnowledgeBase, common: frozenset[str]
) -> list[Candidate]:
    """The firms the knowledge base knows that a heading names ('Eli Lilly' over a factbox entry, 'As
    Nvidia Commits $100 Billion' in a Title Case headline): capitals say nothing in a heading, so only a
    known name counts, the longest first, and not one made of common words alone ('Global Payments',
    'Oracle' in a headline may be plain words)."""
    text = analysis.text
    out = []
    for bi in sorted(blocks):
        block = analysis.blocks[bi]
        for chunk in CHUNK.finditer(text, block.start, block.end):
            spans = [(m.start(), m.end()) for m in _HEADING_WORD.finditer(text, chunk.start(), chunk.end())]
            i = 0
            while i < len(spans):
                for n in range(min(_HEADING_NAME_WORDS, len(spans) - i), 0, -1):
                    s, e = clean(text, spans[i][0], spans[i + n - 1][1])
                    name = text[s:e]
                    known = kb.lookup(name, joined=False)
                    plain = all(
                        (w in common or plural_of_known(w, common)) and not is_country_name(w.title())
                        for w in words(name)
                    )
                    if e > s and known is not None and not plain:
                        out.append(Candidate(s, e, name, Origin.HEADING))
                        i += n
                        break
                else:
                    i += 1
    return out
