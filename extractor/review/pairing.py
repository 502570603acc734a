"""Pairing the items of two records the way a reviewer would, and telling equal values apart."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

# Attributes whose value is a set of names: compared without regard to order.
SET_ATTRS = frozenset({"companies", "countries", "sectors", "evidence"})


def match(old: list, new: list, keys: Iterable[Callable[[Any], Any]]):
    """Pair items of `old` and `new`: one pass per key function, in order; a None key never pairs.

    Within a pass, equal keys pair in order of appearance. Returns (pairs, unpaired old indexes,
    unpaired new indexes), each sorted.
    """
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))
    pairs: list[tuple[int, int]] = []
    for key in keys:
        index: dict[Any, list[int]] = {}
        for i in free_old:
            k = _hashable(key(old[i]))
            if k is not None:
                index.setdefault(k, []).append(i)
        still_new = []
        for j in free_new:
            k = _hashable(key(new[j]))
            candidates = index.get(k) if k is not None else None
            if candidates:
                pairs.append((candidates.pop(0), j))
            else:
                still_new.append(j)
        taken = {i for i, _ in pairs}
        free_old = [i for i in free_old if i not in taken]
        free_new = still_new
    return sorted(pairs), free_old, free_new


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def _same(name: str, a, b) -> bool:
    if name in SET_ATTRS and isinstance(a, list) and isinstance(b, list):
        return Counter(map(_key_str, a)) == Counter(map(_key_str, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b  # 5 and 5.0 are the same amount
    return a == b


def _key_str(v) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)
