"""The indexed AttributeRuler matching (attribute_match.py) finds exactly the matches spaCy's Matcher finds."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from extractor import attribute_match
from extractor import nlp as nlp_stage
from extractor.config import DEFAULT_MODEL


def _spacy_matches(ruler, doc):
    """What spaCy's own AttributeRuler.match returns (the class's method, not the installed index)."""
    return type(ruler).match(ruler, doc)


def test_the_model_pipeline_finds_every_match_spacy_finds_in_the_same_order(block_texts):
    nlp = nlp_stage.load(DEFAULT_MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, attribute_match.IndexedAttributeMatch)  # installed by Parser
    texts = block_texts
    assert len(texts) > 500
    checked = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert ruler.match(doc) == _spacy_matches(ruler, doc), doc.text
        checked += len(doc)
    assert checked > 20_000
    # the model's exception patterns are exercised, not only its tag map
    special = nlp("I ain't gonna go, y'all. There is nothin' left.")
    assert [t.lemma_ for t in special][:4] == ["I", "be", "not", "go"]
    assert special[4].lemma_ == "to" and special[7].lemma_ == "you" and special[11].pos_ == "VERB"
    assert special[12].lemma_ == "nothing"


def _doc(vocab, words, tags, deps):
    heads = [0] * len(words)
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads, spaces=[True] * len(words))


def test_every_kind_of_pattern_is_found_as_the_matcher_finds_it():
    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"IN": ["deal", "deals"]}, "TAG": {"NOT_IN": ["VB"]}}]], {"LEMMA": "deal"})
    ruler.add([[{"LOWER": {"REGEX": "^inv"}}]], {"LEMMA": "invest"})  # a regex is the only condition
    ruler.add([[{"DEP": "nsubj"}, {"LOWER": "will"}]], {"POS": "AUX"}, index=1)
    ruler.add([[{"TAG": "NN"}, {"TAG": "NN", "OP": "+"}]], {"POS": "PROPN"}, index=-1)  # an operator: Matcher
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LENGTH": 4}]], {"POS": "X"})  # an attribute not indexed: Matcher
    index = attribute_match.IndexedAttributeMatch(ruler)
    assert len(index.rest) == 2 and len(index.scanned) == 1
    words = ["Hanwha", "will", "invest", "deal", "deals", "trade", "deal", "\n", "Investors", "deal"]
    tags = ["NNP", "MD", "VB", "NN", "NNS", "NN", "NN", "_SP", "NNS", "VB"]
    deps = ["nsubj", "aux", "ROOT", "dobj", "conj", "compound", "dobj", "dep", "nsubj", "ROOT"]
    doc = _doc(nlp.vocab, words, tags, deps)
    expected = type(ruler).match(ruler, doc)
    assert index(doc) == expected
    found = {(i, s, e) for i, _, s, e in expected}
    assert (1, 9, 10) not in found and (1, 3, 4) in found  # NOT_IN holds
    assert (2, 2, 3) in found and (2, 8, 9) in found  # the regex, on LOWER
    assert (3, 0, 2) in found and (3, 8, 10) not in found  # two tokens, both conditions
    assert index(_doc(nlp.vocab, [], [], [])) == []


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "?"}],
        [{"LENGTH": {">=": 3}}],
        [{"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}}],
        [{"IS_SPACE": True, "OP": "*"}],
        [{"LOWER": {"FUZZY": "deal"}}],
    ],
)
def test_a_pattern_the_index_does_not_evaluate_is_left_to_the_matcher(pattern):
    nlp = English()
    assert attribute_match._conditions(pattern, nlp.vocab.strings) is None
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"POS": "X"})
    assert len(attribute_match.IndexedAttributeMatch(ruler).rest) == 1
