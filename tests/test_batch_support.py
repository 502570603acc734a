"""Helpers for the batch tests: run `extractor extract` in a subprocess, read what it left in OUT,
and inject a fault into one document through the test seam `extractor.batch.pool.TEST_HOOK`.

Run as a script, this module is the fault driver:
`python tests/test_batch_support.py '{"kind": "hang", "name": "doc2.txt"}' extract IN OUT ...`
sets the seam to a `Fault` and then runs the command line; '-' instead of the JSON sets none.
Production code holds no fault logic: only the seam, None unless a test sets it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DOC = "SoftBank Group will invest ${n} billion in power plants in Ohio by April 2026.\n"


class Fault:
    """What a worker does on reaching document `name`: hang (sleep an hour), die (os._exit), raise,
    once (the first worker writes its PID to `marker` and hangs, to be killed; the next goes on),
    hog (allocate `mb` MB at once), delete or rewrite (with `text`) the file at `path`, or fill the
    file system holding `path` with a file there. With `marker`, it first writes its PID to that file."""

    def __init__(
        self, kind: str, name: str, marker: str | None = None, mb: int = 8192, path: str | None = None, text: str = ""
    ):
        self.kind, self.name, self.marker, self.mb, self.path, self.text = kind, name, marker, mb, path, text

    def __call__(self, source: str) -> None:
        if source != self.name:
            return
        if self.kind == "once":  # the first worker to reach it writes its PID and hangs; later ones go on
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            time.sleep(3600)
        if self.marker:
            Path(self.marker).write_text(str(os.getpid()))
        if self.kind == "die":
            os._exit(3)
        if self.kind == "hang":
            time.sleep(3600)
        if self.kind == "raise":
            raise RuntimeError("injected fault")
        if self.kind == "hog":
            block = bytearray(self.mb << 20)
            del block
        if self.kind == "delete":
            os.unlink(self.path)
        if self.kind == "rewrite":
            Path(self.path).write_text(self.text, encoding="utf-8")
        if self.kind == "fill":
            time.sleep(1.0)  # let the main process write the record of the document before this one
            with open(self.path, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass


def cli_command(*args, fault: dict | None = None) -> list[str]:
    return [sys.executable, str(TESTS / "test_batch_support.py"), json.dumps(fault) if fault else "-", *map(str, args)]


def run_cli(
    *args, fault: dict | None = None, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`extractor ARGS` (e.g. "extract", IN, OUT, "-j", "1") in a subprocess, text output captured."""
    return subprocess.run(
        cli_command(*args, fault=fault),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def popen_cli(*args, fault: dict | None = None, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen(cli_command(*args, fault=fault), cwd=ROOT, env={**os.environ, **(env or {})}, **kw)


def make_archive(folder: Path, n: int = 4) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        (folder / f"doc{i}.txt").write_text(DOC.replace("{n}", str(i)), encoding="utf-8")
    return folder


def run_dir(out: Path) -> Path:
    return out / ".extractor"


def manifest(out: Path) -> dict:
    return json.loads((run_dir(out) / "manifest.json").read_text(encoding="utf-8"))


def errors(out: Path) -> list[dict]:
    path = run_dir(out) / "errors.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def error_types(out: Path) -> dict[str, str]:
    return {e["file"]: e["error_type"] for e in errors(out)}


def state(out: Path) -> dict:
    return json.loads((run_dir(out) / "state.json").read_text(encoding="utf-8"))


def records(out: Path) -> set[str]:
    """Names of the records under OUT (relative input names), the run folder left out."""
    found = set()
    for p in out.rglob("*.json"):
        rel = p.relative_to(out)
        if rel.parts[0] == ".extractor" or p.name.startswith(".") or not p.is_file():
            continue
        found.add(rel.as_posix()[: -len(".json")])
    return found


def live_processes_with(tag: str) -> list[int]:
    """PIDs of processes (zombies left out) whose environment holds EXTRACTOR_TEST_TAG=tag."""
    needle = f"EXTRACTOR_TEST_TAG={tag}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if needle not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat", "rb") as f:
                if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    continue
        except OSError:
            continue
        found.append(int(entry))
    return found


def can_mount() -> bool:
    """Can this process mount a tmpfs in a private mount namespace (root, CAP_SYS_ADMIN, unshare)?"""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    r = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"], capture_output=True
    )
    return r.returncode == 0


def run_in_tmpfs(
    mount: Path, keep: Path, args: list, options: str, fault: dict | None = None, ro: bool = False, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run `extractor ARGS` with a fresh tmpfs (mount options `options`) at `mount`, in a private mount
    namespace (nothing outside this process sees it); afterwards `mount`'s contents are copied to `keep`.
    With `ro`, the tmpfs is remounted read-only (after creating `mount`/out) before the run."""
    mount.mkdir(parents=True, exist_ok=True)
    keep.mkdir(parents=True, exist_ok=True)
    script = (
        'mount -t tmpfs -o "$1" tmpfs "$2" || exit 99; mkdir -p "$2/out"; '
        + ('mount -o remount,ro "$2" || exit 99; ' if ro else "")
        + 'm="$2"; k="$3"; shift 3; "$@"; rc=$?; cp -a "$m/." "$k/" 2>/dev/null; exit $rc'
    )
    cmd = ["unshare", "-m", "sh", "-c", script, "sh", options, str(mount), str(keep), *cli_command(*args, fault=fault)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def wait_for(predicate, timeout: float = 30.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# --- tests of the helpers themselves ----------------------------------------------------------


def test_fault_only_touches_its_document(tmp_path):
    marker = tmp_path / "pid"
    Fault("raise", "a.txt", str(marker))("b.txt")
    assert not marker.exists()


def test_production_seam_is_empty():
    from extractor.batch import pool

    assert pool.TEST_HOOK is None


if __name__ == "__main__":
    spec = sys.argv[1]
    if spec != "-":
        from extractor.batch import pool

        pool.TEST_HOOK = Fault(**json.loads(spec))
    from extractor.cli import main

    sys.argv = ["extractor", *sys.argv[2:]]
    main()
