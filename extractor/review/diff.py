"""Compare two output folders record by record, item by item, by meaning rather than by line.

Items are paired the way a reviewer would pair them: amounts, percentages and deadlines by where
they sit in the text (span start) and then by their text; commitments by their amount's span,
then its text; companies by name, countries by code, sectors by label; warnings as strings.
A paired item is `changed` when one of the attributes that carry its meaning differs (a moved
span alone is not a change); unpaired items are `added` or `removed`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Optional

from extractor.review import path_key
from extractor.review.pairing import _same, match

FIELD_ORDER = (
    "document",
    "countries",
    "amounts",
    "percentages",
    "companies",
    "deadlines",
    "sectors",
    "commitments",
    "warnings",
)
OPS = ("changed", "removed", "added")
SIGN = {"added": "+", "removed": "-", "changed": "~"}
SINGULAR = {
    "countries": "country",
    "amounts": "amount",
    "percentages": "percentage",
    "companies": "company",
    "deadlines": "deadline",
    "sectors": "sector",
    "commitments": "commitment",
    "warnings": "warning",
}
DOCUMENT_ATTRS = ("title", "published", "reference_date")
#: Attributes compared as sets (their order follows the text and carries no meaning of its own).


@dataclass
class Attr:
    name: str
    old: Any
    new: Any


@dataclass
class ItemChange:
    field: str  # one of FIELD_ORDER
    op: str  # added | removed | changed
    kind: str  # amount, company, ... (singular, for the text output)
    label: str  # what the item is: the amount's text, the company's name, ...
    position: int  # where it sits (span start), for ordering
    # dataclasses.field in full: to mypy the attribute `field` above shadows the bare name in this class body
    attrs: list[Attr] = dataclasses.field(default_factory=list)  # for `changed`
    item: Any = None  # the whole old (removed) or new (added) item


@dataclass
class DocumentDiff:
    name: str
    status: str  # added | removed | changed
    changes: list[ItemChange] = field(default_factory=list)
    record: Optional[dict] = None  # the added or removed record


@dataclass
class FolderDiff:
    documents: list[DocumentDiff]
    compared: int  # documents present in both folders

    @property
    def identical(self) -> bool:
        return not self.documents

    def counts(self) -> dict[str, dict[str, int]]:
        docs = Counter(d.status for d in self.documents)
        items = Counter(c.op for d in self.documents for c in d.changes)
        return {
            "documents": {
                "changed": docs["changed"],
                "added": docs["added"],
                "removed": docs["removed"],
                "unchanged": self.compared - docs["changed"],
            },
            "items": {"added": items["added"], "removed": items["removed"], "changed": items["changed"]},
        }

    def summary_line(self) -> str:
        if self.identical:
            n = self.compared
            return f"no differences ({n} document{'' if n == 1 else 's'} compared)"
        c = self.counts()
        d, i = c["documents"], c["items"]
        return (
            f"{d['changed']} document{'' if d['changed'] == 1 else 's'} changed, {d['added']} added, "
            f"{d['removed']} removed; {i['added']} item{'' if i['added'] == 1 else 's'} added, "
            f"{i['removed']} removed, {i['changed']} changed"
        )


# --- comparing -------------------------------------------------------------------------------


def diff_folders(old: dict[str, dict], new: dict[str, dict]) -> FolderDiff:
    """Compare two {name: record} maps (as `load_records` gives them)."""
    docs: list[DocumentDiff] = []
    compared = 0
    for name in sorted(set(old) | set(new), key=path_key):
        if name not in new:
            docs.append(DocumentDiff(name, "removed", record=old[name]))
        elif name not in old:
            docs.append(DocumentDiff(name, "added", record=new[name]))
        else:
            compared += 1
            changes = diff_records(old[name], new[name])
            if changes:
                docs.append(DocumentDiff(name, "changed", changes))
    return FolderDiff(docs, compared)


def diff_records(old: dict, new: dict) -> list[ItemChange]:
    """Every item change between two records of the same document, in a fixed order."""
    changes: list[ItemChange] = []
    changes += _diff_document(old.get("document") or {}, new.get("document") or {})
    for fname, spec in _SPECS.items():
        changes += _diff_items(fname, spec, _list(old, fname), _list(new, fname))
    changes += _diff_warnings(_list(old, "warnings"), _list(new, "warnings"))
    order = {f: i for i, f in enumerate(FIELD_ORDER)}
    changes.sort(key=lambda c: (order[c.field], c.position, OPS.index(c.op), c.label))
    return changes


def _list(record: dict, name: str) -> list:
    value = record.get(name)
    return value if isinstance(value, list) else []


def _diff_document(old: dict, new: dict) -> list[ItemChange]:
    attrs = [Attr(a, old.get(a), new.get(a)) for a in DOCUMENT_ATTRS if not _same(a, old.get(a), new.get(a))]
    if not attrs:
        return []
    return [ItemChange("document", "changed", "document", "", -1, attrs)]


def _diff_warnings(old: list, new: list) -> list[ItemChange]:
    removed = Counter(map(str, old)) - Counter(map(str, new))
    added = Counter(map(str, new)) - Counter(map(str, old))
    out = []
    for op, counter in (("removed", removed), ("added", added)):
        for text in sorted(counter.elements()):
            out.append(ItemChange("warnings", op, "warning", text, 0, item=text))
    return out


@dataclass(frozen=True)
class _Spec:
    kind: str
    label: Callable[[dict], str]
    keys: tuple[Callable[[dict], Any], ...]  # pairing passes, tried in order
    project: Callable[[dict], dict]  # the attributes that carry the item's meaning
    position: Callable[[dict], int]


def _start(item: dict) -> Optional[int]:
    span = item.get("span")
    if isinstance(span, (list, tuple)) and span and isinstance(span[0], int):
        return span[0]
    return None


def _position(item: dict) -> int:
    """The span start, 0 for an item without a span."""
    start = _start(item)
    return start if start is not None else 0


def _first_mention(item: dict) -> int:
    mentions = item.get("mentions") or []
    starts = [m[0] for m in mentions if isinstance(m, (list, tuple)) and m and isinstance(m[0], int)]
    return min(starts) if starts else 0


def _amount_of(c: dict) -> dict:
    a = c.get("amount")
    return a if isinstance(a, dict) else {}


def _pick(*names: str) -> Callable[[dict], dict]:
    return lambda item: {n: item.get(n) for n in names}


def _spanned(kind: str, text: Callable[[dict], Any], project: Callable[[dict], dict]) -> _Spec:
    return _Spec(
        kind=kind,
        label=lambda i: str(text(i)),
        keys=(lambda i: (_start(i), text(i)) if _start(i) is not None else None, _start, text),
        project=project,
        position=_position,
    )


def _commitment_attrs(c: dict) -> dict:
    a = _amount_of(c)
    return {
        "amount": a.get("text"),
        "value": a.get("value"),
        "currency": a.get("currency"),
        "qualifier": a.get("qualifier"),
        "companies": c.get("companies"),
        "countries": c.get("countries"),
        "sectors": c.get("sectors"),
        "deadline": c.get("deadline"),
        "deadline_text": c.get("deadline_text"),
    }


_SPECS: dict[str, _Spec] = {
    "countries": _Spec(
        "country",
        lambda i: f"{i.get('code')} ({i.get('name')})",
        (lambda i: i.get("code"),),
        lambda i: {"name": i.get("name"), "mentions": len(i.get("mentions") or [])},
        _first_mention,
    ),
    "amounts": _spanned(
        "amount", lambda i: i.get("text"), _pick("text", "value", "currency", "qualifier", "min", "max")
    ),
    "percentages": _spanned("percentage", lambda i: i.get("text"), _pick("text", "value")),
    "companies": _Spec(
        "company",
        lambda i: str(i.get("name")),
        (lambda i: i.get("name"),),
        lambda i: {"mentions": len(i.get("mentions") or [])},
        _first_mention,
    ),
    "deadlines": _spanned("deadline", lambda i: i.get("text"), _pick("text", "kind", "date", "duration")),
    "sectors": _Spec(
        "sector",
        lambda i: str(i.get("sector")),
        (lambda i: i.get("sector"),),
        lambda i: {"evidence": i.get("evidence"), "mentions": len(i.get("mentions") or [])},
        _first_mention,
    ),
    "commitments": _spanned("commitment", lambda i: _amount_of(i).get("text"), _commitment_attrs),
}


def _diff_items(fname: str, spec: _Spec, old: list, new: list) -> list[ItemChange]:
    old = [o for o in old if isinstance(o, dict)]
    new = [n for n in new if isinstance(n, dict)]
    pairs, removed, added = match(old, new, spec.keys)
    out: list[ItemChange] = []
    for i, j in pairs:
        po, pn = spec.project(old[i]), spec.project(new[j])
        attrs = [Attr(k, po[k], pn[k]) for k in po if not _same(k, po[k], pn[k])]
        if attrs:
            out.append(ItemChange(fname, "changed", spec.kind, spec.label(old[i]), spec.position(new[j]), attrs))
    for i in removed:
        out.append(ItemChange(fname, "removed", spec.kind, spec.label(old[i]), spec.position(old[i]), item=old[i]))
    for j in added:
        out.append(ItemChange(fname, "added", spec.kind, spec.label(new[j]), spec.position(new[j]), item=new[j]))
    return out


# The report side lives in diff_report.py; these names stay importable from here.
from extractor.review.diff_report import describe_attr, describe_change, fmt_value, format_text, to_json  # noqa: E402
from extractor.review.numbers import plain_number  # noqa: E402

__all__ = [
    "diff_folders",
    "diff_records",
    "match",
    "FolderDiff",
    "DocumentDiff",
    "ItemChange",
    "Attr",
    "describe_attr",
    "describe_change",
    "fmt_value",
    "format_text",
    "to_json",
    "plain_number",
]
