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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.extract.mentions import CompanyEntity, CountryMention
from extractor.nlp import Analysis
from extractor.resources import load_json

_WORD = r"(?:[A-Z][\w’'&.\-]*[\w&.]|[A-Z]|\d[\w&\-]*[A-Za-z][\w&\-]*)"
_CONNECT = r"(?:of|for|de|du|van|von|der|la|le|del|da|&|and\s+(?=[A-Z][\w.]*\s+(?:Co\b|Company)))"
CHUNK = re.compile(rf"(?<![\w’'.&-]){_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD})*")
_SEPARATOR = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+|as well as\s+)?|\s+(?:and|or|&|as well as)\s+)$")
_ABBREVIATED = re.compile(r"(?:Inc|Corp|Co|Ltd|Bros|Mfg|Intl|S\.A|N\.V|L\.L\.C|[A-Z])\.$")
_TITLES = re.compile(r"(?:President|Prime Minister|Minister|Secretary|Director|Chairman|Chair|CEO|Chief|Ambassador|"
                     r"Governor|Senator|Rep\.|Mr\.|Ms\.|Mrs\.|Dr\.|Sir|King|Crown Prince|Prince|Vice)\s*$")


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


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = load_json("organizations.json")
    alt = lambda words: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    words = [w for w in d["non_company_words"] if " " not in w]
    phrases = [w for w in d["non_company_words"] if " " in w]
    return _Rules(
        suffixes={s.rstrip(".").lower() for s in d["suffixes"]},
        legal_suffixes={"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
                        "plc", "ag", "sa", "s.a", "nv", "n.v", "se", "gmbh", "kk", "k.k", "group", "holdings",
                        "holding", "the"},
        non_company_words={w.rstrip(".").lower() for w in words},
        non_company_phrases=[p.lower() for p in phrases],
        non_company_names={n.lower() for n in d["non_company_names"]},
        subject_re=re.compile(rf"^(?:’s|'s)?\s*(?:,[^,]{{1,60}},\s*)?(?:also\s+|has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|are\s+)?(?:{alt(d['subject_verbs'])})\b"),
        object_re=re.compile(rf"(?:{alt(d['object_cues'])})\s+(?:the\s+|U\.S\.\s+|Japanese\s+|Korean\s+)?$", re.I),
        list_cue_re=re.compile(rf"\b(?:{alt(d['list_cues'])})\s*:?\s*$", re.I),
        outlet_re=re.compile(rf"(?:{alt(d['outlet_cues'])})\s+(?:the\s+)?$", re.I),
        table_headers={h.lower() for h in d["table_headers"]},
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
    if low in r.non_company_names or low.removeprefix("the ") in r.non_company_names:
        return True
    words = _words(name)
    if any(w in r.non_company_words for w in words):
        return True
    if any(p in low for p in r.non_company_phrases):
        return True
    # Only countries (and words like 'LNG' after them): "U.S.", "Japan", "U.S. LNG"
    covered = [(a - start, b - start) for a, b in country_spans if start <= a and b <= start + len(name)]
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
        s, e = _clean(text, m.start(), m.end())
        if e <= s:
            continue
        bi = analysis.block_index(s)
        if bi is None or bi in exclude_blocks:
            continue
        chunk = _Chunk(s, e, text[s:e])
        prefix = text[analysis.sentence_span(s)[0]:s]
        chunk.initial = s in sentence_starts or not re.search(r"[A-Za-z0-9]", prefix)
        out.append(chunk)
    return out


def _split_of(chunk: _Chunk) -> list[_Chunk]:
    """'ROK Air Force of L3Harris Technologies' -> the part after 'of' when the head is a public body."""
    m = re.search(r"\s+(?:of|for)\s+", chunk.text)
    if not m:
        return [chunk]
    head, tail = chunk.text[:m.start()], chunk.text[m.end():]
    if is_non_company(head) and not is_non_company(tail):
        t = _Chunk(chunk.start + m.end(), chunk.end, tail, set(chunk.evidence), chunk.ner, False)
        return [t]
    return [chunk]


def find_companies(analysis: Analysis, countries: list[CountryMention]) -> list[CompanyEntity]:
    r = _rules()
    text = analysis.text
    heading_blocks = {i for i, b in enumerate(analysis.blocks) if b.kind == "heading"}
    chunks = []
    for c in _chunks(analysis, heading_blocks):
        chunks.extend(_split_of(c))
    country_spans = [(c.start, c.end) for c in countries]
    outlets = _outlets(text)

    ents = analysis.entities
    for c in chunks:
        for label, s, e in ents:
            if s < c.end and c.start < e:
                overlap = min(e, c.end) - max(s, c.start)
                if label == "ORG" and overlap * 2 >= e - s:
                    c.ner = "ORG"
                    c.evidence.add("ner")
                elif c.ner is None:
                    c.ner = label
        words = _words(c.text)
        if len(words) > 1 and words[-1] in r.suffixes or (words and words[-1] in r.legal_suffixes - {"the"}):
            c.evidence.add("suffix")
        after = text[c.end:c.end + 80]
        if r.subject_re.match(after) and c.ner not in ("PERSON", "GPE", "NORP"):
            c.evidence.add("subject")
        before = text[max(0, c.start - 40):c.start]
        if r.object_re.search(before):
            c.evidence.add("object")
        if re.search(r"[a-z,]\s\(\s*$", before) and re.match(r"\s*\)", after):
            c.evidence.add("parenthesis")

    _list_evidence(text, chunks)
    _table_evidence(analysis, chunks)

    # Single capitalized words at a sentence start with only the model's word for it are too weak.
    accepted: list[_Chunk] = []
    for c in chunks:
        if not c.evidence:
            continue
        if c.evidence == {"ner"} and c.initial and len(c.text.split()) == 1:
            continue
        if c.ner == "PERSON" and c.evidence <= {"ner", "subject"}:
            continue
        if _TITLES.search(text[max(0, c.start - 30):c.start]):
            continue
        if is_non_company(c.text, country_spans, c.start):
            continue
        if c.text.lower() in outlets or re.search(r"\.(?:com|org|net|io|co|news)$", c.text, re.I):
            continue
        if text[c.end:c.end + 1] == ":" and analysis.block_at(c.start) and analysis.block_at(c.start).start == c.start:
            continue  # a label opening a paragraph ("Markets: ...")
        if len(c.text) < 2 or not re.search(r"[A-Za-z]", c.text):
            continue
        accepted.append(c)
    return _merge(text, accepted)


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
        strong = sum(1 for c in g if c.evidence & {"ner", "suffix", "object", "subject"} and c.ner in (None, "ORG"))
        cue = bool(r.list_cue_re.search(text[max(0, g[0].start - 40):g[0].start]))
        if strong >= 2 and (strong * 2 >= len(g) or cue):
            for c in g:
                c.evidence.add("list")


def _table_evidence(analysis: Analysis, chunks: list[_Chunk]) -> None:
    """A name in a table column headed 'Company', 'Sponsor', 'Investor' ... is a company."""
    headers = _rules().table_headers
    for c in chunks:
        block = analysis.block_at(c.start)
        if block is None or block.kind != "table_row" or not block.header:
            continue
        for col, (a, b) in enumerate(block.cells):
            if a <= c.start and c.end <= b and col < len(block.header):
                names = {w.strip().lower() for w in re.split(r"[/,&()]|\band\b", block.header[col])}
                if names & headers:
                    c.evidence.add("table")


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
    # A short name that starts a longer one belongs to it ('SoftBank' -> 'SoftBank Group').
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in order:
        longer = [o for o in order if len(o) > len(k) and o[:len(k)] == k]
        if len(longer) == 1:
            parent[k] = longer[0]
    entities: dict[tuple[str, ...], CompanyEntity] = {}
    names: dict[tuple[str, ...], list[str]] = {}
    for k in order:
        root = k
        while root in parent:
            root = parent[root]
        names.setdefault(root, []).extend(variants[k])
    spans_taken: list[tuple[int, int]] = []
    all_variants = sorted({(v, root) for root, vs in names.items() for v in vs}, key=lambda x: (-len(x[0]), x[0]))
    mentions: dict[tuple[str, ...], list[tuple[int, int]]] = {root: [] for root in names}
    for v, root in all_variants:
        for m in re.finditer(rf"(?<![\w&-]){re.escape(v)}(?![\w&]|-[A-Za-z])", text):
            span = (m.start(), m.end())
            if any(a < span[1] and span[0] < b for a, b in spans_taken):
                continue
            spans_taken.append(span)
            mentions[root].append(span)
    for root, vs in names.items():
        spans = sorted(mentions[root])
        if not spans:
            continue
        full = max(vs, key=lambda v: (len(_words(v)), -text.find(v)))
        entities[root] = CompanyEntity(full, spans)
    return sorted(entities.values(), key=lambda e: e.mentions[0])
