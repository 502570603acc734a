"""Companies: capitalized name chunks, kept when the context says 'company'.

The NER model alone mislabels deal documents (Bechtel as a place, Fujikura as
a person, 'quantum information sciences' as an organization), so its ORG
label is one piece of evidence among several: a corporate suffix, a list of
names that holds other companies, a parenthesis after a product ('optical
fiber (Fujikura)'), a cue such as 'led by X' or 'X will invest'. Government
bodies, agencies, armed forces, deals and the publishing outlet are removed
by the word lists in data/organizations.json. Variants ('SoftBank Group',
later 'SoftBank') are merged into one company with every mention.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.extract.countries import is_country_name, is_us_state
from extractor.extract.mentions import CompanyEntity, CountryMention
from extractor.nlp import Analysis, noun_index
from extractor.resources import load_json
from extractor.spans import SpanIndex

_WORD = r"(?:[A-Z][\w’'&.\-]*[\w&.]|[A-Z]|\d[\w&\-]*[A-Za-z][\w&\-]*|[a-z]{1,2}[A-Z][\w&\-]*)"
_CONNECT = r"(?:of|for|de|du|van|von|der|la|le|del|da|&|and\s+(?=[A-Z][\w.]*\s+(?:Co\b|Company)))"
_LEGAL_TAIL = r"(?:,?[ \t]+(?:Inc|Ltd|LLC|Corp|Co|L\.P|PLC|plc|S\.A|N\.V|AG|GmbH|K\.K)\.?(?![\w]))"
CHUNK = re.compile(rf"(?<![\w’'.&-]){_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD})*{_LEGAL_TAIL}?")
# A period that ends a sentence inside a chunk ("Corning Incorporated. Corning"): not after an abbreviation.
_SENTENCE_STOP = re.compile(r"\.\s+(?=[A-Z])")
_ABBREVIATIONS = {"Bros", "Mfg", "Intl", "Jr", "Sr", "St", "Mt", "No", "Dr", "Mr", "Ms", "Mrs"}  # "Inc." ends a name
# "Japan's Sojitz Corporation", "Hyundai-owned Boston Dynamics": two names, split them.
_JOINER = re.compile(r"(?:’s|'s)\s+|-(?:owned|based|built|led|backed|made|controlled|headquartered)\s+")
_SEPARATOR = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+|as well as\s+)?|\s+(?:and|or|&|as well as)\s+)$")
_ABBREVIATED = re.compile(r"(?:\b(?:Inc|Corp|Co|Ltd|Bros|Mfg|Intl|S\.A|N\.V|L\.L\.C)|(?:^|[.\s])[A-Z])\.$")
_CELL_ITEM = re.compile(r"[^,;/()]+?(?=\s*(?:,|;|/|\(|\)|\band\b|$))")
_NOT_SUFFIX_CAPITAL = r"[ \t]+(?!(?:Inc|Corp|Co|Ltd|LLC|Group|Holdings|Corporation|Company|Limited)\b)[A-Z][a-z]"
_MODEL_NUMBER = re.compile(r"[ \t]+[A-Z]{0,3}-?\d[\d-]*[A-Za-z]{0,2}\b(?![-&])")  # "Ford F-150", "Boeing 787-10"
_LOCATION_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to)\s+$")
_LOCATION_AFTER = re.compile(r"(?:,|\s+in)\s+[A-Z][a-z]+")
_SHAPE = re.compile(r"[a-z][A-Z]|\d[A-Za-z]|[A-Za-z]\d|^[A-Z]-[a-z]")  # CamelCase, letters with digits, X-energy


@dataclass
class _Rules:
    suffixes: set[str]
    legal_suffixes: set[str]
    non_company_words: set[str]
    non_company_phrases: list[str]
    non_company_names: set[str]
    subject_re: re.Pattern
    object_re: re.Pattern
    list_cue_re: re.Pattern
    outlet_re: re.Pattern
    table_headers: set[str]
    titled_name_re: re.Pattern
    title_before_re: re.Pattern
    strong_subject_re: re.Pattern
    apposition_re: re.Pattern
    preceding_noun_re: re.Pattern
    public_body_re: re.Pattern
    outlet_after_re: re.Pattern
    non_company_re: re.Pattern
    ticker_re: re.Pattern
    thing_after_re: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = load_json("organizations.json")
    alt = lambda words: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    words = [w for w in d["non_company_words"] if " " not in w]
    phrases = [w for w in d["non_company_words"] if " " in w]
    return _Rules(
        suffixes={s.rstrip(".").lower() for s in d["suffixes"]},
        legal_suffixes=set(d["legal_suffixes"]),
        # "President Donald Trump": the name after a title is a person; a chunk right after one is not a company.
        titled_name_re=re.compile(rf"\b(?:{alt(d['person_titles'])})\s+((?:[A-Z][\w.’'-]+\s+){{0,3}}[A-Z][\w’'-]+)"),
        title_before_re=re.compile(rf"(?:{alt(d['person_titles'])})\s*$"),
        non_company_words={w.rstrip(".").lower() for w in words},
        non_company_phrases=[p.lower() for p in phrases],
        non_company_names={n.lower() for n in d["non_company_names"] + d["news_outlets"] + d["stock_exchanges"]},
        ticker_re=re.compile(rf"\(\s*(?:{alt(d['stock_exchanges'])})\s*:\s*[A-Z0-9.]+\s*\)"),
        subject_re=re.compile(rf"^(?:’s|'s)?\s*(?:,[^,]{{1,60}},\s*|,\s+(?:which|who)\s+)?(?:also\s+|has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|are\s+)?(?:{alt(d['subject_verbs'])})\b"),
        object_re=re.compile(rf"(?:{alt(d['object_cues'])})\s+(?:the\s+|U\.S\.\s+|Japanese\s+|Korean\s+)?$", re.I),
        list_cue_re=re.compile(rf"\b(?:{alt(d['list_cues'])})\s*:?\s*$", re.I),
        outlet_re=re.compile(rf"(?:{alt(d['outlet_cues'])})\s+(?:\d{{4}}\s+)?(?:the\s+)?$", re.I),
        table_headers={h.lower() for h in d["table_headers"]},
        strong_subject_re=re.compile(rf"^(?:’s|'s)?\s*(?:also\s+|has\s+|have\s+|had\s+|will\s+|would\s+|plans\s+to\s+|agreed\s+to\s+|is\s+set\s+to\s+)?(?:{alt(d['strong_subject_verbs'])})\b"),
        apposition_re=re.compile(rf"^,\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,4}}?(?:{alt(d['company_nouns'])})\b", re.I),
        preceding_noun_re=re.compile(rf"\b(?:{alt(d['company_nouns'])})\s+$", re.I),
        public_body_re=re.compile(rf"\b(?:{alt(d['public_body_heads'])})\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'&.-]*(?:(?:,?\s+(?:and\s+|&\s+|of\s+|for\s+)?)[A-Z][\w’'&.-]*)*"),
        outlet_after_re=re.compile(rf"\.?\s+(?:{alt(d['outlet_after'])})", re.I),
        thing_after_re=re.compile(rf"(?:\s+[a-z][\w-]*){{0,3}}\s+(?:{alt(d['name_of_thing_after'])})\b"),
        non_company_re=re.compile(rf"(?<![\w-])(?:{alt([n for n in d['non_company_names'] if ' ' in n])})(?![\w-])"),
    )


@dataclass
class _Chunk:
    start: int
    end: int
    text: str
    evidence: set[str] = field(default_factory=set)
    ner: str | None = None
    initial: bool = False  # first word of its sentence or block


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim possessives, trailing sentence periods and a leading 'The'."""
    s, e = start, end
    chunk = text[s:e]
    for poss in ("’s", "'s"):
        if chunk.endswith(poss):
            e -= len(poss)
            chunk = chunk[:-len(poss)]
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


