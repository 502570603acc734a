"""The Dask backend: `--cluster local:N` and `--scheduler tcp://...` write what the local pool writes.

Everything listens on 127.0.0.1 only; every wait is bounded. Each test starts a cluster and loads
the model in its workers, so all are slow.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_support import ROOT, run_cli, wait_for

pytestmark = pytest.mark.slow
CORPUS = ROOT / "corpus" / "documents"
DOCS = [
    "08-japan-first-projects-news.txt",
    "11-hyundai-korean-air-washington-summit.txt",
    "04-us-uae-ai-campus-deals.html",
    "07-us-australia-minerals-brief.pdf",
]


def make_archive(path: Path) -> Path:
    (path / "sub").mkdir(parents=True)
    for i, name in enumerate(DOCS):
        (path / ("sub" if i % 2 else "") / name).write_bytes((CORPUS / name).read_bytes())
    (path / "empty.txt").write_bytes(b"")  # a failure, so the error log has a line
    (path / "doc2.txt").write_text("SoftBank Group will invest $3 billion in power plants in Ohio by 2027.\n")
    return path


def tree(out: Path) -> dict[str, bytes]:
    """Records and the error log: what must be byte-identical between backends."""
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.json") if ".extractor" not in p.parts}
    files["errors.jsonl"] = (out / ".extractor" / "errors.jsonl").read_bytes()
    return files


def counts(out: Path) -> dict:
    return json.loads((out / ".extractor" / "manifest.json").read_text())["counts"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("dask") / "in")


@pytest.fixture(scope="module")
def local_tree(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    r = run_cli("extract", archive, out, "-j", "2", "-q")
    assert r.returncode == 1, r.stderr  # empty.txt fails
    return tree(out)


def test_local_cluster_writes_what_the_pool_writes_and_reruns_nothing(archive, local_tree, tmp_path):
    out = tmp_path / "out"
    r = run_cli("extract", archive, out, "--cluster", "local:2", "-q")
    assert r.returncode == 1, r.stderr
    assert tree(out) == local_tree
    again = run_cli("extract", archive, out, "--cluster", "local:2", "-q")
    assert again.returncode == 1, again.stderr  # empty.txt is retried, and fails again
    c = counts(out)
    assert (c["processed"], c["skipped"], c["failed"]) == (0, len(DOCS) + 1, 1)
    assert tree(out) == local_tree


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_scheduler_and_two_workers(archive, local_tree, tmp_path):
    port = _free_port()
    cli = Path(sys.executable).with_name("dask")  # the `dask` command of this environment
    scheduler = [str(cli), "scheduler"] if cli.exists() else [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [str(cli), "worker"] if cli.exists() else [sys.executable, "-m", "distributed.cli.dask_worker"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [*scheduler, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    address = f"tcp://127.0.0.1:{port}"
    try:
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        *worker,
                        address,
                        "--nworkers",
                        "1",
                        "--nthreads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--no-dashboard",
                        "--memory-limit",
                        "0",
                    ],
                    env=env,
                    cwd=tmp_path,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        out = tmp_path / "out"
        r = run_cli("extract", archive, out, "--scheduler", address, "-q")
        assert r.returncode == 1, r.stderr
        assert tree(out) == local_tree
        again = run_cli("extract", archive, out, "--scheduler", address, "-q")
        assert counts(out)["processed"] == 0 and again.returncode == 1
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)


def test_a_killed_worker_loses_no_document(archive, local_tree, tmp_path):
    marker, out = tmp_path / "pid", tmp_path / "out"
    from test_batch_support import cli_command

    proc = subprocess.Popen(
        cli_command(
            "extract",
            archive,
            out,
            "--cluster",
            "local:2",
            "-q",
            fault={"kind": "once", "name": "doc2.txt", "marker": str(marker)},
        ),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: marker.exists() and marker.read_text().strip(), timeout=180)
        os.kill(int(marker.read_text()), signal.SIGKILL)  # the worker that holds doc2.txt, mid-document
        _, err = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == 1, err  # empty.txt only
    assert tree(out) == local_tree


def test_a_document_that_kills_every_worker_is_worker_died(archive, tmp_path):
    out = tmp_path / "out"
    r = run_cli(
        "extract", archive, out, "--cluster", "local:2", "-q", fault={"kind": "die", "name": "doc2.txt"}, timeout=400
    )
    assert r.returncode == 1, r.stderr
    errors = [json.loads(x) for x in (out / ".extractor" / "errors.jsonl").read_text().splitlines()]
    assert [(e["file"], e["error_type"]) for e in errors] == [("doc2.txt", "worker_died"), ("empty.txt", "empty")]
    assert len([p for p in out.rglob("*.json") if ".extractor" not in p.parts]) == len(DOCS)


def test_timeout_on_the_cluster(archive, tmp_path):
    out = tmp_path / "out"
    t0 = time.monotonic()
    r = run_cli(
        "extract",
        archive,
        out,
        "--cluster",
        "local:2",
        "-q",
        "--timeout",
        "30",
        fault={"kind": "hang", "name": "doc2.txt"},
        timeout=300,
    )
    assert time.monotonic() - t0 < 200
    assert r.returncode == 1, r.stderr
    errors = {
        json.loads(x)["file"]: json.loads(x) for x in (out / ".extractor" / "errors.jsonl").read_text().splitlines()
    }
    assert errors["doc2.txt"]["error_type"] == "timeout"
    assert len([p for p in out.rglob("*.json") if ".extractor" not in p.parts]) == len(DOCS)


def test_cluster_option_is_checked(tmp_path):
    r = run_cli("extract", tmp_path, tmp_path / "out", "--cluster", "remote:2")
    assert r.returncode == 2 and "local:N" in r.stderr
