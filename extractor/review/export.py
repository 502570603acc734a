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
#: A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
                _cell(source),
                _cell(a.get("text")),
                _number(a.get("value")),
                _cell(a.get("currency")),
                _cell(a.get("qualifier")),
                _cell(JOIN.join(map(str, c.get("companies") or []))),
                _cell(JOIN.join(map(str, c.get("countries") or []))),
                _cell(JOIN.join(map(str, c.get("sectors") or []))),
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


def _number(v) -> str:
    """A number as plain digits (a spreadsheet reads "-5" as minus five, not a formula); anything
    else in the value column (a hand-edited record) is a text cell."""
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return plain_number(v)
    return _cell(v)


def _cell(v) -> str:
    """A text cell, neutralised as OWASP recommends against CSV injection: a cell that starts with
    =, +, -, @, a tab or a carriage return gets a leading single quote, so a spreadsheet shows it as
    text instead of running it as a formula."""
    text = "" if v is None else str(v)
    return "'" + text if text.startswith(FORMULA_START) else text


def export(records: dict[str, dict], jsonl: Path | None = None, csv_path: Path | None = None) -> dict[str, int]:
    """Write the requested files atomically; returns what was written (records, commitments)."""
    counts = {"records": len(records), "commitments": 0}
    if jsonl is not None:
        write_atomic(Path(jsonl), jsonl_text(records).encode("utf-8"))
    if csv_path is not None:
        counts["commitments"] = sum(len(r.get("commitments") or []) for r in records.values())
        write_atomic(Path(csv_path), csv_bytes(records))
    return counts
