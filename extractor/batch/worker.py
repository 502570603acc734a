"""The worker side: set up a worker process, then turn one file into a record (or an error).

A worker closes the lock descriptor it inherited, arranges to die with its parent
(PR_SET_PDEATHSIG on Linux, plus a thread that watches the parent PID everywhere), caps its
address space (RLIMIT_AS, --max-memory) so a document that inflates fails as `too_large` instead
of meeting the OOM killer, and loads the model once.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from extractor.batch.errors import DocumentError
from extractor.config import ExtractConfig

PR_SET_PDEATHSIG = 1
PARENT_POLL_S = 0.5


@dataclass
class Outcome:
    source: str
    ok: bool
    record_json: str | None = None
    sha256: str | None = None  # of the bytes the record was made from
    error_type: str | None = None
    stage: str | None = None
    message: str | None = None
    seconds: float = 0.0

    def entry(self) -> dict:
        from extractor.batch.output import json_name

        return {
            "file": json_name(self.source),
            "stage": self.stage,
            "error_type": self.error_type,
            "message": self.message,
        }


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker gets once (pickled under spawn)."""

    config: ExtractConfig
    parent_pid: int
    lock_fd: Optional[int]  # inherited lock descriptor to close (fork only)
    max_memory_mb: int  # 0 = no limit
    hook: Optional[Callable[[str], None]] = None  # the test seam (pool.TEST_HOOK)


_SETUP: WorkerSetup | None = None


def init_worker(setup: WorkerSetup) -> None:
    global _SETUP
    _SETUP = setup
    if setup.lock_fd is not None:
        try:
            os.close(setup.lock_fd)
        except OSError:
            pass
    die_with_parent(setup.parent_pid)
    if setup.max_memory_mb:
        limit_memory(setup.max_memory_mb)
    from extractor.nlp import load

    load(setup.config.model)


def die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(70)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent_pid:
                os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def limit_memory(mb: int) -> None:
    """RLIMIT_AS: the worker's address space may not pass `mb` MB (nor what it already holds + 128 MB)."""
    import resource

    try:
        with open("/proc/self/statm") as f:
            current = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        current = 0
    limit = max(mb << 20, current + (128 << 20))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def read_input(path: str, max_bytes: int) -> bytes:
    """The file's bytes: a regular file only (opened non-blocking, so a FIFO swapped in cannot hang
    the worker), at most max_bytes (a file that grows past the limit while read fails too)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DocumentError("vanished", "the file was deleted or moved before it was read")
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise DocumentError("symlink_loop", "a symlink loop (the link leads back to itself)")
        raise DocumentError("unreadable", f"cannot open the file: {e.strerror}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError("not_regular_file", "not a regular file (replaced during the run?); not read")
        if st.st_size > max_bytes:
            raise DocumentError(
                "too_large",
                f"{st.st_size} bytes, limit is {max_bytes} (--max-bytes: larger "
                f"documents would not finish inside the default --timeout)",
                stage="limits",
            )
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise DocumentError("too_large", f"over {max_bytes} bytes, the limit", stage="limits")
        return b"".join(chunks)
    except OSError as e:
        raise DocumentError("unreadable", f"cannot read the file: {e.strerror}")
    finally:
        os.close(fd)


def process_file(path: str, source: str, config: ExtractConfig, hook: Callable[[str], None] | None = None) -> Outcome:
    """One document, in this process: never raises (every failure is an Outcome with its type)."""
    from extractor.ingest import IngestError
    from extractor.pipeline import extract_document
    from extractor.serialize import dumps

    t0 = time.perf_counter()
    try:
        if hook is not None:
            hook(source)
        if "://" in path:  # an fsspec URL (s3://..., file://...): see batch/remote.py
            from extractor.batch.remote import read_url

            data = read_url(path, config.max_bytes)
        else:
            data = read_input(path, config.max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        record = extract_document(data, source, config)
        return Outcome(source, True, dumps(record), sha256=digest, seconds=time.perf_counter() - t0)
    except (IngestError, DocumentError) as e:
        return Outcome(
            source, False, error_type=e.error_type, stage=e.stage, message=str(e), seconds=time.perf_counter() - t0
        )
    except MemoryError:
        limit = f" (--max-memory {_SETUP.max_memory_mb} MB)" if _SETUP and _SETUP.max_memory_mb else ""
        return Outcome(
            source,
            False,
            error_type="too_large",
            stage="extract",
            message=f"ran out of memory{limit} while extracting",
            seconds=time.perf_counter() - t0,
        )
    except RecursionError as e:
        return Outcome(
            source,
            False,
            error_type="too_large",
            stage="extract",
            message=f"too deeply nested: {e}",
            seconds=time.perf_counter() - t0,
        )
    except Exception as e:  # a bug in a rule must not stop the run; it is logged with its type
        return Outcome(
            source,
            False,
            error_type="error",
            stage="extract",
            message=f"{type(e).__name__}: {e}",
            seconds=time.perf_counter() - t0,
        )


def set_up(setup: WorkerSetup) -> None:
    """A worker that is not ours to manage (a Dask worker): only the setup and the model, once, and
    one small document, so rule tables and lazy imports are loaded before the first timed task."""
    global _SETUP
    _SETUP = setup
    from extractor.nlp import load
    from extractor.pipeline import extract_document

    load(setup.config.model)
    try:
        extract_document(b"Acme Corp will invest $1 billion in a plant in Ohio by 2027.\n", "warm-up.txt", setup.config)
    except Exception:  # a broken rule shows on the real documents, with its name
        pass


def run_one(path: str, source: str) -> Outcome:
    """The task a pool worker runs."""
    assert _SETUP is not None, "init_worker was not called"
    return process_file(path, source, _SETUP.config, _SETUP.hook)
