"""OUT's lock: one writing run at a time, owned by the main process alone.

The lock is an flock on OUT/.extractor/lock, opened O_CLOEXEC. Worker processes are forked, so
they inherit the descriptor: the worker initializer closes it first thing (`LOCK_FD` below), and a
worker dies with its parent anyway (see pool.py). The file holds the owner's PID and start time.
A lock that is held while its recorded owner is gone (a leftover process of a killed run, e.g. a
worker of an older version) is stale: the file is replaced and the run goes on. A run of an older
version holding OUT/.extractor.lock is respected.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from extractor.batch.errors import LockedError, OutputUnusable
from extractor.batch.output import LEGACY, LOCK_FILE

#: The descriptor of the lock held by this process (None when none): workers close it.
LOCK_FD: int | None = None


def process_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
        return data.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def owner_alive(owner: dict) -> bool:
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return True  # unknown owner: assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    start = process_start(pid)
    if start is not None and owner.get("start") is not None and start != owner.get("start"):
        return False  # the PID was reused by another process
    if start is not None:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    return False  # a zombie holds nothing
        except (OSError, IndexError):
            pass
    return True


class RunLock:
    def __init__(self, run_dir: Path, out_dir: Path):
        self.path = run_dir / LOCK_FILE
        self.legacy = out_dir / LEGACY["lock"]
        self.out_dir = out_dir
        self.fd: int | None = None

    def acquire(self) -> RunLock:
        global LOCK_FD
        self._check_legacy()
        for _ in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as e:
                raise OutputUnusable(f"cannot create the lock file in {self.out_dir}: {e.strerror}")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = self._owner(fd) or {"pid": flock_pid(os.fstat(fd).st_ino)}
                if owner_alive(owner):
                    os.close(fd)
                    pid = f" (pid {owner['pid']})" if isinstance(owner.get("pid"), int) else ""
                    raise LockedError(
                        f"another extractor run{pid} is writing to {self.out_dir} "
                        f"(lock .extractor/{LOCK_FILE} is held); not starting"
                    )
                self._replace_stale(fd)
                continue
            if not self._same_file(fd):
                os.close(fd)  # replaced by another run between open and flock: try the new one
                continue
            os.ftruncate(fd, 0)
            os.pwrite(
                fd,
                json.dumps(
                    {"pid": os.getpid(), "start": process_start(os.getpid()), "since": int(time.time())}
                ).encode(),
                0,
            )
            self.fd = LOCK_FD = fd
            return self
        raise LockedError(f"cannot take the lock of {self.out_dir}: it keeps changing; is another run starting?")

    def release(self) -> None:
        global LOCK_FD
        if self.fd is not None:
            os.close(self.fd)
            self.fd = LOCK_FD = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def _owner(self, fd: int) -> dict:
        for _ in range(3):  # a run that just took the lock writes its PID right after
            try:
                data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "null")
                if isinstance(data, dict):
                    return data
            except ValueError:
                pass
            time.sleep(0.1)
        return {}

    def _same_file(self, fd: int) -> bool:
        try:
            a, b = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)

    def _replace_stale(self, fd: int) -> None:
        try:
            if self._same_file(fd):
                os.unlink(self.path)  # the leftover keeps its lock on the old file; we take a new one
        finally:
            os.close(fd)

    def _check_legacy(self) -> None:
        """Refuse while a live run of an older version holds OUT/.extractor.lock (a lock left to a
        leftover worker of a killed run, its locker gone, is ignored)."""
        try:
            fd = os.open(self.legacy, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = flock_pid(os.fstat(fd).st_ino)
            if pid is None or owner_alive({"pid": pid}):
                raise LockedError(
                    f"another extractor run is writing to {self.out_dir} (lock {LEGACY['lock']} is held); not starting"
                )
        finally:
            os.close(fd)


def flock_pid(inode: int) -> int | None:
    """The PID that took the flock on this inode, from /proc/locks (None when unknown)."""
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5].rsplit(":", 1)[-1] == str(inode):
                    return int(parts[4])
    except (OSError, ValueError):
        pass
    return None
