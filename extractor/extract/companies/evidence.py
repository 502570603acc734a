"""Evidence: the named signals that say a candidate is a company, each from one look at its context."""

from __future__ import annotations

import re
from enum import Enum

from extractor.extract.companies.candidates import Candidate, Origin, cell_candidates, words
from extractor.extract.companies.kb import KnowledgeBase
from extractor.extract.companies.rules import company_rules
from extractor.extract.countries import is_country_name
from extractor.nlp import Analysis
from extractor.spans import SpanIndex

# The article of a name that keeps it ('The Vault') stays in the gap between two names.
_SEPARATOR = re.compile(r"^(?:\s*[,;]\s*(?:and\s+|or\s+|as well as\s+)?|\s+(?:and|or|&|as well as)\s+)(?:[Tt]he\s+)?$")
_COORDINATED = re.compile(r"\b(?:and|or|as well as)\b|&")
_HOME = re.compile(r"\s*\(\s*([A-Z][\w .’'-]{1,40}?)\s*\)")  # 'Traxys (Luxembourg)'
_WITH_END = re.compile(r"(?:^|\s)with\s+(?:the\s+)?$")


class Signal(str, Enum):
    """One piece of evidence. The value is what --explain prints."""

    NER = "ner"  # the model's ORG entity covers the name
    SUFFIX = "suffix"  # a corporate last word: 'Group', 'Electric', 'Inc.'
    SUBJECT = "subject"  # the name is followed by a business verb: 'X signed', 'X will build'
    INVESTS = "invests"  # ... by an investing verb: 'X will invest', 'X ordered'
    APPOSITION = "apposition"  # 'X, the chipmaker', 'the automaker X'
    OBJECT = "object"  # after a cue: 'led by X', 'a deal with X'
    PARENTHESIS = "parenthesis"  # after a product in parentheses: 'optical fiber (Fujikura)'
    ACRONYM = "acronym"  # defines an acronym: 'Korea Gas Corporation (KOGAS)'
    LIST = "list"  # coordinated with names that are companies
    TABLE = "table"  # a cell of a table's company column
    KB = "kb"  # a name in the company knowledge base
    TITLE_OWNER = "title_owner"  # stands before a corporate title and a person: 'Nvidia CEO Jensen Huang'
    WITH_END = "with_end"  # 'in collaboration with X' closing a clause
    LABEL = "label"  # the label of a bullet or paragraph: '• Apple: $500 billion over four years'
    HOME = "home"  # its country in brackets after it: 'Panasonic (Japan), and Traxys (Luxembourg)'
    OWNER = "owner"  # its possessive names a site: "Nouveau Monde Graphite's Matawinie Mine", "Kia's plant"


STRONG = frozenset(
    {
        Signal.NER,
        Signal.SUFFIX,
        Signal.OBJECT,
        Signal.SUBJECT,
        Signal.APPOSITION,
        Signal.TABLE,
        Signal.KB,
        Signal.TITLE_OWNER,
        Signal.HOME,
    }
)


def context_signals(
    analysis: Analysis, candidates: list[Candidate], kb: KnowledgeBase, country_spans: SpanIndex
) -> None:
    """Signals read from the words around each candidate and from the model's entities."""
    r = company_rules()
    text = analysis.text
    entity_index = SpanIndex(analysis.entities, key=lambda x: (x[1], x[2]))
    for c in candidates:
        for label, s, e in entity_index.overlapping(c.start, c.end):
            if s < c.end and c.start < e:
                overlap = min(e, c.end) - max(s, c.start)
                if label == "ORG" and overlap * 2 >= e - s:
                    c.ner = "ORG"
                    c.signals.add(Signal.NER)
                elif c.ner is None and s < c.end <= e:
                    c.ner = label  # the label of the name's last word (its head)
        if c.ner in ("NORP", "GPE") and not covered(c, country_spans):
            c.ner = None  # 'Saudi Aramco' typed NORP: only a country name is a place or a people
        ws = words(c.text)
        if "of" in ws[2:]:  # 'Public Service Company of Oklahoma': the suffix ends the name before 'of'
            ws = ws[: ws.index("of", 2)]
        if len(ws) > 1 and (
            ws[-1] in r.suffixes or " ".join(ws[-2:]) in r.suffixes or ws[-1] in r.legal_suffixes - {"the"}
        ):
            c.signals.add(Signal.SUFFIX)
        if kb.lookup(c.text) is not None:
            c.signals.add(Signal.KB)
        if c.person:
            c.signals.add(Signal.TITLE_OWNER)
        block = analysis.block_at(c.start)
        if text[c.end : c.end + 1] == ":" and block is not None and not text[block.start : c.start].strip(" \t•*-–·"):
            c.signals.add(Signal.LABEL)
        after = text[c.end : c.end + 80]
        if r.strong_subject_re.match(after):
            c.signals.update((Signal.SUBJECT, Signal.INVESTS))
        elif r.subject_re.match(after) and c.ner not in ("PERSON", "GPE", "NORP"):
            c.signals.add(Signal.SUBJECT)
        appositive = r.apposition_re.match(after) and not r.titled_apposition_re.match(after)
        if appositive or r.preceding_noun_re.search(text[max(0, c.start - 30) : c.start]):
            c.signals.add(Signal.APPOSITION)
        before = text[max(0, c.start - 40) : c.start]
        if r.object_re.search(before):
            c.signals.add(Signal.OBJECT)
        if _WITH_END.search(before) and re.match(r"\s*(?:[.;,)]|and\b|$)", after):
            c.signals.add(Signal.WITH_END)
        if re.search(r"(?:^|\s)[a-z][a-z-]*,?\s\(\s*$", before) and re.match(r"\s*\)", after):
            c.signals.add(Signal.PARENTHESIS)
        if r.owned_site_re.match(after):
            c.signals.add(Signal.OWNER)
        home = _HOME.match(after)
        if home and is_country_name(home.group(1)) and not is_country_name(c.text):
            c.signals.add(Signal.HOME)
        acronym = re.match(r"\s*\(\s*([A-Z][A-Za-z&]{1,7})\s*\)", after)
        if acronym and abbreviates(acronym.group(1), c.text):
            c.signals.add(Signal.ACRONYM)


