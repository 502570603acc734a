"""Aliases: the kept candidates merged into one entity per company, with every mention.

Variants of one name merge: legal tails ('Toyota Motor Corp.' / 'Toyota Motor'), a short
name that starts a longer one with only corporate words after it ('SoftBank' / 'SoftBank
Group'), an acronym defined in parentheses or spelling the initials ('KOGAS', 'AMD'), and
names the knowledge base gives to one firm ('Toyota' / 'Toyota Motor Corporation').
"""

from __future__ import annotations

import re

from extractor.extract.companies.candidates import Candidate, words
from extractor.extract.companies.kb import KnowledgeBase, KnownCompany
from extractor.extract.companies.rules import company_rules
from extractor.extract.mentions import CompanyEntity
from extractor.resources import alternation as alt
from extractor.resources import load_json

# A capitalized word after a name makes it part of a longer name, unless it is a corporate word.
_NOT_SUFFIX_CAPITAL = rf"[ \t]+(?!(?:{alt(load_json('organizations.json')['words_after_mention'])})\b)[A-Z][a-z]"
Key = tuple[str, ...]


def key(name: str) -> Key:
    ws = words(name)
    rules = company_rules()
    while len(ws) > 1 and ws[-1] in rules.legal_suffixes:
        ws.pop()
    while len(ws) > 1 and ws[0] in rules.legal_prefixes:  # 'PT Vale Indonesia' is 'Vale Indonesia'
        ws.pop(0)
    return tuple(w.replace("’", "'") for w in ws)


class _Groups:
    """Union-find over name keys: each group's root is its first-named key, so links in any order
    (KB, prefix, acronym) can never form a cycle."""

    def __init__(self, order: list[Key]):
        self.rank = {k: i for i, k in enumerate(order)}
        self.up: dict[Key, Key] = {}

    def root(self, k: Key) -> Key:
        while k in self.up:
            k = self.up[k]
        return k

    def join(self, a: Key, b: Key) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=self.rank.__getitem__)
            self.up[second] = first


def _groups(text: str, order: list[Key], variants: dict[Key, list[str]], kb_of: dict[Key, KnownCompany]) -> _Groups:
    r = company_rules()
    generic = r.suffixes | r.legal_suffixes
    first_seen = {k: text.find(variants[k][0]) for k in order}
    groups = _Groups(order)
    moved: set[Key] = set()  # keys already given to a longer name or an owner

    def complete(k: Key) -> bool:  # named with its legal form ('Mitsubishi Corporation'): not a short name
        return any(words(v)[-1] in r.legal_suffixes for v in variants[k] if len(words(v)) > 1)

    # Names the knowledge base gives to one firm.
    by_firm: dict[str, Key] = {}
    for k in order:
        firm = kb_of.get(k)
        if firm is not None:
            if firm.name in by_firm:
                groups.join(by_firm[firm.name], k)
                moved.add(k)
            else:
                by_firm[firm.name] = k
    for k in order:
        if k in moved or complete(k):
            continue
        # Only generic words may follow: 'SoftBank' -> 'SoftBank Group', 'Brookfield' -> 'Brookfield Asset
        # Management', but 'Hanwha' is not 'Hanwha Ocean'.
        longer = [
            o
            for o in order
            if len(o) > len(k)
            and o[: len(k)] == k
            and (all(w in generic for w in o[len(k) :]) or " ".join(o[len(k) :]) in generic)
        ]
        if longer:
            groups.join(k, min(longer, key=lambda o: (first_seen[o], o)))
            moved.add(k)
    # An acronym in parentheses right after a name is that name: 'Korea Gas Corporation (KOGAS)'.
    for k in order:
        if k in moved:
            continue
        for v in variants[k]:
            pos = text.find(f"({v})")
            if pos < 0:
                continue
            before = text[max(0, pos - 80) : pos].rstrip()
            owner = next((o for o in order if o != k and any(before.endswith(x) for x in variants[o])), None)
            # 'OXXO (FEMSA)': a firm and, in brackets, its parent the knowledge base knows apart.
            if owner is not None and owner in kb_of and k in kb_of and kb_of[owner].name != kb_of[k].name:
                owner = None
            if owner is not None:
                groups.join(owner, k)
                moved.add(k)
                break
    # An acronym that spells a longer name's initials is that name: 'AMD', 'AWS'.
    for k in order:
        v = variants[k][0]
        if k in moved or len(k) != 1 or not re.fullmatch(r"[A-Z]{2,6}", v):
            continue
        for o in order:
            ws = [
                w for w in variants[o][0].split() if w[:1].isupper() and w.rstrip(".,").lower() not in r.legal_suffixes
            ]
            if o != k and len(ws) >= 2 and "".join(w[0] for w in ws) == v:
                groups.join(o, k)
                moved.add(k)
                break
    return groups


def merge(text: str, accepted: list[Candidate], kb: KnowledgeBase) -> list[CompanyEntity]:
    """One entity per company; the longest variant names it; every occurrence of any variant is a mention."""
    variants: dict[Key, list[str]] = {}
    order: list[Key] = []
    for c in accepted:
        k = key(c.text)
        if k not in variants:
            variants[k] = []
            order.append(k)
        if c.text not in variants[k]:
            variants[k].append(c.text)
    kb_of = {k: firm for k in order if (firm := kb.lookup(variants[k][0])) is not None}
    groups = _groups(text, order, variants, kb_of)
    names: dict[Key, list[str]] = {}
    for k in order:
        names.setdefault(groups.root(k), []).extend(variants[k])
    taken = bytearray(len(text) + 1)  # characters already inside a (longer) mention
    mentions: dict[Key, list[tuple[int, int]]] = {root: [] for root in names}
    root_of = {v: root for root, vs in names.items() for v in vs}
    for c in accepted:  # a kept candidate is a mention, whatever follows it ('SK Group Chairman ...')
        if not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            mentions[root_of[c.text]].append((c.start, c.end))
    # The other names the knowledge base gives a kept firm are its mentions too ('(AWS)' after
    # 'Amazon Web Services'); a name the document gave another entity keeps that owner.
    for root, vs in names.items():
        firm = next((kb_of[k] for k in [root, *(key(v) for v in vs)] if k in kb_of), None)
        for alias in (firm.name, *firm.aliases) if firm else ():
            root_of.setdefault(alias, root)
    all_variants = sorted(root_of.items(), key=lambda x: (-len(x[0]), x[0]))
    for v, root in all_variants:
        # Not inside a longer name: 'Hanwha' in 'Hanwha Ocean' is not a mention of 'Hanwha Group'.
        for m in re.finditer(rf"(?<![\w&-]){re.escape(v)}(?![\w&]|-[A-Za-z]|{_NOT_SUFFIX_CAPITAL})", text):
            span = (m.start(), m.end())
            if any(taken[span[0] : span[1]]):
                continue
            taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
            mentions[root].append(span)
    entities = []
    for root, vs in names.items():
        spans = sorted(mentions[root])
        if not spans:
            continue
        full = max(vs, key=lambda v: (len(words(v)), -text.find(v)))
        firm = next((kb_of[k] for k in [root, *(key(v) for v in vs)] if k in kb_of), None)
        entities.append(
            CompanyEntity(full, spans, canonical=firm.name if firm else None, country=firm.country if firm else None)
        )
    return sorted(entities, key=lambda e: e.mentions[0])
