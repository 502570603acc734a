"""Candidate company names: capitalized name chunks, cut and trimmed, and the cells of company columns.

A candidate is only a stretch of text that could name a company; evidence.py says what
supports it and decisions.py keeps or drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.companies.rules import company_rules
from extractor.extract.countries import is_country_name, is_us_state
from extractor.nlp import Analysis
from extractor.resources import alternation as alt
from extractor.resources import load_json

_ORG = load_json("organizations.json")

_WORD = r"(?:[A-Z][\w’'&.\-]*[\w&.]|[A-Z]|\d[\w&\-]*[A-Za-z][\w&\-]*|[a-z]{1,2}[A-Z][\w&\-]*)"
_CONNECT = rf"(?:{alt(_ORG['name_connectors'])}|and\s+(?=[A-Z][\w.]*\s+(?:{alt(_ORG['and_joins_before'])})\b))"
_LEGAL_TAIL = rf"(?:,?[ \t]+(?:{alt(_ORG['legal_forms_after_name'])})\.?(?![\w]))"
# A name may start after a dash typed as two hyphens ('(Sugar Land, Texas)--Micron'), not after one hyphen.
CHUNK = re.compile(rf"(?<![\w’'.&])(?<![^-]-){_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD})*{_LEGAL_TAIL}?")
# A period that ends a sentence inside a chunk ("Corning Incorporated. Corning"): not after an abbreviation.
# Scraped text often drops the space ("on Monday.Hanwha Group"): a period glued to the next sentence's
# capital cuts too, when a word of two letters or more stands before it ("U.S.", "BRK.B" stay whole).
_SENTENCE_STOP = re.compile(r"\.(?:\s+(?=[A-Z])|(?=[A-Z](?:[a-z]|\.[A-Z\s])))")
_ABBREVIATIONS = frozenset(_ORG["name_abbreviations"] + _ORG["abbreviations"])
# "Japan's Sojitz Corporation", "Hyundai-owned Boston Dynamics": two names, split them.
_DOUBLE_HYPHEN = re.compile(r"-{2,}")  # a dash typed as hyphens: 'in Boise--where production'
_JOINER = re.compile(rf"(?:’s|'s)\s+|-(?:{alt(_ORG['hyphen_joiners'])})\b\s*")
# A period that belongs to the name: after a suffix written with one ('Co.'), a name abbreviation
# ('Bros.') or an initial ('U.S.', 'S.A.').
_KEEPS_PERIOD = [s[:-1] for s in _ORG["suffixes"] if s.endswith(".")] + _ORG["name_abbreviations"]
_ABBREVIATED = re.compile(rf"(?:\b(?:{alt(_KEEPS_PERIOD)})|(?:^|[.\s])[A-Z])\.$")
_LEAD_WORDS = re.compile(r"\s*(?:(?:[a-z][\w-]*|&)\s+)*")  # matches any string (possibly empty)
_CELL_ITEM = re.compile(r"[^,;/()]+?(?=\s*(?:,|;|/|\(|\)|\band\b|$))")
_MODEL_NUMBER = re.compile(
    r"[ \t]+[A-Z]{0,3}-?\d[\d-]*[A-Za-z]{0,4}\b(?![-&])"
)  # ' A321neos', ' 787-9s' too  # "Ford F-150", "Boeing 787-10"
_PRODUCT_PLURAL = re.compile(r"[ \t]+[A-Z]{2,}s$")  # "Nvidia GPUs": the product, not the name
SHAPE = re.compile(r"[a-z][A-Z]|\d[A-Za-z]|[A-Za-z]\d|^[A-Z]-[a-z]")  # CamelCase, letters with digits, X-energy
# Words a sentence may open with that are no part of a name: "While TSMC", "After Boeing".
_WEEKDAYS = frozenset(load_json("documents.json")["weekdays"])
_LEADING_POS = ("SCONJ", "ADP", "ADV", "CCONJ", "PRON", "DET", "AUX", "PART", "INTJ")


class Origin(str, Enum):
    CHUNK = "chunk"  # a run of capitalized words in running text
    TABLE_CELL = "table_cell"  # an item of a cell in a company column
    HEADING = "heading"  # a name the knowledge base knows, in a heading or a Title Case line (headings.py)


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    origin: Origin = Origin.CHUNK
    signals: set = field(default_factory=set)  # set[Signal], filled by evidence.py
    ner: str | None = None
    initial: bool = False  # first word of its sentence or block
    person: str | None = None  # "Samsung Electronics Chairman Jay Y. Lee": the person cut off after the title
    group: int | None = None  # the list of names it is coordinated in, if any (evidence.list_signals)
    trimmed: list[str] = field(default_factory=list)  # what was cut off, for --explain

    def narrowed(self, start: int, end: int, why: str) -> None:
        cut = (self.text[: start - self.start] + " … " + self.text[end - self.start :]).strip(" …")
        self.trimmed.append(f"{why}: {cut!r}")
        self.text = self.text[start - self.start : end - self.start]
        self.start, self.end = start, end


def clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim possessives, trailing sentence periods and a leading 'The'."""
    s, e = start, end
    chunk = text[s:e]
    for poss in ("’s", "'s"):
        if chunk.endswith(poss):
            e -= len(poss)
            chunk = chunk[: -len(poss)]
    while chunk.endswith(".") and not _ABBREVIATED.search(chunk):
        e -= 1
        chunk = chunk[:-1]
    while chunk[:1] in "-&" and chunk:
        s += 1
        chunk = chunk[1:]
    m = re.match(r"(?:The|A|An)\s+", chunk)
    if m and len(chunk.split()) > 1:
        s += m.end()
    return s, e