def _words(name: str) -> list[str]:
    return [w.rstrip(".,").lower() for w in name.split()]


def is_non_company(name: str, country_spans: list[tuple[int, int]] = (), start: int = 0) -> bool:
    """Government bodies, agencies, armed forces, deals, documents, countries."""
    r = _rules()
    low = " ".join(name.lower().split())
    if is_country_name(name) or is_us_state(name):
        return True
    if low in r.non_company_names or low.removeprefix("the ") in r.non_company_names:
        return True
    words = _words(name)
    if any(w in r.non_company_words for w in words):
        return True
    if any(p in low for p in r.non_company_phrases):
        return True
    # Only countries (and words like 'LNG' after them): "U.S.", "Japan", "U.S. LNG"
    if not isinstance(country_spans, SpanIndex):
        country_spans = SpanIndex(country_spans)
    covered = [(a - start, b - start) for a, b in country_spans.within(start, start + len(name))]
    rest = name
    for a, b in sorted(covered, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    rest = " ".join(rest.split()).strip("-–— ")
    if not rest or rest.lower() in r.non_company_names:
        return True
    return False


def _chunks(analysis: Analysis, exclude_blocks: set[int]) -> list[_Chunk]:
    text = analysis.text
    out = []
    sentence_starts = {s for s, _ in analysis.sentences} | {b.start for b in analysis.blocks}
    for m in CHUNK.finditer(text):
        bi = analysis.block_index(m.start())
        if bi is None or bi in exclude_blocks:
            continue
        for s0, e0 in _pieces(m.group(0), m.start()):
            s, e = _clean(text, s0, e0)
            if e <= s:
                continue
            chunk = _Chunk(s, e, text[s:e])
            prefix = text[analysis.sentence_span(s)[0]:s]
            chunk.initial = s in sentence_starts or not re.search(r"[A-Za-z0-9]", prefix)
            out.append(chunk)
    return out


def _pieces(chunk: str, offset: int) -> list[tuple[int, int]]:
    """Cut a raw chunk at sentence stops, possessives and '-owned'/'-based' joiners."""
    spans = [(0, len(chunk))]
    m = _MODEL_NUMBER.search(chunk)
    if m:
        spans = [(0, m.start())]
    for pattern in (_SENTENCE_STOP, _JOINER):
        cut = []
        for a, b in spans:
            pos = a
            for m in pattern.finditer(chunk, a, b):
                if pattern is _SENTENCE_STOP:
                    word = re.search(r"(\w*)$", chunk[a:m.start()]).group(1)
                    if len(word) <= 1 or word in _ABBREVIATIONS:
                        continue  # "U.S. Steel", "Westinghouse Electric Co. and"
                cut.append((pos, m.start() + (1 if pattern is _SENTENCE_STOP else 0)))
                pos = m.end()
            cut.append((pos, b))
        spans = cut
    return [(offset + a, offset + b) for a, b in spans if b > a]


def _split_of(chunk: _Chunk) -> list[_Chunk]:
    """'ROK Air Force of L3Harris Technologies' -> the part after 'of' when the head is a public body."""
    m = re.search(r"\s+of\s+", chunk.text)
    if not m:
        return [chunk]
    head, tail = chunk.text[:m.start()], chunk.text[m.end():]
    tail_words = _words(tail)
    looks_company = (len(tail_words) > 1 and tail_words[-1] in _rules().suffixes) or _SHAPE.search(tail)
    if is_non_company(head) and not is_non_company(tail) and looks_company:
        t = _Chunk(chunk.start + m.end(), chunk.end, tail, set(chunk.evidence), chunk.ner, False)
        return [t]
    if is_non_company(head):
        return []
    return [chunk]


def find_companies(analysis: Analysis, countries: list[CountryMention],
                   outlet: str | None = None) -> list[CompanyEntity]:
    r = _rules()
    text = analysis.text
    heading_blocks = {i for i, b in enumerate(analysis.blocks)
                      if b.kind in ("heading", "table_header")
                      or (b.kind != "table_row" and _title_case(text[b.start:b.end]))}
    chunks = []
    for c in _chunks(analysis, heading_blocks):
        chunks.extend(_split_of(c))
    masked = [(m.start(), m.end()) for m in r.non_company_re.finditer(text)]
    masked += [(m.start(), m.end()) for m in r.public_body_re.finditer(text)]
    masked += [(m.start(), m.end()) for m in r.ticker_re.finditer(text)]  # "(NASDAQ: NVDA)"
    masked_index = SpanIndex(masked)
    chunks = [c for c in chunks if not masked_index.any_overlap(c.start, c.end)]
    country_spans = SpanIndex([(c.start, c.end) for c in countries])
    entity_index = SpanIndex(analysis.entities, key=lambda x: (x[1], x[2]))
    outlets = _outlets(text)
    if outlet:
        outlets.add(outlet.lower())

    for c in chunks:
        for label, s, e in entity_index.overlapping(c.start, c.end):
            if s < c.end and c.start < e:
                overlap = min(e, c.end) - max(s, c.start)
                if label == "ORG" and overlap * 2 >= e - s:
                    c.ner = "ORG"
                    c.evidence.add("ner")
                elif c.ner is None and s < c.end <= e:
                    c.ner = label  # the label of the name's last word (its head)
        if c.ner in ("NORP", "GPE") and not _covered(c, country_spans):
            c.ner = None  # 'Saudi Aramco' typed NORP: only a country name is a place or a people
        words = _words(c.text)
        if len(words) > 1 and (words[-1] in r.suffixes or words[-1] in r.legal_suffixes - {"the"}):
            c.evidence.add("suffix")
        after = text[c.end:c.end + 80]
        if r.strong_subject_re.match(after):
            c.evidence.update(("subject", "invests"))
        elif r.subject_re.match(after) and c.ner not in ("PERSON", "GPE", "NORP"):
            c.evidence.add("subject")
        if r.apposition_re.match(after):
            c.evidence.add("apposition")
        if r.preceding_noun_re.search(text[max(0, c.start - 30):c.start]):
            c.evidence.add("apposition")
        before = text[max(0, c.start - 40):c.start]
        if r.object_re.search(before):
            c.evidence.add("object")
        if re.search(r"(?:^|\s)[a-z][a-z-]*,?\s\(\s*$", before) and re.match(r"\s*\)", after):
            c.evidence.add("parenthesis")  # "optical fiber cables (Fujikura)"
        acronym = re.match(r"\s*\(\s*([A-Z][A-Za-z&]{1,7})\s*\)", after)
        if acronym and _abbreviates(acronym.group(1), c.text):
            c.evidence.add("acronym")  # "Emirates Global Aluminium (EGA)": a name defined for later use

    _list_evidence(text, chunks)
    chunks = _table_evidence(analysis, chunks)

    if os.environ.get("EXTRACTOR_DEBUG_COMPANIES"):
        for c in chunks:
            if c.evidence:
                print(f"company? {c.text!r} ner={c.ner} evidence={sorted(c.evidence)} initial={c.initial}",
                      file=sys.stderr)
    for c in chunks:
        m = re.search(r"[ \t]+[A-Z]{2,}s$", c.text)  # "Nvidia GPUs": the product, not the name
        if m and len(c.text.split()) > 1:
            c.end -= len(c.text) - m.start()
            c.text = c.text[:m.start()]
    # Names the page itself marks as its outlet ("The Meridian Desk is an independent newsletter").
    for c in chunks:
        if r.outlet_after_re.match(text, c.end):
            outlets.add(" ".join(_key(c.text)))
    persons = _person_names(analysis, chunks)
    # Single capitalized words at a sentence start with only the model's word for it are too weak.
    accepted: list[_Chunk] = []
    for c in chunks:
        if not c.evidence:
            continue
        if c.text in persons and not c.evidence & {"suffix", "table", "apposition"}:
            continue
        if c.initial and c.evidence <= {"ner", "subject", "list"} and not _first_word_proper(analysis, c):
            continue
        if not c.evidence & {"suffix", "table"} and not _looks_proper(analysis, c):
            continue
        if c.initial and c.evidence <= {"ner", "subject"} and len(c.text.split()) == 1 and not _SHAPE.search(c.text) \
                and re.search(rf"\b{re.escape(c.text.lower())}\b", text):
            continue  # "Figures show ...", "Chips are ...": a common word capitalized by the sentence
        if c.initial and c.evidence <= {"ner"} and len(c.text.split()) == 1 and not _SHAPE.search(c.text) \
                and (_is_plural_noun(analysis, c) or _opens_label(analysis, c)):
            continue  # "Figures for GPU deployments ...", "Health and life sciences: ..."
        if c.ner == "PERSON" and c.evidence <= {"ner", "subject"}:
            continue
        if r.title_before_re.search(text[max(0, c.start - 30):c.start]):
            continue
        if is_non_company(c.text, country_spans, c.start):
            continue
        if c.text.lower() in outlets or " ".join(_key(c.text)) in outlets or re.search(r"\.(?:com|org|net|io|co|news)$", c.text, re.I) \
                or r.outlet_after_re.match(text, c.end):
            continue
        if text[c.end:c.end + 1] == ":" and analysis.block_at(c.start) and analysis.block_at(c.start).start == c.start:
            continue  # a label opening a paragraph ("Markets: ...")
        if len(c.text) < 2 or not re.search(r"[A-Za-z]", c.text):
            continue
        if all(w in r.suffixes or w in r.legal_suffixes for w in _words(c.text)):
            continue  # "Company", "Inc." alone
        if c.evidence <= {"ner", "list"} and re.search(r"\b(?:its|their|his|her|our)\s+$", text[max(0, c.start - 8):c.start]):
            continue  # "its Blackwell chips": a product of someone else
        if c.evidence <= {"ner", "list", "subject"} and r.thing_after_re.match(text, c.end) and not _SHAPE.search(c.text):
            continue  # "the Artemis II mission", "the Stargate project"
        if c.evidence <= {"ner", "list"} and _LOCATION_BEFORE.search(text[max(0, c.start - 12):c.start]) \
                and _LOCATION_AFTER.match(text, c.end):
            continue  # "in Boise, Idaho", "at Taylor, Texas"
        accepted.append(c)
    return _merge(text, accepted)


def _abbreviates(acronym: str, name: str) -> bool:
    """Does ACRONYM abbreviate NAME? Its letters appear in order, the first one starting the name."""
    letters = [ch for ch in acronym.lower() if ch.isalpha()]
    words = name.lower()
    if len(_words(name)) < 2 or not letters or not words.startswith(letters[0]):
        return False
    pos = 0
    for ch in letters:
        pos = words.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _covered(c: _Chunk, spans: SpanIndex) -> bool:
    """Is every word of the chunk inside some country mention?"""
    for m in re.finditer(r"\S+", c.text):
        s, e = c.start + m.start(), c.start + m.end()
        if not any(a <= s and e <= b + 2 for a, b in spans.overlapping(s, e)):
            return False
    return True


def _title_case(line: str) -> bool:
    """A headline in Title Case: every name-like word capitalized, so capitals say nothing."""
    if re.search(r"[.!?]\s*$", line):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _person_names(analysis: Analysis, chunks: list[_Chunk]) -> set[str]:
    """Names the document gives a person: after a title ('President Donald Trump') or as a PERSON
    entity of two or more words, with their last word ('Trump')."""
    text = analysis.text
    names: set[str] = set()
    for m in _rules().titled_name_re.finditer(text):
        name = re.sub(r"(?:’s|'s)$", "", m.group(1))
        names.add(name)
        names.add(name.split()[-1])
    return names


def _first_word_proper(analysis: Analysis, c: _Chunk) -> bool:
    if _SHAPE.search(c.text.split()[0]) or re.fullmatch(r"[A-Z0-9&]{2,6}", c.text.split()[0]):
        return True
    tokens = analysis.tokens(c.start, c.end)
    return bool(tokens) and not tokens[0].tag_.startswith(("DT", "NN", "PRP", "IN", "RB", "VB", "CD", "WP", "WD"))\
        or bool(tokens) and tokens[0].tag_ in ("NNP", "NNPS")


def _is_plural_noun(analysis: Analysis, c: _Chunk) -> bool:
    """'Figures', 'Projects': the plural of an English noun (the lemmatizer's own noun list)."""
    word = c.text.lower()
    if not word.endswith("s") or len(word) < 4:
        return False
    nouns = noun_index(analysis.model) if analysis.model else frozenset()
    singulars = {word[:-1], word[:-2] if word.endswith("es") else word[:-1], word[:-3] + "y" if word.endswith("ies") else word[:-1]}
    return any(w in nouns for w in singulars)


def _opens_label(analysis: Analysis, c: _Chunk) -> bool:
    """The first words of a 'Label: text' line."""
    block = analysis.block_at(c.start)
    return block is not None and re.match(r"^\W*(?:[\w’'&-]+\s+){0,5}?[\w’'&-]+:", analysis.text[c.start:block.end]) is not None


def _looks_proper(analysis: Analysis, c: _Chunk) -> bool:
    """A proper name by the tagger (NNP), or by its shape (an acronym, CamelCase, letters and digits)."""
    if re.search(r"[a-z][A-Z]|[A-Z]{2,}|\d", c.text) and not c.text.isupper() or re.fullmatch(r"[A-Z0-9&]{2,6}", c.text) \
            or _SHAPE.search(c.text):
        return True
    tokens = analysis.tokens(c.start, c.end)
    return any(t.tag_ in ("NNP", "NNPS") for t in tokens)


def _list_evidence(text: str, chunks: list[_Chunk]) -> None:
    """Names coordinated in one list share the evidence of the list: 'Westinghouse, Bechtel, Kiewit and Carrier'."""
    groups: list[list[_Chunk]] = []
    for c in chunks:
        if groups and _SEPARATOR.match(text[groups[-1][-1].end:c.start] or "x"):
            groups[-1].append(c)
        else:
            groups.append([c])
    r = _rules()
    for g in groups:
        if len(g) < 2:
            continue
        # "Centrica and X-energy agreed ...": the verb after the list has every member as subject.
        strong = sum(1 for c in g if c.evidence & {"ner", "suffix", "object", "subject", "apposition", "table"}
                     and c.ner in (None, "ORG"))
        shared_verb = "subject" in g[-1].evidence or (strong and r.subject_re.match(text[g[-1].end:g[-1].end + 80]))
        if shared_verb:
            for c in g:
                c.evidence.add("subject")
        strong = sum(1 for c in g if c.evidence & {"ner", "suffix", "object", "subject", "apposition", "table"}
                     and c.ner in (None, "ORG"))
        cue = bool(r.list_cue_re.search(text[max(0, g[0].start - 40):g[0].start]))
        if strong >= 2 or (strong >= 1 and (cue or shared_verb)):
            for c in g:
                c.evidence.add("list")


def _table_evidence(analysis: Analysis, chunks: list[_Chunk]) -> list[_Chunk]:
    """In a table with a 'Company' / 'Sponsor' / 'Investor' column, that column's cells are companies
    (the whole cell: 'SK hynix') and names in the other columns are not."""
    headers = _rules().table_headers
    kept: list[_Chunk] = []
    cells_done: set[tuple[int, int]] = set()
    text = analysis.text
    for c in chunks:
        block = analysis.block_at(c.start)
        if block is None or block.kind != "table_row" or not block.header:
            kept.append(c)
            continue
        company_cols = {i for i, h in enumerate(block.header)
                        if {w.strip().lower() for w in re.split(r"[/,&()]|\band\b", h)} & headers}
        if not company_cols:
            kept.append(c)
            continue
        for col, (a, b) in enumerate(block.cells):
            if a <= c.start and c.end <= b:
                if col in company_cols and (a, b) not in cells_done:
                    cells_done.add((a, b))
                    for m in _CELL_ITEM.finditer(text, a, b):
                        lead = re.match(r"\s*(?:(?:[a-z][\w-]*|&)\s+)*", m.group(0)).end()  # "with Brookfield"
                        s, e = _clean(text, m.start() + lead, m.end())
                        while e > s and text[e - 1].isspace():
                            e -= 1
                        if e > s and len(text[s:e].split()) <= 6:
                            kept.append(_Chunk(s, e, text[s:e], {"table"}))
                break
    return kept


def _outlets(text: str) -> set[str]:
    """Names of the outlet that published the page: 'Coindoo.com', 'Reporter at Coindoo'."""
    names = {m.group(1).lower() for m in re.finditer(r"\b([A-Z][A-Za-z0-9-]+)\.(?:com|net|org|co\.uk|io|news)\b", text)}
    r = _rules()
    for m in CHUNK.finditer(text):
        if r.outlet_re.search(text[max(0, m.start() - 40):m.start()]):
            names.add(m.group(0).rstrip(".").lower())
    return names


def _key(name: str) -> tuple[str, ...]:
    words = _words(name)
    legal = _rules().legal_suffixes
    while len(words) > 1 and words[-1] in legal:
        words.pop()
    return tuple(w.replace("’", "'") for w in words)


def _merge(text: str, accepted: list[_Chunk]) -> list[CompanyEntity]:
    """One entity per company; the longest variant names it; every occurrence of any variant is a mention."""
    variants: dict[tuple[str, ...], list[str]] = {}
    order: list[tuple[str, ...]] = []
    for c in accepted:
        k = _key(c.text)
        if k not in variants:
            variants[k] = []
            order.append(k)
        if c.text not in variants[k]:
            variants[k].append(c.text)
    # A short name that starts a longer one belongs to it ('SoftBank' -> 'SoftBank Group'); when several
    # longer names start with it ('Hyundai' -> 'Hyundai Motor Group', 'Hyundai Steel'), to the first named.
    first_seen = {k: text.find(variants[k][0]) for k in order}
    r = _rules()
    generic = r.suffixes | r.legal_suffixes

    def complete(k) -> bool:  # named with its legal form ('Mitsubishi Corporation'): not a short name
        return any(_words(v)[-1] in r.legal_suffixes for v in variants[k] if len(_words(v)) > 1)

    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in order:
        if complete(k):
            continue
        # Only generic words may follow: 'SoftBank' -> 'SoftBank Group', 'Toyota' -> 'Toyota Motor Corp',
        # but 'GE Vernova' is not 'GE Vernova Hitachi Nuclear Energy' and 'Hanwha' is not 'Hanwha Ocean'.
        longer = [o for o in order if len(o) > len(k) and o[:len(k)] == k and all(w in generic for w in o[len(k):])]
        if longer:
            parent[k] = min(longer, key=lambda o: (first_seen[o], o))
    # An acronym in parentheses right after a name is that name: 'Korea Gas Corporation (KOGAS)'.
    for k in order:
        if k in parent:
            continue
        for v in variants[k]:
            pos = text.find(f"({v})")
            if pos < 0:
                continue
            before = text[max(0, pos - 80):pos].rstrip()
            owner = next((o for o in order if o != k and any(before.endswith(x) for x in variants[o])), None)
            if owner is not None and owner not in parent:
                parent[k] = owner
                break
    # An acronym that spells a longer name's initials is that name: 'AMD', 'AWS'.
    for k in order:
        v = variants[k][0]
        if k in parent or len(k) != 1 or not re.fullmatch(r"[A-Z]{2,6}", v):
            continue
        for o in order:
            words = [w for w in variants[o][0].split() if w[:1].isupper() and w.rstrip(".,").lower() not in r.legal_suffixes]
            if o != k and len(words) >= 2 and "".join(w[0] for w in words) == v:
                parent[k] = o
                break
    entities: dict[tuple[str, ...], CompanyEntity] = {}
    names: dict[tuple[str, ...], list[str]] = {}
    for k in order:
        root = k
        while root in parent:
            root = parent[root]
        names.setdefault(root, []).extend(variants[k])
    taken = bytearray(len(text) + 1)  # characters already inside a (longer) mention
    all_variants = sorted({(v, root) for root, vs in names.items() for v in vs}, key=lambda x: (-len(x[0]), x[0]))
    mentions: dict[tuple[str, ...], list[tuple[int, int]]] = {root: [] for root in names}
    for v, root in all_variants:
        # Not inside a longer name: 'Hanwha' in 'Hanwha Ocean' is not a mention of 'Hanwha Group'.
        for m in re.finditer(rf"(?<![\w&-]){re.escape(v)}(?![\w&]|-[A-Za-z]|{_NOT_SUFFIX_CAPITAL})", text):
            span = (m.start(), m.end())
            if any(taken[span[0]:span[1]]):
                continue
            taken[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
            mentions[root].append(span)
    for root, vs in names.items():
        spans = sorted(mentions[root])
        if not spans:
            continue
        full = max(vs, key=lambda v: (len(_words(v)), -text.find(v)))
        entities[root] = CompanyEntity(full, spans)
    return sorted(entities.values(), key=lambda e: e.mentions[0])
