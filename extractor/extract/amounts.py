"""Money amounts and percentages, by regular expressions built from data/money.json."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypedDict

from extractor.extract.currencies import CurrencyResolver, currency_rules
from extractor.extract.currencies import alternation as _alternation
from extractor.extract.mentions import AmountMention, PercentMention
from extractor.models import Qualifier
from extractor.resources import load_json, one_of

# Indian grouping ("1,50,000") first, then thousands separators, then plain digits.
NUMBER = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


class _Rules(TypedDict):
    re: re.Pattern[str]
    words_re: re.Pattern[str]
    number_words: dict[str, float]
    mags: dict[str, int]
    mags_lower: dict[str, int]
    qual_before: dict[str, Qualifier]
    qual_after: dict[str, Qualifier]
    sum_verbs: set[str]
    change_verbs: set[str]
    pair_joiners: set[str]
    pair_openers: set[str]
    per_unit: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    money = load_json("money.json")
    cur = currency_rules()
    mags = money["magnitudes"]
    mag_cs = set(money["magnitudes_case_sensitive"])
    mag = rf"(?:{_alternation(mags, mag_cs)})(?![A-Za-z])"
    prefix, word, code = cur["prefix_re"], cur["word_re"], cur["code_re"]
    # The magnitude may be joined by a hyphen ("$1-billion", "a $2.2-billion deal").
    sep = r"(?:-|\s?)"
    # One amount: PREFIX NUM [MAG] | NUM [MAG] WORD | NUM [MAG] CODE
    # "$200+ million": a plus between the number and its magnitude is "or more".
    amount_a = (
        rf"(?P<cur{{i}}>{prefix})\s?(?P<num{{i}}>{NUMBER})(?P<plus{{i}}>\+(?={sep}{mag}))?(?:{sep}(?P<mag{{i}}>{mag}))?"
    )
    amount_b = (
        rf"(?P<num{{i}}b>{NUMBER})(?:{sep}(?P<mag{{i}}b>{mag}))?[\s-](?P<word{{i}}>(?:{word})|(?-i:{code}))"
        r"(?![A-Za-z])"
    )
    one = lambda i: "(?:" + amount_a.replace("{i}", str(i)) + "|" + amount_b.replace("{i}", str(i)) + ")"
    # The low end of a range may be a bare number ("$38-44 billion", "$38 to $44 billion").
    low = rf"(?:(?P<lcur>{prefix})\s?)?(?P<lnum>{NUMBER})(?:{sep}(?P<lmag>{mag}))?"
    joiner = r"\s?(?:-|–|—|to)\s?|\s+(?:to|and)\s+"
    # "$38-44 billion": the currency on the low end, the magnitude on the high end.
    bare_range = (
        rf"(?P<rcur>{prefix})\s?(?P<rlnum>{NUMBER})(?:{sep}(?P<rlmag>{mag}))?(?:{joiner})"
        rf"(?P<rhnum>{NUMBER}){sep}(?P<rhmag>{mag})"
    )
    qual_before = money["qualifiers_before"]
    qual_after = money["qualifiers_after"]
    qb = _alternation(qual_before)
    qa = _alternation(qual_after)
    pattern = (
        rf"(?:(?P<qual>{qb})\s+|(?P<tilde>~)\s?)?(?P<opener>(?:{_alternation(money['range_openers'])})\s+)?"
        rf"(?:(?P<range>{low}(?P<join>{joiner}){one(2)})|(?P<range2>{bare_range})|{one(1)})"
        rf"(?:(?:\s+|(?=[+-]))(?P<after>{qa})(?![A-Za-z]))?"
    )
    # Number words: 'two billion dollars', 'half a trillion won' (a currency word is required).
    words_re = (
        rf"(?<![\w$€£¥₩.,])(?:(?P<qual>{qb})\s+)?(?P<wn>{_alternation(money['number_words'])})\s+"
        rf"(?P<wm>{_alternation(money['number_word_magnitudes'])})\s+(?P<ww>{word})(?![A-Za-z])"
    )
    return {
        "re": re.compile(rf"(?<![\w$€£¥₩.,]){pattern}", re.I),
        "words_re": re.compile(words_re, re.I),
        "number_words": {" ".join(k.lower().split()): v for k, v in money["number_words"].items()},
        "mags": mags,
        "mags_lower": {k.lower(): v for k, v in mags.items() if k not in mag_cs},
        "qual_before": _qualifiers(qual_before),
        "qual_after": _qualifiers(qual_after),
        "sum_verbs": set(money["sum_verbs_before_up_to"]),
        "change_verbs": set(money["change_verbs_before_from"]),
        "pair_joiners": {_key(w) for w in money["pair_joiners"]},
        "pair_openers": {_key(w) for w in money["pair_range_openers"]},
        "per_unit": re.compile(rf"\s*(?:{_alternation(money['per_unit_after'])})\b", re.I),
    }


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _qualifiers(phrases: dict[str, str]) -> dict[str, Qualifier]:
    """Phrase (lower case, single spaces) -> the record's qualifier it gives."""
    return {_key(k): one_of(v, Qualifier, "money.json") for k, v in phrases.items()}


