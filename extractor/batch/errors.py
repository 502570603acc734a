"""Typed errors of the batch run, each with a code.

Two kinds: a `BatchError` stops the whole run (its `exit_status` is the command's exit status:
2 for a usage error, a locked or unusable OUT; 1 for a full disk mid-run), and a `DocumentError`
concerns one document (its `error_type` and `stage` become a line in the error log; the run goes on).
"""

from __future__ import annotations


class BatchError(Exception):
    """The run cannot start or cannot go on. `code` names the reason; `exit_status` is the exit status."""

    code = "batch_error"
    exit_status = 2


class UsageError(BatchError):
    """Bad paths: IN missing, IN and OUT the same or one inside the other."""

    code = "usage"


class LockedError(BatchError):
    """Another live run holds OUT's lock."""

    code = "locked"


class OutputUnusable(BatchError):
    """OUT cannot be created or written (read-only file system, a regular file in the way, no permission)."""

    code = "output_unusable"


class OutputFull(BatchError):
    """Writing to OUT failed for every document from now on (disk full, quota, file system gone read-only)."""

    code = "disk_full"
    exit_status = 1


#: Compatibility name (extractor.runner.RunError).
RunError = BatchError


class DocumentError(Exception):
    """One document cannot be processed. `error_type` and `stage` go to the error log."""

    def __init__(self, error_type: str, message: str, stage: str = "read"):
        super().__init__(message)
        self.error_type = error_type
        self.stage = stage


#: Error types the batch itself gives (the readers add theirs: empty, corrupt, encrypted, ...).
ERROR_TYPES = {
    "not_regular_file": "a FIFO, device, socket or other non-regular file: not an input",
    "symlink_loop": "a symlink that leads back to itself",
    "dangling_symlink": "a symlink whose target does not exist",
    "outside_input": "a symlink leading outside IN (not followed)",
    "bad_file_name": "a file name that is not valid UTF-8",
    "name_too_long": "the record's name would pass the file system's limit",
    "output_conflict": "something other than a record is where the record goes (a folder, a symlink out of OUT)",
    "unreadable": "the file or folder cannot be read (permissions, I/O error)",
    "vanished": "the file was deleted or replaced during the run",
    "too_large": "over --max-bytes, or over --max-memory while extracting",
    "timeout": "over --timeout",
    "worker_died": "the worker process died (crash, killed)",
    "disk_full": "the record could not be written: no space left (the run stops)",
    "write_failed": "the record could not be written for another reason",
    "error": "an unexpected error in the extractor itself (a bug): the message names the exception",
}
