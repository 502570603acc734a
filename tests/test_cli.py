"""The command line through a real subprocess: exit codes, error log, determinism."""

import json
import os
import subprocess
import sys

import pytest

GOOD = "Amazon will invest $5 billion in cloud infrastructure in South Korea by 2027.\n"


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    return src


def test_all_good_exit_0_and_record_written(folder, tmp_path):
    out = tmp_path / "out"
    r = run_cli("extract", folder, out, "--jobs", "1")
    assert r.returncode == 0, r.stderr
    rec = json.loads((out / "good.txt.json").read_text(encoding="utf-8"))
    assert rec["amounts"][0]["value"] == 5000000000
    assert r.stdout == ""
    assert "1 extracted" in r.stderr


def test_bad_file_is_logged_others_written_exit_1(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "out"
    r = run_cli("extract", folder, out, "--jobs", "1")
    assert r.returncode == 1
    assert (out / "good.txt.json").is_file()
    for bad in ("empty.txt", "broken.pdf", "noise.txt"):
        assert not (out / f"{bad}.json").exists()
        assert bad in r.stderr
    log = [json.loads(line) for line in (out / ".extractor" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["file"] for e in log] == ["broken.pdf", "empty.txt", "noise.txt"]
    assert {e["error_type"] for e in log} == {"corrupt", "empty", "binary"}
    assert all(set(e) == {"file", "stage", "error_type", "message"} for e in log)


def test_usage_error_exit_2(tmp_path):
    assert run_cli("extract").returncode == 2
    assert run_cli("extract", tmp_path / "missing", tmp_path / "out").returncode == 2
    assert run_cli("extract", tmp_path, tmp_path / "o", "--reference-date", "soon").returncode == 2
    r = run_cli("extract", tmp_path, tmp_path / "o", "--max-memory", "10")
    assert r.returncode == 2 and "max-memory" in r.stderr and "Traceback" not in r.stderr


def test_in_and_out_must_be_apart_exit_2(folder, tmp_path):
    for in_dir, out_dir in (
        (folder, folder),
        (folder, folder / "out"),
        (folder / "sub", folder),
        (folder, folder / "." / "x" / ".."),
    ):
        (folder / "sub").mkdir(exist_ok=True)
        r = run_cli("extract", in_dir, out_dir, "--jobs", "1")
        assert r.returncode == 2, (in_dir, out_dir, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (folder / "good.txt.json").exists() and not (folder / "out").exists()


def test_help_lists_every_option():
    r = run_cli("extract", "--help")
    assert r.returncode == 0
    for option in (
        "--model",
        "--reference-date",
        "--jobs",
        "--force",
        "--prune",
        "--keep-text",
        "--max-bytes",
        "--max-pages",
        "--timeout",
        "--max-memory",
        "--quiet",
        "--verbose",
    ):
        assert option in r.stdout


def test_two_runs_byte_identical_and_second_skips(folder, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("extract", folder, a, "--jobs", "1").returncode == 0
    assert (
        run_cli("extract", folder, b, "--jobs", "1", env={"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "123"}).returncode == 0
    )
    assert (a / "good.txt.json").read_bytes() == (b / "good.txt.json").read_bytes()
    again = run_cli("extract", folder, a, "--jobs", "1")
    assert "0 extracted, 1 unchanged" in again.stderr


def test_record_holds_no_machine_paths_or_today(folder, tmp_path):
    import datetime as dt

    out = tmp_path / "out"
    run_cli("extract", folder, out, "--jobs", "1")
    text = (out / "good.txt.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in text
    assert dt.date.today().isoformat() not in text
