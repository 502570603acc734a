"""Compatibility: the batch run now lives in `extractor.batch` (see its package docstring).

`run(in_dir, out_dir, config, jobs=..., ...)` keeps the old call shape and builds a RunOptions;
`discover(in_dir)` gives the old ([(relative name, path)], [problem dict]) pair.
"""

from __future__ import annotations

from pathlib import Path

from extractor.batch import RunError, RunOptions, RunSummary, run_key
from extractor.batch import run as run_batch
from extractor.batch.discover import IGNORE_FILE
from extractor.batch.discover import discover as _discover
from extractor.batch.output import ERROR_LOG, LEGACY, LOCK_FILE, MANIFEST, RUN_DIR, STATE_FILE
from extractor.batch.pool import MAX_TASKS
from extractor.batch.worker import Outcome, process_file
from extractor.config import ExtractConfig

#: Names of the run's own files (current ones under OUT/.extractor/, and the pre-0.2 ones at the top).
RESERVED = {STATE_FILE, ERROR_LOG, MANIFEST, LOCK_FILE, *LEGACY.values()}

__all__ = [
    "RunError",
    "RunOptions",
    "RunSummary",
    "run",
    "run_key",
    "discover",
    "process_file",
    "Outcome",
    "RESERVED",
    "RUN_DIR",
    "IGNORE_FILE",
    "MAX_TASKS",
]


def discover(in_dir: Path) -> tuple[list[tuple[str, Path]], list[dict]]:
    found = _discover(Path(in_dir))
    return [(i.rel, i.path) for i in found.inputs], [p.entry() for p in found.problems]


def run(
    in_dir: Path,
    out_dir: Path,
    config: ExtractConfig = ExtractConfig(),
    jobs: int = 1,
    force: bool = False,
    prune: bool = False,
    log=None,
    timeout: float | None = None,
    progress: bool = False,
    **more,
) -> RunSummary:
    """Extract every supported file under `in_dir` into `out_dir` (one JSON record each, run files under
    OUT/.extractor/): incremental unless `force`, `jobs` worker processes, per-document `timeout`;
    returns the RunSummary (extracted, unchanged, failed). A bad file is a line in the error log."""
    return run_batch(
        RunOptions(
            in_dir=Path(in_dir),
            out_dir=Path(out_dir),
            config=config,
            jobs=jobs,
            force=force,
            prune=prune,
            log=log,
            timeout=timeout or None,
            progress=progress,
            **more,
        )
    )