def list_signals(text: str, candidates: list[Candidate]) -> None:
    """Names coordinated in one list share the evidence of the list: 'Westinghouse, Bechtel, Kiewit and Carrier'."""
    groups: list[list[Candidate]] = []
    for c in candidates:
        if groups and _SEPARATOR.match(text[groups[-1][-1].end : c.start] or "x"):
            groups[-1].append(c)
        else:
            groups.append([c])
    r = company_rules()

    def strong(g: list[Candidate]) -> int:
        return sum(1 for c in g if c.signals & STRONG and c.ner in (None, "ORG"))

    for gi, g in enumerate(groups):
        # Two names and only a comma between them are no list ('In October, Merck broke ground').
        if len(g) < 2 or (len(g) == 2 and not _COORDINATED.search(text[g[0].end : g[1].start])):
            continue
        for c in g:
            c.group = gi
        # "Centrica and X-energy agreed ...": the verb after the list has every member as subject.
        shared_verb = Signal.SUBJECT in g[-1].signals or (
            strong(g) and r.subject_re.match(text[g[-1].end : g[-1].end + 80])
        )
        if shared_verb:
            for c in g:
                c.signals.add(Signal.SUBJECT)
        cue = bool(r.list_cue_re.search(text[max(0, g[0].start - 40) : g[0].start]))
        n = strong(g)
        if n >= 2 or (n >= 1 and (cue or shared_verb)):
            for c in g:
                c.signals.add(Signal.LIST)


def table_signals(analysis: Analysis, candidates: list[Candidate]) -> list[Candidate]:
    """In a table with a 'Company' / 'Sponsor' / 'Investor' column, that column's cells are companies
    (the whole cell: 'SK hynix') and names in the other columns are not candidates."""
    headers = company_rules().table_headers
    kept: list[Candidate] = []
    cells_done: set[tuple[int, int]] = set()
    for c in candidates:
        block = analysis.block_at(c.start)
        if block is None or block.kind != "table_row" or not block.header:
            kept.append(c)
            continue
        company_cols = {
            i
            for i, h in enumerate(block.header)
            if {w.strip().lower() for w in re.split(r"[/,&()]|\band\b", h)} & headers
        }
        if not company_cols:
            kept.append(c)
            continue
        for col, (a, b) in enumerate(block.cells):
            if a <= c.start and c.end <= b:
                if col in company_cols and (a, b) not in cells_done:
                    cells_done.add((a, b))
                    for cell in cell_candidates(analysis, a, b):
                        cell.signals.add(Signal.TABLE)
                        kept.append(cell)
                break
    return kept


def abbreviates(acronym: str, name: str) -> bool:
    """Does ACRONYM abbreviate NAME? Its letters appear in order, the first one starting the name."""
    letters = [ch for ch in acronym.lower() if ch.isalpha()]
    low = name.lower()
    if len(words(name)) < 2 or not letters or not low.startswith(letters[0]):
        return False
    pos = 0
    for ch in letters:
        pos = low.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def covered(c: Candidate, spans: SpanIndex) -> bool:
    """Is every word of the candidate inside some country mention?"""
    for m in re.finditer(r"\S+", c.text):
        s, e = c.start + m.start(), c.start + m.end()
        if not any(a <= s and e <= b + 2 for a, b in spans.overlapping(s, e)):
            return False
    return True


__all__ = ["Signal", "STRONG", "context_signals", "list_signals", "table_signals", "Origin"]
