"""Sectors from the fixed taxonomy: phrases from data/sectors.json matched on token lemmas.

A phrase inside a company name ('GE Aerospace', 'EntraA1 Energy') is not
evidence. A 'weak' phrase ('energy', 'network', 'port') only counts for a
label that some strong phrase in the same document already supports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.extract.mentions import SectorMention
from extractor.models import Sector
from extractor.nlp import Analysis, Parser
from extractor.resources import alternation, load_json, one_of
from extractor.spans import SpanIndex

if TYPE_CHECKING:
    pass


# Two phrases listed with a separator between them ("energy, semiconductors and ships"); a bare space is a
# compound ("ship construction"), not a list.
_LIST_GAP = re.compile(r"\s*(?:[,;/]\s*(?:(?:and|or|as well as)\s+)?|(?:and|or|as well as)\s+)")


@lru_cache(maxsize=4)
def _patterns(parser: Parser | None):
    """Sector phrases by first word, as `parser` tokenizes them (whitespace without a parser)."""
    data = load_json("sectors.json")

    def words_of(phrase: str) -> tuple[str, ...]:
        return parser.lower_words(phrase) if parser else tuple(phrase.lower().split())

    index: dict[str, list[tuple[tuple[str, ...], Sector | None, str]]] = {}
    for name, phrases in data["sectors"].items():
        label: Sector = one_of(name, Sector, "sectors.json")
        for phrase in phrases:
            words = words_of(phrase)
            index.setdefault(words[0], []).append((words, label, phrase))
    for phrase in data.get("not_sector", []):
        words = words_of(phrase)
        index.setdefault(words[0], []).append((words, None, phrase))  # consumes the words, gives no label
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    trade = re.compile(rf"(?<![\w-])(?:{alternation(data['trade_object_cues'])})\s+(?:[\w.'’-]+\s+){{0,2}}$", re.I)
    return index, {w.lower() for w in data["weak"]}, trade


def _token_keys(token) -> tuple[str, ...]:
    """Forms a phrase word may match: the lowercase text, the lemma, and a plain singular
    (the lemmatizer leaves capitalized words alone: 'CHIPS', 'Reactors')."""
    lower = token.lower_
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        return lower, token.lemma_.lower(), lower[:-1]
    return lower, token.lemma_.lower()


def find_sectors(analysis: Analysis, exclude: Sequence[tuple[int, int]] = ()) -> list[SectorMention]:
    """Sector phrases of a parsed document (not inside `exclude`: company and public-body names), in
    document order; phrases are tokenized by the parser that made `analysis`."""
    index, weak, trade = _patterns(analysis.parser)
    excluded = SpanIndex(exclude)
    found: list[tuple[SectorMention, bool]] = []
    for piece in analysis.pieces:
        doc = piece.doc
        i = 0
        n = len(doc)
        while i < n:
            keys = _token_keys(doc[i])
            best = None
            for key in dict.fromkeys(keys):  # in priority order: a set's order changes with the hash seed
                for words, label, phrase in index.get(key, ()):
                    if i + len(words) <= n and all(w in _token_keys(doc[i + k]) for k, w in enumerate(words)):
                        if best is None or len(words) > len(best[0]):
                            best = (words, label, phrase)
                        break
            if best is None:
                i += 1
                continue
            words, label, phrase = best
            if len(words) == 1 and doc[i].pos_ in ("VERB", "AUX"):
                i += 1
                continue  # "plans to ship vehicles", "to power the fleet": a verb names no sector
            start = piece.offset + doc[i].idx
            last = doc[i + len(words) - 1]
            end = piece.offset + last.idx + len(last.text)
            i += len(words)
            if label is None or any(a <= start and end <= b for a, b in excluded.overlapping(start, end)):
                continue
            found.append((SectorMention(start, end, label, phrase), phrase.lower() in weak))
    # A weak word listed with other sectors is a sector: "energy, semiconductors and shipbuilding".
    text = analysis.text
    for k, (m, is_weak) in enumerate(found):
        if is_weak and trade.search(text, max(0, m.start - 60), m.start):
            found[k] = (m, False)  # the object of trade: "tariffs on Korean cars", "exports of crude"
        elif is_weak:
            neighbours = [found[j][0] for j in (k - 1, k + 1) if 0 <= j < len(found)]
            for other in neighbours:
                gap = text[min(m.end, other.end) : max(m.start, other.start)]
                if other.sector != m.sector and _LIST_GAP.fullmatch(gap):
                    found[k] = (m, False)
                    break
    strong_labels = {m.sector for m, is_weak in found if not is_weak}
    return [m for m, _ in found if m.sector in strong_labels]
