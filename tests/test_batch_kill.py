"""A killed run must not block later runs: the lock belongs to the main process only, workers die
with their parent, a stale lock does not block, SIGINT/SIGTERM stop at once and keep what was
done, and the state is checkpointed so a rerun after SIGKILL redoes only the unfinished."""

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from test_batch_support import live_processes_with, make_archive, manifest, popen_cli, records, run_cli, state, wait_for

FINISHED = {"doc1.txt", "doc3.txt", "doc4.txt"}


def start_hung_run(tmp_path, *extra):
    """A run over 4 documents whose worker hangs on doc2.txt; returns once the other three records
    are written and the state holding them is checkpointed."""
    src, out = make_archive(tmp_path / "in"), tmp_path / "out"
    marker, tag = tmp_path / "worker.pid", uuid.uuid4().hex
    proc = popen_cli(
        "extract",
        src,
        out,
        "-j",
        "2",
        "--timeout",
        "0",
        *extra,
        fault={"kind": "hang", "name": "doc2.txt", "marker": str(marker)},
        env={"EXTRACTOR_TEST_TAG": tag},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wait_for(marker.exists, 120), "the worker never reached doc2.txt"
    assert wait_for(lambda: records(out) >= FINISHED, 60)
    run_state = out / ".extractor" / "state.json"
    assert wait_for(lambda: set(json.loads(run_state.read_text())["documents"]) >= FINISHED, 10)
    return proc, src, out, int(marker.read_text()), tag


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_main_process_leaves_no_process_and_no_lock(tmp_path, sig):
    proc, src, out, worker, tag = start_hung_run(tmp_path)
    assert len(live_processes_with(tag)) >= 2  # the main process and its workers
    t0 = time.monotonic()
    os.kill(proc.pid, sig)  # the main process only, not its process group
    proc.wait(timeout=10)
    stderr = proc.stderr.read()
    assert proc.returncode == (-9 if sig == signal.SIGKILL else 143), stderr
    assert wait_for(lambda: not live_processes_with(tag), 5), f"left behind: {live_processes_with(tag)}"
    assert time.monotonic() - t0 < 5
    if sig == signal.SIGTERM:
        m = manifest(out)
        assert m["interrupted"] == "SIGTERM" and m["counts"]["processed"] == 3 and m["counts"]["not_done"] == 1
        assert "Traceback" not in stderr and "stopped by SIGTERM" in stderr
    r = run_cli("extract", src, out, "-j", "2", timeout=120)  # at once: no "another run is writing"
    assert r.returncode == 0, r.stderr
    assert "1 extracted, 3 unchanged" in r.stderr  # the checkpointed state: only doc2.txt is redone
    assert records(out) == FINISHED | {"doc2.txt"}


@pytest.mark.slow
def test_first_ctrl_c_stops_within_two_seconds_and_keeps_what_was_done(tmp_path):
    proc, src, out, worker, tag = start_hung_run(tmp_path)
    t0 = time.monotonic()
    os.kill(proc.pid, signal.SIGINT)
    proc.wait(timeout=10)
    assert time.monotonic() - t0 < 2.5
    stderr = proc.stderr.read()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "stopped by SIGINT with 1 not done" in stderr
    m = manifest(out)
    assert m["interrupted"] == "SIGINT" and m["counts"]["processed"] == 3 and m["failures"] == []
    assert set(state(out)["documents"]) == FINISHED
    assert records(out) == FINISHED
    assert wait_for(lambda: not live_processes_with(tag), 5)


@pytest.mark.slow
def test_workers_do_not_hold_the_lock(tmp_path):
    proc, src, out, worker, tag = start_hung_run(tmp_path)
    try:
        lock = str((out / ".extractor" / "lock").resolve())

        def holds(pid):
            fd_dir = f"/proc/{pid}/fd"
            return any(os.readlink(f"{fd_dir}/{fd}") == lock for fd in os.listdir(fd_dir))

        assert holds(proc.pid)
        assert not holds(worker)
        owner = json.loads((out / ".extractor" / "lock").read_text())
        assert owner["pid"] == proc.pid
    finally:
        proc.kill()
        proc.wait()
    assert wait_for(lambda: not live_processes_with(tag), 5)


def hold_lock(path, owner_pid=None):
    """Another process holding an flock on `path`, recording `owner_pid` (its own PID by default)."""
    code = (
        "import fcntl, json, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "pid = int(sys.argv[2]) if sys.argv[2] != '-' else os.getpid()\n"
        "os.ftruncate(fd, 0); os.write(fd, json.dumps({'pid': pid}).encode())\n"
        "print('held', flush=True); time.sleep(120)\n"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(owner_pid or "-")], stdout=subprocess.PIPE, text=True
    )
    assert p.stdout.readline().strip() == "held"
    return p


def dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_lock_of_a_live_run_refuses_exit_2(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (out / ".extractor").mkdir(parents=True)
    holder = hold_lock(out / ".extractor" / "lock")
    try:
        r = run_cli("extract", src, out, "-j", "1")
    finally:
        holder.kill()
        holder.wait()
    assert r.returncode == 2 and f"another extractor run (pid {holder.pid})" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and not records(out)


def test_stale_lock_whose_owner_is_gone_does_not_block(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (out / ".extractor").mkdir(parents=True)
    leftover = hold_lock(out / ".extractor" / "lock", owner_pid=dead_pid())  # e.g. an orphaned worker
    try:
        r = run_cli("extract", src, out, "-j", "1")
        assert r.returncode == 0, r.stderr
        assert records(out) == {"doc1.txt"}
    finally:
        leftover.kill()
        leftover.wait()


def test_legacy_lock_left_to_an_orphan_of_an_old_run_does_not_block(tmp_path):
    """In the old layout the lock was OUT/.extractor.lock and workers inherited it: the killed run's locker
    is gone, its orphaned worker still holds the flock."""
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    out.mkdir()
    code = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "if os.fork() == 0:\n"
        "    print(os.getpid(), flush=True); time.sleep(120); os._exit(0)\n"
        "time.sleep(0.2)\n"
    )  # the locker exits; the child keeps the lock
    p = subprocess.Popen([sys.executable, "-c", code, str(out / ".extractor.lock")], stdout=subprocess.PIPE, text=True)
    orphan = int(p.stdout.readline())
    p.wait()
    try:
        with open(out / ".extractor.lock") as fh:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # still held by the orphan
        r = run_cli("extract", src, out, "-j", "1")
        assert r.returncode == 0, r.stderr
        assert not (out / ".extractor.lock").exists()  # migrated away with the other old run files
    finally:
        os.kill(orphan, signal.SIGKILL)


def test_parent_watch_stops_a_worker_when_pdeathsig_is_unavailable():
    """The fallback for systems without PR_SET_PDEATHSIG: a thread notices the parent is gone."""
    import extractor.batch.worker as worker

    r, w = os.pipe()
    middle = os.fork()
    if middle == 0:  # the "main process": starts a worker, then dies
        os.close(r)
        child = os.fork()
        if child == 0:
            worker.sys.platform = "no-prctl"  # this process only: skip PR_SET_PDEATHSIG
            worker.die_with_parent(os.getppid())
            time.sleep(60)
            os._exit(0)
        os.write(w, str(child).encode())
        os._exit(0)
    os.close(w)
    child = int(os.read(r, 64))
    os.close(r)
    os.waitpid(middle, 0)

    def gone():
        try:
            with open(f"/proc/{child}/stat", "rb") as f:
                return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
        except OSError:
            return True

    assert wait_for(gone, 5), "the orphaned worker kept running"
