"""The run's options as one validated object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractor.config import ExtractConfig

DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_TIMEOUT_S = 120.0
# One core runs the pipeline at 32-45 CPU-s per MB of text (benchmarks/scale.py, flat in size);
# 60 s per MB of input on top of the base leaves room for a loaded machine, so a document under
# --max-bytes (20 MiB: at most 120 + 60 x 21 = 1,378 s) finishes inside its limit.
DEFAULT_TIMEOUT_PER_MB_S = 60.0


def document_timeout(timeout: float | None, per_mb: float, size: int) -> float | None:
    """Seconds one document of `size` bytes may take: the base plus `per_mb` for each MB (None: no limit)."""
    if timeout is None:
        return None
    return timeout + per_mb * size / 1e6


class RunOptions(BaseModel):
    """Everything `extractor.batch.run` needs. Invalid values raise pydantic's ValidationError.

    `timeout` None means no limit; `max_memory` is each worker's address-space limit in MB
    (RLIMIT_AS; 0 means no limit); the state is checkpointed every `checkpoint_every` records or
    `checkpoint_seconds` seconds, whichever comes first. `log` receives one line per event.
    `handle_signals` lets the run trap SIGINT/SIGTERM (only possible in the main thread).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")

    in_dir: Union[Path, str]  # a folder, or an fsspec URL (s3://bucket/prefix, file:///archive)
    out_dir: Path
    config: ExtractConfig = Field(default_factory=ExtractConfig)
    jobs: int = Field(1, ge=1, le=1024)
    force: bool = False
    prune: bool = False
    timeout: Optional[float] = Field(None, gt=0)
    timeout_per_mb: float = Field(0.0, ge=0)  # added to timeout for each MB of the input
    scheduler: Optional[str] = None  # a Dask scheduler address (tcp://host:8786): run there
    cluster: Optional[int] = Field(None, ge=1, le=1024)  # start a local Dask cluster of N worker processes
    max_memory: int = Field(DEFAULT_MAX_MEMORY_MB, ge=0)
    progress: bool = False
    checkpoint_every: int = Field(50, ge=1)
    checkpoint_seconds: float = Field(1.0, gt=0)
    include: tuple[str, ...] = ()  # gitignore-style patterns: only matching files are inputs
    exclude: tuple[str, ...] = ()  # gitignore-style patterns: matching files and folders are left out
    strict: bool = False  # files no reader takes fail as unsupported_format instead of being skipped
    log: Optional[Callable[[str], None]] = None
    handle_signals: bool = True

    @field_validator("in_dir", mode="before")
    @classmethod
    def _folder_or_url(cls, v):
        return v if isinstance(v, str) and "://" in v else Path(v)

    @field_validator("max_memory")
    @classmethod
    def _enough_memory(cls, v: int) -> int:
        if 0 < v < 256:
            raise ValueError("--max-memory is in MB: 0 (no limit) or at least 256")
        return v
