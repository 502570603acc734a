"""The batch run: walk IN, skip what is unchanged, extract the rest (in parallel), write records,
the error log, the manifest and the state file under OUT. One bad file never stops the run."""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor import __version__
from extractor.config import ExtractConfig
from extractor.ingest import IngestError
from extractor.resources import rules_digest
from extractor.serialize import dumps, write_atomic

STATE_FILE = ".extractor-state.json"
ERROR_LOG = "errors.jsonl"
MANIFEST = "manifest.json"
LOCK_FILE = ".extractor.lock"
IGNORE_FILE = ".extractorignore"
RESERVED = {STATE_FILE, ERROR_LOG, MANIFEST, LOCK_FILE}
MAX_TASKS = 200  # documents per worker before it is replaced (bounds memory on long runs)


class RunError(Exception):
    """The run cannot start (bad paths, OUT locked by another run)."""


@dataclass
class Outcome:
    source: str
    ok: bool
    record_json: str | None = None
    error_type: str | None = None
    stage: str | None = None
    message: str | None = None
    seconds: float = 0.0


@dataclass
class RunSummary:
    processed: int = 0
    skipped: int = 0
    failed: list[dict] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def discover(in_dir: Path) -> tuple[list[tuple[str, Path]], list[dict]]:
    """Input files under IN as (relative POSIX path, path), sorted. Hidden files, ignored patterns and
    symlinks leading outside IN are left out (the latter reported)."""
    root = in_dir.resolve()
    patterns: list[str] = []
    ignore = in_dir / IGNORE_FILE
    if ignore.is_file():
        patterns = [ln.strip() for ln in ignore.read_text(encoding="utf-8").splitlines()
                    if ln.strip() and not ln.startswith("#")]
    found, problems = [], []
    for dirpath, dirnames, filenames in os.walk(in_dir, followlinks=False):
        rel_dir = Path(dirpath).relative_to(in_dir).as_posix()
        keep = []
        for d in sorted(dirnames):
            rel = d if rel_dir == "." else f"{rel_dir}/{d}"
            if d.startswith(".") or _ignored(rel + "/", patterns):
                continue
            if (Path(dirpath) / d).is_symlink():
                continue  # symlinked directories are not followed
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            rel = f if rel_dir == "." else f"{rel_dir}/{f}"
            if f.startswith(".") or _ignored(rel, patterns):
                continue
            path = Path(dirpath) / f
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    problems.append({"file": rel, "stage": "read", "error_type": "outside_input",
                                     "message": "symlink leads outside the input folder; not followed"})
                    continue
            found.append((rel, path))
    found.sort(key=lambda x: x[0])
    return found, problems


def _ignored(rel: str, patterns: list[str]) -> bool:
    for p in patterns:
        p = p.lstrip("/")
        if p.endswith("/"):
            if rel.startswith(p) or f"/{p}" in f"/{rel}":
                return True
        elif fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p):
            return True
    return False


def run_key(config: ExtractConfig) -> dict:
    """Everything that changes a record besides the input bytes."""
    from extractor.nlp import model_info

    return {"extractor": __version__, **model_info(config.model), "rules": rules_digest(),
            "options": config.normalized()}


# --- worker side -----------------------------------------------------------------------------
_WORKER_CONFIG: ExtractConfig | None = None


def _init_worker(config: ExtractConfig) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    from extractor.nlp import load

    load(config.model)


def _inject_fault(source: str) -> None:
    """Testing hook: EXTRACTOR_FAULT='die:NAME' / 'hang:NAME' / 'raise:NAME' makes the worker
    misbehave on that one document, so tests can prove the run survives it."""
    spec = os.environ.get("EXTRACTOR_FAULT")
    if not spec:
        return
    kind, _, name = spec.partition(":")
    if name != source:
        return
    if kind == "die":
        os._exit(3)
    if kind == "hang":
        time.sleep(3600)
    if kind == "raise":
        raise RuntimeError("injected fault")


