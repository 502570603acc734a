"""Documents through a pebble process pool, stoppable at once.

Each worker loads the model once (forked after the main process loaded it, so the pages are
shared); a document past the timeout has its worker killed (`timeout`); a worker that dies
(segfault, os._exit, the OOM killer) fails its document (`worker_died`) and the pool carries on;
workers are recycled after MAX_TASKS documents so memory stays bounded on long runs. When `stop`
is set (SIGINT, SIGTERM, a full disk) the pool is stopped within about a second: busy workers are
terminated, pending documents are left for the next run.

Test seam: `TEST_HOOK`, None in production, may be set to a picklable callable taking the
document's relative name; every worker calls it before reading each document. The tests use it
(tests/test_batch_support.py) to make one document hang, kill its worker or raise.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Optional

from extractor.batch import lock as lock_module
from extractor.batch.options import document_timeout
from extractor.batch.worker import Outcome, WorkerSetup, init_worker, run_one
from extractor.config import ExtractConfig

MAX_TASKS = 200  # documents per worker before it is replaced (bounds memory on long runs)
POLL_S = 0.2
TEST_HOOK: Optional[Callable[[str], None]] = None


def execute(
    pending: Iterable[tuple[str, str, int]],
    config: ExtractConfig,
    jobs: int,
    timeout: float | None,
    max_memory_mb: int,
    stop: threading.Event,
    timeout_per_mb: float = 0.0,
) -> Iterator[Outcome | None]:
    """Yield one Outcome per (relative name, path, size) in completion order, until done or `stop` is
    set, and None whenever nothing finished for POLL_S seconds (the caller may checkpoint then).
    A document may take `timeout` seconds plus `timeout_per_mb` for each MB of its size.

    The Dask backend (`dask_pool.execute`) has the same shape."""
    pending = list(pending)
    if not pending:
        return
    from pebble import ProcessExpired, ProcessPool
    from pebble.common import CONSTS

    CONSTS.term_timeout = 1.0  # a stopped worker that ignores SIGTERM gets SIGKILL after 1 s, not 3
    # fork: workers inherit the pipeline loaded just below, copy-on-write, instead of loading their own.
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    fork = ctx.get_start_method() == "fork"
    if fork:
        from extractor.nlp import load

        load(config.model)  # once here; every forked worker shares it
    setup = WorkerSetup(
        config=config,
        parent_pid=os.getpid(),
        lock_fd=lock_module.LOCK_FD if fork else None,
        max_memory_mb=max_memory_mb,
        hook=TEST_HOOK,
    )
    pool = ProcessPool(
        max_workers=min(jobs, len(pending)),
        max_tasks=MAX_TASKS,
        initializer=init_worker,
        initargs=(setup,),
        context=ctx,
    )
    stopped = False
    landed: queue.SimpleQueue = queue.SimpleQueue()
    try:
        futures = {}
        for rel, path, size in pending:
            limit = document_timeout(timeout, timeout_per_mb, size)
            future = pool.schedule(run_one, (path, rel), timeout=limit)
            futures[future] = (rel, limit)
            future.add_done_callback(landed.put)
        while futures:
            if stop.is_set():
                stopped = True
                break
            try:
                future = landed.get(timeout=POLL_S)
            except queue.Empty:
                yield None
                continue
            yield _outcome(future, *futures.pop(future), max_memory_mb, ProcessExpired)
        stopped = stopped or stop.is_set()
    except GeneratorExit:
        stopped = True
        raise
    finally:
        if stopped or sys.exc_info()[0] is not None:
            pool.stop()
        else:
            pool.close()
        pool.join()


def timeout_outcome(rel: str, limit: float | None) -> Outcome:
    return Outcome(
        rel,
        False,
        error_type="timeout",
        stage="extract",
        message=f"extraction took longer than {limit or 0:.0f} s; the worker was stopped",
        seconds=limit or 0.0,
    )


def _outcome(future, rel: str, timeout: float | None, max_memory_mb: int, expired_type) -> Outcome:
    try:
        return future.result()
    except FutureTimeout:
        return timeout_outcome(rel, timeout)
    except expired_type as e:
        if e.exitcode == -signal.SIGABRT and max_memory_mb:
            # C code (pdfium) aborts when an allocation fails under the address-space cap, where
            # Python code raises MemoryError: the document needs more memory than allowed.
            return Outcome(
                rel,
                False,
                error_type="too_large",
                stage="extract",
                message=f"the worker aborted with its memory capped at {max_memory_mb} MB: the document "
                f"needs more (--max-memory)",
            )
        how = f"killed by signal {-e.exitcode}" if (e.exitcode or 0) < 0 else f"exit code {e.exitcode}"
        return Outcome(
            rel, False, error_type="worker_died", stage="extract", message=f"the worker process died ({how})"
        )
    except CancelledError:
        return Outcome(rel, False, error_type="error", stage="extract", message="cancelled")
    except MemoryError:
        return Outcome(rel, False, error_type="too_large", stage="extract", message="ran out of memory")
    except Exception as e:  # a pickling or pool error must not stop the run
        return Outcome(rel, False, error_type="error", stage="extract", message=f"{type(e).__name__}: {e}")
