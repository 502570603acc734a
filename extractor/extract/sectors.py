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

from spacy.attrs import LEMMA, LOWER

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


def _keys(lower: str, lemma: str) -> tuple[str, ...]:
    """Forms a phrase word may match: the lowercase text, the lemma, and a plain singular
    (the lemmatizer leaves capitalized words alone: 'CHIPS', 'Reactors')."""
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        return lower, lemma.lower(), lower[:-1]
    return lower, lemma.lower()


# `_keys` by (lowercase, lemma) string hash pair; hashes of a string are the same in every Vocab and
# memory zone. Emptied when full, so a long-running worker's memory stays bounded.
_KEYS: dict[tuple[int, int], tuple[str, ...]] = {}
_KEYS_MAX = 200_000


def _doc_keys(doc) -> list[tuple[str, ...]]:
    """`_keys` of every token of `doc` without repeats, in priority order (a set's order changes with the
    hash seed), worked out once per distinct (lowercase, lemma) pair."""
    strings = doc.vocab.strings
    out = []
    memo = _KEYS
    for pair in map(tuple, doc.to_array([LOWER, LEMMA]).tolist()):
        keys = memo.get(pair)
        if keys is None:
            if len(memo) >= _KEYS_MAX:
                memo.clear()
            keys = memo[pair] = tuple(dict.fromkeys(_keys(strings[pair[0]], strings[pair[1]])))
        out.append(keys)
    return out


def find_sectors(analysis: Analysis, exclude: Sequence[tuple[int, int]] = ()) -> list[SectorMention]:
    """Sector phrases of a parsed document (not inside `exclude`: company and public-body names), in
    document order; phrases are tokenized by the parser that made `analysis`."""
    index, weak, trade = _patterns(analysis.parser)
    excluded = SpanIndex(exclude)
    found: list[tuple[SectorMention, bool]] = []
    for piece in analysis.pieces:
        doc = piece.doc
        token_keys = _doc_keys(doc)
        n = len(token_keys)
        i = 0
        # only tokens with a form that opens some phrase can start a match
        for i0 in [j for j, keys in enumerate(token_keys) if not index.keys().isdisjoint(keys)]:
            if i0 < i:
                continue  # inside the phrase matched last
            i = i0
            keys = token_keys[i]
            best = None
            for key in keys:
                for words, label, phrase in index.get(key, ()):
                    if i + len(words) <= n and all(w in token_keys[i + k] for k, w in enumerate(words)):
                        if best is None or len(words) > len(best[0]):
                            best = (words, label, phrase)
                        break
            if best is None:
                continue
            words, label, phrase = best
            if len(words) == 1 and doc[i].pos_ in ("VERB", "AUX"):
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
