"""A complete cache for spaCy's rule lemmatizer: the same lemmas, each worked out once per word form.

spaCy's rule lemmatizer keeps a cache keyed by (orth, pos, morph), but fills it only at the end of its
rule path: a token in a base form (a singular noun, an infinitive, a positive adjective: about three
tokens in four in our documents) returns early, uncached, after `is_base_form` has turned its
morphology into a dict. So the lemmatizer cost about 7% of the spaCy stage. The lemma a rule
lemmatizer gives depends on the token's text, its POS and its morphology alone (and the lookup
tables, fixed once loaded), so `CachedLemmatize` keys every answer, base forms included, by
(orth, pos, morph key): orth and the morph key are hashes of strings, so they mean the same word in
and out of a memory zone. The lemmatizer's own `__call__` still runs and sets `lemma_` as before
(tests/test_lemma_cache.py compares every lemma with spaCy's own over the corpus, real and seed texts).
"""

from __future__ import annotations

from typing import Any

CACHE_LIMIT = 500_000  # entries kept before the cache starts afresh (a long-running worker's memory)


class CachedLemmatize:
    """`lemmatizer.lemmatize` for a spaCy rule Lemmatizer, answering from one cache. Install with
    `install(lemmatizer)`."""

    def __init__(self, lemmatize: Any) -> None:
        self.lemmatize = lemmatize  # the lemmatizer's own bound method (rule_lemmatize)
        self.cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = self.cache.get(key)
        if forms is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            forms = self.cache[key] = self.lemmatize(token)
        return forms


def install(lemmatizer: Any) -> None:
    """Have `lemmatizer` (a spaCy Lemmatizer in rule mode) answer through a CachedLemmatize; other
    modes (lookup) are left as they are."""
    if getattr(lemmatizer, "mode", None) == "rule" and not isinstance(lemmatizer.lemmatize, CachedLemmatize):
        lemmatizer.lemmatize = CachedLemmatize(lemmatizer.lemmatize)
