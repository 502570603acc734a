"""An exact, indexed stand-in for the matching step of spaCy's AttributeRuler.

spaCy's AttributeRuler finds where its patterns apply with a Matcher, which tries every pattern at
every token: the English model's ~180 patterns (its tag map and exceptions) made that step about
12% of the whole spaCy stage. Its patterns are short fixed sequences of tokens whose conditions are
equality, `IN`, `NOT_IN` or `REGEX` tests on a few token attributes, so here each pattern is filed
under one of its equality or `IN` conditions (its anchor) and is tried only where a token carries an
anchor value: one dictionary lookup per token and attribute. A pattern with no such condition is
anchored on a regex, whose result is kept per attribute value. A pattern with anything else (an
operator, another attribute) stays with a spaCy Matcher of its own. The
matches are the Matcher's, the same list in the same order (tests/test_attribute_match.py compares
them), and the ruler's own `set_annotations` applies them, so every tag, POS, morph and lemma is what
spaCy would set.
"""

from __future__ import annotations

import re
from typing import Any

# Token attributes a pattern may test and still be indexed, by their names in patterns; each is
# compared by its string's hash (IS_SPACE as 0/1), as spaCy's Matcher compares them.
INDEXED_ATTRS = ("TAG", "LOWER", "ORTH", "DEP", "IS_SPACE")

# A condition on one token of a pattern: (position in the pattern, column, kind, operand), where kind
# is "in" (operand: allowed values), "not_in" (operand: excluded values) or "regex" (a compiled regex
# searched in the attribute's string, as spaCy's REGEX predicate does).
Condition = tuple[int, int, str, Any]
# A pattern filed under its anchor: (attr index, match id, anchor position, length, other conditions).
Entry = tuple[int, int, int, int, list[Condition]]


class IndexedAttributeMatch:
    """`ruler.match` for an AttributeRuler `ruler`: the (attr index, match id, start, end) list, sorted
    as AttributeRuler.match sorts it. Install with `install(ruler)`."""

    def __init__(self, ruler: Any) -> None:
        import spacy.attrs
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self.columns = [getattr(spacy.attrs, name) for name in INDEXED_ATTRS]
        self.by_value: list[dict[int, list[Entry]]] = [{} for _ in INDEXED_ATTRS]
        self.scanned: list[tuple[Condition, Entry, dict[int, bool]]] = []  # regex anchors, with their results
        self.rest = Matcher(ruler.vocab)
        for i, entry in enumerate(ruler.patterns):
            key = str(i)
            for pattern in entry["patterns"]:
                conditions = _conditions(pattern, strings)
                anchor = next((c for kind in ("in", "regex") for c in conditions or () if c[2] == kind), None)
                if conditions is None or anchor is None:
                    self.rest.add(key, [pattern])
                    continue
                others = [c for c in conditions if c is not anchor]
                position, column, kind, values = anchor
                if kind == "regex":
                    self.scanned.append((anchor, (i, strings[key], position, len(pattern), others), {}))
                    continue
                for value in values:
                    self.by_value[column].setdefault(value, []).append(
                        (i, strings[key], position, len(pattern), others)
                    )
        self.used = [(c, table) for c, table in enumerate(self.by_value) if table]

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        matches: list[tuple[int, int, int, int]] = []
        strings = doc.vocab.strings
        n = len(doc)
        rows = doc.to_array(self.columns).tolist() if n else []
        for g, row in enumerate(rows):
            for column, table in self.used:
                for i, match_id, position, length, others in table.get(row[column], ()):
                    start = g - position
                    if start >= 0 and start + length <= n and _holds(others, rows, start, strings):
                        matches.append((i, match_id, start, start + length))
            for (_, column, _, regex), (i, match_id, position, length, others), seen in self.scanned:
                value = row[column]
                found = seen.get(value)
                if found is None:
                    found = seen[value] = bool(regex.search(strings[value]))
                start = g - position
                if found and start >= 0 and start + length <= n and _holds(others, rows, start, strings):
                    matches.append((i, match_id, start, start + length))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                matches.append((int(strings[match_id]), match_id, start, end))
        matches.sort()
        return matches


def _holds(conditions: list[Condition], rows: list[list[int]], start: int, strings: Any) -> bool:
    for position, column, kind, operand in conditions:
        value = rows[start + position][column]
        if kind == "in":
            if value not in operand:
                return False
        elif kind == "not_in":
            if value in operand:
                return False
        elif not operand.search(strings[value]):
            return False
    return True


def _conditions(pattern: list, strings: Any) -> list[Condition] | None:
    """Every condition of `pattern`, or None when it has anything this index does not evaluate the
    way spaCy's Matcher does (an operator, an attribute not indexed, another predicate)."""
    conditions: list[Condition] = []
    for position, token in enumerate(pattern):
        for name, spec in token.items():
            upper = name.upper()
            if upper not in INDEXED_ATTRS:
                return None
            column = INDEXED_ATTRS.index(upper)
            if isinstance(spec, dict):
                if len(spec) != 1:
                    return None
                ((kind, operand),) = spec.items()
                if kind == "REGEX" and isinstance(operand, str) and upper != "IS_SPACE":
                    conditions.append((position, column, "regex", re.compile(operand)))
                    continue
                if kind not in ("IN", "NOT_IN") or not isinstance(operand, list):
                    return None
                options, kind = operand, kind.lower()
            else:
                options, kind = [spec], "in"
            values = {_value(upper, option, strings) for option in options}
            if None in values:
                return None
            conditions.append((position, column, kind, frozenset(values)))
    return conditions


def _value(attr: str, option: Any, strings: Any) -> int | None:
    if attr == "IS_SPACE":
        return int(option) if isinstance(option, bool) else None
    return strings[option] if isinstance(option, str) else None


def install(ruler: Any) -> None:
    """Have `ruler` (a spaCy AttributeRuler) find its matches with an IndexedAttributeMatch. Its own
    __call__ and set_annotations run as before; only the search for where patterns apply is indexed."""
    ruler.match = IndexedAttributeMatch(ruler)