def _magnitude(rules: _Rules, mag: str | None) -> Decimal:
    if not mag:
        return Decimal(1)
    value = rules["mags"].get(mag) or rules["mags_lower"].get(mag.lower())
    return Decimal(value or 1)


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _currency(res: CurrencyResolver, m: re.Match[str], i: str) -> str | None:
    """The currency of amount i, or None when its marker does not make it money here."""
    num, mag = _end(m, i)
    cur = m.group(f"cur{i}")
    if cur:
        return res.prefix(cur) if res.plausible(cur, num, mag, word_form=False) else None
    word = m.group(f"word{i}")
    if word and res.plausible(word, num, mag, word_form=True):
        return res.word(word)
    return None


def _end(m: re.Match[str], i: str) -> tuple[str, str | None]:
    """(number, magnitude) of amount i, whichever form matched. Callers ask only for an amount that
    matched, and both of its forms require the number: only the magnitude may be missing."""
    if m.group(f"num{i}"):
        return m.group(f"num{i}"), m.group(f"mag{i}")
    return m.group(f"num{i}b"), m.group(f"mag{i}b")


def find_amounts(text: str) -> list[AmountMention]:
    """Money amounts in `text`, in order: each with its exact span, normalized value, ISO currency, qualifier
    ("up to", "about", ...) and, for ranges, min and max."""
    rules = _rules()
    res = CurrencyResolver(text)
    out: list[AmountMention] = []
    for m in rules["re"].finditer(text):
        try:
            mentions: Sequence[AmountMention | None] | None = _split_change(text, m, rules, res)
            if mentions is None:
                mentions = _split_pair(text, m, rules, res)
            if mentions is None:
                mentions = [_to_mention(text, m, rules, res)]
        except (InvalidOperation, ValueError):
            continue
        for mention in mentions:
            if mention is not None and not rules["per_unit"].match(text, mention.end):
                out.append(mention)
    words = list(_word_amounts(text, rules, res))
    return sorted(out + words, key=lambda a: a.start) if words else out


def _word_amounts(text: str, rules: _Rules, res: CurrencyResolver) -> Iterator[AmountMention]:
    """'two billion dollars' -> 2e9 USD; 'nearly half a trillion won' -> approx 5e11 KRW."""
    for m in rules["words_re"].finditer(text):
        currency = res.word(m.group("ww"))
        if currency is None:
            continue
        value = Decimal(str(rules["number_words"][" ".join(m.group("wn").lower().split())]))
        value *= _magnitude(rules, m.group("wm"))
        value = value.to_integral_value() if value == value.to_integral_value() else value
        q = rules["qual_before"].get(" ".join(m.group("qual").lower().split())) if m.group("qual") else None
        q = q or "exact"
        yield AmountMention(
            m.start(),
            m.end(),
            m.group(0),
            value,
            currency,
            q,
            value if q == "at_least" else None,
            value if q == "up_to" else None,
        )


def _split_change(text: str, m: re.Match[str], rules: _Rules, res: CurrencyResolver) -> list[AmountMention] | None:
    """'raise its investment from $21 billion to $26 billion' is two amounts, not a range."""
    opener = m.group("opener")
    if not (m.group("range") and opener and opener.strip().lower() == "from"):
        return None
    words = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 60) : m.start("opener")].lower())
    if not any(w in rules["change_verbs"] for w in words[-10:]):
        return None
    num, mag = _end(m, "2")
    currency = _currency(res, m, "2")
    if currency is None:
        return None
    lo_start, lo_end = (
        m.start("lcur") if m.group("lcur") else m.start("lnum"),
        m.end("lmag") if m.group("lmag") else m.end("lnum"),
    )
    low = _number(m.group("lnum")) * _magnitude(rules, m.group("lmag") or mag)
    hi_start = m.start("cur2") if m.group("cur2") else (m.start("num2") if m.group("num2") else m.start("num2b"))
    high = _number(num) * _magnitude(rules, mag)
    return [
        AmountMention(lo_start, lo_end, text[lo_start:lo_end], low, currency, "exact"),
        AmountMention(hi_start, m.end(), text[hi_start : m.end()], high, currency, "exact"),
    ]


