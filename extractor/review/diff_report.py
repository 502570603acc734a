"""The diff of two output folders as a reviewer reads it: one text line per change, or JSON.

extractor/review/diff.py pairs the items; this module only writes them out. Numbers are printed
by `plain_number` (extractor/review/numbers.py), the one formatter the review tools share.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Optional

from extractor.review.diff import FIELD_ORDER, SIGN, SINGULAR, Attr, FolderDiff, ItemChange, _amount_of, _list
from extractor.review.numbers import plain_number
from extractor.review.pairing import SET_ATTRS, _key_str


def fmt_value(v) -> str:
    """A value as the text report shows it: numbers in plain digits, null, strings quoted only when needed."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return plain_number(v)
    if isinstance(v, str):
        if not v or v != v.strip() or any(c in v for c in ' ,"\n\t') or v in ("null", "->"):
            return json.dumps(v, ensure_ascii=False)
        return v
    if isinstance(v, list):
        return "[" + ", ".join(fmt_value(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def describe_attr(a: Attr) -> str:
    if a.name in SET_ATTRS and isinstance(a.old, list) and isinstance(a.new, list):
        gone = Counter(map(_key_str, a.old)) - Counter(map(_key_str, a.new))
        came = Counter(map(_key_str, a.new)) - Counter(map(_key_str, a.old))
        parts = [f"+{fmt_value(json.loads(x))}" for x in _in_order(a.new, came)]
        parts += [f"-{fmt_value(json.loads(x))}" for x in _in_order(a.old, gone)]
        return f"{a.name} " + ", ".join(parts)
    return f"{a.name} {fmt_value(a.old)} -> {fmt_value(a.new)}"


def _in_order(values: list, wanted: Counter) -> list[str]:
    wanted = Counter(wanted)
    out = []
    for v in values:
        k = _key_str(v)
        if wanted[k] > 0:
            wanted[k] -= 1
            out.append(k)
    return out


def describe_change(c: ItemChange) -> str:
    sign = SIGN[c.op]
    if c.field == "document":
        return f"{sign} document: " + ", ".join(describe_attr(a) for a in c.attrs)
    if c.field == "warnings":
        return f"{sign} warning {fmt_value(c.label)}"
    head = f"{sign} {c.kind} {' '.join(c.label.split())}"
    if c.op == "changed":
        return f"{head}: " + ", ".join(describe_attr(a) for a in c.attrs)
    return f"{head} ({_brief(c.field, c.item)})"


def _brief(fname: str, item: dict) -> str:
    if fname == "amounts":
        return f"{fmt_value(item.get('value'))} {item.get('currency')}, {item.get('qualifier')}"
    if fname == "percentages":
        return f"{fmt_value(item.get('value'))}"
    if fname in ("companies", "countries", "sectors"):
        n = len(item.get("mentions") or [])
        return f"{n} mention{'' if n == 1 else 's'}"
    if fname == "deadlines":
        bits = [str(item.get("kind"))] + [str(item[k]) for k in ("date", "duration") if item.get(k)]
        return ", ".join(bits)
    if fname == "commitments":
        a = _amount_of(item)
        bits = [f"{fmt_value(a.get('value'))} {a.get('currency')}"]
        if item.get("companies"):
            bits.append("companies " + fmt_value(item["companies"]))
        if item.get("deadline"):
            bits.append(f"deadline {item['deadline']}")
        return ", ".join(bits)
    return ""


def _record_counts(record: Optional[dict]) -> str:
    if not record:
        return ""
    parts = []
    for fname in FIELD_ORDER[1:]:
        n = len(_list(record, fname))
        if n:
            parts.append(f"{n} {fname if n != 1 else SINGULAR[fname]}")
    return " (" + ", ".join(parts) + ")" if parts else ""


def format_text(result: FolderDiff) -> str:
    lines: list[str] = []
    for d in result.documents:
        if d.status == "changed":
            lines.append(f"{d.name}: changed")
            lines.extend(f"  {describe_change(c)}" for c in d.changes)
        else:
            lines.append(f"{d.name}: {d.status}{_record_counts(d.record)}")
    if lines:
        lines.append("")
    lines.append(result.summary_line())
    return "\n".join(lines) + "\n"


def to_json(result: FolderDiff) -> dict:
    """The diff as a JSON-ready dict with a fixed key order."""
    docs = []
    for d in result.documents:
        entry: dict[str, Any] = {"document": d.name, "status": d.status}
        if d.status == "changed":
            entry["changes"] = [_change_json(c) for c in d.changes]
        docs.append(entry)
    return {
        "identical": result.identical,
        "summary": {**result.counts(), "line": result.summary_line()},
        "documents": docs,
    }


def _change_json(c: ItemChange) -> dict:
    out: dict[str, Any] = {"field": c.field, "op": c.op, "item": c.label if c.field != "document" else None}
    if c.op == "changed":
        attrs = []
        for a in c.attrs:
            entry: dict[str, Any] = {"name": a.name, "old": a.old, "new": a.new}
            if a.name in SET_ATTRS and isinstance(a.old, list) and isinstance(a.new, list):
                came = Counter(map(_key_str, a.new)) - Counter(map(_key_str, a.old))
                gone = Counter(map(_key_str, a.old)) - Counter(map(_key_str, a.new))
                entry["added"] = [json.loads(x) for x in _in_order(a.new, came)]
                entry["removed"] = [json.loads(x) for x in _in_order(a.old, gone)]
            attrs.append(entry)
        out["attributes"] = attrs
    elif c.op == "added":
        out["new"] = c.item
    else:
        out["old"] = c.item
    return out
