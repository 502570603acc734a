"""`extractor collect`: the corpus and ../shared/eval/real in SQLite, row counts against the records,
foreign keys, incremental updates that touch only what changed, and the same rows however reached."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.review import load_records
from extractor.tracker.collect import DOCUMENT_TABLES, collect

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "eval" / "real" / "docs"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """The corpus and the real documents extracted into one OUT (a subfolder each)."""
    base = tmp_path_factory.mktemp("collect")
    out = base / "out"
    for name, src in (("corpus", ROOT / "corpus" / "documents"), ("real", REAL)):
        if not src.is_dir():
            pytest.skip(f"{src} missing")
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "extractor",
                "extract",
                str(src),
                str(out / name),
                "-q",
                "-j",
                "2",
                "--timeout",
                "60",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert r.returncode in (0, 1), r.stderr
    return out


def dump(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    got = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    conn.close()
    return got


def test_counts_match_the_records(out, tmp_path):
    db = tmp_path / "deals.sqlite"
    r = CliRunner().invoke(cli, ["collect", str(out), "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    records = load_records(out)
    conn = sqlite3.connect(db)
    count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    failed = conn.execute("SELECT file FROM failed_documents").fetchall()
    inputs = sum(
        json.loads((out / sub / ".extractor" / "manifest.json").read_text())["counts"]["inputs"]
        for sub in ("corpus", "real")
    )
    assert inputs >= 21 + 16
    assert count("SELECT count(*) FROM documents") == len(records) == inputs - len(failed)
    assert all(f.startswith(("corpus/", "real/")) for (f,) in failed)
    for table, field in (
        ("amounts", "amounts"),
        ("deadlines", "deadlines"),
        ("sector_mentions", "sectors"),
        ("country_mentions", "countries"),
        ("commitments", "commitments"),
    ):
        assert count(f"SELECT count(*) FROM {table}") == sum(len(r[field]) for r in records.values()), table
    assert count("SELECT count(*) FROM company_mentions") == sum(
        len(c["mentions"]) for r in records.values() for c in r["companies"]
    )
    assert count("SELECT count(*) FROM commitment_companies") == sum(
        len(set(c["companies"])) for r in records.values() for c in r["commitments"]
    )
    assert count("SELECT count(*) FROM deal_sources") == count("SELECT count(*) FROM commitments")
    assert count("SELECT sum(sources) FROM deals") == count("SELECT count(*) FROM commitments")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # canonical names and home countries from the knowledge base; evidence on every row
    row = conn.execute("SELECT name, canonical, country FROM companies WHERE id = 'SoftBank Group'").fetchone()
    assert row == ("SoftBank Group", "SoftBank Group", "JPN")
    assert count("SELECT count(*) FROM amounts WHERE span_start IS NULL OR sentence IS NULL") == 0
    assert count("SELECT count(*) FROM amounts WHERE page IS NOT NULL") > 0  # the PDFs
    # totals and parts linked inside a document, roles kept
    assert count("SELECT count(*) FROM commitments WHERE part_of IS NOT NULL") > 0
    assert count("SELECT count(*) FROM commitment_companies WHERE role IS NOT NULL") > 0
    # a deal several documents report
    assert count("SELECT max(sources) FROM deals") >= 3
    # readable: every table and column has a name a person can read in schema.sql
    assert {"documents", "companies", "deals", "deal_sources", "failed_documents"} <= set(dump(db))


def _touch_log(db: Path) -> None:
    """Triggers that log every row written, with the document it belongs to."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE touched (tbl TEXT, op TEXT, doc TEXT)")
    for table in (*DOCUMENT_TABLES, "companies", "countries", "deals", "deal_sources", "failed_documents"):
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        key = (
            "id"
            if table == "documents"
            else "document_id"
            if "document_id" in cols
            else "commitment_id"
            if "commitment_id" in cols
            else "id"
            if "id" in cols
            else "file"
            if "file" in cols
            else "code"
        )
        for op, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            conn.execute(
                f"CREATE TRIGGER log_{table}_{op} AFTER {op} ON {table} BEGIN "
                f"INSERT INTO touched VALUES ('{table}', '{op}', {ref}.{key}); END"
            )
    conn.commit()
    conn.close()


def _touched(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT DISTINCT tbl, op, doc FROM touched ORDER BY 1, 2, 3").fetchall()
    conn.execute("DELETE FROM touched")
    conn.commit()
    conn.close()
    return rows


def test_recollect_touches_only_what_changed(out, tmp_path):
    work = tmp_path / "out"
    shutil.copytree(out, work)
    db = tmp_path / "deals.sqlite"
    first = collect(work, db)
    n = len(first.added)
    assert n >= 30 and first.unchanged == 0 and n == len(load_records(work))
    _touch_log(db)

    again = collect(work, db)
    assert again.unchanged == n and not (again.added or again.updated or again.removed)
    assert _touched(db) == []

    name = "corpus/10-uk-us-tech-prosperity-deal.txt"
    path = work / f"{name}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["commitments"][0]["sentence"] = "An edited sentence."
    record["warnings"].append("edited by the test")
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    stats = collect(work, db)
    assert stats.updated == [name] and stats.unchanged == n - 1
    touched = _touched(db)
    per_document = [t for t in touched if t[0] in DOCUMENT_TABLES]
    assert per_document and {t[2].split("#")[0] for t in per_document} == {name}, per_document
    others = [t for t in touched if t[0] not in DOCUMENT_TABLES]
    # deal rows are recomputed, but only those of the changed document's commitments are rewritten
    assert all(t[2].startswith(name) or t[0] == "deals" for t in others), others

    # the same OUT gives the same rows as a fresh collect
    fresh = tmp_path / "fresh.sqlite"
    collect(work, fresh)
    got, want = dump(db), dump(fresh)
    got.pop("touched")
    assert got == want

    # a pruned record drops its rows; a failed document is listed
    path.unlink()
    (work / "corpus" / ".extractor" / "errors.jsonl").write_text(
        '{"file": "bad.pdf", "stage": "read", "error_type": "corrupt", "message": "not a PDF"}\n'
    )
    stats = collect(work / "corpus", tmp_path / "corpus.sqlite")
    assert stats.failed == 1
    stats = collect(work, db)
    assert stats.removed == [name]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM commitments WHERE document_id = ?", (name,)).fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn = sqlite3.connect(tmp_path / "corpus.sqlite")
    assert conn.execute("SELECT file, error_type FROM failed_documents").fetchall() == [("bad.pdf", "corrupt")]


def test_collect_usage_errors(tmp_path):
    r = CliRunner().invoke(cli, ["collect", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "x.sqlite")])
    assert r.exit_code == 2 and "does not exist" in r.output
    (tmp_path / "bad.json").write_text("{not json")
    r = CliRunner().invoke(cli, ["collect", str(tmp_path), "--db", str(tmp_path / "x.sqlite")])
    assert r.exit_code == 2 and "bad.json" in r.output
