"""Flatten an output folder: all records as JSON Lines, all commitments as one CSV table."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterable

from extractor.review.diff import plain_number
from extractor.serialize import write_atomic

CSV_COLUMNS = ("document", "amount_text", "value", "currency", "qualifier", "companies", "countries", "sectors",
               "deadline", "sentence")
JOIN = "; "


def jsonl_text(records: dict[str, dict]) -> str:
    """One record per line, in the order given (load_records gives path order), UTF-8 text, "\\n" after each."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records.values())


def commitment_rows(records: dict[str, dict]) -> Iterable[list[str]]:
    """One row per commitment (CSV_COLUMNS), records in the order given, commitments in record order."""
    for name, record in records.items():
        doc = record.get("document") or {}
        source = doc.get("source") or name
        for c in record.get("commitments") or []:
            a = c.get("amount") or {}
            yield [
                str(source),
                _cell(a.get("text")),
                "" if a.get("value") is None else plain_number(a.get("value")),
                _cell(a.get("currency")),
                _cell(a.get("qualifier")),
                JOIN.join(map(str, c.get("companies") or [])),
                JOIN.join(map(str, c.get("countries") or [])),
                JOIN.join(map(str, c.get("sectors") or [])),
                _cell(c.get("deadline")),
                _cell(c.get("sentence")),
            ]


def csv_bytes(records: dict[str, dict]) -> bytes:
    """The commitments table: header row, RFC 4180 quoting ("\\r\\n" rows), UTF-8 with a BOM for Excel."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(commitment_rows(records))
    return buf.getvalue().encode("utf-8-sig")


def _cell(v) -> str:
    return "" if v is None else str(v)


def export(records: dict[str, dict], jsonl: Path | None = None, csv_path: Path | None = None) -> dict[str, int]:
    """Write the requested files atomically; returns what was written (records, commitments)."""
    counts = {"records": len(records), "commitments": 0}
    if jsonl is not None:
        write_atomic(Path(jsonl), jsonl_text(records).encode("utf-8"))
    if csv_path is not None:
        counts["commitments"] = sum(len(r.get("commitments") or []) for r in records.values())
        write_atomic(Path(csv_path), csv_bytes(records))
    return counts
