"""The batch run over a folder (`extractor extract IN OUT`), in small modules:

- `options`  RunOptions, the run's options as one validated object
- `discover` the inputs under IN (regular files only) and what cannot be an input
- `state`    the incremental state, validated on reading
- `lock`     OUT's lock, owned by the main process only
- `pool`     the process pool (timeouts, dead workers, stop on a signal); the `TEST_HOOK` seam
- `worker`   the worker process: dies with its parent, memory cap, one file -> one Outcome
- `output`   OUT's layout, record writing, temp-file cleanup, printable names
- `report`   the error log, state and manifest at the end of a run
- `run`      the run itself
- `errors`   typed errors, each with a code
"""

from extractor.batch.errors import (
    BatchError,
    DocumentError,
    LockedError,
    OutputFull,
    OutputUnusable,
    RunError,
    UsageError,
)
from extractor.batch.options import RunOptions
from extractor.batch.run import RunSummary, run, run_key

__all__ = [
    "BatchError",
    "DocumentError",
    "LockedError",
    "OutputFull",
    "OutputUnusable",
    "RunError",
    "UsageError",
    "RunOptions",
    "RunSummary",
    "run",
    "run_key",
]
