"""Currency markers from data/money.json: the regex pieces for symbols, codes and words, and
the rules that decide what a matched marker means.

- A prefix listed under `currency_prefixes_case_sensitive` matches only as written
  ('Rs', 'RM', 'SR'), so 'rs' or 'rm' in other senses never start an amount.
- A prefix under `prefixes_need_magnitude` ('SR', 'QR', 'Fr.', 'PHP') also names routes,
  codes or titles: it counts only before a magnitude word or a number with thousands
  separators ('SR 520' is a road, 'SR5 billion' is money).
- A word under `currency_by_context` ('pesos', 'riyals', 'rupees'), or a prefix under
  `prefixes_by_context` ('P', 'Rs'), names several
  currencies: the one whose cue words the document names most often wins; on a tie or with
  none named, the entry's default, and a null default drops the amount rather than guess.
- A bare year-like number after a letter prefix or before a currency word, with no
  magnitude ('in 2024 dollars', 'USD 2025'), is not money.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.resources import load_json

_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


def alternation(words, case_sensitive=()) -> str:
    """Literal words, longest first; a space matches any white space; listed words keep their case."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{esc})" if w in case_sensitive else esc)
    return "|".join(parts)


def initials(words) -> str:
    """A character class of the words' first characters (white space for a space, as `alternation`
    writes it). A lookahead on it before a regex whose every match starts with one of the words lets
    the engine skip the positions where none can start: the same matches, faster."""
    return "[" + "".join(sorted({r"\s" if w[0].isspace() else re.escape(w[0]) for w in words})) + "]"


def _key(s: str) -> str:
    return " ".join(s.lower().split())


@lru_cache(maxsize=1)
def currency_rules() -> dict:
    money = load_json("money.json")
    prefixes = money["currency_prefixes"]
    words = money["currency_words"]
    by_context = money.get("currency_by_context", {})
    prefix_context = money.get("prefixes_by_context", {})
    cs_prefix = set(money.get("currency_prefixes_case_sensitive", ())) | set(prefix_context)
    cs_words = set(money.get("currency_words_case_sensitive", ()))
    codes = [c for c in prefixes if c.isalpha() and c.isupper() and len(c) == 3]
    all_words = list(words) + [w for w in by_context if w not in words]

    def table(entries):
        out = {}
        for marker, entry in entries.items():
            cues = {
                cur: re.compile(r"(?<![\w])(?:" + alternation(names) + r")(?![\w])")
                for cur, names in entry.get("cues", {}).items()
            }
            out[_key(marker)] = (entry.get("default"), cues)
        return out

    return {
        "prefix_re": alternation(list(prefixes) + list(prefix_context), cs_prefix),
        "word_re": alternation(all_words, cs_words),
        "code_re": alternation(codes),
        "prefixes": {_key(k): v for k, v in prefixes.items()},
        "words": {_key(k): v for k, v in words.items()},
        "context": table(by_context),
        "prefix_context": table(prefix_context),
        "need_magnitude": set(money.get("prefixes_need_magnitude", ())),
    }


class CurrencyResolver:
    """Resolves markers for one text; context cues are looked up once per text, when first needed."""

    def __init__(self, text: str):
        self.text = text
        self.rules = currency_rules()
        self._seen: dict[tuple[str, str], str | None] = {}

    def prefix(self, marker: str) -> str | None:
        key = _key(marker)
        if key in self.rules["prefix_context"]:
            return self._by_context("prefix_context", key)
        return self.rules["prefixes"].get(key)

    def word(self, marker: str) -> str | None:
        key = _key(marker)
        if key in self.rules["context"]:
            return self._by_context("context", key)
        return self.rules["words"].get(key) or self.rules["prefixes"].get(key)

    def _by_context(self, table: str, key: str) -> str | None:
        if (table, key) not in self._seen:
            default, cues = self.rules[table][key]
            counts = sorted(((len(rx.findall(self.text)), cur) for cur, rx in cues.items()), reverse=True)
            counts = [c for c in counts if c[0]]
            clear = counts and (len(counts) == 1 or counts[0][0] > counts[1][0])
            self._seen[(table, key)] = counts[0][1] if clear else default
        return self._seen[(table, key)]

    def plausible(self, marker: str | None, number: str, magnitude: str | None, word_form: bool) -> bool:
        """False for markers that need a magnitude and lack one, and for bare year-like numbers."""
        if magnitude:
            return True
        if marker and marker.strip() in self.rules["need_magnitude"] and "," not in number:
            return False
        lettered = word_form or (marker is not None and any(c.isalpha() for c in marker))
        return not (lettered and _YEAR_LIKE.fullmatch(number))
