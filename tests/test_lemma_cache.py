"""The cached rule lemmatizer (lemma_cache.py) gives exactly the lemmas spaCy's own lemmatizer gives."""

from spacy.lang.en import English

from extractor import lemma_cache
from extractor import nlp as nlp_stage
from extractor.config import DEFAULT_MODEL


def test_every_token_of_every_block_gets_spacys_own_lemma(block_texts):
    nlp = nlp_stage.load(DEFAULT_MODEL)
    lemmatizer = nlp.get_pipe("lemmatizer")
    cached = lemmatizer.lemmatize
    assert isinstance(cached, lemma_cache.CachedLemmatize)  # installed by Parser
    own = type(lemmatizer).rule_lemmatize
    checked = 0
    # twice, so the second pass answers from the cache
    for _ in range(2):
        for doc in nlp.pipe(block_texts, disable=["lemmatizer"]):
            for token in doc:
                assert cached(token) == own(lemmatizer, token), (token.text, token.pos_, str(token.morph))
                checked += 1
    assert checked > 40_000 and len(cached.cache) > 3_000
    # base forms (uncached by spaCy) and inflected ones (cached by spaCy) alike
    doc = nlp("The companies invested in new plants, and the plant is building more chips.")
    assert [t.lemma_ for t in doc][:5] == ["the", "company", "invest", "in", "new"]
    assert [t.lemma_ for t in doc][9] == "plant"


def test_the_cache_starts_afresh_at_its_limit(monkeypatch):
    nlp = English()
    calls = []

    def lemmatize(token):
        calls.append(token.text)
        return [token.text.lower()]

    cached = lemma_cache.CachedLemmatize(lemmatize)
    monkeypatch.setattr(lemma_cache, "CACHE_LIMIT", 2)
    doc = nlp("Alpha Beta Alpha Gamma Alpha")
    assert [cached(t)[0] for t in doc] == ["alpha", "beta", "alpha", "gamma", "alpha"]
    assert calls == ["Alpha", "Beta", "Gamma", "Alpha"]  # Gamma came at the limit: Alpha worked out again
    assert len(cached.cache) == 2


def test_only_a_rule_lemmatizer_is_cached():
    class Lookup:
        mode = "lookup"

        def lemmatize(self, token):
            return [token.text]

    pipe = Lookup()
    lemma_cache.install(pipe)
    assert not isinstance(pipe.lemmatize, lemma_cache.CachedLemmatize)
