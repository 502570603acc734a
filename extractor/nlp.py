"""spaCy: loaded once per process, run over a document's blocks.

Each block (heading, paragraph, list item, table row) is parsed as its own
spaCy Doc, so no sentence or entity crosses a block boundary, and texts longer
than `nlp.max_length` never reach the model whole: blocks above CHUNK
characters are cut at sentence ends. Offsets map back into the document text.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from extractor import attribute_match, lemma_cache
from extractor.ingest.document import Block, Document

if TYPE_CHECKING:  # spaCy is imported on first use: an incremental run with nothing to do never pays for it
    from spacy.language import Language
    from spacy.tokens import Doc

# What the rules read, and so what runs (checked by tests/test_nlp.py): tag_ and pos_ (tagger +
# attribute_ruler: company candidates and decisions), lemma_ (lemmatizer: sectors, common words),
# sentences (parser: is_sent_start; no rule reads dep_ or head, but the senter splits differently, so
# swapping it in would change records), ents (ner: company candidates); tok2vec feeds them all.
# Nothing can be disabled without changing records; only the unused senter is excluded. The
# attribute_ruler finds its matches through an index (attribute_match.py): the same matches, ~10x faster;
# the lemmatizer answers every word form from one cache (lemma_cache.py): the same lemmas.
EXCLUDE = ("senter",)
CHUNK = 50_000
BATCH = 256  # pieces per nlp.pipe batch
_CUT = re.compile(r"(?<=[.!?])\s+")
# When a document may run outside a memory zone (Parser.document_zone). Inside a zone spaCy's tokenizer
# caches nothing and makes every lexeme afresh for each document, which cost ~8% of the spaCy stage;
# outside one, what a document interns stays, so these bounds are what caps a long-running worker's
# memory. Measured (tokenizer alone, 2026-12-02): ~440 bytes of RSS per new string with its lexeme
# and cache entry, ~46 bytes per cached chunk of known words (about 3 bytes per character of text).
ZONE_FREE_STRINGS = 300_000  # vocabulary size (the model brings ~85k) up to which zones are skipped
ZONE_FREE_DOC_CHARS = 1_000_000  # a longer document always runs in a zone
ZONE_FREE_TOTAL_CHARS = 20_000_000  # characters run outside zones per Parser, the tokenizer cache's cap


def _empty_tensor():
    import numpy

    return numpy.zeros((0,), dtype="float32")


_EMPTY = _empty_tensor()  # what a parsed Doc keeps instead of its tok2vec tensor


class Parser:
    """The spaCy pipeline of one model and what the rules read from it besides the parse: the rule
    lemmatizer's word lists and the tokenizer. Built once per process and model (`parser(model)`) and
    handed to the stages with the Analysis it made (`analysis.parser`): no stage loads a model by name.
    Parsers compare by identity, so per-parser rule tables can be cached on them."""

    def __init__(self, model: str) -> None:
        import spacy

        self.model = model
        self.nlp = spacy.load(model, exclude=list(EXCLUDE))
        if "attribute_ruler" in self.nlp.pipe_names:  # the same matches, found by an index (attribute_match.py)
            attribute_match.install(self.nlp.get_pipe("attribute_ruler"))
        if "lemmatizer" in self.nlp.pipe_names:  # the same lemmas, each word form worked out once (lemma_cache.py)
            lemma_cache.install(self.nlp.get_pipe("lemmatizer"))
        self.zone_free_chars = 0  # characters of the documents run outside a memory zone so far

    def _lemma_words(self, parts: tuple[str, ...]) -> frozenset[str]:
        if "lemmatizer" not in self.nlp.pipe_names:
            return frozenset()
        try:
            lemmatizer: Any = self.nlp.get_pipe("lemmatizer")  # spaCy types pipes as bare callables
            table = lemmatizer.lookups.get_table("lemma_index")
            return frozenset(w for pos in parts for w in table[pos])
        except (KeyError, ValueError, AttributeError):
            return frozenset()

    @cached_property
    def nouns(self) -> frozenset[str]:
        """The English nouns the rule lemmatizer knows (empty for pipelines without one)."""
        return self._lemma_words(("noun",))

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Every English noun, adjective, verb and adverb the rule lemmatizer knows (empty without one)."""
        return self._lemma_words(("noun", "adj", "verb", "adv"))

    def lower_words(self, phrase: str) -> tuple[str, ...]:
        """`phrase` as the tokenizer splits it, lowercased: how a rule phrase meets parsed text."""
        return tuple(t.lower_ for t in self.nlp.tokenizer(phrase))

    def memory_zone(self) -> AbstractContextManager:
        """A zone whose interned strings are freed on exit (see extract_document)."""
        return self.nlp.memory_zone()

    def document_zone(self, doc: Document) -> AbstractContextManager:
        """Where `doc` runs: `documents_zone([doc])`."""
        return self.documents_zone([doc])

    def documents_zone(self, docs: Sequence[Document]) -> AbstractContextManager:
        """Where `docs` run: outside any memory zone while the vocabulary holds fewer than
        ZONE_FREE_STRINGS strings, each document is under ZONE_FREE_DOC_CHARS characters and this Parser
        has run fewer than ZONE_FREE_TOTAL_CHARS characters outside zones; inside a zone (`memory_zone`)
        otherwise. Strings, lexemes and tokenizer-cache entries made outside a zone stay for the
        process, so these bounds cap a long-running worker's memory. Outputs never depend on which
        way a document ran or what ran before: the cache and the lexemes only memoize what the
        tokenizer and the vocabulary compute from a text alone (tests/test_independence.py)."""
        sizes = [len(d.text) for d in docs]
        if getattr(self.nlp.vocab, "in_memory_zone", False):  # the caller's zone frees what these intern
            return contextlib.nullcontext()
        if (
            all(n < ZONE_FREE_DOC_CHARS for n in sizes)
            and self.zone_free_chars + sum(sizes) <= ZONE_FREE_TOTAL_CHARS
            and len(self.nlp.vocab.strings) < ZONE_FREE_STRINGS
        ):
            self.zone_free_chars += sum(sizes)
            return contextlib.nullcontext()
        return self.nlp.memory_zone()

    def analyze(self, doc: Document) -> Analysis:
        """The Analysis of one Document: its block pieces parsed (`analyze_many([doc])[0]`), with the
        sentences and entities mapped back to document offsets."""
        return self.analyze_many([doc])[0]

    def analyze_many(self, docs: Sequence[Document]) -> list[Analysis]:
        """Every block piece of `docs` through one `nlp.pipe` (BATCH pieces a batch), one Analysis per
        document. A text repeated in a document or across them (a running header, a footer, a
        boilerplate line) is parsed once and its Doc shared by every piece with that text: the parse of a
        piece depends on its text alone, not on the pieces batched with it (tests/test_independence.py).
        The tok2vec tensor is dropped from each Doc once the pipeline has run (no rule reads it; it is
        most of a Doc's memory), so a 20 MB text stays within a worker's --max-memory."""
        parts = [list(_pieces_of(doc)) for doc in docs]
        index: dict[str, int] = {}
        for doc_parts in parts:
            for _, _, t in doc_parts:
                index.setdefault(t, len(index))
        parsed = []
        for d in self.nlp.pipe(index, batch_size=BATCH):
            d.tensor = _EMPTY
            parsed.append(d)
        return [
            Analysis(doc.text, doc.blocks, [Piece(i, off, parsed[index[t]]) for i, off, t in doc_parts], parser=self)
            for doc, doc_parts in zip(docs, parts)
        ]