def words(name: str) -> list[str]:
    return [w.rstrip(".,").lower() for w in name.split()]


def plural_of_known(word: str, known: frozenset[str]) -> bool:
    """'sectors' for a `known` 'sector': a word that is a known (lower-case) word and an 's'."""
    return word.endswith("s") and word[:-1] in known


def _pieces(chunk: str, offset: int) -> list[tuple[int, int]]:
    """Cut a raw chunk at model numbers, sentence stops, possessives, '-owned'/'-based' joiners
    and person titles ('SK Group Chairman Chey Tae-won' -> 'SK Group' | 'Chey Tae-won')."""
    spans = [(0, len(chunk))]
    m = _MODEL_NUMBER.search(chunk)
    if m:
        spans = [(0, m.start())]
    for pattern in (_SENTENCE_STOP, _JOINER, _DOUBLE_HYPHEN):
        cut = []
        for a, b in spans:
            pos = a
            for m in pattern.finditer(chunk, a, b):
                if pattern is _SENTENCE_STOP:
                    last = re.search(r"\w*$", chunk[a : m.start()])  # matches every string (maybe empty)
                    word = last.group(0) if last else ""
                    if len(word) <= 1 or word in _ABBREVIATIONS or (m.end() == m.start() + 1 and word in _KEEPS_PERIOD):
                        continue  # "U.S. Steel", "Westinghouse Electric Co. and", "Co.Ltd"
                cut.append((pos, m.start() + (1 if pattern is _SENTENCE_STOP else 0)))
                pos = m.end()
            cut.append((pos, b))
        spans = cut
    return [(offset + a, offset + b) for a, b in spans if b > a]


def _split_title(text: str, c: Candidate) -> None:
    """'Nvidia CEO Jensen Huang' -> 'Nvidia' (the person after the title is kept aside)."""
    r = company_rules()
    m = r.title_after_re.search(c.text)
    if m and m.start() > 0:
        c.person = text[c.start + m.end() : c.end]
        end = c.start + m.start()
        # "Hyundai Motor Group Executive Chair": words of a longer title stay with the title.
        while (cut := text.rfind(" ", c.start, end)) > c.start and text[cut + 1 : end].lower() in r.title_words:
            end = cut
        c.narrowed(c.start, end, "person title")


def _strip_function_words(analysis: Analysis, c: Candidate, kb: KnowledgeBase) -> None:
    """'While TSMC' -> 'TSMC'; 'Samsung Says' -> 'Samsung': words a sentence glues onto a name
    ('Under Armour', a name the knowledge base knows, keeps its first word)."""
    tokens = analysis.tokens(c.start, c.end)
    known = kb.lookup(c.text) is not None
    while len(tokens) > 1 and tokens[0].pos_ in _LEADING_POS and tokens[0].is_stop and not known:
        nxt = tokens[1].idx + _offset(analysis, c.start)
        c.narrowed(nxt, c.end, "leading function word")
        tokens = tokens[1:]
    # "on Thursday Toyota announced": a weekday before the name ('Monday' is never a firm's first word).
    if len(tokens) > 1 and tokens[0].text in _WEEKDAYS and not known:
        c.narrowed(tokens[1].idx + _offset(analysis, c.start), c.end, "weekday before the name")
        c.initial = False
        tokens = tokens[1:]
    # "Shares of Volkswagen", "Units of SK": a plural common noun and 'of' before the name.
    if len(tokens) > 2 and tokens[0].tag_ == "NNS" and tokens[1].lower_ == "of":
        c.narrowed(tokens[2].idx + _offset(analysis, c.start), c.end, "plural noun and 'of'")
        c.initial = False
    verbs = company_rules().reporting_verbs
    while len(tokens) > 1 and tokens[-1].lower_ in verbs and tokens[-1].pos_ in ("VERB", "AUX"):
        prev = tokens[-2]
        c.narrowed(c.start, prev.idx + len(prev.text) + _offset(analysis, c.start), "trailing verb")
        tokens = tokens[:-1]


def _offset(analysis: Analysis, pos: int) -> int:
    """The document offset of the spaCy Doc that holds `pos` (token.idx is relative to it)."""
    import bisect

    i = bisect.bisect_right(analysis._piece_starts, pos) - 1
    return analysis.pieces[i].offset if i >= 0 else 0


_LOWER_WORDS = re.compile(r"(?:[ \t]+[a-z][\w&-]*){1,2}")
_LEGAL_AFTER = re.compile(_LEGAL_TAIL)


