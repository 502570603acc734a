"""`extractor collect OUT --db FILE`: every record under OUT into one SQLite database (schema.sql).

Incremental: a document is keyed by its record's name (its path under OUT without `.json`, which
is `document.source` for a folder one run wrote; unlike the source it stays unique when OUT holds
the output of several runs in subfolders); a record whose file bytes
hash as the stored `record_sha256` is skipped, a changed one has its rows deleted and written
again, and a document whose record is gone is deleted with everything it owns (ON DELETE
CASCADE). Companies, countries and deals span documents: companies and countries no row refers
to any more are dropped, and deals are recomputed from all commitments but only the rows that
differ are written. Ids are derived from the records, so a fresh collect and an incremental one
over the same OUT give the same rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import get_args

from extractor.models import Sector
from extractor.review import ReviewError, path_key
from extractor.tracker.deal_store import deal_tables
from extractor.tracker.rows import DOCUMENT_TABLES, _country_names, document_rows

SCHEMA_VERSION = "2"
SECTORS = get_args(Sector)  # the record's taxonomy, one source


@dataclass
class CollectStats:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    deals: int = 0
    failed: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged; {self.deals} deals; {self.failed} failed documents listed"
        )


def schema_sql() -> str:
    return resources.files("extractor.tracker").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(db_path) -> sqlite3.Connection:
    """The database, created if need be; one of another schema version is emptied and made anew."""
    conn = sqlite3.connect(str(db_path))
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if has_meta else None
    if version is not None and version[0] != SCHEMA_VERSION:
        for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'"
        ).fetchall():
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        conn.commit()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(schema_sql())
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    conn.executemany("INSERT OR IGNORE INTO sectors(label) VALUES (?)", [(s,) for s in SECTORS])
    conn.commit()
    return conn


def record_files(out_dir: Path) -> list[tuple[str, Path]]:
    """(record name, path) of every `.json` under OUT in path order; hidden files and folders left out."""
    found = []
    for root, dirs, files in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(root).relative_to(out_dir)
        for name in sorted(files):
            if name.endswith(".json") and not name.startswith("."):
                found.append(((rel / name).as_posix()[: -len(".json")], Path(root) / name))
    return sorted(found, key=lambda x: path_key(x[0]))


def _insert(conn: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    # countries first: a company's home country and the mentions refer to them; a code no record
    # names (a home country, a commitment's) gets its name from the country list
    codes = {r[0]: r for r in rows["countries"] if r[0] and r[1] != r[0]}
    for code in [r[0] for r in rows["countries"]] + [r[3] for r in rows["companies"]]:
        if code:
            codes.setdefault(code, (code, _country_names().get(code, code)))
    conn.executemany(
        "INSERT INTO countries(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET "
        "name = excluded.name WHERE countries.name = countries.code AND excluded.name != excluded.code",
        sorted(codes.values()),
    )
    conn.executemany(
        "INSERT INTO companies(id, name, canonical, country) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO "
        "UPDATE SET country = excluded.country WHERE companies.country IS NULL AND "
        "excluded.country IS NOT NULL",
        rows["companies"],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO sectors(label) VALUES (?)",
        [(r[2],) for r in rows["sector_mentions"]] + [(r[1],) for r in rows["commitment_sectors"]],
    )
    for table in DOCUMENT_TABLES:
        if rows[table]:
            marks = ", ".join("?" * len(rows[table][0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])


def _drop_unreferenced(conn: sqlite3.Connection) -> None:
    conn.execute(
        "DELETE FROM companies WHERE id NOT IN (SELECT company_id FROM company_mentions) "
        "AND id NOT IN (SELECT company_id FROM commitment_companies)"
    )
    conn.execute(
        "DELETE FROM countries WHERE code NOT IN (SELECT country FROM country_mentions) "
        "AND code NOT IN (SELECT country FROM commitment_countries) "
        "AND code NOT IN (SELECT country FROM companies WHERE country IS NOT NULL)"
    )


def read_errors(out_dir: Path) -> list[dict]:
    """The failed documents of the last run: OUT/.extractor/errors.jsonl, and that of every run whose
    output is a subfolder of OUT (its files named with the subfolder). Lines that do not parse are skipped."""
    out_dir = Path(out_dir)
    found = []
    for root, dirs, _ in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(root).relative_to(out_dir)
        try:
            lines = (
                (Path(root) / ".extractor" / "errors.jsonl").read_text(encoding="utf-8", errors="replace").splitlines()
            )
        except OSError:
            continue
        for line in lines:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if isinstance(e, dict) and isinstance(e.get("file"), str):
                found.append({**e, "file": (rel / e["file"]).as_posix() if rel != Path(".") else e["file"]})
    return sorted(found, key=lambda e: e["file"])


def _sync(conn: sqlite3.Connection, table: str, key: str, wanted: list[tuple]) -> None:
    """Make `table` hold exactly `wanted` (whole rows, the key first): only differing rows are written."""
    have = {r[0]: tuple(r) for r in conn.execute(f"SELECT * FROM {table}")}
    want = {r[0]: tuple(r) for r in wanted}
    gone = [(k,) for k in have if k not in want]
    conn.executemany(f"DELETE FROM {table} WHERE {key} = ?", gone)
    changed = [r for k, r in want.items() if have.get(k) != r]
    if changed:
        marks = ", ".join("?" * len(changed[0]))
        conn.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", changed)


def collect(out_dir, db_path) -> CollectStats:
    """Bring the database at `db_path` in step with the records under `out_dir`."""
    out_dir = Path(out_dir)
    stats = CollectStats()
    conn = connect(db_path)
    try:
        known = {r[0]: r[1] for r in conn.execute("SELECT id, record_sha256 FROM documents")}
        present = set()
        for name, path in record_files(out_dir):
            try:
                raw = path.read_bytes()
            except OSError as e:
                raise ReviewError(f"{path}: cannot read record: {e}") from e
            sha = hashlib.sha256(raw).hexdigest()
            if known.get(name) == sha:  # the same bytes: the same rows, not even parsed
                present.add(name)
                stats.unchanged += 1
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                raise ReviewError(f"{path}: cannot read record: {e}") from e
            if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
                continue
            present.add(name)
            if name in known:
                conn.execute("DELETE FROM documents WHERE id = ?", (name,))
                stats.updated.append(name)
            else:
                stats.added.append(name)
            _insert(conn, document_rows(name, record, sha))
        for name in sorted(set(known) - present):
            conn.execute("DELETE FROM documents WHERE id = ?", (name,))
            stats.removed.append(name)
        _drop_unreferenced(conn)
        errors = read_errors(out_dir)
        stats.failed = len(errors)
        _sync(
            conn,
            "failed_documents",
            "file",
            [(e["file"], e.get("stage"), e.get("error_type"), e.get("message")) for e in errors],
        )
        deal_rows, source_rows = deal_tables(conn)
        stats.deals = len(deal_rows)
        _sync(conn, "deal_sources", "commitment_id", source_rows)
        _sync(conn, "deals", "id", deal_rows)
        conn.commit()
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign key check failed: {problems[:5]}")
    finally:
        conn.close()
    return stats