@lru_cache(maxsize=2)
def parser(model: str) -> Parser:
    """The Parser of `model`, loaded once per process."""
    return Parser(model)


def load(model: str) -> Language:
    """The spaCy pipeline of `model` (`parser(model).nlp`), loaded once per process."""
    return parser(model).nlp


def model_info(model: str) -> dict:
    """Name, version and components of the pipeline, read from its meta.json without loading it
    (an incremental run with nothing to do never pays for the model)."""
    from pathlib import Path

    import spacy

    path = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
    meta = spacy.util.load_meta(path / "meta.json") if (path / "meta.json").exists() else {}
    if not meta:  # a package laid out differently: load it to ask
        nlp = load(model)
        meta = {"version": nlp.meta.get("version"), "pipeline": list(nlp.pipe_names)}
    pipeline = [p for p in meta.get("pipeline", []) if p not in EXCLUDE]
    return {"spacy": spacy.__version__, "model": model, "model_version": meta.get("version"), "pipeline": pipeline}


@dataclass
class Piece:
    """A parsed stretch of the document: a whole block, or a chunk of a long one."""

    block_index: int
    offset: int
    doc: Doc


@dataclass
class Analysis:
    text: str
    blocks: list[Block]
    pieces: list[Piece]
    sentences: list[tuple[int, int]] = field(default_factory=list)  # document offsets, in order
    entities: list[tuple[str, int, int]] = field(default_factory=list)
    parser: Parser | None = None  # what parsed it (None for an Analysis built by hand)
    _starts: list[int] = field(default_factory=list)
    _block_starts: list[int] = field(default_factory=list)
    _piece_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for piece in self.pieces:
            for sent in piece.doc.sents:
                s, e = _trim(self.text, piece.offset + sent.start_char, piece.offset + sent.end_char)
                if e > s:
                    self.sentences.append((s, e))
            for ent in piece.doc.ents:
                self.entities.append((ent.label_, piece.offset + ent.start_char, piece.offset + ent.end_char))
        self._starts = [s for s, _ in self.sentences]
        self._block_starts = [b.start for b in self.blocks]
        self._piece_starts = [p.offset for p in self.pieces]

    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < max(self.sentences[i][1], self.sentences[i][0] + 1):
            return self.sentences[i]
        b = self.block_at(pos)
        return (b.start, b.end) if b else (pos, pos)

    def sentence_text(self, pos: int) -> str:
        s, e = self.sentence_span(pos)
        return self.text[s:e]

    def previous_sentence(self, start: int, not_before: int) -> tuple[int, int] | None:
        """The sentence just before the one starting at `start`, if it begins at or after `not_before`."""
        i = bisect.bisect_left(self._starts, start) - 1
        if i >= 0 and self.sentences[i][0] >= not_before:
            return self.sentences[i]
        return None

    def next_sentence(self, pos: int, before: int) -> tuple[int, int] | None:
        """The first sentence starting at or after `pos` and before `before`."""
        i = bisect.bisect_left(self._starts, pos)
        if i < len(self.sentences) and self.sentences[i][0] < before:
            return self.sentences[i]
        return None

    def block_index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._block_starts, pos) - 1
        if i >= 0 and self.blocks[i].start <= pos <= self.blocks[i].end:
            return i
        return None

    def block_at(self, pos: int) -> Block | None:
        i = self.block_index(pos)
        return self.blocks[i] if i is not None else None

    def tokens(self, start: int, end: int) -> list:
        """spaCy tokens overlapping [start, end)."""
        i = bisect.bisect_right(self._piece_starts, start) - 1
        if i < 0:
            return []
        piece = self.pieces[i]
        span = piece.doc.char_span(start - piece.offset, end - piece.offset, alignment_mode="expand")
        return list(span) if span is not None else []

    def page_at(self, pos: int) -> int | None:
        b = self.block_at(pos)
        return b.page if b else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _pieces_of(doc: Document):
    for i, b in enumerate(doc.blocks):
        start = b.start
        while b.end - start > CHUNK:
            window = doc.text[start : start + CHUNK]
            cuts = [m.end() for m in _CUT.finditer(window)]
            cut = cuts[-1] if cuts and cuts[-1] > CHUNK // 2 else window.rfind(" ") + 1 or CHUNK
            yield i, start, doc.text[start : start + cut]
            start += cut
        yield i, start, doc.text[start : b.end]


def analyze(doc: Document, model: str) -> Analysis:
    """`doc` parsed by the pipeline of `model` (`parser(model).analyze(doc)`)."""
    return parser(model).analyze(doc)
