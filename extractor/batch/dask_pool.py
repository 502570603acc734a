"""Documents through a Dask cluster (`--scheduler tcp://HOST:8786`, or `--cluster local:N`), behind the
interface of `pool.execute`, so `run.py` stays the one driver: the driver keeps the state, the lock,
the manifest, the error log and every write; the workers only turn a path into an `Outcome` (the
record as a JSON string) with the same `worker.process_file` the local pool runs.

- The model loads once per worker: a `WorkerPlugin` (`ExtractorPlugin`) sets the worker up when it
  joins, restarted workers included.
- Inputs are read by the workers: a path on a file system they share (the driver's absolute path),
  or an fsspec URL (s3://bucket/prefix); nothing but names and results cross the network.
- A worker that dies (killed, OOM, segfault) loses nothing: the scheduler hands its tasks to other
  workers. A document whose task was on `allowed-failures` + 1 dying workers (Dask's setting, 3 by
  default; ALLOWED_FAILURES for `--cluster local:N`) fails as `worker_died`, and the run goes on.
- `--timeout`: each task announces its start (a worker event); a document running past its limit
  fails as `timeout`, and its worker is restarted through its nanny, which stops it.
- A stop (SIGINT, SIGTERM, a full disk) cancels everything not finished within about a second.

Test seam: `pool.TEST_HOOK` is shipped to the workers in the plugin, as for the local pool.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Optional

from extractor.batch.options import document_timeout
from extractor.batch.worker import Outcome, WorkerSetup

START_TOPIC = "extractor-start"
ALLOWED_FAILURES = 2  # a document may see this many workers die under it; the next death fails it
CONNECT_S = 30.0
POLL_S = 0.2


def executor(
    scheduler: Optional[str] = None, workers: Optional[int] = None, log: Callable[[str], None] = lambda msg: None
):
    """An `execute` with the shape of pool.execute, bound to a scheduler address or a local cluster size."""

    def execute(pending, config, jobs, timeout, max_memory_mb, stop, timeout_per_mb=0.0):
        return _execute(list(pending), config, timeout, timeout_per_mb, stop, scheduler, workers, log)

    return execute


class ExtractorPlugin:
    """Set up each worker once: the options, the test hook, the model (a distributed WorkerPlugin)."""

    name = "extractor"

    def __init__(self, worker_setup: WorkerSetup):
        self.worker_setup = worker_setup

    def setup(self, worker) -> None:
        from extractor.batch.worker import set_up

        set_up(self.worker_setup)

    def teardown(self, worker) -> None:
        pass

    def transition(self, key, start, finish, **kwargs) -> None:
        pass


def extract_task(path: str, rel: str, token: str, config) -> Outcome:
    """The task: announce the start (for --timeout), then one document, as a pool worker does it.
    The options travel with each task, so two runs with different options may share a cluster."""
    from distributed import get_worker

    from extractor.batch import worker as worker_module

    try:
        worker = get_worker()
        worker.log_event(START_TOPIC, {"token": token, "worker": worker.address})
    except Exception:  # no timeout tracking is better than no record
        pass
    setup = worker_module._SETUP
    return worker_module.process_file(path, rel, config, setup.hook if setup else None)


def _connect(scheduler: Optional[str], workers: Optional[int]):
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout=CONNECT_S, set_as_default=False), None
    import logging

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            scheduler_port=0,
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
            memory_limit=0,
        )
        return Client(cluster, timeout=CONNECT_S, set_as_default=False), cluster


def _execute(
    pending: list[tuple[str, str, int]], config, timeout, timeout_per_mb, stop: threading.Event, scheduler, workers, log
) -> Iterator[Outcome | None]:
    if not pending:
        return
    from distributed import KilledWorker
    from distributed.diagnostics.plugin import WorkerPlugin

    from extractor.batch import pool

    plugin_type = type("ExtractorWorkerPlugin", (ExtractorPlugin, WorkerPlugin), {})
    setup = WorkerSetup(config=config, parent_pid=os.getpid(), lock_fd=None, max_memory_mb=0, hook=pool.TEST_HOOK)
    client, cluster = _connect(scheduler, workers)
    landed: queue.SimpleQueue = queue.SimpleQueue()
    started: dict[str, tuple[float, str]] = {}  # token -> (when, worker address)

    def on_start(event) -> None:
        _, msg = event
        started[msg["token"]] = (time.monotonic(), msg["worker"])

    futures: dict = {}
    try:
        client.register_plugin(plugin_type(setup), name="extractor")
        client.subscribe_topic(START_TOPIC, on_start)
        run_id = uuid.uuid4().hex[:12]
        for n, (rel, path, size) in enumerate(pending):
            token = f"{run_id}-{n}"
            # Largest first (pending comes sorted so): a higher priority runs earlier.
            future = client.submit(
                extract_task,
                _shared(path),
                rel,
                token,
                config,
                key=f"extract-{token}",
                pure=False,
                priority=len(pending) - n,
            )
            futures[future.key] = (future, rel, document_timeout(timeout, timeout_per_mb, size), token)
            future.add_done_callback(landed.put)
        while futures:
            if stop.is_set():
                break
            try:
                future = landed.get(timeout=POLL_S)
            except queue.Empty:
                yield from _overdue(client, futures, started, log)
                yield None
                continue
            entry = futures.pop(future.key, None)
            if entry is None:  # already reported (a timeout that was cancelled)
                continue
            yield _outcome(future, entry[1], KilledWorker)
    finally:
        for future, *_ in futures.values():
            future.cancel()
        _close(client, cluster, log)


def _close(client, cluster, log) -> None:
    """Leave the cluster; a slow shutdown (a worker still restarting after a timeout) is logged, never
    raised: the run's own files must still be written."""
    steps = [lambda: client.unsubscribe_topic(START_TOPIC), lambda: client.close(timeout=10)]
    if cluster is not None:
        steps.append(lambda: cluster.close(timeout=30))
    for step in steps:
        try:
            step()
        except Exception as e:
            log(f"closing the Dask cluster: {type(e).__name__}: {e}")