def process_file(path: str, source: str, config: ExtractConfig) -> Outcome:
    from extractor.pipeline import extract_document

    t0 = time.perf_counter()
    try:
        _inject_fault(source)
        p = Path(path)
        if p.is_dir():
            raise IngestError("not_a_file", "a directory, not a file", stage="read")
        size = p.stat().st_size
        if size > config.max_bytes:
            raise IngestError("too_large", f"{size} bytes, limit is {config.max_bytes}", stage="limits")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise IngestError("unreadable", f"{type(e).__name__}: {e.strerror or e}", stage="read") from e
        record = extract_document(data, source, config)
        return Outcome(source, True, dumps(record), seconds=time.perf_counter() - t0)
    except IngestError as e:
        return Outcome(source, False, error_type=e.error_type, stage=e.stage, message=str(e),
                       seconds=time.perf_counter() - t0)
    except MemoryError:
        return Outcome(source, False, error_type="out_of_memory", stage="extract", message="ran out of memory",
                       seconds=time.perf_counter() - t0)
    except Exception as e:  # a bug in a rule must not stop the run; it is logged with its type
        return Outcome(source, False, error_type="error", stage="extract", message=f"{type(e).__name__}: {e}",
                       seconds=time.perf_counter() - t0)


def _worker_process(path: str, source: str) -> Outcome:
    assert _WORKER_CONFIG is not None
    return process_file(path, source, _WORKER_CONFIG)