def _extend_by_kb(text: str, c: Candidate, kb: KnowledgeBase) -> None:
    """'SK' + 'hynix': a lower-case word that completes a name the knowledge base knows."""
    m = _LOWER_WORDS.match(text, c.end)
    if not m:
        return
    tail = m.group(0)
    for cut in (len(tail), len(tail.rstrip().rsplit(None, 1)[0]) if len(tail.split()) > 1 else 0):
        firm = kb.lookup(c.text + tail[:cut]) if cut else None
        # Written as the firm writes it ('SK hynix'), not a common word after a name ('European energy').
        if firm is not None and " ".join((c.text + tail[:cut]).split()) in (firm.name, *firm.aliases):
            end = c.end + cut
            legal = _LEGAL_AFTER.match(text, end)
            end = legal.end() if legal else end
            c.trimmed.append(f"completed from the KB: {text[c.end : end]!r}")
            c.end, c.text = end, text[c.start : end]
            return


_OF_NAME = re.compile(r"[ \t]+of[ \t]+(?=[A-Z])")
_PLACE_AFTER = re.compile(r",[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,2})")


_TRAILING_TICKERS = re.compile(r"(?:[ \t]+[A-Z]{2,5})+$")  # "Oracle Corp ORCL", "SoftBank Group SFTBF SFTBY"


def _cut_tickers(c: Candidate, kb: KnowledgeBase) -> None:
    """'Oracle Corp ORCL' -> 'Oracle Corp': stock symbols a page prints after a firm the knowledge base
    knows (links stripped from a quote page); a name the KB knows whole ('Samsung SDI') stays."""
    m = _TRAILING_TICKERS.search(c.text)
    if m and m.start() > 0 and kb.lookup(c.text) is None and kb.lookup(c.text[: m.start()]) is not None:
        c.narrowed(c.start, c.start + m.start(), "stock symbols after the name")


def _cut_home_place(text: str, c: Candidate, kb: KnowledgeBase, nouns: frozenset[str], common: frozenset[str]) -> None:
    """'Kataman Metals LLC of St. Louis' -> 'Kataman Metals LLC', 'Trafigura of Singapore' -> 'Trafigura': a
    firm and the place it is from. Cut after a legal form ('LLC', 'Corporation'), or before a country, capital
    or US state, or before a name that ', Netherlands' or ', Texas' follows. A name the knowledge base knows
    whole ('Bank of America'), with a common noun before 'of' ('Bank of Japan') or with only common words
    before its legal form ('Public Service Company of Oklahoma': the place names the firm) stays."""
    m = _OF_NAME.search(c.text)
    if m is None or kb.lookup(c.text) is not None:
        return
    head, place = c.text[: m.start()], c.text[m.end() :]
    head_words = words(head)
    last = head_words[-1]
    if last in company_rules().legal_suffixes and all(w in common for w in head_words[:-1]):
        return
    if last not in company_rules().legal_suffixes:
        after = _PLACE_AFTER.match(text, c.end)
        is_place = is_country_name(place) or is_us_state(place)
        if after:
            is_place = is_place or is_country_name(after.group(1)) or is_us_state(after.group(1))
        if not is_place or last in nouns or plural_of_known(last, nouns):
            return
    c.narrowed(c.start, c.start + m.start(), "home place")


def chunk_candidates(analysis: Analysis, exclude_blocks: set[int], kb: KnowledgeBase) -> list[Candidate]:
    text = analysis.text
    out = []
    nouns = analysis.parser.nouns if analysis.parser else frozenset()
    common = analysis.parser.common_words if analysis.parser else frozenset()
    sentence_starts = {s for s, _ in analysis.sentences} | {b.start for b in analysis.blocks}
    for m in CHUNK.finditer(text):
        bi = analysis.block_index(m.start())
        if bi is None or bi in exclude_blocks:
            continue
        for s0, e0 in _pieces(m.group(0), m.start()):
            s, e = clean(text, s0, e0)
            if e <= s:
                continue
            c = Candidate(s, e, text[s:e])
            prefix = text[analysis.sentence_span(s)[0] : s]
            c.initial = s in sentence_starts or not re.search(r"[A-Za-z0-9]", prefix)
            _extend_by_kb(text, c, kb)
            _cut_tickers(c, kb)
            _cut_home_place(text, c, kb, nouns, common)
            _split_title(text, c)
            _strip_function_words(analysis, c, kb)
            pm = _PRODUCT_PLURAL.search(c.text)
            if pm and len(c.text.split()) > 1:
                c.narrowed(c.start, c.start + pm.start(), "product plural")
            out.append(c)
    return out


def cell_candidates(analysis: Analysis, a: int, b: int) -> list[Candidate]:
    """The items of one company-column cell: 'SK hynix', 'Brookfield and Westinghouse'."""
    text = analysis.text
    found = []
    for m in _CELL_ITEM.finditer(text, a, b):
        lead_words = _LEAD_WORDS.match(m.group(0))  # "with Brookfield"; matches every string
        lead = len(lead_words.group(0)) if lead_words else 0
        s, e = clean(text, m.start() + lead, m.end())
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and len(text[s:e].split()) <= 6:
            found.append(Candidate(s, e, text[s:e], Origin.TABLE_CELL))
    return found
