"""The spaCy stage: loaded once with the configured components, long blocks cut on sentence ends."""

from extractor import nlp as nlp_stage
from extractor.config import DEFAULT_MODEL
from extractor.ingest.document import Block, Document


def test_model_loaded_once_without_excluded_components():
    a = nlp_stage.load(DEFAULT_MODEL)
    assert nlp_stage.load(DEFAULT_MODEL) is a
    assert "senter" not in a.pipe_names
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(a.pipe_names)
    info = nlp_stage.model_info(DEFAULT_MODEL)
    assert info["model_version"] == "3.8.0" and info["pipeline"] == a.pipe_names


def test_a_block_longer_than_the_chunk_is_cut_on_sentence_ends_with_offsets_kept():
    sentence = "Hanwha Group will invest $5 billion in Philly Shipyard by 2028. "
    text = "Heading\n" + sentence * (3 * nlp_stage.CHUNK // len(sentence))
    doc = Document(text=text, blocks=[Block("heading", 0, 7), Block("paragraph", 8, len(text.rstrip()))], format="txt")
    pieces = list(nlp_stage._pieces_of(doc))
    assert len(pieces) >= 4
    for _block_index, offset, piece in pieces:
        assert len(piece) <= nlp_stage.CHUNK
        assert text[offset : offset + len(piece)] == piece  # offsets point back into the document
    body = [(o, p) for b, o, p in pieces if b == 1]
    for (o1, p1), (o2, _) in zip(body, body[1:]):
        assert o1 + len(p1) == o2  # no gap, no overlap
        assert p1.rstrip().endswith(".")  # cut after a sentence, not inside one


def test_analysis_maps_sentences_and_entities_into_the_document():
    text = "Title line\nAmazon will invest $5 billion in Korea. Toyota will export cars."
    doc = Document(text=text, blocks=[Block("heading", 0, 10), Block("paragraph", 11, len(text))], format="txt")
    analysis = nlp_stage.analyze(doc, DEFAULT_MODEL)
    assert [text[s:e] for s, e in analysis.sentences] == [
        "Title line",
        "Amazon will invest $5 billion in Korea.",
        "Toyota will export cars.",
    ]
    # Each entity lies inside one block, and its offsets point at the entity's own words in the document.
    blocks = [(b.start, b.end) for b in doc.blocks]
    for _label, s, e in analysis.entities:
        assert any(a <= s < e <= b for a, b in blocks), (s, e)
        piece = next(p for p in analysis.pieces if p.offset <= s < p.offset + len(p.doc.text))
        ent = next(x for x in piece.doc.ents if piece.offset + x.start_char == s)
        assert text[s:e] == ent.text
    assert analysis.sentence_text(text.index("Korea")) == "Amazon will invest $5 billion in Korea."


def test_a_repeated_block_is_parsed_once_and_analysed_like_the_others():
    line = "Compiled Annex. Toyota will invest $2 billion in Ohio."
    text = "\n".join([line, "Hanwha will build ships.", line])
    starts = [0, len(line) + 1, len(line) + 1 + len("Hanwha will build ships.") + 1]
    ends = [starts[0] + len(line), starts[1] + len("Hanwha will build ships."), starts[2] + len(line)]
    doc = Document(text=text, blocks=[Block("paragraph", s, e) for s, e in zip(starts, ends)], format="txt")
    analysis = nlp_stage.analyze(doc, DEFAULT_MODEL)
    assert analysis.pieces[0].doc is analysis.pieces[2].doc  # one parse for the repeated text
    assert analysis.pieces[0].doc.tensor.size == 0  # the tok2vec tensor is not kept
    first = [(s, e) for s, e in analysis.sentences if e <= ends[0]]
    last = [(s - starts[2], e - starts[2]) for s, e in analysis.sentences if s >= starts[2]]
    assert first == last and len(first) == 2
    ents = [(label, s, e) for label, s, e in analysis.entities]
    assert [(lb, s) for lb, s, e in ents if e <= ends[0]] == [
        (lb, s - starts[2]) for lb, s, e in ents if s >= starts[2]
    ]
    assert [t.text for t in analysis.tokens(starts[2], starts[2] + 6)] == ["Compiled"]


def test_small_documents_skip_the_memory_zone_within_the_bounds_and_others_get_one(monkeypatch):
    p = nlp_stage.parser(DEFAULT_MODEL)
    small = Document(text="Toyota will invest $2 billion in Ohio.", blocks=[Block("paragraph", 0, 38)], format="txt")
    with p.document_zone(small):
        assert not p.nlp.vocab.in_memory_zone  # small, vocabulary under the bound: no zone
    monkeypatch.setattr(nlp_stage, "ZONE_FREE_DOC_CHARS", 10)
    with p.document_zone(small):
        assert p.nlp.vocab.in_memory_zone  # a document past the size bound runs in a zone
    monkeypatch.setattr(nlp_stage, "ZONE_FREE_DOC_CHARS", 1_000_000)
    monkeypatch.setattr(nlp_stage, "ZONE_FREE_STRINGS", len(p.nlp.vocab.strings))
    with p.document_zone(small):
        assert p.nlp.vocab.in_memory_zone  # the vocabulary at its bound: every document in a zone
    assert not p.nlp.vocab.in_memory_zone
