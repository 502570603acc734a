"""Sorted span lookup: which items overlap or lie inside a window, in O(log n + hits)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _as_span(x: Any) -> tuple[int, int]:
    return x  # items that are (start, end) pairs themselves


class SpanIndex(Generic[T]):
    """Items with a [start, end) span (`key` gives it; by default the item is the pair)."""

    def __init__(self, items: Iterable[T], key: Callable[[T], tuple[int, int]] = _as_span):
        self._items = sorted(items, key=lambda x: key(x)[0])
        self._key = key
        self._starts = [key(x)[0] for x in self._items]
        self._longest = max((key(x)[1] - key(x)[0] for x in self._items), default=0)

    def overlapping(self, lo: int, hi: int) -> list[T]:
        """Items with start < hi and end > lo, in start order."""
        i = bisect.bisect_left(self._starts, lo - self._longest)
        j = bisect.bisect_left(self._starts, hi)
        return [x for x in self._items[i:j] if self._key(x)[1] > lo]

    def within(self, lo: int, hi: int) -> list[T]:
        """Items lying entirely inside [lo, hi), in start order."""
        i = bisect.bisect_left(self._starts, lo)
        j = bisect.bisect_left(self._starts, hi)
        return [x for x in self._items[i:j] if self._key(x)[1] <= hi]

    def any_overlap(self, lo: int, hi: int) -> bool:
        return bool(self.overlapping(lo, hi))

    def __len__(self) -> int:
        return len(self._items)
