"""IN as one file, as standard input, with stray files no reader takes; include/exclude; the
reference date as a fallback."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

from extractor.config import ExtractConfig
from extractor.pipeline import extract_document

DOCS = CORPUS / "documents"
TXT = DOCS / "08-japan-first-projects-news.txt"
DOCX = DOCS / "23-nippon-us-steel-client-memo.docx"


def run(*args, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], input=stdin, capture_output=True, timeout=600
    )


def test_one_docx_file_to_out(tmp_path):
    r = run("extract", DOCX, tmp_path / "out", "-q")
    assert r.returncode == 0, r.stderr
    rec = json.loads((tmp_path / "out" / f"{DOCX.name}.json").read_text(encoding="utf-8"))
    assert rec["document"]["format"] == "docx" and rec["document"]["source"] == DOCX.name
    assert rec["amounts"]


def test_stdin_to_stdout():
    r = run("extract", "-", "-", "--name", "a.txt", stdin=TXT.read_bytes())
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["document"]["source"] == "a.txt" and rec["document"]["format"] == "txt"
    assert rec["document"]["id"] == extract_document(TXT.read_bytes(), "a.txt").document.id


def test_stdin_failure_is_one_line_and_exit_1():
    r = run("extract", "-", "-", "--name", "blob.png", stdin=b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert r.returncode == 1 and b"unsupported_format" in r.stderr and r.stdout == b""


def make_in(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "img").mkdir(parents=True)
    (src / "a.txt").write_bytes(TXT.read_bytes())
    (src / "img" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (src / "meta.json").write_text('{"a": 1}')
    (src / "skip.txt").write_text("Nothing to see here at all.")
    return src


def test_stray_files_are_skipped_and_counted(tmp_path):
    src = make_in(tmp_path)
    out = tmp_path / "out"
    r = run("extract", src, out, "-q", "-j", "1", "--exclude", "skip.txt")
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / ".extractor" / "manifest.json").read_text())
    assert manifest["counts"]["unsupported"] == 2 and manifest["counts"]["failed"] == 0
    assert manifest["unsupported"] == ["img/logo.png", "meta.json"]
    assert sorted(p.name for p in out.rglob("*.json") if ".extractor" not in p.parts) == ["a.txt.json"]
    r = run("extract", src, tmp_path / "strict", "-q", "-j", "1", "--strict", "--exclude", "skip.txt")
    assert r.returncode == 1 and r.stderr.count(b"unsupported_format") == 2


def test_include_and_exclude_globs(tmp_path):
    from extractor.batch.discover import discover

    src = make_in(tmp_path)
    assert [i.rel for i in discover(src, include=("*.txt",)).inputs] == ["a.txt", "skip.txt"]
    assert [i.rel for i in discover(src, exclude=("skip.*", "img/")).inputs] == ["a.txt"]
    found = discover(src, exclude=("img/",))
    assert found.unsupported == ["meta.json"]
    assert [i.rel for i in discover(src, strict=True).inputs] == ["a.txt", "img/logo.png", "meta.json", "skip.txt"]


def test_reference_date_is_a_fallback_unless_forced():
    dated = TXT.read_bytes()  # carries its own published date, 2026-02-10
    undated = b"Acme Corp will invest $5 billion in Ohio by next year."
    ref = dt.date(2030, 1, 1)
    own = extract_document(dated, "a.txt", ExtractConfig(reference_date=ref)).document
    assert (own.reference_date, own.reference_date_source) == ("2026-02-10", "published")
    forced = extract_document(dated, "a.txt", ExtractConfig(reference_date=ref, force_reference_date=True)).document
    assert (forced.reference_date, forced.reference_date_source) == ("2030-01-01", "option")
    rec = extract_document(undated, "b.txt", ExtractConfig(reference_date=ref))
    assert (rec.document.reference_date, rec.document.reference_date_source) == ("2030-01-01", "option")
    assert [d.date for d in rec.deadlines] == ["2031-12-31"]


def test_force_reference_date_needs_a_date(tmp_path):
    r = run("extract", TXT, tmp_path / "o", "--force-reference-date")
    assert r.returncode == 2 and b"--reference-date" in r.stderr
