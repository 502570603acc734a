"""The batch run: walk IN, skip what is unchanged, extract the rest in the pool, write records,
the error log, the manifest and the state under OUT. No single file stops the run.

Order of work: check the paths (UsageError), prepare OUT (OutputUnusable), take the lock
(LockedError), delete temp files left by a killed write, read and validate the state, discover
the inputs, plan (skip a document only when its bytes, the run key and a whole record all agree),
run the pool while writing each record as it lands and checkpointing the state, then find
orphaned records (records whose source is gone), and write the error log, state and manifest.
SIGINT and SIGTERM stop the pool at once and still write those three files.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extractor import __version__
from extractor.batch import output, pool
from extractor.batch.discover import Discovery, discover_inputs
from extractor.batch.errors import DocumentError, OutputFull, UsageError
from extractor.batch.lock import RunLock
from extractor.batch.options import RunOptions
from extractor.batch.output import json_name, shown
from extractor.batch.report import manifest, write_run_files
from extractor.batch.state import file_hash, key_hash, load_state
from extractor.batch.state import save_state as write_state


@dataclass
class RunSummary:
    processed: int = 0
    skipped: int = 0
    failed: list[dict] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    not_done: int = 0  # pending documents left when the run was stopped
    interrupted: int | None = None  # the signal that stopped the run
    stopped: str | None = None  # why the run stopped early (disk_full), besides a signal
    seconds: float = 0.0
    unsupported: list[str] = field(default_factory=list)  # files no reader takes, skipped (not failed)

    @property
    def exit_code(self) -> int:
        """0 all done, 1 a document failed or the run stopped on a full disk, 128+N on signal N
        (130 SIGINT, 143 SIGTERM)."""
        if self.interrupted:
            return 128 + self.interrupted
        return 1 if self.failed or self.stopped else 0


def run_key(config) -> dict:
    """Everything that changes a record besides the input bytes."""
    from extractor.nlp import model_info
    from extractor.resources import rules_digest

    return {
        "extractor": __version__,
        **model_info(config.model),
        "rules": rules_digest(),
        "options": config.normalized(),
    }


def check_paths(in_dir: Path | str, out_dir: Path) -> None:
    if isinstance(in_dir, str):  # an fsspec URL: nothing of OUT can be inside it
        from extractor.batch.remote import check_url

        return check_url(in_dir)
    if not in_dir.is_dir():
        raise UsageError(f"input folder {in_dir} does not exist or is not a folder")
    a, b = Path(os.path.realpath(in_dir)), Path(os.path.realpath(out_dir))
    if a == b:
        raise UsageError("IN and OUT are the same folder; records must go elsewhere")
    if a.is_relative_to(b):
        raise UsageError(f"IN ({in_dir}) is inside OUT ({out_dir}); choose folders apart")
    if b.is_relative_to(a):
        raise UsageError(f"OUT ({out_dir}) is inside IN ({in_dir}); records would become inputs")


def run(options: RunOptions) -> RunSummary:
    """One batch run as `options` says: discover the inputs, take the lock, extract what changed (or
    everything with force) in the local pool or on Dask, write records atomically, the state, the
    manifest and the error log; returns the RunSummary whose counts give the exit status."""
    check_paths(options.in_dir, options.out_dir)
    run_dir = output.prepare(options.out_dir)
    with RunLock(run_dir, options.out_dir), _trap_signals(options.handle_signals) as stop:
        return _Batch(options, run_dir, stop).run()


@contextmanager
def _trap_signals(enabled: bool):
    """SIGINT/SIGTERM set `stop` (the first one); a second one stops hard (KeyboardInterrupt)."""
    stop = threading.Event()
    stop.signum = None  # type: ignore[attr-defined]
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.signum = signum
        stop.set()

    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in old.items():
            signal.signal(s, h)


class _Batch:
    def __init__(self, options: RunOptions, run_dir: Path, stop: threading.Event):
        self.o, self.run_dir, self.stop = options, run_dir, stop
        self.out = options.out_dir
        self.log = options.log or (lambda msg: None)
        self.summary = RunSummary()
        self.docs: dict[str, dict] = {}
        self.durations: dict[str, float] = {}
        self._since, self._last, self._cost = 0, 0.0, 0.0

    def run(self) -> RunSummary:
        t0 = time.perf_counter()
        o, s = self.o, self.summary
        if n := output.clean_temp_files(self.out):
            self.log(f"removed {n} temporary files left by an interrupted run")
        key = run_key(o.config)
        self.key = key_hash(key)
        state = load_state(self.run_dir, self.out, self.log)
        old = state.documents if state.key == self.key and not o.force else {}
        found = discover_inputs(o)
        s.unsupported = found.unsupported
        for p in found.problems:
            self._fail(p.entry(), p.file)
        for name, entry in old.items():  # kept as they were: their folder could not be read this time
            if found.under_unreadable(name):
                self.docs[name] = {"sha256": entry.sha256}
        pending = self._plan(found, old)
        self._checkpoint(force=True)
        try:
            self._extract(pending)
        except OutputFull as e:
            s.stopped = e.code
            self.log(f"STOPPED {e}")
        s.interrupted = getattr(self.stop, "signum", None)
        self._orphans(found)
        s.failed.sort(key=lambda e: e["file"])
        s.seconds = time.perf_counter() - t0
        self._finish(key, len(found.inputs))
        return s

    def _plan(self, found: Discovery, old: dict) -> list[tuple[str, str, int]]:
        name_max = output.name_max(self.out)
        pending = []
        for n, item in enumerate(found.inputs):
            if self.stop.is_set():  # a signal while hashing a big archive: stop here too
                self.summary.not_done = len(found.inputs) - n
                break
            problem = output.target_problem(self.out, item.rel, name_max)
            if problem is not None:
                self._fail(_entry(item.rel, problem), item.rel, remove=False)
                continue
            prev = old.get(item.rel)
            if prev is not None and item.size <= self.o.config.max_bytes and self._unchanged(item, prev.sha256):
                self.docs[item.rel] = {"sha256": prev.sha256}
                self.summary.skipped += 1
            else:
                pending.append(item)
        # Largest files first, so no worker is left alone with a 200-page PDF at the end.
        pending.sort(key=lambda i: (-i.size, i.rel))
        return [(i.rel, str(i.path), i.size) for i in pending]

    def _unchanged(self, item, sha: str) -> bool:
        """Same bytes as last time, and a whole record made from them (not truncated, not swapped)."""
        if isinstance(item.path, str):
            from extractor.batch.remote import url_hash

            digest = url_hash(item.path)
        else:
            digest = file_hash(item.path)
        if digest != sha:
            return False
        rec = output.read_record(self.out, item.rel)
        return rec is not None and rec["document"].get("id") == sha and rec["document"].get("source") == item.rel

    def _backend(self):
        """The local process pool, or the Dask cluster (--scheduler, --cluster local:N): one interface."""
        o = self.o
        if o.scheduler or o.cluster:
            from extractor.batch import dask_pool

            return dask_pool.executor(scheduler=o.scheduler, workers=o.cluster, log=self.log)
        return pool.execute

    def _extract(self, pending: list[tuple[str, str, int]]) -> None:
        o, s = self.o, self.summary
        bar = None
        if o.progress and pending:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            bar = tqdm(total=len(pending), unit="doc", file=sys.stderr, disable=None, leave=False)
        left = {rel for rel, _, _ in pending}
        outcomes = self._backend()(pending, o.config, o.jobs, o.timeout, o.max_memory, self.stop, o.timeout_per_mb)
        try:
            for outcome in outcomes:
                if outcome is None:  # the pool is busy: a moment to save the state
                    self._checkpoint()
                    continue
                rel = outcome.source
                left.discard(rel)
                if bar is not None:
                    bar.update(1)
                self.durations[rel] = round(outcome.seconds, 3)
                if outcome.ok:
                    try:
                        output.write_record(self.out, rel, outcome.record_json)
                    except DocumentError as e:
                        self._fail(_entry(rel, e), rel, remove=False)
                        continue
                    except OutputFull as e:
                        self._fail(
                            {"file": json_name(rel), "stage": "write", "error_type": "disk_full", "message": str(e)},
                            rel,
                            remove=False,
                        )
                        raise
                    self.docs[rel] = {"sha256": outcome.sha256}
                    s.processed += 1
                    self.log(f"ok      {shown(rel)}")
                    self._checkpoint(landed=True)
                else:
                    self._fail(outcome.entry(), rel)
        finally:
            outcomes.close()  # stops the pool now, even when a write error ends the loop
            s.not_done += len(left)
            if bar is not None:
                bar.close()

    def _fail(self, entry: dict, rel: str, remove: bool = True) -> None:
        """A failed document has no record, not a stale one (unless the record's place is the problem)."""
        if remove and output.is_valid_name(rel) and not rel.endswith("/"):
            output.remove_record(self.out, rel)
        self.summary.failed.append(entry)
        self.log(f"FAILED  {shown(entry['file'])}: {entry['error_type']}: {entry['message']}")

    def _checkpoint(self, landed: bool = False, force: bool = False) -> None:
        """Write the state once `checkpoint_every` records landed, or `checkpoint_seconds` after the
        first unsaved one, so a run killed at any moment redoes only what was not finished. A large
        state is written less often: checkpoints take at most about 5% of the run's time."""
        self._since += landed
        now = time.monotonic()
        since = now - self._last
        due = self._since >= self.o.checkpoint_every or since >= self.o.checkpoint_seconds
        if force or (self._since and due and since >= 20 * self._cost):
            write_state(self.run_dir, self.key, self.docs)
            self._since, self._last = 0, time.monotonic()
            self._cost = self._last - now

    def _orphans(self, found: Discovery) -> None:
        """Records whose source is gone: listed, or deleted with --prune (only files under OUT that
        are records of that very name)."""
        for rel in sorted(output.record_names(self.out, known=found.names)):
            if found.under_unreadable(rel):
                continue  # its source may well be there: the folder could not be read
            if self.o.prune and output.remove_record(self.out, rel):
                self.summary.pruned.append(rel)
            else:
                self.summary.orphaned.append(rel)

    def _finish(self, key: dict, inputs: int) -> None:
        problems = write_run_files(
            self.run_dir, self.key, self.docs, manifest(self.o, self.summary, key, inputs, self.durations)
        )
        if problems and not self.summary.stopped:
            self.summary.stopped = "disk_full"
            self.log(f"STOPPED {problems[0]}")


def _entry(rel: str, e: DocumentError) -> dict:
    return {"file": json_name(rel), "stage": e.stage, "error_type": e.error_type, "message": str(e)}