def _split_pair(text: str, m: re.Match[str], rules: _Rules, res: CurrencyResolver) -> list[AmountMention] | None:
    """'$200 billion and $60 billion, respectively' is two amounts; only after a pair opener
    ('between $1 billion and $2 billion') is a pair joined by 'and' a range. The low end is an
    amount of its own only with its own currency marker ('$2 and $3 billion': 2e9 and 3e9, the
    magnitude borrowed from the high end); a bare number ('2024 and $3 billion') is not money."""
    if not m.group("range") or _key(m.group("join")) not in rules["pair_joiners"]:
        return None
    opener = m.group("opener")
    if opener and _key(opener) in rules["pair_openers"]:
        return None
    out: list[AmountMention] = []
    if m.group("lcur"):
        lo_end = m.end("lmag") if m.group("lmag") else m.end("lnum")
        lm = rules["re"].match(text, m.start(), lo_end)
        low = _to_mention(text, lm, rules, res) if lm else None
        if low is not None and not m.group("lmag"):
            value = low.value * _magnitude(rules, _end(m, "2")[1])
            low = replace(
                low, value=value, min=value if low.min is not None else None, max=value if low.max is not None else None
            )
        if low is not None:
            out.append(low)
    hi_start = m.start("cur2") if m.group("cur2") else (m.start("num2") if m.group("num2") else m.start("num2b"))
    hm = rules["re"].match(text, hi_start, m.end())
    high = _to_mention(text, hm, rules, res) if hm else None
    if high is not None:
        out.append(high)
    return out


def _to_mention(text: str, m: re.Match[str], rules: _Rules, res: CurrencyResolver) -> AmountMention | None:
    start, end = m.start(), m.end()
    qualifier: Qualifier = "exact"
    lo = hi = None
    if m.group("range2"):
        currency = res.prefix(m.group("rcur"))
        if currency is None:
            return None
        hi = _number(m.group("rhnum")) * _magnitude(rules, m.group("rhmag"))
        lo = _number(m.group("rlnum")) * _magnitude(rules, m.group("rlmag") or m.group("rhmag"))
        if lo >= hi:
            return None
        qualifier, value = "range", hi
    elif m.group("range"):
        num, mag = _end(m, "2")
        currency = _currency(res, m, "2")
        if currency is None:
            return None
        hi = _number(num) * _magnitude(rules, mag)
        lmag = m.group("lmag") or mag
        lo = _number(m.group("lnum")) * _magnitude(rules, lmag)
        if m.group("lcur") and res.prefix(m.group("lcur")) != currency:
            return None
        if lo >= hi:
            # "$5 to 10" style noise or "2025-2026": not a money range; keep the upper amount only
            start = m.start("num2") if m.group("num2") else m.start("num2b")
            start = m.start("cur2") if m.group("cur2") else start
            lo = None
            qualifier = "exact"
        else:
            qualifier = "range"
        value = hi
    else:
        num, mag = _end(m, "1")
        currency = _currency(res, m, "1")
        if currency is None:
            return None
        value = _number(num) * _magnitude(rules, mag)
        if m.group("opener") and m.group("opener").strip().lower() == "between":
            start = m.start("opener") + len(m.group("opener"))  # "between $1 billion" without "and ..."
    if value == 0:
        return None
    word_only = (
        not m.group("range2")
        and m.group("word1" if not m.group("range") else "word2")
        and not (m.group("mag1b") if not m.group("range") else m.group("mag2b"))
    )
    if word_only and value < 100:
        return None  # "2 won contracts": a currency word after a small bare number is not money
    qual = m.group("qual")
    if qual:
        q = rules["qual_before"].get(" ".join(qual.lower().split()))
        if q == "up_to" and _preceding_word(text, m.start()) in rules["sum_verbs"]:
            q = "exact"  # "add up to $490 billion" is a sum, not a ceiling
            start = m.end("qual")
            while text[start].isspace():
                start += 1
        if qualifier != "range" and q:
            qualifier = q
    elif m.group("tilde"):
        qualifier = "approx" if qualifier != "range" else qualifier
    if qualifier == "exact" and not m.group("range") and m.group("plus1"):
        qualifier = "at_least"
    after = m.group("after")
    if after and qualifier == "exact":
        qualifier = rules["qual_after"].get(" ".join(after.lower().split()), "exact")
    elif after:
        end = m.start("after")
        while end > start and text[end - 1].isspace():
            end -= 1
    if m.group("opener") and qualifier != "range":
        start = max(start, m.start("opener") + len(m.group("opener")))
    mn = lo if qualifier == "range" else (value if qualifier == "at_least" else None)
    mx = hi if qualifier == "range" else (value if qualifier == "up_to" else None)
    return AmountMention(start, end, text[start:end], value, currency, qualifier, mn, mx)


def _preceding_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)\W*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=1)
def _percent_re() -> re.Pattern[str]:
    splits = _alternation(load_json("money.json")["split_nouns"])  # '50-50 split', '60/40 share'
    return re.compile(
        rf"(?<![\w.])(?P<num>{NUMBER})(?:\s?(?:%|percent\b|per\s?cent\b|percentage points?\b))"
        rf"|(?<![\w.])(?P<a>\d{{1,2}})[-/](?P<b>\d{{1,2}})\s+(?:{splits})\b",
        re.I,
    )


def find_percentages(text: str) -> list[PercentMention]:
    """Percentages in `text` ("15%", "15 per cent", "51-49" splits summing to 100), in order, with spans and values."""
    out: list[PercentMention] = []
    for m in _percent_re().finditer(text):
        if m.group("num"):
            value = _number(m.group("num"))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            if a + b != 100:
                continue
            value = Decimal(a)
        out.append(PercentMention(m.start(), m.end(), m.group(0), value))
    return out
