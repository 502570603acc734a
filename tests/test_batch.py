"""The batch run: incremental state, failures isolated, locks, crash safety, determinism."""

import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS
from test_batch_support import DOC, manifest, records
from test_batch_support import run_cli as _run_cli

from extractor.resources import rules_digest


def run_cli(*args, fault=None, timeout=300, env=None):
    return _run_cli("extract", *args, fault=fault, timeout=timeout, env=env)


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(records(folder)):
        h.update(name.encode() + b"\0" + (folder / f"{name}.json").read_bytes())
    return h.hexdigest()


@pytest.fixture
def archive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(1, 5):
        (src / f"doc{i}.txt").write_text(DOC.replace("{n}", str(i)), encoding="utf-8")
    return src


def test_touch_skips_change_reprocesses_force_redoes_all(archive, tmp_path):
    out = tmp_path / "out"
    assert run_cli(archive, out, "-j", "1").returncode == 0
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    os.utime(archive / "doc1.txt")  # touched, same bytes
    (archive / "doc2.txt").write_text(DOC.replace("{n}", "9"), encoding="utf-8")
    r = run_cli(archive, out, "-j", "1")
    assert manifest(out)["counts"]["processed"] == 1 and manifest(out)["counts"]["skipped"] == 3, r.stderr
    assert (out / "doc1.txt.json").stat().st_mtime_ns == mtimes["doc1.txt.json"]
    assert json.loads((out / "doc2.txt.json").read_text())["amounts"][0]["value"] == 9_000_000_000
    run_cli(archive, out, "-j", "1", "--force")
    assert manifest(out)["counts"]["processed"] == 4


def test_changed_run_key_reprocesses_everything(archive, tmp_path):
    out = tmp_path / "out"
    run_cli(archive, out, "-j", "1")
    state = json.loads((out / ".extractor" / "state.json").read_text())
    state["key"] = "from another extractor version"
    (out / ".extractor" / "state.json").write_text(json.dumps(state))
    run_cli(archive, out, "-j", "1")
    assert manifest(out)["counts"]["processed"] == 4
    # and an option that changes records is part of the key
    run_cli(archive, out, "-j", "1", "--reference-date", "2026-01-01")
    assert manifest(out)["counts"]["processed"] == 4


def test_rule_file_edit_changes_the_state_key(tmp_path):
    from importlib import resources

    data = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("extractor.data"))), data)
    before = rules_digest(data)
    sectors = data / "sectors.json"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace('"shipyard"', '"shipyards"'), encoding="utf-8")
    assert rules_digest(data) != before


def test_failed_document_is_retried_and_prune(archive, tmp_path):
    out = tmp_path / "out"
    (archive / "bad.txt").write_bytes(b"")
    assert run_cli(archive, out, "-j", "1").returncode == 1
    r = run_cli(archive, out, "-j", "1")
    assert r.returncode == 1 and manifest(out)["counts"]["failed"] == 1  # retried, not skipped
    (archive / "bad.txt").unlink()
    (archive / "doc4.txt").unlink()
    r = run_cli(archive, out, "-j", "1")
    assert r.returncode == 0 and "1 orphaned" in r.stderr and (out / "doc4.txt.json").exists()
    r = run_cli(archive, out, "-j", "1", "--prune")
    assert not (out / "doc4.txt.json").exists() and "1 pruned" in r.stderr


@pytest.mark.parametrize("fault,error_type", [("die", "worker_died"), ("hang", "timeout"), ("raise", "error")])
def test_a_misbehaving_document_does_not_stop_the_run(archive, tmp_path, fault, error_type):
    out = tmp_path / "out"
    r = run_cli(archive, out, "-j", "2", "--timeout", "20", fault={"kind": fault, "name": "doc2.txt"})
    assert r.returncode == 1
    log = [json.loads(x) for x in (out / ".extractor" / "errors.jsonl").read_text().splitlines()]
    assert [(e["file"], e["error_type"]) for e in log] == [("doc2.txt", error_type)]
    assert sorted(p.name for p in out.glob("doc*.json")) == ["doc1.txt.json", "doc3.txt.json", "doc4.txt.json"]


def test_second_run_into_a_locked_out_refuses(archive, tmp_path):
    out = tmp_path / "out"
    (out / ".extractor").mkdir(parents=True)
    with open(out / ".extractor" / "lock", "a+") as fh:  # held by this (live) process
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        r = run_cli(archive, out, "-j", "1")
    assert r.returncode == 2 and "another extractor run" in r.stderr
    assert not list(out.glob("doc*.json"))


@pytest.mark.slow
def test_jobs_and_environment_do_not_change_output(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli(CORPUS, a, "-j", "1").returncode == 0
    env = {"TZ": "Asia/Tokyo", "LC_ALL": "C", "PYTHONHASHSEED": str(random.randint(1, 10**6))}
    assert run_cli(CORPUS, b, "-j", "2", env=env).returncode == 0
    assert tree_hash(a) == tree_hash(b)
    assert len(list(a.rglob("*.json"))) >= 14


@pytest.mark.slow
def test_killed_run_leaves_no_partial_files_and_next_run_finishes(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(CORPUS / "documents", src)
    out = tmp_path / "out"
    rng = random.Random(7)
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "extractor", "extract", str(src), str(out), "-j", "2", "--force", "--quiet"],
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.0, 6.0))
        os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers must die with it
        proc.wait()
        for p in out.rglob("*.json"):
            json.loads(p.read_text(encoding="utf-8"))  # every file left behind is whole
    assert run_cli(src, out, "-j", "2").returncode == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(".tmp-")]
    assert len(records(out)) == len(list(src.iterdir()))
