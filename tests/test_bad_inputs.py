"""Bad inputs through the real command line, and property tests that nothing raises on random input.

One input folder holds every bad input plus two good text files; the CLI runs over it once
(`python -m extractor extract IN OUT --jobs 1`) and each test below checks one file's outcome:
a line in OUT/.extractor/errors.jsonl with its exact error_type and stage and no record, or a record.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest import encrypted_pdf, image_only_pdf, png_bytes, truncated_pdf

from extractor.extract.amounts import find_amounts, find_percentages
from extractor.extract.deadlines import find_deadlines
from extractor.ingest import IngestError, ingest

GOOD_1 = "Amazon will invest $5 billion in cloud infrastructure in South Korea by 2027.\n"
GOOD_2 = "Boeing will build a $2 billion plant in Ohio, the company said.\n"
ODD_NAME = "-odd name é.txt"
IS_ROOT = os.geteuid() == 0
BIG_BYTES = 50_000_000

# file -> (error_type, stage): each gets exactly this line in errors.jsonl and no record.
EXPECTED_ERRORS = {
    "empty.txt": ("empty", "decode"),
    "zero.pdf": ("empty", "ingest"),  # decided: an empty file is "empty" whatever its extension
    "truncated.pdf": ("corrupt", "ingest"),
    "encrypted.pdf": ("encrypted", "ingest"),
    "binary.txt": ("binary", "decode"),
    # Every byte is 0x80-0xFF: not UTF-8 (no valid sequence), not UTF-16 (no zero bytes), and
    # charset-normalizer finds no code page under which these bytes read as text, so nothing
    # explains them: an error at stage decode, never a record of mojibake.
    "invalid-utf8.txt": ("decode", "decode"),
    "big.txt": ("too_large", "limits"),  # 50 MB with --max-bytes 10000000
    "link-outside.txt": ("outside_input", "read"),  # a symlink leading out of IN is not followed
}
if not IS_ROOT:
    EXPECTED_ERRORS["unreadable.txt"] = ("unreadable", "read")
EXPECTED_RECORDS = {"good-1.txt", "good-2.txt", "scan.pdf", "utf16.txt", "deep.html", ODD_NAME}


def run_cli(*args, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def write_big_text(path, size=BIG_BYTES):
    line = b"Acme Corp will invest $5 billion in a new plant in Ohio by 2027, the company said.\n"
    with open(path, "wb") as f:
        f.write(line * (size // len(line)))
        f.write(b"x" * (size % len(line)))


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-inputs")
    src, out = root / "in", root / "out"
    src.mkdir()
    (src / "good-1.txt").write_text(GOOD_1, encoding="utf-8")
    (src / "good-2.txt").write_text(GOOD_2, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "zero.pdf").write_bytes(b"")
    (src / "truncated.pdf").write_bytes(truncated_pdf())
    (src / "encrypted.pdf").write_bytes(encrypted_pdf())
    (src / "scan.pdf").write_bytes(image_only_pdf())
    (src / "binary.txt").write_bytes(png_bytes(16, 16) * 4)
    (src / "invalid-utf8.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (src / "utf16.txt").write_bytes("Hyundai will invest $26 billion in the United States.\n".encode("utf-16"))
    (src / "deep.html").write_bytes(
        b"<html><body>"
        + b"<div>" * 10_000
        + b"<p>Samsung will invest $7 billion in Texas.</p>"
        + b"</div>" * 10_000
        + b"</body></html>"
    )
    write_big_text(src / "big.txt")
    (src / "x.pdf").mkdir()  # a directory with a document's name: not an input file
    (src / ODD_NAME).write_text(GOOD_1, encoding="utf-8")
    outside = root / "outside.txt"
    outside.write_text(GOOD_2, encoding="utf-8")
    (src / "link-outside.txt").symlink_to(outside)
    if not IS_ROOT:
        (src / "unreadable.txt").write_text(GOOD_1, encoding="utf-8")
        (src / "unreadable.txt").chmod(0)
    try:
        result = run_cli("extract", src, out, "--jobs", "1", "--max-bytes", "10000000")
    finally:
        if not IS_ROOT:
            (src / "unreadable.txt").chmod(0o644)
    log_path = out / ".extractor" / "errors.jsonl"
    log_text = log_path.read_text(encoding="utf-8") if log_path.is_file() else ""
    log = [json.loads(line) for line in log_text.splitlines()]
    return SimpleNamespace(src=src, out=out, result=result, log=log, errors={e["file"]: e for e in log})


def record(run, name):
    return json.loads((run.out / f"{name}.json").read_text(encoding="utf-8"))


def test_run_exit_1_stdout_empty(bad_run):
    r = bad_run.result
    assert r.returncode == 1, r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    assert f"{len(EXPECTED_RECORDS)} extracted" in r.stderr
    assert f"{len(EXPECTED_ERRORS)} failed" in r.stderr


def test_error_log_lists_exactly_the_bad_files(bad_run):
    assert [e["file"] for e in bad_run.log] == sorted(EXPECTED_ERRORS)
    assert all(set(e) == {"file", "stage", "error_type", "message"} and e["message"] for e in bad_run.log)


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_bad_file_logged_with_type_and_stage_and_no_record(bad_run, name):
    entry = bad_run.errors.get(name)
    assert entry is not None, f"{name} missing from errors.jsonl: {bad_run.log}"
    assert (entry["error_type"], entry["stage"]) == EXPECTED_ERRORS[name], entry
    assert not (bad_run.out / f"{name}.json").exists()


def test_records_written_exactly_for_readable_files(bad_run):
    written = {
        p.relative_to(bad_run.out).as_posix()[: -len(".json")]
        for p in bad_run.out.rglob("*.json")
        if p.relative_to(bad_run.out).parts[0] != ".extractor" and not p.name.startswith(".")
    }
    assert written == EXPECTED_RECORDS


def test_good_files_get_records(bad_run):
    assert record(bad_run, "good-1.txt")["amounts"][0]["value"] == 5_000_000_000
    assert record(bad_run, "good-2.txt")["amounts"][0]["value"] == 2_000_000_000


def test_image_only_pdf_record_with_warning(bad_run):
    rec = record(bad_run, "scan.pdf")
    assert rec["document"]["format"] == "pdf" and rec["document"]["characters"] == 0
    assert any("no text layer" in w for w in rec["warnings"])


def test_utf16_text_record(bad_run):
    rec = record(bad_run, "utf16.txt")
    assert rec["document"]["encoding"] == "utf-16-le"
    assert [a["value"] for a in rec["amounts"]] == [26_000_000_000]


def test_deep_html_record_keeps_amount_at_the_bottom(bad_run):
    rec = record(bad_run, "deep.html")
    assert [(a["text"], a["value"]) for a in rec["amounts"]] == [("$7 billion", 7_000_000_000)]


def test_directory_named_like_a_pdf_is_not_an_input(bad_run):
    assert not (bad_run.out / "x.pdf.json").exists()
    assert "x.pdf" not in bad_run.errors
    manifest = json.loads((bad_run.out / ".extractor" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["inputs"] == len(EXPECTED_RECORDS) + len(EXPECTED_ERRORS) - 1  # the symlink is no input


def test_odd_file_name_record(bad_run):
    rec = record(bad_run, ODD_NAME)
    assert rec["document"]["source"] == ODD_NAME
    assert rec["amounts"][0]["value"] == 5_000_000_000


def test_symlink_outside_not_followed(bad_run):
    assert bad_run.errors["link-outside.txt"]["error_type"] == "outside_input"
    assert not (bad_run.out / "link-outside.txt.json").exists()
    assert not any("outside.txt" in p.name and "link" not in p.name for p in bad_run.out.rglob("*"))


@pytest.mark.skipif(IS_ROOT, reason="root reads a chmod 000 file; run as a normal user to test 'unreadable'")
def test_unreadable_file(bad_run):
    assert (bad_run.errors["unreadable.txt"]["error_type"], bad_run.errors["unreadable.txt"]["stage"]) == (
        "unreadable",
        "read",
    )


@pytest.mark.slow
def test_50mb_text_under_the_defaults_stops_at_once_and_says_why(tmp_path):
    """Measured (benchmarks/scale.py): one core runs 35-47 s per MB, flat in size, so a 50 MB text
    would need over half an hour. The defaults agree with each other instead: --max-bytes (20 MiB)
    is what --timeout (120 s + 60 s per MB) lets a document finish in, and a larger file fails at
    once, naming the limit."""
    from extractor.batch.options import DEFAULT_TIMEOUT_PER_MB_S, DEFAULT_TIMEOUT_S, document_timeout
    from extractor.config import ExtractConfig

    limit = ExtractConfig().max_bytes
    assert document_timeout(DEFAULT_TIMEOUT_S, DEFAULT_TIMEOUT_PER_MB_S, limit) >= 1.25 * 47 * limit / 1e6
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    write_big_text(src / "big.txt")
    t0 = time.perf_counter()
    r = run_cli("extract", src, out, "--jobs", "1", timeout=120)
    assert time.perf_counter() - t0 < 60
    assert r.returncode == 1
    (entry,) = [json.loads(x) for x in (out / ".extractor" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (entry["file"], entry["error_type"], entry["stage"]) == ("big.txt", "too_large", "limits")
    assert "--max-bytes" in entry["message"] and "--timeout" in entry["message"]
    assert not (out / "big.txt.json").exists()


# --- property tests ------------------------------------------------------------------------------
FRAGMENTS = [
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "USD ",
    " billion",
    " million",
    "bn",
    "mln",
    " trillion",
    "%",
    " percent",
    " per cent",
    "1,000",
    "2.5",
    "38",
    "-",
    "–",
    " to ",
    " and ",
    "by ",
    "within ",
    "before ",
    "until ",
    "through ",
    "the end of ",
    "next year",
    "the next decade",
    "March ",
    "2027",
    "Q3 ",
    "H1 ",
    " days",
    " months",
    " years",
    "about ",
    "up to ",
    "nearly ",
    ". ",
    "\n",
    " ",
    "a",
    "Acme",
]
TEXT = st.one_of(
    st.text(), st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join)
)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_amounts_and_percentages_never_raise_and_spans_exact(text):
    for item in [*find_amounts(text), *find_percentages(text)]:
        assert text[item.start : item.end] == item.text


# References stay within 1900-2200: a reference date in year 9999 overflows ("by next year" -> year 10000).
@FAST
@given(TEXT, st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))))
def test_deadlines_never_raise_and_spans_exact(text, reference):
    for item in find_deadlines(text, reference):
        assert text[item.start : item.end] == item.text


DATA = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.7\n" + b),
    st.binary(max_size=2000).map(lambda b: b"<!doctype html><html><body>" + b),
    st.binary(max_size=400).map(lambda b: b"\xff\xfe" + b),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@FAST
@given(DATA, st.sampled_from(["doc.pdf", "doc.html", "doc.txt"]))
def test_ingest_random_bytes_only_raises_ingest_error(data, name):
    try:
        doc = ingest(data, name)
    except IngestError as e:
        assert e.error_type and e.stage
    else:
        for b in doc.blocks:
            assert 0 <= b.start <= b.end <= len(doc.text)