def _shared(path: str) -> str:
    """What the workers open: a URL as it is, a local path made absolute (they share the file system)."""
    return path if "://" in path else os.path.abspath(path)


def _overdue(client, futures: dict, started: dict, log) -> list[Outcome]:
    """Documents running past their limit: failed as timeout, their workers restarted (which stops them)."""
    from extractor.batch.pool import timeout_outcome

    now, late, restart = time.monotonic(), [], set()
    for key, (future, rel, limit, token) in list(futures.items()):
        if limit is None or token not in started or future.done():
            continue
        when, worker = started[token]
        if now - when > limit:
            del futures[key]
            future.cancel()
            restart.add(worker)
            late.append(timeout_outcome(rel, limit))
    if restart:  # in the background: the new worker takes a while to load the model

        def restart_them() -> None:
            try:
                client.restart_workers(list(restart), timeout=60, raise_for_error=False)
            except Exception as e:  # a worker without a nanny cannot be restarted: it stays busy
                if client.status == "running":  # (not the run ending meanwhile)
                    log(f"could not restart worker(s) {sorted(restart)} after a timeout: {e}")

        threading.Thread(target=restart_them, name="restart-workers", daemon=True).start()
    return late


def _outcome(future, rel: str, killed_type) -> Outcome:
    try:
        outcome = future.result()
    except killed_type:
        return Outcome(
            rel,
            False,
            error_type="worker_died",
            stage="extract",
            message="the worker process died (Dask workers running this document kept dying)",
        )
    except MemoryError:
        return Outcome(rel, False, error_type="too_large", stage="extract", message="ran out of memory")
    except Exception as e:  # a lost connection or an unpicklable result must not stop the run
        return Outcome(rel, False, error_type="error", stage="extract", message=f"{type(e).__name__}: {e}")
    if not isinstance(outcome, Outcome):
        return Outcome(rel, False, error_type="error", stage="extract", message=f"unexpected result {outcome!r}")
    return outcome