# --- the run -----------------------------------------------------------------------------------
def _file_hash(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _lock(out_dir: Path):
    import fcntl

    fh = open(out_dir / LOCK_FILE, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise RunError(f"another extractor run is writing to {out_dir} (lock {LOCK_FILE} is held); not starting")
    return fh


def run(in_dir: Path, out_dir: Path, config: ExtractConfig, jobs: int = 1, force: bool = False,
        prune: bool = False, log=None, timeout: float | None = None, progress: bool = False) -> RunSummary:
    log = log or (lambda msg: None)
    if not in_dir.is_dir():
        raise RunError(f"input folder {in_dir} does not exist or is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = _lock(out_dir)
    try:
        return _run_locked(in_dir, out_dir, config, jobs, force, prune, log, timeout, progress)
    finally:
        lock.close()


def _run_locked(in_dir, out_dir, config, jobs, force, prune, log, timeout, progress) -> RunSummary:
    t0 = time.perf_counter()
    summary = RunSummary()
    key = run_key(config)
    key_hash = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
    state_path = out_dir / STATE_FILE
    state = {"key": None, "documents": {}}
    if state_path.is_file():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except ValueError:
            log("state file unreadable; reprocessing everything")
    same_key = state.get("key") == key_hash and not force
    old_docs: dict = state.get("documents", {}) if same_key else {}

    files, problems = discover(in_dir)
    out_resolved = out_dir.resolve()
    files = [(rel, p) for rel, p in files if not p.resolve().is_relative_to(out_resolved)]
    summary.failed.extend(problems)
    new_docs: dict[str, dict] = {}
    pending: list[tuple[str, Path, str | None]] = []
    for rel, path in files:
        digest = _file_hash(path) if path.is_file() else None
        prev = old_docs.get(rel)
        if digest and prev and prev.get("sha256") == digest and (out_dir / (rel + ".json")).is_file():
            new_docs[rel] = prev
            summary.skipped += 1
        else:
            pending.append((rel, path, digest))

    # Largest files first, so no worker is left alone with a 200-page PDF at the end.
    pending.sort(key=lambda item: (-(item[1].stat().st_size if item[1].is_file() else 0), item[0]))
    durations: dict[str, float] = {}
    bar = None
    if progress and pending:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
        bar = tqdm(total=len(pending), unit="doc", file=sys.stderr, disable=None, leave=False)
    for outcome, digest in _execute(pending, config, jobs, timeout):
        if bar is not None:
            bar.update(1)
        rel = outcome.source
        durations[rel] = round(outcome.seconds, 3)
        target = out_dir / (rel + ".json")
        if outcome.ok:
            write_atomic(target, outcome.record_json)
            new_docs[rel] = {"sha256": digest}
            summary.processed += 1
            log(f"ok      {rel}")
        else:
            if target.is_file():
                target.unlink()  # a failed document has no record, not a stale one
            summary.failed.append({"file": rel, "stage": outcome.stage, "error_type": outcome.error_type,
                                   "message": outcome.message})
            log(f"FAILED  {rel}: {outcome.error_type}: {outcome.message}")

    if bar is not None:
        bar.close()
    inputs = {rel for rel, _ in files}
    for rel in sorted(set(state.get("documents", {})) - inputs):
        rec = out_dir / (rel + ".json")
        if rec.is_file():
            if prune:
                rec.unlink()
                summary.pruned.append(rel)
            else:
                summary.orphaned.append(rel)
                new_docs[rel] = state["documents"][rel]
    summary.failed.sort(key=lambda e: e["file"])
    summary.seconds = time.perf_counter() - t0
    write_atomic(out_dir / ERROR_LOG, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.failed))
    write_atomic(state_path, dumps({"key": key_hash, "documents": dict(sorted(new_docs.items()))}))
    write_atomic(out_dir / MANIFEST, dumps({
        "extractor_version": __version__, "run_key": key,
        "counts": {"inputs": len(files), "processed": summary.processed, "skipped": summary.skipped,
                   "failed": len(summary.failed), "orphaned": len(summary.orphaned), "pruned": len(summary.pruned)},
        "seconds": round(summary.seconds, 3), "jobs": jobs, "timeout": timeout,
        "failures": summary.failed, "orphaned": summary.orphaned, "pruned": summary.pruned,
        "durations": dict(sorted(durations.items())),
    }))
    return summary


def _execute(pending, config: ExtractConfig, jobs: int, timeout: float | None):
    """Yield (Outcome, sha256) per pending file, in completion order.

    Documents run in a pebble process pool: each worker loads the model once, a document past
    `timeout` seconds has its worker killed and is logged as `timeout`, a worker that dies
    (segfault, os._exit, out of memory) is logged as `worker_died`, and the pool carries on.
    Workers are recycled after MAX_TASKS documents so memory stays bounded on long runs.
    """
    if not pending:
        return
    from concurrent.futures import TimeoutError as FutureTimeout

    import multiprocessing as mp

    from pebble import ProcessExpired, ProcessPool

    # fork: workers inherit the pipeline loaded just below, copy-on-write, instead of loading their own.
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    if ctx.get_start_method() == "fork":
        from extractor.nlp import load

        load(config.model)  # once here; every forked worker shares it
    with ProcessPool(max_workers=min(jobs, len(pending)), max_tasks=MAX_TASKS, initializer=_init_worker,
                     initargs=(config,), context=ctx) as pool:
        futures = [(pool.schedule(_worker_process, (str(path), rel), timeout=timeout), rel, digest)
                   for rel, path, digest in pending]
        for future, rel, digest in futures:
            try:
                outcome = future.result()
            except FutureTimeout:
                outcome = Outcome(rel, False, error_type="timeout", stage="extract",
                                  message=f"extraction took longer than {timeout:g} s; the worker was stopped",
                                  seconds=timeout or 0.0)
            except ProcessExpired as e:
                outcome = Outcome(rel, False, error_type="worker_died", stage="extract",
                                  message=f"the worker process died (exit code {e.exitcode})")
            except Exception as e:  # a pickling or pool error must not stop the run
                outcome = Outcome(rel, False, error_type="error", stage="extract", message=f"{type(e).__name__}: {e}")
            yield outcome, digest
