"""One file must not stop the whole run: each of these used to crash the run with a traceback
(no records, no error log, no state, no manifest). Now each is one line in the error log and on
stderr, the other files' records are written, and the exit status is 1 (2 for an unusable OUT)."""

import os
import stat
import subprocess
from types import SimpleNamespace

import pytest
from test_batch_support import (
    DOC,
    can_mount,
    error_types,
    errors,
    make_archive,
    manifest,
    records,
    run_cli,
    run_in_tmpfs,
    state,
)

IS_ROOT = os.geteuid() == 0
LONG = "n" * 251 + ".txt"  # 255 bytes: the input fits, its record name (+ ".json") does not
BAD_NAME = os.fsdecode(b"bad\xff.txt")
GOOD = {"doc1.txt", "doc2.txt", "doc3.txt", "sub/doc4.txt"}
EXPECTED = {  # file as errors.jsonl names it -> error_type
    "a.txt": "symlink_loop",
    "b.txt": "symlink_loop",
    "self.txt": "symlink_loop",
    "bad\\xff.txt": "bad_file_name",
    LONG: "name_too_long",
    "taken.txt": "output_conflict",
    "fifo.txt": "not_regular_file",
    "link-to-fifo.txt": "not_regular_file",
    "dangling.txt": "dangling_symlink",
    "locked/": "unreadable",
}
if IS_ROOT:
    EXPECTED["zero.txt"] = "not_regular_file"  # a character device (mknod needs root)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch-inputs")
    src, out = make_archive(root / "in", 3), root / "out"
    (src / "sub").mkdir()
    (src / "sub" / "doc4.txt").write_text(DOC.replace("{n}", "4"), encoding="utf-8")
    os.symlink("b.txt", src / "a.txt")
    os.symlink("a.txt", src / "b.txt")
    os.symlink("self.txt", src / "self.txt")
    with open(os.path.join(os.fsencode(src), b"bad\xff.txt"), "w", encoding="utf-8") as f:
        f.write(DOC.replace("{n}", "5"))
    (src / LONG).write_text(DOC.replace("{n}", "6"), encoding="utf-8")
    (src / "taken.txt").write_text(DOC.replace("{n}", "7"), encoding="utf-8")
    (out / "taken.txt.json").mkdir(parents=True)  # OUT already has a folder where the record goes
    os.mkfifo(src / "fifo.txt")
    os.symlink("fifo.txt", src / "link-to-fifo.txt")
    os.symlink("gone.txt", src / "dangling.txt")
    (src / "locked").mkdir()
    (src / "locked" / "inside.txt").write_text(DOC.replace("{n}", "8"), encoding="utf-8")
    (src / "locked").chmod(0)
    if IS_ROOT:
        os.mknod(src / "zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero: endless
    cmd = ["extract", src, out, "-j", "2", "--timeout", "0"]  # no timeout: a FIFO would block for ever
    try:
        if IS_ROOT:
            from test_batch_support import cli_command

            r = subprocess.run(
                [
                    "capsh",
                    "--drop=cap_dac_override,cap_dac_read_search",
                    "--",
                    "-c",
                    'exec "$0" "$@"',
                    *cli_command(*cmd),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
        else:
            r = run_cli(*cmd, timeout=300)
    finally:
        (src / "locked").chmod(0o755)
    return SimpleNamespace(src=src, out=out, r=r)


def test_exit_1_no_traceback_others_written(bad_run):
    r = bad_run.r
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert records(bad_run.out) == GOOD
    assert f"{len(GOOD)} extracted" in r.stderr and f"{len(EXPECTED)} failed" in r.stderr


def test_each_bad_entry_is_one_error_line_with_its_type(bad_run):
    assert error_types(bad_run.out) == EXPECTED
    assert all(set(e) == {"file", "stage", "error_type", "message"} and e["message"] for e in errors(bad_run.out))


def test_each_bad_entry_is_one_stderr_line(bad_run):
    lines = bad_run.r.stderr.splitlines()
    for name, error_type in EXPECTED.items():
        assert sum(1 for ln in lines if ln.startswith(f"FAILED  {name}: {error_type}:")) == 1, (name, lines)


def test_run_files_are_written(bad_run):
    m = manifest(bad_run.out)
    assert m["counts"]["processed"] == len(GOOD) and m["counts"]["failed"] == len(EXPECTED)
    assert set(state(bad_run.out)["documents"]) == GOOD


def test_no_absolute_paths_in_the_error_log(bad_run):
    text = (bad_run.out / ".extractor" / "errors.jsonl").read_text(encoding="utf-8")
    assert str(bad_run.src) not in text and str(bad_run.out) not in text


def test_the_folder_in_the_way_is_left_alone(bad_run):
    assert (bad_run.out / "taken.txt.json").is_dir()


def test_second_run_reports_the_same_and_skips_the_rest(bad_run):
    r = run_cli("extract", bad_run.src, bad_run.out, "-j", "1", "--timeout", "0", timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    # the folder is readable now (chmod undone): its file is the one new record
    assert f"1 extracted, {len(GOOD)} unchanged" in r.stderr
    assert error_types(bad_run.out) == {k: v for k, v in EXPECTED.items() if k != "locked/"}
    assert records(bad_run.out) == GOOD | {"locked/inside.txt"}


def test_a_file_deleted_mid_run_is_vanished(tmp_path):
    src = make_archive(tmp_path / "in", 2)
    r = run_cli(
        "extract",
        src,
        tmp_path / "out",
        "-j",
        "1",
        fault={"kind": "delete", "name": "doc2.txt", "path": str(src / "doc2.txt")},
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert errors(tmp_path / "out") == [
        {
            "file": "doc2.txt",
            "stage": "read",
            "error_type": "vanished",
            "message": "the file was deleted or moved before it was read",
        }
    ]
    assert records(tmp_path / "out") == {"doc1.txt"}


def test_out_under_a_regular_file_exit_2_one_line(tmp_path):
    src = make_archive(tmp_path / "in", 1)
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file", tmp_path / "file" / "out"):
        r = run_cli("extract", src, out, "-j", "1")
        assert r.returncode == 2, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("extractor: "), r.stderr


@pytest.mark.skipif(not can_mount(), reason="needs root and unshare to mount a private tmpfs")
def test_out_on_a_read_only_file_system_exit_2_one_line(tmp_path):
    src = make_archive(tmp_path / "in", 1)
    r = run_in_tmpfs(
        tmp_path / "mnt", tmp_path / "kept", ["extract", src, tmp_path / "mnt" / "out", "-j", "1"], "size=1m", ro=True
    )
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "Read-only file system" in r.stderr


@pytest.mark.slow
@pytest.mark.skipif(not can_mount(), reason="needs root and unshare to mount a private tmpfs")
def test_disk_full_stops_with_one_line_and_exit_1(tmp_path):
    src = make_archive(tmp_path / "in", 4)
    mnt, kept = tmp_path / "mnt", tmp_path / "kept"
    # doc4 (processed last: same size, name order) fills the disk from inside its worker, so its record
    # and the run files cannot be written.
    r = run_in_tmpfs(
        mnt,
        kept,
        ["extract", src, mnt / "out", "-j", "1", "-q"],
        "size=2m",
        fault={"kind": "fill", "name": "doc4.txt", "path": str(mnt / "filler")},
    )
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert any(ln.startswith("STOPPED") and "No space left on device" in ln for ln in lines), lines
    assert lines[-1].startswith("extractor: 3 extracted") and "failed" in lines[-1]
    assert records(kept / "out") == {"doc1.txt", "doc2.txt", "doc3.txt"}
    assert not [p for p in (kept / "out").rglob(".tmp-*")]


def test_fifo_with_no_timeout_does_not_block(tmp_path):
    src = make_archive(tmp_path / "in", 1)
    os.mkfifo(src / "pipe.txt")
    r = run_cli("extract", src, tmp_path / "out", "-j", "1", "--timeout", "0", timeout=60)
    assert r.returncode == 1 and error_types(tmp_path / "out") == {"pipe.txt": "not_regular_file"}
