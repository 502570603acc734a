"""Flatten an output folder: all records as JSON Lines, all commitments as one CSV table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from extractor.review.numbers import plain_number
from extractor.serialize import write_atomic

CSV_COLUMNS = (
    "document",
    "title",
    "amount_text",
    "value",
    "currency",
    "qualifier",
    "min",
    "max",
    "is_total",
    "part_of",
    "companies",
    "canonical_companies",
    "countries",
    "sectors",
    "deadline",
    "deadline_text",
    "page",
    "sentence",
)
JOIN = "; "
#: A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonl_text(records: dict[str, dict]) -> str:
    """One record per line, in the order given (load_records gives path order), UTF-8 text, "\\n" after each."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records.values())


def commitment_rows(records: dict[str, dict]) -> Iterable[list[str]]:
    """One row per commitment (CSV_COLUMNS), records in the order given, commitments in record order.

    min and max come from the amount at the commitment's span; part_of is the index (0-based, as in
    the record) of the total this commitment is a part of; canonical_companies holds the knowledge
    base's name of each company where it knows the firm, else the name as written."""
    for name, record in records.items():
        doc = record.get("document") or {}
        source = doc.get("source") or name
        amounts = {
            tuple(a["span"]): a
            for a in record.get("amounts") or []
            if isinstance(a, dict) and isinstance(a.get("span"), list)
        }
        canonical = {
            c.get("name"): c.get("canonical") or c.get("name")
            for c in record.get("companies") or []
            if isinstance(c, dict)
        }
        for c in record.get("commitments") or []:
            a = c.get("amount") or {}
            whole = amounts.get(tuple(c.get("span") or ()), {})
            companies = [str(n) for n in c.get("companies") or []]
            yield [
                _cell(source),
                _cell(doc.get("title")),
                _cell(a.get("text")),
                _number(a.get("value")),
                _cell(a.get("currency")),
                _cell(a.get("qualifier")),
                _number(whole.get("min")),
                _number(whole.get("max")),
                "true" if c.get("is_total") else "false",
                _number(c.get("part_of")),
                _cell(JOIN.join(companies)),
                _cell(JOIN.join(dict.fromkeys(str(canonical.get(n) or n) for n in companies))),
                _cell(JOIN.join(map(str, c.get("countries") or []))),
                _cell(JOIN.join(map(str, c.get("sectors") or []))),
                _cell(c.get("deadline")),
                _cell(c.get("deadline_text")),
                _number(c.get("page")),
                _cell(c.get("sentence")),
            ]


def csv_bytes(records: dict[str, dict], bom: bool = True) -> bytes:
    """The commitments table: header row, RFC 4180 quoting ("\\r\\n" rows), UTF-8 with a BOM for Excel
    (none with `bom=False`, for standard output)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(commitment_rows(records))
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


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


STDOUT = "-"


class ExportError(Exception):
    """A file that cannot be written where it was asked for (its folder is missing)."""


def export(
    records: dict[str, dict], jsonl: Path | str | None = None, csv_path: Path | str | None = None, stdout=None
) -> dict[str, int]:
    """Write the requested files atomically, or to `stdout` (a binary stream) for "-"; returns what
    was written (records, commitments). A folder that does not exist is an error, not created."""
    if str(jsonl) == STDOUT and str(csv_path) == STDOUT:
        raise ExportError("--jsonl and --csv cannot both go to standard output")
    for target in (jsonl, csv_path):
        if target is not None and str(target) != STDOUT and not Path(target).parent.is_dir():
            raise ExportError(f"{target}: folder {Path(target).parent} does not exist")
    counts = {"records": len(records), "commitments": 0}
    if jsonl is not None:
        _write(jsonl, jsonl_text(records).encode("utf-8"), stdout)
    if csv_path is not None:
        counts["commitments"] = sum(len(r.get("commitments") or []) for r in records.values())
        _write(csv_path, csv_bytes(records, bom=str(csv_path) != STDOUT), stdout)
    return counts


def _write(target, data: bytes, stdout) -> None:
    if str(target) == STDOUT:
        stdout.write(data)
        stdout.flush()
    else:
        write_atomic(Path(target), data)
