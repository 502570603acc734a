"""spaCy: loaded once per process, run over a document's blocks.

Each block (heading, paragraph, list item, table row) is parsed as its own
spaCy Doc, so no sentence or entity crosses a block boundary, and texts longer
than `nlp.max_length` never reach the model whole: blocks above CHUNK
characters are cut at sentence ends. Offsets map back into the document text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.ingest.document import Block, Document

if TYPE_CHECKING:  # spaCy is imported on first use: an incremental run with nothing to do never pays for it
    from spacy.tokens import Doc

# What the rules read, and so what runs (checked by tests/test_nlp.py): tag_ and pos_ (tagger +
# attribute_ruler: company candidates and decisions), lemma_ (lemmatizer: sectors, common words),
# sentences (parser: is_sent_start; no rule reads dep_ or head, but the senter splits differently, so
# swapping it in would change records), ents (ner: company candidates); tok2vec feeds them all.
# Nothing can be disabled without changing records; only the unused senter is excluded.
EXCLUDE = ("senter",)
CHUNK = 50_000
BATCH = 256  # pieces per nlp.pipe batch
_CUT = re.compile(r"(?<=[.!?])\s+")


def _empty_tensor():
    import numpy

    return numpy.zeros((0,), dtype="float32")


_EMPTY = _empty_tensor()  # what a parsed Doc keeps instead of its tok2vec tensor


@lru_cache(maxsize=2)
def load(model: str):
    """The pipeline, loaded once per process and model name."""
    import spacy

    nlp = spacy.load(model, exclude=list(EXCLUDE))
    return nlp


@lru_cache(maxsize=2)
def noun_index(model: str) -> frozenset:
    """The English nouns the pipeline's rule lemmatizer knows (empty for pipelines without one)."""
    nlp = load(model)
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    try:
        return frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


@lru_cache(maxsize=2)
def common_word_index(model: str) -> frozenset:
    """Every English noun, adjective, verb and adverb the rule lemmatizer knows (empty without one)."""
    nlp = load(model)
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for pos in ("noun", "adj", "verb", "adv") for w in table[pos])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


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
    model: str = ""  # the pipeline that parsed it
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
    """Every block piece through one `nlp.pipe` (BATCH pieces a batch). A text repeated in the
    document (a running header, a footer, a boilerplate line) is parsed once and its Doc shared by
    every piece with that text: the parse of a piece depends on its text alone. The tok2vec tensor
    is dropped from each Doc once the pipeline has run (no rule reads it; it is most of a Doc's
    memory), so a 20 MB text stays within a worker's --max-memory."""
    nlp = load(model)
    parts = list(_pieces_of(doc))
    index: dict[str, int] = {}
    for _, _, t in parts:
        index.setdefault(t, len(index))
    parsed = []
    for d in nlp.pipe(index, batch_size=BATCH):
        d.tensor = _EMPTY
        parsed.append(d)
    pieces = [Piece(i, off, parsed[index[t]]) for i, off, t in parts]
    return Analysis(doc.text, doc.blocks, pieces, model=model)
